//! Changing a customer's subscription: suspend, reactivate (Admin agent, Global admin) and the
//! designated support partner (any partner role but User); and the partner's indirect resellers.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_contract::{
    ErrorBody, ErrorCode, FieldCode, IndirectReseller, Page, SetSupportPartner, Subscription,
};

use super::customers::{own_customer, whole};
use crate::AppState;
use crate::domain::ids::{CustomerId, SubscriptionId};
use crate::http::{ApiError, ApiJson, Can, PartnerUser, perm};
use crate::store::SubscriptionChange;

fn answer(change: SubscriptionChange) -> Result<Json<Subscription>, ApiError> {
    match change {
        SubscriptionChange::Changed(s) => Ok(Json(*s)),
        SubscriptionChange::NotFound => Err(ApiError::NotFound),
        SubscriptionChange::Unchanged => Err(ApiError::Conflict(
            "The subscription is already in that state.".into(),
        )),
        SubscriptionChange::UnknownReseller => Err(ApiError::field(
            "resellerId",
            FieldCode::Invalid,
            "This is not one of your indirect resellers.",
        )),
        SubscriptionChange::Stale => Err(ApiError::Refused {
            status: StatusCode::CONFLICT,
            code: ErrorCode::Stale,
            message: "Someone changed this subscription in the meantime. Reload it and try again."
                .into(),
        }),
    }
}

async fn set_active(
    state: AppState,
    partner: &PartnerUser,
    (customer_id, id): (CustomerId, SubscriptionId),
    active: bool,
) -> Result<Json<Subscription>, ApiError> {
    own_customer(&state, &partner.partner_id, &customer_id).await?;
    let change = state
        .store
        .set_subscription_active(
            &partner.actor(),
            &partner.partner_id,
            &customer_id,
            &id,
            active,
        )
        .await?;
    answer(change)
}

/// `POST /api/v1/customers/{id}/subscriptions/{subscriptionId}/suspend`.
#[utoipa::path(
    post,
    path = "/api/v1/customers/{id}/subscriptions/{subscription_id}/suspend",
    operation_id = "suspendSubscription",
    tag = "subscriptions",
    params(("id" = String, Path, description = "The customer id."), ("subscription_id" = String, Path, description = "The subscription id.")),
    responses(
        (status = 200, description = "The suspended subscription.", body = Subscription),
        (status = 403, description = "Only Admin agents and Global admins may suspend.", body = ErrorBody),
        (status = 404, description = "No such subscription of this partner's customer.", body = ErrorBody),
        (status = 409, description = "Already suspended.", body = ErrorBody)
    )
)]
pub async fn suspend(
    State(state): State<AppState>,
    partner: Can<perm::ChangeSubscriptionStatus>,
    Path(ids): Path<(CustomerId, SubscriptionId)>,
) -> Result<Json<Subscription>, ApiError> {
    set_active(state, &partner, ids, false).await
}

/// `POST /api/v1/customers/{id}/subscriptions/{subscriptionId}/reactivate`.
#[utoipa::path(
    post,
    path = "/api/v1/customers/{id}/subscriptions/{subscription_id}/reactivate",
    operation_id = "reactivateSubscription",
    tag = "subscriptions",
    params(("id" = String, Path, description = "The customer id."), ("subscription_id" = String, Path, description = "The subscription id.")),
    responses(
        (status = 200, description = "The active subscription.", body = Subscription),
        (status = 403, description = "Only Admin agents and Global admins may reactivate.", body = ErrorBody),
        (status = 404, description = "No such subscription of this partner's customer.", body = ErrorBody),
        (status = 409, description = "Already active.", body = ErrorBody)
    )
)]
pub async fn reactivate(
    State(state): State<AppState>,
    partner: Can<perm::ChangeSubscriptionStatus>,
    Path(ids): Path<(CustomerId, SubscriptionId)>,
) -> Result<Json<Subscription>, ApiError> {
    set_active(state, &partner, ids, true).await
}

/// `POST /api/v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact`.
#[utoipa::path(
    post,
    path = "/api/v1/customers/{id}/subscriptions/{subscription_id}/supportcontact",
    operation_id = "setSupportPartner",
    tag = "subscriptions",
    params(("id" = String, Path, description = "The customer id."), ("subscription_id" = String, Path, description = "The subscription id.")),
    request_body = SetSupportPartner,
    responses(
        (status = 200, description = "The subscription with its new support partner.", body = Subscription),
        (status = 403, description = "Users may not change the support partner.", body = ErrorBody),
        (status = 404, description = "No such subscription of this partner's customer.", body = ErrorBody),
        (status = 409, description = "The subscription changed since this version was read.", body = ErrorBody),
        (status = 422, description = "The reseller is not one of the partner's indirect resellers.", body = ErrorBody)
    )
)]
pub async fn support_contact(
    State(state): State<AppState>,
    partner: Can<perm::ChangeSupportPartner>,
    Path((customer_id, id)): Path<(CustomerId, SubscriptionId)>,
    ApiJson(body): ApiJson<SetSupportPartner>,
) -> Result<Json<Subscription>, ApiError> {
    own_customer(&state, &partner.partner_id, &customer_id).await?;
    let change = state
        .store
        .set_support_partner(
            &partner.actor(),
            &partner.partner_id,
            &customer_id,
            &id,
            body.reseller_id.as_deref(),
            body.version,
        )
        .await?;
    answer(change)
}

/// `GET /api/v1/relationships/indirectresellers`.
#[utoipa::path(
    get,
    path = "/api/v1/relationships/indirectresellers",
    operation_id = "listIndirectResellers",
    tag = "subscriptions",
    responses(
        (status = 200, description = "The partner's indirect resellers.", body = Page<IndirectReseller>),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody)
    )
)]
pub async fn indirect_resellers(
    State(state): State<AppState>,
    partner: PartnerUser,
) -> Result<Json<Page<IndirectReseller>>, ApiError> {
    Ok(Json(whole(
        state.store.indirect_resellers(&partner.partner_id).await?,
    )))
}
