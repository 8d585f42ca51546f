//! The reporting half: `BENCHMARKS.md` written from [`Results`] and the sizes of the built app's
//! files. It reports; it never fails on a figure.

use std::fmt::Write;
use std::path::Path;

use super::contents::FileContents;
use super::results::{
    AuditExport, LighthouseRun, Load, PagePlan, Pages, Results, Scenario, Soak, Spread, Wire, p95,
};
use super::scale::{Access, ScaleRun, access};
use crate::Result;

/// One file of the app's first load, in bytes: as built, and as precompressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub brotli: u64,
    pub gzip: u64,
}

/// The files of the app's first load (every route loads the same ones), with the `.br` and
/// `.gz` that `cargo xtask build` wrote beside them.
pub fn first_load(dist: &Path) -> Result<Vec<FileSize>> {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read dist/: {e}"))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            [".html", ".js", ".wasm", ".css", ".json"]
                .iter()
                .any(|ext| n.ends_with(ext))
        })
        .collect();
    names.sort();
    let size = |name: &str| std::fs::metadata(dist.join(name)).map_or(0, |m| m.len());
    Ok(names
        .into_iter()
        .map(|name| FileSize {
            raw: size(&name),
            brotli: size(&format!("{name}.br")),
            gzip: size(&format!("{name}.gz")),
            name,
        })
        .collect())
}

/// The whole of `BENCHMARKS.md`.
pub fn markdown(r: &Results, files: &[FileSize], wasm: &[FileContents]) -> String {
    let mut md = String::from("# Benchmarks\n\n");
    md.push_str(&stamps(r));
    md.push_str(&under_load(r));
    md.push_str(&soaks(r));
    md.push_str(&search(r));
    md.push_str(&pages(&r.pages));
    md.push_str(&wire(&r.pages.wire));
    md.push_str(&levers(include_str!("../../../bench/levers.json")));
    md.push_str(&lighthouse(r));
    md.push_str(&audit_export(&r.audit_export));
    md.push_str(&query_plans(r));
    md.push_str(&scale(r));
    md.push_str(&file_table(files));
    md.push_str(&contents(wasm));
    md.push_str(&budgets(&Figures::of(r, files)));
    md
}

/// Where the figures come from: each part's last run, its date and commit.
fn stamps(r: &Results) -> String {
    let p = &r.parts;
    if p.server.is_none() && p.browser.is_none() && p.scale.is_none() {
        return format!(
            "Measured {} on {}.\nReproduce with `cargo xtask bench` (`BENCH_CUSTOMERS=n` for another size); raw figures in `bench/results.json`.\n\n",
            r.date, r.machine
        );
    }
    let mut md = format!(
        "Measured on {}, in parts: `cargo xtask bench <part>` measures one part again and keeps the others' figures from their last run (`cargo xtask bench`, all of them; `BENCH_CUSTOMERS=n` for another size); raw figures in `bench/results.json`. The cores are shared with whatever else the machine runs (builds, browsers), so the figures are noisy: compare medians, and runs of one part with each other.\n\n| part | what it measures | measured | commit |\n| --- | --- | --- | --- |\n",
        r.machine
    );
    let rows = [
        (
            "server",
            "the API under load, the audit export, the list pages' plans and the mixed soaks, on SQLite and on PostgreSQL",
            &p.server,
        ),
        (
            "browser",
            "search, cold load, 1,000 rows, memory, bytes of a first visit and Lighthouse, in Chromium on SQLite",
            &p.browser,
        ),
        (
            "scale",
            "both engines at one partner with many customers and at many partners: plans, exact counts, the Customers list under load",
            &p.scale,
        ),
    ];
    for (part, what, stamp) in rows {
        match stamp {
            Some(s) => {
                let _ = writeln!(
                    md,
                    "| `{part}` | {what} ({} customers) | {} | {} |",
                    s.customers, s.date, s.commit
                );
            }
            None => {
                let _ = writeln!(
                    md,
                    "| `{part}` | {what} | {} (before the parts) | – |",
                    r.date
                );
            }
        }
    }
    md.push('\n');
    md
}

/// `bench scale`: per engine, both shapes side by side, then every plan with its reading.
fn scale(r: &Results) -> String {
    let Some(scale) = &r.scale else {
        return String::new();
    };
    let mut md = String::new();
    for engine in ["SQLite", "PostgreSQL"] {
        let runs: Vec<&ScaleRun> = scale.runs.iter().filter(|s| s.engine == engine).collect();
        if runs.is_empty() {
            continue;
        }
        // The issue's budget for the Customers list at scale, per engine.
        let (ratio_budget, p99_budget) = if engine == "SQLite" {
            (0.4, 5.0)
        } else {
            (0.3, 10.0)
        };
        let _ = write!(
            md,
            "\n## Scale on {engine}\n\nThe demo partner's lists, in each shape; {} granular admin relationship(s) per generated customer; wrk as above ({} runs, medians with min–max). Budget for the Customers list: ≥ {ratio_budget}× the static-file rate, p99 ≤ {p99_budget} ms. The count the API answers is kept by the store as rows change; it is checked against the demo partner's customers before the filling plus those added. A statement counts as a range led by the partner when every table it reads is read through an index and one of them from the partner on; a `Seq Scan` of a table of one row per partner ({per_partner}) does not count against it: PostgreSQL reads such a table whole while it fits a page or two, and it grows with the partners, not with their customers.\n\n| figure |",
            runs[0].admin_relationships,
            runs[0].scenarios.first().map_or(0, |s| s.runs.len()),
            per_partner = super::scale::PER_PARTNER_TABLES
                .map(|t| format!("`{t}`"))
                .join(", "),
        );
        for run in &runs {
            let _ = write!(
                md,
                " {} × {} |",
                thousands(run.partners as u64),
                thousands(run.customers_per_partner)
            );
        }
        md.push_str("\n| --- |");
        md.push_str(&" --- |".repeat(runs.len()));
        md.push('\n');
        let mut row = |label: &str, cell: &dyn Fn(&ScaleRun) -> String| {
            let _ = write!(md, "| {label} |");
            for run in &runs {
                let _ = write!(md, " {} |", cell(run));
            }
            md.push('\n');
        };
        row("filling every partner", &|r| {
            format!("{:.0} s", r.seed_seconds)
        });
        row("count: seeded / the API's", &|r| {
            let verdict = if r.expected_count == r.api_count {
                "exact"
            } else {
                "**differs**"
            };
            format!(
                "{} / {}, {verdict}",
                thousands(r.expected_count),
                thousands(r.api_count)
            )
        });
        row("statements read by a range led by the partner", &|r| {
            plan_verdict(&r.query_plans)
        });
        let names = runs[0]
            .scenarios
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>();
        for (i, name) in names.iter().enumerate() {
            let label = if i == 0 {
                name.clone()
            } else {
                // The deep page's row differs by shape.
                name.split(" (from row").next().unwrap_or(name).to_owned()
            };
            row(&format!("{label}: requests/s (×static), p99 ms"), &|r| {
                let Some(s) = r.scenarios.get(i) else {
                    return "–".into();
                };
                let base = median(r.scenarios.first().and_then(|b| b.spread(|l| l.rps)));
                let (Some(rps), Some(p99)) = (s.spread(|l| l.rps), s.spread(|l| l.p99_ms)) else {
                    return "–".into();
                };
                let ratio = rps.median / base;
                let met = if i == 0 {
                    String::new()
                } else if ratio >= ratio_budget && p99.median <= p99_budget {
                    ", met".into()
                } else {
                    ", not met".into()
                };
                format!(
                    "{:.0} ({:.0}–{:.0}) ×{ratio:.2}, {:.2}{met}",
                    rps.median, rps.min, rps.max, p99.median
                )
            });
        }
        for run in &runs {
            let _ = write!(
                md,
                "\n<details><summary>Plans on {engine}, {} × {} customers (the demo partner)</summary>\n\n",
                thousands(run.partners as u64),
                thousands(run.customers_per_partner)
            );
            for page in &run.query_plans {
                let _ = writeln!(md, "#### {}\n", page.page);
                for statement in &page.statements {
                    let _ = writeln!(
                        md,
                        "`{}` ({})\n\n```text",
                        statement.summary,
                        access_words(&access(&statement.plan))
                    );
                    for line in &statement.plan {
                        let _ = writeln!(md, "{line}");
                    }
                    md.push_str("```\n\n");
                }
            }
            md.push_str("</details>\n");
        }
    }
    for note in &scale.notes {
        let _ = write!(md, "\nNote: {note}\n");
    }
    md
}

fn access_words(a: &Access) -> String {
    match a {
        Access::PartnerRange => "a range led by the partner".into(),
        Access::KeyLookups => "**not led by the partner**: look-ups by key".into(),
        Access::FullScan(line) => format!("**reads a whole table or index**: `{line}`"),
    }
}

/// How many of the statements read by a range led by the partner, and which do not.
fn plan_verdict(plans: &[PagePlan]) -> String {
    let statements: Vec<(&str, &str, Access)> = plans
        .iter()
        .flat_map(|p| {
            p.statements
                .iter()
                .map(|s| (p.page.as_str(), s.summary.as_str(), access(&s.plan)))
        })
        .collect();
    let led = statements
        .iter()
        .filter(|s| s.2 == Access::PartnerRange)
        .count();
    let mut cell = format!("{led} of {}", statements.len());
    for (page, summary, a) in statements.iter().filter(|s| s.2 != Access::PartnerRange) {
        let _ = write!(cell, "; {page}, `{summary}`: {}", access_words(a));
    }
    cell
}

/// `1000000` as `1,000,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Each list page's statements with each engine's plan: on SQLite a `SEARCH … USING INDEX` led
/// by the partner, on PostgreSQL an `Index Scan` or `Index Only Scan` with the partner in its
/// `Index Cond`, is a range scan; a `SCAN` / `Seq Scan` of a whole table would grow with the data.
fn query_plans(r: &Results) -> String {
    let mut md = plans_section(
        "SQLite",
        "`EXPLAIN QUERY PLAN`",
        r.customers,
        &r.query_plans,
    );
    if let Some(pg) = &r.postgres {
        md.push_str(&plans_section(
            "PostgreSQL",
            "`EXPLAIN` (the generic plan, as for any parameter values)",
            r.customers,
            &pg.query_plans,
        ));
    }
    md
}

fn plans_section(engine: &str, how: &str, customers: u64, plans: &[PagePlan]) -> String {
    if plans.is_empty() {
        return String::new();
    }
    let mut md = format!(
        "## Query plans on {engine}, {customers} customers\n\n{how} of the statements each list page runs (recorded from the server's own code by `portal-query-plans`, parameters unbound).\n\n"
    );
    for page in plans {
        let _ = writeln!(md, "### {engine}: {}\n", page.page);
        for statement in &page.statements {
            let _ = writeln!(md, "`{}`\n\n```text", statement.summary);
            statement.plan.iter().for_each(|line| {
                let _ = writeln!(md, "{line}");
            });
            md.push_str("```\n\n");
        }
    }
    md
}

fn median(s: Option<Spread>) -> f64 {
    s.map_or(f64::NAN, |s| s.median)
}

/// The mixed soak on each engine: throughput, errors, the server's memory.
fn soaks(r: &Results) -> String {
    let engines = [
        ("SQLite", r.soak.as_ref()),
        (
            "PostgreSQL",
            r.postgres.as_ref().and_then(|p| p.soak.as_ref()),
        ),
    ];
    let mut md = String::new();
    for (engine, soak) in engines {
        let Some(soak) = soak else { continue };
        let _ = write!(
            md,
            "## Mixed soak on {engine}, {} s\n\nClients in closed loops (so at the machine's capacity) on the same server and data as above; every answer checked. ",
            soak.seconds,
        );
        md.push_str(&soak_memory(engine, soak));
        md.push_str(
            "| operation | clients | done | per second | errors |\n| --- | --- | --- | --- | --- |\n",
        );
        for op in &soak.operations {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {:.1} | {} |",
                op.name, op.clients, op.done, op.per_second, op.errors
            );
        }
        for e in &soak.first_errors {
            let _ = writeln!(md, "\nError: {e}");
        }
        md.push('\n');
    }
    md
}

/// The server's memory during a soak: by kind when the run read it, the resident set alone
/// before. Growth after the warm-up is judged on the anonymous part (the heap): the
/// file-backed part is mapped files (SQLite maps its database), which the kernel keeps or
/// drops as memory allows.
fn soak_memory(engine: &str, soak: &Soak) -> String {
    let mib = |kib: u64| kib as f64 / 1024.0;
    let Some(m) = &soak.memory else {
        return format!(
            "The server's resident memory: {:.1} MiB at the start, {:.1} MiB after the 30 s warm-up, {:.1} MiB at the end.\n\n",
            mib(soak.rss_start_kib),
            mib(soak.rss_warm_kib),
            mib(soak.rss_end_kib),
        );
    };
    let whose = if engine == "PostgreSQL" {
        "the portal server process's (PostgreSQL's own processes are not counted)"
    } else {
        "the server process's (SQLite runs inside it)"
    };
    let growth = m.end.rss_anon_kib as i64 - m.warm.rss_anon_kib as i64;
    const STEADY: &str = "no growth after the warm-up";
    const GREW: &str = "**it grew after the warm-up**";
    // Within 5 % of the level the heap is taken as steady.
    let steady = |rise: f64, level: f64| rise <= level * 0.05;
    let judged = match (
        m.fitted_rise_kib(),
        m.later_half_rise_kib(),
        m.mean_sampled_kib(),
    ) {
        // A trend through the readings under load, not two points of them.
        (Some(rise), Some(later), Some(level)) => format!(
            "the line fitted through its {} readings after the warm-up rises {:+.1} MiB over them, and {:+.1} MiB over their later half; {} (5 % of their mean, {:.1} MiB, allowed). From the warm-up to the end: {:+.1} MiB ({:.1} → {:.1})",
            m.samples.len(),
            rise / 1024.0,
            later / 1024.0,
            match (steady(rise, level), steady(later, level)) {
                (true, _) => STEADY,
                (false, true) => "**it rose after the warm-up, then held level**",
                (false, false) => GREW,
            },
            level / 1024.0,
            growth as f64 / 1024.0,
            mib(m.warm.rss_anon_kib),
            mib(m.end.rss_anon_kib),
        ),
        _ => format!(
            "{:+.1} MiB from the warm-up to the end ({:.1} → {:.1}), {} (5 % allowed)",
            growth as f64 / 1024.0,
            mib(m.warm.rss_anon_kib),
            mib(m.end.rss_anon_kib),
            if steady(growth as f64, m.warm.rss_anon_kib as f64) {
                STEADY
            } else {
                GREW
            },
        ),
    };
    let mut md = format!(
        "Memory, {whose}, from `/proc/PID/status`, in MiB; judged on `RssAnon` (the heap; `RssFile` is mapped files, which the kernel keeps or drops as memory allows): {judged}.\n\n"
    );
    if !m.samples.is_empty() {
        let readings: Vec<String> = m
            .samples
            .iter()
            .map(|s| format!("{:.1}", mib(s.rss_anon_kib)))
            .collect();
        let _ = writeln!(
            md,
            "`RssAnon` under load after the warm-up, every 10 s (MiB): {}.\n",
            readings.join(", ")
        );
    }
    md.push_str("| when | VmRSS | RssAnon | RssFile |\n| --- | --- | --- | --- |\n");
    for (when, at) in [
        ("start", &m.start),
        ("after the 30 s warm-up", &m.warm),
        ("end", &m.end),
    ] {
        let _ = writeln!(
            md,
            "| {when} | {:.1} | {:.1} | {:.1} |",
            mib(at.vm_rss_kib),
            mib(at.rss_anon_kib),
            mib(at.rss_file_kib)
        );
    }
    md.push('\n');
    md
}

/// The API under load on each engine, each rate beside that run's own static-file baseline.
fn under_load(r: &Results) -> String {
    let mut md = load_table("SQLite", r, r.seed_seconds, &r.scenarios);
    if let Some(pg) = &r.postgres {
        md.push_str(&load_table("PostgreSQL", r, pg.seed_seconds, &pg.scenarios));
    }
    md
}

fn load_table(engine: &str, r: &Results, seed_seconds: f64, scenarios: &[Scenario]) -> String {
    let runs = scenarios.first().map_or(0, |s| s.runs.len());
    let mut md = format!(
        "## API under load on {engine}, {} customers\n\nwrk, {} threads, {} connections, {} s per run, {runs} runs; medians with min–max. The server, the database and wrk share the machine's cores. Generating the customers took {:.1} s.\n\n",
        r.customers, r.wrk.threads, r.wrk.connections, r.wrk.seconds, seed_seconds
    );
    md.push_str("| scenario | requests/s | p50 ms | p99 ms | rate / static file |\n| --- | --- | --- | --- | --- |\n");
    let baseline = median(scenarios.first().and_then(|s| s.spread(|l| l.rps)));
    for s in scenarios {
        let (Some(rps), Some(p50), Some(p99)) = (
            s.spread(|l| l.rps),
            s.spread(|l| l.p50_ms),
            s.spread(|l| l.p99_ms),
        ) else {
            continue;
        };
        let _ = writeln!(
            md,
            "| {} | {:.0} ({:.0}–{:.0}) | {:.2} ({:.2}–{:.2}) | {:.2} ({:.2}–{:.2}) | {:.2} |",
            s.name,
            rps.median,
            rps.min,
            rps.max,
            p50.median,
            p50.min,
            p50.max,
            p99.median,
            p99.min,
            p99.max,
            rps.median / baseline
        );
    }
    md
}

fn search(r: &Results) -> String {
    let keys = &r.keystroke_to_paint_ms;
    let (Some(spread), Some(p95)) = (Spread::of(keys), p95(keys)) else {
        return String::new();
    };
    format!(
        "\n## Search in the browser, {} customers\n\nHeadless Chromium, Customers page; time from the keystroke event to the first frame painted after the list changed, over {} keystrokes (includes the request and the render).\n\n| figure | ms |\n| --- | --- |\n| median | {:.1} |\n| p95 | {:.1} |\n| min–max | {:.1}–{:.1} |\n",
        r.parts
            .browser
            .as_ref()
            .map_or(r.customers, |s| s.customers),
        keys.len(),
        spread.median,
        p95,
        spread.min,
        spread.max
    )
}

/// Cold load, 1,000 rows against vanilla JS, and memory.
fn pages(p: &Pages) -> String {
    let row = |label: &str, samples: &[f64]| match Spread::of(samples) {
        Some(s) => format!(
            "| {label} | {:.0} ({:.0}–{:.0}) |\n",
            s.median, s.min, s.max
        ),
        None => format!("| {label} | – |\n"),
    };
    let mut md = String::from(
        "\n## Cold load of Customers, CPU throttled 4×\n\nHeadless Chromium, a new context (empty cache) per run, signed in, `Emulation.setCPUThrottlingRate` 4; medians with min–max, ms from navigation start.\n\n| figure | ms |\n| --- | --- |\n",
    );
    md.push_str(&row("first contentful paint", &p.cold_load.fcp));
    md.push_str(&row("largest contentful paint", &p.cold_load.lcp));
    md.push_str(&row("first customer row on screen", &p.cold_load.first_row));
    md.push_str(
        "\n## 1,000 customer rows against vanilla JS\n\nThe app at `/customers?size=1000`, and `bench/vanilla-rows.html` building the same markup inside the same shell and style sheet from the same answer with the DOM API (one delegated click listener); both timed from the end of the customers response until the 1,000th row is in the document and laid out (a MutationObserver, then a forced layout; no throttling), 10 runs each, app and vanilla alternating. Cold is a page's first render; warm is its sixth (the list sorted the other way, five times before).\n\n| page | ms |\n| --- | --- |\n",
    );
    md.push_str(&row(
        "the app (Leptos, wasm): rows in the document",
        &p.rows.app_dom,
    ));
    md.push_str(&row(
        "vanilla JS: rows in the document",
        &p.rows.vanilla_dom,
    ));
    md.push_str(&row("the app (Leptos, wasm): laid out", &p.rows.app));
    md.push_str(&row("vanilla JS: laid out", &p.rows.vanilla));
    if !p.rows.app_warm.is_empty() {
        md.push_str(&row(
            "warm, the app: rows in the document",
            &p.rows.app_warm_dom,
        ));
        md.push_str(&row(
            "warm, vanilla JS: rows in the document",
            &p.rows.vanilla_warm_dom,
        ));
        md.push_str(&row("warm, the app: laid out", &p.rows.app_warm));
        md.push_str(&row("warm, vanilla JS: laid out", &p.rows.vanilla_warm));
    }
    if let Some(ratio) = rows_ratio(p) {
        let _ = writeln!(md, "| **ratio app / vanilla, laid out** | {ratio:.2} |");
    }
    if let Some(ratio) = ratio(&p.rows.app_dom, &p.rows.vanilla_dom) {
        let _ = writeln!(
            md,
            "| **ratio app / vanilla, in the document** | {ratio:.2} |"
        );
    }
    if let Some(ratio) = ratio(&p.rows.app_warm, &p.rows.vanilla_warm) {
        let _ = writeln!(
            md,
            "| **warm ratio app / vanilla, laid out** | {ratio:.2} |"
        );
    }
    let mb =
        |bytes: Option<f64>| bytes.map_or("–".to_owned(), |b| format!("{:.1}", b / 1_048_576.0));
    let _ = write!(
        md,
        "\n## Memory after 1,000 rows\n\n| figure | MB |\n| --- | --- |\n| app: JS heap (after GC) | {} |\n| app: wasm linear memory | {} |\n| vanilla JS: JS heap (after GC) | {} |\n",
        mb(p.memory.app_js_heap),
        mb(p.memory.app_wasm),
        mb(p.memory.vanilla_js_heap)
    );
    md
}

/// The app's laid-out time over vanilla JS's, medians.
fn rows_ratio(p: &Pages) -> Option<f64> {
    ratio(&p.rows.app, &p.rows.vanilla)
}

fn ratio(app: &[f64], vanilla: &[f64]) -> Option<f64> {
    Some(Spread::of(app)?.median / Spread::of(vanilla)?.median)
}

/// Lighthouse's runs, medians with min–max.
fn lighthouse(r: &Results) -> String {
    let Some(l) = &r.lighthouse else {
        return String::new();
    };
    let mut md = String::from(
        "\n## Lighthouse, mobile\n\nLighthouse 12.2.3 (npm), its default mobile preset (simulated slow 4G, 4× CPU), Debian's Chromium headless; Customers signed in; runs alternating between the pages; medians with min–max.\n\n| page | performance | largest contentful paint, s |\n| --- | --- | --- |\n",
    );
    for (label, runs) in [("sign-in", &l.sign_in), ("Customers", &l.customers)] {
        let score = Spread::of(&runs.iter().map(|r| r.score).collect::<Vec<_>>());
        let lcp = Spread::of(&runs.iter().map(|r| r.lcp / 1000.0).collect::<Vec<_>>());
        if let (Some(s), Some(t)) = (score, lcp) {
            let _ = writeln!(
                md,
                "| {label} | {:.2} ({:.2}–{:.2}) | {:.2} ({:.2}–{:.2}) |",
                s.median, s.min, s.max, t.median, t.min, t.max
            );
        }
    }
    md
}

/// A first visit's bytes over the wire, by Chromium's count.
fn wire(w: &Wire) -> String {
    if w.customers.is_none() && w.accept.is_none() {
        return String::new();
    }
    let mut md = String::from(
        "\n## A first visit over the wire\n\nHeadless Chromium, a new context (empty cache), signed in; the encoded bytes of every response (headers included) until the network is idle, as `Network.loadingFinished` reports them, in KiB.\n\n| page | the app's files | API answers | files |\n| --- | --- | --- | --- |\n",
    );
    for (label, bytes) in [
        ("Customers, the partner's admin agent", &w.customers),
        ("the accept page, a customer's admin", &w.accept),
    ] {
        if let Some(b) = bytes {
            let _ = writeln!(
                md,
                "| {label} | {:.1} | {:.1} | {} |",
                b.app / 1024.0,
                b.api / 1024.0,
                b.files.len()
            );
        }
    }
    md
}

/// One lever tried on the first visit's bytes, as `bench/levers.json` keeps it: measured by hand
/// when it was tried (a build and `bench/wire-bytes.mjs`, or the brotli sizes of the files), so
/// every bench run reports what was tried and why it was kept or not.
#[derive(Debug, serde::Deserialize)]
struct Lever {
    lever: String,
    figure: String,
    customers: String,
    accept: String,
    kept: String,
    why: String,
}

/// The levers tried on the bytes of a first visit, from `bench/levers.json`.
fn levers(json: &str) -> String {
    let levers: Vec<Lever> = match serde_json::from_str(json) {
        Ok(levers) => levers,
        Err(e) => return format!("\n`bench/levers.json` does not read: {e}\n"),
    };
    let mut md = String::from(
        "\n## What was tried for the bytes of a first visit\n\nEach lever measured once, when it was tried (`bench/levers.json`, kept by hand): a build measured in Chromium with `bench/wire-bytes.mjs` (the bytes part of `page-load.mjs`, file by file), or the route's wasm files compressed as the build compresses them.\n\n| lever | figure | Customers | accept page | kept | why |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for l in &levers {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            l.lever, l.figure, l.customers, l.accept, l.kept, l.why
        );
    }
    md
}

/// What each wasm file of the split build holds, largest crates first.
pub fn contents(files: &[FileContents]) -> String {
    if files.is_empty() {
        return String::new();
    }
    let mut md = String::from(
        "\n## What each wasm file holds\n\nCode bytes by crate, from the name section of each file as wasm-bindgen left it (before wasm-opt, so larger than what is served); the first file is the main bundle. \"Also in main\" counts functions a chunk holds that the main file has too.\n\n| file | code KiB | data KiB | largest crates (KiB) | also in main |\n| --- | --- | --- | --- | --- |\n",
    );
    for f in files {
        let top = f
            .by_crate
            .iter()
            .take(6)
            .map(|(c, b)| format!("{c} {:.1}", *b as f64 / 1024.0))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            md,
            "| {} | {:.1} | {:.1} | {top} | {} ({:.1} KiB) |",
            f.file,
            f.code_bytes as f64 / 1024.0,
            f.data_bytes as f64 / 1024.0,
            f.shared_with_main.0,
            f.shared_with_main.1 as f64 / 1024.0
        );
    }
    md
}

fn audit_export(e: &AuditExport) -> String {
    format!(
        "## Audit export\n\nThe log holds {} generated entries and those the invitation creates above wrote; one export is the newest 100,000 rows at most. CSV read as it arrives; the server's resident memory sampled every 5 ms.\n\n\
         | figure | value |\n| --- | --- |\n\
         | bytes | {} |\n| first byte | {:.0} ms |\n| whole file | {:.0} ms |\n\
         | server memory before | {:.1} MiB |\n| server memory at its peak during the export | {:.1} MiB (+{:.1} MiB) |\n\n",
        e.entries,
        e.bytes,
        e.first_byte_ms,
        e.total_ms,
        e.rss_before_kib as f64 / 1024.0,
        e.rss_peak_kib as f64 / 1024.0,
        e.rss_peak_kib.saturating_sub(e.rss_before_kib) as f64 / 1024.0,
    )
}

fn kb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

fn file_table(files: &[FileSize]) -> String {
    let mut md = String::from(
        "\n## The built files\n\nEvery file of `dist/` a page may load (a page loads the main files and only its own chunks), in KB.\n\n| file | raw | brotli | gzip |\n| --- | --- | --- | --- |\n",
    );
    for f in files {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            f.name,
            kb(f.raw),
            kb(f.brotli),
            kb(f.gzip)
        );
    }
    let total = |size: fn(&FileSize) -> u64| kb(files.iter().map(size).sum());
    let _ = writeln!(
        md,
        "| **total** | {} | {} | {} |",
        total(|f| f.raw),
        total(|f| f.brotli),
        total(|f| f.gzip)
    );
    md
}

/// The figures the budgets are about.
struct Figures {
    /// Lighthouse mobile: the lower median score of the two pages, and the higher median LCP.
    lighthouse: Option<(f64, f64)>,
    first_load_kb: f64,
    /// The accept page's first visit, KiB; the whole first load when not measured.
    accept_kb: f64,
    dom_ratio: Option<f64>,
    rows_ratio: Option<f64>,
    keystroke_ms: f64,
    api_ratio: f64,
    api_p99_ms: f64,
    creates_per_s: f64,
}

impl Figures {
    /// The scenarios come in the order the running half measures them: the static file, the
    /// first page of customers, …, the invitation creates last.
    fn of(r: &Results, files: &[FileSize]) -> Figures {
        let figure = |index: Option<usize>, f: fn(&Load) -> f64| {
            median(
                index
                    .and_then(|i| r.scenarios.get(i))
                    .and_then(|s| s.spread(f)),
            )
        };
        let baseline = figure(Some(0), |l| l.rps);
        let lighthouse = r.lighthouse.as_ref().and_then(|l| {
            let score = |runs: &[LighthouseRun]| {
                Spread::of(&runs.iter().map(|r| r.score).collect::<Vec<_>>())
            };
            let lcp = |runs: &[LighthouseRun]| {
                Spread::of(&runs.iter().map(|r| r.lcp).collect::<Vec<_>>())
            };
            Some((
                score(&l.sign_in)?.median.min(score(&l.customers)?.median),
                lcp(&l.sign_in)?.median.max(lcp(&l.customers)?.median),
            ))
        });
        Figures {
            lighthouse,
            first_load_kb: r.pages.wire.customers.as_ref().map_or_else(
                || files.iter().map(|f| f.brotli).sum::<u64>() as f64 / 1024.0,
                |w| w.app / 1024.0,
            ),
            accept_kb: r.pages.wire.accept.as_ref().map_or_else(
                || files.iter().map(|f| f.brotli).sum::<u64>() as f64 / 1024.0,
                |w| w.app / 1024.0,
            ),
            dom_ratio: ratio(&r.pages.rows.app_dom, &r.pages.rows.vanilla_dom),
            rows_ratio: rows_ratio(&r.pages),
            keystroke_ms: median(Spread::of(&r.keystroke_to_paint_ms)),
            api_ratio: figure(Some(1), |l| l.rps) / baseline,
            api_p99_ms: figure(Some(1), |l| l.p99_ms),
            creates_per_s: figure(r.scenarios.len().checked_sub(1), |l| l.rps),
        }
    }
}

/// Each budget beside this run's figure.
fn budgets(f: &Figures) -> String {
    let verdict = |met: bool| if met { "met" } else { "not met" };
    let mut md = String::from(
        "\n## Budgets\n\n| figure | budget | this run | |\n| --- | --- | --- | --- |\n",
    );
    let mut line = |figure: &str, budget: &str, value: String, met: bool| {
        let _ = writeln!(md, "| {figure} | {budget} | {value} | {} |", verdict(met));
    };
    line(
        "bytes over the wire to show Customers, signed in, cold cache",
        "≤ 150 KiB",
        format!("{:.1} KiB", f.first_load_kb),
        f.first_load_kb <= 150.0,
    );
    line(
        "the same for the acceptance portal's accept page",
        "≤ 100 KiB",
        format!("{:.1} KiB", f.accept_kb),
        f.accept_kb <= 100.0,
    );
    match f.rows_ratio {
        Some(r) => line(
            "1,000 rows laid out, app / vanilla JS",
            "≤ 1.3",
            format!("{r:.2}"),
            r <= 1.3,
        ),
        None => line(
            "1,000 rows laid out, app / vanilla JS",
            "≤ 1.3",
            "–".into(),
            false,
        ),
    }
    match f.dom_ratio {
        Some(r) => line(
            "1,000 rows to the DOM, app / vanilla JS",
            "≤ 2.0",
            format!("{r:.2}"),
            r <= 2.0,
        ),
        None => line(
            "1,000 rows to the DOM, app / vanilla JS",
            "≤ 2.0",
            "–".into(),
            false,
        ),
    }
    match f.lighthouse {
        Some((score, lcp)) => line(
            "Lighthouse mobile, sign-in and Customers: performance (lower), LCP (higher)",
            "≥ 0.98, ≤ 1.5 s",
            format!("{score:.2}, {:.2} s", lcp / 1000.0),
            score >= 0.98 && lcp <= 1500.0,
        ),
        None => line(
            "Lighthouse mobile, sign-in and Customers: performance, LCP",
            "≥ 0.98, ≤ 1.5 s",
            "not measured".into(),
            false,
        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_say_which_are_met() {
        let mut f = Figures {
            lighthouse: Some((0.99, 1200.0)),
            first_load_kb: 70.0,
            accept_kb: 60.0,
            dom_ratio: Some(1.5),
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

    fn soak_with(warm_anon: u64, end_anon: u64) -> Soak {
        soak_sampled(warm_anon, end_anon, Vec::new())
    }

    /// A soak whose heap was read at 40, 50, … s with these sizes in MiB.
    fn soak_sampled(warm_anon: u64, end_anon: u64, mib: Vec<u64>) -> Soak {
        use super::super::results::{MemorySample, ProcessMemory, SoakMemory};
        let samples = mib
            .into_iter()
            .enumerate()
            .map(|(i, m)| MemorySample {
                second: 40.0 + 10.0 * i as f64,
                rss_anon_kib: m * 1024,
            })
            .collect();
        let at = |anon| ProcessMemory {
            vm_rss_kib: anon + 400 * 1024,
            rss_anon_kib: anon,
            rss_file_kib: 400 * 1024,
        };
        Soak {
            seconds: 300,
            operations: Vec::new(),
            first_errors: Vec::new(),
            rss_start_kib: 0,
            rss_warm_kib: 0,
            rss_end_kib: 0,
            memory: Some(SoakMemory {
                start: at(10 * 1024),
                warm: at(warm_anon),
                end: at(end_anon),
                samples,
            }),
        }
    }

    #[test]
    fn judges_the_soaks_heap_on_its_trend_through_the_run() {
        // An allocator giving pages back: the end reads high against a low point after the
        // warm-up, but the readings go up and down around one level.
        let purging = soak_memory(
            "SQLite",
            &soak_sampled(
                28 * 1024,
                50 * 1024,
                vec![56, 30, 48, 29, 52, 31, 47, 30, 50],
            ),
        );
        assert!(purging.contains("9 readings"), "{purging}");
        assert!(purging.contains("no growth after the warm-up"), "{purging}");
        assert!(
            purging.contains("every 10 s (MiB): 56.0, 30.0, 48.0"),
            "{purging}"
        );
        assert!(
            purging.contains("From the warm-up to the end: +22.0 MiB (28.0 → 50.0)"),
            "{purging}"
        );
        // Caches filling to their bounds: a rise, then a level.
        let filling = soak_memory(
            "SQLite",
            &soak_sampled(
                32 * 1024,
                55 * 1024,
                vec![34, 45, 45, 55, 55, 55, 54, 55, 55, 55],
            ),
        );
        assert!(
            filling.contains("**it rose after the warm-up, then held level**"),
            "{filling}"
        );
        // A leak: every reading above the one before.
        let leaking = soak_memory(
            "PostgreSQL",
            &soak_sampled(
                20 * 1024,
                30 * 1024,
                vec![20, 21, 22, 23, 24, 25, 26, 27, 28],
            ),
        );
        assert!(
            leaking.contains("rises +8.0 MiB over them, and +4.0 MiB over their later half; **it grew after the warm-up**"),
            "{leaking}"
        );
    }

    #[test]
    fn judges_the_soaks_memory_on_its_anonymous_part() {
        let steady = soak_memory("SQLite", &soak_with(40 * 1024, 41 * 1024));
        assert!(
            steady.contains("+1.0 MiB from the warm-up to the end (40.0 → 41.0), no growth"),
            "{steady}"
        );
        assert!(
            steady.contains("| after the 30 s warm-up | 440.0 | 40.0 | 400.0 |"),
            "{steady}"
        );
        let leaking = soak_memory("PostgreSQL", &soak_with(40 * 1024, 60 * 1024));
        assert!(
            leaking.contains("**it grew after the warm-up**"),
            "{leaking}"
        );
        assert!(leaking.contains("the portal server process's"), "{leaking}");
    }

    #[test]
    fn reports_scale_runs_with_counts_and_plans_judged() {
        use super::super::results::StatementPlan;
        use super::super::scale::{Scale, ScaleRun};
        let plan = |lines: &[&str]| PagePlan {
            page: "Customers, first page".into(),
            statements: vec![StatementPlan {
                summary: "SELECT …".into(),
                plan: lines.iter().map(|l| l.to_string()).collect(),
            }],
        };
        let load = |rps, p99_ms| Load {
            rps,
            p50_ms: 1.0,
            p99_ms,
        };
        let run = |partners, per, api_count, plans, first: Load| ScaleRun {
            engine: "PostgreSQL".into(),
            partners,
            customers_per_partner: per,
            admin_relationships: 1,
            seed_seconds: 12.0,
            expected_count: per + 36,
            api_count,
            query_plans: vec![plans],
            scenarios: vec![
                Scenario {
                    name: "Static file (baseline)".into(),
                    runs: vec![load(10_000.0, 1.0)],
                },
                Scenario {
                    name: "Customers, first page of 50".into(),
                    runs: vec![first],
                },
            ],
        };
        let results = Results {
            scale: Some(Scale {
                runs: vec![
                    run(
                        1,
                        1_000_000,
                        1_000_036,
                        plan(&["Index Scan using x on r", "  Index Cond: (partner_id = $1)"]),
                        load(3_500.0, 8.0),
                    ),
                    run(
                        100,
                        10_000,
                        10_035,
                        plan(&["Seq Scan on customer_relationships r"]),
                        load(2_000.0, 12.0),
                    ),
                ],
                notes: vec!["one shape did not finish".into()],
            }),
            ..Results::default()
        };
        let md = scale(&results);
        assert!(md.ends_with("\nNote: one shape did not finish\n"), "{md}");
        assert!(
            md.contains("| figure | 1 × 1,000,000 | 100 × 10,000 |"),
            "{md}"
        );
        assert!(
            md.contains("| 1,000,036 / 1,000,036, exact | 10,036 / 10,035, **differs** |"),
            "{md}"
        );
        assert!(md.contains("| 1 of 1 | 0 of 1; Customers, first page, `SELECT …`: **reads a whole table or index**: `Seq Scan on customer_relationships r` |"), "{md}");
        assert!(
            md.contains(
                "| 3500 (3500–3500) ×0.35, 8.00, met | 2000 (2000–2000) ×0.20, 12.00, not met |"
            ),
            "{md}"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
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
        let files = first_load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let md = file_table(&files);
        assert!(md.contains("| app.wasm | 2.0 | 1.0 | 1.5 |"), "{md}");
        assert!(md.contains("| **total** | 3.0 | 1.0 | 1.5 |"), "{md}");
        assert!(!md.contains("notes.txt"));
    }

    #[test]
    fn the_levers_tried_are_all_reported() {
        let md = levers(include_str!("../../../bench/levers.json"));
        let rows = md.lines().filter(|l| l.starts_with("| ")).count();
        let kept: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../../bench/levers.json")).unwrap();
        // The header, its separator and one row per lever.
        assert_eq!(rows, kept.len() + 2, "{md}");
        assert!(levers("not json").contains("does not read"));
    }

    /// The committed results, reported again, give the committed report: every figure of
    /// `BENCHMARKS.md` comes from `bench/results.json`, and the file sizes from the files at
    /// hand (here the committed table, whose KB totals need not be the sum of its rows).
    #[test]
    fn reports_the_committed_results_as_committed() {
        let results: Results =
            serde_json::from_str(include_str!("../../../bench/results.json")).unwrap();
        let committed = include_str!("../../../BENCHMARKS.md");
        let files = committed_files(committed);
        assert!(!files.is_empty());
        // The wasm breakdown comes from the build at hand, not from the results file.
        let without_totals = |md: &str| {
            let md = match md.split_once("\n## What each wasm file holds") {
                Some((before, after)) => {
                    format!(
                        "{before}\n## {}",
                        after.split_once("\n## ").map_or("", |(_, rest)| rest)
                    )
                }
                None => md.to_owned(),
            };
            md.lines()
                .filter(|l| !l.starts_with("| **total** |"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            without_totals(&markdown(&results, &files, &[])),
            without_totals(committed)
        );
    }

    /// The file table of a report, read back (KB, so to the nearest tenth).
    fn committed_files(md: &str) -> Vec<FileSize> {
        let section = md.split("## The built files").nth(1).unwrap_or("");
        let table = section.split("\n## ").next().unwrap_or("");
        let bytes = |kb: &str| (kb.trim().parse::<f64>().unwrap() * 1024.0).round() as u64;
        table
            .lines()
            .filter_map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                let [_, name, raw, br, gz, _] = cells[..] else {
                    return None;
                };
                (name != "file" && name != "---" && !name.starts_with("**")).then(|| FileSize {
                    name: name.to_owned(),
                    raw: bytes(raw),
                    brotli: bytes(br),
                    gzip: bytes(gz),
                })
            })
            .collect()
    }
}
