//! Server-side sessions, keyed by the SHA-256 of the session id.

use async_trait::async_trait;
use portal_store::{Sessions, StoreResult, StoredSession};

use crate::Db;
use crate::engine;
use crate::users::{ME_COLUMNS, ME_TABLES};

#[async_trait]
impl Sessions for Db {
    async fn create_session(&self, token_hash: &[u8], user_id: &str, now: i64) -> StoreResult<()> {
        engine(async {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(now)
            .execute(&self.writer)
            .await?;
            Ok(())
        })
        .await
    }

    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()> {
        engine(async {
            sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
                .bind(token_hash)
                .execute(&self.writer)
                .await?;
            Ok(())
        })
        .await
    }

    async fn session(&self, token_hash: &[u8]) -> StoreResult<Option<StoredSession>> {
        let token_hash = token_hash.to_vec();
        engine(self.readers.read(move |c| {
            // Session, user, organisation and roles in one statement.
            let sql = format!(
                "SELECT {ME_COLUMNS}, s.created_at, s.last_seen_at
                 FROM {ME_TABLES} JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ?"
            );
            let mut statement = crate::reads::prepare(c, &sql)?;
            let mut rows = statement.query([token_hash])?;
            rows.next()?
                .map(|row| {
                    Ok(StoredSession {
                        me: super::users::me_of(row)?,
                        created_at: row.get("created_at")?,
                        last_seen_at: row.get("last_seen_at")?,
                    })
                })
                .transpose()
        }))
        .await
    }

    async fn touch_session(&self, token_hash: &[u8], now: i64) -> StoreResult<()> {
        engine(async {
            sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
                .bind(now)
                .bind(token_hash)
                .execute(&self.writer)
                .await?;
            Ok(())
        })
        .await
    }
}
