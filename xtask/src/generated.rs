//! Generated requests: the server's own OpenAPI document is first validated
//! ([`crate::openapi`]), then schemathesis reads it and sends what it derives from it, valid and
//! invalid, checking every answer against the document. The release server runs on a database
//! of its own; afterwards it must still be running and its log must hold no panic. `cargo xtask test` runs a bounded, seeded pass; `cargo xtask stress` a long one.

use std::path::Path;
use std::process::Command;

use portal_contract::{demo, paths};

use crate::install::PYTHON_ENV;
use crate::live::{Client, Server};
use crate::{Result, describe, openapi, tool_path};

const ADDR: &str = "127.0.0.1:18096";
/// Signed in for the partner's operations, and for the customer's (accepting invitations).
const PARTNER: &str = demo::CONTOSO_GLOBAL_ADMIN;
const CUSTOMER: &str = demo::FABRIKAM_ADMIN;
/// The seed every run uses, so a failure reproduces.
pub const SEED: &str = "20261124";

/// Runs schemathesis with at most `examples` cases per operation; returns how many requests
/// it generated in all.
pub fn run(root: &Path, examples: u32) -> Result<u64> {
    let dir = root.join("target/generated-requests");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut server = Server::start(root, ADDR, &dir)?;
    openapi::validate(root, &Client::new(ADDR), &dir)?;
    let mut generated = 0;
    // The partner's operations, then the customer's: each with a real session.
    for (email, only_tag) in [(PARTNER, None), (CUSTOMER, Some("acceptance"))] {
        generated += schemathesis(root, email, only_tag, examples)?;
    }
    if !server.running() {
        return Err("the server stopped during the generated requests".into());
    }
    drop(server);
    let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
    if log.contains("panicked") {
        return Err(format!(
            "the server panicked; see {}",
            dir.join("server.log").display()
        ));
    }
    eprintln!("xtask> generated requests: {generated}, no failures, no panics");
    Ok(generated)
}

fn schemathesis(root: &Path, email: &str, only_tag: Option<&str>, examples: u32) -> Result<u64> {
    let session = Client::new(ADDR).sign_in(email)?;
    let mut cmd = Command::new(root.join(PYTHON_ENV).join("bin/schemathesis"));
    cmd.current_dir(root)
        .env("PATH", tool_path(root))
        .env("PORTAL_SESSION", session.value())
        .args([
            "--config-file",
            "tests/schemathesis/schemathesis.toml",
            "run",
        ])
        .arg(format!("http://{ADDR}{}", paths::OPENAPI))
        .args(["--seed", SEED, "--max-examples", &examples.to_string()])
        // One worker: with two threads, Debian's Python 3.11 now and then fails hypothesis's
        // parsing of its own source ("AST constructor recursion depth mismatch", CPython
        // gh-106905), which schemathesis reports as a runtime error of the operation.
        .args(["--no-color", "--workers", "1"]);
    if let Some(tag) = only_tag {
        cmd.args(["--include-tag", tag]);
    }
    eprintln!("xtask> {}", describe(&cmd));
    let out = cmd
        .output()
        .map_err(|e| format!("cannot start schemathesis: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        print!("{text}");
        return Err(format!("schemathesis found failures ({})", out.status));
    }
    // Keep the summary; the full report is long.
    let summary = text.rsplit_once("SUMMARY").map_or(&*text, |(_, s)| s);
    print!("SUMMARY{summary}");
    generated_count(&text).ok_or_else(|| "schemathesis printed no test case count".into())
}

/// The `N generated` figure of schemathesis's summary.
fn generated_count(summary: &str) -> Option<u64> {
    summary.lines().find_map(|l| {
        l.trim()
            .split_once(" generated,")
            .and_then(|(n, _)| n.trim().parse().ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_generated_count() {
        let out = "⚠️ 2 operations mostly rejected generated data\nTest cases:\n  1156 generated, 1156 passed, 28 skipped\n\nSeed: 1\n";
        assert_eq!(generated_count(out), Some(1156));
        assert_eq!(generated_count("no summary"), None);
    }
}
