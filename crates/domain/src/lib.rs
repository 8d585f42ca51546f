//! Plain types that hold the product's rules, free of HTTP and SQL, covered by unit tests.

pub mod audit_csv;
pub mod continuation;
pub mod gdap;
pub mod ids;
pub mod invitation;
pub mod paging;
pub mod password;
pub mod region;
pub mod roles;
pub mod search_key;
pub mod session;
pub mod throttle;
pub mod time;

pub use portal_contract::EmailAddress;
