//! Invitations (reseller relationship requests) of a partner.

use portal_contract::Language;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::audit::{self, AuditEntry};
use super::{Db, DbResult};

/// An invitation as stored, with what the API needs to show it.
#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub id: String,
    pub token_seed: Vec<u8>,
    pub include_admin: bool,
    pub customer_email: Option<String>,
    pub language: Language,
    pub created_by_email: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<String>,
}

/// A new invitation to store.
pub struct NewInvitation<'a> {
    pub id: &'a str,
    pub partner_id: &'a str,
    pub token_seed: &'a [u8],
    pub token_hash: &'a [u8],
    pub include_admin: bool,
    pub customer_email: Option<&'a str>,
    pub language: Language,
    pub created_by: &'a str,
    pub created_by_email: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

/// What a revocation attempt came to.
#[derive(Debug)]
pub enum RevokeOutcome {
    Revoked(Box<InvitationRow>),
    NotFound,
    /// Already accepted or revoked: final states.
    NotPending,
}

const SELECT: &str = "SELECT i.id, i.token_seed, i.include_admin, i.customer_email, i.language,
        u.email AS created_by_email, i.created_at, i.expires_at, i.revoked_at, i.accepted_at,
        o.name AS accepted_by
    FROM invitations i
    JOIN users u ON u.id = i.created_by
    LEFT JOIN organizations o ON o.id = i.accepted_by_org";

fn row(r: &SqliteRow) -> InvitationRow {
    InvitationRow {
        id: r.get("id"),
        token_seed: r.get("token_seed"),
        include_admin: r.get::<i64, _>("include_admin") == 1,
        customer_email: r.get("customer_email"),
        language: Language::parse(r.get("language")).unwrap_or(Language::En),
        created_by_email: r.get("created_by_email"),
        created_at: r.get("created_at"),
        expires_at: r.get("expires_at"),
        revoked_at: r.get("revoked_at"),
        accepted_at: r.get("accepted_at"),
        accepted_by: r.get("accepted_by"),
    }
}

impl Db {
    /// Stores the invitation and its audit entry in one transaction.
    pub async fn create_invitation(&self, n: NewInvitation<'_>) -> DbResult<InvitationRow> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO invitations (id, partner_id, token_seed, token_hash, include_admin,
                customer_email, language, created_by, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(n.id)
        .bind(n.partner_id)
        .bind(n.token_seed)
        .bind(n.token_hash)
        .bind(i64::from(n.include_admin))
        .bind(n.customer_email)
        .bind(n.language.as_str())
        .bind(n.created_by)
        .bind(n.created_at)
        .bind(n.expires_at)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            AuditEntry {
                organization_id: n.partner_id,
                customer_id: None,
                actor_id: n.created_by,
                actor_email: n.created_by_email,
                action: "invitation.created",
                target_id: n.id,
                details: serde_json::json!({
                    "allowDelegatedAccess": n.include_admin,
                    "customerEmail": n.customer_email,
                    "expiresAt": n.expires_at,
                }),
                at: n.created_at,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(InvitationRow {
            id: n.id.to_owned(),
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
    }

    pub async fn invitation(&self, partner_id: &str, id: &str) -> DbResult<Option<InvitationRow>> {
        let sql = format!("{SELECT} WHERE i.partner_id = ? AND i.id = ?");
        let r = sqlx::query(&sql)
            .bind(partner_id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(r.as_ref().map(row))
    }

    /// Newest first, `size` at a time, after the row with key `(created_at, id)` when given;
    /// returns the rows, the total, and whether more follow.
    pub async fn invitations_page(
        &self,
        partner_id: &str,
        size: u32,
        after: Option<(i64, &str)>,
    ) -> DbResult<(Vec<InvitationRow>, u64, bool)> {
        // Without a cursor, start above every row.
        let (after_ts, after_id) = after.unwrap_or((i64::MAX, ""));
        let sql = format!(
            "{SELECT} WHERE i.partner_id = ? AND (i.created_at, i.id) < (?, ?)
             ORDER BY i.created_at DESC, i.id DESC LIMIT ?"
        );
        let mut rows: Vec<InvitationRow> = sqlx::query(&sql)
            .bind(partner_id)
            .bind(after_ts)
            .bind(after_id)
            .bind(i64::from(size) + 1)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(row)
            .collect();
        let more = rows.len() > size as usize;
        rows.truncate(size as usize);
        let total: i64 =
            sqlx::query_scalar("SELECT count(*) FROM invitations WHERE partner_id = ?")
                .bind(partner_id)
                .fetch_one(&self.pool)
                .await?;
        Ok((rows, total as u64, more))
    }

    /// Revokes a pending (or expired) invitation, with its audit entry, in one transaction. The
    /// update's `WHERE` makes it safe against a concurrent acceptance or revocation.
    pub async fn revoke_invitation(
        &self,
        partner_id: &str,
        id: &str,
        actor_id: &str,
        actor_email: &str,
        now: i64,
    ) -> DbResult<RevokeOutcome> {
        let mut tx = self.writer.begin().await?;
        let changed = sqlx::query(
            "UPDATE invitations SET revoked_at = ?, revoked_by = ?
             WHERE partner_id = ? AND id = ? AND revoked_at IS NULL AND accepted_at IS NULL",
        )
        .bind(now)
        .bind(actor_id)
        .bind(partner_id)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            audit::record(
                &mut tx,
                AuditEntry {
                    organization_id: partner_id,
                    customer_id: None,
                    actor_id,
                    actor_email,
                    action: "invitation.revoked",
                    target_id: id,
                    details: serde_json::json!({}),
                    at: now,
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
    }

    /// Audit actions recorded for `target_id` in `organization_id`, oldest first.
    pub async fn audit_actions(
        &self,
        organization_id: &str,
        target_id: &str,
    ) -> DbResult<Vec<String>> {
        sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE organization_id = ? AND target_id = ? ORDER BY id",
        )
        .bind(organization_id)
        .bind(target_id)
        .fetch_all(&self.pool)
        .await
    }
}
