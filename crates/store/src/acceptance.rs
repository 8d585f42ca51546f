//! Accepting invitations, and the relationships a customer sees.

use async_trait::async_trait;
use portal_contract::{AdminPrivileges, Cloud};

use super::StoreResult;
use portal_domain::ids::{Actor, CustomerId, InvitationId, PartnerId};

/// An invitation found by its token, with its partner.
#[derive(Debug, Clone)]
pub struct TokenInvitation {
    pub id: InvitationId,
    pub partner_id: PartnerId,
    pub partner_name: String,
    pub partner_country: String,
    pub cloud: Cloud,
    pub include_admin: bool,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub accepted_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct OrganizationRow {
    pub id: CustomerId,
    pub name: String,
    pub country: String,
    pub agreement_accepted_at: Option<i64>,
}

/// Who accepts, for what.
pub struct Acceptance<'a> {
    pub invitation: &'a TokenInvitation,
    pub customer: &'a OrganizationRow,
    pub actor: Actor<'a>,
    /// Record the Customer Agreement as accepted now (it was not before).
    pub accept_agreement: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum AcceptOutcome {
    Accepted,
    /// Someone else accepted, revoked, or it expired, between the check and the write.
    NoLongerPending,
    AlreadyCustomer,
    /// The partner ended its relationship with this customer after the invitation was made.
    WithdrawnByRemoval,
}

#[derive(Debug, Clone)]
pub struct PartnerRow {
    pub partner_id: String,
    pub partner_name: String,
    pub partner_country: String,
    pub admin_privileges: AdminPrivileges,
    pub since: i64,
}

/// Accepting invitations, and the relationships a customer sees.
#[async_trait]
pub trait Acceptances: Send + Sync {
    async fn invitation_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<TokenInvitation>>;

    async fn organization(&self, id: &CustomerId) -> StoreResult<Option<OrganizationRow>>;

    async fn has_relationship(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<bool>;

    /// Marks the invitation used, records the agreement when asked, creates the relationship and
    /// the audit entries — all or nothing. The first statement is the conditional write, so of
    /// any number of simultaneous acceptances exactly one gets past it.
    async fn accept_invitation(&self, a: Acceptance<'_>) -> StoreResult<AcceptOutcome>;

    async fn partner_relationships(&self, customer_id: &CustomerId)
    -> StoreResult<Vec<PartnerRow>>;

    /// Removes the partner's admin roles (the reseller relationship stays). `None` when there is
    /// no such relationship; `Some(false)` when there were no roles to remove.
    async fn remove_partner_roles(
        &self,
        actor: &Actor<'_>,
        customer_id: &CustomerId,
        partner_id: &PartnerId,
    ) -> StoreResult<Option<bool>>;
}
