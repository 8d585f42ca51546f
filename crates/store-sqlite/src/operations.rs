//! What running the server needs from the store: a readiness probe, the pools' use for the
//! metrics, and an online backup.

use std::path::Path;
use std::str::FromStr;

use async_trait::async_trait;
use portal_store::{Operations, PoolUse, StoreResult};
use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

use crate::Db;
use crate::engine;

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

#[async_trait]
impl Operations for Db {
    async fn ping(&self) -> StoreResult<()> {
        engine(async {
            sqlx::query("SELECT 1 FROM _sqlx_migrations LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
            Ok(())
        })
        .await
    }

    fn pool_use(&self) -> Vec<PoolUse> {
        let mut pools: Vec<PoolUse> = [("read", &self.pool), ("write", &self.writer)]
            .map(|(name, pool)| PoolUse {
                name,
                size: pool.size(),
                idle: pool.num_idle(),
            })
            .to_vec();
        let (size, idle) = self.readers.state();
        pools.push(PoolUse {
            name: "hot-read",
            size,
            idle: idle as usize,
        });
        pools
    }

    async fn close(&self) {
        self.readers.close();
        self.pool.close().await;
        self.writer.close().await;
    }

    /// SQLite's own checks of the file and of every foreign key.
    async fn problems(&self) -> StoreResult<Vec<String>> {
        engine(async {
            let mut found: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_all(&self.pool)
                .await?;
            found.retain(|line| line != "ok");
            let dangling: Vec<(String, i64, String)> =
                sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
                    .fetch_all(&self.pool)
                    .await?;
            found.extend(
                dangling
                    .into_iter()
                    .map(|(table, rowid, parent)| format!("{table} row {rowid}: no {parent} row")),
            );
            Ok(found)
        })
        .await
    }

    async fn seed_demo_if_empty(&self) -> StoreResult<bool> {
        engine(async { Db::seed_demo_if_empty(self).await }).await
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
