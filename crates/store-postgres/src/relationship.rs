//! Ending a reseller relationship. Only when the customer has no active subscription through the
//! partner; earlier invitations can no longer bring the customer back.

use async_trait::async_trait;
use portal_contract::AuditDetails;
use portal_domain::ids::{CustomerId, PartnerId};
use portal_store::{Acceptances, Relationships, RemovalOutcome, StoreResult};

use crate::audit;
use crate::customers::admin_privileges;
use crate::engine;
use crate::{Actor, Db, text};

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
            // The customer's subscriptions are locked first: a reactivation at the same moment
            // either committed before (and the delete below sees it, in its own snapshot) or
            // waits until the relationship is gone.
            sqlx::query(
                "SELECT 1 FROM subscriptions WHERE partner_id = $1 AND customer_id = $2 FOR UPDATE",
            )
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
            .fetch_all(&mut *tx)
            .await?;
            let removed: Option<String> = sqlx::query_scalar(
                "DELETE FROM customer_relationships
                 WHERE partner_id = $1 AND customer_id = $2
                   AND NOT EXISTS (SELECT 1 FROM subscriptions
                        WHERE partner_id = $1 AND customer_id = $2 AND status = 'active')
                 RETURNING admin_privileges",
            )
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
            .fetch_optional(&mut *tx)
            .await?;
            let Some(privileges) = removed else {
                tx.rollback().await?;
                return Ok(if self.has_relationship(partner_id, customer_id).await? {
                    RemovalOutcome::ActiveSubscriptions
                } else {
                    RemovalOutcome::NotFound
                });
            };
            let privileges = admin_privileges(&privileges)?;
            sqlx::query(
                "INSERT INTO relationship_removals
                    (partner_id, customer_id, last_invitation, removed_at)
                 VALUES ($1, $2,
                    (SELECT coalesce(max(seq), 0) FROM invitations WHERE partner_id = $1), $3)
                 ON CONFLICT DO NOTHING",
            )
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
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
