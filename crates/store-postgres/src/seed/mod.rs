//! The demo data of SPEC section 6, written once into an empty database.

use portal_contract::demo;
use sqlx::PgConnection;

use super::{Db, DbResult};

mod details;
mod gdap;
mod generate;
use portal_domain::{password, search_key, time::now_unix};

/// The advisory lock the demo data is written under (any number of our own; "demo" in ASCII).
const SEED_LOCK: i64 = 0x6465_6d6f;

/// Every demo account's password (published in the README).
use portal_store::demo_data::accounts::*;

pub(super) use portal_store::generated::tenant_domain;

pub(super) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(super) async fn insert_org(
    tx: &mut PgConnection,
    name: &str,
    domain: &str,
    country: &str,
    cloud: Option<&str>,
    agreement_accepted_at: Option<i64>,
    now: i64,
) -> DbResult<String> {
    let id = new_id();
    let kind = if cloud.is_some() {
        "partner"
    } else {
        "customer"
    };
    sqlx::query(
        "INSERT INTO organizations (id, kind, name, primary_domain, country, cloud,
            agreement_accepted_at, agreement_accepted_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(kind)
    .bind(name)
    .bind(domain)
    .bind(country)
    .bind(cloud)
    .bind(agreement_accepted_at)
    .bind(agreement_accepted_at.map(|_| "demo data"))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

async fn insert_customers(
    tx: &mut PgConnection,
    partner_id: &str,
    customers: &[(&str, &str)],
    now: i64,
) -> DbResult<()> {
    for (i, (name, country)) in customers.iter().enumerate() {
        let since = now - 86_400 * (30 + 17 * i as i64);
        let customer_id = insert_org(
            tx,
            name,
            &tenant_domain(name),
            country,
            None,
            Some(since),
            since,
        )
        .await?;
        let privileges = match i % 7 {
            3 => "notRequested",
            5 => "removedByCustomer",
            _ => "granted",
        };
        let domain = tenant_domain(name);
        insert_relationship(
            tx,
            partner_id,
            &customer_id,
            name,
            &domain,
            privileges,
            since,
        )
        .await?;
        details::insert(tx, partner_id, &customer_id, &domain, i, since, now).await?;
    }
    Ok(())
}

/// One row of the partner's customer list.
pub(super) async fn insert_relationship(
    tx: &mut PgConnection,
    partner_id: &str,
    customer_id: &str,
    name: &str,
    domain: &str,
    privileges: &str,
    since: i64,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO customer_relationships
            (partner_id, customer_id, sort_key, domain_key, relationship, admin_privileges, created_at)
         VALUES ($1, $2, $3, $4, 'reseller', $5, $6)",
    )
    .bind(partner_id)
    .bind(customer_id)
    .bind(search_key::fold(name))
    .bind(domain.to_lowercase())
    .bind(privileges)
    .bind(since)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

impl Db {
    /// Writes the demo data when the database has no organisations; otherwise leaves it alone.
    /// Returns whether it wrote anything.
    pub async fn seed_demo_if_empty(&self) -> DbResult<bool> {
        let mut tx = self.writer.begin().await?;
        // Instances starting together on an empty database: one writes, the others wait for it
        // here and then find it filled.
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(SEED_LOCK)
            .execute(&mut *tx)
            .await?;
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM organizations")
            .fetch_one(&mut *tx)
            .await?;
        if count > 0 {
            return Ok(false);
        }
        let now = now_unix();
        // The demo accounts share one published password, so one hash serves them all.
        let password_hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD))
            .await
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let mut partner_ids = Vec::new();
        for org in ORGS {
            let accepted = org.agreement_accepted.then_some(now - 86_400 * 400);
            let org_id = insert_org(
                &mut tx,
                org.name,
                org.domain,
                org.country,
                org.cloud,
                accepted,
                now,
            )
            .await?;
            if org.cloud.is_some() {
                partner_ids.push(org_id.clone());
            }
            if org.cloud.is_none() {
                details::insert_own_directory(&mut tx, &org_id, org.country, org.accounts, now)
                    .await?;
            }
            for (email, display_name, roles) in org.accounts {
                let user_id = new_id();
                sqlx::query(
                    "INSERT INTO users (id, organization_id, email, display_name, password_hash, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&user_id)
                .bind(&org_id)
                .bind(email)
                .bind(display_name)
                .bind(&password_hash)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                for role in *roles {
                    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                        .bind(&user_id)
                        .bind(role.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        insert_customers(&mut tx, &partner_ids[0], CONTOSO_CUSTOMERS, now).await?;
        insert_customers(&mut tx, &partner_ids[1], TAILSPIN_CUSTOMERS, now).await?;
        details::insert_support(&mut tx, &partner_ids[0], now).await?;
        let agent: (String, String) =
            sqlx::query_as("SELECT id, email FROM users WHERE email = $1")
                .bind(demo::CONTOSO_ADMIN_AGENT)
                .fetch_one(&mut *tx)
                .await?;
        gdap::insert(&mut tx, &partner_ids[0], (&agent.0, &agent.1), now).await?;
        tx.commit().await?;
        tracing::info!("demo data written");
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenant_domains_are_ascii() {
        assert_eq!(
            super::tenant_domain("Árvíztűrő Tükörfúrógép Kft."),
            "arvizturotukorfurogepkft.onmicrosoft.com"
        );
    }
}
