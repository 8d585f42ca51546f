use reqwest::StatusCode;

use crate::helpers::{ADMIN_AGENT, Query, TestApp, postgres_server, sample};

#[tokio::test]
async fn requests_are_counted_by_route_template_and_status_never_by_raw_path() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let first = app
        .customers(&session, &Query::new().size(1))
        .await
        .ok()
        .await;
    let customer = first.items.into_iter().next().expect("a customer");
    app.customer(&session, &customer.id).await.ok().await;
    app.customer(&session, &customer.id).await.ok().await;
    assert_eq!(
        app.customer(&session, "not-an-id").await.status(),
        StatusCode::NOT_FOUND
    );

    let text = app.metrics().await;
    let one = [("route", "/api/v1/customers/{id}"), ("method", "GET")];
    let count = |status| {
        sample(
            &text,
            "portal_http_requests_total",
            &[one[0], one[1], ("status", status)],
        )
    };
    assert_eq!(count("200"), Some(2.0));
    assert_eq!(count("404"), Some(1.0));
    assert_eq!(
        sample(
            &text,
            "portal_http_request_duration_seconds_count",
            &[one[0], ("status", "200")]
        ),
        Some(2.0)
    );
    assert!(
        sample(
            &text,
            "portal_http_request_duration_seconds_bucket",
            &[one[0], ("le", "+Inf")]
        )
        .is_some()
    );
    assert!(!text.contains(&customer.id), "no series per id");
    assert!(!text.contains("not-an-id"));
}

#[tokio::test]
async fn throttle_refusals_and_pool_use_are_measured() {
    let app = TestApp::spawn_with(|s| s.sign_in_max_failures = 1).await;
    for status in [StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS] {
        let r = app.try_sign_in(ADMIN_AGENT, "guess").await;
        assert_eq!(r.status(), status);
    }
    let text = app.metrics().await;
    assert_eq!(
        sample(
            &text,
            "portal_throttle_refusals_total",
            &[("throttle", "sign-in")]
        ),
        Some(1.0)
    );
    // Each engine's pools, with their sizes: SQLite writes through one connection.
    let (read_max, write_max) = match postgres_server() {
        Some(_) => (12.0, 8.0),
        None => (8.0, 1.0),
    };
    let write = sample(&text, "portal_db_pool_connections", &[("pool", "write")]).unwrap();
    assert!((1.0..=write_max).contains(&write), "{write}");
    let read = sample(&text, "portal_db_pool_connections", &[("pool", "read")]).unwrap();
    assert!((1.0..=read_max).contains(&read), "{read}");
    assert!(
        sample(
            &text,
            "portal_db_pool_idle_connections",
            &[("pool", "read")]
        )
        .is_some()
    );
}

#[tokio::test]
async fn the_public_listener_does_not_serve_metrics() {
    let app = TestApp::spawn().await;
    let r = app.get("/metrics", None).await;
    assert!(
        !r.text()
            .await
            .unwrap()
            .contains("portal_http_requests_total")
    );
}
