//! Server-side sessions, keyed by the SHA-256 of the session id.

use portal_contract::Me;
use sqlx::Row;

use super::users::{ME_COLUMNS, ME_TABLES};

use super::{Db, DbResult};

/// `last_seen_at` is written at most this often, so reads do not turn into writes.
const TOUCH_EVERY_SECS: i64 = 60;

impl Db {
    pub async fn create_session(&self, token_hash: &[u8], user_id: &str, now: i64) -> DbResult<()> {
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
    }

    pub async fn delete_session(&self, token_hash: &[u8]) -> DbResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// The session's user if the session is live: not idle longer than `idle_secs` and not older
    /// than `absolute_secs`. An expired session is deleted.
    pub async fn session_user(
        &self,
        token_hash: &[u8],
        now: i64,
        idle_secs: i64,
        absolute_secs: i64,
    ) -> DbResult<Option<Me>> {
        // Session, user, organisation and roles in one statement: every signed-in request
        // starts here.
        let sql = format!(
            "SELECT {ME_COLUMNS}, s.created_at, s.last_seen_at
             FROM {ME_TABLES} JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ?"
        );
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let (created_at, last_seen_at): (i64, i64) =
            (row.try_get("created_at")?, row.try_get("last_seen_at")?);
        if now - last_seen_at > idle_secs || now - created_at > absolute_secs {
            self.delete_session(token_hash).await?;
            return Ok(None);
        }
        if now - last_seen_at >= TOUCH_EVERY_SECS {
            sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
                .bind(now)
                .bind(token_hash)
                .execute(&self.writer)
                .await?;
        }
        super::users::me_of(&row).map(Some)
    }
}
