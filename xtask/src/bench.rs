//! `cargo xtask bench`: builds the release, fills a database with generated customers (100,000
//! by default, `BENCH_CUSTOMERS` to change), starts the real server on it, and measures:
//!
//! - the API under load with wrk (first page, a deep page, a search, another sort order) beside
//!   a small static file from the same server, the machine's baseline;
//! - in headless Chromium, the time from a keystroke in the search box to the painted result
//!   (`bench/search-latency.mjs`).
//!
//! Figures go to `BENCHMARKS.md` (a table, the machine, the date, how to reproduce) and the raw
//! numbers to `bench/results.json`. Several runs each; medians reported with min–max.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::live::{self, PASSWORD, Server, json_string};
use crate::{Result, build, export_memory, output, run};

const ADDR: &str = "127.0.0.1:18090";
const EMAIL: &str = "adminagent@contoso-partner.example";
/// wrk runs per scenario, and seconds per run.
const RUNS: usize = 3;
const SECONDS: u32 = 5;
const CONNECTIONS: u32 = 8;

pub fn all(root: &Path) -> Result {
    build::all(root)?;
    let customers: u64 = std::env::var("BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = root.join("target/bench");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let database = live::database_url(&dir);
    let started = Instant::now();
    run(
        root,
        Command::new(root.join("target/release/portal-seed")).args([
            "--database-url",
            &database,
            "--customers",
            &customers.to_string(),
            "--audit-entries",
            &AUDIT_ENTRIES.to_string(),
        ]),
    )?;
    let seed_secs = started.elapsed().as_secs_f64();
    let server = Server::start(root, ADDR, &dir)?;
    let outcome = measure(root, customers, seed_secs, server.pid());
    drop(server);
    outcome
}

/// The continuation token that opens the page starting at row `rows + 1`.
fn deep_token(cookie: &str, rows: u64) -> Result<String> {
    let mut token: Option<String> = None;
    for _ in 0..rows / 200 {
        let body = live::page(ADDR, cookie, "/api/v1/customers?size=200", token.as_deref())?;
        token = json_string(&body, "continuationToken");
        if token.is_none() {
            break;
        }
    }
    token.ok_or_else(|| "the list is shorter than the deep page".into())
}

/// One wrk run's figures.
#[derive(Debug, Clone, Copy)]
struct Load {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
}

fn wrk(root: &Path, cookie: &str, path: &str, script: Option<&Path>) -> Result<Load> {
    let mut cmd = Command::new("wrk");
    if let Some(script) = script {
        cmd.arg("-s").arg(script);
    }
    let out = output(
        root,
        cmd.args([
            "-t2",
            &format!("-c{CONNECTIONS}"),
            &format!("-d{SECONDS}s"),
            "--latency",
            "-H",
            &format!("Cookie: {cookie}"),
            "-H",
            "Accept-Encoding: br, gzip",
            &format!("http://{ADDR}{path}"),
        ]),
    )
    .ok_or("wrk failed")?;
    parse_wrk(&out).ok_or_else(|| format!("cannot read wrk's output:\n{out}"))
}

fn parse_wrk(out: &str) -> Option<Load> {
    let ms = |v: &str| -> Option<f64> {
        let (n, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic())?);
        let n: f64 = n.parse().ok()?;
        Some(match unit {
            "us" => n / 1000.0,
            "ms" => n,
            "s" => n * 1000.0,
            _ => return None,
        })
    };
    let percentile = |p: &str| {
        out.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(p).map(str::trim))
            .and_then(ms)
    };
    let rps = out
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))?
        .trim()
        .parse()
        .ok()?;
    if out.contains("Non-2xx or 3xx responses") {
        return None;
    }
    Some(Load {
        rps,
        p50_ms: percentile("50%")?,
        p99_ms: percentile("99%")?,
    })
}

/// Median, min and max.
fn stats(values: &[f64]) -> (f64, f64, f64) {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

struct Scenario {
    name: String,
    runs: Vec<Load>,
}

/// wrk's request for the invitation-create scenario: every request creates one invitation,
/// committed with `synchronous = FULL` before the 201 goes out.
const CREATE_SCRIPT: &str = r#"wrk.method = "POST"
wrk.body = '{"allowDelegatedAccess":true,"language":"en"}'
wrk.headers["Content-Type"] = "application/json"
"#;

/// Audit entries the seed adds, so the export is measured at the size partners reach.
const AUDIT_ENTRIES: u64 = 100_000;

fn measure(root: &Path, customers: u64, seed_secs: f64, server_pid: u32) -> Result {
    let cookie = live::sign_in(ADDR, EMAIL)?;
    let deep_rows = (customers / 2).max(200) / 200 * 200;
    let deep = deep_token(&cookie, deep_rows)?;
    let paths = [
        (
            "Static file (baseline)".to_owned(),
            "/favicon.svg".to_owned(),
        ),
        (
            "Customers, first page of 50".to_owned(),
            "/api/v1/customers".to_owned(),
        ),
        (
            format!("Customers, deep page (from row {})", deep_rows + 1),
            format!("/api/v1/customers?continuationToken={deep}"),
        ),
        (
            "Customers, search \"bala\" (four letters)".to_owned(),
            "/api/v1/customers?filter=bala".to_owned(),
        ),
        (
            "Customers, search \"b\" (first keystroke)".to_owned(),
            "/api/v1/customers?filter=b".to_owned(),
        ),
        (
            "Customers, sorted by customer since, newest first".to_owned(),
            "/api/v1/customers?sort=customerSince:desc".to_owned(),
        ),
    ];
    let create_script = root.join("target/bench/create.lua");
    std::fs::write(&create_script, CREATE_SCRIPT).map_err(|e| e.to_string())?;
    let mut scenarios = Vec::new();
    let creates = (
        "Invitation create (POST, durable commit)".to_owned(),
        "/api/v1/customers/relationshiprequests".to_owned(),
    );
    for (name, path) in paths.into_iter().chain([creates]) {
        let script = path
            .ends_with("relationshiprequests")
            .then_some(&*create_script);
        let mut runs = Vec::new();
        for _ in 0..RUNS {
            runs.push(wrk(root, &cookie, &path, script)?);
        }
        eprintln!("bench: {name}: {runs:?}");
        scenarios.push(Scenario { name, runs });
    }
    let admin = live::sign_in(ADDR, "globaladmin@contoso-partner.example")?;
    let export = export_memory::measure(ADDR, &admin, server_pid)?;
    eprintln!("bench: audit export: {export:?}");
    let browser = output(
        root,
        Command::new("node").args([
            "bench/search-latency.mjs",
            &format!("http://{ADDR}"),
            EMAIL,
            PASSWORD,
        ]),
    )
    .ok_or("the browser measurement failed")?;
    let keystrokes: Vec<f64> = browser
        .lines()
        .find_map(|l| l.strip_prefix("samples:"))
        .ok_or("no samples from the browser measurement")?
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    if keystrokes.is_empty() {
        return Err("no keystroke samples".into());
    }
    let pages = output(
        root,
        Command::new("node").args([
            "bench/page-load.mjs",
            &format!("http://{ADDR}"),
            EMAIL,
            PASSWORD,
            &RUNS.max(5).to_string(),
        ]),
    )
    .ok_or("the page-load measurement failed")?;
    let pages: serde_json::Value = pages
        .lines()
        .find_map(|l| l.strip_prefix("result:"))
        .ok_or("no result from the page-load measurement")
        .and_then(|j| serde_json::from_str(j).map_err(|_| "unreadable page-load result"))?;
    write_results(
        root,
        customers,
        seed_secs,
        &scenarios,
        &keystrokes,
        &pages,
        &export,
    )
}

fn machine(root: &Path) -> String {
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

fn write_results(
    root: &Path,
    customers: u64,
    seed_secs: f64,
    scenarios: &[Scenario],
    keystrokes: &[f64],
    pages: &serde_json::Value,
    export: &export_memory::Figures,
) -> Result {
    let date = output(
        root,
        Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]),
    )
    .unwrap_or_default();
    let baseline = stats(&scenarios[0].runs.iter().map(|r| r.rps).collect::<Vec<_>>()).0;
    let mut md = String::new();
    md.push_str("# Benchmarks\n\n");
    md.push_str(&format!(
        "Measured {} on {}.\nReproduce with `cargo xtask bench` (`BENCH_CUSTOMERS=n` for another size); raw figures in `bench/results.json`.\n\n",
        date.trim(),
        machine(root)
    ));
    md.push_str(&format!(
        "## API under load, {customers} customers\n\nwrk, 2 threads, {CONNECTIONS} connections, {SECONDS} s per run, {RUNS} runs; medians with min–max. The server and wrk share the machine's cores. Generating the customers took {seed_secs:.1} s.\n\n"
    ));
    md.push_str("| scenario | requests/s | p50 ms | p99 ms | rate / static file |\n| --- | --- | --- | --- | --- |\n");
    let mut json_scenarios = Vec::new();
    for s in scenarios {
        let rps = stats(&s.runs.iter().map(|r| r.rps).collect::<Vec<_>>());
        let p50 = stats(&s.runs.iter().map(|r| r.p50_ms).collect::<Vec<_>>());
        let p99 = stats(&s.runs.iter().map(|r| r.p99_ms).collect::<Vec<_>>());
        md.push_str(&format!(
            "| {} | {:.0} ({:.0}–{:.0}) | {:.2} ({:.2}–{:.2}) | {:.2} ({:.2}–{:.2}) | {:.2} |\n",
            s.name,
            rps.0,
            rps.1,
            rps.2,
            p50.0,
            p50.1,
            p50.2,
            p99.0,
            p99.1,
            p99.2,
            rps.0 / baseline
        ));
        let runs: Vec<String> = s
            .runs
            .iter()
            .map(|r| {
                format!(
                    r#"{{"rps":{:.1},"p50Ms":{:.3},"p99Ms":{:.3}}}"#,
                    r.rps, r.p50_ms, r.p99_ms
                )
            })
            .collect();
        json_scenarios.push(format!(
            r#"{{"name":{:?},"runs":[{}]}}"#,
            s.name,
            runs.join(",")
        ));
    }
    let keys = stats(keystrokes);
    let mut sorted = keystrokes.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let p95 = sorted[(sorted.len() * 95 / 100).min(sorted.len() - 1)];
    md.push_str(&format!(
        "\n## Search in the browser, {customers} customers\n\nHeadless Chromium, Customers page; time from the keystroke event to the first frame painted after the list changed, over {} keystrokes (includes the request and the render).\n\n| figure | ms |\n| --- | --- |\n| median | {:.1} |\n| p95 | {:.1} |\n| min–max | {:.1}–{:.1} |\n",
        keystrokes.len(),
        keys.0,
        p95,
        keys.1,
        keys.2
    ));
    md.push_str(&page_figures(pages));
    md.push_str(&export.markdown(AUDIT_ENTRIES));
    let (sizes, first_load_br) = transfer_sizes(&root.join("dist"))?;
    md.push_str(&sizes);
    let first_page = &scenarios[1];
    let creates = scenarios.last().expect("scenarios");
    let median =
        |s: &Scenario, f: fn(&Load) -> f64| stats(&s.runs.iter().map(f).collect::<Vec<_>>()).0;
    let rows = (samples(pages, "rows.app"), samples(pages, "rows.vanilla"));
    md.push_str(&budgets(&Figures {
        first_load_kb: first_load_br as f64 / 1024.0,
        rows_ratio: (!rows.0.is_empty() && !rows.1.is_empty())
            .then(|| stats(&rows.0).0 / stats(&rows.1).0),
        keystroke_ms: keys.0,
        api_ratio: median(first_page, |l| l.rps) / baseline,
        api_p99_ms: median(first_page, |l| l.p99_ms),
        creates_per_s: median(creates, |l| l.rps),
    }));
    std::fs::write(root.join("BENCHMARKS.md"), md).map_err(|e| e.to_string())?;
    let samples: Vec<String> = keystrokes.iter().map(|k| format!("{k:.2}")).collect();
    let json = format!(
        "{{\"date\":{:?},\"machine\":{:?},\"customers\":{customers},\"seedSeconds\":{seed_secs:.2},\"wrk\":{{\"threads\":2,\"connections\":{CONNECTIONS},\"seconds\":{SECONDS}}},\"scenarios\":[{}],\"keystrokeToPaintMs\":[{}],\"pages\":{pages},\"auditExport\":{{\"entries\":{AUDIT_ENTRIES},\"bytes\":{},\"firstByteMs\":{:.1},\"totalMs\":{:.1},\"rssBeforeKiB\":{},\"rssPeakKiB\":{}}}}}\n",
        date.trim(),
        machine(root),
        json_scenarios.join(","),
        samples.join(","),
        export.bytes,
        export.first_byte_ms,
        export.total_ms,
        export.rss_before_kib,
        export.rss_peak_kib
    );
    std::fs::create_dir_all(root.join("bench")).map_err(|e| e.to_string())?;
    std::fs::write(root.join("bench/results.json"), json).map_err(|e| e.to_string())?;
    eprintln!("bench: wrote BENCHMARKS.md and bench/results.json");
    Ok(())
}

/// Median with min–max of the samples at `path` in the page-load result, e.g. `coldLoad.fcp`.
fn samples(pages: &serde_json::Value, path: &str) -> Vec<f64> {
    path.split('.')
        .fold(pages, |v, key| &v[key])
        .as_array()
        .map(|a| a.iter().filter_map(serde_json::Value::as_f64).collect())
        .unwrap_or_default()
}

/// The figures the budgets are about.
struct Figures {
    first_load_kb: f64,
    rows_ratio: Option<f64>,
    keystroke_ms: f64,
    api_ratio: f64,
    api_p99_ms: f64,
    creates_per_s: f64,
}

/// Each budget beside this run's figure; the bench reports, it never fails on a figure.
fn budgets(f: &Figures) -> String {
    let verdict = |met: bool| if met { "met" } else { "not met" };
    let mut md = String::from(
        "\n## Budgets\n\n| figure | budget | this run | |\n| --- | --- | --- | --- |\n",
    );
    let mut line = |figure: &str, budget: &str, value: String, met: bool| {
        md.push_str(&format!(
            "| {figure} | {budget} | {value} | {} |\n",
            verdict(met)
        ));
    };
    line(
        "first load of Customers, brotli",
        "≤ 100 KB",
        format!("{:.1} KB", f.first_load_kb),
        f.first_load_kb <= 100.0,
    );
    line(
        "first load of the acceptance portal, brotli (the same bundle)",
        "≤ 80 KB",
        format!("{:.1} KB", f.first_load_kb),
        f.first_load_kb <= 80.0,
    );
    match f.rows_ratio {
        Some(r) => line(
            "1,000 rows, app / vanilla JS",
            "≤ 1.2",
            format!("{r:.2}"),
            r <= 1.2,
        ),
        None => line("1,000 rows, app / vanilla JS", "≤ 1.2", "–".into(), false),
    }
    line(
        "search keystroke → paint (median)",
        "≤ 50 ms",
        format!("{:.1} ms", f.keystroke_ms),
        f.keystroke_ms <= 50.0,
    );
    line(
        "customers first page: API rate / static-file rate, p99",
        "≥ 0.5, p99 ≤ 5 ms",
        format!("{:.2}, p99 {:.2} ms", f.api_ratio, f.api_p99_ms),
        f.api_ratio >= 0.5 && f.api_p99_ms <= 5.0,
    );
    line(
        "invitation creates, durable",
        "≥ 10,000 / s",
        format!("{:.0} / s", f.creates_per_s),
        f.creates_per_s >= 10_000.0,
    );
    md
}

/// Cold load, 1,000 rows against vanilla JS, and memory, as Markdown.
fn page_figures(pages: &serde_json::Value) -> String {
    let row = |label: &str, path: &str| {
        let v = samples(pages, path);
        if v.is_empty() {
            return format!("| {label} | – |\n");
        }
        let (median, min, max) = stats(&v);
        format!("| {label} | {median:.0} ({min:.0}–{max:.0}) |\n")
    };
    let mut md = String::from(
        "\n## Cold load of Customers, CPU throttled 4×\n\nHeadless Chromium, a new context (empty cache) per run, signed in, `Emulation.setCPUThrottlingRate` 4; medians with min–max, ms from navigation start.\n\n| figure | ms |\n| --- | --- |\n",
    );
    md.push_str(&row("first contentful paint", "coldLoad.fcp"));
    md.push_str(&row("largest contentful paint", "coldLoad.lcp"));
    md.push_str(&row("first customer row on screen", "coldLoad.firstRow"));
    md.push_str(
        "\n## 1,000 customer rows against vanilla JS\n\nThe app at `/customers?size=1000`, and `bench/vanilla-rows.html` building the same markup from the same answer with the DOM API; both timed from the end of the customers response until the 1,000th row is in the document and laid out (a MutationObserver, then a forced layout; no throttling), 10 runs each.\n\n| page | ms |\n| --- | --- |\n",
    );
    md.push_str(&row(
        "the app (Leptos, wasm): rows in the document",
        "rows.appDom",
    ));
    md.push_str(&row("vanilla JS: rows in the document", "rows.vanillaDom"));
    md.push_str(&row("the app (Leptos, wasm): laid out", "rows.app"));
    md.push_str(&row("vanilla JS: laid out", "rows.vanilla"));
    let (app, vanilla) = (samples(pages, "rows.app"), samples(pages, "rows.vanilla"));
    if !app.is_empty() && !vanilla.is_empty() {
        let ratio = stats(&app).0 / stats(&vanilla).0;
        md.push_str(&format!(
            "| **ratio app / vanilla, laid out** | {ratio:.2} |\n"
        ));
    }
    let mb = |key: &str| {
        pages["memory"][key]
            .as_f64()
            .map_or("–".to_owned(), |b| format!("{:.1}", b / 1_048_576.0))
    };
    md.push_str(&format!(
        "\n## Memory after 1,000 rows\n\n| figure | MB |\n| --- | --- |\n| app: JS heap (after GC) | {} |\n| app: wasm linear memory | {} |\n| vanilla JS: JS heap (after GC) | {} |\n",
        mb("appJsHeap"),
        mb("appWasm"),
        mb("vanillaJsHeap")
    ));
    md
}

/// The files of the app's first load (every route loads the same ones): raw, brotli and gzip
/// as `cargo xtask build` precompressed them.
fn transfer_sizes(dist: &Path) -> Result<(String, u64)> {
    let mut files: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read dist/: {e}"))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            [".html", ".js", ".wasm", ".css", ".json"]
                .iter()
                .any(|ext| n.ends_with(ext))
        })
        .collect();
    files.sort();
    let size = |name: &str| std::fs::metadata(dist.join(name)).map_or(0, |m| m.len());
    let kb = |b: u64| format!("{:.1}", b as f64 / 1024.0);
    let mut md = String::from(
        "\n## First load, file by file\n\nWhat a browser downloads to show any page (the app is one bundle), in KB.\n\n| file | raw | brotli | gzip |\n| --- | --- | --- | --- |\n",
    );
    let mut totals = (0, 0, 0);
    for f in &files {
        let (raw, br, gz) = (size(f), size(&format!("{f}.br")), size(&format!("{f}.gz")));
        totals = (totals.0 + raw, totals.1 + br, totals.2 + gz);
        md.push_str(&format!(
            "| {f} | {} | {} | {} |\n",
            kb(raw),
            kb(br),
            kb(gz)
        ));
    }
    md.push_str(&format!(
        "| **total** | {} | {} | {} |\n",
        kb(totals.0),
        kb(totals.1),
        kb(totals.2)
    ));
    Ok((md, totals.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrk_output() {
        let out = "Running 5s test @ http://127.0.0.1:18090/x\n  2 threads and 16 connections\n  Thread Stats   Avg      Stdev     Max   +/- Stdev\n    Latency   612.00us  200.00us   5.00ms   90.00%\n  Latency Distribution\n     50%  580.00us\n     75%  700.00us\n     90%  800.00us\n     99%    1.50ms\n  120000 requests in 5.00s, 10.00MB read\nRequests/sec:  24000.50\nTransfer/sec:      2.00MB\n";
        let l = parse_wrk(out).unwrap();
        assert_eq!(l.rps, 24000.5);
        assert!((l.p50_ms - 0.58).abs() < 1e-9);
        assert!((l.p99_ms - 1.5).abs() < 1e-9);
        assert!(parse_wrk(&format!("{out}  Non-2xx or 3xx responses: 5\n")).is_none());
    }

    #[test]
    fn budgets_say_which_are_met() {
        let mut f = Figures {
            first_load_kb: 70.0,
            rows_ratio: Some(1.1),
            keystroke_ms: 40.0,
            api_ratio: 0.6,
            api_p99_ms: 4.0,
            creates_per_s: 12_000.0,
        };
        assert!(!budgets(&f).contains("not met"), "{}", budgets(&f));
        f.api_p99_ms = 5.5;
        let md = budgets(&f);
        assert!(md.contains("| 0.60, p99 5.50 ms | not met |"), "{md}");
        assert_eq!(md.matches("not met").count(), 1);
    }

    #[test]
    fn sums_the_first_load() {
        let dir = std::env::temp_dir().join(format!("bench-sizes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, len) in [
            ("app.wasm", 2048),
            ("app.wasm.br", 1024),
            ("app.wasm.gz", 1536),
            ("index.html", 1024),
            ("notes.txt", 99),
        ] {
            std::fs::write(dir.join(name), vec![0u8; len]).unwrap();
        }
        let (md, brotli) = transfer_sizes(&dir).unwrap();
        assert_eq!(brotli, 1024);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(md.contains("| app.wasm | 2.0 | 1.0 | 1.5 |"), "{md}");
        assert!(md.contains("| **total** | 3.0 | 1.0 | 1.5 |"), "{md}");
        assert!(!md.contains("notes.txt"));
    }
}
