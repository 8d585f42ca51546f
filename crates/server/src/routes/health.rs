//! Health checks for a load balancer or orchestrator: `live` says the process answers, `ready`
//! that it can serve (the database answers a query). Neither needs a session, neither is
//! throttled, and neither is part of the API's OpenAPI document.

use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;
use crate::http::ApiError;

pub const LIVE: &str = "/health/live";
pub const READY: &str = "/health/ready";

/// A database that has not answered by then is as good as down: the balancer gets its 503
/// before its own probe times out.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(LIVE, get(live))
        .route(READY, get(ready))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}

async fn live() -> Json<Health> {
    Json(Health { status: "live" })
}

/// 200 when the database answers within [`READY_TIMEOUT`], else 503 with the error body.
async fn ready(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    match tokio::time::timeout(READY_TIMEOUT, state.store.ping()).await {
        Ok(Ok(())) => Ok(Json(Health { status: "ready" })),
        Ok(Err(e)) => Err(ApiError::Unavailable(e.to_string())),
        Err(_) => Err(ApiError::Unavailable(format!(
            "no answer within {READY_TIMEOUT:?}"
        ))),
    }
}
