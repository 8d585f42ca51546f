//! Granular admin relationships as plain Rust, unit-tested natively: the lists' URL state
//! ([`list`]), the request form's checks ([`form`]), the role catalogue's search and groups
//! ([`roles`]), the approval e-mail ([`draft`]) and the words of each refusal ([`messages`]). The pages in `pages/admin_relationships/`
//! only draw what these decide.

pub mod customer_picker;
pub mod draft;
pub mod form;
pub mod list;
pub mod messages;
pub mod roles;
