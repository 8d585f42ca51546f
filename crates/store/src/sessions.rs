//! Server-side sessions, keyed by the SHA-256 of the session id. The store only keeps them;
//! when one ends and when its last use is written is `domain::session`'s rule.

use async_trait::async_trait;
use portal_contract::Me;

use super::StoreResult;

/// A stored session and its user, live or not.
#[derive(Debug, Clone)]
pub struct StoredSession {
    pub me: Me,
    /// Unix seconds.
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// Server-side sessions.
#[async_trait]
pub trait Sessions: Send + Sync {
    async fn create_session(&self, token_hash: &[u8], user_id: &str, now: i64) -> StoreResult<()>;

    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;

    /// The session with this hash, with its user, organisation and roles; every signed-in
    /// request starts here.
    async fn session(&self, token_hash: &[u8]) -> StoreResult<Option<StoredSession>>;

    /// Writes `now` as the session's last use.
    async fn touch_session(&self, token_hash: &[u8], now: i64) -> StoreResult<()>;
}
