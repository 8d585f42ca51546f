//! Sign-ins through an organisation's identity provider: the pending sign-ins between start and
//! callback, the account a provider's person is, and what the provider's sign-out needs.

use async_trait::async_trait;
use portal_contract::Role;
use portal_store::{PendingSignIn, ProviderSignIns, StoreResult};
use sqlx::Row;

use crate::engine;
use crate::{Db, text};

#[async_trait]
impl ProviderSignIns for Db {
    async fn insert_pending_sign_in(
        &self,
        state_hash: &[u8],
        p: &PendingSignIn,
        forget_before: i64,
    ) -> StoreResult<()> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            sqlx::query("DELETE FROM oidc_sign_ins WHERE created_at < $1")
                .bind(forget_before)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO oidc_sign_ins (state_hash, browser_hash, organization, nonce,
                    pkce_verifier, return_path, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
        })
        .await
    }

    async fn take_pending_sign_in(&self, state_hash: &[u8]) -> StoreResult<Option<PendingSignIn>> {
        engine(async {
            let row = sqlx::query(
                "DELETE FROM oidc_sign_ins WHERE state_hash = $1
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
        })
        .await
    }

    async fn user_in_organization(
        &self,
        primary_domain: &str,
        email: &str,
    ) -> StoreResult<Option<String>> {
        engine(async {
            sqlx::query_scalar(
                "SELECT u.id FROM users u JOIN organizations o ON o.id = u.organization_id
                 WHERE o.primary_domain = $1 AND u.email = $2",
            )
            .bind(text(primary_domain))
            .bind(text(email))
            .fetch_optional(&self.pool)
            .await
            .map_err(Into::into)
        })
        .await
    }

    async fn user_organization_domain(&self, user_id: &str) -> StoreResult<Option<String>> {
        engine(async {
            sqlx::query_scalar(
                "SELECT o.primary_domain FROM users u JOIN organizations o ON o.id = u.organization_id
                 WHERE u.id = $1",
            )
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(Into::into)
        })
        .await
    }

    async fn organization_names(&self, domains: &[String]) -> StoreResult<Vec<Option<String>>> {
        engine(async {
            let mut out = Vec::with_capacity(domains.len());
            for d in domains {
                out.push(
                    sqlx::query_scalar("SELECT name FROM organizations WHERE primary_domain = $1")
                        .bind(text(d))
                        .fetch_optional(&self.pool)
                        .await?,
                );
            }
            Ok(out)
        })
        .await
    }

    async fn replace_roles(&self, user_id: &str, roles: &[Role]) -> StoreResult<()> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            for role in roles {
                sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                    .bind(user_id)
                    .bind(role.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await.map_err(Into::into)
        })
        .await
    }

    async fn record_oidc_session(
        &self,
        token_hash: &[u8],
        organization: &str,
        id_token: &str,
    ) -> StoreResult<()> {
        engine(async {
            sqlx::query(
                "INSERT INTO oidc_sessions (token_hash, organization, id_token) VALUES ($1, $2, $3)",
            )
            .bind(token_hash)
            .bind(organization)
            .bind(id_token)
            .execute(&self.writer)
            .await?;
            Ok(())
        })
        .await
    }

    async fn oidc_session(&self, token_hash: &[u8]) -> StoreResult<Option<(String, String)>> {
        engine(async {
            sqlx::query_as("SELECT organization, id_token FROM oidc_sessions WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(Into::into)
        })
        .await
    }
}
