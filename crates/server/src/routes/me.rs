//! `GET /api/v1/me` and `GET /api/v1/auth/session`.

use axum::Json;
use portal_contract::ErrorBody;
use portal_contract::{Me, SessionInfo};

use crate::http::CurrentUser;

/// The signed-in user; 401 without a session.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    operation_id = "getMe",
    tag = "auth",
    responses(
        (status = 200, description = "The signed-in user and organisation.", body = Me),
        (status = 401, description = "Not signed in.", body = ErrorBody)
    )
)]
pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(user.me)
}

/// Whether the browser is signed in, always 200.
#[utoipa::path(
    get,
    path = "/api/v1/auth/session",
    operation_id = "getSession",
    tag = "auth",
    responses(
        (status = 200, description = "Whether the browser is signed in, and as whom.", body = SessionInfo)
    ),
    security(())
)]
pub async fn session(user: Option<CurrentUser>) -> Json<SessionInfo> {
    Json(SessionInfo {
        me: user.map(|u| u.me),
    })
}
