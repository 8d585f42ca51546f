//! The router: `/api/v1/...` handlers, JSON errors for unknown `/api` paths, and the app's
//! static files for everything else. Cross-cutting layers (correlation id, tracing, security
//! headers, panics, compression, body limit) are applied here, once.

mod acceptance;
mod audit;
mod auth;
mod customers;
mod invitations;
mod me;
mod service_requests;
mod subscriptions;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::routing::{get, post};
use portal_contract::paths;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::AppState;
use crate::http::error::{api_not_found, method_not_allowed, panic_response};
use crate::http::origin::{self, AllowedOrigins};
use crate::http::security_headers::{self, SecurityHeaders};
use crate::http::{correlation, static_files};

/// Largest request body the API reads (sign-in and the largest form fit many times over).
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn router(state: AppState) -> Result<Router, crate::BoxError> {
    let dist = state.settings.dist.clone();
    let index_html = std::fs::read_to_string(dist.join("index.html")).ok();
    if index_html.is_none() {
        tracing::warn!(dist = %dist.display(), "no index.html: the app is not built; serving the API only");
    }
    let security = SecurityHeaders::new(index_html.as_deref());

    let api = Router::new()
        .route(paths::SIGN_IN, post(auth::sign_in))
        .route(paths::SIGN_OUT, post(auth::sign_out))
        .route(paths::INVITATION_LOOKUP, post(acceptance::lookup))
        .route(paths::INVITATION_ACCEPT, post(acceptance::accept))
        .route(paths::PARTNER_RELATIONSHIPS, get(acceptance::list))
        .route(
            &format!(
                "{}/{{partner_id}}/removeroles",
                paths::PARTNER_RELATIONSHIPS
            ),
            post(acceptance::remove_roles),
        )
        .route(paths::SESSION, get(me::session))
        .route(paths::ME, get(me::me))
        .route(paths::CUSTOMERS, get(customers::list))
        .route(&format!("{}/{{id}}", paths::CUSTOMERS), get(customers::get))
        .route(
            &paths::customer_subscriptions("{id}"),
            get(customers::subscriptions),
        )
        .route(&paths::customer_users("{id}"), get(customers::users))
        .route(&paths::customer_licenses("{id}"), get(customers::licenses))
        .route(
            &paths::remove_relationship("{id}"),
            post(customers::remove_relationship),
        )
        .route(
            &paths::subscription_action("{id}", "{subscription_id}", "suspend"),
            post(subscriptions::suspend),
        )
        .route(
            &paths::subscription_action("{id}", "{subscription_id}", "reactivate"),
            post(subscriptions::reactivate),
        )
        .route(
            &paths::subscription_action("{id}", "{subscription_id}", "supportcontact"),
            post(subscriptions::support_contact),
        )
        .route(
            &paths::customer_service_requests("{id}"),
            get(service_requests::list).post(service_requests::open),
        )
        .route(
            paths::INDIRECT_RESELLERS,
            get(subscriptions::indirect_resellers),
        )
        .route(paths::AUDIT_RECORDS, get(audit::list))
        .route(paths::AUDIT_RECORDS_CSV, get(audit::export))
        .route(
            paths::RELATIONSHIP_REQUESTS,
            get(invitations::list).post(invitations::create),
        )
        .route(
            &format!("{}/{{id}}", paths::RELATIONSHIP_REQUESTS),
            get(invitations::get),
        )
        .route(
            &format!("{}/{{id}}/revoke", paths::RELATIONSHIP_REQUESTS),
            post(invitations::revoke),
        )
        .route(
            &format!("{}/{{*rest}}", paths::API_PREFIX),
            axum::routing::any(api_not_found),
        )
        .route(paths::API_PREFIX, axum::routing::any(api_not_found))
        .route(
            &format!("{}/", paths::API_PREFIX),
            axum::routing::any(api_not_found),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(CompressionLayer::new())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            AllowedOrigins::new(&state.settings.public_url),
            origin::check,
        ))
        .with_state(state);

    Ok(api
        .merge(static_files::router(&dist))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(
            security,
            security_headers::add,
        ))
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn(correlation::assign)))
}
