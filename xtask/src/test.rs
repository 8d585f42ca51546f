//! Every test, in the order that fails fastest: formatting, the browser tests' types, lints, unit
//! and API tests (the API suite on SQLite, then on PostgreSQL), then the
//! release build, the OpenAPI document and generated requests against the release server, and
//! the browser tests against it (those of the flows that write, and the faults, again with the
//! server on PostgreSQL).

use std::path::Path;
use std::process::Command;

use crate::postgres::Postgres;
use crate::{Result, build, cargo, generated, run};

pub fn all(root: &Path) -> Result {
    run(root, cargo().args(["fmt", "--all", "--check"]))?;
    // The browser tests and their page objects type-checked before anything is built.
    run(
        root,
        Command::new("npx").args(["tsc", "--project", "tsconfig.json"]),
    )?;
    run(
        root,
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(
        root,
        cargo().args([
            "clippy",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "partner-portal",
            "--package",
            "portal-contract",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(root, cargo().args(["test", "--workspace", "--locked"]))?;
    // The same API suite again, every test on a fresh database of a PostgreSQL server of the
    // run's own (stopped when this function returns, whatever the outcome).
    let postgres = Postgres::start(root)?;
    run(
        root,
        cargo()
            .args([
                "test",
                "--locked",
                "--package",
                "portal-server",
                "--test",
                "api",
            ])
            .env("PORTAL_TEST_DATABASE_URL", postgres.url()),
    )?;
    build::all(root)?;
    // xtask's own tests that need the release server or PostgreSQL (its HTTP client, the
    // export and soak measurements, its PostgreSQL server and an outage), ignored by the first pass.
    run(
        root,
        cargo().args(["test", "--locked", "--package", "xtask", "--", "--ignored"]),
    )?;
    // The OpenAPI document validated, then about 1,500 requests, seeded: every operation valid
    // and invalid, in a minute or so.
    generated::run(root, 20)?;
    browser(root)?;
    // The partner's flow, the customer's acceptance, granular admin relationships and the fault
    // tests again with the server on PostgreSQL.
    browser_on_postgres(root, &postgres)
}

/// Clears `target/e2e` (the server's database, key and the results of a run before).
fn clear_e2e(root: &Path) -> Result<std::path::PathBuf> {
    let data = root.join("target/e2e");
    if data.exists() {
        std::fs::remove_dir_all(&data)
            .map_err(|e| format!("cannot clear {}: {e}", data.display()))?;
    }
    Ok(data)
}

fn playwright(specs: &[&str]) -> Command {
    let mut c = Command::new("npx");
    c.args([
        "playwright",
        "test",
        "--config",
        "tests/e2e/playwright.config.ts",
    ])
    .args(specs);
    c
}

/// Playwright drives Debian's Chromium against the release server on its own port and database
/// (see `tests/e2e/playwright.config.ts`).
fn browser(root: &Path) -> Result {
    let data = clear_e2e(root)?;
    seed_list(root, &format!("sqlite://{}/portal.db", data.display()))?;
    run(root, &mut playwright(&[]))
}

/// The demo data, and a list long enough to page through: Tailspin gets 120 generated
/// customers besides it (Contoso's list stays as SPEC section 6 describes it).
fn seed_list(root: &Path, database_url: &str) -> Result {
    run(
        root,
        Command::new(root.join("target/release/portal-seed")).args([
            "--database-url",
            database_url,
            "--customers",
            "120",
            "--partner",
            "tailspin-federal.example",
        ]),
    )
}

/// The browser specs of the flows that write (and of the faults) on a new PostgreSQL database,
/// filled as the SQLite one is.
fn browser_on_postgres(root: &Path, postgres: &Postgres) -> Result {
    clear_e2e(root)?;
    let database_url = postgres.database_url("portal_e2e");
    seed_list(root, &database_url)?;
    run(
        root,
        playwright(&[
            "walking-skeleton.spec",
            "invitations.spec",
            "acceptance.spec",
            "gdap.spec",
            "faults.spec",
        ])
        .env("E2E_DATABASE_URL", database_url),
    )
}
