//! `cargo xtask bench [server|browser|scale|report]`: measures the release in parts, each part
//! on data of its own, and keeps the figures of every part in `bench/results.json`, so one part
//! can be measured again (after a change to the app, `bench browser`) without the others:
//!
//! - `server`: a database filled with generated customers (100,000 by default,
//!   `BENCH_CUSTOMERS` to change) and audit entries, the real server on it, and the API under
//!   load with wrk (first page, a deep page, a search, another sort order, invitation creates)
//!   beside a small static file from the same server, the machine's baseline; the audit export
//!   (first byte, whole file, the server's memory meanwhile); the list pages' plans; a mixed
//!   soak (`BENCH_SOAK_SECONDS`, 300 by default: reads, searches, creates and whole acceptances
//!   at capacity, errors counted, the server's memory at start, warm and end); then all of it
//!   again on a PostgreSQL server of the bench's own (durable, as in production);
//! - `browser`: the same data on SQLite and, in headless Chromium, the time from a keystroke in
//!   the search box to the painted result (`bench/search-latency.mjs`), the cold load, 1,000 rows
//!   against vanilla JS, memory and a first visit's bytes (`bench/page-load.mjs`), Lighthouse;
//! - `scale` ([`scale`]): both engines with one partner of a million customers and with a
//!   hundred partners of 10,000: the plans, the exact count, the Customers list under load;
//! - `report`: `BENCHMARKS.md` again from `bench/results.json` and the build at hand.
//!
//! No part named runs them all. Each part's figures replace those of its last run in
//! [`results::Results`], stamped with the date and the commit measured; [`report`] turns them
//! (and the built app's file sizes) into `BENCHMARKS.md`. Several runs each; medians reported
//! with min–max.

mod contents;
mod export;
mod report;
mod results;
mod run;
mod scale;
mod soak;
mod wrk;

use std::path::Path;

use results::{Results, Stamp};

use crate::{Result, build};

/// A part of the bench.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Server,
    Browser,
    Scale,
}

impl Part {
    /// Every part, in the order `cargo xtask bench` runs them.
    pub const ALL: [Part; 3] = [Part::Server, Part::Browser, Part::Scale];

    /// The part named on the command line.
    pub fn named(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Part::Server => "server",
            Part::Browser => "browser",
            Part::Scale => "scale",
        }
    }
}

/// Builds the release, measures `parts` one after another, and after each writes its figures
/// into `bench/results.json` (the other parts' figures kept) and `BENCHMARKS.md`.
pub fn measure(root: &Path, parts: &[Part]) -> Result {
    build::all(root)?;
    let customers: u64 = std::env::var("BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut results = saved(root)?;
    for &part in parts {
        let dir = root.join("target/bench").join(part.name());
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let stamp = Stamp {
            date: run::now(root),
            commit: run::commit(root),
            customers,
        };
        eprintln!("bench: {} on {}", part.name(), stamp.commit);
        let stamp = match part {
            Part::Server => {
                run::server(root, &dir, customers, &mut results)?;
                stamp
            }
            Part::Browser => {
                run::browser(root, &dir, customers, &mut results)?;
                stamp
            }
            Part::Scale => {
                let scale = scale::measure(root, &dir)?;
                let largest = scale.largest_partner();
                results.scale = Some(scale);
                Stamp {
                    customers: largest,
                    ..stamp
                }
            }
        };
        let _ = std::fs::remove_dir_all(&dir);
        // The date of the newest part.
        results.date = stamp.date.clone();
        results.machine = run::machine(root);
        *match part {
            Part::Server => &mut results.parts.server,
            Part::Browser => &mut results.parts.browser,
            Part::Scale => &mut results.parts.scale,
        } = Some(stamp);
        let json = serde_json::to_string(&results).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(root.join("bench")).map_err(|e| e.to_string())?;
        std::fs::write(root.join("bench/results.json"), json + "\n").map_err(|e| e.to_string())?;
        write_report(root, &results)?;
    }
    Ok(())
}

/// The figures of the last runs, or none yet.
fn saved(root: &Path) -> Result<Results> {
    match std::fs::read_to_string(root.join("bench/results.json")) {
        Ok(json) => serde_json::from_str(&json)
            .map(stamp_whole_run)
            .map_err(|e| format!("bench/results.json does not read: {e}")),
        Err(_) => Ok(Results::default()),
    }
}

/// Results of a run before the bench ran in parts: every part it measured gets that run's
/// date, so a part measured later does not lend it its own.
fn stamp_whole_run(mut r: Results) -> Results {
    if r.parts != results::Parts::default() {
        return r;
    }
    let stamp = || {
        Some(Stamp {
            date: r.date.clone(),
            commit: "not recorded".into(),
            customers: r.customers,
        })
    };
    let parts = results::Parts {
        server: (!r.scenarios.is_empty()).then(stamp).flatten(),
        browser: (!r.keystroke_to_paint_ms.is_empty()).then(stamp).flatten(),
        scale: None,
    };
    r.parts = parts;
    r
}

/// `cargo xtask bench report`: `BENCHMARKS.md` again from `bench/results.json` and the build at
/// hand, measuring nothing.
pub fn report_only(root: &Path) -> Result {
    let json =
        std::fs::read_to_string(root.join("bench/results.json")).map_err(|e| e.to_string())?;
    let results: Results = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    write_report(root, &results)
}

fn write_report(root: &Path, results: &Results) -> Result {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_parts() {
        assert_eq!(Part::named("browser"), Some(Part::Browser));
        assert_eq!(Part::named("scale"), Some(Part::Scale));
        assert_eq!(Part::named("all"), None);
        assert!(Part::ALL.iter().all(|p| Part::named(p.name()) == Some(*p)));
    }

    #[test]
    fn a_run_before_the_parts_keeps_its_own_date() {
        let mut whole: Results =
            serde_json::from_str(include_str!("../../../bench/results.json")).unwrap();
        whole.parts.scale = Some(Stamp::default());
        let mut old = whole.clone();
        old.parts = results::Parts::default();
        old.date = "2026-12-03 08:57 UTC".into();
        let stamped = stamp_whole_run(old);
        let browser = stamped.parts.browser.unwrap();
        assert_eq!(browser.date, "2026-12-03 08:57 UTC");
        assert_eq!(browser.customers, whole.customers);
        assert!(stamped.parts.server.is_some() && stamped.parts.scale.is_none());
        // Stamped results are left as they are.
        assert_eq!(stamp_whole_run(whole.clone()), whole);
    }
}
