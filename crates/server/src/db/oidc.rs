//! Sign-ins through an organisation's identity provider: the pending sign-ins between start and
//! callback, the account a provider's person is, and what the provider's sign-out needs.

use portal_contract::Role;
use sqlx::Row;

use super::{Db, DbResult};

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

impl Db {
    /// Stores a started sign-in under the hash of its `state`, and forgets those older than
    /// `forget_before` that nobody finished.
    pub async fn insert_pending_sign_in(
        &self,
        state_hash: &[u8],
        p: &PendingSignIn,
        forget_before: i64,
    ) -> DbResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM oidc_sign_ins WHERE created_at < ?")
            .bind(forget_before)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO oidc_sign_ins (state_hash, browser_hash, organization, nonce,
                pkce_verifier, return_path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(state_hash)
        .bind(&p.browser_hash)
        .bind(&p.organization)
        .bind(&p.nonce)
        .bind(&p.pkce_verifier)
        .bind(&p.return_path)
        .bind(p.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await.map_err(Into::into)
    }

    /// Removes and returns the started sign-in with this `state`: a second callback with the
    /// same `state` finds nothing.
    pub async fn take_pending_sign_in(&self, state_hash: &[u8]) -> DbResult<Option<PendingSignIn>> {
        let row = sqlx::query(
            "DELETE FROM oidc_sign_ins WHERE state_hash = ?
             RETURNING browser_hash, organization, nonce, pkce_verifier, return_path, created_at",
        )
        .bind(state_hash)
        .fetch_optional(&self.writer)
        .await?;
        row.map(|r| {
            Ok(PendingSignIn {
                browser_hash: r.try_get("browser_hash")?,
                organization: r.try_get("organization")?,
                nonce: r.try_get("nonce")?,
                pkce_verifier: r.try_get("pkce_verifier")?,
                return_path: r.try_get("return_path")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .transpose()
    }

    /// The user with this (normalised) e-mail address in the organisation with this primary
    /// domain; an address of another organisation is nobody here.
    pub async fn user_in_organization(
        &self,
        primary_domain: &str,
        email: &str,
    ) -> DbResult<Option<String>> {
        sqlx::query_scalar(
            "SELECT u.id FROM users u JOIN organizations o ON o.id = u.organization_id
             WHERE o.primary_domain = ? AND u.email = ?",
        )
        .bind(primary_domain)
        .bind(email)
        .fetch_optional(&self.pool)
        .await
        .map_err(Into::into)
    }

    /// The primary domain of the user's organisation.
    pub async fn user_organization_domain(&self, user_id: &str) -> DbResult<Option<String>> {
        sqlx::query_scalar(
            "SELECT o.primary_domain FROM users u JOIN organizations o ON o.id = u.organization_id
             WHERE u.id = ?",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(Into::into)
    }

    /// Names of the organisations with these primary domains, in the same order (`None` for a
    /// domain the database does not have).
    pub async fn organization_names(&self, domains: &[String]) -> DbResult<Vec<Option<String>>> {
        let mut out = Vec::with_capacity(domains.len());
        for d in domains {
            out.push(
                sqlx::query_scalar("SELECT name FROM organizations WHERE primary_domain = ?")
                    .bind(d)
                    .fetch_optional(&self.pool)
                    .await?,
            );
        }
        Ok(out)
    }

    /// Replaces the user's roles with those the provider's claims give: the provider is where
    /// an administrator grants and takes them.
    pub async fn replace_roles(&self, user_id: &str, roles: &[Role]) -> DbResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM user_roles WHERE user_id = ?")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        for role in roles {
            sqlx::query("INSERT INTO user_roles (user_id, role) VALUES (?, ?)")
                .bind(user_id)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await.map_err(Into::into)
    }

    pub async fn record_oidc_session(
        &self,
        token_hash: &[u8],
        organization: &str,
        id_token: &str,
    ) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO oidc_sessions (token_hash, organization, id_token) VALUES (?, ?, ?)",
        )
        .bind(token_hash)
        .bind(organization)
        .bind(id_token)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The organisation and ID token of a session begun through a provider.
    pub async fn oidc_session(&self, token_hash: &[u8]) -> DbResult<Option<(String, String)>> {
        sqlx::query_as("SELECT organization, id_token FROM oidc_sessions WHERE token_hash = ?")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(Into::into)
    }

    /// How many sessions exist (for tests that check a refusal left none behind).
    pub async fn session_count(&self) -> DbResult<i64> {
        sqlx::query_scalar("SELECT count(*) FROM sessions")
            .fetch_one(&self.pool)
            .await
            .map_err(Into::into)
    }
}
