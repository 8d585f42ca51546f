//! The store boundary: what the handlers and the domain need from the data layer, as traits of
//! our own over plain and contract types. An engine (SQLite today, in `db/`) implements them;
//! no driver type crosses this line.

mod error;

pub use error::{StoreError, StoreResult};
