//! The running half: a database filled with generated data, the release server on it, and every
//! measurement taken against that server, gathered into [`Results`].

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use portal_contract::paths::{self, customers_query as query};
use portal_contract::{Customer, demo};

use super::results::{EngineFigures, Lighthouse, PagePlan, Pages, Results, Scenario, round};
use super::{export, soak, wrk};
use crate::live::{self, Client, Server, Session};
use crate::postgres::Postgres;
use crate::{Result, output, run};

pub const ADDR: &str = "127.0.0.1:18090";
/// Signed in for the lists and the browser measurements.
pub const EMAIL: &str = demo::CONTOSO_ADMIN_AGENT;
/// wrk runs per scenario.
const RUNS: usize = 3;
/// The page size the deep page is reached with: the largest the API serves.
const DEEP_STEP: u64 = portal_contract::customers::MAX_PAGE_SIZE as u64;
/// Audit entries the seed adds, so the export is measured at the size partners reach.
const AUDIT_ENTRIES: u64 = 100_000;

/// `bench server`: seeds `dir` with `customers`, starts the server on it and measures the API
/// under load, the audit export and the soak; then the same on PostgreSQL. Its figures replace
/// those of the last server run in `results`.
pub fn server(root: &Path, dir: &Path, customers: u64, results: &mut Results) -> Result {
    let database_url = live::database_url(dir);
    let seed_seconds = seed(root, &database_url, customers)?;
    let query_plans = query_plans(root, &database_url, demo::CONTOSO.domain)?;
    let server = Server::start(root, ADDR, dir)?;
    let client = Client::new(ADDR);
    let session = client.sign_in(EMAIL)?;
    let scenarios = under_load(root, dir, &client, &session, customers)?;
    let admin = client.sign_in(demo::CONTOSO_GLOBAL_ADMIN)?;
    let audit_export = export::measure(&client, &admin, server.pid(), AUDIT_ENTRIES)?;
    eprintln!("bench: audit export: {audit_export:?}");
    let soak = soak::measure(ADDR, server.pid(), soak_seconds())?;
    eprintln!("bench: soak on SQLite: {soak:?}");
    drop(server);
    // The SQLite database is done with; the PostgreSQL one takes as much room again.
    let _ = std::fs::remove_file(dir.join("portal.db"));
    let postgres = on_postgres(root, dir, customers)?;
    results.customers = customers;
    results.seed_seconds = seed_seconds;
    results.wrk = wrk::SETTINGS;
    results.scenarios = scenarios;
    results.audit_export = audit_export;
    results.query_plans = query_plans;
    results.soak = Some(soak);
    results.postgres = Some(postgres);
    Ok(())
}

/// `bench browser`: seeds `dir` with `customers`, starts the server on it and measures in
/// headless Chromium: search, cold load, 1,000 rows, the bytes of a first visit, Lighthouse.
pub fn browser(root: &Path, dir: &Path, customers: u64, results: &mut Results) -> Result {
    seed(root, &live::database_url(dir), customers)?;
    let _server = Server::start(root, ADDR, dir)?;
    results.keystroke_to_paint_ms = search_latency(root)?;
    results.pages = page_load(root)?;
    results.lighthouse = lighthouse(root);
    Ok(())
}

/// When, as `2026-12-02 14:35 UTC`.
pub fn now(root: &Path) -> String {
    output(
        root,
        Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]),
    )
    .unwrap_or_default()
    .trim()
    .to_owned()
}

/// The commit measured: `HEAD`, and whether the work tree differed from it (the results and
/// the report the bench writes itself do not count).
pub fn commit(root: &Path) -> String {
    let head = output(
        root,
        Command::new("git").args(["rev-parse", "--short", "HEAD"]),
    )
    .unwrap_or_default()
    .trim()
    .to_owned();
    let changed = output(
        root,
        Command::new("git").args([
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            ".",
            ":!bench/results.json",
            ":!BENCHMARKS.md",
        ]),
    )
    .is_some_and(|s| !s.trim().is_empty());
    if changed {
        format!("{head} (uncommitted changes)")
    } else {
        head
    }
}

/// The API half on a PostgreSQL server of the bench's own (durable commits, as in production):
/// the same data size, the same requests, the plans of the same pages.
fn on_postgres(root: &Path, dir: &Path, customers: u64) -> Result<EngineFigures> {
    let postgres = Postgres::start_durable(root)?;
    let database_url = postgres.database_url("portal_bench");
    let seed_seconds = seed(root, &database_url, customers)?;
    let query_plans = query_plans(root, &database_url, demo::CONTOSO.domain)?;
    let server_dir = dir.join("postgres");
    std::fs::create_dir_all(&server_dir).map_err(|e| e.to_string())?;
    let server = Server::start_with(root, ADDR, &server_dir, &database_url)?;
    let client = Client::new(ADDR);
    let session = client.sign_in(EMAIL)?;
    let scenarios = under_load(root, &server_dir, &client, &session, customers)?;
    let soak = soak::measure(ADDR, server.pid(), soak_seconds())?;
    eprintln!("bench: soak on PostgreSQL: {soak:?}");
    Ok(EngineFigures {
        seed_seconds,
        scenarios,
        query_plans,
        soak: Some(soak),
    })
}

/// How long each engine's soak runs: `BENCH_SOAK_SECONDS`, five minutes by default.
fn soak_seconds() -> u64 {
    std::env::var("BENCH_SOAK_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// `portal-seed`: the demo data, `customers` generated customers and the audit entries; how
/// long it took, in seconds.
fn seed(root: &Path, database_url: &str, customers: u64) -> Result<f64> {
    let started = Instant::now();
    run(
        root,
        Command::new(root.join("target/release/portal-seed")).args([
            "--database-url",
            database_url,
            "--customers",
            &customers.to_string(),
            "--audit-entries",
            &AUDIT_ENTRIES.to_string(),
        ]),
    )?;
    Ok(round(started.elapsed().as_secs_f64(), 2))
}

/// `portal-query-plans` on the filled database: the plans of what the list pages of the
/// partner with primary domain `partner` run.
pub fn query_plans(root: &Path, database_url: &str, partner: &str) -> Result<Vec<PagePlan>> {
    let json = output(
        root,
        Command::new(root.join("target/release/portal-query-plans")).args([
            "--database-url",
            database_url,
            "--partner",
            partner,
        ]),
    )
    .ok_or("portal-query-plans failed")?;
    serde_json::from_str(&json).map_err(|e| format!("portal-query-plans answered {e}"))
}

/// `bench/lighthouse.mjs`: Lighthouse's mobile preset on sign-in and Customers, three runs
/// each, alternating. A failure is reported and leaves the figure out.
pub fn lighthouse(root: &Path) -> Option<Lighthouse> {
    let mut cmd = Command::new("node");
    cmd.args([
        "bench/lighthouse.mjs",
        &format!("http://{ADDR}"),
        EMAIL,
        demo::PASSWORD,
        "3",
    ])
    .current_dir(root)
    .env("PATH", crate::tool_path(root));
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("bench: Lighthouse did not start (node: {e})");
            return None;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let parsed = stdout
        .lines()
        .find_map(|l| l.strip_prefix("result:"))
        .and_then(|json| serde_json::from_str(json).ok());
    if parsed.is_none() {
        // Say why: the script's own last words, not a guess.
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        eprintln!("bench: Lighthouse gave no result ({}):", out.status);
        for line in tail.into_iter().rev() {
            eprintln!("  {line}");
        }
    }
    parsed
}

/// The continuation token that opens the page starting at row `rows + 1` (a multiple of
/// [`DEEP_STEP`]).
pub fn deep_token(client: &Client, session: &Session, rows: u64) -> Result<String> {
    let path = live::with_query(paths::CUSTOMERS, &[(query::SIZE, &DEEP_STEP.to_string())]);
    let mut token: Option<String> = None;
    for read in 1..=rows / DEEP_STEP {
        let page = client.page::<Customer>(session, &path, token.as_deref())?;
        token = page.continuation_token;
        if token.is_none() {
            // What the list said where it ended, for finding out why.
            return Err(format!(
                "the list ended before the deep page (row {}): page {read} of {} rows had no \
                 continuation token; it held {} items, the first {:?}, the last {:?}, and the \
                 list counted {}",
                rows + 1,
                DEEP_STEP,
                page.items.len(),
                page.items.first().map(|c| &c.company_profile.company_name),
                page.items.last().map(|c| &c.company_profile.company_name),
                page.total_count,
            ));
        }
    }
    token.ok_or_else(|| "no deep page: fewer rows than one page".into())
}

/// Rows skipped to the deep page: half the list, in whole pages of [`DEEP_STEP`].
pub fn deep_rows(customers: u64) -> u64 {
    (customers / 2).max(DEEP_STEP) / DEEP_STEP * DEEP_STEP
}

/// The API under load with wrk: the static-file baseline first, then the lists, then creates.
fn under_load(
    root: &Path,
    dir: &Path,
    client: &Client,
    session: &Session,
    customers: u64,
) -> Result<Vec<Scenario>> {
    let deep_rows = deep_rows(customers);
    let deep = deep_token(client, session, deep_rows)?;
    let customers_with =
        |name: &str, value: &str| live::with_query(paths::CUSTOMERS, &[(name, value)]);
    let gets = [
        (
            "Static file (baseline)".to_owned(),
            "/favicon.svg".to_owned(),
        ),
        (
            "Customers, first page of 50".to_owned(),
            paths::CUSTOMERS.to_owned(),
        ),
        (
            format!("Customers, deep page (from row {})", deep_rows + 1),
            customers_with(query::CONTINUATION_TOKEN, &deep),
        ),
        (
            "Customers, search \"bala\" (four letters)".to_owned(),
            customers_with(query::FILTER, "bala"),
        ),
        (
            "Customers, search \"b\" (first keystroke)".to_owned(),
            customers_with(query::FILTER, "b"),
        ),
        (
            "Customers, sorted by customer since, newest first".to_owned(),
            customers_with(query::SORT, "customerSince:desc"),
        ),
        // The seed gives every customer several granular admin relationships.
        (
            "Admin relationships, first page of 50".to_owned(),
            paths::ADMIN_RELATIONSHIPS.to_owned(),
        ),
        (
            "Admin relationships, search \"bala\"".to_owned(),
            live::with_query(paths::ADMIN_RELATIONSHIPS, &[(query::FILTER, "bala")]),
        ),
        (
            "Admin relationships ending within 30 days".to_owned(),
            live::with_query(paths::ADMIN_RELATIONSHIPS, &[("endingWithin", "30")]),
        ),
    ];
    let mut scenarios = Vec::new();
    for (name, path) in gets {
        scenarios.push(scenario(root, session, name, &path, None)?);
    }
    // Every request creates one invitation, committed with `synchronous = FULL` before the 201.
    let create = dir.join("create.lua");
    std::fs::write(&create, create_script()).map_err(|e| e.to_string())?;
    scenarios.push(scenario(
        root,
        session,
        "Invitation create (POST, durable commit)".to_owned(),
        paths::RELATIONSHIP_REQUESTS,
        Some(&create),
    )?);
    Ok(scenarios)
}

pub fn scenario(
    root: &Path,
    session: &Session,
    name: String,
    path: &str,
    script: Option<&Path>,
) -> Result<Scenario> {
    let runs = (0..RUNS)
        .map(|_| wrk::run(root, ADDR, session, path, script).map(|l| l.rounded()))
        .collect::<Result<Vec<_>>>()?;
    eprintln!("bench: {name}: {runs:?}");
    Ok(Scenario { name, runs })
}

/// wrk's Lua for the create scenario: the body the stress test's clients send too.
fn create_script() -> String {
    let body = serde_json::to_string(&live::new_invitation()).expect("a plain struct");
    format!(
        "wrk.method = \"POST\"\nwrk.body = '{body}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
    )
}

/// `bench/search-latency.mjs`: ms from a keystroke in the search box to the painted result.
fn search_latency(root: &Path) -> Result<Vec<f64>> {
    let out = output(
        root,
        Command::new("node").args([
            "bench/search-latency.mjs",
            &format!("http://{ADDR}"),
            EMAIL,
            demo::PASSWORD,
        ]),
    )
    .ok_or("the browser measurement failed")?;
    let samples: Vec<f64> = out
        .lines()
        .find_map(|l| l.strip_prefix("samples:"))
        .ok_or("no samples from the browser measurement")?
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    if samples.is_empty() {
        return Err("no keystroke samples".into());
    }
    Ok(samples)
}

/// `bench/page-load.mjs`: cold load, 1,000 rows against vanilla JS, memory.
fn page_load(root: &Path) -> Result<Pages> {
    let out = output(
        root,
        Command::new("node").args([
            "bench/page-load.mjs",
            &format!("http://{ADDR}"),
            EMAIL,
            demo::PASSWORD,
            &RUNS.max(5).to_string(),
            demo::FABRIKAM_ADMIN,
        ]),
    )
    .ok_or("the page-load measurement failed")?;
    let json = out
        .lines()
        .find_map(|l| l.strip_prefix("result:"))
        .ok_or("no result from the page-load measurement")?;
    serde_json::from_str(json).map_err(|e| format!("unreadable page-load result: {e}"))
}

/// Cores, CPU model and the Chromium measured with.
pub fn machine(root: &Path) -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let chromium =
        output(root, Command::new("/usr/bin/chromium").arg("--version")).unwrap_or_default();
    format!("{cores} cores, {cpu}; {}", chromium.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_create_script_posts_an_invitation() {
        let script = create_script();
        assert!(script.starts_with("wrk.method = \"POST\"\n"), "{script}");
        assert!(
            script.contains(r#"wrk.body = '{"allowDelegatedAccess":true,"#),
            "{script}"
        );
        assert!(script.contains(r#""language":"en"}'"#), "{script}");
    }
}
