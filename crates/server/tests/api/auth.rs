use portal_contract::paths;
use portal_contract::{ErrorCode, Me, Role};
use portal_server::store::Counted;
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn sign_in_sets_a_host_only_strict_cookie_and_answers_who_signed_in() {
    let app = TestApp::spawn().await;
    let r = app
        .try_sign_in("AdminAgent@Contoso-Partner.example", PASSWORD)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let set_cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    for attr in [
        "__Host-portal_session=",
        "Path=/",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
    ] {
        assert!(set_cookie.contains(attr), "{attr} in {set_cookie}");
    }
    let session = session_from(&r).unwrap();
    assert!(session.len() >= 43, "at least 256 bits, base64url");
    let me: Me = r.json().await.unwrap();
    assert_eq!(me.user.email, ADMIN_AGENT);
    assert_eq!(me.user.roles, vec![Role::AdminAgent]);
    assert_eq!(me.organization.name, "Contoso Partner Kft.");

    let me = app.me(&session).await.ok().await;
    assert_eq!(me.user.email, ADMIN_AGENT);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let wrong = expect_error(
        app.try_sign_in(ADMIN_AGENT, "Wrong-Passw0rd!").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown = expect_error(
        app.try_sign_in("nobody@contoso-partner.example", PASSWORD)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong.code, ErrorCode::Unauthorized);
    assert_eq!(wrong.message, unknown.message);
    assert_eq!(wrong.code, unknown.code);
}

#[tokio::test]
async fn without_a_session_me_is_401_and_session_says_signed_out() {
    let app = TestApp::spawn().await;
    let body = expect_error(app.get(paths::ME, None).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(body.code, ErrorCode::Unauthorized);
    let forged = app.me("forged-session-id").await;
    forged.error(StatusCode::UNAUTHORIZED).await;
    expect_error(
        app.get(paths::CUSTOMERS, None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    let signed_out = app.session_info(None).await;
    assert_eq!(signed_out.status(), StatusCode::OK);
    assert_eq!(signed_out.ok().await.me, None);
    let session = app.sign_in(ADMIN_AGENT).await;
    let info = app.session_info(Some(&session)).await.ok().await;
    assert_eq!(info.me.unwrap().user.email, ADMIN_AGENT);
}

#[tokio::test]
async fn sign_out_ends_the_session_and_clears_the_cookie() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let r = app.sign_out(&session).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    app.me(&session).await.error(StatusCode::UNAUTHORIZED).await;
    // Twice is harmless.
    let again = app.sign_out(&session).await;
    assert_eq!(again.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn signing_in_again_replaces_the_session_id() {
    let app = TestApp::spawn().await;
    let first = app.sign_in(ADMIN_AGENT).await;
    let r = app.sign_in_with(ADMIN_AGENT, PASSWORD, Some(&first)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let second = session_from(&r).unwrap();
    assert_ne!(first, second);
    app.me(&first).await.error(StatusCode::UNAUTHORIZED).await;
    assert_eq!(app.me(&second).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn idle_sessions_expire() {
    let app = TestApp::spawn_with(|s| s.session_idle_minutes = 30).await;
    let session = app.sign_in(ADMIN_AGENT).await;
    app.idle_sessions_for(29 * 60).await;
    assert_eq!(app.me(&session).await.status(), StatusCode::OK);
    app.idle_sessions_for(31 * 60).await;
    app.me(&session).await.error(StatusCode::UNAUTHORIZED).await;
    // About what is stored: no API lists sessions.
    let left = app.count(Counted::Sessions).await;
    assert_eq!(left, 0, "an expired session is deleted");
}

#[tokio::test]
async fn sessions_expire_after_the_absolute_limit_however_active() {
    let app = TestApp::spawn_with(|s| s.session_absolute_hours = 12).await;
    let session = app.sign_in(ADMIN_AGENT).await;
    app.age_sessions_by(13 * 3600).await;
    app.me(&session).await.error(StatusCode::UNAUTHORIZED).await;
}

/// `times` sign-ins of the Admin agent with a wrong password, each refused as 401.
async fn fail_sign_ins(app: &TestApp, times: usize) {
    for _ in 0..times {
        expect_error(
            app.try_sign_in(ADMIN_AGENT, "guess").await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
}

#[tokio::test]
async fn repeated_failures_are_refused_with_429_and_other_accounts_still_work() {
    let app = TestApp::spawn_with(|s| s.sign_in_max_failures = 3).await;
    fail_sign_ins(&app, 3).await;
    let r = app.try_sign_in(ADMIN_AGENT, PASSWORD).await;
    assert!(r.headers().contains_key("retry-after"));
    let body = expect_error(r, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(body.code, ErrorCode::TooManyRequests);
    app.sign_in(GLOBAL_ADMIN).await;
}

#[tokio::test]
async fn the_sign_in_limit_lifts_when_its_window_has_passed() {
    let app = TestApp::spawn_with(|s| {
        s.sign_in_max_failures = 2;
        s.sign_in_window_secs = 1;
    })
    .await;
    fail_sign_ins(&app, 2).await;
    expect_error(
        app.try_sign_in(ADMIN_AGENT, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    app.sign_in(ADMIN_AGENT).await;
}

#[tokio::test]
async fn demo_data_is_written_once() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    app.sign_out(&session).await;
    // About the database itself: what a restart finds there and leaves alone.
    let before = app.count(Counted::Organizations).await;
    app.stored()
        .rename_organization("fabrikam.example", "Renamed Kft.")
        .await
        .unwrap();
    let dir = app.dir;
    let again = TestApp::spawn_in(dir, |_| {}).await;
    assert_eq!(again.count(Counted::Organizations).await, before);
    let (_, name) = again
        .stored()
        .organization("fabrikam.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(name, "Renamed Kft.", "later starts leave the data alone");
}
