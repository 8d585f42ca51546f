//! Server-side sessions, keyed by the SHA-256 of the session id.

use async_trait::async_trait;
use portal_store::{Sessions, StoreResult, StoredSession};
use sqlx::Row;

use crate::Db;
use crate::engine;
use crate::users::{ME_COLUMNS, ME_TABLES, me_of};

#[async_trait]
impl Sessions for Db {
    async fn create_session(&self, token_hash: &[u8], user_id: &str, now: i64) -> StoreResult<()> {
        engine(async {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)
                 VALUES ($1, $2, $3, $3)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .execute(&self.writer)
            .await?;
            Ok(())
        })
        .await
    }

    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()> {
        engine(async {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(&self.writer)
                .await?;
            Ok(())
        })
        .await
    }

    async fn session(&self, token_hash: &[u8]) -> StoreResult<Option<StoredSession>> {
        engine(async {
            // Session, user, organisation and roles in one statement.
            let sql = format!(
                "SELECT {ME_COLUMNS}, s.created_at, s.last_seen_at
                 FROM {ME_TABLES} JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = $1"
            );
            let row = sqlx::query(&sql)
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
            row.map(|row| {
                Ok(StoredSession {
                    me: me_of(&row)?,
                    created_at: row.try_get("created_at")?,
                    last_seen_at: row.try_get("last_seen_at")?,
                })
            })
            .transpose()
        })
        .await
    }

    async fn touch_session(&self, token_hash: &[u8], now: i64) -> StoreResult<()> {
        engine(async {
            // Never moves the last use back, whichever of two concurrent requests writes last.
            sqlx::query(
                "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $1",
            )
            .bind(now)
            .bind(token_hash)
            .execute(&self.writer)
            .await?;
            Ok(())
        })
        .await
    }
}
