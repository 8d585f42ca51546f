//! Reseller relationship requests: create, list, show, revoke. Only Admin agents and Global
//! admins create or revoke, or see the link; every partner user sees the list.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_contract::auth::EMAIL_MAX_LEN;
use portal_contract::{
    Cloud, CreateRelationshipRequest, EmailAddress, ErrorBody, FieldCode, Invitation,
    InvitationStatus, Page, Permission,
};
use serde::Deserialize;

use super::customers::page;
use crate::AppState;
use crate::domain::continuation::{KeyPart, TokenError};
use crate::domain::ids::InvitationId;
use crate::domain::invitation::{self, new_seed, token_hash};
use crate::domain::paging::{Cursor, Edges};
use crate::domain::time::{now_unix, rfc3339};
use crate::http::paging::check_filter_len;
use crate::http::{ApiError, ApiJson, Can, PageParams, Paged, PartnerUser, perm};
use crate::store::{InvitationQuery, InvitationRow, NewInvitation, RevokeOutcome};

fn view(state: &AppState, partner: &PartnerUser, r: InvitationRow) -> Invitation {
    let status = invitation::status(r.revoked_at, r.accepted_at, r.expires_at, now_unix());
    let may_manage = partner.can(Permission::ManageInvitations);
    let link = (may_manage && status == InvitationStatus::Pending).then(|| {
        format!(
            "{}/accept#{}",
            state.settings.portal_base(partner.cloud),
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

/// The rules of a new request beyond its JSON shape, every broken one at once.
fn validate(
    req: &CreateRelationshipRequest,
    cloud: Cloud,
) -> Result<Option<EmailAddress>, ApiError> {
    let mut errors = Vec::new();
    if !req.allow_delegated_access && cloud != Cloud::Public {
        errors.push(portal_contract::FieldError::new(
            "allowDelegatedAccess",
            FieldCode::RequiredForCloud,
            "Partners in the Microsoft Cloud Germany and Microsoft Cloud for US Government clouds must include delegated administration privileges.",
        ));
    }
    let email = EmailAddress::parse_optional(req.customer_email.as_deref().unwrap_or(""));
    if let Err(code) = email {
        let message = match code {
            FieldCode::TooLong => {
                format!("The e-mail address is longer than {EMAIL_MAX_LEN} characters.")
            }
            _ => "Enter an e-mail address like name@example.com.".to_owned(),
        };
        errors.push(portal_contract::FieldError::new(
            "customerEmail",
            code,
            message,
        ));
    }
    match email {
        Ok(email) if errors.is_empty() => Ok(email),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// `POST /api/v1/customers/relationshiprequests` → 201 with the invitation and its link.
#[utoipa::path(
    post,
    path = "/api/v1/customers/relationshiprequests",
    operation_id = "createInvitation",
    tag = "invitations",
    request_body = CreateRelationshipRequest,
    responses(
        (status = 201, description = "The invitation with its link.", body = Invitation),
        (status = 403, description = "Only Admin agents and Global admins may invite.", body = ErrorBody),
        (status = 422, description = "A field breaks a rule; every broken rule is listed.", body = ErrorBody)
    )
)]
pub async fn create(
    State(state): State<AppState>,
    partner: Can<perm::ManageInvitations>,
    ApiJson(req): ApiJson<CreateRelationshipRequest>,
) -> Result<(StatusCode, Json<Invitation>), ApiError> {
    let customer_email = validate(&req, partner.cloud)?;
    let seed = new_seed();
    let token = state.invitation_key.token(&seed);
    let actor = partner.actor();
    let now = actor.now;
    let id = InvitationId::new(uuid::Uuid::new_v4().to_string());
    let row = state
        .store
        .create_invitation(NewInvitation {
            id: &id,
            partner_id: &partner.partner_id,
            token_seed: &seed,
            token_hash: &token_hash(&token),
            include_admin: req.allow_delegated_access,
            customer_email: customer_email.as_ref().map(EmailAddress::as_str),
            language: req.language,
            created_by: actor.user_id,
            created_by_email: actor.email,
            created_at: now,
            expires_at: now + i64::from(state.settings.invitation_days) * 86_400,
        })
        .await?;
    tracing::info!(invitation = %id, "invitation created");
    Ok((StatusCode::CREATED, Json(view(&state, &partner, row))))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListQuery {
    /// Only invitations with this status: `pending`, `accepted`, `expired` or `revoked`.
    #[param(value_type = Option<InvitationStatus>)]
    status: Option<String>,
    /// Starts-with search on the customer e-mail address, ignoring case.
    #[param(max_length = 254)]
    filter: Option<String>,
}

/// The status filter of the list; an unknown one is a field error, never "all".
fn status_filter(raw: Option<&str>) -> Result<Option<InvitationStatus>, ApiError> {
    match raw {
        None => Ok(None),
        Some(text) => InvitationStatus::parse(text).map(Some).ok_or_else(|| {
            ApiError::query(
                "status",
                FieldCode::Invalid,
                "status must be one of pending, accepted, expired, revoked.",
            )
        }),
    }
}

/// `GET /api/v1/customers/relationshiprequests`, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/customers/relationshiprequests",
    operation_id = "listInvitations",
    tag = "invitations",
    params(PageParams, ListQuery),
    responses(
        (status = 200, description = "Invitations, newest first.", body = Page<Invitation>),
        (status = 400, description = "A bad size, status, filter or continuation token.", body = ErrorBody),
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
) -> Result<Json<Page<Invitation>>, ApiError> {
    let status = status_filter(q.status.as_deref())?;
    let filter = q
        .filter
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    check_filter_len(&filter, EMAIL_MAX_LEN)?;
    // Tokens are bound to the filter and the status: a page of one list never opens another.
    let mut cursor = Cursor::open(
        &state.page_tokens,
        partner.partner_id.as_str(),
        format!(
            "invitations|{}|{filter}",
            status.map_or("", InvitationStatus::as_str)
        ),
        paging.token.as_deref(),
    )?;
    let now = now_unix();
    let (db, partner_id, filter) = (&state.store, &partner.partner_id, filter.as_str());
    let read = |from: Option<(Vec<KeyPart>, bool)>| async move {
        let from = match from
            .as_ref()
            .map(|(key, backwards)| (key.as_slice(), *backwards))
        {
            None => None,
            Some(([KeyPart::Int(at), KeyPart::Text(id)], backwards)) => {
                Some(((*at, id.as_str()), backwards))
            }
            Some(_) => return Err(ApiError::from(TokenError::Invalid)),
        };
        let query = InvitationQuery {
            partner_id,
            status,
            email_prefix: filter,
            size: paging.size,
            from,
            now,
        };
        Ok(db.invitations_page(&query).await?)
    };
    let found = cursor.read(read, |found| found.has_before).await?;
    let key = |r: &InvitationRow| vec![KeyPart::Int(r.created_at), KeyPart::Text(r.id.clone())];
    let links = cursor.links(
        &state.page_tokens,
        Edges {
            rows: found.rows.len() as u64,
            has_before: found.has_before,
            has_after: found.has_after,
            first_key: found.rows.first().map(key).unwrap_or_default(),
            last_key: found.rows.last().map(key).unwrap_or_default(),
        },
    );
    let items = found
        .rows
        .into_iter()
        .map(|r| view(&state, &partner, r))
        .collect();
    Ok(Json(page(items, found.total_count, links)))
}

/// `GET /api/v1/customers/relationshiprequests/{id}`.
#[utoipa::path(
    get,
    path = "/api/v1/customers/relationshiprequests/{id}",
    operation_id = "getInvitation",
    tag = "invitations",
    params(("id" = String, Path, description = "The invitation id.")),
    responses(
        (status = 200, description = "The invitation.", body = Invitation),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's invitations.", body = ErrorBody)
    )
)]
pub async fn get(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<InvitationId>,
) -> Result<Json<Invitation>, ApiError> {
    let row = state
        .store
        .invitation(&partner.partner_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(view(&state, &partner, row)))
}

/// `POST /api/v1/customers/relationshiprequests/{id}/revoke`: the link stops working at once.
/// Revoking an accepted or already revoked invitation is a 409.
#[utoipa::path(
    post,
    path = "/api/v1/customers/relationshiprequests/{id}/revoke",
    operation_id = "revokeInvitation",
    tag = "invitations",
    params(("id" = String, Path, description = "The invitation id.")),
    responses(
        (status = 200, description = "The revoked invitation.", body = Invitation),
        (status = 403, description = "Only Admin agents and Global admins may revoke.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's invitations.", body = ErrorBody),
        (status = 409, description = "The invitation is no longer pending.", body = ErrorBody)
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    partner: Can<perm::ManageInvitations>,
    Path(id): Path<InvitationId>,
) -> Result<Json<Invitation>, ApiError> {
    let outcome = state
        .store
        .revoke_invitation(&partner.actor(), &partner.partner_id, &id)
        .await?;
    match outcome {
        RevokeOutcome::Revoked(row) => Ok(Json(view(&state, &partner, *row))),
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
