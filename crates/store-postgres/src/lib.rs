//! The PostgreSQL engine: [`Db`] implements the store's traits (`portal_store`) over a read and
//! a write `PgPool`. Everything SQL, and everything that knows sqlx, lives in this crate; the server
//! holds an `Arc<dyn Store>` and never names it.
//!
//! Transactions here run concurrently (there is no single writer as in SQLite), so every rule
//! that needs the database is kept by PostgreSQL's own guarantees: a conditional `UPDATE` whose
//! `WHERE` is re-checked on the row it waited for (one acceptance, one approval, versions),
//! unique constraints with `ON CONFLICT`, and `FOR UPDATE` / `FOR SHARE` where a decision reads
//! rows that another transaction could change meanwhile.
//!
//! A page's size is written into its statement as a literal (a number the server checked, never
//! a client's text): sqlx prepares each statement once per connection and PostgreSQL soon
//! plans it once for any parameters, and a known `LIMIT` keeps that generic plan an index range
//! scan joined row by row, where `LIMIT $n` would be planned for a tenth of the table.

mod acceptance;
mod audit;
mod customer_details;
mod customers;
mod error;
mod gdap;
mod invitations;
mod oidc;
mod operations;
mod relationship;
mod seed;
mod service_requests;
mod sessions;
mod subscriptions;
mod testing;
mod throttle;
mod tooling;
mod users;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};

pub use error::DbResult;
use error::{SqlError, engine};
pub use portal_domain::ids::Actor;

/// Connections a server instance keeps at most for reads and for writes; several instances
/// share the database's `max_connections`. Reads take few: with 12, the 8 requests at a time of
/// `bench server` kept 8 backends busy on 2 cores, and PostgreSQL spent more of its time switching
/// between them. With 4, each backend serves the queued requests one after another: PostgreSQL's
/// CPU per Customers page fell from about 260 to 210 µs, pages per second rose 8 %, and the
/// admin relationships list's p99 fell from about 300 to 30 ms. A slow search holds one of
/// the four, not the pool. Writes keep 8, so a durable commit's wait for the disk overlaps others.
const READ_POOL_SIZE: u32 = 4;
const WRITE_POOL_SIZE: u32 = 8;

/// How long a request waits for a connection before it is answered 503: a database that is
/// gone is a prompt error, never a hang.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// A pooled connection idle longer than this is pinged before it is handed out.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(1);

/// The store on one PostgreSQL database. Reads and writes have pools of their own, so a burst
/// of list pages cannot take every connection from sign-ins and acceptances (and the metrics
/// show each); writes run concurrently, PostgreSQL's row locks and conditional statements keep
/// the rules.
#[derive(Debug, Clone)]
pub struct Db {
    pool: PgPool,
    writer: PgPool,
}

/// Reads a stored enum by its name on the wire (`"suspended"`, `"globalAdmin"`). A name the
/// server does not know is a decoding error, never read as some default.
pub(crate) fn stored_enum<T: serde::de::DeserializeOwned>(column: &str, text: &str) -> DbResult<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| SqlError::corrupt(column, format!("unknown value {text:?}")))
}

/// Reads a stored name with the type's own `parse`; unknown is a decoding error, as above.
pub(crate) fn stored_name<T>(
    column: &str,
    text: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> DbResult<T> {
    parse(text).ok_or_else(|| SqlError::corrupt(column, format!("unknown value {text:?}")))
}

/// A stored count or quantity as the API's `u32`; out of range is a decoding error.
pub(crate) fn stored_u32(column: &str, n: i64) -> DbResult<u32> {
    u32::try_from(n).map_err(|e| SqlError::corrupt(column, e))
}

/// A client's text as PostgreSQL can take it. Its `text` cannot hold NUL, which SQLite's can; a
/// NUL is bound as U+FFFF instead, a noncharacter no stored id, name or address holds, so an id
/// or a search with one finds nothing (404, an empty page) on both engines instead of failing.
pub(crate) fn text(s: impl AsRef<str>) -> String {
    s.as_ref().replace('\0', "\u{FFFF}")
}

/// The smallest text greater than every text starting with `prefix`, in `COLLATE "C"`'s byte
/// order: `[prefix, prefix_end(prefix))` is exactly the texts that start with it.
pub(crate) fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

impl Db {
    /// Connects to the database at `url` (creating it when the server has none of that name)
    /// and applies pending migrations; sqlx holds an advisory lock meanwhile, so instances
    /// starting together migrate once.
    pub async fn connect(url: &str) -> Result<Db, portal_store::BoxError> {
        let options = PgConnectOptions::from_str(url)?;
        let pool_options = |size| {
            PgPoolOptions::new()
                .max_connections(size)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                // A ping before every statement doubled its round trips. A connection in
                // steady use is known good; one that sat idle (through an outage, say) is
                // checked first, and a dead one is replaced instead of failing a request.
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for > IDLE_BEFORE_PING {
                            conn.ping().await?;
                        }
                        Ok(true)
                    })
                })
        };
        // One connection first: its error names the cause (refused, unknown host, bad
        // password), where a pool's would only say that it timed out.
        let first = match options.connect().await {
            Ok(conn) => conn,
            Err(e) if is_missing_database(&e) => {
                create_database(&options).await?;
                options.connect().await?
            }
            Err(e) => return Err(e.into()),
        };
        first.close().await?;
        let writer = pool_options(WRITE_POOL_SIZE)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&writer).await?;
        let pool = pool_options(READ_POOL_SIZE).connect_with(options).await?;
        Ok(Db { pool, writer })
    }
}

/// SQLSTATE 3D000: the server has no database of that name.
fn is_missing_database(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.code().as_deref() == Some("3D000"))
}

/// Creates the database `options` names, through the server's `postgres` database.
async fn create_database(options: &PgConnectOptions) -> Result<(), sqlx::Error> {
    let name = options.get_database().unwrap_or_default().to_owned();
    let mut admin = options.clone().database("postgres").connect().await?;
    let quoted = format!("\"{}\"", name.replace('"', "\"\""));
    let created = sqlx::query(&format!("CREATE DATABASE {quoted}"))
        .execute(&mut admin)
        .await;
    match created {
        // Another instance created it first.
        Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("42P04") => Ok(()),
        other => other.map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::{DirectoryRole, SubscriptionStatus};

    #[test]
    fn stored_enums_read_known_names_and_refuse_others() {
        assert_eq!(
            stored_enum::<DirectoryRole>("role", "billingAdmin").unwrap(),
            DirectoryRole::BillingAdmin
        );
        assert!(stored_enum::<DirectoryRole>("role", "owner").is_err());
        assert!(stored_enum::<SubscriptionStatus>("status", "").is_err());
        assert!(stored_u32("quantity", -1).is_err());
    }

    #[test]
    fn nul_is_bound_as_a_noncharacter() {
        assert_eq!(text("abc"), "abc");
        assert_eq!(text("a\0b"), "a\u{FFFF}b");
    }

    #[test]
    fn prefix_end_bounds_every_continuation() {
        let end = prefix_end("arv");
        for name in ["arv", "arvizturo", "arv\u{10fffe}", "arvz"] {
            assert!(name.as_bytes() < end.as_bytes(), "{name}");
        }
        assert!("arw".as_bytes() > end.as_bytes());
    }
}
