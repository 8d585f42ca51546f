//! wrk (Debian's), run against the task's server, and its printed summary read back.

use std::path::Path;
use std::process::Command;

use super::results::{Load, WrkSettings};
use crate::live::Session;
use crate::{Result, output};

/// Two threads, eight connections, five seconds a run.
pub const SETTINGS: WrkSettings = WrkSettings {
    threads: 2,
    connections: 8,
    seconds: 5,
};

/// One run against `http://{addr}{path}`, signed in with `session`, with a Lua `script` for
/// requests other than `GET`.
pub fn run(
    root: &Path,
    addr: &str,
    session: &Session,
    path: &str,
    script: Option<&Path>,
) -> Result<Load> {
    let mut cmd = Command::new("wrk");
    if let Some(script) = script {
        cmd.arg("-s").arg(script);
    }
    let out = output(
        root,
        cmd.args([
            &format!("-t{}", SETTINGS.threads),
            &format!("-c{}", SETTINGS.connections),
            &format!("-d{}s", SETTINGS.seconds),
            "--latency",
            "-H",
            &format!("Cookie: {}", session.cookie()),
            "-H",
            "Accept-Encoding: br, gzip",
            &format!("http://{addr}{path}"),
        ]),
    )
    .ok_or("wrk failed")?;
    parse(&out).ok_or_else(|| format!("cannot read wrk's output:\n{out}"))
}

/// Requests per second and the 50th and 99th percentiles in ms; `None` when any answer was
/// not 2xx or 3xx (the figures would be of the wrong thing).
pub fn parse(out: &str) -> Option<Load> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrk_output() {
        let out = "Running 5s test @ http://127.0.0.1:18090/x\n  2 threads and 16 connections\n  Thread Stats   Avg      Stdev     Max   +/- Stdev\n    Latency   612.00us  200.00us   5.00ms   90.00%\n  Latency Distribution\n     50%  580.00us\n     75%  700.00us\n     90%  800.00us\n     99%    1.50ms\n  120000 requests in 5.00s, 10.00MB read\nRequests/sec:  24000.50\nTransfer/sec:      2.00MB\n";
        let l = parse(out).unwrap();
        assert_eq!(l.rps, 24000.5);
        assert!((l.p50_ms - 0.58).abs() < 1e-9);
        assert!((l.p99_ms - 1.5).abs() < 1e-9);
        assert!(parse(&format!("{out}  Non-2xx or 3xx responses: 5\n")).is_none());
    }
}
