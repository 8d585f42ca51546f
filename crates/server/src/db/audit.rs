//! The audit log: who did what, when. Written in the same transaction as the change it records,
//! never updated or deleted; read newest first by the partner's Global admins.

use portal_contract::{AuditKind, AuditRecord};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};
use std::collections::BTreeMap;

use super::{Db, DbResult};
use crate::domain::time::rfc3339;

/// One audit entry.
pub struct AuditEntry<'a> {
    /// Whose log it goes in (the partner's, the customer's).
    pub organization_id: &'a str,
    /// The customer it concerns, when there is one.
    pub customer_id: Option<&'a str>,
    pub actor_id: &'a str,
    pub actor_email: &'a str,
    /// `invitation.created`, `invitation.revoked`, … ([`AuditKind::as_str`]).
    pub action: &'a str,
    pub target_id: &'a str,
    /// JSON object with what else matters.
    pub details: serde_json::Value,
    pub at: i64,
}

pub async fn record(tx: &mut Transaction<'_, Sqlite>, e: AuditEntry<'_>) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (organization_id, customer_id, actor_id, actor_email, action,
            target_id, details, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.organization_id)
    .bind(e.customer_id)
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

/// Which records to read.
pub struct AuditQuery<'a> {
    pub organization_id: &'a str,
    pub customer_id: Option<&'a str>,
    pub kind: Option<AuditKind>,
    pub size: u32,
    /// Records older than this id.
    pub before: Option<i64>,
}

fn details(text: &str) -> BTreeMap<String, String> {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    value
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    let v = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                    (k.clone(), v)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn audit_record(row: &SqliteRow) -> AuditRecord {
    AuditRecord {
        id: row.get::<i64, _>("id").to_string(),
        operation_date: rfc3339(row.get("at")),
        user_email: row.get("actor_email"),
        kind: serde_json::from_value(serde_json::Value::String(row.get("action")))
            .unwrap_or(AuditKind::Unknown),
        customer_id: row.get("customer_id"),
        customer_name: row.get("customer_name"),
        resource_id: row.get("target_id"),
        details: details(row.get("details")),
    }
}

/// The records an [`AuditQuery`] selects (`?1` organisation, `?2` customer, `?3` kind).
const MATCHING: &str = "a.organization_id = ?1
    AND (?2 IS NULL OR a.customer_id = ?2
         OR (a.action = 'invitation.created' AND a.target_id IN
             (SELECT id FROM invitations WHERE partner_id = ?1 AND accepted_by_org = ?2)))
    AND (?3 IS NULL OR a.action = ?3)";

impl Db {
    /// How many records the query's filters select, on every page.
    pub async fn audit_count(&self, q: &AuditQuery<'_>) -> DbResult<u64> {
        let sql = format!("SELECT count(*) FROM audit_log a WHERE {MATCHING}");
        let n: i64 = sqlx::query_scalar(&sql)
            .bind(q.organization_id)
            .bind(q.customer_id)
            .bind(q.kind.map(AuditKind::as_str))
            .fetch_one(&self.pool)
            .await?;
        Ok(n.max(0) as u64)
    }

    /// Newest first. A customer's story includes the invitation it accepted, created before the
    /// customer was known.
    pub async fn audit_records(&self, q: &AuditQuery<'_>) -> DbResult<(Vec<AuditRecord>, bool)> {
        let sql = format!(
            "SELECT a.id, a.at, a.actor_email, a.action, a.customer_id, a.target_id, a.details,
                    o.name AS customer_name
             FROM audit_log a LEFT JOIN organizations o ON o.id = a.customer_id
             WHERE {MATCHING} AND a.id < ?4
             ORDER BY a.id DESC LIMIT ?5"
        );
        let mut rows = sqlx::query(&sql)
            .bind(q.organization_id)
            .bind(q.customer_id)
            .bind(q.kind.map(AuditKind::as_str))
            .bind(q.before.unwrap_or(i64::MAX))
            .bind(i64::from(q.size) + 1)
            .fetch_all(&self.pool)
            .await?;
        let more = rows.len() > q.size as usize;
        rows.truncate(q.size as usize);
        Ok((rows.iter().map(audit_record).collect(), more))
    }
}
