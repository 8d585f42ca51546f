//! The audit export at size: how soon its first bytes arrive, how long the whole file takes,
//! and how much the server's resident memory grows meanwhile (sampled from `/proc`), which
//! shows whether the rows are streamed or held.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::Result;

/// What one export measured.
#[derive(Debug, Clone)]
pub struct Figures {
    pub bytes: usize,
    pub first_byte_ms: f64,
    pub total_ms: f64,
    pub rss_before_kib: u64,
    pub rss_peak_kib: u64,
}

/// The resident set of process `pid`, in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Exports the whole log of the signed-in Global admin (`cookie`) once, reading the answer as it
/// arrives, while another thread samples the server's memory every 5 ms.
pub fn measure(addr: &str, cookie: &str, pid: u32) -> Result<Figures> {
    let rss_before_kib = rss_kib(pid).ok_or("cannot read the server's memory")?;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(rss_kib(pid).unwrap_or(0));
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET /api/v1/auditrecords/export HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut body = Vec::new();
    let mut first_byte = None;
    let mut buffer = [0u8; 64 * 1024];
    loop {
        let n = stream.read(&mut buffer).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        first_byte.get_or_insert_with(|| started.elapsed());
        body.extend_from_slice(&buffer[..n]);
    }
    let total = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let rss_peak_kib = sampler.join().unwrap_or(0).max(rss_before_kib);
    let text = String::from_utf8_lossy(&body);
    if !text.starts_with("HTTP/1.1 200") {
        return Err(format!(
            "the export answered {}",
            text.lines().next().unwrap_or("")
        ));
    }
    Ok(Figures {
        bytes: body.len(),
        first_byte_ms: first_byte.unwrap_or(total).as_secs_f64() * 1000.0,
        total_ms: total.as_secs_f64() * 1000.0,
        rss_before_kib,
        rss_peak_kib,
    })
}

impl Figures {
    /// The section of BENCHMARKS.md.
    pub fn markdown(&self, entries: u64) -> String {
        format!(
            "## Audit export\n\nThe log holds {entries} generated entries and those the invitation creates above wrote; one export is the newest 100,000 rows at most. CSV read as it arrives; the server's resident memory sampled every 5 ms.\n\n\
             | figure | value |\n| --- | --- |\n\
             | bytes | {} |\n| first byte | {:.0} ms |\n| whole file | {:.0} ms |\n\
             | server memory before | {:.1} MiB |\n| server memory at its peak during the export | {:.1} MiB (+{:.1} MiB) |\n\n",
            self.bytes,
            self.first_byte_ms,
            self.total_ms,
            self.rss_before_kib as f64 / 1024.0,
            self.rss_peak_kib as f64 / 1024.0,
            (self.rss_peak_kib - self.rss_before_kib) as f64 / 1024.0,
        )
    }
}
