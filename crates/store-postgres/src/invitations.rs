//! Invitations (reseller relationship requests) of a partner.

use async_trait::async_trait;
use portal_contract::{AuditDetails, InvitationStatus};
use portal_domain::ids::{InvitationId, PartnerId};
use portal_domain::time::rfc3339;
use portal_store::{
    InvitationPage, InvitationQuery, InvitationRow, Invitations, NewInvitation, RevokeOutcome,
    StoreResult,
};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::audit::{self, AuditEntry};
use crate::engine;
use crate::{Actor, Db, DbResult, prefix_end, stored_enum, text};

/// A query's extra `WHERE` terms over `$2` (now), `$3` (the e-mail prefix) and `$4` (its upper
/// bound, in `COLLATE "C"` byte order): the status is computed from the times as
/// `portal_domain::invitation::status` does, so the filter and the badge never disagree.
fn filter_sql(q: &InvitationQuery<'_>) -> String {
    let status = match q.status {
        None => "",
        Some(InvitationStatus::Revoked) => "AND i.revoked_at IS NOT NULL",
        Some(InvitationStatus::Accepted) => {
            "AND i.revoked_at IS NULL AND i.accepted_at IS NOT NULL"
        }
        Some(InvitationStatus::Expired) => {
            "AND i.revoked_at IS NULL AND i.accepted_at IS NULL AND i.expires_at <= $2"
        }
        Some(InvitationStatus::Pending) => {
            "AND i.revoked_at IS NULL AND i.accepted_at IS NULL AND i.expires_at > $2"
        }
    };
    format!(
        "{status} AND ($2::bigint IS NOT NULL)
         AND ($3::text = '' OR (i.customer_email >= $3 AND i.customer_email < $4))"
    )
}

const SELECT: &str = "SELECT i.id, i.token_seed, i.include_admin, i.customer_email, i.language,
        u.email AS created_by_email, i.created_at, i.expires_at, i.revoked_at, i.accepted_at,
        o.name AS accepted_by
    FROM invitations i
    JOIN users u ON u.id = i.created_by
    LEFT JOIN organizations o ON o.id = i.accepted_by_org";

fn row(r: &PgRow) -> DbResult<InvitationRow> {
    Ok(InvitationRow {
        id: r.try_get("id")?,
        token_seed: r.try_get("token_seed")?,
        include_admin: r.try_get("include_admin")?,
        customer_email: r.try_get("customer_email")?,
        language: stored_enum("language", r.try_get("language")?)?,
        created_by_email: r.try_get("created_by_email")?,
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        revoked_at: r.try_get("revoked_at")?,
        accepted_at: r.try_get("accepted_at")?,
        accepted_by: r.try_get("accepted_by")?,
    })
}

#[async_trait]
impl Invitations for Db {
    async fn create_invitation(&self, n: NewInvitation<'_>) -> StoreResult<InvitationRow> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            sqlx::query(
                "INSERT INTO invitations (id, partner_id, token_seed, token_hash, include_admin,
                    customer_email, language, created_by, created_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(text(n.id.as_str()))
            .bind(text(n.partner_id.as_str()))
            .bind(n.token_seed)
            .bind(n.token_hash)
            .bind(n.include_admin)
            .bind(n.customer_email)
            .bind(n.language.as_str())
            .bind(text(n.created_by.as_str()))
            .bind(n.created_at)
            .bind(n.expires_at)
            .execute(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                AuditEntry {
                    organization_id: n.partner_id.as_str(),
                    customer_id: None,
                    actor_id: n.created_by.as_str(),
                    actor_email: n.created_by_email,
                    target_id: n.id.as_str(),
                    details: AuditDetails::InvitationCreated {
                        allow_delegated_access: n.include_admin,
                        customer_email: n.customer_email.map(str::to_owned),
                        expires_at: rfc3339(n.expires_at),
                    },
                    at: n.created_at,
                },
            )
            .await?;
            tx.commit().await?;
            Ok(InvitationRow {
                id: n.id.to_string(),
                token_seed: n.token_seed.to_vec(),
                include_admin: n.include_admin,
                customer_email: n.customer_email.map(str::to_owned),
                language: n.language,
                created_by_email: n.created_by_email.to_owned(),
                created_at: n.created_at,
                expires_at: n.expires_at,
                revoked_at: None,
                accepted_at: None,
                accepted_by: None,
            })
        })
        .await
    }

    async fn invitation(
        &self,
        partner_id: &PartnerId,
        id: &InvitationId,
    ) -> StoreResult<Option<InvitationRow>> {
        engine(async {
            let sql = format!("{SELECT} WHERE i.partner_id = $1 AND i.id = $2");
            let r = sqlx::query(&sql)
                .bind(text(partner_id.as_str()))
                .bind(text(id.as_str()))
                .fetch_optional(&self.pool)
                .await?;
            r.as_ref().map(row).transpose()
        })
        .await
    }

    async fn invitations_page(&self, q: &InvitationQuery<'_>) -> StoreResult<InvitationPage> {
        engine(async {
            let filter = filter_sql(q);
            let upper = prefix_end(&text(q.email_prefix));
            let backwards = matches!(q.from, Some((_, true)));
            let (cmp, order, start) = if backwards {
                (">", "ASC", (i64::MIN, ""))
            } else {
                ("<", "DESC", (i64::MAX, ""))
            };
            let (key_at, key_id) = q.from.map_or(start, |(k, _)| k);
            let limit = i64::from(q.size) + 1;
            let sql = format!(
                "{SELECT} WHERE i.partner_id = $1 AND (i.created_at, i.id) {cmp} ($5, $6) {filter}
                 ORDER BY i.created_at {order}, i.id {order} LIMIT {limit}"
            );
            let mut rows: Vec<InvitationRow> = sqlx::query(&sql)
                .bind(text(q.partner_id.as_str()))
                .bind(q.now)
                .bind(text(q.email_prefix))
                .bind(&upper)
                .bind(key_at)
                .bind(key_id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(row)
                .collect::<DbResult<_>>()?;
            let beyond = rows.len() > q.size as usize;
            rows.truncate(q.size as usize);
            if backwards {
                rows.reverse();
            }
            let count_sql =
                format!("SELECT count(*) FROM invitations i WHERE i.partner_id = $1 {filter}");
            let total: i64 = sqlx::query_scalar(&count_sql)
                .bind(text(q.partner_id.as_str()))
                .bind(q.now)
                .bind(text(q.email_prefix))
                .bind(&upper)
                .fetch_one(&self.pool)
                .await?;
            Ok(InvitationPage {
                rows,
                total_count: total.max(0) as u64,
                has_after: if backwards { true } else { beyond },
                has_before: if backwards { beyond } else { q.from.is_some() },
            })
        })
        .await
    }

    async fn revoke_invitation(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        id: &InvitationId,
    ) -> StoreResult<RevokeOutcome> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            // A concurrent acceptance or revocation holds the row; this one waits and then
            // re-checks the WHERE on the row as that one left it.
            let changed = sqlx::query(
                "UPDATE invitations SET revoked_at = $1, revoked_by = $2
                 WHERE partner_id = $3 AND id = $4 AND revoked_at IS NULL AND accepted_at IS NULL",
            )
            .bind(actor.now)
            .bind(text(actor.user_id.as_str()))
            .bind(text(partner_id.as_str()))
            .bind(text(id.as_str()))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 1 {
                audit::record(
                    &mut tx,
                    AuditEntry {
                        organization_id: partner_id.as_str(),
                        customer_id: None,
                        actor_id: actor.user_id.as_str(),
                        actor_email: actor.email,
                        target_id: id.as_str(),
                        details: AuditDetails::InvitationRevoked {},
                        at: actor.now,
                    },
                )
                .await?;
            }
            tx.commit().await?;
            Ok(match (changed, self.invitation(partner_id, id).await?) {
                (_, None) => RevokeOutcome::NotFound,
                (1, Some(r)) => RevokeOutcome::Revoked(Box::new(r)),
                (_, Some(_)) => RevokeOutcome::NotPending,
            })
        })
        .await
    }
}
