//! What runs without a request: due expiries and approval links.

use async_trait::async_trait;

use super::StoreResult;

/// What runs without a request: due expiries and approval links.
#[async_trait]
pub trait AdminRelationshipUpkeep: Send + Sync {
    /// Gives pending requests written without the server's key (the demo data) the hash of
    /// their approval link, so the link the partner is shown works.
    async fn complete_approval_links(
        &self,
        hash: &(dyn for<'s> Fn(&'s [u8]) -> Vec<u8> + Send + Sync),
    ) -> StoreResult<()>;

    /// Records every transition due at `now`; how many relationships moved on. A read on the
    /// reader pool answers "nothing due" without taking the writer.
    async fn settle_admin_relationships(&self, now: i64) -> StoreResult<u64>;
}
