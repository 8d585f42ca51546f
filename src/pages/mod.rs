//! One module per route.

pub mod accept;
pub mod admin_relationships;
pub mod approve_roles;
pub mod audit;
pub mod customer;
pub mod customers;
pub mod email_draft;
pub mod invitations;
pub mod not_found;
pub mod partners;
pub mod request_relationship;
pub mod sign_in;
