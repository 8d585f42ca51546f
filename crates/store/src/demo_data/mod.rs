//! The demo data, the same for every engine: each engine writes it with its own statements
//! (`seed/` in each engine crate).

pub mod accounts;
pub mod directory;
pub mod relationships;
