//! The audit export at size: how soon its first bytes arrive, how long the whole file takes,
//! and how much the server's resident memory grows meanwhile (sampled from `/proc`), which
//! shows whether the rows are streamed or held.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use portal_contract::paths;

use super::results::{AuditExport, round};
use crate::Result;
use crate::live::{Client, Session};

/// The resident set of process `pid`, in KiB.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Exports the whole log of the signed-in Global admin once, reading the answer as it arrives,
/// while another thread samples the server's memory every 5 ms. `entries` is how many the
/// seed generated.
pub fn measure(client: &Client, admin: &Session, pid: u32, entries: u64) -> Result<AuditExport> {
    let rss_before_kib = rss_kib(pid).ok_or("cannot read the server's memory")?;
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = 0;
            while !done.load(Ordering::Relaxed) {
                peak = peak.max(rss_kib(pid).unwrap_or(0));
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    let started = Instant::now();
    let read = read_export(client, admin);
    let first_byte = read.as_ref().map_or(Duration::ZERO, |r| r.0);
    let total = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let rss_peak_kib = sampler.join().unwrap_or(0).max(rss_before_kib);
    let (_, bytes) = read?;
    Ok(AuditExport {
        entries,
        bytes,
        first_byte_ms: round(first_byte.as_secs_f64() * 1000.0, 1),
        total_ms: round(total.as_secs_f64() * 1000.0, 1),
        rss_before_kib,
        rss_peak_kib,
    })
}

/// When the answer's head arrived, and the bytes of its body, read and dropped as they come.
fn read_export(client: &Client, admin: &Session) -> Result<(Duration, u64)> {
    let started = Instant::now();
    let answer = client.get(paths::AUDIT_RECORDS_CSV, Some(admin))?;
    let first_byte = started.elapsed();
    if answer.status() != 200 {
        return Err(format!("the export answered {}", answer.status()));
    }
    let bytes = std::io::copy(&mut answer.into_body().into_reader(), &mut std::io::sink())
        .map_err(|e| format!("the export broke off: {e}"))?;
    Ok((first_byte, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::Server;

    /// Against the release server (`cargo build --release -p portal-server` first):
    /// `cargo test -p xtask -- --ignored`.
    #[test]
    #[ignore = "needs target/release/portal-server"]
    fn measures_an_export_of_the_release_server() {
        let root = crate::project_root();
        let dir = root.join("target/xtask-export-test");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let server = Server::start(&root, "127.0.0.1:18098", &dir).unwrap();
        let client = Client::new("127.0.0.1:18098");
        let admin = client
            .sign_in(portal_contract::demo::CONTOSO_GLOBAL_ADMIN)
            .unwrap();
        let export = measure(&client, &admin, server.pid(), 0).unwrap();
        assert!(export.bytes > 0, "{export:?}");
        assert!(export.first_byte_ms <= export.total_ms, "{export:?}");
        assert!(export.rss_peak_kib >= export.rss_before_kib, "{export:?}");
        // A sales agent may not export: the measurement says so instead of timing an error.
        let agent = client
            .sign_in(portal_contract::demo::CONTOSO_SALES_AGENT)
            .unwrap();
        assert!(measure(&client, &agent, server.pid(), 0).is_err());
    }
}
