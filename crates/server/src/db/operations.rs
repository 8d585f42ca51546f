//! What running the server needs from the store: a readiness probe, the pools' use for the
//! metrics, and an online backup.

use std::path::Path;
use std::str::FromStr;

use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

use super::{Db, DbResult};

/// One pool's connections, for the metrics.
#[derive(Debug, Clone, Copy)]
pub struct PoolUse {
    pub name: &'static str,
    pub size: u32,
    pub idle: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; a backup never overwrites a file")]
    Exists(std::path::PathBuf),
    #[error("cannot create {path}: {source}")]
    Create {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("the backup failed: {0}")]
    Database(#[from] sqlx::Error),
}

impl Db {
    /// Ready means a read connection answers a query on a table of ours.
    pub async fn ping(&self) -> DbResult<()> {
        sqlx::query("SELECT 1 FROM _sqlx_migrations LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(())
    }

    pub fn pool_use(&self) -> [PoolUse; 2] {
        [("read", &self.pool), ("write", &self.writer)].map(|(name, pool)| PoolUse {
            name,
            size: pool.size(),
            idle: pool.num_idle(),
        })
    }

    /// Closes both pools: queries after this fail at once (the end of a shutdown, and the
    /// tests of an unreachable store).
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }
}

/// `portal-server backup --to FILE`: copies the database at `url` into a new file with SQLite's
/// `VACUUM INTO`, one read transaction, so the copy is consistent while the server goes on
/// writing (WAL: the writer does not wait for it). The database is opened as it is, without
/// migrations, and the file is created first with `create_new`, so an existing file is never
/// overwritten, not even by a race.
pub async fn backup(url: &str, to: &Path) -> Result<(), BackupError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(false)
        .busy_timeout(std::time::Duration::from_secs(5));
    let mut conn = options.connect().await?;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)
    {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BackupError::Exists(to.to_owned()));
        }
        Err(source) => {
            return Err(BackupError::Create {
                path: to.to_owned(),
                source,
            });
        }
    }
    let copied = sqlx::query("VACUUM INTO ?")
        .bind(to.to_string_lossy().into_owned())
        .execute(&mut conn)
        .await;
    if let Err(e) = copied {
        let _ = std::fs::remove_file(to);
        return Err(e.into());
    }
    Ok(())
}
