//! People who sign in with a password.

use async_trait::async_trait;
use portal_contract::Me;

use super::StoreResult;

/// What sign-in needs to check a password.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user_id: String,
    pub password_hash: String,
}

/// People who sign in with a password.
#[async_trait]
pub trait Users: Send + Sync {
    /// `email` must already be normalised (see `EmailAddress`).
    async fn credentials(&self, email: &str) -> StoreResult<Option<Credentials>>;

    /// The user with their organisation and roles.
    async fn me(&self, user_id: &str) -> StoreResult<Option<Me>>;
}
