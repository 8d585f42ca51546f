//! Subscriptions, their support partner, and indirect resellers.

use async_trait::async_trait;
use portal_contract::{IndirectReseller, Subscription};

use super::StoreResult;
use portal_domain::ids::{Actor, CustomerId, PartnerId, SubscriptionId};

#[derive(Debug)]
pub enum SubscriptionChange {
    Changed(Box<Subscription>),
    NotFound,
    /// Already suspended (or already active).
    Unchanged,
    /// The reseller is not one of the partner's indirect resellers.
    UnknownReseller,
    /// The subscription changed since the client read it.
    Stale,
}

/// Subscriptions, their support partner, and indirect resellers.
#[async_trait]
pub trait Subscriptions: Send + Sync {
    /// The subscriptions the customer bought through the partner, by offer name.
    async fn subscriptions(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<Subscription>>;

    /// Suspends (`active = false`) or reactivates a subscription.
    async fn set_subscription_active(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        id: &SubscriptionId,
        active: bool,
    ) -> StoreResult<SubscriptionChange>;

    /// Sets the designated support partner (`None`: the partner itself) when `version` is
    /// still the subscription's version.
    async fn set_support_partner(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        id: &SubscriptionId,
        reseller_id: Option<&str>,
        version: u32,
    ) -> StoreResult<SubscriptionChange>;

    async fn indirect_resellers(
        &self,
        partner_id: &PartnerId,
    ) -> StoreResult<Vec<IndirectReseller>>;
}
