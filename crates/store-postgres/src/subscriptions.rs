//! A customer's subscriptions through the partner: reading them, suspending and reactivating,
//! and choosing the designated support partner. Every change bumps `version` and is audited in
//! the same transaction.

use async_trait::async_trait;
use portal_contract::{AuditDetails, IndirectReseller, Subscription};
use portal_domain::ids::{CustomerId, PartnerId, SubscriptionId};
use portal_domain::time::rfc3339;
use portal_store::{StoreResult, SubscriptionChange, Subscriptions};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::audit::{self, AuditEntry};
use crate::engine;
use crate::{Actor, Db, DbResult, stored_enum, stored_u32, text};

const SELECT: &str = "SELECT s.id, s.offer_name, s.quantity, s.status, s.billing_cycle,
        s.created_at, s.commitment_end, s.version,
        ir.id AS reseller_id, ir.name AS reseller_name, ir.domain AS reseller_domain,
        ir.country AS reseller_country
    FROM subscriptions s LEFT JOIN indirect_resellers ir ON ir.id = s.support_partner_id";

fn subscription(row: &PgRow) -> DbResult<Subscription> {
    Ok(Subscription {
        id: row.try_get("id")?,
        offer_name: row.try_get("offer_name")?,
        quantity: stored_u32("quantity", row.try_get("quantity")?)?,
        status: stored_enum("status", row.try_get("status")?)?,
        billing_cycle: stored_enum("billing_cycle", row.try_get("billing_cycle")?)?,
        creation_date: rfc3339(row.try_get("created_at")?),
        commitment_end_date: rfc3339(row.try_get("commitment_end")?),
        support_partner: match row.try_get::<Option<String>, _>("reseller_id")? {
            None => None,
            Some(id) => Some(IndirectReseller {
                id,
                name: row.try_get("reseller_name")?,
                domain: row.try_get("reseller_domain")?,
                country: row.try_get("reseller_country")?,
            }),
        },
        version: stored_u32("version", row.try_get("version")?)?,
    })
}

#[async_trait]
impl Subscriptions for Db {
    async fn subscriptions(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<Subscription>> {
        engine(async {
            let sql = format!(
                "{SELECT} WHERE s.partner_id = $1 AND s.customer_id = $2 ORDER BY s.offer_name, s.id"
            );
            self.customer_rows(&sql, partner_id, customer_id, subscription)
                .await
        })
        .await
    }

    async fn set_subscription_active(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        id: &SubscriptionId,
        active: bool,
    ) -> StoreResult<SubscriptionChange> {
        engine(async {
            let to = if active { "active" } else { "suspended" };
            let mut tx = self.writer.begin().await?;
            let changed = sqlx::query(
                "UPDATE subscriptions SET status = $1, version = version + 1
                 WHERE id = $2 AND partner_id = $3 AND customer_id = $4 AND status <> $5",
            )
            .bind(to)
            .bind(text(id.as_str()))
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
            .bind(to)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed != 1 {
                tx.rollback().await?;
                return Ok(
                    if self
                        .subscription_exists(partner_id, customer_id, id)
                        .await?
                    {
                        SubscriptionChange::Unchanged
                    } else {
                        SubscriptionChange::NotFound
                    },
                );
            }
            let offer_name = Some(offer_name(&mut tx, id).await?);
            let details = if active {
                AuditDetails::SubscriptionReactivated { offer_name }
            } else {
                AuditDetails::SubscriptionSuspended { offer_name }
            };
            self.audited(tx, actor, partner_id, customer_id, id, details)
                .await
        })
        .await
    }

    async fn set_support_partner(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        id: &SubscriptionId,
        reseller_id: Option<&str>,
        version: u32,
    ) -> StoreResult<SubscriptionChange> {
        engine(async {
            // The version check is in the UPDATE's WHERE: of two changes based on one version,
            // the second waits for the first's row lock, re-checks, and changes nothing.
            let mut tx = self.writer.begin().await?;
            let changed = sqlx::query(
                "UPDATE subscriptions SET support_partner_id = $1, version = version + 1
                 WHERE id = $2 AND partner_id = $3 AND customer_id = $4 AND version = $5
                   AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM indirect_resellers
                        WHERE id = $1 AND partner_id = $3))",
            )
            .bind(reseller_id.map(text))
            .bind(text(id.as_str()))
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
            .bind(i64::from(version))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed != 1 {
                tx.rollback().await?;
                let known_reseller = match reseller_id {
                    None => true,
                    Some(r) => sqlx::query_scalar(
                        "SELECT EXISTS (SELECT 1 FROM indirect_resellers WHERE id = $1 AND partner_id = $2)",
                    )
                    .bind(text(r))
                    .bind(text(partner_id.as_str()))
                    .fetch_one(&self.pool)
                    .await?,
                };
                return Ok(
                    if !self
                        .subscription_exists(partner_id, customer_id, id)
                        .await?
                    {
                        SubscriptionChange::NotFound
                    } else if !known_reseller {
                        SubscriptionChange::UnknownReseller
                    } else {
                        SubscriptionChange::Stale
                    },
                );
            }
            let reseller_name: Option<String> = match reseller_id {
                None => None,
                Some(r) => {
                    sqlx::query_scalar("SELECT name FROM indirect_resellers WHERE id = $1")
                        .bind(text(r))
                        .fetch_optional(&mut *tx)
                        .await?
                }
            };
            let details = AuditDetails::SupportPartnerChanged {
                support_partner: reseller_name,
                offer_name: Some(offer_name(&mut tx, id).await?),
            };
            self.audited(tx, actor, partner_id, customer_id, id, details)
                .await
        })
        .await
    }

    async fn indirect_resellers(
        &self,
        partner_id: &PartnerId,
    ) -> StoreResult<Vec<IndirectReseller>> {
        engine(async {
            let rows = sqlx::query(
                "SELECT id, name, domain, country FROM indirect_resellers
                 WHERE partner_id = $1 ORDER BY name COLLATE \"C\", id",
            )
            .bind(text(partner_id.as_str()))
            .fetch_all(&self.pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(IndirectReseller {
                        id: r.try_get("id")?,
                        name: r.try_get("name")?,
                        domain: r.try_get("domain")?,
                        country: r.try_get("country")?,
                    })
                })
                .collect()
        })
        .await
    }
}

impl Db {
    async fn subscription(&self, id: &SubscriptionId) -> DbResult<Option<Subscription>> {
        let sql = format!("{SELECT} WHERE s.id = $1");
        let row = sqlx::query(&sql)
            .bind(text(id.as_str()))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(subscription).transpose()
    }

    async fn subscription_exists(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        id: &SubscriptionId,
    ) -> DbResult<bool> {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM subscriptions
                WHERE id = $1 AND partner_id = $2 AND customer_id = $3)",
        )
        .bind(text(id.as_str()))
        .bind(text(partner_id.as_str()))
        .bind(text(customer_id.as_str()))
        .fetch_one(&self.pool)
        .await
        .map_err(Into::into)
    }

    /// Records the change in the audit log, commits, and answers with the subscription as it
    /// now is.
    async fn audited(
        &self,
        mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        id: &SubscriptionId,
        details: AuditDetails,
    ) -> DbResult<SubscriptionChange> {
        audit::record(
            &mut tx,
            AuditEntry {
                organization_id: partner_id.as_str(),
                customer_id: Some(customer_id.as_str()),
                actor_id: actor.user_id.as_str(),
                actor_email: actor.email,
                target_id: id.as_str(),
                details,
                at: actor.now,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(self
            .subscription(id)
            .await?
            .map_or(SubscriptionChange::NotFound, |s| {
                SubscriptionChange::Changed(Box::new(s))
            }))
    }
}

/// The offer's name of a subscription, for the audit entry written in the same transaction.
async fn offer_name(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    id: &SubscriptionId,
) -> DbResult<String> {
    sqlx::query_scalar("SELECT offer_name FROM subscriptions WHERE id = $1")
        .bind(text(id.as_str()))
        .fetch_one(&mut **tx)
        .await
        .map_err(Into::into)
}
