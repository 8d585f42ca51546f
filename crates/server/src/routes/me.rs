//! `GET /api/v1/me` and `GET /api/v1/auth/session`.

use axum::Json;
use portal_contract::{Me, SessionInfo};

use crate::http::CurrentUser;

/// The signed-in user; 401 without a session.
pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(user.me)
}

/// Whether the browser is signed in, always 200.
pub async fn session(user: Option<CurrentUser>) -> Json<SessionInfo> {
    Json(SessionInfo {
        me: user.map(|u| u.me),
    })
}
