//! The partner's audit log for its Global admins: newest first, filtered by customer, kind, the
//! user who acted and a range of days, paged, and exported as CSV.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use futures::StreamExt;
use portal_contract::auth::EMAIL_MAX_LEN;
use portal_contract::{AuditKind, AuditRecord, ErrorBody, FieldCode, FieldError, Language, Page};
use serde::Deserialize;

use super::customers::page;
use crate::AppState;
use crate::domain::audit_csv as csv;
use crate::domain::continuation::{KeyPart, TokenError};
use crate::domain::paging::{Cursor, Edges};
use crate::domain::time::day_start;
use crate::http::{ApiError, ApiQuery, Can, PageParams, Paged, perm};
use crate::store::AuditQuery;

/// The most rows one export holds.
const EXPORT_MAX: usize = 100_000;
/// Rows read per step of an export: one short query each, so writers never wait long.
const EXPORT_CHUNK: u32 = 500;

/// Declares a query struct with the audit log's filters, then `$extra` fields: the list and the
/// export take the same filters, written and documented once. (Serde cannot flatten a struct
/// into one that refuses unknown parameters, so the fields are repeated by the macro.)
macro_rules! with_audit_filters {
    ($(#[$meta:meta])* $name:ident { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize, utoipa::IntoParams)]
        #[into_params(parameter_in = Query)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            /// Only records about this customer.
            customer_id: Option<String>,
            /// Only records of this kind.
            #[param(value_type = Option<AuditKind>)]
            kind: Option<String>,
            /// Only what this user did: their e-mail address, ignoring case.
            #[param(max_length = 254)]
            user_email: Option<String>,
            /// Only records on or after this day (UTC), `YYYY-MM-DD`.
            #[param(format = Date)]
            from: Option<String>,
            /// Only records on or before this day (UTC), `YYYY-MM-DD`.
            #[param(format = Date)]
            to: Option<String>,
            $($extra)*
        }

        impl $name {
            fn filter(&self) -> Result<Filter, ApiError> {
                Filter::parse(&self.customer_id, &self.kind, &self.user_email, &self.from, &self.to)
            }
        }
    };
}

with_audit_filters!(
    /// The list's filters; paging is [`PageParams`].
    AuditParams {}
);

with_audit_filters!(
    /// The export takes the list's filters, and no paging.
    ExportParams {
        /// The language of the readable sentence column (default English).
        #[param(value_type = Option<Language>)]
        language: Option<String>,
    }
);

/// Where an export stands between two reads: older than which entry, and rows written so far.
struct ExportCursor {
    before: Option<i64>,
    written: usize,
}

/// The filters of the list and the export, checked.
#[derive(Clone)]
struct Filter {
    customer_id: Option<String>,
    kind: Option<AuditKind>,
    actor_email: Option<String>,
    from: Option<i64>,
    /// The end of the `to` day: records before it.
    until: Option<i64>,
}

impl Filter {
    /// Every bad filter is named at once, each with its own field error.
    fn parse(
        customer_id: &Option<String>,
        kind: &Option<String>,
        user_email: &Option<String>,
        from: &Option<String>,
        to: &Option<String>,
    ) -> Result<Filter, ApiError> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, code: FieldCode, message: &str| {
            errors.push(FieldError::new(field, code, message));
        };
        // Empty is not a kind either: leaving the filter out is how to ask for every kind.
        let kind = match kind.as_deref() {
            None => None,
            Some(k) => AuditKind::parse(k).or_else(|| {
                fail(
                    "kind",
                    FieldCode::Invalid,
                    "kind must be one of the audit record kinds.",
                );
                None
            }),
        };
        let actor_email = user_email
            .as_deref()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty());
        if actor_email
            .as_ref()
            .is_some_and(|e| e.chars().count() > EMAIL_MAX_LEN)
        {
            fail(
                "userEmail",
                FieldCode::TooLong,
                &format!("userEmail must be at most {EMAIL_MAX_LEN} characters."),
            );
        }
        // Empty is not a day: leaving the filter out is how to ask for every day.
        let mut day = |field: &str, text: &Option<String>| match text.as_deref() {
            None => None,
            Some(t) => day_start(t).or_else(|| {
                fail(
                    field,
                    FieldCode::InvalidDate,
                    &format!("{field} must be a calendar day written YYYY-MM-DD."),
                );
                None
            }),
        };
        let from = day("from", from);
        let until = day("to", to).map(|start| start + 86_400);
        if let (Some(f), Some(u)) = (from, until)
            && u <= f
        {
            fail(
                "to",
                FieldCode::BeforeFrom,
                "to must be the same day as from or later.",
            );
        }
        if !errors.is_empty() {
            return Err(ApiError::InvalidQuery(errors));
        }
        Ok(Filter {
            customer_id: customer_id.clone().filter(|c| !c.is_empty()),
            kind,
            actor_email,
            from,
            until,
        })
    }

    fn query<'a>(
        &'a self,
        organization_id: &'a str,
        size: u32,
        before: Option<i64>,
    ) -> AuditQuery<'a> {
        AuditQuery {
            organization_id,
            customer_id: self.customer_id.as_deref(),
            kind: self.kind,
            actor_email: self.actor_email.as_deref(),
            from: self.from,
            until: self.until,
            size,
            before,
        }
    }

    /// What continuation tokens are bound to: a page of one filter never opens another.
    fn token_query(&self) -> String {
        format!(
            "audit|{}|{}|{}|{}|{}",
            self.customer_id.as_deref().unwrap_or(""),
            self.kind.map_or("", AuditKind::as_str),
            self.actor_email.as_deref().unwrap_or(""),
            self.from.unwrap_or_default(),
            self.until.unwrap_or_default(),
        )
    }
}

/// `GET /api/v1/auditrecords?customerId=&kind=&size=&continuationToken=`.
#[utoipa::path(
    get,
    path = "/api/v1/auditrecords",
    operation_id = "listAuditRecords",
    tag = "audit",
    params(PageParams, AuditParams),
    responses(
        (status = 200, description = "One page of audit records, newest first.", body = Page<AuditRecord>),
        (status = 400, description = "A bad filter, size or continuation token.", body = ErrorBody),
        (status = 403, description = "Only Global admins read the audit log.", body = ErrorBody)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    partner: Can<perm::ReadAuditLog>,
    Paged {
        page: paging,
        filter: p,
    }: Paged<AuditParams>,
) -> Result<Json<Page<AuditRecord>>, ApiError> {
    let f = p.filter()?;
    let partner_id = partner.partner_id.as_str();
    let cursor = Cursor::open(
        &state.page_tokens,
        partner_id,
        f.token_query(),
        paging.token.as_deref(),
    )?;
    let before = match cursor.key() {
        None => None,
        Some(&[KeyPart::Int(id)]) => Some(id),
        Some(_) => return Err(TokenError::Invalid.into()),
    };
    let audit_query = f.query(partner_id, paging.size, before);
    let (items, more) = state.store.audit_records(&audit_query).await?;
    let total_count = state.store.audit_count(&audit_query).await?;
    let last_id = items.last().and_then(|last| last.id.parse::<i64>().ok());
    let links = cursor.links(
        &state.page_tokens,
        Edges {
            rows: items.len() as u64,
            has_after: more && last_id.is_some(),
            last_key: last_id.map(|id| vec![KeyPart::Int(id)]).unwrap_or_default(),
            ..Edges::default()
        },
    );
    Ok(Json(page(items, total_count, links)))
}

/// `GET /api/v1/auditrecords/export?…&language=`: the same records as CSV (UTF-8), streamed
/// a few hundred rows at a time, so an export starts at once and never holds every row.
#[utoipa::path(
    get,
    path = "/api/v1/auditrecords/export",
    operation_id = "exportAuditRecords",
    tag = "audit",
    params(ExportParams),
    responses(
        (status = 200, description = "The same records as CSV (RFC 4180, UTF-8): one row per record, with ISO 8601 UTC times, the kind's code, the common details as columns, and the readable sentence.", body = String, content_type = "text/csv"),
        (status = 400, description = "A bad filter or language.", body = ErrorBody),
        (status = 403, description = "Only Global admins read the audit log.", body = ErrorBody)
    )
)]
pub async fn export(
    State(state): State<AppState>,
    partner: Can<perm::ReadAuditLog>,
    ApiQuery(p): ApiQuery<ExportParams>,
) -> Result<impl IntoResponse, ApiError> {
    let partner_id = partner.partner_id.to_string();
    let f = p.filter()?;
    let language = match p.language.as_deref() {
        None => Language::En,
        Some(l) => Language::parse(l).ok_or_else(|| {
            ApiError::query("language", FieldCode::Invalid, "language must be en or hu.")
        })?,
    };
    // The header line, then one chunk per read of `EXPORT_CHUNK` entries older than the last
    // one written, until none are left or `EXPORT_MAX` rows are out.
    let header = futures::stream::once(async { Ok(Bytes::from(csv::header())) });
    let start = Some(ExportCursor {
        before: None,
        written: 0,
    });
    let rows = futures::stream::unfold(start, move |cursor| {
        let (state, partner_id, f) = (state.clone(), partner_id.clone(), f.clone());
        async move {
            let ExportCursor { before, written } = cursor?;
            let page = state
                .store
                .audit_records(&f.query(&partner_id, EXPORT_CHUNK, before))
                .await;
            let (items, more) = match page {
                Ok(page) => page,
                Err(e) => {
                    // The status line is sent: the client sees a cut-off file, and the log why.
                    tracing::error!(error = %e, "audit export stopped");
                    return Some((Err(std::io::Error::other("audit export stopped")), None));
                }
            };
            let chunk: String = items.iter().map(|r| csv::line(r, language)).collect();
            let written = written + items.len();
            let next = items
                .last()
                .and_then(|r| r.id.parse::<i64>().ok())
                .filter(|_| more && written < EXPORT_MAX)
                .map(|id| ExportCursor {
                    before: Some(id),
                    written,
                });
            Some((Ok(Bytes::from(chunk)), next))
        }
    });
    // The compression layer polls once more after the end; a fused stream answers "ended".
    let body = header.chain(rows).fuse();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit-log.csv\"",
            ),
        ],
        axum::body::Body::from_stream(body),
    ))
}
