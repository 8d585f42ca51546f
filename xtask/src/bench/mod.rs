//! `cargo xtask bench`: builds the release, fills a database with generated customers (100,000
//! by default, `BENCH_CUSTOMERS` to change) and audit entries, starts the real server on it, and
//! measures:
//!
//! - the API under load with wrk (first page, a deep page, a search, another sort order,
//!   invitation creates) beside a small static file from the same server, the machine's
//!   baseline;
//! - the audit export: first byte, whole file, the server's memory meanwhile;
//! - a mixed soak (`BENCH_SOAK_SECONDS`, 300 by default): reads, searches, creates and whole
//!   acceptances at capacity, errors counted, the server's memory at start, warm and end;
//! - the API figures, the list pages' plans and the soak again on a PostgreSQL server of the
//!   bench's own (durable, as in production), same data size, same machine;
//! - in headless Chromium, the time from a keystroke in the search box to the painted result
//!   (`bench/search-latency.mjs`), and the cold load, 1,000 rows against vanilla JS and memory
//!   (`bench/page-load.mjs`).
//!
//! [`run`] measures into typed [`results::Results`], written as `bench/results.json`;
//! [`report`] turns them (and the built app's file sizes) into `BENCHMARKS.md`. Several runs
//! each; medians reported with min–max.

mod contents;
mod export;
mod report;
mod results;
mod run;
mod soak;
mod wrk;

use std::path::Path;

use crate::{Result, build};

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
    let results = run::measure(root, &dir, customers)?;
    let json = serde_json::to_string(&results).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(root.join("bench")).map_err(|e| e.to_string())?;
    std::fs::write(root.join("bench/results.json"), json + "\n").map_err(|e| e.to_string())?;
    write_report(root, &results)
}

/// `cargo xtask bench report`: `BENCHMARKS.md` again from `bench/results.json` and the build at
/// hand, measuring nothing.
pub fn report_only(root: &Path) -> Result {
    let json =
        std::fs::read_to_string(root.join("bench/results.json")).map_err(|e| e.to_string())?;
    let results: results::Results = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    write_report(root, &results)
}

fn write_report(root: &Path, results: &results::Results) -> Result {
    let files = report::first_load(&root.join("dist"))?;
    let stage = build::target_dir(root).join(build::bundle::STAGE);
    // The breakdown is a report of the build, not a measurement: without it the rest stands.
    let mut wasm = contents::of_split_build(&stage, "partner-portal_bg.wasm").unwrap_or_else(|e| {
        eprintln!("bench: no breakdown of the wasm files: {e}");
        Vec::new()
    });
    // The customer's portal, an entry of its own, after the partner portal's files.
    let portal = stage.join(build::bundle::PORTAL_STAGE);
    match contents::of_split_build(&portal, "customer-portal_bg.wasm") {
        Ok(files) => wasm.extend(files),
        Err(e) => eprintln!("bench: no breakdown of the portal's wasm: {e}"),
    }
    std::fs::write(
        root.join("BENCHMARKS.md"),
        report::markdown(results, &files, &wasm),
    )
    .map_err(|e| e.to_string())?;
    eprintln!("bench: wrote BENCHMARKS.md and bench/results.json");
    Ok(())
}
