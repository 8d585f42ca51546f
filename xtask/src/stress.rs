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

use portal_contract::{Invitation, demo, paths};

use crate::live::{self, Client, Server, Session};
use crate::{Result, build, generated, run};

const ADDR: &str = "127.0.0.1:18097";
const EMAIL: &str = demo::CONTOSO_ADMIN_AGENT;
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
    let client = Client::new(ADDR);
    let session = client.sign_in(EMAIL)?;
    let tally = Arc::new(Mutex::new(Tally::default()));
    let acked = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (tally, acked) = (tally.clone(), acked.clone());
            let (client, session) = (client.clone(), session.clone());
            std::thread::spawn(move || create_invitations(&client, &session, &acked, &tally))
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
    let listed = listed_invitations(&client, &session)?;
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

/// One create as a client saw it.
enum Outcome {
    Acknowledged(String),
    /// No whole answer: the server was down, or died while answering.
    Unanswered,
    Unexpected(String),
}

fn create_invitation(client: &Client, session: &Session) -> Outcome {
    let path = paths::RELATIONSHIP_REQUESTS;
    let mut answer = match client.post_json(path, Some(session), &live::new_invitation()) {
        Ok(answer) => answer,
        Err(_) => return Outcome::Unanswered,
    };
    // A body that broke off is no whole answer: the server died while sending it.
    let Ok(body) = answer.body_mut().read_to_string() else {
        return Outcome::Unanswered;
    };
    match (
        answer.status().as_u16(),
        serde_json::from_str::<Invitation>(&body),
    ) {
        (201, Ok(invitation)) => Outcome::Acknowledged(invitation.id),
        (201, Err(e)) => Outcome::Unexpected(format!("201 without an invitation ({e}): {body}")),
        (status, _) => Outcome::Unexpected(format!("{status}: {body}")),
    }
}

/// Creates invitations until 10,000 are acknowledged, retrying while the server is away.
fn create_invitations(
    client: &Client,
    session: &Session,
    acked: &AtomicUsize,
    tally: &Mutex<Tally>,
) {
    while acked.load(Ordering::SeqCst) < INVITATIONS {
        let outcome = create_invitation(client, session);
        let mut t = tally.lock().expect("tally");
        match outcome {
            Outcome::Acknowledged(id) => {
                t.acknowledged.push(id);
                acked.fetch_add(1, Ordering::SeqCst);
            }
            Outcome::Unanswered => {
                t.unanswered += 1;
                drop(t);
                std::thread::sleep(Duration::from_millis(20));
            }
            Outcome::Unexpected(what) => t.unexpected.push(what),
        }
    }
}

/// Every invitation id the partner's list holds, following continuation tokens.
fn listed_invitations(client: &Client, session: &Session) -> Result<HashSet<String>> {
    let mut ids = HashSet::new();
    let mut token: Option<String> = None;
    let path = live::with_query(
        paths::RELATIONSHIP_REQUESTS,
        &[(paths::customers_query::SIZE, "1000")],
    );
    loop {
        let page = client.page::<Invitation>(session, &path, token.as_deref())?;
        ids.extend(page.items.into_iter().map(|i| i.id));
        token = page.continuation_token;
        if token.is_none() {
            return Ok(ids);
        }
    }
}
