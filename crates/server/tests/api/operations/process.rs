//! The real binary: JSON log lines when asked, and SIGTERM stops it cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::helpers::Health;

/// Starts `portal-server` on a free port with `args` and `env`, in `dir`.
fn start(dir: &std::path::Path, env: &[(&str, &str)]) -> std::process::Child {
    let url = format!("sqlite://{}", dir.join("portal.db").display());
    Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["--addr", "127.0.0.1:0", "--database-url", &url])
        .arg("--invitation-key-file")
        .arg(dir.join("invitation.key"))
        .arg("--dist")
        .arg(dir.join("dist"))
        .envs(env.iter().copied())
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts")
}

fn terminate(child: &std::process::Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn json_logs_are_one_object_a_line_and_sigterm_stops_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = start(dir.path(), &[("PORTAL_LOG_FORMAT", "json")]);
    let stdout = child.stdout.take().unwrap();
    let (lines_tx, mut lines_rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let mut lines = Vec::new();
    let addr = loop {
        let line = lines_rx
            .recv()
            .await
            .expect("the server logs until it listens");
        let object: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        lines.push(object.clone());
        let message = object["fields"]["message"].as_str().unwrap_or("");
        if let Some(addr) = message.strip_prefix("listening on ") {
            break addr.to_owned();
        }
    };
    let health: Health = reqwest::get(format!("{addr}/health/live"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health.status, "live");

    terminate(&child);
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success(), "{status}");
    while let Some(line) = lines_rx.recv().await {
        lines.push(serde_json::from_str(&line).expect("a JSON line"));
    }
    let messages: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["fields"]["message"].as_str())
        .collect();
    assert!(messages.contains(&"server stopped"), "{messages:?}");
    assert!(
        lines
            .iter()
            .all(|l| l["level"].is_string() && l["timestamp"].is_string())
    );
}

/// Reads the server's text log until it says where it listens; that line.
async fn listening(child: &mut std::process::Child) -> String {
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        while !line.contains("listening on") {
            line.clear();
            let read = stdout.read_line(&mut line).unwrap();
            assert!(read > 0, "the server stopped before listening");
        }
        line
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn text_logs_stay_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = start(dir.path(), &[]);
    let first = listening(&mut child).await;
    assert!(serde_json::from_str::<serde_json::Value>(&first).is_err());
    assert!(first.contains("INFO"), "{first}");
    terminate(&child);
    assert!(child.wait().unwrap().success());
}

/// The kernel does not back the server's memory with transparent huge pages: merging partly
/// used ranges into them raised its heap in steps under a steady load.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn the_server_runs_without_transparent_huge_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = start(dir.path(), &[]);
    listening(&mut child).await;
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    terminate(&child);
    assert!(child.wait().unwrap().success());
    let thp = status
        .lines()
        .find_map(|l| l.strip_prefix("THP_enabled:"))
        .map(str::trim);
    assert_eq!(thp, Some("0"), "{status}");
}

/// A database that cannot be opened stops the server before it listens: one line saying so on
/// stderr, nothing else, and a failing exit status.
#[tokio::test]
async fn a_database_that_cannot_be_opened_is_one_line_and_a_failing_exit() {
    let dir = tempfile::tempdir().unwrap();
    // The database's folder is a file.
    std::fs::write(dir.path().join("taken"), "").unwrap();
    let url = format!("sqlite://{}", dir.path().join("taken/portal.db").display());
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .args(["--addr", "127.0.0.1:0", "--database-url", &url])
            .arg("--invitation-key-file")
            .arg(dir.path().join("invitation.key"))
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("error: cannot open the database sqlite://"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("listening"), "{stdout}");
    assert!(!stdout.contains("ERROR"), "{stdout}");
}

/// The same for a PostgreSQL server that is not there (nothing listens on port 1): one line,
/// naming the database without its password, and a failing exit, within the connect time-out.
#[tokio::test]
async fn an_unreachable_postgresql_is_one_line_without_the_password_and_a_failing_exit() {
    let dir = tempfile::tempdir().unwrap();
    let url = "postgres://portal:s3cret@127.0.0.1:1/portal";
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .args(["--addr", "127.0.0.1:0", "--database-url", url])
            .arg("--invitation-key-file")
            .arg(dir.path().join("invitation.key"))
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("error: cannot open the database postgres://…@127.0.0.1:1/portal: "),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("listening"), "{stdout}");
}
