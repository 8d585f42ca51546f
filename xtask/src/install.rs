//! Installs what the build and the tests need, from crates.io, npm and Debian only, and only
//! when it is missing or at the wrong version. Trunk is configured never to download anything.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, cargo, output, run};

pub const TRUNK_VERSION: &str = "0.21.14";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Build and run the product.
    Run,
    /// Also run every test (needs Chromium).
    Test,
    /// Also measure (needs Chromium and wrk).
    Bench,
    /// The long generated-request run and the crash test (schemathesis, the document check).
    Stress,
}

pub fn all(root: &Path, purpose: Purpose) -> Result {
    wasm_target(root)?;
    trunk(root)?;
    wasm_bindgen(root)?;
    npm_tools(root)?;
    match purpose {
        Purpose::Run => {}
        Purpose::Test => {
            debian_packages(root, CHROMIUM)?;
            python_tools(root)?;
        }
        Purpose::Stress => python_tools(root)?,
        Purpose::Bench => {
            debian_packages(root, CHROMIUM)?;
            debian_packages(root, &[("wrk", "/usr/bin/wrk")])?;
        }
    }
    Ok(())
}

pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

fn wasm_target(root: &Path) -> Result {
    let installed = output(
        root,
        Command::new("rustup").args(["target", "list", "--installed"]),
    );
    if installed.is_some_and(|t| t.lines().any(|l| l.trim() == "wasm32-unknown-unknown")) {
        return Ok(());
    }
    run(
        root,
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

fn trunk(root: &Path) -> Result {
    let have = output(root, Command::new("trunk").arg("--version"));
    if have.is_some_and(|v| v.trim() == format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    run(
        root,
        cargo().args(["install", "trunk", "--locked", "--version", TRUNK_VERSION]),
    )
}

/// The `wasm-bindgen` version `Cargo.lock` resolves; the CLI must match it exactly.
pub fn locked_wasm_bindgen(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn wasm_bindgen(root: &Path) -> Result {
    let version = locked_wasm_bindgen(root)?;
    let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml")).unwrap_or_default();
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{version}\"")) {
        return Err(format!(
            "Trunk.toml must pin wasm_bindgen = \"{version}\" (the version in Cargo.lock)"
        ));
    }
    let have = output(root, Command::new("wasm-bindgen").arg("--version"));
    if have.is_some_and(|v| v.trim() == format!("wasm-bindgen {version}")) {
        return Ok(());
    }
    // Not --locked: the CLI's own lockfile pins a crate version the registry no longer has.
    run(
        root,
        cargo().args([
            "install",
            "wasm-bindgen-cli",
            "--force",
            "--version",
            &version,
        ]),
    )
}

/// wasm-opt (npm `binaryen`), Playwright and axe-core, as `package-lock.json` pins them.
fn npm_tools(root: &Path) -> Result {
    let lock = root.join("package-lock.json");
    let stamp = root.join("node_modules/.xtask-package-lock.json");
    let want = std::fs::read(&lock).map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    if std::fs::read(&stamp).ok().as_ref() == Some(&want) {
        return Ok(());
    }
    run(
        root,
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            // Playwright drives Debian's Chromium; it must not fetch a browser of its own.
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )?;
    std::fs::write(&stamp, want).map_err(|e| e.to_string())
}

/// The Python environment holding the PyPI tools, as their requirements files pin them.
pub const PYTHON_ENV: &str = "target/tools/py";

/// The pinned requirements of the PyPI tools, installed together so pip checks that they agree:
/// schemathesis (generated requests) and openapi-spec-validator (the OpenAPI document).
const PYTHON_REQUIREMENTS: &[&str] = &[
    "tests/schemathesis/requirements.txt",
    "tests/openapi/requirements.txt",
];

/// The PyPI tools in a virtual environment of the project's, only when the pinned
/// requirements changed since the last install.
fn python_tools(root: &Path) -> Result {
    let env = root.join(PYTHON_ENV);
    let stamp = env.join(".xtask-requirements.txt");
    let mut want = Vec::new();
    for file in PYTHON_REQUIREMENTS {
        let text =
            std::fs::read(root.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
        want.extend(text);
    }
    if std::fs::read(&stamp).ok().as_ref() == Some(&want) {
        return Ok(());
    }
    run(
        root,
        Command::new("python3").args(["-m", "venv", "--clear", PYTHON_ENV]),
    )?;
    let mut pip = Command::new(env.join("bin/pip"));
    pip.args(["install", "--quiet", "--disable-pip-version-check"]);
    for file in PYTHON_REQUIREMENTS {
        pip.arg("--requirement").arg(root.join(file));
    }
    run(root, &mut pip)?;
    std::fs::write(&stamp, want).map_err(|e| e.to_string())
}

/// Debian's Chromium and ChromeDriver, for the browser tests and benchmarks.
const CHROMIUM: &[(&str, &str)] = &[
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
];

/// Installs the Debian packages (name, a file it provides) whose file is missing.
pub fn debian_packages(root: &Path, needed: &[(&str, &str)]) -> Result {
    let missing: Vec<&str> = needed
        .iter()
        .filter(|(_, path)| !Path::new(path).exists())
        .map(|(pkg, _)| *pkg)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        let mut c = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run(root, &mut apt(&["update"]))?;
    let mut install = apt(&["install", "-y", "--no-install-recommends"]);
    install.args(&missing);
    run(root, &mut install)
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
