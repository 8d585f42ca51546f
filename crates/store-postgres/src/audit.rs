//! The audit log: who did what, when. Written in the same transaction as the change it records,
//! never updated or deleted; read newest first. Details are `jsonb`.

use async_trait::async_trait;
use portal_contract::{AuditDetails, AuditKind, AuditRecord};
use portal_domain::ids::{CustomerId, PartnerId};
use portal_domain::time::rfc3339;
use portal_store::{AuditLog, AuditQuery, StoreResult};
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::query::Query;
use sqlx::types::Json;
use sqlx::{PgConnection, Postgres, Row};

use crate::engine;
use crate::{Actor, Db, DbResult, text};

/// One audit entry.
pub struct AuditEntry<'a> {
    /// Whose log it goes in (the partner's, the customer's).
    pub organization_id: &'a str,
    /// The customer it concerns, when there is one.
    pub customer_id: Option<&'a str>,
    /// Empty when time caused it (an expiry, an auto-extension): stored as no one.
    pub actor_id: &'a str,
    pub actor_email: &'a str,
    pub target_id: &'a str,
    /// What happened; its kind is the stored `action`.
    pub details: AuditDetails,
    pub at: i64,
}

/// The stored details: the typed details' JSON without the kind (it is the `action` column).
pub(crate) fn stored(details: &AuditDetails) -> serde_json::Value {
    let mut value = serde_json::to_value(details).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.remove("kind");
    }
    without_nul(&mut value);
    value
}

/// `jsonb` cannot hold NUL either: a client's text in the details is kept as the columns keep
/// it (see [`text`]).
fn without_nul(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if s.contains('\0') => *s = text(&*s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_nul),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(without_nul),
        _ => {}
    }
}

/// Reads stored details back into their type; entries of the older, untyped shape (`expiresAt`
/// in Unix seconds, "(your organisation)" for no support partner) read the same. Unreadable
/// details are logged and shown as [`AuditDetails::Unknown`], never as raw text.
pub fn read_details(action: &str, mut value: serde_json::Value) -> AuditDetails {
    let Some(object) = value.as_object_mut() else {
        tracing::warn!(action, "audit details are not a JSON object");
        return AuditDetails::Unknown;
    };
    if let Some(at) = object.get("expiresAt").and_then(serde_json::Value::as_i64) {
        object.insert("expiresAt".into(), rfc3339(at).into());
    }
    if object
        .get("supportPartner")
        .and_then(serde_json::Value::as_str)
        == Some("(your organisation)")
    {
        object.remove("supportPartner");
    }
    object.insert("kind".into(), action.into());
    serde_json::from_value(value).unwrap_or_else(|e| {
        tracing::warn!(action, error = %e, "audit details do not read");
        AuditDetails::Unknown
    })
}

pub async fn record(conn: &mut PgConnection, e: AuditEntry<'_>) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (organization_id, customer_id, actor_id, actor_email, action,
            target_id, details, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.organization_id)
    .bind(e.customer_id)
    .bind((!e.actor_id.is_empty()).then_some(e.actor_id))
    .bind(e.actor_email)
    .bind(e.details.kind().as_str())
    .bind(e.target_id)
    .bind(Json(stored(&e.details)))
    .bind(e.at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A change between a partner and one of its customers: the same entry goes in both
/// organisations' logs.
pub async fn record_in_both(
    conn: &mut PgConnection,
    actor: &Actor<'_>,
    partner_id: &PartnerId,
    customer_id: &CustomerId,
    target_id: &str,
    details: AuditDetails,
) -> DbResult<()> {
    for organization_id in [partner_id.as_str(), customer_id.as_str()] {
        let entry = AuditEntry {
            organization_id,
            customer_id: Some(customer_id.as_str()),
            actor_id: actor.user_id.as_str(),
            actor_email: actor.email,
            target_id,
            details: details.clone(),
            at: actor.now,
        };
        record(conn, entry).await?;
    }
    Ok(())
}

/// A record as stored. An action this server has no kind for is shown as `unknown`.
fn audit_record(row: &PgRow) -> DbResult<AuditRecord> {
    let action: &str = row.try_get("action")?;
    let Json(details): Json<serde_json::Value> = row.try_get("details")?;
    Ok(AuditRecord {
        id: row.try_get::<i64, _>("id")?.to_string(),
        operation_date: rfc3339(row.try_get("at")?),
        user_email: row.try_get("actor_email")?,
        kind: AuditKind::parse(action).unwrap_or_else(|| {
            tracing::warn!(action, "audit action of no known kind");
            AuditKind::Unknown
        }),
        customer_id: row.try_get("customer_id")?,
        customer_name: row.try_get("customer_name")?,
        resource_id: row.try_get("target_id")?,
        details: read_details(action, details),
    })
}

/// The records an [`AuditQuery`] selects (`$1` organisation, `$2` customer, `$3` kind, `$4`
/// actor, `$5`–`$6` the time range).
const MATCHING: &str = "a.organization_id = $1
    AND ($2::text IS NULL OR a.customer_id = $2
         OR (a.action = 'invitation.created' AND a.target_id IN
             (SELECT id FROM invitations WHERE partner_id = $1 AND accepted_by_org = $2)))
    AND ($3::text IS NULL OR a.action = $3)
    AND ($4::text IS NULL OR a.actor_email = $4)
    AND ($5::bigint IS NULL OR a.at >= $5)
    AND ($6::bigint IS NULL OR a.at < $6)";

fn bind_matching<'q>(
    sql: Query<'q, Postgres, PgArguments>,
    q: &AuditQuery<'q>,
) -> Query<'q, Postgres, PgArguments> {
    sql.bind(q.organization_id)
        .bind(q.customer_id.map(text))
        .bind(q.kind.map(AuditKind::as_str))
        .bind(q.actor_email.map(text))
        .bind(q.from)
        .bind(q.until)
}

#[async_trait]
impl AuditLog for Db {
    async fn audit_count(&self, q: &AuditQuery<'_>) -> StoreResult<u64> {
        engine(async {
            let sql = format!("SELECT count(*) FROM audit_log a WHERE {MATCHING}");
            let n: i64 = bind_matching(sqlx::query(&sql), q)
                .fetch_one(&self.pool)
                .await?
                .try_get(0)?;
            Ok(n.max(0) as u64)
        })
        .await
    }

    async fn audit_records(&self, q: &AuditQuery<'_>) -> StoreResult<(Vec<AuditRecord>, bool)> {
        engine(async {
            let sql = format!(
                "SELECT a.id, a.at, a.actor_email, a.action, a.customer_id, a.target_id, a.details,
                        o.name AS customer_name
                 FROM audit_log a LEFT JOIN organizations o ON o.id = a.customer_id
                 WHERE {MATCHING} AND a.id < $7
                 ORDER BY a.id DESC LIMIT {}",
                i64::from(q.size) + 1
            );
            let mut rows = bind_matching(sqlx::query(&sql), q)
                .bind(q.before.unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await?;
            let more = rows.len() > q.size as usize;
            rows.truncate(q.size as usize);
            let records = rows.iter().map(audit_record).collect::<DbResult<_>>()?;
            Ok((records, more))
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_details_read_back_as_written() {
        let details = AuditDetails::InvitationCreated {
            allow_delegated_access: true,
            customer_email: Some("anna@fabrikam.example".into()),
            expires_at: "2027-01-01T00:00:00Z".into(),
        };
        let action = details.kind().as_str();
        assert!(stored(&details).get("kind").is_none());
        assert_eq!(read_details(action, stored(&details)), details);
    }

    #[test]
    fn details_never_hold_nul() {
        let details = AuditDetails::ServiceRequestOpened {
            title: "a\0b".into(),
            severity: portal_contract::Severity::Minimal,
        };
        assert_eq!(stored(&details)["title"], "a\u{FFFF}b");
    }

    #[test]
    fn entries_of_the_old_shape_read_the_same() {
        assert_eq!(
            read_details(
                "invitation.created",
                serde_json::json!({"allowDelegatedAccess": true, "customerEmail": null,
                                   "expiresAt": 1798761600})
            ),
            AuditDetails::InvitationCreated {
                allow_delegated_access: true,
                customer_email: None,
                expires_at: "2027-01-01T00:00:00Z".into(),
            }
        );
        assert_eq!(
            read_details("invitation.revoked", serde_json::json!("text")),
            AuditDetails::Unknown
        );
    }
}
