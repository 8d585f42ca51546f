//! `GET /api/v1/customers` and one customer's pages: `/{id}`, `/{id}/subscriptions`,
//! `/{id}/users`, `/{id}/subscribedskus`. Another partner's customer is 404, never 403, so ids
//! reveal nothing.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_contract::customers::FILTER_MAX_LEN;
use portal_contract::{
    Customer, CustomerDetail, CustomerOrder, CustomerUser as DirectoryUser, ErrorBody, ErrorCode,
    FieldCode, License, Page, Subscription,
};
use serde::Deserialize;

use crate::AppState;
use crate::domain::continuation::{KeyPart, TokenError};
use crate::domain::ids::{CustomerId, PartnerId};
use crate::domain::paging::{Cursor, Edges, Links};
use crate::domain::search_key;
use crate::http::paging::check_filter_len;
use crate::http::{ApiError, Can, PageParams, Paged, PartnerUser, perm};
use crate::store::key_fits;
use crate::store::{CustomerQuery, RemovalOutcome};

/// The customer list's own parameters; paging is [`PageParams`].
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListQuery {
    /// Starts-with search on the name or the primary domain, ignoring case and accents.
    #[param(max_length = 100)]
    filter: Option<String>,
    /// A column, optionally with `:asc` or `:desc`: `name`, `microsoftId`, `domain`,
    /// `relationship`, `adminPrivileges`, `customerSince`.
    sort: Option<String>,
}

/// A customer's users take paging only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoFilter {}

/// The page's links as the contract's `Page`.
pub(super) fn page<T>(items: Vec<T>, total_count: u64, links: Links) -> Page<T> {
    Page {
        total_count,
        items,
        continuation_token: links.next,
        previous_token: links.previous,
        offset: Some(links.offset),
    }
}

/// `GET /api/v1/customers?size=&filter=&sort=&continuationToken=`.
#[utoipa::path(
    get,
    path = "/api/v1/customers",
    operation_id = "listCustomers",
    tag = "customers",
    params(PageParams, ListQuery),
    responses(
        (status = 200, description = "One page of customers.", body = Page<Customer>),
        (status = 400, description = "A bad size, sort, filter or continuation token.", body = ErrorBody),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    partner: PartnerUser,
    Paged {
        page: paging,
        filter: q,
    }: Paged<ListQuery>,
) -> Result<Json<Page<Customer>>, ApiError> {
    let raw_filter = q.filter.unwrap_or_default();
    check_filter_len(&raw_filter, FILTER_MAX_LEN)?;
    let filter = search_key::fold(&raw_filter);
    let order = match q.sort.as_deref() {
        None | Some("") => CustomerOrder::default(),
        Some(text) => CustomerOrder::parse(text).ok_or_else(|| {
            ApiError::query(
                "sort",
                FieldCode::Invalid,
                "sort must be a column (name, microsoftId, domain, relationship, adminPrivileges, customerSince), optionally followed by :asc or :desc.",
            )
        })?,
    };
    // Tokens are bound to the search and the order: the filter is the folded text, so "ÁRV" and
    // "arv" share pages.
    let mut cursor = Cursor::open(
        &state.page_tokens,
        partner.partner_id.as_str(),
        format!("customers|{order}|{filter}"),
        paging.token.as_deref(),
    )?;
    if cursor.key().is_some_and(|key| !key_fits(order.sort, key)) {
        return Err(TokenError::Invalid.into());
    }
    let (db, partner_id, filter) = (&state.store, &partner.partner_id, filter.as_str());
    let read = |from: Option<(Vec<KeyPart>, bool)>| async move {
        let query = CustomerQuery {
            partner_id,
            filter,
            order,
            size: paging.size,
            from: from
                .as_ref()
                .map(|(key, backwards)| (key.as_slice(), *backwards)),
        };
        db.customers_page(&query).await
    };
    let found = cursor.read(read, |found| found.has_before).await?;
    let links = cursor.links(
        &state.page_tokens,
        Edges {
            rows: found.items.len() as u64,
            has_before: found.has_before,
            has_after: found.has_after,
            first_key: found.first_key,
            last_key: found.last_key,
        },
    );
    let mut items = found.items;
    super::gdap::add_summaries(
        &state,
        &partner.partner_id,
        &mut items,
        found.active_admin_roles,
    )
    .await?;
    Ok(Json(page(items, found.total_count, links)))
}

/// The customer when it is the partner's, else 404.
pub(super) async fn own_customer(
    state: &AppState,
    partner_id: &PartnerId,
    id: &CustomerId,
) -> Result<Customer, ApiError> {
    state
        .store
        .customer(partner_id, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// `POST /api/v1/customers/{id}/removerelationship` (Global admin): 204, or 409 while any
/// subscription is active.
#[utoipa::path(
    post,
    path = "/api/v1/customers/{id}/removerelationship",
    operation_id = "removeCustomerRelationship",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 204, description = "The relationship is removed."),
        (status = 403, description = "Only Global admins may remove a relationship.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody),
        (status = 409, description = "A subscription is still active.", body = ErrorBody)
    )
)]
pub async fn remove_relationship(
    State(state): State<AppState>,
    partner: Can<perm::RemoveCustomerRelationship>,
    Path(id): Path<CustomerId>,
) -> Result<StatusCode, ApiError> {
    match state
        .store
        .remove_relationship(&partner.actor(), &partner.partner_id, &id)
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
    operation_id = "getCustomer",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 200, description = "The customer with its billing profile.", body = CustomerDetail),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody)
    )
)]
pub async fn get(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<CustomerId>,
) -> Result<Json<CustomerDetail>, ApiError> {
    let mut customer = own_customer(&state, &partner.partner_id, &id).await?;
    super::gdap::add_summaries(
        &state,
        &partner.partner_id,
        std::slice::from_mut(&mut customer),
        None,
    )
    .await?;
    Ok(Json(CustomerDetail {
        billing_profile: state.store.billing_profile(&id).await?,
        customer,
    }))
}

/// `GET /api/v1/customers/{id}/subscriptions`.
#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/subscriptions",
    operation_id = "listCustomerSubscriptions",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 200, description = "The customer's subscriptions.", body = Page<Subscription>),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody)
    )
)]
pub async fn subscriptions(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<CustomerId>,
) -> Result<Json<Page<Subscription>>, ApiError> {
    own_customer(&state, &partner.partner_id, &id).await?;
    let items = state.store.subscriptions(&partner.partner_id, &id).await?;
    Ok(Json(whole(items)))
}

/// `GET /api/v1/customers/{id}/subscribedskus`.
#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/subscribedskus",
    operation_id = "listCustomerLicenses",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 200, description = "The customer's products and their licences.", body = Page<License>),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody)
    )
)]
pub async fn licenses(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<CustomerId>,
) -> Result<Json<Page<License>>, ApiError> {
    own_customer(&state, &partner.partner_id, &id).await?;
    let items = state.store.licenses(&partner.partner_id, &id).await?;
    Ok(Json(whole(items)))
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
    operation_id = "listCustomerUsers",
    tag = "customers",
    params(("id" = String, Path, description = "The customer id."), PageParams),
    responses(
        (status = 200, description = "One page of the customer's directory users.", body = Page<DirectoryUser>),
        (status = 400, description = "A bad size or continuation token.", body = ErrorBody),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody)
    )
)]
pub async fn users(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<CustomerId>,
    Paged { page: paging, .. }: Paged<NoFilter>,
) -> Result<Json<Page<DirectoryUser>>, ApiError> {
    own_customer(&state, &partner.partner_id, &id).await?;
    let cursor = Cursor::open(
        &state.page_tokens,
        partner.partner_id.as_str(),
        format!("users|{id}"),
        paging.token.as_deref(),
    )?;
    let after = match cursor.key() {
        None => None,
        Some([KeyPart::Text(key), KeyPart::Text(id)]) => Some((key.as_str(), id.as_str())),
        Some(_) => return Err(TokenError::Invalid.into()),
    };
    let found = state.store.customer_users(&id, paging.size, after).await?;
    let links = cursor.links(
        &state.page_tokens,
        Edges {
            rows: found.items.len() as u64,
            has_after: found.next.is_some(),
            last_key: found
                .next
                .map(|(key, id)| vec![KeyPart::Text(key), KeyPart::Text(id)])
                .unwrap_or_default(),
            ..Edges::default()
        },
    );
    Ok(Json(page(found.items, found.total_count, links)))
}
