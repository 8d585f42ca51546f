//! The SQLite engine's [`TestSupport`]: plain statements on the tables, for the API tests.

use async_trait::async_trait;
use portal_store::{Counted, OutsideCustomer, StoreResult, TestSupport};

use crate::engine;
use crate::{Db, DbResult};

impl Db {
    async fn run(&self, sql: &str, binds: &[&(dyn ToText + Sync)]) -> DbResult<()> {
        let mut q = sqlx::query(sql);
        for b in binds {
            q = b.bind_to(q);
        }
        q.execute(&self.writer).await?;
        Ok(())
    }
}

/// A parameter of [`Db::run`]: text or a whole number.
trait ToText {
    fn bind_to<'q>(
        &self,
        q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;
}

impl ToText for &str {
    fn bind_to<'q>(
        &self,
        q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
        q.bind(self.to_string())
    }
}

impl ToText for i64 {
    fn bind_to<'q>(
        &self,
        q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
        q.bind(*self)
    }
}

#[async_trait]
impl TestSupport for Db {
    async fn idle_sessions(&self, secs: i64) -> StoreResult<()> {
        engine(async {
            self.run(
                "UPDATE sessions SET last_seen_at = last_seen_at - ?",
                &[&secs],
            )
            .await
        })
        .await
    }

    async fn age_sessions(&self, secs: i64) -> StoreResult<()> {
        engine(async {
            self.run("UPDATE sessions SET created_at = created_at - ?", &[&secs])
                .await
        })
        .await
    }

    async fn age_throttle_windows(&self, secs: i64) -> StoreResult<()> {
        engine(async {
            self.run(
                "UPDATE throttle_failures SET window_started_ms = window_started_ms - ?",
                &[&(secs * 1000)],
            )
            .await
        })
        .await
    }

    async fn backdate_invitation(
        &self,
        id: &str,
        created_secs: i64,
        expires_secs: i64,
    ) -> StoreResult<()> {
        engine(async {
            self.run(
                "UPDATE invitations SET created_at = created_at - ?, expires_at = expires_at - ?
                 WHERE id = ?",
                &[&created_secs, &expires_secs, &id],
            )
            .await
        })
        .await
    }

    async fn expire_invitation(&self, id: &str, now: i64) -> StoreResult<()> {
        engine(async {
            self.run(
                "UPDATE invitations SET expires_at = min(created_at + 1, ? - 1) WHERE id = ?",
                &[&now, &id],
            )
            .await
        })
        .await
    }

    async fn age_admin_relationship(&self, id: &str, secs: i64) -> StoreResult<()> {
        engine(async {
            self.run(
                "UPDATE admin_relationships SET created_at = created_at - ?1, end_at = end_at - ?1,
                        activated_at = activated_at - ?1, modified_at = modified_at - ?1
                  WHERE id = ?2",
                &[&secs, &id],
            )
            .await?;
            self.run(
                "UPDATE admin_relationship_history SET at = at - ? WHERE relationship_id = ?",
                &[&secs, &id],
            )
            .await
        })
        .await
    }

    async fn backdate_admin_relationship_request(&self, id: &str, secs: i64) -> StoreResult<()> {
        engine(async {
            self.run(
                "UPDATE admin_relationships SET created_at = created_at - ? WHERE id = ?",
                &[&secs, &id],
            )
            .await
        })
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
                    "SELECT count(*) FROM audit_log WHERE action = ? AND (? IS NULL OR target_id = ?)",
                )
                .bind(action)
                .bind(target_id)
                .bind(target_id),
                Counted::ThrottleWindows { key_containing } => sqlx::query_scalar(
                    "SELECT count(*) FROM throttle_failures WHERE ? IS NULL OR instr(key, ?) > 0",
                )
                .bind(key_containing)
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
                "SELECT agreement_accepted_by FROM organizations WHERE primary_domain = ?",
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
            let n: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM invitations
                  WHERE instr(token_hash, ?1) > 0 OR instr(token_seed, ?1) > 0",
            )
            .bind(bytes)
            .fetch_one(&self.pool)
            .await?;
            Ok(n > 0)
        })
        .await
    }

    async fn fingerprint(&self) -> StoreResult<String> {
        engine(async {
            Ok(sqlx::query_scalar(
                "SELECT (SELECT count(*) FROM audit_log) || '|' ||
                        (SELECT count(*) FROM customer_relationships) || '|' ||
                        (SELECT count(*) FROM service_requests) || '|' ||
                        (SELECT group_concat(id || status || version || ifnull(support_partner_id, ''))
                           FROM subscriptions) || '|' ||
                        (SELECT group_concat(id || ifnull(revoked_at, '-') || ifnull(accepted_at, '-'))
                           FROM invitations) || '|' ||
                        (SELECT group_concat(partner_id || customer_id || admin_privileges)
                           FROM customer_relationships) || '|' ||
                        (SELECT group_concat(id || state || version || ifnull(hex(token_hash), '-'))
                           FROM admin_relationships) || '|' ||
                        (SELECT group_concat(id || version) FROM access_assignments)",
            )
            .fetch_one(&self.pool)
            .await?)
        })
        .await
    }

    async fn organization(&self, domain: &str) -> StoreResult<Option<(String, String)>> {
        engine(async {
            Ok(
                sqlx::query_as("SELECT id, name FROM organizations WHERE primary_domain = ?")
                    .bind(domain)
                    .fetch_optional(&self.pool)
                    .await?,
            )
        })
        .await
    }

    async fn rename_organization(&self, domain: &str, name: &str) -> StoreResult<()> {
        engine(async {
            self.run(
                "UPDATE organizations SET name = ? WHERE primary_domain = ?",
                &[&name, &domain],
            )
            .await
        })
        .await
    }

    async fn grant_role(&self, email: &str, role: &str) -> StoreResult<()> {
        engine(async {
            self.run(
                "INSERT INTO user_roles SELECT id, ? FROM users WHERE email = ?",
                &[&role, &email],
            )
            .await
        })
        .await
    }

    async fn add_customer(&self, partner_id: &str, c: OutsideCustomer<'_>) -> StoreResult<()> {
        engine(async {
            self.run(
                "INSERT INTO organizations (id, kind, name, primary_domain, country, created_at)
                 VALUES (?, 'customer', ?, ?, 'HU', 0)",
                &[&c.id, &c.name, &c.domain],
            )
            .await?;
            self.run(
                "INSERT INTO customer_relationships (partner_id, customer_id, sort_key, domain_key,
                    admin_privileges, created_at) VALUES (?, ?, lower(?), ?, 'granted', 0)",
                &[&partner_id, &c.id, &c.name, &c.domain],
            )
            .await
        })
        .await
    }

    async fn add_old_audit_entry(
        &self,
        target_id: &str,
        details: &str,
        days: i64,
    ) -> StoreResult<()> {
        engine(async {
            self.run(
                "INSERT INTO audit_log (organization_id, actor_id, actor_email, action, target_id,
                                        details, at)
                 SELECT organization_id, actor_id, actor_email, action, ?, ?, at - ? * 86400
                   FROM audit_log WHERE action = 'invitation.created' ORDER BY id LIMIT 1",
                &[&target_id, &details, &days],
            )
            .await
        })
        .await
    }

    async fn add_audit_entries(
        &self,
        email: &str,
        action: &str,
        count: u32,
        first_at: i64,
    ) -> StoreResult<()> {
        engine(async {
            self.run(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                 INSERT INTO audit_log (organization_id, actor_id, actor_email, action, target_id,
                                        details, at)
                 SELECT u.organization_id, u.id, u.email, ?, 'inv-' || i, '{}', ? + i
                   FROM n, users u WHERE u.email = ?",
                &[&i64::from(count), &action, &first_at, &email],
            )
            .await
        })
        .await
    }
}
