//! Project tasks, with nothing but cargo: `cargo xtask <task>`.
//!
//! - `install`: the tool chain (wasm32 target, Trunk, wasm-bindgen-cli, npm tools; Chromium for
//!   tests), skipping what is already installed at the right version.
//! - `build`: the release app into `dist/` (precompressed) and the release server.
//! - `run [server flags]`: install, build, and serve on http://127.0.0.1:8080.
//! - `seed [flags]`: add generated customers to a database (`--customers 100000`).
//! - `bench [server|browser|scale]`: measure the release (one part, or all); merges the part's
//!   figures into `bench/results.json` and writes `BENCHMARKS.md` (`bench report` writes it
//!   again from the results file, measuring nothing).
//! - `test`: install, then formatting, clippy (native and wasm32), unit and API tests (the API
//!   suite on SQLite and again on a PostgreSQL server of the run's own), the
//!   OpenAPI document's validation and a bounded pass of generated requests (schemathesis)
//!   against the release server, and the browser tests in headless Chromium against it.
//! - `stress`: the long generated-request run and the crash-without-loss test.

mod bench;
mod build;
mod generated;
mod install;
mod live;
mod openapi;
mod postgres;
mod stress;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let outcome = match args.first().map(String::as_str) {
        Some("install") => install::all(&root, install::Purpose::Test),
        Some("build") => install::all(&root, install::Purpose::Run).and_then(|_| build::all(&root)),
        Some("run") => install::all(&root, install::Purpose::Run)
            .and_then(|_| build::all(&root))
            .and_then(|_| run_server(&root, &args[1..])),
        Some("test") => install::all(&root, install::Purpose::Test).and_then(|_| test::all(&root)),
        Some("stress") => {
            install::all(&root, install::Purpose::Stress).and_then(|_| stress::all(&root))
        }
        Some("bench") => match args.get(1).map(String::as_str) {
            Some("report") => bench::report_only(&root),
            None => install::all(&root, install::Purpose::Bench)
                .and_then(|_| bench::measure(&root, &bench::Part::ALL)),
            Some(name) => match bench::Part::named(name) {
                Some(part) => install::all(&root, install::Purpose::Bench)
                    .and_then(|_| bench::measure(&root, &[part])),
                None => Err(format!(
                    "no bench part {name}: server, browser, scale or report (none: all)"
                )),
            },
        },
        Some("seed") => run(
            &root,
            cargo()
                .args([
                    "run",
                    "--release",
                    "--locked",
                    "--package",
                    "portal-server",
                    "--bin",
                    "portal-seed",
                    "--",
                ])
                .args(&args[1..]),
        ),
        _ => {
            eprintln!("usage: cargo xtask <install|build|run|test|seed|bench|stress>");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the project root")
        .to_path_buf()
}

/// PATH with the project's npm tools and cargo's bin directory in front.
pub(crate) fn tool_path(root: &Path) -> String {
    let mut dirs = vec![root.join("node_modules/.bin"), install::cargo_bin()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Runs `cmd` in `root` with the tool PATH, failing on a non-zero exit.
fn run(root: &Path, cmd: &mut Command) -> Result {
    cmd.current_dir(root).env("PATH", tool_path(root));
    eprintln!("xtask> {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(cmd)))
    }
}

/// Runs `cmd` and returns its standard output, or `None` when it cannot run or fails.
fn output(root: &Path, cmd: &mut Command) -> Option<String> {
    cmd.current_dir(root).env("PATH", tool_path(root));
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn run_server(root: &Path, args: &[String]) -> Result {
    eprintln!(
        "xtask> serving on http://127.0.0.1:8080 (demo password: {})",
        portal_contract::demo::PASSWORD
    );
    run(
        root,
        Command::new(root.join("target/release/portal-server")).args(args),
    )
}
