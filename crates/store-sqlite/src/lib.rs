//! The SQLite engine: [`Db`] implements the store's traits (`portal_store`). Everything SQL, and
//! everything that knows sqlx, lives in this crate; the rest of the server holds an
//! `Arc<dyn Store>` and never names this engine, so another engine takes its place without
//! touching handlers, domain or tests. SQLite is the embedded default: WAL journal,
//! `synchronous = FULL` (a commit acknowledged to a client survives a crash or power cut),
//! foreign keys on.

mod acceptance;
mod audit;
mod customer_details;
mod customers;
mod error;
mod gdap;
mod invitations;
mod oidc;
pub mod operations;
mod reads;
mod relationship;
mod seed;
mod service_requests;
mod sessions;
mod subscriptions;
mod testing;
mod throttle;
mod tooling;
mod users;

use crate::error::SqlError;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

pub use portal_domain::ids::Actor;

/// Readers share a pool; every write goes through the one writer connection. SQLite allows one
/// writer at a time anyway: queueing for that connection in the pool (first come, first
/// served) replaces the busy-handler's sleep-and-retry between connections, which put
/// hundreds of milliseconds on the slowest writes under load (BENCHMARKS.md).
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
    writer: SqlitePool,
    /// The hot reads (sessions, the Customers page), off sqlx: see `reads.rs`.
    readers: reads::Readers,
}

pub use error::DbResult;
use error::engine;

/// Reads a stored enum by its name on the wire (`"suspended"`, `"globalAdmin"`). A name the
/// server does not know is a decoding error, logged and answered as a 500, never read as some
/// default.
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

impl Db {
    /// Opens the database at `url` (creating the file and its folder when missing) and applies
    /// pending migrations.
    pub async fn connect(url: &str) -> Result<Db, portal_store::BoxError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Sorting a search's matches happens in memory, not in temporary files.
            .pragma("temp_store", "memory")
            // Read pages straight from the memory-mapped file (see `reads.rs`).
            .pragma("mmap_size", reads::MMAP_BYTES.to_string())
            // A bounded page cache per connection: the heap stops growing once it is warm.
            .pragma("cache_size", (-reads::CACHE_KIB).to_string())
            .busy_timeout(Duration::from_secs(5));
        if let Some(dir) = options.get_filename().parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&writer).await?;
        let readers = reads::Readers::open(options.get_filename());
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(Db {
            pool,
            writer,
            readers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::{DirectoryRole, SubscriptionStatus};

    /// Every connection, the writer's, the sqlx readers' and rusqlite's, keeps its page cache
    /// within the bound, so the server's heap stops growing once it is warm.
    #[tokio::test]
    async fn every_connection_bounds_its_page_cache() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("portal.db").display());
        let db = Db::connect(&url).await.unwrap();
        let bound = -reads::CACHE_KIB;
        let of = |pool| async move {
            sqlx::query_scalar::<_, i64>("PRAGMA cache_size")
                .fetch_one(pool)
                .await
                .unwrap()
        };
        assert_eq!(of(&db.writer).await, bound);
        assert_eq!(of(&db.pool).await, bound);
        let reader = db
            .readers
            .read(|c| Ok(c.query_row("PRAGMA cache_size", [], |r| r.get::<_, i64>(0))?))
            .await
            .unwrap();
        assert_eq!(reader, bound);
    }

    #[test]
    fn stored_enums_read_known_names_and_refuse_others() {
        assert_eq!(
            stored_enum::<DirectoryRole>("role", "billingAdmin").unwrap(),
            DirectoryRole::BillingAdmin
        );
        assert!(stored_enum::<DirectoryRole>("role", "owner").is_err());
        assert!(stored_enum::<SubscriptionStatus>("status", "").is_err());
        assert!(stored_u32("quantity", -1).is_err());
        assert_eq!(stored_u32("quantity", 7).unwrap(), 7);
    }
}
