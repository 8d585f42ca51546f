//! Granular admin relationships as plain Rust, unit-tested natively: the lists' URL state
//! ([`list`]), the request form's checks ([`form`]), the role catalogue's search and groups
//! ([`roles`]) and the approval e-mail ([`draft`]). The pages in `pages/admin_relationships/`
//! only draw what these decide.

pub mod draft;
pub mod form;
pub mod list;
pub mod roles;
