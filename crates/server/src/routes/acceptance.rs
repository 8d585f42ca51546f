//! The customer's side: look up an invitation link, accept it, list and manage partners.
//! Every refusal has its own code, so the portal can say exactly what happened.

use std::net::IpAddr;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_contract::{
    AcceptInvitation, AdminPrivileges, DelegatedRole, ErrorBody, ErrorCode, InvitationLookup,
    InvitationPreview, PartnerRelationship, Permission, Relationship,
};

use crate::AppState;
use crate::domain::ids::{CustomerId, PartnerId};
use crate::domain::invitation::{parse_token, token_hash};
use crate::domain::region::same_region;
use crate::domain::time::{now_unix, rfc3339};
use crate::http::{ApiError, ApiJson, Can, ClientAddr, CustomerUser, perm};
use crate::store::{AcceptOutcome, Acceptance, OrganizationRow, TokenInvitation};

fn refused(status: StatusCode, code: ErrorCode, message: &str) -> ApiError {
    ApiError::refused(status, code, message)
}

/// Why a found invitation cannot be used now, if it cannot.
fn unusable(inv: &TokenInvitation, now: i64) -> Option<ApiError> {
    if inv.revoked_at.is_some() {
        Some(refused(
            StatusCode::GONE,
            ErrorCode::InvitationRevoked,
            "The partner revoked this invitation. Ask them for a new one.",
        ))
    } else if inv.accepted_at.is_some() {
        Some(refused(
            StatusCode::CONFLICT,
            ErrorCode::InvitationUsed,
            "This invitation link was already used.",
        ))
    } else if now >= inv.expires_at {
        Some(refused(
            StatusCode::GONE,
            ErrorCode::InvitationExpired,
            "This invitation link has expired. Ask the partner for a new one.",
        ))
    } else {
        None
    }
}

/// Every check but the role and the agreement: the link, the region, an existing relationship.
async fn check(
    state: &AppState,
    client: IpAddr,
    customer: &OrganizationRow,
    token: &str,
) -> Result<TokenInvitation, ApiError> {
    let throttle = state.token_throttle;
    // Counted per client only: there is no subject to name.
    throttle.check(state, "", client).await?;
    let found = match parse_token(token) {
        Some(token) => state.store.invitation_by_token(&token_hash(token)).await?,
        None => None,
    };
    let Some(inv) = found else {
        throttle.record_failure(state, "", client).await?;
        return Err(refused(
            StatusCode::NOT_FOUND,
            ErrorCode::InvitationUnknown,
            "This invitation link is not valid. Check that the whole link was copied.",
        ));
    };
    if let Some(e) = unusable(&inv, now_unix()) {
        return Err(e);
    }
    if !same_region(&inv.partner_country, &customer.country) {
        return Err(refused(
            StatusCode::FORBIDDEN,
            ErrorCode::OutsideRegion,
            "This partner can accept customers only in its own country or region, and your organisation is outside it.",
        ));
    }
    if state
        .store
        .has_relationship(&inv.partner_id, &customer.id)
        .await?
    {
        return Err(refused(
            StatusCode::CONFLICT,
            ErrorCode::AlreadyCustomer,
            "Your organisation already has a relationship with this partner.",
        ));
    }
    Ok(inv)
}

/// `POST /api/v1/invitations/lookup`.
#[utoipa::path(
    post,
    path = "/api/v1/invitations/lookup",
    operation_id = "lookUpInvitation",
    tag = "acceptance",
    request_body = InvitationLookup,
    responses(
        (status = 200, description = "What accepting this invitation would mean.", body = InvitationPreview),
        (status = 403, description = "Not a customer organisation's account, or the customer is outside the partner's region.", body = ErrorBody),
        (status = 404, description = "No invitation has this link.", body = ErrorBody),
        (status = 409, description = "The link was already used, or the partner already has this customer.", body = ErrorBody),
        (status = 410, description = "The invitation expired or was revoked.", body = ErrorBody),
        (status = 429, description = "Too many link lookups; see Retry-After.", body = ErrorBody)
    )
)]
pub async fn lookup(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    user: CustomerUser,
    ApiJson(req): ApiJson<InvitationLookup>,
) -> Result<Json<InvitationPreview>, ApiError> {
    let customer = &user.organization;
    let inv = check(&state, client, customer, &req.token).await?;
    Ok(Json(InvitationPreview {
        partner_name: inv.partner_name,
        partner_country: inv.partner_country,
        cloud: inv.cloud,
        allow_delegated_access: inv.include_admin,
        expires_at: rfc3339(inv.expires_at),
        agreement_required: customer.agreement_accepted_at.is_none(),
        viewer_is_global_admin: user.can(Permission::AcceptInvitation),
        customer_name: customer.name.clone(),
    }))
}

/// `POST /api/v1/invitations/accept` → 201 with the customer's partner relationships.
#[utoipa::path(
    post,
    path = "/api/v1/invitations/accept",
    operation_id = "acceptInvitation",
    tag = "acceptance",
    request_body = AcceptInvitation,
    responses(
        (status = 201, description = "Accepted; the customer's partner relationships.", body = Vec<PartnerRelationship>),
        (status = 403, description = "Only a customer's Global admin may accept, and only within the partner's region.", body = ErrorBody),
        (status = 404, description = "No invitation has this link.", body = ErrorBody),
        (status = 409, description = "The Customer Agreement was not accepted, the link was already used, or the partner already has this relationship.", body = ErrorBody),
        (status = 410, description = "The invitation expired, was revoked, or was withdrawn when the partner ended the relationship.", body = ErrorBody),
        (status = 429, description = "Too many link lookups; see Retry-After.", body = ErrorBody)
    )
)]
pub async fn accept(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    user: Can<perm::AcceptInvitation>,
    ApiJson(req): ApiJson<AcceptInvitation>,
) -> Result<(StatusCode, Json<Vec<PartnerRelationship>>), ApiError> {
    let customer = &user.organization;
    let inv = check(&state, client, customer, &req.token).await?;
    let agreement_required = customer.agreement_accepted_at.is_none();
    if agreement_required && !req.accept_customer_agreement {
        return Err(refused(
            StatusCode::CONFLICT,
            ErrorCode::AgreementRequired,
            "Your organisation must accept the Microsoft Customer Agreement first.",
        ));
    }
    let outcome = state
        .store
        .accept_invitation(Acceptance {
            invitation: &inv,
            customer,
            actor: user.actor(),
            accept_agreement: agreement_required,
        })
        .await?;
    match outcome {
        AcceptOutcome::Accepted => {
            tracing::info!(invitation = %inv.id, customer = %customer.id, "invitation accepted");
            Ok((
                StatusCode::CREATED,
                Json(relationships(&state, &customer.id).await?),
            ))
        }
        AcceptOutcome::AlreadyCustomer => Err(refused(
            StatusCode::CONFLICT,
            ErrorCode::AlreadyCustomer,
            "Your organisation already has a relationship with this partner.",
        )),
        AcceptOutcome::WithdrawnByRemoval => Err(refused(
            StatusCode::GONE,
            ErrorCode::InvitationRevoked,
            "This invitation was withdrawn: the partner ended its relationship with your organisation after sending it. Ask the partner for a new invitation.",
        )),
        AcceptOutcome::NoLongerPending => {
            let now_state = state
                .store
                .invitation_by_token(&token_hash(&req.token))
                .await?;
            Err(now_state
                .and_then(|i| unusable(&i, now_unix()))
                .unwrap_or_else(|| {
                    refused(
                        StatusCode::CONFLICT,
                        ErrorCode::InvitationUsed,
                        "This invitation link was already used.",
                    )
                }))
        }
    }
}

async fn relationships(
    state: &AppState,
    customer_id: &CustomerId,
) -> Result<Vec<PartnerRelationship>, ApiError> {
    Ok(state
        .store
        .partner_relationships(customer_id)
        .await?
        .into_iter()
        .map(|p| PartnerRelationship {
            partner_id: p.partner_id,
            partner_name: p.partner_name,
            partner_country: p.partner_country,
            relationship: Relationship::Reseller,
            admin_roles: if p.admin_privileges == AdminPrivileges::Granted {
                vec![
                    DelegatedRole::GlobalAdministrator,
                    DelegatedRole::HelpdeskAdministrator,
                ]
            } else {
                vec![]
            },
            since: rfc3339(p.since),
        })
        .collect())
}

/// `GET /api/v1/partnerrelationships`: the customer's partners (any user of the customer).
#[utoipa::path(
    get,
    path = "/api/v1/partnerrelationships",
    operation_id = "listPartnerRelationships",
    tag = "acceptance",
    responses(
        (status = 200, description = "The customer's partners.", body = Vec<PartnerRelationship>),
        (status = 403, description = "Only customer organisations have partners.", body = ErrorBody)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CustomerUser,
) -> Result<Json<Vec<PartnerRelationship>>, ApiError> {
    Ok(Json(relationships(&state, &user.customer_id).await?))
}

/// `POST /api/v1/partnerrelationships/{partnerId}/removeroles` (customer Global admin): the
/// partner keeps the reseller relationship but loses its admin roles. A partner without admin
/// roles is left as it is (200).
#[utoipa::path(
    post,
    path = "/api/v1/partnerrelationships/{partner_id}/removeroles",
    operation_id = "removePartnerRoles",
    tag = "acceptance",
    params(("partner_id" = String, Path, description = "The partner organisation id.")),
    responses(
        (status = 200, description = "The customer's partners afterwards.", body = Vec<PartnerRelationship>),
        (status = 403, description = "Only the customer's Global admin may remove roles.", body = ErrorBody),
        (status = 404, description = "Not one of this customer's partners.", body = ErrorBody)
    )
)]
pub async fn remove_roles(
    State(state): State<AppState>,
    user: Can<perm::RemovePartnerRoles>,
    Path(partner_id): Path<PartnerId>,
) -> Result<Json<Vec<PartnerRelationship>>, ApiError> {
    state
        .store
        .remove_partner_roles(&user.actor(), &user.customer_id, &partner_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(relationships(&state, &user.customer_id).await?))
}
