//! Service requests a partner opens on a customer's behalf.

use async_trait::async_trait;
use portal_contract::{AuditDetails, ServiceRequest};
use portal_domain::ids::{CustomerId, PartnerId};
use portal_domain::time::rfc3339;
use portal_store::{NewRequest, ServiceRequests, StoreResult};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::audit::{self, AuditEntry};
use crate::engine;
use crate::{Actor, Db, DbResult, stored_enum, text};

fn service_request(row: &PgRow) -> DbResult<ServiceRequest> {
    Ok(ServiceRequest {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        severity: stored_enum("severity", row.try_get("severity")?)?,
        status: stored_enum("status", row.try_get("status")?)?,
        contact_name: row.try_get("contact_name")?,
        contact_email: row.try_get("contact_email")?,
        created_by: row.try_get("created_by")?,
        created_date: rfc3339(row.try_get("created_at")?),
    })
}

const SELECT: &str = "SELECT id, title, description, severity, status, contact_name,
        contact_email, created_by, created_at FROM service_requests";

#[async_trait]
impl ServiceRequests for Db {
    async fn service_requests(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<ServiceRequest>> {
        engine(async {
            let sql = format!(
                "{SELECT} WHERE partner_id = $1 AND customer_id = $2 ORDER BY created_at DESC, id DESC"
            );
            self.customer_rows(&sql, partner_id, customer_id, service_request)
                .await
        })
        .await
    }

    async fn open_service_request(
        &self,
        actor: &Actor<'_>,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        r: &NewRequest<'_>,
    ) -> StoreResult<ServiceRequest> {
        engine(async {
            let id = uuid::Uuid::new_v4().to_string();
            let mut tx = self.writer.begin().await?;
            sqlx::query(
                "INSERT INTO service_requests (id, partner_id, customer_id, title, description,
                    severity, contact_name, contact_email, status, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10)",
            )
            .bind(&id)
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
            .bind(text(r.title))
            .bind(text(r.description))
            .bind(r.severity.as_str())
            .bind(text(r.contact_name))
            .bind(text(r.contact_email))
            .bind(actor.email)
            .bind(actor.now)
            .execute(&mut *tx)
            .await?;
            audit::record(
                &mut tx,
                AuditEntry {
                    organization_id: partner_id.as_str(),
                    customer_id: Some(customer_id.as_str()),
                    actor_id: actor.user_id.as_str(),
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
            let sql = format!("{SELECT} WHERE id = $1");
            let row = sqlx::query(&sql).bind(&id).fetch_one(&self.pool).await?;
            service_request(&row)
        })
        .await
    }
}
