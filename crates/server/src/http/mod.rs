//! HTTP plumbing shared by all routes: errors, extractors, sessions, headers, static files.

pub mod access;
pub mod client_addr;
pub mod correlation;
pub mod error;
pub mod extract;
pub mod if_match;
pub mod origin;
pub mod paging;
pub mod security_headers;
pub mod session;
pub mod static_files;
pub mod throttle;

pub use access::{Can, CustomerUser, PartnerUser, perm};
pub use client_addr::ClientAddr;
pub use error::ApiError;
pub use extract::{ApiJson, ApiQuery};
pub use if_match::IfMatch;
pub use paging::{PageParams, Paged};
pub use session::CurrentUser;
