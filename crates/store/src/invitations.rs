//! Reseller relationship invitations.

use async_trait::async_trait;
use portal_contract::{InvitationStatus, Language};

use super::StoreResult;
use portal_domain::ids::{Actor, InvitationId, PartnerId, UserId};

/// An invitation as stored, with what the API needs to show it.
#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub id: String,
    pub token_seed: Vec<u8>,
    pub include_admin: bool,
    pub customer_email: Option<String>,
    pub language: Language,
    pub created_by_email: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<String>,
}

/// A new invitation to store.
pub struct NewInvitation<'a> {
    pub id: &'a InvitationId,
    pub partner_id: &'a PartnerId,
    pub token_seed: &'a [u8],
    pub token_hash: &'a [u8],
    pub include_admin: bool,
    pub customer_email: Option<&'a str>,
    pub language: Language,
    pub created_by: &'a UserId,
    pub created_by_email: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Which invitations a list page shows.
#[derive(Debug, Clone, Copy)]
pub struct InvitationQuery<'a> {
    pub partner_id: &'a PartnerId,
    pub status: Option<InvitationStatus>,
    /// Starts-with on the customer e-mail address (stored in lower case); empty for all.
    pub email_prefix: &'a str,
    pub size: u32,
    /// The boundary row's `(created_at, id)` and whether the page lies before it.
    pub from: Option<((i64, &'a str), bool)>,
    /// The time status is judged at (Unix seconds).
    pub now: i64,
}

/// One page of invitations and what lies around it.
#[derive(Debug)]
pub struct InvitationPage {
    pub rows: Vec<InvitationRow>,
    pub total_count: u64,
    pub has_after: bool,
    pub has_before: bool,
}

/// What a revocation attempt came to.
#[derive(Debug)]
pub enum RevokeOutcome {
    Revoked(Box<InvitationRow>),
    NotFound,
    /// Already accepted or revoked: final states.
    NotPending,
}

/// Reseller relationship invitations.
#[async_trait]
pub trait Invitations: Send + Sync {
    /// Stores the invitation and its audit entry in one transaction.
    async fn create_invitation(&self, n: NewInvitation<'_>) -> StoreResult<InvitationRow>;

    async fn invitation(
        &self,
        partner_id: &PartnerId,
        id: &InvitationId,
    ) -> StoreResult<Option<InvitationRow>>;

    /// One page of the partner's invitations, newest first, that match `q`: `size` rows after
    /// (or, walking back, before) the row with key `(created_at, id)`. The status is computed
    /// from the times as [`portal_domain::invitation::status`] does, so the filter and the badge
    /// never disagree; the count is exact, with the same filter.
    async fn invitations_page(&self, q: &InvitationQuery<'_>) -> StoreResult<InvitationPage>;

    /// Revokes a pending (or expired) invitation, with its audit entry, in one transaction. The
    /// update's `WHERE` makes it safe against a concurrent acceptance or revocation.
    async fn revoke_invitation(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        id: &InvitationId,
    ) -> StoreResult<RevokeOutcome>;
}
