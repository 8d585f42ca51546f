//! The hot reads: rusqlite connections in an r2d2 pool, each read run whole (all its statements,
//! all its rows) in one go. Through sqlx every statement and every row is a hand-off to and from
//! the connection's worker thread; on the Customers page those hand-offs took about a third of
//! the server's time. Writes stay on sqlx's one writer.
//!
//! A bounded read (one session, one page of rows found by an index seek, from memory-mapped
//! pages) runs on the async worker that asked for it: it costs less than a hand-off to a blocking
//! thread would (server CPU per Customers page 420 → 235 µs). A read whose cost grows with the
//! data, such as a search on one letter, goes to a blocking thread ([`Readers::read_aside`]) so
//! it never holds up the other requests of its worker.

use std::path::Path;
use std::time::Duration;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OpenFlags};

use crate::DbResult;
use crate::error::SqlError;

/// Read connections; as many as sqlx's read pool had.
const READERS: u32 = 8;

/// How much of the file the readers map into memory (address space, shared by all of them and
/// with the operating system's page cache; not memory the process allocates).
pub const MMAP_BYTES: i64 = 1 << 30;

/// Each connection's own page cache, in KiB (SQLite's default is about 2 MiB). Readers get the
/// file's pages from the memory map, so their caches hold only pages read from the WAL, and
/// those are dropped whenever a write lands; the writer's holds the pages it changed. Under the
/// 5-minute mixed soak, the 17 connections' caches kept filling long after the warm-up: at the
/// default the server's heap rose about 1 MiB a minute from the third minute on (17.9 → 22.4 MiB
/// over 420 s); at 256 KiB it rose 1.7 MiB and levelled off after about 4 minutes; at 100 KiB
/// it stayed flat (16.4 → 15.3 MiB). Pages and invitation creates per second did not move
/// beyond the runs' spread at either size; `portal-seed`'s bulk inserts are about 12 % slower.
pub const CACHE_KIB: i64 = 100;

#[derive(Clone)]
pub struct Readers {
    pool: r2d2::Pool<SqliteConnectionManager>,
    /// Set by `close`: reads fail at once, as sqlx's closed pools do.
    closed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.pool.state();
        f.debug_struct("Readers")
            .field("connections", &state.connections)
            .field("idle", &state.idle_connections)
            .finish()
    }
}

impl Readers {
    /// Read-only connections to the file at `path` (already created and migrated by the
    /// writer), opened when first needed.
    pub fn open(path: &Path) -> Readers {
        let manager = SqliteConnectionManager::file(path)
            .with_flags(
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI,
            )
            .with_init(|c| {
                c.busy_timeout(Duration::from_secs(5))?;
                // Sorting a search's matches happens in memory, not in temporary files.
                c.pragma_update(None, "temp_store", "memory")?;
                c.pragma_update(None, "cache_size", -CACHE_KIB)?;
                // Pages are read from the memory-mapped file, without a copy through each
                // connection's own small page cache.
                c.pragma_update(None, "mmap_size", MMAP_BYTES)
            });
        let pool = r2d2::Pool::builder()
            .max_size(READERS)
            .min_idle(Some(0))
            // A broken connection shows as the query's error; checking each one out costs a
            // statement.
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(5))
            .build_unchecked(manager);
        Readers {
            pool,
            closed: Default::default(),
        }
    }

    /// No more reads: each fails at once as unavailable.
    pub fn close(&self) {
        self.closed
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Runs `read` on a connection of the pool, here on the calling worker: for reads bounded by
    /// an index seek and a page size.
    pub async fn read<T, F>(&self, read: F) -> DbResult<T>
    where
        F: FnOnce(&Connection) -> DbResult<T>,
    {
        self.refuse_when_closed()?;
        let conn = self.pool.get().map_err(SqlError::unavailable)?;
        read(&conn)
    }

    /// Runs `read` on a connection of the pool, on a blocking thread: for reads whose cost grows
    /// with the data.
    pub async fn read_aside<T, F>(&self, read: F) -> DbResult<T>
    where
        F: FnOnce(&Connection) -> DbResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.refuse_when_closed()?;
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let conn = pool.get().map_err(SqlError::unavailable)?;
            read(&conn)
        })
        .await
        .map_err(|e| SqlError::other(format!("a read stopped: {e}")))?
    }

    /// Fails as unavailable once the store is closed, as sqlx's closed pools do.
    fn refuse_when_closed(&self) -> DbResult<()> {
        if self.closed.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(SqlError::unavailable(std::io::Error::other(
                "the store is closed",
            )));
        }
        Ok(())
    }

    /// Connections open and idle, for the metrics.
    pub fn state(&self) -> (u32, u32) {
        let state = self.pool.state();
        (state.connections, state.idle_connections)
    }
}

/// Prepares `sql` on a read connection (cached per connection), telling the statement log what
/// runs, as sqlx does for its statements: `portal-query-plans` explains what it records.
pub fn prepare<'c>(c: &'c Connection, sql: &str) -> DbResult<rusqlite::CachedStatement<'c>> {
    tracing::debug!(target: "portal::sql", { db.statement = sql }, "statement");
    Ok(c.prepare_cached(sql)?)
}
