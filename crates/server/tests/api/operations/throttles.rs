//! The throttles count in the database: two servers on one database count failures together,
//! and a restart forgives nothing.

use portal_server::store::Counted;
use reqwest::StatusCode;

use crate::helpers::{ADMIN_AGENT, GLOBAL_ADMIN, PASSWORD, TestApp, expect_error};

const ALL_WINDOWS: Counted = Counted::ThrottleWindows {
    key_containing: None,
};

#[tokio::test]
async fn two_instances_on_one_database_count_failed_sign_ins_together() {
    let first = TestApp::spawn_with(|s| s.sign_in_max_failures = 3).await;
    let url = first.database_url.clone();
    let second = TestApp::spawn_with(|s| {
        s.sign_in_max_failures = 3;
        s.database_url = url;
    })
    .await;
    for app in [&first, &second, &first] {
        let r = app.try_sign_in(ADMIN_AGENT, "guess").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    for app in [&first, &second] {
        let body = expect_error(
            app.try_sign_in(ADMIN_AGENT, PASSWORD).await,
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
        assert_eq!(
            body.message,
            "Too many attempts. Wait a few minutes and try again."
        );
    }
    // Another address is not affected, and its right password clears only itself.
    second.sign_in(GLOBAL_ADMIN).await;
}

#[tokio::test]
async fn a_restart_does_not_forgive_failed_sign_ins() {
    let app = TestApp::spawn_with(|s| s.sign_in_max_failures = 2).await;
    for _ in 0..2 {
        let r = app.try_sign_in(ADMIN_AGENT, "guess").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let dir = app.stop().await;
    let restarted = TestApp::spawn_in(dir, |s| s.sign_in_max_failures = 2).await;
    let r = restarted.try_sign_in(ADMIN_AGENT, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn windows_that_are_over_are_pruned() {
    let app = TestApp::spawn_with(|s| s.sign_in_window_secs = 1).await;
    let r = app.try_sign_in(ADMIN_AGENT, "guess").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // About what is stored: the address and the client each have a window.
    assert_eq!(app.count(ALL_WINDOWS).await, 2);
    app.age_throttle_windows_by(2).await;
    let r = app.try_sign_in(GLOBAL_ADMIN, "guess").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // The first address's window is gone; the client's started again; the new address's is new.
    assert_eq!(app.count(ALL_WINDOWS).await, 2);
    assert_eq!(
        app.count(Counted::ThrottleWindows {
            key_containing: Some("adminagent")
        })
        .await,
        0
    );
}

/// Failures sent at the same moment each count: none is lost between one request's read and
/// another's write (the store counts with one upsert per failure).
#[tokio::test]
async fn simultaneous_failed_sign_ins_each_count() {
    let app = TestApp::spawn_with(|s| s.sign_in_max_failures = 6).await;
    let guesses = (0..6).map(|_| app.try_sign_in(ADMIN_AGENT, "guess"));
    for r in futures::future::join_all(guesses).await {
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = app.try_sign_in(ADMIN_AGENT, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}
