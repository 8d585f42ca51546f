//! HTTP plumbing shared by all routes: errors, extractors, sessions, headers, static files.

pub mod correlation;
pub mod error;
pub mod extract;
pub mod origin;
pub mod security_headers;
pub mod session;
pub mod static_files;
pub mod throttle;

pub use error::ApiError;
pub use extract::{ApiJson, ApiQuery};
pub use session::CurrentUser;
