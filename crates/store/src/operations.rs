//! What running the server needs: readiness, pool use, closing, checks, demo data.

use async_trait::async_trait;

use super::StoreResult;

/// One pool's connections, for the metrics.
#[derive(Debug, Clone, Copy)]
pub struct PoolUse {
    pub name: &'static str,
    pub size: u32,
    pub idle: usize,
}

/// What running the server needs: readiness, pool use, closing, checks, demo data.
#[async_trait]
pub trait Operations: Send + Sync {
    /// Ready means a read connection answers a query on a table of ours.
    async fn ping(&self) -> StoreResult<()>;

    /// Each connection pool's size and idle connections, for the metrics.
    fn pool_use(&self) -> Vec<PoolUse>;

    /// Closes both pools: queries after this fail at once (the end of a shutdown, and the
    /// tests of an unreachable store).
    async fn close(&self);

    /// The engine's own checks of the stored data (`--check-database`): the problems found,
    /// none when it is intact.
    async fn problems(&self) -> StoreResult<Vec<String>>;

    /// Writes the demo organisations, accounts and customers in one transaction when the store
    /// is empty; whether it wrote them.
    async fn seed_demo_if_empty(&self) -> StoreResult<bool>;
}
