//! Large data sets for benchmarks on PostgreSQL: `count` more customers for one partner (as
//! `portal_store::generated` names them), granular admin relationships and audit entries. Rows
//! go in as arrays (`unnest`), a batch per statement, not a statement per row.

use portal_contract::AuditDetails;
use portal_domain::search_key;
use portal_domain::time::{now_unix, rfc3339};
use portal_store::generated::{self, GeneratedCustomer};
use sqlx::types::Json;

use crate::audit::stored;
use crate::error::SqlError;
use crate::{Db, DbResult};

/// Rows per statement.
const BATCH: u64 = 10_000;

impl Db {
    /// The partner with primary domain `domain`: its id and country.
    pub(crate) async fn partner_of(&self, domain: &str) -> DbResult<(String, String)> {
        sqlx::query_as(
            "SELECT id, country FROM organizations WHERE primary_domain = $1 AND kind = 'partner'",
        )
        .bind(domain)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| SqlError::corrupt("primary_domain", format!("no partner {domain}")))
    }

    /// Adds `count` customers to the partner with primary domain `partner_domain`, in one
    /// transaction. Returns the partner's customer count afterwards.
    pub(crate) async fn generate_customers(
        &self,
        partner_domain: &str,
        count: u64,
    ) -> DbResult<u64> {
        let (partner_id, country) = self.partner_of(partner_domain).await?;
        let now = now_unix();
        let mut tx = self.writer.begin().await?;
        // Numbered after every organisation there is, so each customer has its own domain
        // however many partners were filled before.
        let first: i64 = sqlx::query_scalar("SELECT count(*) FROM organizations")
            .fetch_one(&mut *tx)
            .await?;
        let (first, end) = (first.max(0) as u64, first.max(0) as u64 + count);
        for start in (first..end).step_by(BATCH as usize) {
            let batch: Vec<GeneratedCustomer> = (start..end.min(start + BATCH))
                .map(|n| GeneratedCustomer::new(n, now))
                .collect();
            let names: Vec<&str> = batch.iter().map(|c| c.name.as_str()).collect();
            let keys: Vec<String> = batch.iter().map(|c| search_key::fold(&c.name)).collect();
            let domains: Vec<&str> = batch.iter().map(|c| c.domain.as_str()).collect();
            let since: Vec<i64> = batch.iter().map(|c| c.since).collect();
            let privileges: Vec<&str> = batch.iter().map(|c| c.admin_privileges).collect();
            sqlx::query(
                "WITH t AS (
                    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[])
                        AS t(name, sort_key, domain, since, privileges)),
                 o AS (
                    INSERT INTO organizations (id, kind, name, primary_domain, country,
                        agreement_accepted_at, agreement_accepted_by, created_at)
                    SELECT gen_random_uuid()::text, 'customer', name, domain, $7, since,
                           'demo data', since FROM t
                    RETURNING id, primary_domain)
                 INSERT INTO customer_relationships
                    (partner_id, customer_id, sort_key, domain_key, relationship, admin_privileges,
                     created_at)
                 SELECT $1, o.id, t.sort_key, lower(t.domain), 'reseller', t.privileges, t.since
                   FROM o JOIN t ON t.domain = o.primary_domain",
            )
            .bind(&partner_id)
            .bind(&names)
            .bind(&keys)
            .bind(&domains)
            .bind(&since)
            .bind(&privileges)
            .bind(&country)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        let total: i64 =
            sqlx::query_scalar("SELECT total FROM partner_customer_counts WHERE partner_id = $1")
                .bind(&partner_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(total.max(0) as u64)
    }

    /// Adds partner `n` (`partner-{n}.example`, Hungary, public cloud) when it is not there.
    pub(crate) async fn generate_partner(&self, n: u32) -> DbResult<String> {
        let domain = generated::partner_domain(n);
        let now = now_unix();
        sqlx::query(
            "INSERT INTO organizations (id, kind, name, primary_domain, country, cloud,
                agreement_accepted_at, agreement_accepted_by, created_at)
             VALUES (gen_random_uuid()::text, 'partner', $1, $2, 'HU', 'public', $3,
                'demo data', $3)
             ON CONFLICT (primary_domain) DO NOTHING",
        )
        .bind(generated::partner_name(n))
        .bind(&domain)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(domain)
    }

    /// Adds `count` audit entries to the partner's log, as its Global admin, one second apart
    /// and ending now: invitations created and revoked, support partners changed.
    pub(crate) async fn generate_audit_entries(
        &self,
        partner_domain: &str,
        count: u64,
    ) -> DbResult<()> {
        let (partner_id, admin_id, admin_email): (String, String, String) = sqlx::query_as(
            "SELECT o.id, u.id, u.email FROM organizations o
             JOIN users u ON u.organization_id = o.id
             JOIN user_roles r ON r.user_id = u.id AND r.role = 'globalAdmin'
             WHERE o.primary_domain = $1 AND o.kind = 'partner' ORDER BY u.email LIMIT 1",
        )
        .bind(partner_domain)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| {
            SqlError::corrupt("primary_domain", format!("no partner {partner_domain}"))
        })?;
        let now = now_unix();
        let mut tx = self.writer.begin().await?;
        for start in (0..count).step_by(BATCH as usize) {
            let mut actions = Vec::new();
            let mut targets = Vec::new();
            let mut details = Vec::new();
            let mut times = Vec::new();
            for n in start..count.min(start + BATCH) {
                let at = now - (count - n) as i64;
                let d = match n % 3 {
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
                actions.push(d.kind().as_str());
                targets.push(format!("generated-{n}"));
                details.push(stored(&d));
                times.push(at);
            }
            sqlx::query(
                "INSERT INTO audit_log (organization_id, actor_id, actor_email, action, target_id,
                    details, at)
                 SELECT $1, $2, $3, a, t, d, at
                   FROM unnest($4::text[], $5::text[], $6::jsonb[], $7::bigint[]) AS u(a, t, d, at)",
            )
            .bind(&partner_id)
            .bind(&admin_id)
            .bind(&admin_email)
            .bind(&actions)
            .bind(&targets)
            .bind(details.into_iter().map(Json).collect::<Vec<_>>())
            .bind(&times)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await.map_err(Into::into)
    }

    /// Gives each of the partner's customers that has none `per_customer` granular admin
    /// relationships in every status (active ones end within the next 700 days, some with
    /// auto-extend), in one statement. Whether a customer has one is a seek on
    /// `admin_relationships_by_customer`, so the customer id is compared in its collation. Status and days come from the row numbers. Pending
    /// requests have no link to show (a random hash, no seed). Returns how many were added.
    pub(crate) async fn generate_admin_relationships(
        &self,
        partner_domain: &str,
        per_customer: u32,
    ) -> DbResult<u64> {
        let (partner_id, _) = self.partner_of(partner_domain).await?;
        let added = sqlx::query(
            "WITH x AS (
                SELECT r.partner_id, r.customer_id, o.name, r.sort_key, k.n,
                       (c.i + k.n) % 4 AS s, (c.i * 7919 + k.n * 104729) % 700 AS d
                  FROM customer_relationships r
                  JOIN organizations o ON o.id = r.customer_id
                  JOIN (SELECT customer_id, row_number() OVER (ORDER BY customer_id) AS i
                          FROM customer_relationships WHERE partner_id = $1) c
                    ON c.customer_id = r.customer_id
                 CROSS JOIN generate_series(0, $2 - 1) AS k(n)
                 WHERE r.partner_id = $1 AND NOT EXISTS (
                    SELECT 1 FROM admin_relationships a
                     WHERE a.partner_id = r.partner_id
                       AND a.customer_id = r.customer_id COLLATE \"default\"))
             INSERT INTO admin_relationships (id, partner_id, customer_id, display_name,
                name_key, customer_key, duration_days, auto_extend_days, roles, state, created_at,
                modified_at, activated_at, end_at, token_hash)
             SELECT gen_random_uuid()::text, partner_id, customer_id,
                    substr(name, 1, 40) || ' #' || (n + 1),
                    substr(sort_key, 1, 40) || ' #' || (n + 1),
                    sort_key,
                    CASE s WHEN 0 THEN 730 WHEN 1 THEN 90 WHEN 2 THEN 90 ELSE 365 END,
                    CASE WHEN s = 0 AND n % 3 = 1 THEN 180 ELSE 0 END,
                    (CASE n % 3
                        WHEN 0 THEN '[\"729827e3-9c14-49f7-bb1b-9608f156bbb8\",\"fe930be7-5e62-47db-91af-98c3a49a38b1\"]'
                        WHEN 1 THEN '[\"5d6b6bb7-de71-4623-b4af-96380a352509\",\"f2ef992c-3afb-46b9-b7cf-a126ee74c451\"]'
                        ELSE '[\"29232cdf-9323-42fd-ade2-1d097af3e4de\"]' END)::jsonb,
                    CASE s WHEN 0 THEN 'active' WHEN 1 THEN 'expired'
                           WHEN 2 THEN 'approvalPending' ELSE 'terminated' END,
                    CASE s WHEN 0 THEN $3 + (d + 1 - 731) * $4 WHEN 1 THEN $3 - 801 * $4
                           WHEN 2 THEN $3 - (d % 80) * $4 ELSE $3 - 101 * $4 END,
                    $3,
                    CASE s WHEN 0 THEN $3 + (d + 1 - 730) * $4 WHEN 1 THEN $3 - 800 * $4
                           WHEN 2 THEN NULL ELSE $3 - 100 * $4 END,
                    CASE s WHEN 0 THEN $3 + (d + 1) * $4 WHEN 1 THEN $3 - 710 * $4
                           WHEN 2 THEN $3 + (90 - d % 80) * $4 ELSE $3 - (d % 50) * $4 END,
                    CASE s WHEN 2 THEN sha256(gen_random_uuid()::text::bytea) END
               FROM x
             ON CONFLICT DO NOTHING",
        )
        .bind(&partner_id)
        .bind(i64::from(per_customer))
        .bind(now_unix())
        .bind(86_400_i64)
        // Planned for this partner every time: a prepared statement's generic plan, chosen
        // after five partners, read every relationship of the earlier partners for each new
        // customer (more than 9 minutes for the 33rd of 100).
        .persistent(false)
        .execute(&self.writer)
        .await?
        .rows_affected();
        Ok(added)
    }
}
