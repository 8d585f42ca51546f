//! Granular admin relationships, the customer's side: look up an approval link, approve it
//! (Global admins of the right customer only), list the organisation's relationships and
//! terminate one. Each refusal has its own code, so the portal can say what happened.

use std::net::IpAddr;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use portal_contract::gdap::{
    AdminRelationship, AdminRelationshipStatus as Status, ApprovalPreview, ApprovalToken,
    DayDuration,
};
use portal_contract::{ErrorBody, ErrorCode, Permission};

use super::gdap::{not_allowed, settle, tagged, view};
use crate::AppState;
use crate::domain::gdap::status_at;
use crate::domain::invitation::{parse_token, token_hash};
use crate::domain::roles;
use crate::domain::time::rfc3339;
use crate::http::if_match::stale;
use crate::http::{ApiError, ApiJson, Can, ClientAddr, CustomerUser, IfMatch, perm};
use crate::store::{ApprovalRow, ApproveOutcome, ChangeOutcome};

fn refused(status: StatusCode, code: ErrorCode, message: &str) -> ApiError {
    ApiError::refused(status, code, message)
}

fn unknown() -> ApiError {
    refused(
        StatusCode::NOT_FOUND,
        ErrorCode::ApprovalUnknown,
        "This approval link is not known. Check that the whole link was copied, or ask the partner for a new one.",
    )
}

fn expired() -> ApiError {
    refused(
        StatusCode::GONE,
        ErrorCode::ApprovalExpired,
        "This request was not approved within 90 days and has expired. Ask the partner for a new one.",
    )
}

fn terminated() -> ApiError {
    refused(
        StatusCode::GONE,
        ErrorCode::RelationshipTerminated,
        "The partner withdrew this request.",
    )
}

fn already_approved() -> ApiError {
    refused(
        StatusCode::CONFLICT,
        ErrorCode::AlreadyApproved,
        "This request was already approved.",
    )
}

fn wrong_customer() -> ApiError {
    refused(
        StatusCode::FORBIDDEN,
        ErrorCode::WrongCustomer,
        "This request is for another organisation. Sign in with an account of the organisation it names.",
    )
}

/// The request behind a token, usable by this customer now, or why not. Unknown tokens count
/// against the client, as for invitation links (429 past the limit), so links cannot be guessed.
async fn usable(
    state: &AppState,
    client: IpAddr,
    customer: &CustomerUser,
    token: &str,
) -> Result<ApprovalRow, ApiError> {
    let throttle = state.approval_throttle;
    throttle.check(state, "", client).await?;
    let now = settle(state).await?;
    let found = match parse_token(token) {
        Some(token) => state.store.admin_approval(&token_hash(token)).await?,
        None => None,
    };
    let Some(found) = found else {
        throttle.record_failure(state, "", client).await?;
        return Err(unknown());
    };
    let r = &found.relationship;
    match status_at(r.state, r.end_at, r.auto_extend_days, now).0 {
        Status::Expired => return Err(expired()),
        Status::Terminated => return Err(terminated()),
        Status::Active => return Err(already_approved()),
        Status::ApprovalPending => {}
    }
    if r.customer_id
        .as_deref()
        .is_some_and(|c| c != customer.customer_id.as_str())
    {
        return Err(wrong_customer());
    }
    Ok(found)
}

/// `POST /api/v1/adminrelationshipapprovals/lookup`: what the Approve partner roles page shows.
#[utoipa::path(
    post,
    path = "/api/v1/adminrelationshipapprovals/lookup",
    operation_id = "lookUpAdminApproval",
    tag = "adminRelationships",
    request_body = ApprovalToken,
    responses(
        (status = 200, description = "The request: partner, name, roles with descriptions, duration; whether the viewer may approve.", body = ApprovalPreview),
        (status = 403, description = "A partner's account (notCustomerAccount), or a request for another organisation (wrongCustomer).", body = ErrorBody),
        (status = 404, description = "The link is not known (approvalUnknown).", body = ErrorBody),
        (status = 409, description = "Already approved (alreadyApproved).", body = ErrorBody),
        (status = 410, description = "Expired unapproved (approvalExpired) or withdrawn (relationshipTerminated).", body = ErrorBody),
        (status = 429, description = "Too many unknown links from this client; Retry-After says when to try again.", body = ErrorBody)
    )
)]
pub async fn lookup(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    customer: CustomerUser,
    ApiJson(req): ApiJson<ApprovalToken>,
) -> Result<Json<ApprovalPreview>, ApiError> {
    let found = usable(&state, client, &customer, &req.token).await?;
    let r = found.relationship;
    Ok(Json(ApprovalPreview {
        partner_name: r.partner_name,
        partner_country: found.partner_country,
        cloud: found.cloud,
        display_name: r.display_name,
        duration: DayDuration(r.duration_days).iso(),
        roles: r
            .roles
            .iter()
            .filter_map(|id| roles::find(id).map(roles::Role::definition))
            .collect(),
        auto_extend_duration: DayDuration(r.auto_extend_days).iso(),
        expires_date_time: rfc3339(r.end_at),
        customer_name: customer.organization.name.clone(),
        viewer_is_global_admin: customer.can(Permission::ApproveAdminRelationships),
    }))
}

/// `POST /api/v1/adminrelationshipapprovals/approve`: the relationship becomes active from now
/// for its duration. Of simultaneous approvals exactly one succeeds.
#[utoipa::path(
    post,
    path = "/api/v1/adminrelationshipapprovals/approve",
    operation_id = "approveAdminRelationship",
    tag = "adminRelationships",
    request_body = ApprovalToken,
    responses(
        (status = 200, description = "The relationship, now active.", body = AdminRelationship, headers(("ETag" = String, description = "The same as @odata.etag."))),
        (status = 403, description = "Not a Global admin (notGlobalAdmin), or a request for another organisation (wrongCustomer).", body = ErrorBody),
        (status = 404, description = "The link is not known (approvalUnknown).", body = ErrorBody),
        (status = 409, description = "Already approved (alreadyApproved).", body = ErrorBody),
        (status = 410, description = "Expired unapproved (approvalExpired) or withdrawn (relationshipTerminated).", body = ErrorBody),
        (status = 429, description = "Too many unknown links from this client; Retry-After says when to try again.", body = ErrorBody)
    )
)]
pub async fn approve(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    customer: Can<perm::ApproveAdminRelationships>,
    ApiJson(req): ApiJson<ApprovalToken>,
) -> Result<Response, ApiError> {
    usable(&state, client, &customer, &req.token).await?;
    let token = parse_token(&req.token).ok_or_else(unknown)?;
    let actor = customer.actor();
    let outcome = state
        .store
        .approve_admin_relationship(
            &token_hash(token),
            &customer.customer_id,
            &customer.organization.name,
            &actor,
        )
        .await?;
    match outcome {
        ApproveOutcome::Approved(r) => {
            tracing::info!(relationship = %r.id, "granular admin relationship approved");
            let body = view(*r, actor.now, None);
            Ok(tagged(StatusCode::OK, &body.etag.clone(), body))
        }
        ApproveOutcome::Unknown => Err(unknown()),
        ApproveOutcome::Expired => Err(expired()),
        ApproveOutcome::Terminated => Err(terminated()),
        ApproveOutcome::AlreadyApproved => Err(already_approved()),
        ApproveOutcome::WrongCustomer => Err(wrong_customer()),
    }
}

/// `GET /api/v1/partnerrelationships/adminrelationships`: the organisation's granular admin
/// relationships (approved ones, active or ended), newest first.
#[utoipa::path(
    get,
    path = "/api/v1/partnerrelationships/adminrelationships",
    operation_id = "listCustomerAdminRelationships",
    tag = "adminRelationships",
    responses(
        (status = 200, description = "The organisation's granular admin relationships.", body = Vec<AdminRelationship>),
        (status = 403, description = "Only a customer organisation's people may use this.", body = ErrorBody)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    customer: CustomerUser,
) -> Result<Json<Vec<AdminRelationship>>, ApiError> {
    let now = settle(&state).await?;
    let rows = state
        .store
        .customer_admin_relationships(&customer.customer_id)
        .await?;
    Ok(Json(rows.into_iter().map(|r| view(r, now, None)).collect()))
}

/// `POST /api/v1/partnerrelationships/adminrelationships/{id}/terminate`: ends an active
/// relationship at once. Needs `If-Match`.
#[utoipa::path(
    post,
    path = "/api/v1/partnerrelationships/adminrelationships/{id}/terminate",
    operation_id = "terminateCustomerAdminRelationship",
    tag = "adminRelationships",
    params(
        ("id" = String, Path, description = "The relationship id."),
        ("If-Match" = String, Header, description = "The relationship's @odata.etag.")
    ),
    responses(
        (status = 200, description = "The relationship, terminated, with its new ETag.", body = AdminRelationship, headers(("ETag" = String, description = "The same as @odata.etag."))),
        (status = 403, description = "Only a Global admin may terminate (notGlobalAdmin).", body = ErrorBody),
        (status = 404, description = "Not one of this organisation's relationships.", body = ErrorBody),
        (status = 409, description = "Not active (relationshipTerminated, relationshipNotActive).", body = ErrorBody),
        (status = 412, description = "If-Match is not the current ETag (stale).", body = ErrorBody),
        (status = 428, description = "If-Match is missing (preconditionRequired).", body = ErrorBody)
    )
)]
pub async fn terminate(
    State(state): State<AppState>,
    customer: Can<perm::ApproveAdminRelationships>,
    Path(id): Path<String>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    settle(&state).await?;
    state
        .store
        .customer_admin_relationship(&customer.customer_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let version = if_match.version()?;
    let actor = customer.actor();
    match state
        .store
        .customer_terminate_admin_relationship(&customer.customer_id, &id, version, &actor)
        .await?
    {
        ChangeOutcome::Changed(r) => {
            let body = view(*r, actor.now, None);
            Ok(tagged(StatusCode::OK, &body.etag.clone(), body))
        }
        ChangeOutcome::NotFound => Err(ApiError::NotFound),
        ChangeOutcome::Stale => Err(stale()),
        ChangeOutcome::NotAllowed(status) => Err(not_allowed(status, "be terminated")),
    }
}
