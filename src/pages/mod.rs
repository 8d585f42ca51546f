//! One module per route.

pub mod customers;
pub mod not_found;
pub mod sign_in;
