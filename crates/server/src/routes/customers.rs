//! `GET /api/v1/customers` and one customer's pages: `/{id}`, `/{id}/subscriptions`,
//! `/{id}/users`, `/{id}/subscribedskus`. Another partner's customer is 404, never 403, so ids
//! reveal nothing.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_contract::ErrorBody;
use portal_contract::customers::{DEFAULT_PAGE_SIZE, FILTER_MAX_LEN, MAX_PAGE_SIZE};
use portal_contract::{
    Customer, CustomerDetail, CustomerOrder, CustomerUser, ErrorCode, License, OrganizationKind,
    Page, Role, Subscription,
};
use serde::Deserialize;

use crate::AppState;
use crate::db::customers::key_fits;
use crate::db::{Actor, CustomerQuery, Db, DbResult, RemovalOutcome};
use crate::domain::continuation::{KeyPart, Position, TokenError};
use crate::domain::search_key;
use crate::domain::time::now_unix;
use crate::http::{ApiError, ApiQuery, CurrentUser};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListQuery {
    /// Customers per page (default 50).
    #[param(minimum = 1, maximum = 1000)]
    size: Option<u32>,
    /// Starts-with search on the name or the primary domain, ignoring case and accents.
    #[param(max_length = 100)]
    filter: Option<String>,
    /// A column, optionally with `:asc` or `:desc`: `name`, `microsoftId`, `domain`,
    /// `relationship`, `adminPrivileges`, `customerSince`.
    sort: Option<String>,
    /// Opaque; from the previous answer's `continuationToken` or `previousToken`.
    continuation_token: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageQuery {
    /// Users per page (default 50).
    #[param(minimum = 1, maximum = 1000)]
    size: Option<u32>,
    /// Opaque; from the previous page's `continuationToken`.
    continuation_token: Option<String>,
}

/// Customer lists belong to partners; a customer organisation's user has none.
pub(super) fn partner_id(user: &CurrentUser) -> Result<&str, ApiError> {
    match user.me.organization.kind {
        OrganizationKind::Partner => Ok(user.organization_id()),
        OrganizationKind::Customer => Err(ApiError::Forbidden(
            "Only partner organisations have customers.".into(),
        )),
    }
}

pub(super) fn page_size(size: Option<u32>) -> Result<u32, ApiError> {
    let size = size.unwrap_or(DEFAULT_PAGE_SIZE);
    if (1..=MAX_PAGE_SIZE).contains(&size) {
        Ok(size)
    } else {
        Err(ApiError::query(
            "size",
            format!("size must be between 1 and {MAX_PAGE_SIZE}."),
        ))
    }
}

fn bad_token(e: TokenError) -> ApiError {
    ApiError::BadRequest(e.message().into())
}

/// `GET /api/v1/customers?size=&filter=&sort=&continuationToken=`.
#[utoipa::path(
    get,
    path = "/api/v1/customers",
    tag = "customers",
    params(ListQuery),
    responses(
        (status = 200, description = "One page of customers.", body = Page<Customer>),
        (status = 400, description = "A bad size, sort, filter or continuation token.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Page<Customer>>, ApiError> {
    let partner_id = partner_id(&user)?;
    let size = page_size(q.size)?;
    let raw_filter = q.filter.unwrap_or_default();
    if raw_filter.chars().count() > FILTER_MAX_LEN {
        return Err(ApiError::query(
            "filter",
            format!("filter must be at most {FILTER_MAX_LEN} characters."),
        ));
    }
    let filter = search_key::fold(&raw_filter);
    let order = match q.sort.as_deref() {
        None | Some("") => CustomerOrder::default(),
        Some(text) => CustomerOrder::parse(text).ok_or_else(|| {
            ApiError::query(
                "sort",
                "sort must be a column (name, microsoftId, domain, relationship, adminPrivileges, customerSince), optionally followed by :asc or :desc.",
            )
        })?,
    };
    // Tokens are bound to the search and the order: the filter is the folded text, so "ÁRV" and
    // "arv" share pages.
    let list_query = format!("customers|{order}|{filter}");
    let position = q
        .continuation_token
        .as_deref()
        .map(|t| state.page_tokens.open(partner_id, &list_query, t))
        .transpose()
        .map_err(bad_token)?;
    if let Some(p) = &position
        && !key_fits(order.sort, &p.key)
    {
        return Err(bad_token(TokenError::Invalid));
    }
    let mut query = CustomerQuery {
        partner_id,
        filter: &filter,
        order,
        size,
        from: position.as_ref().map(|p| (p.key.as_slice(), p.backwards)),
    };
    let mut page = state.db.customers_page(&query).await?;
    let mut offset = match &position {
        None => 0,
        Some(p) if p.backwards => p.offset.saturating_sub(page.items.len() as u64),
        Some(p) => p.offset,
    };
    // Walking back reached the start with a short page (rows were removed meanwhile): serve the
    // first page instead, so Previous never shows fewer rows than there are.
    if position.as_ref().is_some_and(|p| p.backwards) && !page.has_before {
        query.from = None;
        page = state.db.customers_page(&query).await?;
        offset = 0;
    }
    let seal = |backwards: bool, offset: u64, key: Vec<KeyPart>| {
        let position = Position {
            query: list_query.clone(),
            backwards,
            offset,
            key,
        };
        state.page_tokens.seal(partner_id, &position)
    };
    let count = page.items.len() as u64;
    Ok(Json(Page {
        total_count: page.total_count,
        continuation_token: page
            .has_after
            .then(|| seal(false, offset + count, page.last_key.clone())),
        previous_token: page
            .has_before
            .then(|| seal(true, offset, page.first_key.clone())),
        offset: Some(offset),
        items: page.items,
    }))
}

/// The customer when it is the partner's, else 404.
pub(super) async fn own_customer(
    state: &AppState,
    partner_id: &str,
    id: &str,
) -> Result<Customer, ApiError> {
    state
        .db
        .customer(partner_id, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Who acts, for the audit log.
pub(super) fn actor<'a>(user: &'a CurrentUser, partner_id: &'a str) -> Actor<'a> {
    Actor {
        partner_id,
        user_id: &user.me.user.id,
        email: &user.me.user.email,
        now: now_unix(),
    }
}

/// `POST /api/v1/customers/{id}/removerelationship` (Global admin): 204, or 409 while any
/// subscription is active.
#[utoipa::path(
    post,
    path = "/api/v1/customers/{id}/removerelationship",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 204, description = "The relationship is removed."),
        (status = 403, description = "Only Global admins may remove a relationship.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody),
        (status = 409, description = "A subscription is still active.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn remove_relationship(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let partner_id = partner_id(&user)?;
    user.require_any(&[Role::GlobalAdmin])?;
    match state
        .db
        .remove_relationship(&actor(&user, partner_id), &id)
        .await?
    {
        RemovalOutcome::Removed => {
            tracing::info!(customer = %id, "reseller relationship removed");
            Ok(StatusCode::NO_CONTENT)
        }
        RemovalOutcome::NotFound => Err(ApiError::NotFound),
        RemovalOutcome::ActiveSubscriptions => Err(ApiError::Refused {
            status: StatusCode::CONFLICT,
            code: ErrorCode::ActiveSubscriptions,
            message: "The customer still has active subscriptions. Suspend them first.".into(),
        }),
    }
}

/// `GET /api/v1/customers/{id}`: the list row with the billing profile.
#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 200, description = "The customer with its billing profile.", body = CustomerDetail),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<CustomerDetail>, ApiError> {
    let partner_id = partner_id(&user)?;
    let customer = own_customer(&state, partner_id, &id).await?;
    Ok(Json(CustomerDetail {
        billing_profile: state.db.billing_profile(&customer.id).await?,
        customer,
    }))
}

/// `GET /api/v1/customers/{id}/subscriptions`.
#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/subscriptions",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 200, description = "The customer's subscriptions.", body = Page<Subscription>),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn subscriptions(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Page<Subscription>>, ApiError> {
    collection(&state, &user, &id, async |db, partner, customer| {
        db.subscriptions(partner, customer).await
    })
    .await
}

/// `GET /api/v1/customers/{id}/subscribedskus`.
#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/subscribedskus",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 200, description = "The customer's products and their licences.", body = Page<License>),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn licenses(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Page<License>>, ApiError> {
    collection(&state, &user, &id, async |db, partner, customer| {
        db.licenses(partner, customer).await
    })
    .await
}

/// One of the customer's small collections, read by `load(db, partner id, customer id)` once the
/// customer is known to be the partner's.
pub(super) async fn collection<T>(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    load: impl AsyncFnOnce(&Db, &str, &str) -> DbResult<Vec<T>>,
) -> Result<Json<Page<T>>, ApiError> {
    let partner_id = partner_id(user)?;
    let customer = own_customer(state, partner_id, id).await?;
    Ok(Json(whole(
        load(&state.db, partner_id, &customer.id).await?,
    )))
}

/// A collection small enough to send in one page (a customer's subscriptions and products).
pub(super) fn whole<T>(items: Vec<T>) -> Page<T> {
    Page {
        total_count: items.len() as u64,
        items,
        continuation_token: None,
        previous_token: None,
        offset: Some(0),
    }
}

/// `GET /api/v1/customers/{id}/users?size=&continuationToken=`, in name order.
#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/users",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id."), PageQuery),
    responses(
        (status = 200, description = "One page of the customer's directory users.", body = Page<CustomerUser>),
        (status = 400, description = "A bad size or continuation token.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn users(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Page<CustomerUser>>, ApiError> {
    let partner_id = partner_id(&user)?;
    let customer = own_customer(&state, partner_id, &id).await?;
    let size = page_size(q.size)?;
    let list_query = format!("users|{}", customer.id);
    let position = q
        .continuation_token
        .as_deref()
        .map(|t| state.page_tokens.open(partner_id, &list_query, t))
        .transpose()
        .map_err(bad_token)?;
    let after = match position.as_ref().map(|p| p.key.as_slice()) {
        None => None,
        Some([KeyPart::Text(key), KeyPart::Text(id)]) => Some((key.as_str(), id.as_str())),
        Some(_) => return Err(bad_token(TokenError::Invalid)),
    };
    let offset = position.as_ref().map_or(0, |p| p.offset);
    let page = state.db.customer_users(&customer.id, size, after).await?;
    let count = page.items.len() as u64;
    Ok(Json(Page {
        total_count: page.total_count,
        items: page.items,
        continuation_token: page.next.map(|(key, id)| {
            let position = Position {
                query: list_query.clone(),
                backwards: false,
                offset: offset + count,
                key: vec![KeyPart::Text(key), KeyPart::Text(id)],
            };
            state.page_tokens.seal(partner_id, &position)
        }),
        previous_token: None,
        offset: Some(offset),
    }))
}
