//! The client address that the throttles count against comes from `X-Forwarded-For` /
//! `Forwarded` only when the connection is from a trusted proxy (the tests connect from
//! 127.0.0.1).

use reqwest::StatusCode;

use crate::helpers::{FABRIKAM_ADMIN, TestApp};

const XFF: &str = "x-forwarded-for";

/// Two unknown links use up the lookup allowance of whoever the server takes the client to be.
async fn guess_twice(app: &TestApp, session: &str, header: (&str, &str)) {
    for i in 0..2 {
        let answer = app
            .lookup_with_header(session, &format!("guess-{i}"), header)
            .await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_spoofed_header_from_an_untrusted_peer_cannot_reset_the_throttle() {
    let app = TestApp::spawn_with(|s| s.token_max_misses = 2).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    guess_twice(&app, &fabrikam, (XFF, "203.0.113.1")).await;
    for header in [
        (XFF, "203.0.113.2"),
        ("forwarded", "for=203.0.113.3"),
        ("x-real-ip", "203.0.113.4"),
    ] {
        let answer = app
            .lookup_with_header(&fabrikam, "guess-again", header)
            .await;
        assert_eq!(
            answer.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "{header:?} changes nothing"
        );
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance() {
    let app = TestApp::spawn_with(|s| {
        s.token_max_misses = 2;
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    guess_twice(&app, &fabrikam, (XFF, "203.0.113.7")).await;
    let refused = app
        .lookup_with_header(&fabrikam, "guess-3", (XFF, "203.0.113.7"))
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    // A client that puts another address in front of the one the proxy appended is still
    // itself.
    let prefixed = app
        .lookup_with_header(&fabrikam, "guess-3", (XFF, "198.51.100.1, 203.0.113.7"))
        .await;
    assert_eq!(prefixed.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not refused.
    let other = app
        .lookup_with_header(&fabrikam, "guess-3", (XFF, "203.0.113.8"))
        .await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_the_configured_header_is_believed() {
    let app = TestApp::spawn_with(|s| {
        s.token_max_misses = 2;
        s.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
        s.forwarded_header = portal_server::settings::ForwardedHeader::Forwarded;
    })
    .await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    guess_twice(&app, &fabrikam, ("forwarded", "for=\"[2001:db8::7]:4711\"")).await;
    let refused = app
        .lookup_with_header(&fabrikam, "guess-3", ("forwarded", "for=\"[2001:db8::7]\""))
        .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    // X-Forwarded-For is not what this proxy writes: ignored, so the client is the proxy itself,
    // which has not failed yet.
    let other = app
        .lookup_with_header(&fabrikam, "guess-3", (XFF, "2001:db8::7"))
        .await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}
