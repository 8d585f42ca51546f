//! The audit log: who did what, when. Written in the same transaction as the change it records.

use sqlx::{Sqlite, Transaction};

use super::DbResult;

/// One audit entry.
pub struct AuditEntry<'a> {
    pub organization_id: &'a str,
    pub actor_id: &'a str,
    pub actor_email: &'a str,
    /// `invitation.created`, `invitation.revoked`, ….
    pub action: &'a str,
    pub target_id: &'a str,
    /// JSON object with what else matters.
    pub details: serde_json::Value,
    pub at: i64,
}

pub async fn record(tx: &mut Transaction<'_, Sqlite>, e: AuditEntry<'_>) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (organization_id, actor_id, actor_email, action, target_id, details, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.organization_id)
    .bind(e.actor_id)
    .bind(e.actor_email)
    .bind(e.action)
    .bind(e.target_id)
    .bind(e.details.to_string())
    .bind(e.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
