//! A customer's billing profile, licences and users.

use async_trait::async_trait;
use portal_contract::{BillingProfile, CustomerUser, License};

use super::StoreResult;
use portal_domain::ids::{CustomerId, PartnerId};

/// One page of a customer's users in name order.
pub struct UserPage {
    pub items: Vec<CustomerUser>,
    pub total_count: u64,
    /// `(sort_key, id)` of the last user, set when more follow.
    pub next: Option<(String, String)>,
}

/// A customer's billing profile, licences and users.
#[async_trait]
pub trait CustomerDetails: Send + Sync {
    async fn billing_profile(
        &self,
        customer_id: &CustomerId,
    ) -> StoreResult<Option<BillingProfile>>;

    /// Licenses per product from the partner's active subscriptions: bought and assigned.
    async fn licenses(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<License>>;

    /// The customer's users in name order, `size` at a time, after `(sort_key, id)` when given.
    async fn customer_users(
        &self,
        customer_id: &CustomerId,
        size: u32,
        after: Option<(&str, &str)>,
    ) -> StoreResult<UserPage>;
}
