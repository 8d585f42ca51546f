//! Endpoint paths, relative to the API origin. The server mounts its routes from these and the
//! app builds its URLs from them, so the two cannot drift apart.

/// Everything the API serves lives under this prefix.
pub const API_PREFIX: &str = "/api";
/// Version 1 of the API.
pub const V1: &str = "/api/v1";

pub const SIGN_IN: &str = "/api/v1/auth/signin";
pub const SIGN_OUT: &str = "/api/v1/auth/signout";
pub const SESSION: &str = "/api/v1/auth/session";
pub const ME: &str = "/api/v1/me";
pub const CUSTOMERS: &str = "/api/v1/customers";

/// Name of the session cookie. The `__Host-` prefix makes the browser insist on `Secure`,
/// `Path=/` and no `Domain`, so no sibling sub-domain can plant or read it.
pub const SESSION_COOKIE: &str = "__Host-portal_session";

/// Response header carrying the id under which the server logged a request.
pub const CORRELATION_HEADER: &str = "x-correlation-id";

/// Query parameters of [`CUSTOMERS`].
pub mod customers_query {
    pub const SIZE: &str = "size";
    pub const CONTINUATION_TOKEN: &str = "continuationToken";
}
