//! `cargo xtask stress`: the long runs that do not fit the normal test command.
//!
//! 1. Generated requests (schemathesis) until at least 10,000 have been sent.
//! 2. Crash without loss: 16 clients create 10,000 invitations; midway the server is killed with
//!    SIGKILL and started again on the same file. Every invitation answered with 201 must then be
//!    in the list, and SQLite's integrity and foreign-key checks must pass.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::live::{self, Request, Server, http};
use crate::{Result, build, generated, run};

const ADDR: &str = "127.0.0.1:18097";
const EMAIL: &str = "adminagent@contoso-partner.example";
const INVITATIONS: usize = 10_000;
const CLIENTS: usize = 16;
/// Acknowledged invitations after which the server is killed.
const KILL_AFTER: usize = 4_000;
/// Cases per operation that take the generated requests past 10,000.
const GENERATED_EXAMPLES: u32 = 400;

pub fn all(root: &Path) -> Result {
    build::all(root)?;
    let generated = generated::run(root, GENERATED_EXAMPLES)?;
    if generated < 10_000 {
        return Err(format!(
            "only {generated} generated requests; raise GENERATED_EXAMPLES"
        ));
    }
    crash_without_loss(root)
}

/// What the clients saw.
#[derive(Default)]
struct Tally {
    acknowledged: Vec<String>,
    /// Requests that got no answer (the server was down or died while answering).
    unanswered: usize,
    /// Answers other than 201: each is a defect.
    unexpected: Vec<String>,
}

fn crash_without_loss(root: &Path) -> Result {
    let dir = root.join("target/stress");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let server = Server::start(root, ADDR, &dir)?;
    let cookie = live::sign_in(ADDR, EMAIL)?;
    let tally = Arc::new(Mutex::new(Tally::default()));
    let acked = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (tally, acked, cookie) = (tally.clone(), acked.clone(), cookie.clone());
            std::thread::spawn(move || client(&cookie, &acked, &tally))
        })
        .collect();
    while acked.load(Ordering::SeqCst) < KILL_AFTER {
        std::thread::sleep(Duration::from_millis(1));
    }
    let at_kill = acked.load(Ordering::SeqCst);
    server.kill();
    eprintln!("xtask> killed the server (SIGKILL) after {at_kill} acknowledged invitations");
    std::thread::sleep(Duration::from_millis(500));
    let server = Server::start(root, ADDR, &dir)?;
    for c in clients {
        c.join().map_err(|_| "a client thread panicked")?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let tally = std::mem::take(&mut *tally.lock().map_err(|_| "tally poisoned")?);
    if !tally.unexpected.is_empty() {
        return Err(format!("answers other than 201: {:?}", tally.unexpected));
    }
    let listed = listed_invitations(&cookie)?;
    let lost: Vec<&String> = tally
        .acknowledged
        .iter()
        .filter(|id| !listed.contains(*id))
        .collect();
    drop(server);
    run(
        root,
        Command::new(root.join("target/release/portal-server"))
            .arg("--check-database")
            .arg("--database-url")
            .arg(live::database_url(&dir)),
    )?;
    eprintln!(
        "xtask> crash without loss: {} acknowledged ({at_kill} before the kill), {} found after the restart, {} lost; {} requests unanswered while the server was down; {} invitations in the list; {elapsed:.1} s",
        tally.acknowledged.len(),
        tally.acknowledged.len() - lost.len(),
        lost.len(),
        tally.unanswered,
        listed.len(),
    );
    if lost.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} acknowledged invitations are missing: {lost:?}",
            lost.len()
        ))
    }
}

/// Creates invitations until 10,000 are acknowledged, retrying while the server is away.
fn client(cookie: &str, acked: &AtomicUsize, tally: &Mutex<Tally>) {
    let request = || Request {
        method: "POST",
        path: "/api/v1/customers/relationshiprequests".into(),
        cookie: Some(cookie.to_owned()),
        body: Some(r#"{"allowDelegatedAccess":true,"language":"en"}"#.into()),
    };
    while acked.load(Ordering::SeqCst) < INVITATIONS {
        let answer = http(ADDR, &request());
        let mut t = tally.lock().expect("tally");
        match answer {
            Ok((201, _, body)) => match live::json_string(&body, "id") {
                Some(id) => {
                    t.acknowledged.push(id);
                    acked.fetch_add(1, Ordering::SeqCst);
                }
                None => t.unexpected.push(format!("201 without an id: {body}")),
            },
            // The connection closed before a whole answer arrived: the server died mid-request.
            Ok((0, _, _)) | Err(_) => {
                t.unanswered += 1;
                drop(t);
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok((status, _, body)) => t.unexpected.push(format!("{status}: {body}")),
        }
    }
}

/// Every invitation id the partner's list holds, following continuation tokens.
fn listed_invitations(cookie: &str) -> Result<HashSet<String>> {
    let mut ids = HashSet::new();
    let mut token: Option<String> = None;
    let path = "/api/v1/customers/relationshiprequests?size=1000";
    loop {
        let body = live::page(ADDR, cookie, path, token.as_deref())?;
        let page: serde_json::Value =
            serde_json::from_str(&body).map_err(|e| format!("{path}: {e}"))?;
        for item in page["items"].as_array().into_iter().flatten() {
            if let Some(id) = item["id"].as_str() {
                ids.insert(id.to_owned());
            }
        }
        token = page["continuationToken"].as_str().map(str::to_owned);
        if token.is_none() {
            return Ok(ids);
        }
    }
}
