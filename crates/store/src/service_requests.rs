//! A customer's service requests.

use async_trait::async_trait;
use portal_contract::{ServiceRequest, Severity};

use super::StoreResult;
use portal_domain::ids::{Actor, CustomerId, PartnerId};

/// A checked request to store.
pub struct NewRequest<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub severity: Severity,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
}

/// A customer's service requests.
#[async_trait]
pub trait ServiceRequests: Send + Sync {
    /// Newest first.
    async fn service_requests(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<ServiceRequest>>;

    async fn open_service_request(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        r: &NewRequest<'_>,
    ) -> StoreResult<ServiceRequest>;
}
