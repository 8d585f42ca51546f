//! Service requests a partner opens on a customer's behalf.

use portal_contract::{AuditDetails, ServiceRequest, ServiceRequestStatus, Severity};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::audit::{self, AuditEntry};
use super::subscriptions::Actor;
use super::{Db, DbResult};
use crate::domain::time::rfc3339;

/// A checked request to store.
pub struct NewRequest<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub severity: Severity,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
}

fn service_request(row: &SqliteRow) -> ServiceRequest {
    ServiceRequest {
        id: row.get("id"),
        title: row.get("title"),
        description: row.get("description"),
        severity: match row.get::<&str, _>("severity") {
            "critical" => Severity::Critical,
            "minimal" => Severity::Minimal,
            _ => Severity::Moderate,
        },
        status: match row.get::<&str, _>("status") {
            "inProgress" => ServiceRequestStatus::InProgress,
            "closed" => ServiceRequestStatus::Closed,
            _ => ServiceRequestStatus::Open,
        },
        contact_name: row.get("contact_name"),
        contact_email: row.get("contact_email"),
        created_by: row.get("created_by"),
        created_date: rfc3339(row.get("created_at")),
    }
}

const SELECT: &str = "SELECT id, title, description, severity, status, contact_name,
        contact_email, created_by, created_at FROM service_requests";

impl Db {
    /// Newest first.
    pub async fn service_requests(
        &self,
        partner_id: &str,
        customer_id: &str,
    ) -> DbResult<Vec<ServiceRequest>> {
        let sql = format!(
            "{SELECT} WHERE partner_id = ? AND customer_id = ? ORDER BY created_at DESC, id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(partner_id)
            .bind(customer_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(service_request).collect())
    }

    pub async fn open_service_request(
        &self,
        actor: &Actor<'_>,
        customer_id: &str,
        r: &NewRequest<'_>,
    ) -> DbResult<ServiceRequest> {
        let id = uuid::Uuid::new_v4().to_string();
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO service_requests (id, partner_id, customer_id, title, description,
                severity, contact_name, contact_email, status, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
        )
        .bind(&id)
        .bind(actor.partner_id)
        .bind(customer_id)
        .bind(r.title)
        .bind(r.description)
        .bind(r.severity.as_str())
        .bind(r.contact_name)
        .bind(r.contact_email)
        .bind(actor.email)
        .bind(actor.now)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            AuditEntry {
                organization_id: actor.partner_id,
                customer_id: Some(customer_id),
                actor_id: actor.user_id,
                actor_email: actor.email,
                target_id: &id,
                details: AuditDetails::ServiceRequestOpened {
                    title: r.title.to_owned(),
                    severity: r.severity,
                },
                at: actor.now,
            },
        )
        .await?;
        tx.commit().await?;
        let sql = format!("{SELECT} WHERE id = ?");
        let row = sqlx::query(&sql).bind(&id).fetch_one(&self.pool).await?;
        Ok(service_request(&row))
    }
}
