//! Reseller relationship requests: create, list, show, revoke. Only Admin agents and Global
//! admins create or revoke, or see the link; every partner user sees the list.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_contract::ErrorBody;
use portal_contract::auth::EMAIL_MAX_LEN;
use portal_contract::{
    Cloud, CreateRelationshipRequest, Invitation, InvitationStatus, OrganizationKind, Page, Role,
};
use serde::Deserialize;

use super::customers::page_size;
use crate::AppState;
use crate::db::{InvitationQuery, InvitationRow, NewInvitation, RevokeOutcome};
use crate::domain::continuation::{KeyPart, Position, TokenError};
use crate::domain::email::EmailAddress;
use crate::domain::invitation::{self, new_seed, token_hash};
use crate::domain::time::{now_unix, rfc3339};
use crate::http::{ApiError, ApiJson, ApiQuery, CurrentUser};

/// Who may create and revoke invitations.
const MANAGERS: [Role; 2] = [Role::AdminAgent, Role::GlobalAdmin];

fn partner(user: &CurrentUser) -> Result<(&str, Cloud), ApiError> {
    match (user.me.organization.kind, user.me.organization.cloud) {
        (OrganizationKind::Partner, Some(cloud)) => Ok((user.organization_id(), cloud)),
        _ => Err(ApiError::Forbidden(
            "Only partner organisations send invitations.".into(),
        )),
    }
}

fn view(state: &AppState, user: &CurrentUser, cloud: Cloud, r: InvitationRow) -> Invitation {
    let status = invitation::status(r.revoked_at, r.accepted_at, r.expires_at, now_unix());
    let may_manage = MANAGERS.iter().any(|role| user.me.has_role(*role));
    let link = (may_manage && status == InvitationStatus::Pending).then(|| {
        format!(
            "{}/accept#{}",
            state.settings.portal_base(cloud),
            state.invitation_key.token(&r.token_seed)
        )
    });
    Invitation {
        id: r.id,
        status,
        allow_delegated_access: r.include_admin,
        customer_email: r.customer_email,
        language: r.language,
        created_at: rfc3339(r.created_at),
        created_by: r.created_by_email,
        expires_at: rfc3339(r.expires_at),
        accepted_at: r.accepted_at.map(rfc3339),
        accepted_by: r.accepted_by,
        revoked_at: r.revoked_at.map(rfc3339),
        link,
    }
}

/// The rules of a new request beyond its JSON shape.
fn validate(
    req: &CreateRelationshipRequest,
    cloud: Cloud,
) -> Result<Option<EmailAddress>, ApiError> {
    if !req.allow_delegated_access && cloud != Cloud::Public {
        return Err(ApiError::field(
            "allowDelegatedAccess",
            "requiredForCloud",
            "Partners in the Microsoft Cloud Germany and Microsoft Cloud for US Government clouds must include delegated administration privileges.",
        ));
    }
    match req.customer_email.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => EmailAddress::parse(raw).map(Some).map_err(|e| {
            let message = match e.code() {
                "tooLong" => {
                    format!("The e-mail address is longer than {EMAIL_MAX_LEN} characters.")
                }
                _ => "Enter an e-mail address like name@example.com.".to_owned(),
            };
            ApiError::field("customerEmail", e.code(), message)
        }),
    }
}

/// `POST /api/v1/customers/relationshiprequests` → 201 with the invitation and its link.
#[utoipa::path(
    post,
    path = "/api/v1/customers/relationshiprequests",
    tag = "invitations",
    request_body = CreateRelationshipRequest,
    responses(
        (status = 201, description = "The invitation with its link.", body = Invitation),
        (status = 403, description = "Only Admin agents and Global admins may invite.", body = ErrorBody),
        (status = 422, description = "A field breaks a rule; every broken rule is listed.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<CreateRelationshipRequest>,
) -> Result<(StatusCode, Json<Invitation>), ApiError> {
    let (partner_id, cloud) = partner(&user)?;
    user.require_any(&MANAGERS)?;
    let customer_email = validate(&req, cloud)?;
    let seed = new_seed();
    let token = state.invitation_key.token(&seed);
    let now = now_unix();
    let id = uuid::Uuid::new_v4().to_string();
    let row = state
        .db
        .create_invitation(NewInvitation {
            id: &id,
            partner_id,
            token_seed: &seed,
            token_hash: &token_hash(&token),
            include_admin: req.allow_delegated_access,
            customer_email: customer_email.as_ref().map(EmailAddress::as_str),
            language: req.language,
            created_by: &user.me.user.id,
            created_by_email: &user.me.user.email,
            created_at: now,
            expires_at: now + i64::from(state.settings.invitation_days) * 86_400,
        })
        .await?;
    tracing::info!(invitation = %id, "invitation created");
    Ok((StatusCode::CREATED, Json(view(&state, &user, cloud, row))))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListQuery {
    /// Invitations per page (default 50).
    #[param(minimum = 1, maximum = 1000)]
    size: Option<u32>,
    /// Only invitations with this status: `pending`, `accepted`, `expired` or `revoked`.
    #[param(value_type = Option<InvitationStatus>)]
    status: Option<String>,
    /// Starts-with search on the customer e-mail address, ignoring case.
    #[param(max_length = 254)]
    filter: Option<String>,
    /// Opaque; from the previous answer's `continuationToken` or `previousToken`.
    continuation_token: Option<String>,
}

/// The status filter of the list; an unknown one is a field error, never "all".
fn status_filter(raw: Option<&str>) -> Result<Option<InvitationStatus>, ApiError> {
    match raw {
        None => Ok(None),
        Some(text) => InvitationStatus::parse(text).map(Some).ok_or_else(|| {
            ApiError::query(
                "status",
                "status must be one of pending, accepted, expired, revoked.",
            )
        }),
    }
}

/// `GET /api/v1/customers/relationshiprequests`, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/customers/relationshiprequests",
    tag = "invitations",
    params(ListQuery),
    responses(
        (status = 200, description = "Invitations, newest first.", body = Page<Invitation>),
        (status = 400, description = "A bad size, status, filter or continuation token.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Page<Invitation>>, ApiError> {
    let (partner_id, cloud) = partner(&user)?;
    let size = page_size(q.size)?;
    let status = status_filter(q.status.as_deref())?;
    let filter = q
        .filter
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    if filter.chars().count() > EMAIL_MAX_LEN {
        return Err(ApiError::query(
            "filter",
            format!("filter must be at most {EMAIL_MAX_LEN} characters."),
        ));
    }
    // Tokens are bound to the filter and the status: a page of one list never opens another.
    let list_query = format!(
        "invitations|{}|{filter}",
        status.map_or("", InvitationStatus::as_str)
    );
    let position = q
        .continuation_token
        .as_deref()
        .map(|t| state.page_tokens.open(partner_id, &list_query, t))
        .transpose()
        .map_err(|e| ApiError::BadRequest(e.message().into()))?;
    let from = match &position {
        None => None,
        Some(p) => match p.key.as_slice() {
            [KeyPart::Int(at), KeyPart::Text(id)] => Some(((*at, id.as_str()), p.backwards)),
            _ => return Err(ApiError::BadRequest(TokenError::Invalid.message().into())),
        },
    };
    let mut query = InvitationQuery {
        partner_id,
        status,
        email_prefix: &filter,
        size,
        from,
        now: now_unix(),
    };
    let mut page = state.db.invitations_page(&query).await?;
    let mut offset = match &position {
        None => 0,
        Some(p) if p.backwards => p.offset.saturating_sub(page.rows.len() as u64),
        Some(p) => p.offset,
    };
    // Walking back reached the start (rows left the filter meanwhile): the first page instead.
    if position.as_ref().is_some_and(|p| p.backwards) && !page.has_before {
        query.from = None;
        page = state.db.invitations_page(&query).await?;
        offset = 0;
    }
    let seal = |backwards: bool, offset: u64, row: &InvitationRow| {
        let position = Position {
            query: list_query.clone(),
            backwards,
            offset,
            key: vec![KeyPart::Int(row.created_at), KeyPart::Text(row.id.clone())],
        };
        state.page_tokens.seal(partner_id, &position)
    };
    let count = page.rows.len() as u64;
    let next = page
        .rows
        .last()
        .filter(|_| page.has_after)
        .map(|last| seal(false, offset + count, last));
    let previous = page
        .rows
        .first()
        .filter(|_| page.has_before && offset > 0)
        .map(|first| seal(true, offset, first));
    Ok(Json(Page {
        total_count: page.total_count,
        items: page
            .rows
            .into_iter()
            .map(|r| view(&state, &user, cloud, r))
            .collect(),
        continuation_token: next,
        previous_token: previous,
        offset: Some(offset),
    }))
}

/// `GET /api/v1/customers/relationshiprequests/{id}`.
#[utoipa::path(
    get,
    path = "/api/v1/customers/relationshiprequests/{id}",
    tag = "invitations",
    params(("id" = String, Path, description = "The invitation id.")),
    responses(
        (status = 200, description = "The invitation.", body = Invitation),
        (status = 404, description = "Not one of this partner's invitations.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Invitation>, ApiError> {
    let (partner_id, cloud) = partner(&user)?;
    let row = state
        .db
        .invitation(partner_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(view(&state, &user, cloud, row)))
}

/// `POST /api/v1/customers/relationshiprequests/{id}/revoke`: the link stops working at once.
/// Revoking an accepted or already revoked invitation is a 409.
#[utoipa::path(
    post,
    path = "/api/v1/customers/relationshiprequests/{id}/revoke",
    tag = "invitations",
    params(("id" = String, Path, description = "The invitation id.")),
    responses(
        (status = 200, description = "The revoked invitation.", body = Invitation),
        (status = 403, description = "Only Admin agents and Global admins may revoke.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's invitations.", body = ErrorBody),
        (status = 409, description = "The invitation is no longer pending.", body = ErrorBody),
        (status = "default", description = "Any other failure, as the one JSON error body (400 malformed, 401 signed out, 413 too large, 415 not JSON, 429 throttled, ...).", body = ErrorBody)
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Invitation>, ApiError> {
    let (partner_id, cloud) = partner(&user)?;
    user.require_any(&MANAGERS)?;
    let outcome = state
        .db
        .revoke_invitation(
            partner_id,
            &id,
            &user.me.user.id,
            &user.me.user.email,
            now_unix(),
        )
        .await?;
    match outcome {
        RevokeOutcome::Revoked(row) => Ok(Json(view(&state, &user, cloud, *row))),
        RevokeOutcome::NotFound => Err(ApiError::NotFound),
        RevokeOutcome::NotPending => Err(ApiError::Conflict(
            "This invitation was already accepted or revoked.".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::Language;

    fn req(admin: bool, email: Option<&str>) -> CreateRelationshipRequest {
        CreateRelationshipRequest {
            allow_delegated_access: admin,
            customer_email: email.map(str::to_owned),
            language: Language::En,
        }
    }

    fn field_code(r: Result<Option<EmailAddress>, ApiError>) -> String {
        match r {
            Err(ApiError::Validation(f)) => format!("{}:{}", f[0].field, f[0].code),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sovereign_clouds_must_include_admin_privileges() {
        assert!(validate(&req(false, None), Cloud::Public).is_ok());
        for cloud in [Cloud::Germany, Cloud::UsGovernment] {
            assert_eq!(
                field_code(validate(&req(false, None), cloud)),
                "allowDelegatedAccess:requiredForCloud"
            );
            assert!(validate(&req(true, None), cloud).is_ok());
        }
    }

    #[test]
    fn the_customer_email_is_optional_but_checked() {
        assert_eq!(
            validate(&req(true, Some("  ")), Cloud::Public).unwrap(),
            None
        );
        assert_eq!(
            validate(&req(true, Some("Anna@Fabrikam.example")), Cloud::Public)
                .unwrap()
                .unwrap()
                .as_str(),
            "anna@fabrikam.example"
        );
        assert_eq!(
            field_code(validate(&req(true, Some("anna")), Cloud::Public)),
            "customerEmail:invalidEmail"
        );
    }
}
