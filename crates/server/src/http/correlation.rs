//! Every request gets a correlation id: logged with the request, returned in the
//! `x-correlation-id` header and in every error body, so a user's screenshot finds the log line.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use portal_contract::paths::CORRELATION_HEADER;
use tracing::Instrument;

tokio::task_local! {
    static CORRELATION_ID: String;
}

/// The current request's id, or `"none"` outside a request.
pub fn current() -> String {
    CORRELATION_ID
        .try_with(Clone::clone)
        .unwrap_or_else(|_| "none".to_owned())
}

/// Middleware: assigns the id, scopes it to the request and adds it to the response.
pub async fn assign(request: Request, next: Next) -> Response {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let client = request
        .extensions()
        .get::<super::ClientAddr>()
        .map(|c| c.0.to_string())
        .unwrap_or_default();
    let span = tracing::info_span!(
        "request",
        correlation_id = %id,
        client = %client,
        method = %request.method(),
        path = %request.uri().path(),
    );
    let mut response = CORRELATION_ID
        .scope(id.clone(), next.run(request).instrument(span.clone()))
        .await;
    span.in_scope(|| {
        tracing::debug!(status = response.status().as_u16(), "response");
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(CORRELATION_HEADER, v);
    }
    response
}
