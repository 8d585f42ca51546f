//! `GET /api/v1/customers` and `GET /api/v1/customers/{id}`: the signed-in partner's customers.

use axum::Json;
use axum::extract::{Path, State};
use portal_contract::customers::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use portal_contract::{Customer, OrganizationKind, Page};
use serde::Deserialize;

use crate::AppState;
use crate::domain::continuation::Cursor;
use crate::http::{ApiError, ApiQuery, CurrentUser};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListQuery {
    size: Option<u32>,
    continuation_token: Option<String>,
}

/// Customer lists belong to partners; a customer organisation's user has none.
fn partner_id(user: &CurrentUser) -> Result<&str, ApiError> {
    match user.me.organization.kind {
        OrganizationKind::Partner => Ok(user.organization_id()),
        OrganizationKind::Customer => Err(ApiError::Forbidden(
            "Only partner organisations have customers.".into(),
        )),
    }
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Page<Customer>>, ApiError> {
    let partner_id = partner_id(&user)?;
    let size = q.size.unwrap_or(DEFAULT_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&size) {
        return Err(ApiError::BadRequest(format!(
            "size must be between 1 and {MAX_PAGE_SIZE}."
        )));
    }
    let after =
        match q.continuation_token.as_deref() {
            None => None,
            Some(t) => Some(Cursor::decode(t).ok_or_else(|| {
                ApiError::BadRequest("The continuation token is not valid.".into())
            })?),
        };
    let page = state
        .db
        .customers_page(partner_id, size, after.as_ref())
        .await?;
    Ok(Json(Page {
        total_count: page.total_count,
        items: page.items,
        continuation_token: page.next.map(|c| c.encode()),
    }))
}

pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Customer>, ApiError> {
    let partner_id = partner_id(&user)?;
    state
        .db
        .customer(partner_id, &id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
