//! What the bench's tools need from an engine beyond the server's traits: generated data at
//! scale (`portal-seed`) and the engine's plan of a statement (`portal-query-plans`). Every
//! engine implements it; the server itself never calls it.

use async_trait::async_trait;

use super::StoreResult;
use portal_domain::ids::PartnerId;

#[async_trait]
pub trait Tooling: Send + Sync {
    /// The partner with this primary domain.
    async fn partner_by_domain(&self, domain: &str) -> StoreResult<PartnerId>;

    /// Adds generated partner `n` (`generated::partner_domain(n)`) unless it is there; its
    /// primary domain.
    async fn generate_partner(&self, n: u32) -> StoreResult<String>;

    /// Adds `count` generated customers to the partner (names varied like real ones); the
    /// partner's customers afterwards.
    async fn generate_customers(&self, partner_domain: &str, count: u64) -> StoreResult<u64>;

    /// Gives each of the partner's customers that has none `per_customer` granular admin
    /// relationships across every status; how many were added.
    async fn generate_admin_relationships(
        &self,
        partner_domain: &str,
        per_customer: u32,
    ) -> StoreResult<u64>;

    /// Adds `count` entries to the partner's audit log.
    async fn generate_audit_entries(&self, partner_domain: &str, count: u64) -> StoreResult<()>;

    /// Brings the engine up to date with a bulk filling just made, so the planner and the first
    /// requests after it see the data as it is (statistics, what a later read would otherwise
    /// write). An engine that needs nothing keeps this default.
    async fn finish_filling(&self) -> StoreResult<()> {
        Ok(())
    }

    /// The engine's plan of `sql` as it would run for any parameter values, one step a line,
    /// indented under its parent.
    async fn explain(&self, sql: &str) -> StoreResult<Vec<String>>;
}
