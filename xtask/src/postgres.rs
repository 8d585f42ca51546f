//! A PostgreSQL server of the test run's own: Debian's PostgreSQL 15, a fresh data folder under
//! `target/postgres/`, its own port, run as an unprivileged user (initdb refuses root), stopped
//! when the guard is dropped, so nothing is left running whether the tests pass or fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, run};

/// Debian's PostgreSQL, the version the test run installs when it is missing.
const BIN: &str = "/usr/lib/postgresql/15/bin";
/// The port unless `PORTAL_TEST_POSTGRES_PORT` names another: below Linux's range for outgoing
/// connections (32768–60999), so a busy machine's client sockets never hold it.
const DEFAULT_PORT: u16 = 25432;
/// The superuser initdb creates; trusted on 127.0.0.1 only.
const USER: &str = "portal";

/// A running test server; dropping it stops the server.
pub struct Postgres {
    data: PathBuf,
    runner: Runner,
    port: u16,
    durability: Durability,
}

/// Whether commits reach the disk before they are acknowledged.
#[derive(Clone, Copy)]
enum Durability {
    /// Tests: a throw-away server, fsync and synchronous commit off.
    Off,
    /// Measurements: PostgreSQL's defaults.
    Full,
}

/// Who runs PostgreSQL's programs: ourselves, or (as root) the `postgres` account.
#[derive(Clone, Copy)]
enum Runner {
    Me,
    Postgres,
}

impl Runner {
    fn command(self, program: &str) -> Command {
        let program = format!("{BIN}/{program}");
        match self {
            Runner::Me => Command::new(program),
            Runner::Postgres => {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--", &program]);
                c
            }
        }
    }
}

impl Postgres {
    /// initdb in a fresh folder and start the server; the folder of an earlier run (and a
    /// server a killed run left on it) is cleared first.
    pub fn start(root: &Path) -> Result<Postgres> {
        Postgres::start_on(root, port()?)
    }

    /// A server whose commits are durable (fsync on, as in production), for measuring; on the
    /// same port as [`Postgres::start`].
    pub fn start_durable(root: &Path) -> Result<Postgres> {
        Postgres::start_with(root, port()?, Durability::Full)
    }

    /// Stops the server and deletes its data folder (a filled database takes gigabytes).
    pub fn remove(self) {
        let data = self.data.clone();
        drop(self);
        let _ = std::fs::remove_dir_all(data);
    }

    /// [`Postgres::start`] on `port`, with a data folder of that port's own.
    pub fn start_on(root: &Path, port: u16) -> Result<Postgres> {
        Postgres::start_with(root, port, Durability::Off)
    }

    fn start_with(root: &Path, port: u16, durability: Durability) -> Result<Postgres> {
        let runner = if crate::install::is_root() {
            Runner::Postgres
        } else {
            Runner::Me
        };
        let data = home(root, runner, port)?.join("data");
        if data.join("postmaster.pid").exists() {
            let _ = runner
                .command("pg_ctl")
                .args(["stop", "-m", "immediate", "-D"])
                .arg(&data)
                .status();
        }
        if data.exists() {
            std::fs::remove_dir_all(&data)
                .map_err(|e| format!("cannot clear {}: {e}", data.display()))?;
        }
        run(
            root,
            runner
                .command("initdb")
                .args([
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--username",
                    USER,
                ])
                .arg("--pgdata")
                .arg(&data)
                .arg("--no-sync"),
        )?;
        let server = Postgres {
            data,
            runner,
            port,
            durability,
        };
        server.launch(root)?;
        Ok(server)
    }

    /// pg_ctl start on the data folder: TCP on 127.0.0.1 only and no socket file (paths under
    /// target/ can be too long), room for every test's pool, durable or not.
    fn launch(&self, root: &Path) -> Result {
        let mut options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' \
             -c max_connections=400",
            self.port
        );
        if let Durability::Off = self.durability {
            options.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        let log = self.data.parent().unwrap_or(&self.data).join("server.log");
        run(
            root,
            self.runner
                .command("pg_ctl")
                .args(["start", "--wait", "--timeout=60", "-D"])
                .arg(&self.data)
                .args(["-o", &options, "-l"])
                .arg(log),
        )
    }

    /// Stops the server, keeping its data, as when a database goes away under its clients.
    #[cfg(test)]
    fn stop(&self) -> Result {
        let status = self
            .runner
            .command("pg_ctl")
            .args(["stop", "--wait", "-m", "fast", "-D"])
            .arg(&self.data)
            .status()
            .map_err(|e| e.to_string())?;
        status
            .success()
            .then_some(())
            .ok_or("pg_ctl stop failed".into())
    }

    /// The server's URL for a client: the `postgres` database as the superuser.
    pub fn url(&self) -> String {
        self.database_url("postgres")
    }

    /// The URL of database `name` on this server.
    pub fn database_url(&self, name: &str) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/{name}", self.port)
    }
}

/// `PORTAL_TEST_POSTGRES_PORT`, or the default port.
fn port() -> Result<u16> {
    match std::env::var("PORTAL_TEST_POSTGRES_PORT") {
        Ok(p) => p
            .parse()
            .map_err(|_| format!("PORTAL_TEST_POSTGRES_PORT is not a port: {p}")),
        Err(_) => Ok(DEFAULT_PORT),
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self
            .runner
            .command("pg_ctl")
            .args(["stop", "--wait", "-m", "fast", "-D"])
            .arg(&self.data)
            .status();
    }
}

/// The folder holding the data and the log: `target/postgres/PORT`, owned by whoever runs the
/// server. As root it belongs to `postgres`, which must be able to reach it; when a parent
/// folder is closed to that account, a folder in the system's temporary directory is used.
fn home(root: &Path, runner: Runner, port: u16) -> Result<PathBuf> {
    if !Path::new(BIN).join("initdb").exists() {
        crate::install::debian_packages(
            root,
            &[("postgresql-15", "/usr/lib/postgresql/15/bin/initdb")],
        )?;
    }
    let preferred = root.join(format!("target/postgres/{port}"));
    let fallback = std::env::temp_dir().join(format!("portal-test-postgres-{port}"));
    for home in [preferred, fallback] {
        std::fs::create_dir_all(&home)
            .map_err(|e| format!("cannot create {}: {e}", home.display()))?;
        if let Runner::Postgres = runner {
            run(
                root,
                Command::new("chown").args(["postgres:postgres"]).arg(&home),
            )?;
            let reachable = Command::new("runuser")
                .args(["-u", "postgres", "--", "test", "-w"])
                .arg(&home)
                .status()
                .is_ok_and(|s| s.success());
            if !reachable {
                continue;
            }
        }
        return Ok(home);
    }
    Err("no folder the postgres account can write for the test server".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready(port: u16) -> bool {
        Command::new(format!("{BIN}/pg_isready"))
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Starts a real server (Debian's PostgreSQL), so it runs with the release-server tests.
    #[test]
    #[ignore = "needs PostgreSQL 15 and target/release/portal-server"]
    fn the_test_server_answers_while_held_and_is_gone_when_dropped() {
        let root = crate::project_root();
        let port = 25_431;
        let server = Postgres::start_on(&root, port).unwrap();
        assert!(ready(port), "{}", server.url());
        drop(server);
        assert!(!ready(port));
    }

    /// A release server on PostgreSQL: while the database is down, requests that need it are
    /// 503 with the error body (not a hang, not a 500); once it is back, they work again with
    /// the same session, without a restart.
    #[test]
    #[ignore = "needs PostgreSQL 15 and target/release/portal-server"]
    fn a_server_answers_503_while_postgres_is_down_and_recovers_when_it_is_back() {
        use crate::live::{Client, Server};
        use portal_contract::{ErrorBody, demo, paths};

        let root = crate::project_root();
        let postgres = Postgres::start_on(&root, 25_430).unwrap();
        let dir = root.join("target/postgres/outage-server");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let addr = "127.0.0.1:18096";
        let url = postgres.database_url("portal_outage");
        let _server = Server::start_with(&root, addr, &dir, &url).unwrap();
        let client = Client::new(addr);
        let session = client.sign_in(demo::CONTOSO_ADMIN_AGENT).unwrap();
        let customers = || client.get(paths::CUSTOMERS, Some(&session)).unwrap();
        assert_eq!(customers().status(), 200);

        postgres.stop().unwrap();
        let mut down = customers();
        assert_eq!(down.status(), 503);
        let body: ErrorBody = down.body_mut().read_json().unwrap();
        assert!(!body.message.is_empty());
        assert!(
            !body.message.to_lowercase().contains("postgres"),
            "{}",
            body.message
        );
        assert_eq!(client.get("/health/ready", None).unwrap().status(), 503);

        postgres.launch(&root).unwrap();
        let back = (0..300).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            client
                .get("/health/ready", None)
                .is_ok_and(|r| r.status() == 200)
        });
        assert!(back, "ready again within 30 s of the database's return");
        assert_eq!(customers().status(), 200);
    }
}
