use portal_contract::ErrorCode;
use reqwest::StatusCode;

use crate::helpers::{ADMIN_AGENT, FABRIKAM_ADMIN, TestApp, expect_error};

#[tokio::test]
async fn live_and_ready_answer_without_a_session_and_are_never_cached() {
    let app = TestApp::spawn().await;
    let live = app.live().await;
    assert_eq!(live.status(), StatusCode::OK);
    let ready = app.ready().await;
    let r: reqwest::Response = ready.into();
    assert_eq!(r.headers()["cache-control"], "no-store");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(app.live().await.ok().await.status, "live");
}

#[tokio::test]
async fn ready_is_503_with_the_error_body_when_the_database_does_not_answer() {
    let app = TestApp::spawn().await;
    app.lose_database().await;
    let body = expect_error(app.ready().await, StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(body.message.contains("database"), "{}", body.message);
    assert!(!body.message.contains("closed"), "no driver message");
    // The process is still up: the balancer stops sending traffic but does not restart it.
    assert_eq!(app.live().await.ok().await.status, "live");
}

/// A store lost while serving is 503 with the error body on every request that needs it, never a
/// 500 with the driver's words.
#[tokio::test]
async fn requests_that_need_a_lost_database_are_503_with_the_error_body() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    app.lose_database().await;
    let listed = expect_error(
        app.customers(&session, &Default::default()).await,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
    assert_eq!(listed.code, ErrorCode::Internal);
    assert!(listed.message.contains("database"), "{}", listed.message);
    assert!(!listed.message.contains("closed"), "no driver message");
    let signing_in = expect_error(
        app.try_sign_in(FABRIKAM_ADMIN, "Demo-Passw0rd!").await,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
    assert_eq!(signing_in.message, listed.message);
}

#[tokio::test]
async fn health_checks_answer_a_client_that_every_throttle_refuses() {
    let app = TestApp::spawn_with(|s| {
        s.token_max_misses = 1;
        s.sign_in_max_failures = 1;
    })
    .await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    for _ in 0..2 {
        app.lookup(&fabrikam, "guess").await;
        app.try_sign_in(ADMIN_AGENT, "guess").await;
    }
    assert_eq!(
        app.lookup(&fabrikam, "guess").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        app.try_sign_in(ADMIN_AGENT, "guess").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    for _ in 0..20 {
        assert_eq!(app.ready().await.status(), StatusCode::OK);
        assert_eq!(app.live().await.status(), StatusCode::OK);
    }
}
