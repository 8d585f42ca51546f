//! The router: `/api/v1/...` handlers, JSON errors for unknown `/api` paths, the health checks,
//! and the app's static files for everything else. Cross-cutting layers (client address,
//! correlation id, metrics, tracing, security headers, panics, compression, body limit) are
//! applied here, once.

mod acceptance;
mod audit;
mod auth;
mod customers;
mod gdap;
mod gdap_customer;
pub mod health;
mod invitations;
mod me;
mod oidc;
pub mod openapi;
mod service_requests;
mod subscriptions;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::routing::get;
use portal_contract::paths;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::http::client_addr::{self, TrustedProxies};
use crate::http::error::{api_not_found, method_not_allowed, panic_response};
use crate::http::origin::{self, AllowedOrigins};
use crate::http::security_headers::{self, SecurityHeaders};
use crate::http::{correlation, static_files};
use crate::telemetry::metrics;

/// Largest request body the API reads (sign-in and the largest form fit many times over).
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn router(state: AppState) -> Result<Router, crate::BoxError> {
    let dist = state.settings.dist.clone();
    let index_html = std::fs::read_to_string(dist.join("index.html")).ok();
    if index_html.is_none() {
        tracing::warn!(dist = %dist.display(), "no index.html: the app is not built; serving the API only");
    }
    let metrics = state.metrics.clone();
    let health_state = state.clone();
    let trusted_proxies = std::sync::Arc::new(TrustedProxies::new(
        state.settings.trusted_proxies.clone(),
        state.settings.forwarded_header,
    ));
    let security = SecurityHeaders::new(
        index_html.as_deref(),
        state.settings.public_url.starts_with("https://"),
    );

    // Every API route is registered together with its OpenAPI operation, so the document served
    // at `/api/v1/openapi.json` is the router's own description, not a copy kept beside it.
    let (api, doc) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(auth::sign_in))
        .routes(routes!(auth::sign_out))
        .routes(routes!(me::session))
        .routes(routes!(me::me))
        .routes(routes!(acceptance::lookup))
        .routes(routes!(acceptance::accept))
        .routes(routes!(acceptance::list))
        .routes(routes!(acceptance::remove_roles))
        .routes(routes!(customers::list))
        .routes(routes!(customers::get))
        .routes(routes!(customers::subscriptions))
        .routes(routes!(customers::users))
        .routes(routes!(customers::licenses))
        .routes(routes!(customers::remove_relationship))
        .routes(routes!(subscriptions::suspend))
        .routes(routes!(subscriptions::reactivate))
        .routes(routes!(subscriptions::support_contact))
        .routes(routes!(subscriptions::indirect_resellers))
        .routes(routes!(service_requests::list, service_requests::open))
        .routes(routes!(audit::list))
        .routes(routes!(audit::export))
        .routes(routes!(invitations::list, invitations::create))
        .routes(routes!(invitations::get))
        .routes(routes!(invitations::revoke))
        .routes(routes!(gdap::list, gdap::create))
        .routes(routes!(gdap::get))
        .routes(routes!(gdap::act))
        .routes(routes!(gdap::assignments, gdap::create_assignment))
        .routes(routes!(gdap::update_assignment, gdap::delete_assignment))
        .routes(routes!(gdap::role_definitions))
        .routes(routes!(gdap::security_groups))
        .routes(routes!(gdap_customer::lookup))
        .routes(routes!(gdap_customer::approve))
        .routes(routes!(gdap_customer::list))
        .routes(routes!(gdap_customer::terminate))
        .split_for_parts();
    let mut doc = doc;
    utoipa::Modify::modify(&openapi::DefaultError, &mut doc);
    let api = api
        .merge(oidc::router())
        .route(paths::OPENAPI, get(openapi::serve(&doc)?))
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
        // API answers are compressed as they are sent, on the request's own thread: brotli's
        // quality 1 costs about half of the default 4 for 5 % more bytes (a page of 50
        // customers: 2,949 against 2,801 bytes), and the Customers page served 35 % more
        // requests a second for it (wrk, runs interleaved with the default). Static files are
        // precompressed at 11.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            AllowedOrigins::new(&state.settings.public_url),
            origin::check,
        ))
        .with_state(state);

    Ok(api
        .merge(health::router(health_state))
        .merge(static_files::router(&dist))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(
            security,
            security_headers::add,
        ))
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn_with_state(metrics, metrics::track))
        .layer(middleware::from_fn(correlation::assign))
        .layer(middleware::from_fn_with_state(
            trusted_proxies,
            client_addr::resolve,
        )))
}
