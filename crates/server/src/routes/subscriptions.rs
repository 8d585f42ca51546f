//! Changing a customer's subscription: suspend, reactivate (Admin agent, Global admin) and the
//! designated support partner (any partner role but User); and the partner's indirect resellers.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_contract::{ErrorCode, IndirectReseller, Page, Role, SetSupportPartner, Subscription};

use super::customers::{actor, own_customer, partner_id, whole};
use crate::AppState;
use crate::db::SubscriptionChange;
use crate::http::{ApiError, ApiJson, CurrentUser};

const STATUS_ROLES: [Role; 2] = [Role::AdminAgent, Role::GlobalAdmin];
const SUPPORT_ROLES: [Role; 4] = [
    Role::AdminAgent,
    Role::GlobalAdmin,
    Role::HelpdeskAgent,
    Role::SalesAgent,
];

fn answer(change: SubscriptionChange) -> Result<Json<Subscription>, ApiError> {
    match change {
        SubscriptionChange::Changed(s) => Ok(Json(*s)),
        SubscriptionChange::NotFound => Err(ApiError::NotFound),
        SubscriptionChange::Unchanged => Err(ApiError::Conflict(
            "The subscription is already in that state.".into(),
        )),
        SubscriptionChange::UnknownReseller => Err(ApiError::field(
            "resellerId",
            "unknown",
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
    user: CurrentUser,
    customer_id: String,
    id: String,
    active: bool,
) -> Result<Json<Subscription>, ApiError> {
    let partner_id = partner_id(&user)?;
    user.require_any(&STATUS_ROLES)?;
    let customer = own_customer(&state, partner_id, &customer_id).await?;
    let change = state
        .db
        .set_subscription_active(&actor(&user, partner_id), &customer.id, &id, active)
        .await?;
    answer(change)
}

/// `POST /api/v1/customers/{id}/subscriptions/{subscriptionId}/suspend`.
pub async fn suspend(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((customer_id, id)): Path<(String, String)>,
) -> Result<Json<Subscription>, ApiError> {
    set_active(state, user, customer_id, id, false).await
}

/// `POST /api/v1/customers/{id}/subscriptions/{subscriptionId}/reactivate`.
pub async fn reactivate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((customer_id, id)): Path<(String, String)>,
) -> Result<Json<Subscription>, ApiError> {
    set_active(state, user, customer_id, id, true).await
}

/// `POST /api/v1/customers/{id}/subscriptions/{subscriptionId}/supportcontact`.
pub async fn support_contact(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((customer_id, id)): Path<(String, String)>,
    ApiJson(body): ApiJson<SetSupportPartner>,
) -> Result<Json<Subscription>, ApiError> {
    let partner_id = partner_id(&user)?;
    user.require_any(&SUPPORT_ROLES)?;
    let customer = own_customer(&state, partner_id, &customer_id).await?;
    let change = state
        .db
        .set_support_partner(
            &actor(&user, partner_id),
            &customer.id,
            &id,
            body.reseller_id.as_deref(),
            body.version,
        )
        .await?;
    answer(change)
}

/// `GET /api/v1/relationships/indirectresellers`.
pub async fn indirect_resellers(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Page<IndirectReseller>>, ApiError> {
    let partner_id = partner_id(&user)?;
    Ok(Json(whole(state.db.indirect_resellers(partner_id).await?)))
}
