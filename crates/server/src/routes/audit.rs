//! The partner's audit log for its Global admins: newest first, filtered by customer and kind,
//! paged, and exported as CSV.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use portal_contract::ErrorBody;
use portal_contract::customers::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use portal_contract::{AuditKind, AuditRecord, Page, Role};
use serde::Deserialize;

use super::customers::partner_id;
use crate::AppState;
use crate::db::audit::AuditQuery;
use crate::domain::continuation::{KeyPart, Position, TokenError};
use crate::http::{ApiError, ApiQuery, CurrentUser};

/// The most rows one export holds.
const EXPORT_MAX: usize = 100_000;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditParams {
    /// Only records about this customer.
    customer_id: Option<String>,
    /// Only records of this kind.
    #[param(value_type = Option<AuditKind>)]
    kind: Option<String>,
    #[param(minimum = 1, maximum = 1000)]
    size: Option<u32>,
    /// Opaque; from the previous page's `continuationToken`.
    continuation_token: Option<String>,
}

/// The export takes the list's filters, and no paging.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportParams {
    /// Only records about this customer.
    customer_id: Option<String>,
    /// Only records of this kind.
    #[param(value_type = Option<AuditKind>)]
    kind: Option<String>,
}

struct Filter {
    customer_id: Option<String>,
    kind: Option<AuditKind>,
}

fn filter(customer_id: &Option<String>, kind: &Option<String>) -> Result<Filter, ApiError> {
    // Empty is not a kind either: leaving the filter out is how to ask for every kind.
    let kind = match kind.as_deref() {
        None => None,
        Some(k) => Some(AuditKind::parse(k).ok_or_else(|| {
            ApiError::query("kind", "kind must be one of the audit record kinds.")
        })?),
    };
    Ok(Filter {
        customer_id: customer_id.clone().filter(|c| !c.is_empty()),
        kind,
    })
}

fn list_query(f: &Filter) -> String {
    format!(
        "audit|{}|{}",
        f.customer_id.as_deref().unwrap_or(""),
        f.kind.map_or("", AuditKind::as_str)
    )
}

/// `GET /api/v1/auditrecords?customerId=&kind=&size=&continuationToken=`.
#[utoipa::path(
    get,
    path = "/api/v1/auditrecords",
    tag = "audit",
    params(AuditParams),
    responses(
        (status = 200, description = "One page of audit records, newest first.", body = Page<AuditRecord>),
        (status = 400, description = "A bad filter, size or continuation token.", body = ErrorBody),
        (status = 403, description = "Only Global admins read the audit log.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(p): ApiQuery<AuditParams>,
) -> Result<Json<Page<AuditRecord>>, ApiError> {
    let partner_id = partner_id(&user)?;
    user.require_any(&[Role::GlobalAdmin])?;
    let f = filter(&p.customer_id, &p.kind)?;
    let size = p.size.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&size) {
        return Err(ApiError::query(
            "size",
            format!("size must be between 1 and {MAX_PAGE_SIZE}."),
        ));
    }
    let query = list_query(&f);
    let position = p
        .continuation_token
        .as_deref()
        .map(|t| state.page_tokens.open(partner_id, &query, t))
        .transpose()
        .map_err(|e| ApiError::BadRequest(e.message().into()))?;
    let before = match position.as_ref().map(|p| p.key.as_slice()) {
        None => None,
        Some([KeyPart::Int(id)]) => Some(*id),
        Some(_) => return Err(ApiError::BadRequest(TokenError::Invalid.message().into())),
    };
    let offset = position.as_ref().map_or(0, |p| p.offset);
    let audit_query = AuditQuery {
        organization_id: partner_id,
        customer_id: f.customer_id.as_deref(),
        kind: f.kind,
        size,
        before,
    };
    let (items, more) = state.db.audit_records(&audit_query).await?;
    let total_count = state.db.audit_count(&audit_query).await?;
    let next = items
        .last()
        .filter(|_| more)
        .and_then(|last| last.id.parse::<i64>().ok())
        .map(|id| {
            let position = Position {
                query: query.clone(),
                backwards: false,
                offset: offset + items.len() as u64,
                key: vec![KeyPart::Int(id)],
            };
            state.page_tokens.seal(partner_id, &position)
        });
    Ok(Json(Page {
        total_count,
        items,
        continuation_token: next,
        previous_token: None,
        offset: Some(offset),
    }))
}

/// `GET /api/v1/auditrecords/export?customerId=&kind=`: the same records as CSV (UTF-8).
#[utoipa::path(
    get,
    path = "/api/v1/auditrecords/export",
    tag = "audit",
    params(ExportParams),
    responses(
        (status = 200, description = "The same records as CSV (RFC 4180, UTF-8).", body = String, content_type = "text/csv"),
        (status = 400, description = "A bad filter.", body = ErrorBody),
        (status = 403, description = "Only Global admins read the audit log.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(p): ApiQuery<ExportParams>,
) -> Result<impl IntoResponse, ApiError> {
    let partner_id = partner_id(&user)?;
    user.require_any(&[Role::GlobalAdmin])?;
    let f = filter(&p.customer_id, &p.kind)?;
    let mut csv = String::from("date,user,kind,customer id,customer,resource id,details\r\n");
    let mut before = None;
    let mut rows = 0;
    loop {
        let (items, more) = state
            .db
            .audit_records(&AuditQuery {
                organization_id: partner_id,
                customer_id: f.customer_id.as_deref(),
                kind: f.kind,
                size: 500,
                before,
            })
            .await?;
        for r in &items {
            csv.push_str(&csv_line(r));
        }
        rows += items.len();
        before = items.last().and_then(|r| r.id.parse().ok());
        if !more || rows >= EXPORT_MAX {
            break;
        }
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit-log.csv\"",
            ),
        ],
        csv,
    ))
}

fn csv_line(r: &AuditRecord) -> String {
    let details = r
        .details
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let cells = [
        r.operation_date.as_str(),
        r.user_email.as_str(),
        r.kind.as_str(),
        r.customer_id.as_deref().unwrap_or(""),
        r.customer_name.as_deref().unwrap_or(""),
        r.resource_id.as_str(),
        details.as_str(),
    ];
    let mut line = cells.map(csv_cell).join(",");
    line.push_str("\r\n");
    line
}

/// RFC 4180 quoting; a cell that a spreadsheet would run as a formula gets a leading `'`.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn quotes_and_defuses_cells() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }
}
