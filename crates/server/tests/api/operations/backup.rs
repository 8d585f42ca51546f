//! `portal-server backup --to FILE`, SQLite's online copy (a PostgreSQL server is backed up with
//! its own tools), while invitations are being created: the copy passes the
//! database checks, a server starts on it, and every invitation acknowledged before the backup
//! began is in it.

use std::path::Path;
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::StatusCode;
use tokio::sync::Mutex;

use crate::helpers::{ADMIN_AGENT, TestApp, invitation_request, portal_server};

const WRITERS: usize = 4;

async fn backup(database_url: &str, to: &Path) -> Output {
    let (url, to) = (database_url.to_owned(), to.display().to_string());
    tokio::task::spawn_blocking(move || portal_server(&["backup", "--to", &to], &url))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_backup_under_write_load_restores_with_every_acknowledged_invitation() {
    let app = Arc::new(TestApp::spawn_sqlite_in(tempfile::tempdir().unwrap(), |_| {}).await);
    let session = app.sign_in(ADMIN_AGENT).await;
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let (app, session) = (app.clone(), session.clone());
            let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let answer = app
                        .create_invitation(&session, &invitation_request(false))
                        .await;
                    assert_eq!(answer.status(), StatusCode::CREATED);
                    acknowledged.lock().await.push(answer.ok().await.id);
                }
            })
        })
        .collect();
    // Let the writers get going, then copy while they go on.
    while acknowledged.lock().await.len() < 20 {
        tokio::task::yield_now().await;
    }
    let before: Vec<String> = acknowledged.lock().await.clone();
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("portal.db");
    let out = backup(&app.database_url, &copy).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = acknowledged.lock().await.len();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    assert!(after >= before.len());

    // Never over an existing file, and the first copy is left as it was.
    let size = std::fs::metadata(&copy).unwrap().len();
    let again = backup(&app.database_url, &copy).await;
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), size);

    let copy_url = format!("sqlite://{}", copy.display());
    let check = portal_server(&["--check-database"], &copy_url);
    assert!(check.status.success());
    assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), "database ok");

    // Restore: the key goes with the database; a server starts on the copy.
    std::fs::copy(
        app.dir.path().join("invitation.key"),
        copy_dir.path().join("invitation.key"),
    )
    .unwrap();
    let restored = TestApp::spawn_sqlite_in(copy_dir, |_| {}).await;
    let session = restored.sign_in(ADMIN_AGENT).await;
    for id in &before {
        let answer = restored.invitation(&session, id).await;
        assert_eq!(answer.status(), StatusCode::OK, "invitation {id}");
    }
}

#[tokio::test]
async fn a_backup_of_a_missing_database_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("none.db").display());
    let to = dir.path().join("copy.db");
    let out = backup(&url, &to).await;
    assert!(!out.status.success());
    assert!(!to.exists());
    assert!(!dir.path().join("none.db").exists());
}
