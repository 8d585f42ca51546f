//! Sign-in through an identity provider: pending sign-ins, users, roles.

use async_trait::async_trait;
use portal_contract::Role;

use super::StoreResult;

/// What the start of a sign-in keeps for its callback.
#[derive(Debug, Clone)]
pub struct PendingSignIn {
    pub browser_hash: Vec<u8>,
    pub organization: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_path: String,
    pub created_at: i64,
}

/// Sign-in through an identity provider: pending sign-ins, users, roles.
#[async_trait]
pub trait ProviderSignIns: Send + Sync {
    /// Stores a started sign-in under the hash of its `state`, and forgets those older than
    /// `forget_before` that nobody finished.
    async fn insert_pending_sign_in(
        &self,
        state_hash: &[u8],
        p: &PendingSignIn,
        forget_before: i64,
    ) -> StoreResult<()>;

    /// Removes and returns the started sign-in with this `state`: a second callback with the
    /// same `state` finds nothing.
    async fn take_pending_sign_in(&self, state_hash: &[u8]) -> StoreResult<Option<PendingSignIn>>;

    /// The user with this (normalised) e-mail address in the organisation with this primary
    /// domain; an address of another organisation is nobody here.
    async fn user_in_organization(
        &self,
        primary_domain: &str,
        email: &str,
    ) -> StoreResult<Option<String>>;

    /// The primary domain of the user's organisation.
    async fn user_organization_domain(&self, user_id: &str) -> StoreResult<Option<String>>;

    /// Names of the organisations with these primary domains, in the same order (`None` for a
    /// domain the database does not have).
    async fn organization_names(&self, domains: &[String]) -> StoreResult<Vec<Option<String>>>;

    /// Replaces the user's roles with those the provider's claims give: the provider is where
    /// an administrator grants and takes them.
    async fn replace_roles(&self, user_id: &str, roles: &[Role]) -> StoreResult<()>;

    async fn record_oidc_session(
        &self,
        token_hash: &[u8],
        organization: &str,
        id_token: &str,
    ) -> StoreResult<()>;

    /// The organisation and ID token of a session begun through a provider.
    async fn oidc_session(&self, token_hash: &[u8]) -> StoreResult<Option<(String, String)>>;
}
