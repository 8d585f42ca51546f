//! Granular admin relationships: requests, approval, changes, pages.

use async_trait::async_trait;
use portal_contract::Cloud;
use portal_contract::gdap::{AdminRelationshipStatus as Status, StatusChange};

use super::StoreResult;
use portal_domain::ids::{Actor, CustomerId, PartnerId};

/// One active granular admin relationship of a customer with the partner: (customer id, roles,
/// end, auto-extend days). The customer list sums them up per customer.
pub type ActiveAdminRoles = (String, Vec<String>, i64, u32);

/// A relationship as stored, with its partner's and customer's names.
#[derive(Debug, Clone)]
pub struct RelationshipRow {
    pub id: String,
    pub partner_id: String,
    pub partner_name: String,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    pub display_name: String,
    pub duration_days: u32,
    pub auto_extend_days: u32,
    pub roles: Vec<String>,
    /// The status last recorded (the settle step keeps it current).
    pub state: Status,
    pub created_at: i64,
    pub modified_at: i64,
    pub activated_at: Option<i64>,
    pub end_at: i64,
    pub version: i64,
    /// While pending: the approval link's seed.
    pub token_seed: Option<Vec<u8>>,
}

/// A new request to store.
pub struct NewRelationship<'a> {
    pub id: &'a str,
    pub partner_id: &'a PartnerId,
    /// `None`: any customer (the approver's organisation binds it).
    pub customer: Option<(&'a CustomerId, &'a str)>,
    pub display_name: &'a str,
    pub duration_days: u32,
    pub auto_extend_days: u32,
    pub roles: &'a [String],
    pub token_seed: &'a [u8],
    pub token_hash: &'a [u8],
    /// When the request expires unapproved.
    pub expires_at: i64,
}

/// The partner's list: which relationships, in which order, from where.
#[derive(Debug, Clone, Copy)]
pub struct RelationshipQuery<'a> {
    pub partner_id: &'a PartnerId,
    pub status: Option<Status>,
    /// Only this customer's (its tab).
    pub customer_id: Option<&'a CustomerId>,
    /// Folded search text: the name or the customer's name starts with it; empty for all.
    pub search: &'a str,
    /// Only active ones ending before this time, soonest first (the "ending within" view).
    pub ending_before: Option<i64>,
    pub size: u32,
    /// The boundary row's `(time, id)` (creation, or end in the ending view) and whether the
    /// page lies before it.
    pub from: Option<((i64, &'a str), bool)>,
}

#[derive(Debug)]
pub struct RelationshipPage {
    pub rows: Vec<RelationshipRow>,
    pub total_count: u64,
    pub has_after: bool,
    pub has_before: bool,
}

/// What a change guarded by state and version came to.
#[derive(Debug)]
pub enum ChangeOutcome {
    Changed(Box<RelationshipRow>),
    NotFound,
    /// The version sent is not the current one.
    Stale,
    /// The relationship is not in a state that allows the change; its current state.
    NotAllowed(Status),
}

/// A pending request found by its approval token, with what the approval page shows.
#[derive(Debug, Clone)]
pub struct ApprovalRow {
    pub relationship: RelationshipRow,
    pub partner_country: String,
    pub cloud: Cloud,
}

/// What an approval came to.
#[derive(Debug)]
pub enum ApproveOutcome {
    Approved(Box<RelationshipRow>),
    Unknown,
    Expired,
    Terminated,
    AlreadyApproved,
    WrongCustomer,
}

/// A change of the partner's relationship `id`, based on `version`.
pub struct RelationshipChange<'a> {
    pub partner_id: &'a PartnerId,
    pub id: &'a str,
    pub version: i64,
    pub actor: Actor<'a>,
}

/// Granular admin relationships: requests, approval, changes, pages.
#[async_trait]
pub trait AdminRelationships: Send + Sync {
    /// Whether the partner already has a relationship of this (folded) name.
    async fn admin_relationship_name_taken(
        &self,
        partner_id: &PartnerId,
        name: &str,
    ) -> StoreResult<bool>;

    /// The name of the partner's customer `customer_id`, `None` when it is not one of its customers.
    async fn partner_customer_name(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Option<String>>;

    /// Stores the request (pending, locked for approval), its history and audit entry. `None`
    /// when the name was taken meanwhile (the unique index decided).
    async fn create_admin_relationship(
        &self,
        actor: &Actor<'_>,
        n: NewRelationship<'_>,
    ) -> StoreResult<Option<RelationshipRow>>;

    async fn admin_relationship(
        &self,
        partner_id: &PartnerId,
        id: &str,
    ) -> StoreResult<Option<RelationshipRow>>;

    /// The status changes of relationship `id`, oldest first.
    async fn admin_relationship_history(&self, id: &str) -> StoreResult<Vec<StatusChange>>;

    /// One page of the partner's relationships. Newest first; in the ending view, soonest end
    /// first. Each order has its index led by the partner (and the state where filtered), so a
    /// page is a range scan; the count uses the same filter.
    async fn admin_relationships_page(
        &self,
        q: &RelationshipQuery<'_>,
    ) -> StoreResult<RelationshipPage>;

    /// `lockForApproval`: a new approval link for a pending request (the old one stops
    /// working), if `version` is current.
    async fn relock_admin_relationship(
        &self,
        c: RelationshipChange<'_>,
        token_seed: &[u8],
        token_hash: &[u8],
    ) -> StoreResult<ChangeOutcome>;

    /// Terminates an active or pending relationship for its partner, if `version` is current.
    async fn terminate_admin_relationship(
        &self,
        c: RelationshipChange<'_>,
    ) -> StoreResult<ChangeOutcome>;

    /// The customer terminates one of its active relationships, if `version` is current.
    async fn customer_terminate_admin_relationship(
        &self,
        customer_id: &CustomerId,
        id: &str,
        version: i64,
        actor: &Actor<'_>,
    ) -> StoreResult<ChangeOutcome>;

    /// The pending request behind an approval token, whatever its state now.
    async fn admin_approval(&self, token_hash: &[u8]) -> StoreResult<Option<ApprovalRow>>;

    /// Approves the request behind the token for the customer: active from now for its
    /// duration. The first statement is the conditional update, so of any number of
    /// simultaneous approvals exactly one gets past it; the token is cleared with it.
    async fn approve_admin_relationship(
        &self,
        token_hash: &[u8],
        customer_id: &CustomerId,
        customer_name: &str,
        actor: &Actor<'_>,
    ) -> StoreResult<ApproveOutcome>;

    /// The customer's relationship `id`, `None` when it is not the customer's.
    async fn customer_admin_relationship(
        &self,
        customer_id: &CustomerId,
        id: &str,
    ) -> StoreResult<Option<RelationshipRow>>;

    /// Every relationship approved by the customer (active or ended), newest first.
    async fn customer_admin_relationships(
        &self,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<RelationshipRow>>;

    /// Active relationships of these customers with the partner.
    async fn active_admin_roles(
        &self,
        partner_id: &PartnerId,
        customer_ids: &[&str],
    ) -> StoreResult<Vec<ActiveAdminRoles>>;
}
