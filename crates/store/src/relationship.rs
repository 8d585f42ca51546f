//! Ending a reseller relationship.

use async_trait::async_trait;

use super::StoreResult;
use portal_domain::ids::{Actor, CustomerId, PartnerId};

#[derive(Debug, PartialEq, Eq)]
pub enum RemovalOutcome {
    Removed,
    NotFound,
    ActiveSubscriptions,
}

/// Ending a reseller relationship.
#[async_trait]
pub trait Relationships: Send + Sync {
    async fn remove_relationship(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<RemovalOutcome>;
}
