//! Large data sets for benchmarks on SQLite: `count` more customers for one partner (as
//! `portal_store::generated` names them), granular admin relationships and audit entries.

use portal_contract::AuditDetails;
use portal_domain::time::{now_unix, rfc3339};
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Sqlite, Transaction};

use portal_store::generated::{self, GeneratedCustomer};

use super::{insert_org, insert_relationship};
use crate::audit::{self, AuditEntry};
use crate::error::SqlError;
use crate::{Db, DbResult};

/// The partner with primary domain `domain`, as `sql` reads it (its one parameter is the domain).
async fn partner_row<T>(tx: &mut Transaction<'_, Sqlite>, sql: &str, domain: &str) -> DbResult<T>
where
    T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    sqlx::query_as(sql)
        .bind(domain)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| SqlError::other(format!("no partner with domain {domain}")))
}

impl Db {
    /// Adds `count` customers to the partner with primary domain `partner_domain`, in one
    /// transaction. Returns the partner's customer count afterwards.
    pub(crate) async fn generate_customers(
        &self,
        partner_domain: &str,
        count: u64,
    ) -> DbResult<u64> {
        let mut tx = self.writer.begin().await?;
        let (partner_id, country): (String, String) = partner_row(
            &mut tx,
            "SELECT id, country FROM organizations WHERE primary_domain = ? AND kind = 'partner'",
            partner_domain,
        )
        .await?;
        let now = now_unix();
        // Numbered after every customer there is, so each has its own domain however many
        // partners were filled before.
        let first: i64 = sqlx::query_scalar("SELECT count(*) FROM organizations")
            .fetch_one(&mut *tx)
            .await?;
        for n in first as u64..first as u64 + count {
            let c = GeneratedCustomer::new(n, now);
            let customer_id = insert_org(
                &mut tx,
                &c.name,
                &c.domain,
                &country,
                None,
                Some(c.since),
                c.since,
            )
            .await?;
            insert_relationship(
                &mut tx,
                &partner_id,
                &customer_id,
                &c.name,
                &c.domain,
                c.admin_privileges,
                c.since,
            )
            .await?;
        }
        tx.commit().await?;
        let total: i64 =
            sqlx::query_scalar("SELECT total FROM partner_customer_counts WHERE partner_id = ?")
                .bind(&partner_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(total as u64)
    }
}

impl Db {
    /// Adds partner `n` (`partner-{n}.example`, Hungary, public cloud) when it is not there.
    pub(crate) async fn generate_partner(&self, n: u32) -> DbResult<String> {
        let domain = generated::partner_domain(n);
        let mut tx = self.writer.begin().await?;
        let exists: Option<String> =
            sqlx::query_scalar("SELECT id FROM organizations WHERE primary_domain = ?")
                .bind(&domain)
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_none() {
            let now = now_unix();
            let name = generated::partner_name(n);
            insert_org(
                &mut tx,
                &name,
                &domain,
                "HU",
                Some("public"),
                Some(now),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(domain)
    }
}

impl Db {
    /// Adds `count` audit entries to the partner's log, as its Global admin, one second apart
    /// and ending now: invitations created and revoked, support partners changed. For measuring
    /// the log and its export at size.
    pub(crate) async fn generate_audit_entries(
        &self,
        partner_domain: &str,
        count: u64,
    ) -> DbResult<()> {
        let mut tx = self.writer.begin().await?;
        let (partner_id, admin_id, admin_email): (String, String, String) = partner_row(
            &mut tx,
            "SELECT o.id, u.id, u.email FROM organizations o
             JOIN users u ON u.organization_id = o.id
             JOIN user_roles r ON r.user_id = u.id AND r.role = 'globalAdmin'
             WHERE o.primary_domain = ? AND o.kind = 'partner' LIMIT 1",
            partner_domain,
        )
        .await?;
        let now = now_unix();
        for n in 0..count {
            let at = now - (count - n) as i64;
            let target = format!("generated-{n}");
            let details = match n % 3 {
                0 => AuditDetails::InvitationCreated {
                    allow_delegated_access: n % 2 == 0,
                    customer_email: Some(format!("admin{n}@customer.example")),
                    expires_at: rfc3339(at + 30 * 86_400),
                },
                1 => AuditDetails::InvitationRevoked {},
                _ => AuditDetails::SupportPartnerChanged {
                    support_partner: None,
                    offer_name: Some("Microsoft 365 Business Standard".into()),
                },
            };
            audit::record(
                &mut tx,
                AuditEntry {
                    organization_id: &partner_id,
                    customer_id: None,
                    actor_id: &admin_id,
                    actor_email: &admin_email,
                    target_id: &target,
                    details,
                    at,
                },
            )
            .await?;
        }
        tx.commit().await.map_err(Into::into)
    }
}

impl Db {
    /// Gives each of the partner's customers that has none `per_customer` granular admin
    /// relationships in every status (active ones end within the next 700 days, some with
    /// auto-extend), in one statement. Status and days come from the row numbers, not from
    /// `random()`, which SQLite would draw anew for each column that reads it. Their pending requests have no link to show (a random
    /// hash, no seed), so the server starts without deriving thousands of links. Returns how
    /// many were added.
    pub(crate) async fn generate_admin_relationships(
        &self,
        partner_domain: &str,
        per_customer: u32,
    ) -> DbResult<u64> {
        let mut tx = self.writer.begin().await?;
        let (partner_id,): (String,) = partner_row(
            &mut tx,
            "SELECT id FROM organizations WHERE primary_domain = ? AND kind = 'partner'",
            partner_domain,
        )
        .await?;
        let added = sqlx::query(
            "WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n + 1 < ?2),
             x AS (
                SELECT r.partner_id, r.customer_id, o.name, r.sort_key, k.n,
                       (o.rowid + k.n) % 4 AS s, (o.rowid * 7919 + k.n * 104729) % 700 AS d
                  FROM customer_relationships r
                  JOIN organizations o ON o.id = r.customer_id
                 CROSS JOIN k
                 WHERE r.partner_id = ?1 AND NOT EXISTS (
                    SELECT 1 FROM admin_relationships a
                     WHERE a.partner_id = r.partner_id AND a.customer_id = r.customer_id))
             INSERT OR IGNORE INTO admin_relationships (id, partner_id, customer_id, display_name,
                name_key, customer_key, duration_days, auto_extend_days, roles, state, created_at,
                modified_at, activated_at, end_at, token_hash)
             SELECT lower(hex(randomblob(16))), partner_id, customer_id,
                    substr(name, 1, 40) || ' #' || (n + 1),
                    substr(sort_key, 1, 40) || ' #' || (n + 1),
                    sort_key,
                    CASE s WHEN 0 THEN 730 WHEN 1 THEN 90 WHEN 2 THEN 90 ELSE 365 END,
                    CASE WHEN s = 0 AND n % 3 = 1 THEN 180 ELSE 0 END,
                    CASE n % 3
                        WHEN 0 THEN '[\"729827e3-9c14-49f7-bb1b-9608f156bbb8\",\"fe930be7-5e62-47db-91af-98c3a49a38b1\"]'
                        WHEN 1 THEN '[\"5d6b6bb7-de71-4623-b4af-96380a352509\",\"f2ef992c-3afb-46b9-b7cf-a126ee74c451\"]'
                        ELSE '[\"29232cdf-9323-42fd-ade2-1d097af3e4de\"]' END,
                    CASE s WHEN 0 THEN 'active' WHEN 1 THEN 'expired'
                           WHEN 2 THEN 'approvalPending' ELSE 'terminated' END,
                    CASE s WHEN 0 THEN ?3 + (d + 1 - 731) * ?4 WHEN 1 THEN ?3 - 801 * ?4
                           WHEN 2 THEN ?3 - (d % 80) * ?4 ELSE ?3 - 101 * ?4 END,
                    ?3,
                    CASE s WHEN 0 THEN ?3 + (d + 1 - 730) * ?4 WHEN 1 THEN ?3 - 800 * ?4
                           WHEN 2 THEN NULL ELSE ?3 - 100 * ?4 END,
                    CASE s WHEN 0 THEN ?3 + (d + 1) * ?4 WHEN 1 THEN ?3 - 710 * ?4
                           WHEN 2 THEN ?3 + (90 - d % 80) * ?4 ELSE ?3 - (d % 50) * ?4 END,
                    CASE s WHEN 2 THEN randomblob(32) END
               FROM x",
        )
        .bind(&partner_id)
        .bind(i64::from(per_customer))
        .bind(now_unix())
        .bind(86_400_i64)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(added)
    }
}
