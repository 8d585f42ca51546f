//! What the API tests need from an engine that the API cannot do: move a record's times into the
//! past (the clock is not the tests' to move), write what no endpoint writes (customers arrive
//! from outside, entries of an older shape), and look at what is stored. Every engine implements
//! it, so one test suite runs on each; the server itself never calls it.

use async_trait::async_trait;

use super::StoreResult;

/// Stored things a test counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted<'a> {
    Organizations,
    Sessions,
    AdminRelationships,
    /// Audit entries with this action (`"invitation.accepted"`), for one target when given.
    AuditEntries {
        action: &'a str,
        target_id: Option<&'a str>,
    },
    /// Throttle windows, of every scope; only those whose key contains the text when given.
    ThrottleWindows {
        key_containing: Option<&'a str>,
    },
}

/// One customer organisation written beside the API, as if it had arrived from outside.
#[derive(Debug, Clone, Copy)]
pub struct OutsideCustomer<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub domain: &'a str,
}

#[async_trait]
pub trait TestSupport: Send + Sync {
    /// Moves every session's last use `secs` into the past.
    async fn idle_sessions(&self, secs: i64) -> StoreResult<()>;

    /// Moves every session's start `secs` into the past.
    async fn age_sessions(&self, secs: i64) -> StoreResult<()>;

    /// Moves every throttle window's start `secs` into the past.
    async fn age_throttle_windows(&self, secs: i64) -> StoreResult<()>;

    /// Moves an invitation's creation `created_secs` and its expiry `expires_secs` into the past.
    async fn backdate_invitation(
        &self,
        id: &str,
        created_secs: i64,
        expires_secs: i64,
    ) -> StoreResult<()>;

    /// Lets an invitation run out: it expired a second after it was made, or a second before
    /// `now` if it was made just now.
    async fn expire_invitation(&self, id: &str, now: i64) -> StoreResult<()>;

    /// Moves every time of a granular admin relationship and its history `secs` into the past.
    async fn age_admin_relationship(&self, id: &str, secs: i64) -> StoreResult<()>;

    /// Moves only a granular admin relationship's request time `secs` into the past.
    async fn backdate_admin_relationship_request(&self, id: &str, secs: i64) -> StoreResult<()>;

    async fn count(&self, what: Counted<'_>) -> StoreResult<i64>;

    /// Every audit entry's action, in the order written.
    async fn audit_actions(&self) -> StoreResult<Vec<String>>;

    /// Who accepted the Customer Agreement for the organisation with this primary domain.
    async fn agreement_accepted_by(&self, domain: &str) -> StoreResult<Option<String>>;

    /// Whether any stored invitation secret (hash or seed) contains `bytes`.
    async fn invitation_secrets_contain(&self, bytes: &[u8]) -> StoreResult<bool>;

    /// A text that changes whenever anything a request could change does: counts and states of
    /// audit entries, relationships, service requests, subscriptions, invitations, granular
    /// admin relationships and their assignments.
    async fn fingerprint(&self) -> StoreResult<String>;

    /// The organisation with this primary domain: its id and name.
    async fn organization(&self, domain: &str) -> StoreResult<Option<(String, String)>>;

    async fn rename_organization(&self, domain: &str, name: &str) -> StoreResult<()>;

    /// Gives the user with this address one more role (by its name on the wire).
    async fn grant_role(&self, email: &str, role: &str) -> StoreResult<()>;

    /// Makes `customer` a customer of the partner with id `partner_id` (admin privileges
    /// granted, customer since 1970).
    async fn add_customer(
        &self,
        partner_id: &str,
        customer: OutsideCustomer<'_>,
    ) -> StoreResult<()>;

    /// Copies the first `invitation.created` entry as one of the shape written before the
    /// details were typed: target `target_id`, `details` as given, `days` earlier.
    async fn add_old_audit_entry(
        &self,
        target_id: &str,
        details: &str,
        days: i64,
    ) -> StoreResult<()>;

    /// Writes `count` entries of `action` by the user with this address, one a second from
    /// `first_at` (Unix seconds), with targets `inv-1`, `inv-2`, … and empty details.
    async fn add_audit_entries(
        &self,
        email: &str,
        action: &str,
        count: u32,
        first_at: i64,
    ) -> StoreResult<()>;
}
