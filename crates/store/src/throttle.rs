//! The throttles' failure windows, shared by every instance.

use async_trait::async_trait;

use super::StoreResult;
use portal_domain::throttle::{Limit, Window};

/// The throttles' failure windows, shared by every instance.
#[async_trait]
pub trait Throttles: Send + Sync {
    /// The stored windows of `keys` in the throttle `scope`, in the order of `keys` (`None` for
    /// a key without failures).
    async fn throttle_windows(
        &self,
        scope: &str,
        keys: &[&str],
    ) -> StoreResult<Vec<Option<Window>>>;

    /// Counts one failure against each of `keys` at `now_ms` (a window that is over starts
    /// again, as `Limit::after_failure` says), and deletes the scope's windows that are over.
    async fn record_throttle_failure(
        &self,
        scope: &str,
        keys: &[&str],
        limit: Limit,
        now_ms: i64,
    ) -> StoreResult<()>;

    /// Forgets `key`'s failures in `scope` (a right password clears the address).
    async fn clear_throttle(&self, scope: &str, key: &str) -> StoreResult<()>;
}
