//! The customer's side: finding an invitation by its token, accepting it in one transaction, and
//! the customer's partner relationships.

use async_trait::async_trait;
use portal_contract::{AdminPrivileges, AuditDetails, Cloud};
use portal_domain::ids::{CustomerId, InvitationId, PartnerId};
use portal_domain::search_key;
use portal_store::{
    AcceptOutcome, Acceptance, Acceptances, OrganizationRow, PartnerRow, StoreResult,
    TokenInvitation,
};
use sqlx::Row;

use crate::audit::{self, AuditEntry};
use crate::customers::admin_privileges;
use crate::engine;
use crate::{Actor, Db, stored_name, text};

#[async_trait]
impl Acceptances for Db {
    async fn invitation_by_token(&self, token_hash: &[u8]) -> StoreResult<Option<TokenInvitation>> {
        engine(async {
            let r = sqlx::query(
                "SELECT i.id, i.partner_id, o.name, o.country, o.cloud, i.include_admin, i.expires_at,
                        i.revoked_at, i.accepted_at
                 FROM invitations i JOIN organizations o ON o.id = i.partner_id
                 WHERE i.token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
            r.map(|r| {
                Ok(TokenInvitation {
                    id: InvitationId::new(r.try_get::<String, _>("id")?),
                    partner_id: PartnerId::new(r.try_get::<String, _>("partner_id")?),
                    partner_name: r.try_get("name")?,
                    partner_country: r.try_get("country")?,
                    cloud: stored_name("cloud", r.try_get("cloud")?, Cloud::parse)?,
                    include_admin: r.try_get("include_admin")?,
                    expires_at: r.try_get("expires_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                    accepted_at: r.try_get("accepted_at")?,
                })
            })
            .transpose()
        })
        .await
    }

    async fn organization(&self, id: &CustomerId) -> StoreResult<Option<OrganizationRow>> {
        engine(async {
            let r = sqlx::query(
                "SELECT id, name, country, agreement_accepted_at FROM organizations WHERE id = $1",
            )
            .bind(text(id.as_str()))
            .fetch_optional(&self.pool)
            .await?;
            r.map(|r| {
                Ok(OrganizationRow {
                    id: CustomerId::new(r.try_get::<String, _>("id")?),
                    name: r.try_get("name")?,
                    country: r.try_get("country")?,
                    agreement_accepted_at: r.try_get("agreement_accepted_at")?,
                })
            })
            .transpose()
        })
        .await
    }

    async fn has_relationship(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<bool> {
        engine(async {
            Ok(sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM customer_relationships
                                 WHERE partner_id = $1 AND customer_id = $2)",
            )
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
            .fetch_one(&self.pool)
            .await?)
        })
        .await
    }

    async fn accept_invitation(&self, a: Acceptance<'_>) -> StoreResult<AcceptOutcome> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            // The claim: simultaneous acceptances queue on the invitation's row, and each one
            // after the first finds `accepted_at` set when its WHERE is checked again.
            let claimed = sqlx::query(
                "UPDATE invitations i SET accepted_at = $1, accepted_by_org = $2
                 WHERE i.id = $3 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
                   AND i.expires_at > $1
                   AND NOT EXISTS (SELECT 1 FROM relationship_removals r
                        WHERE r.partner_id = i.partner_id AND r.customer_id = $2
                          AND r.last_invitation >= i.seq)",
            )
            .bind(a.actor.now)
            .bind(text(a.customer.id.as_str()))
            .bind(text(a.invitation.id.as_str()))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed != 1 {
                let withdrawn: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM relationship_removals r JOIN invitations i
                        ON i.partner_id = r.partner_id
                     WHERE i.id = $1 AND r.customer_id = $2 AND r.last_invitation >= i.seq)",
                )
                .bind(text(a.invitation.id.as_str()))
                .bind(text(a.customer.id.as_str()))
                .fetch_one(&mut *tx)
                .await?;
                tx.rollback().await?;
                return Ok(if withdrawn {
                    AcceptOutcome::WithdrawnByRemoval
                } else {
                    AcceptOutcome::NoLongerPending
                });
            }
            if a.accept_agreement {
                sqlx::query(
                    "UPDATE organizations SET agreement_accepted_at = $1, agreement_accepted_by = $2
                     WHERE id = $3 AND agreement_accepted_at IS NULL",
                )
                .bind(a.actor.now)
                .bind(a.actor.email)
                .bind(text(a.customer.id.as_str()))
                .execute(&mut *tx)
                .await?;
                audit::record(
                    &mut tx,
                    AuditEntry {
                        organization_id: a.customer.id.as_str(),
                        customer_id: Some(a.customer.id.as_str()),
                        actor_id: a.actor.user_id.as_str(),
                        actor_email: a.actor.email,
                        target_id: a.customer.id.as_str(),
                        details: AuditDetails::AgreementAccepted {
                            agreement: "Microsoft Customer Agreement".into(),
                        },
                        at: a.actor.now,
                    },
                )
                .await?;
            }
            let privileges = if a.invitation.include_admin {
                AdminPrivileges::Granted
            } else {
                AdminPrivileges::NotRequested
            };
            // Two invitations of one partner accepted at once: the primary key decides, the
            // second waits for the first and then inserts nothing.
            let created = sqlx::query(
                "INSERT INTO customer_relationships
                    (partner_id, customer_id, sort_key, domain_key, relationship, admin_privileges, created_at)
                 SELECT $1, o.id, $3, lower(o.primary_domain), 'reseller', $4, $5
                   FROM organizations o WHERE o.id = $2
                 ON CONFLICT (partner_id, customer_id) DO NOTHING",
            )
            .bind(text(a.invitation.partner_id.as_str()))
            .bind(text(a.customer.id.as_str()))
            .bind(search_key::fold(&a.customer.name))
            .bind(privileges.as_str())
            .bind(a.actor.now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if created != 1 {
                tx.rollback().await?;
                return Ok(AcceptOutcome::AlreadyCustomer);
            }
            audit::record_in_both(
                &mut tx,
                &a.actor,
                &a.invitation.partner_id,
                &a.customer.id,
                a.invitation.id.as_str(),
                AuditDetails::InvitationAccepted {
                    admin_privileges: privileges,
                },
            )
            .await?;
            tx.commit().await?;
            Ok(AcceptOutcome::Accepted)
        })
        .await
    }

    async fn partner_relationships(
        &self,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<PartnerRow>> {
        engine(async {
            let rows = sqlx::query(
                "SELECT r.partner_id, o.name, o.country, r.admin_privileges, r.created_at
                 FROM customer_relationships r JOIN organizations o ON o.id = r.partner_id
                 WHERE r.customer_id = $1 ORDER BY o.name COLLATE \"C\"",
            )
            .bind(text(customer_id.as_str()))
            .fetch_all(&self.pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(PartnerRow {
                        partner_id: r.try_get("partner_id")?,
                        partner_name: r.try_get("name")?,
                        partner_country: r.try_get("country")?,
                        admin_privileges: admin_privileges(r.try_get("admin_privileges")?)?,
                        since: r.try_get("created_at")?,
                    })
                })
                .collect()
        })
        .await
    }

    async fn remove_partner_roles(
        &self,
        actor: &Actor<'_>,
        customer_id: &CustomerId,
        partner_id: &PartnerId,
    ) -> StoreResult<Option<bool>> {
        engine(async {
            if !self.has_relationship(partner_id, customer_id).await? {
                return Ok(None);
            }
            let mut tx = self.writer.begin().await?;
            let changed = sqlx::query(
                "UPDATE customer_relationships SET admin_privileges = 'removedByCustomer'
                 WHERE partner_id = $1 AND customer_id = $2 AND admin_privileges = 'granted'",
            )
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 1 {
                audit::record_in_both(
                    &mut tx,
                    actor,
                    partner_id,
                    customer_id,
                    customer_id.as_str(),
                    AuditDetails::RolesRemoved {},
                )
                .await?;
            }
            tx.commit().await?;
            Ok(Some(changed == 1))
        })
        .await
    }
}
