//! Ending a reseller relationship. Only when the customer has no active subscription through the
//! partner; the admin privileges end with it, earlier invitations can no longer bring the
//! customer back, and the audit log keeps the history.

use async_trait::async_trait;
use portal_contract::AuditDetails;
use portal_domain::ids::{CustomerId, PartnerId};
use portal_store::{Acceptances, Relationships, RemovalOutcome, StoreResult};
use sqlx::Row;

use crate::audit;
use crate::customers::admin_privileges;
use crate::engine;
use crate::{Actor, Db};

#[async_trait]
impl Relationships for Db {
    async fn remove_relationship(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<RemovalOutcome> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            // The conditional delete is the decision, so a subscription reactivated at the same
            // moment cannot slip past the rule.
            let removed = sqlx::query(
                "DELETE FROM customer_relationships
                 WHERE partner_id = ?1 AND customer_id = ?2
                   AND NOT EXISTS (SELECT 1 FROM subscriptions
                        WHERE partner_id = ?1 AND customer_id = ?2 AND status = 'active')
                 RETURNING admin_privileges",
            )
            .bind(partner_id.as_str())
            .bind(customer_id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = removed else {
                tx.rollback().await?;
                return Ok(if self.has_relationship(partner_id, customer_id).await? {
                    RemovalOutcome::ActiveSubscriptions
                } else {
                    RemovalOutcome::NotFound
                });
            };
            let privileges = admin_privileges(row.try_get("admin_privileges")?)?;
            sqlx::query(
                "INSERT OR IGNORE INTO relationship_removals
                    (partner_id, customer_id, last_invitation, removed_at)
                 VALUES (?1, ?2,
                    (SELECT coalesce(max(rowid), 0) FROM invitations WHERE partner_id = ?1), ?3)",
            )
            .bind(partner_id.as_str())
            .bind(customer_id.as_str())
            .bind(actor.now)
            .execute(&mut *tx)
            .await?;
            audit::record_in_both(
                &mut tx,
                actor,
                partner_id,
                customer_id,
                customer_id.as_str(),
                AuditDetails::RelationshipRemoved {
                    admin_privileges: privileges,
                },
            )
            .await?;
            tx.commit().await?;
            Ok(RemovalOutcome::Removed)
        })
        .await
    }
}
