//! The PostgreSQL engine's [`TestSupport`]: plain statements on the tables, for the API tests.

use async_trait::async_trait;
use portal_store::{Counted, OutsideCustomer, StoreResult, TestSupport};
use sqlx::postgres::PgArguments;
use sqlx::query::Query;
use sqlx::{Postgres, types::Json};

use crate::engine;
use crate::{Db, DbResult};

impl Db {
    async fn run(&self, q: Query<'_, Postgres, PgArguments>) -> DbResult<()> {
        q.execute(&self.writer).await?;
        Ok(())
    }
}

#[async_trait]
impl TestSupport for Db {
    async fn idle_sessions(&self, secs: i64) -> StoreResult<()> {
        engine(
            self.run(
                sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - $1").bind(secs),
            ),
        )
        .await
    }

    async fn age_sessions(&self, secs: i64) -> StoreResult<()> {
        engine(self.run(sqlx::query("UPDATE sessions SET created_at = created_at - $1").bind(secs)))
            .await
    }

    async fn age_throttle_windows(&self, secs: i64) -> StoreResult<()> {
        engine(
            self.run(
                sqlx::query(
                    "UPDATE throttle_failures SET window_started_ms = window_started_ms - $1",
                )
                .bind(secs * 1000),
            ),
        )
        .await
    }

    async fn backdate_invitation(
        &self,
        id: &str,
        created_secs: i64,
        expires_secs: i64,
    ) -> StoreResult<()> {
        engine(
            self.run(
                sqlx::query(
                    "UPDATE invitations SET created_at = created_at - $1, expires_at = expires_at - $2
                     WHERE id = $3",
                )
                .bind(created_secs)
                .bind(expires_secs)
                .bind(id),
            ),
        )
        .await
    }

    async fn expire_invitation(&self, id: &str, now: i64) -> StoreResult<()> {
        engine(
            self.run(
                sqlx::query(
                    "UPDATE invitations SET expires_at = least(created_at + 1, $1 - 1) WHERE id = $2",
                )
                .bind(now)
                .bind(id),
            ),
        )
        .await
    }

    async fn age_admin_relationship(&self, id: &str, secs: i64) -> StoreResult<()> {
        engine(async {
            self.run(
                sqlx::query(
                    "UPDATE admin_relationships SET created_at = created_at - $1, end_at = end_at - $1,
                            activated_at = activated_at - $1, modified_at = modified_at - $1
                      WHERE id = $2",
                )
                .bind(secs)
                .bind(id),
            )
            .await?;
            self.run(
                sqlx::query(
                    "UPDATE admin_relationship_history SET at = at - $1 WHERE relationship_id = $2",
                )
                .bind(secs)
                .bind(id),
            )
            .await
        })
        .await
    }

    async fn backdate_admin_relationship_request(&self, id: &str, secs: i64) -> StoreResult<()> {
        engine(
            self.run(
                sqlx::query(
                    "UPDATE admin_relationships SET created_at = created_at - $1 WHERE id = $2",
                )
                .bind(secs)
                .bind(id),
            ),
        )
        .await
    }

    async fn count(&self, what: Counted<'_>) -> StoreResult<i64> {
        engine(async {
            let q = match what {
                Counted::Organizations => sqlx::query_scalar("SELECT count(*) FROM organizations"),
                Counted::Sessions => sqlx::query_scalar("SELECT count(*) FROM sessions"),
                Counted::AdminRelationships => {
                    sqlx::query_scalar("SELECT count(*) FROM admin_relationships")
                }
                Counted::AuditEntries { action, target_id } => sqlx::query_scalar(
                    "SELECT count(*) FROM audit_log
                      WHERE action = $1 AND ($2::text IS NULL OR target_id = $2)",
                )
                .bind(action)
                .bind(target_id),
                Counted::ThrottleWindows { key_containing } => sqlx::query_scalar(
                    "SELECT count(*) FROM throttle_failures
                      WHERE $1::text IS NULL OR strpos(key, $1) > 0",
                )
                .bind(key_containing),
            };
            Ok(q.fetch_one(&self.pool).await?)
        })
        .await
    }

    async fn audit_actions(&self) -> StoreResult<Vec<String>> {
        engine(async {
            Ok(
                sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
                    .fetch_all(&self.pool)
                    .await?,
            )
        })
        .await
    }

    async fn agreement_accepted_by(&self, domain: &str) -> StoreResult<Option<String>> {
        engine(async {
            Ok(sqlx::query_scalar(
                "SELECT agreement_accepted_by FROM organizations WHERE primary_domain = $1",
            )
            .bind(domain)
            .fetch_optional(&self.pool)
            .await?
            .flatten())
        })
        .await
    }

    async fn invitation_secrets_contain(&self, bytes: &[u8]) -> StoreResult<bool> {
        engine(async {
            Ok(sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM invitations
                                 WHERE position($1 IN token_hash) > 0
                                    OR position($1 IN token_seed) > 0)",
            )
            .bind(bytes)
            .fetch_one(&self.pool)
            .await?)
        })
        .await
    }

    async fn fingerprint(&self) -> StoreResult<String> {
        engine(async {
            Ok(sqlx::query_scalar(
                "SELECT concat_ws('|',
                    (SELECT count(*) FROM audit_log),
                    (SELECT count(*) FROM customer_relationships),
                    (SELECT count(*) FROM service_requests),
                    (SELECT string_agg(id || status || version || coalesce(support_partner_id, ''), ','
                                       ORDER BY id) FROM subscriptions),
                    (SELECT string_agg(id || coalesce(revoked_at::text, '-')
                                          || coalesce(accepted_at::text, '-'), ',' ORDER BY id)
                       FROM invitations),
                    (SELECT string_agg(partner_id || customer_id || admin_privileges, ','
                                       ORDER BY partner_id, customer_id)
                       FROM customer_relationships),
                    (SELECT string_agg(id || state || version
                                          || coalesce(encode(token_hash, 'hex'), '-'), ',' ORDER BY id)
                       FROM admin_relationships),
                    (SELECT string_agg(id || version, ',' ORDER BY id) FROM access_assignments))",
            )
            .fetch_one(&self.pool)
            .await?)
        })
        .await
    }

    async fn organization(&self, domain: &str) -> StoreResult<Option<(String, String)>> {
        engine(async {
            Ok(
                sqlx::query_as("SELECT id, name FROM organizations WHERE primary_domain = $1")
                    .bind(domain)
                    .fetch_optional(&self.pool)
                    .await?,
            )
        })
        .await
    }

    async fn rename_organization(&self, domain: &str, name: &str) -> StoreResult<()> {
        engine(
            self.run(
                sqlx::query("UPDATE organizations SET name = $1 WHERE primary_domain = $2")
                    .bind(name)
                    .bind(domain),
            ),
        )
        .await
    }

    async fn grant_role(&self, email: &str, role: &str) -> StoreResult<()> {
        engine(
            self.run(
                sqlx::query("INSERT INTO user_roles SELECT id, $1 FROM users WHERE email = $2")
                    .bind(role)
                    .bind(email),
            ),
        )
        .await
    }

    async fn add_customer(&self, partner_id: &str, c: OutsideCustomer<'_>) -> StoreResult<()> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            sqlx::query(
                "INSERT INTO organizations (id, kind, name, primary_domain, country, created_at)
                 VALUES ($1, 'customer', $2, $3, 'HU', 0)",
            )
            .bind(c.id)
            .bind(c.name)
            .bind(c.domain)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO customer_relationships (partner_id, customer_id, sort_key, domain_key,
                    admin_privileges, created_at) VALUES ($1, $2, lower($3), $4, 'granted', 0)",
            )
            .bind(partner_id)
            .bind(c.id)
            .bind(c.name)
            .bind(c.domain)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    async fn add_old_audit_entry(
        &self,
        target_id: &str,
        details: &str,
        days: i64,
    ) -> StoreResult<()> {
        // Details that are not JSON are kept as a JSON string: they read as `unknown`, as a
        // malformed entry would.
        let details: serde_json::Value = serde_json::from_str(details)
            .unwrap_or_else(|_| serde_json::Value::String(details.to_owned()));
        engine(
            self.run(
                sqlx::query(
                    "INSERT INTO audit_log (organization_id, actor_id, actor_email, action, target_id,
                                            details, at)
                     SELECT organization_id, actor_id, actor_email, action, $1, $2, at - $3 * 86400
                       FROM audit_log WHERE action = 'invitation.created' ORDER BY id LIMIT 1",
                )
                .bind(target_id)
                .bind(Json(details))
                .bind(days),
            ),
        )
        .await
    }

    async fn add_audit_entries(
        &self,
        email: &str,
        action: &str,
        count: u32,
        first_at: i64,
    ) -> StoreResult<()> {
        engine(
            self.run(
                sqlx::query(
                    "INSERT INTO audit_log (organization_id, actor_id, actor_email, action, target_id,
                                            details, at)
                     SELECT u.organization_id, u.id, u.email, $2, 'inv-' || i, '{}', $3 + i
                       FROM generate_series(1, $1::bigint) AS i, users u WHERE u.email = $4
                      ORDER BY i",
                )
                .bind(i64::from(count))
                .bind(action)
                .bind(first_at)
                .bind(email),
            ),
        )
        .await
    }
}
