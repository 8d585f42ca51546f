//! A mixed soak: for a few minutes, clients in closed loops (so at the machine's capacity) read
//! the Customers list, search it, create invitations, and run whole acceptances (the partner
//! invites, the customer accepts, the partner removes the relationship again), while the
//! server's resident memory is read, its anonymous and file-backed parts apart. Every answer is
//! checked; any other status is an error.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use portal_contract::paths::{self, customers_query as query};
use portal_contract::{AcceptInvitation, Customer, Invitation, Page, demo};

use super::results::{MemorySample, ProcessMemory, Soak, SoakMemory, SoakOperation};
use crate::Result;
use crate::live::{self, Client, Session};

/// Memory is compared from this point on: pools, caches and allocator arenas are warm.
const WARM_UP: Duration = Duration::from_secs(30);

/// How often the heap is read after the warm-up, while the clients run.
const SAMPLE_EVERY: Duration = Duration::from_secs(10);

/// Searches the soak cycles through: prefixes of the generated names, one to four letters.
const SEARCHES: &[&str] = &["b", "ko", "vis", "bala", "ter", "mo", "szel", "rin"];

/// One kind of operation: its name, how many clients run it, and one round of it.
struct Kind {
    name: &'static str,
    clients: usize,
    round: fn(&Client, &Sessions, u64) -> Result,
}

/// The sessions the clients act with.
struct Sessions {
    partner: Session,
    /// The partner's Global admin: only they remove a relationship.
    partner_admin: Session,
    customer: Session,
    /// Fabrikam's id in the partner's list, once it is a customer.
    fabrikam: std::sync::Mutex<Option<String>>,
}

const KINDS: &[Kind] = &[
    Kind {
        name: "Customers, first page",
        clients: 2,
        round: first_page,
    },
    Kind {
        name: "Customers, search",
        clients: 1,
        round: search,
    },
    Kind {
        name: "Invitation create",
        clients: 1,
        round: create,
    },
    Kind {
        name: "Acceptance (invite, accept, remove)",
        clients: 1,
        round: acceptance,
    },
];

fn expect(answer: live::Answer, status: u16, what: &str) -> Result<live::Answer> {
    if answer.status() == status {
        Ok(answer)
    } else {
        Err(format!("{what} answered {}", answer.status()))
    }
}

fn first_page(client: &Client, s: &Sessions, _: u64) -> Result {
    expect(
        client.get(paths::CUSTOMERS, Some(&s.partner))?,
        200,
        "Customers",
    )?;
    Ok(())
}

fn search(client: &Client, s: &Sessions, round: u64) -> Result {
    let filter = SEARCHES[round as usize % SEARCHES.len()];
    let path = live::with_query(paths::CUSTOMERS, &[(query::FILTER, filter)]);
    expect(client.get(&path, Some(&s.partner))?, 200, "a search")?;
    Ok(())
}

fn new_invitation(client: &Client, s: &Sessions) -> Result<Invitation> {
    let answer = client.post_json(
        paths::RELATIONSHIP_REQUESTS,
        Some(&s.partner),
        &live::new_invitation(),
    )?;
    expect(answer, 201, "an invitation create")?
        .body_mut()
        .read_json()
        .map_err(|e| format!("an invitation: {e}"))
}

fn create(client: &Client, s: &Sessions, _: u64) -> Result {
    new_invitation(client, s).map(drop)
}

fn acceptance(client: &Client, s: &Sessions, _: u64) -> Result {
    let invitation = new_invitation(client, s)?;
    let token = invitation
        .link
        .as_deref()
        .and_then(|l| l.split_once('#'))
        .map(|(_, t)| t.to_owned())
        .ok_or("an invitation without a link")?;
    let accept = AcceptInvitation {
        token,
        accept_customer_agreement: true,
    };
    let answer = client.post_json(paths::INVITATION_ACCEPT, Some(&s.customer), &accept)?;
    expect(answer, 201, "an acceptance")?;
    let mut known = s.fabrikam.lock().unwrap_or_else(|e| e.into_inner());
    if known.is_none() {
        let path = live::with_query(paths::CUSTOMERS, &[(query::FILTER, "fabrikam")]);
        let page: Page<Customer> = client.page(&s.partner, &path, None)?;
        *known = page.items.into_iter().next().map(|c| c.id);
    }
    let id = known.as_deref().ok_or("Fabrikam is not in the list")?;
    let removed = client.post_empty(&paths::remove_relationship(id), Some(&s.partner_admin))?;
    if !(200..300).contains(&removed.status().as_u16()) {
        return Err(format!("a removal answered {}", removed.status()));
    }
    Ok(())
}

/// Runs the soak for `seconds` against the server at `addr` (process `pid`).
pub fn measure(addr: &str, pid: u32, seconds: u64) -> Result<Soak> {
    let client = Client::new(addr);
    let sessions = Arc::new(Sessions {
        partner: client.sign_in(demo::CONTOSO_ADMIN_AGENT)?,
        partner_admin: client.sign_in(demo::CONTOSO_GLOBAL_ADMIN)?,
        customer: client.sign_in(demo::FABRIKAM_ADMIN)?,
        fabrikam: std::sync::Mutex::new(None),
    });
    let start = ProcessMemory::of(pid).ok_or("cannot read the server's memory")?;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let counters: Vec<(Arc<AtomicU64>, Arc<AtomicU64>)> =
        KINDS.iter().map(|_| Default::default()).collect();
    let first_errors = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut threads = Vec::new();
    for (kind, (done, errors)) in KINDS.iter().zip(&counters) {
        for _ in 0..kind.clients {
            let (client, sessions) = (Client::new(addr), sessions.clone());
            let (done, errors, first_errors) = (done.clone(), errors.clone(), first_errors.clone());
            let round = kind.round;
            threads.push(std::thread::spawn(move || {
                let mut n = 0;
                while Instant::now() < deadline {
                    match round(&client, &sessions, n) {
                        Ok(()) => done.fetch_add(1, Ordering::Relaxed),
                        Err(e) => {
                            let mut first = first_errors.lock().unwrap_or_else(|e| e.into_inner());
                            if first.len() < 5 {
                                first.push(e);
                            }
                            errors.fetch_add(1, Ordering::Relaxed)
                        }
                    };
                    n += 1;
                }
            }));
        }
    }
    std::thread::sleep(WARM_UP.min(Duration::from_secs(seconds / 2)));
    let warm = ProcessMemory::of(pid).unwrap_or_default();
    let mut samples = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(SAMPLE_EVERY));
        if let Some(now) = ProcessMemory::of(pid) {
            samples.push(MemorySample {
                second: super::results::round(started.elapsed().as_secs_f64(), 1),
                rss_anon_kib: now.rss_anon_kib,
            });
        }
    }
    for t in threads {
        t.join().map_err(|_| "a soak client panicked")?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let end = ProcessMemory::of(pid).ok_or("the server is gone after the soak")?;
    let operations = KINDS
        .iter()
        .zip(&counters)
        .map(|(kind, (done, errors))| SoakOperation {
            name: kind.name.to_owned(),
            clients: kind.clients as u32,
            done: done.load(Ordering::Relaxed),
            errors: errors.load(Ordering::Relaxed),
            per_second: super::results::round(done.load(Ordering::Relaxed) as f64 / elapsed, 1),
        })
        .collect();
    let first_errors = first_errors
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    Ok(Soak {
        seconds,
        operations,
        first_errors,
        rss_start_kib: start.vm_rss_kib,
        rss_warm_kib: warm.vm_rss_kib,
        rss_end_kib: end.vm_rss_kib,
        memory: Some(SoakMemory {
            start,
            warm,
            end,
            samples,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::Server;

    /// A short soak against the release server: every kind of operation runs, whole
    /// acceptances included, and none fails.
    #[test]
    #[ignore = "needs target/release/portal-server"]
    fn a_short_soak_runs_every_operation_without_an_error() {
        let root = crate::project_root();
        let dir = root.join("target/xtask-soak-test");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let server = Server::start(&root, "127.0.0.1:18097", &dir).unwrap();
        let soak = measure("127.0.0.1:18097", server.pid(), 4).unwrap();
        assert_eq!(soak.operations.len(), KINDS.len());
        for op in &soak.operations {
            assert!(op.done > 0, "{soak:?}");
            assert_eq!(op.errors, 0, "{soak:?}");
        }
        assert!(soak.first_errors.is_empty(), "{soak:?}");
        let memory = soak.memory.as_ref().expect("the server's memory is read");
        assert!(!memory.samples.is_empty(), "{soak:?}");
    }
}
