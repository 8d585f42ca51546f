//! Bad input gets a 4xx with the error body, never a 500 or a panic.

use portal_contract::paths::{self, SIGN_IN};
use portal_contract::{ErrorBody, ErrorCode};
use reqwest::StatusCode;

use crate::helpers::*;

/// Posts each body to sign-in and expects it refused with `status` and `code`.
async fn sign_in_refuses(app: &TestApp, bodies: &[&str], status: StatusCode, code: ErrorCode) {
    for body in bodies {
        let e = expect_error(app.post_json(SIGN_IN, *body, None).await, status).await;
        assert_eq!(e.code, code, "{body:?}");
    }
}

/// A sign-in body refused as 422.
async fn sign_in_422(app: &TestApp, body: serde_json::Value) -> ErrorBody {
    expect_error(
        app.post_json(SIGN_IN, body.to_string(), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = TestApp::spawn().await;
    sign_in_refuses(
        &app,
        &["{", "not json", "{\"email\": }", ""],
        StatusCode::BAD_REQUEST,
        ErrorCode::BadRequest,
    )
    .await;
}

#[tokio::test]
async fn wrong_shapes_are_422() {
    let app = TestApp::spawn().await;
    sign_in_refuses(
        &app,
        &[
            r#"{"email": 1, "password": "x"}"#,
            r#"{"email": "a@b.hu", "password": null}"#,
            r#"{"email": "a@b.hu"}"#,
            r#"{"email": "a@b.hu", "password": "x", "isAdmin": true}"#,
            r#"["a@b.hu", "x"]"#,
        ],
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Validation,
    )
    .await;
}

#[tokio::test]
async fn over_long_and_empty_values_get_field_errors() {
    let app = TestApp::spawn().await;
    let long_email = format!("{}@contoso-partner.example", "a".repeat(300));
    let cases: [(_, &[(&str, &str)]); 3] = [
        (
            serde_json::json!({ "email": long_email, "password": "p".repeat(10_000) }),
            &[("email", "tooLong"), ("password", "tooLong")],
        ),
        (
            serde_json::json!({ "email": "", "password": "" }),
            &[("email", "required"), ("password", "required")],
        ),
        (
            serde_json::json!({ "email": "not-an-address", "password": "x" }),
            &[("email", "invalidEmail")],
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(field_codes(&sign_in_422(&app, body).await), expected);
    }
}

#[tokio::test]
async fn an_oversized_body_is_413_and_a_missing_content_type_415() {
    let app = TestApp::spawn().await;
    let huge =
        serde_json::json!({ "email": "a@b.hu", "password": "x".repeat(200_000) }).to_string();
    let e = expect_error(
        app.post_json(SIGN_IN, huge, None).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert_eq!(e.code, ErrorCode::PayloadTooLarge);

    let r = reqwest::Client::new()
        .post(format!("{}{SIGN_IN}", app.base))
        .body(r#"{"email":"a@b.hu","password":"x"}"#)
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
}

#[tokio::test]
async fn unknown_api_paths_and_methods_answer_json() {
    let app = TestApp::spawn().await;
    for path in ["/api/v1/nothing-here", "/api/v2/customers", "/api", "/api/"] {
        let e = expect_error(app.get(path, None).await, StatusCode::NOT_FOUND).await;
        assert_eq!(e.code, ErrorCode::NotFound, "{path}");
    }
    let r = reqwest::Client::new()
        .delete(format!("{}{}", app.base, paths::ME))
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::METHOD_NOT_ALLOWED).await;
}

#[tokio::test]
async fn cross_site_writes_are_refused_before_anything_changes() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let invitations = || async {
        let all = app.invitations(&session, &Query::new()).await.ok().await;
        all.total_count
    };
    let before = invitations().await;
    let body = serde_json::to_string(&invitation_request(true)).unwrap();
    let client = reqwest::Client::new();
    let url = format!("{}{}", app.base, paths::RELATIONSHIP_REQUESTS);
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("origin", "null"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let r = client
            .post(&url)
            .header("cookie", cookie(&session))
            .header("content-type", "application/json")
            .header(name, value)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let e = expect_error(r, StatusCode::FORBIDDEN).await;
        assert_eq!(e.code, ErrorCode::Forbidden, "{name}: {value}");
    }
    assert_eq!(invitations().await, before);
    // The app's own origin writes as usual.
    let r = client
        .post(&url)
        .header("cookie", cookie(&session))
        .header("content-type", "application/json")
        .header("origin", app.base.as_str())
        .header("sec-fetch-site", "same-origin")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
}

/// A NUL in an id or a search (which PostgreSQL's text cannot hold) finds nothing, as any other
/// unknown id or unmatched search does: 404 and an empty page, never a 500.
#[tokio::test]
async fn nul_in_an_id_or_a_search_finds_nothing() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(GLOBAL_ADMIN).await;
    let r = app.get(&paths::customer("abc%00def"), Some(&session)).await;
    let e = expect_error(r, StatusCode::NOT_FOUND).await;
    assert_eq!(e.code, ErrorCode::NotFound);
    for path in [
        format!("{}?filter=a%00b", paths::CUSTOMERS),
        format!("{}?userEmail=a%00b%40c.example", paths::AUDIT_RECORDS),
    ] {
        let r = app.get(&path, Some(&session)).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let page: serde_json::Value = r.json().await.unwrap();
        assert_eq!(page["totalCount"], 0, "{path}");
    }
}
