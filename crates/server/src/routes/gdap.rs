//! Granular admin relationships, the partner's side (Graph's
//! `tenantRelationships/delegatedAdminRelationships`): list, request, show, `requests`
//! (`lockForApproval`, `terminate`), access assignments, the role catalogue and the partner's
//! security groups. Every partner user reads; Admin agents and Global admins change. Due
//! expiries and extensions are recorded before every read and change, so what is shown is what
//! the audit log says.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_contract::customers::FILTER_MAX_LEN;
use portal_contract::gdap::{
    AccessAssignment, AccessContainer, AccessDetails, AdminRelationship,
    AdminRelationshipStatus as Status, CreateAccessAssignment, CreateAdminRelationship,
    DURATION_MAX_DAYS, DayDuration, RelationshipAction, RelationshipCustomer, RelationshipPartner,
    RelationshipRequest, RoleDefinition, SecurityGroup, UnifiedRole, UpdateAccessAssignment,
};
use portal_contract::{ErrorBody, ErrorCode, FieldCode, FieldError, Page, Permission, paths};
use serde::Deserialize;

use super::customers::page;
use crate::AppState;
use crate::domain::continuation::{KeyPart, TokenError};
use crate::domain::gdap::{self, DAY, check_request, check_roles, etag, status_at};
use crate::domain::ids::CustomerId;
use crate::domain::invitation::{new_seed, token_hash};
use crate::domain::paging::{Cursor, Edges};
use crate::domain::roles;
use crate::domain::search_key;
use crate::domain::time::{now_unix, rfc3339};
use crate::http::if_match::stale;
use crate::http::paging::check_filter_len;
use crate::http::{ApiError, ApiJson, Can, IfMatch, PageParams, Paged, PartnerUser, perm};
use crate::store::AssignmentAudit;
use crate::store::{
    ActiveAdminRoles, AssignmentOutcome, AssignmentRow, ChangeOutcome, NewRelationship,
    RelationshipChange, RelationshipQuery, RelationshipRow,
};

/// Records due expiries and extensions, so the read or change that follows sees them.
pub(super) async fn settle(state: &AppState) -> Result<i64, ApiError> {
    let now = now_unix();
    state.store.settle_admin_relationships(now).await?;
    Ok(now)
}

fn unified(roles: &[String]) -> AccessDetails {
    AccessDetails {
        unified_roles: roles
            .iter()
            .map(|id| UnifiedRole {
                role_definition_id: id.clone(),
            })
            .collect(),
    }
}

/// The relationship as the API shows it; `link` only for those who may manage requests.
pub(super) fn view(r: RelationshipRow, now: i64, link: Option<String>) -> AdminRelationship {
    let (status, end) = status_at(r.state, r.end_at, r.auto_extend_days, now);
    AdminRelationship {
        etag: etag(r.version),
        display_name: r.display_name,
        duration: DayDuration(r.duration_days).iso(),
        customer: r
            .customer_id
            .zip(r.customer_name)
            .map(|(tenant_id, display_name)| RelationshipCustomer {
                tenant_id,
                display_name,
            }),
        partner: RelationshipPartner {
            tenant_id: r.partner_id,
            display_name: r.partner_name,
        },
        access_details: unified(&r.roles),
        auto_extend_duration: DayDuration(r.auto_extend_days).iso(),
        status,
        created_date_time: rfc3339(r.created_at),
        last_modified_date_time: rfc3339(r.modified_at),
        activated_date_time: r.activated_at.map(rfc3339),
        end_date_time: Some(rfc3339(end)),
        ending_soon: gdap::ending_soon(status, end, now),
        approval_link: link.filter(|_| status == Status::ApprovalPending),
        history: Vec::new(),
        id: r.id,
    }
}

/// Fills each customer's `granularAdmin` (see [`summarise`]), reading the active relationships
/// unless the store gave them already (`known`, read with the page).
pub(super) async fn add_summaries(
    state: &AppState,
    partner_id: &crate::domain::ids::PartnerId,
    customers: &mut [portal_contract::Customer],
    known: Option<Vec<ActiveAdminRoles>>,
) -> Result<(), ApiError> {
    let active = match known {
        Some(active) => active,
        None => {
            let ids: Vec<&str> = customers.iter().map(|c| c.id.as_str()).collect();
            state.store.active_admin_roles(partner_id, &ids).await?
        }
    };
    summarise(customers, &active, now_unix());
    Ok(())
}

/// Each customer's `granularAdmin`: the distinct roles of its active relationships with the
/// partner and the earliest end among them, as they stand at `now`.
fn summarise(customers: &mut [portal_contract::Customer], active: &[ActiveAdminRoles], now: i64) {
    if active.is_empty() {
        return;
    }
    for customer in customers.iter_mut() {
        let mut roles = std::collections::BTreeSet::new();
        let mut ends = None::<i64>;
        for (_, rs, end_at, auto) in active.iter().filter(|a| a.0 == customer.id) {
            let (status, end) = status_at(Status::Active, *end_at, *auto, now);
            if status == Status::Active {
                roles.extend(rs.iter().map(String::as_str));
                ends = Some(ends.map_or(end, |e| e.min(end)));
            }
        }
        customer.granular_admin = ends.map(|end| portal_contract::gdap::GranularAdminSummary {
            role_count: roles.len() as u32,
            ends: rfc3339(end),
        });
    }
}

/// The approval link: the customer portal of the partner's cloud, the token after `#token=`
/// (never sent to a server in a URL).
fn link(state: &AppState, partner: &PartnerUser, r: &RelationshipRow) -> Option<String> {
    let seed = r.token_seed.as_deref()?;
    partner.can(Permission::ManageAdminRelationships).then(|| {
        format!(
            "{}/{}#token={}",
            state.settings.portal_base(partner.cloud),
            paths::APPROVE_ROLES_PAGE,
            state.invitation_key.token(seed)
        )
    })
}

fn partner_view(
    state: &AppState,
    partner: &PartnerUser,
    r: RelationshipRow,
    now: i64,
) -> AdminRelationship {
    let link = link(state, partner, &r);
    view(r, now, link)
}

/// The answer with the `ETag` header equal to the body's `@odata.etag`.
pub(super) fn tagged<T: serde::Serialize>(status: StatusCode, tag: &str, body: T) -> Response {
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(tag) {
        headers.insert(header::ETAG, value);
    }
    (status, headers, Json(body)).into_response()
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListQuery {
    /// Only relationships with this status.
    #[param(value_type = Option<Status>)]
    status: Option<String>,
    /// Starts-with search on the relationship's or the customer's name, ignoring case and
    /// accents.
    #[param(max_length = 100)]
    filter: Option<String>,
    /// Only this customer's relationships (the customer's tab).
    customer_id: Option<String>,
    /// Only active relationships ending within this many days, soonest end first.
    #[param(minimum = 1, maximum = 730)]
    ending_within: Option<String>,
}

fn list_filters(q: &ListQuery) -> Result<(Option<Status>, Option<u32>), ApiError> {
    let mut errors = Vec::new();
    let status = match q.status.as_deref() {
        None => None,
        Some(text) => {
            let parsed = Status::parse(text);
            if parsed.is_none() {
                errors.push(FieldError::new(
                    "status",
                    FieldCode::Invalid,
                    "status must be one of approvalPending, active, expired, terminated.",
                ));
            }
            parsed
        }
    };
    let ending = match q.ending_within.as_deref() {
        None => None,
        Some(text) => {
            let days = text
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=DURATION_MAX_DAYS).contains(d));
            if days.is_none() {
                errors.push(FieldError::new(
                    "endingWithin",
                    FieldCode::Invalid,
                    format!(
                        "endingWithin must be a whole number of days from 1 to {DURATION_MAX_DAYS}."
                    ),
                ));
            }
            days
        }
    };
    if ending.is_some() && status.is_some_and(|s| s != Status::Active) {
        errors.push(FieldError::new(
            "status",
            FieldCode::NotAllowed,
            "The endingWithin view lists active relationships only.",
        ));
    }
    if errors.is_empty() {
        Ok((status, ending))
    } else {
        Err(ApiError::InvalidQuery(errors))
    }
}

/// `GET …/delegatedAdminRelationships`: newest first, or soonest end first with `endingWithin`.
#[utoipa::path(
    get,
    path = "/api/v1/tenantRelationships/delegatedAdminRelationships",
    operation_id = "listAdminRelationships",
    tag = "adminRelationships",
    params(PageParams, ListQuery),
    responses(
        (status = 200, description = "The partner's granular admin relationships.", body = Page<AdminRelationship>),
        (status = 400, description = "A bad size, status, filter, endingWithin or continuation token.", body = ErrorBody),
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
) -> Result<Json<Page<AdminRelationship>>, ApiError> {
    let (status, ending) = list_filters(&q)?;
    let search = search_key::fold(q.filter.as_deref().unwrap_or_default());
    check_filter_len(&search, FILTER_MAX_LEN)?;
    let customer = q.customer_id.map(CustomerId::new);
    let now = settle(&state).await?;
    let mut cursor = Cursor::open(
        &state.page_tokens,
        partner.partner_id.as_str(),
        format!(
            "adminRelationships|{}|{}|{}|{search}",
            status.map_or("", Status::as_str),
            ending.map_or(String::new(), |d| d.to_string()),
            customer.as_ref().map_or("", CustomerId::as_str),
        ),
        paging.token.as_deref(),
    )?;
    let (db, partner_id, search, customer) = (
        &state.store,
        &partner.partner_id,
        search.as_str(),
        customer.as_ref(),
    );
    let ending_before = ending.map(|d| now + i64::from(d) * DAY);
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
        let query = RelationshipQuery {
            partner_id,
            status,
            customer_id: customer,
            search,
            ending_before,
            size: paging.size,
            from,
        };
        Ok(db.admin_relationships_page(&query).await?)
    };
    let found = cursor.read(read, |found| found.has_before).await?;
    let key = |r: &RelationshipRow| {
        let at = if ending.is_some() {
            r.end_at
        } else {
            r.created_at
        };
        vec![KeyPart::Int(at), KeyPart::Text(r.id.clone())]
    };
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
        .map(|r| partner_view(&state, &partner, r, now))
        .collect();
    Ok(Json(page(items, found.total_count, links)))
}

/// `POST …/delegatedAdminRelationships`: the request, already locked for approval, with its
/// approval link.
#[utoipa::path(
    post,
    path = "/api/v1/tenantRelationships/delegatedAdminRelationships",
    operation_id = "createAdminRelationship",
    tag = "adminRelationships",
    request_body = CreateAdminRelationship,
    responses(
        (status = 201, description = "The request, pending approval, with its approval link; the ETag header is its @odata.etag.", body = AdminRelationship, headers(("ETag" = String, description = "The same as @odata.etag."))),
        (status = 403, description = "Only Admin agents and Global admins may request relationships.", body = ErrorBody),
        (status = 422, description = "A field breaks a rule (name missing, too long or taken; duration; roles; auto extend; customer); every broken rule is listed.", body = ErrorBody)
    )
)]
pub async fn create(
    State(state): State<AppState>,
    partner: Can<perm::ManageAdminRelationships>,
    ApiJson(req): ApiJson<CreateAdminRelationship>,
) -> Result<Response, ApiError> {
    let checked = check_request(&req);
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    // The rules that need the database are checked too, so every error comes at once.
    let name = req.display_name.trim();
    if !name.is_empty()
        && name.chars().count() <= portal_contract::gdap::NAME_MAX_LEN
        && state
            .store
            .admin_relationship_name_taken(&partner.partner_id, name)
            .await?
    {
        errors.push(name_taken());
    }
    let customer = match &req.customer {
        None => None,
        Some(c) => {
            let id = CustomerId::new(c.tenant_id.clone());
            match state
                .store
                .partner_customer_name(&partner.partner_id, &id)
                .await?
            {
                Some(name) => Some((id, name)),
                None => {
                    errors.push(FieldError::new(
                        "customer.tenantId",
                        FieldCode::UnknownValue,
                        "This is not one of your customers.",
                    ));
                    None
                }
            }
        }
    };
    let valid = match checked {
        Ok(valid) if errors.is_empty() => valid,
        _ => return Err(ApiError::Validation(errors)),
    };
    let now = settle(&state).await?;
    let seed = new_seed();
    let token = state.invitation_key.token(&seed);
    let id = uuid::Uuid::new_v4().to_string();
    let actor = partner.actor();
    let created = state
        .store
        .create_admin_relationship(
            &actor,
            NewRelationship {
                id: &id,
                partner_id: &partner.partner_id,
                customer: customer.as_ref().map(|(id, name)| (id, name.as_str())),
                display_name: &valid.display_name,
                duration_days: valid.duration_days,
                auto_extend_days: valid.auto_extend_days,
                roles: &valid.roles,
                token_seed: &seed,
                token_hash: &token_hash(&token),
                expires_at: actor.now
                    + i64::from(portal_contract::gdap::APPROVAL_WINDOW_DAYS) * DAY,
            },
        )
        .await?
        .ok_or_else(|| ApiError::Validation(vec![name_taken()]))?;
    tracing::info!(relationship = %id, "granular admin relationship requested");
    let body = partner_view(&state, &partner, created, now);
    Ok(tagged(StatusCode::CREATED, &body.etag.clone(), body))
}

fn name_taken() -> FieldError {
    FieldError::new(
        "displayName",
        FieldCode::Taken,
        "You already have an admin relationship with this name.",
    )
}

/// The partner's relationship `id` (after settling), or 404.
async fn find(
    state: &AppState,
    partner: &PartnerUser,
    id: &str,
) -> Result<(RelationshipRow, i64), ApiError> {
    let now = settle(state).await?;
    let row = state
        .store
        .admin_relationship(&partner.partner_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((row, now))
}

/// `GET …/delegatedAdminRelationships/{id}`, with its status history.
#[utoipa::path(
    get,
    path = "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}",
    operation_id = "getAdminRelationship",
    tag = "adminRelationships",
    params(("id" = String, Path, description = "The relationship id.")),
    responses(
        (status = 200, description = "The relationship with its history; the ETag header is its @odata.etag.", body = AdminRelationship, headers(("ETag" = String, description = "The same as @odata.etag."))),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's relationships.", body = ErrorBody)
    )
)]
pub async fn get(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (row, now) = find(&state, &partner, &id).await?;
    let history = state.store.admin_relationship_history(&row.id).await?;
    let mut body = partner_view(&state, &partner, row, now);
    body.history = history;
    Ok(tagged(StatusCode::OK, &body.etag.clone(), body))
}

/// The refusal for a change the relationship's status does not allow.
pub(super) fn not_allowed(status: Status, action: &str) -> ApiError {
    let (code, message) = match status {
        Status::Terminated => (
            ErrorCode::RelationshipTerminated,
            format!("This relationship was terminated, so it cannot {action}."),
        ),
        _ => (
            ErrorCode::RelationshipNotActive,
            format!(
                "This relationship is {}, so it cannot {action}.",
                match status {
                    Status::ApprovalPending => "waiting for approval",
                    Status::Active => "active",
                    _ => "expired",
                }
            ),
        ),
    };
    ApiError::refused(StatusCode::CONFLICT, code, message)
}

/// `POST …/{id}/requests`: `lockForApproval` (a new approval link while pending; the old one
/// stops working) or `terminate` (active or pending). Needs `If-Match`.
#[utoipa::path(
    post,
    path = "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/requests",
    operation_id = "actOnAdminRelationship",
    tag = "adminRelationships",
    params(
        ("id" = String, Path, description = "The relationship id."),
        ("If-Match" = String, Header, description = "The relationship's @odata.etag.")
    ),
    request_body = RelationshipRequest,
    responses(
        (status = 200, description = "The relationship after the action, with its new ETag (and new approval link).", body = AdminRelationship, headers(("ETag" = String, description = "The same as @odata.etag."))),
        (status = 403, description = "Only Admin agents and Global admins may do this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's relationships.", body = ErrorBody),
        (status = 409, description = "The status does not allow the action (relationshipTerminated, relationshipNotActive).", body = ErrorBody),
        (status = 412, description = "If-Match is not the current ETag (stale).", body = ErrorBody),
        (status = 422, description = "The action is not one of lockForApproval, terminate.", body = ErrorBody),
        (status = 428, description = "If-Match is missing (preconditionRequired).", body = ErrorBody)
    )
)]
pub async fn act(
    State(state): State<AppState>,
    partner: Can<perm::ManageAdminRelationships>,
    Path(id): Path<String>,
    if_match: IfMatch,
    ApiJson(req): ApiJson<RelationshipRequest>,
) -> Result<Response, ApiError> {
    let (row, _) = find(&state, &partner, &id).await?;
    let version = if_match.version()?;
    let change = RelationshipChange {
        partner_id: &partner.partner_id,
        id: &row.id,
        version,
        actor: partner.actor(),
    };
    let (outcome, action) = match req.action {
        RelationshipAction::LockForApproval => {
            let seed = new_seed();
            let hash = token_hash(&state.invitation_key.token(&seed));
            let outcome = state
                .store
                .relock_admin_relationship(change, &seed, &hash)
                .await?;
            (outcome, "get a new approval link")
        }
        RelationshipAction::Terminate => (
            state.store.terminate_admin_relationship(change).await?,
            "be terminated",
        ),
    };
    match outcome {
        ChangeOutcome::Changed(r) => {
            let body = partner_view(&state, &partner, *r, now_unix());
            Ok(tagged(StatusCode::OK, &body.etag.clone(), body))
        }
        ChangeOutcome::NotFound => Err(ApiError::NotFound),
        ChangeOutcome::Stale => Err(stale()),
        ChangeOutcome::NotAllowed(status) => Err(not_allowed(status, action)),
    }
}

// --- Access assignments ---

fn assignment(a: AssignmentRow) -> AccessAssignment {
    AccessAssignment {
        etag: etag(a.version),
        access_container: AccessContainer {
            access_container_id: a.group_id,
            access_container_type: "securityGroup".into(),
        },
        group_name: a.group_name,
        access_details: unified(&a.roles),
        created_date_time: rfc3339(a.created_at),
        last_modified_date_time: rfc3339(a.modified_at),
        id: a.id,
    }
}

/// `GET …/{id}/accessAssignments`, by group name.
#[utoipa::path(
    get,
    path = "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments",
    operation_id = "listAccessAssignments",
    tag = "adminRelationships",
    params(("id" = String, Path, description = "The relationship id.")),
    responses(
        (status = 200, description = "The relationship's assignments, one per security group.", body = Page<AccessAssignment>),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's relationships.", body = ErrorBody)
    )
)]
pub async fn assignments(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<String>,
) -> Result<Json<Page<AccessAssignment>>, ApiError> {
    let (row, _) = find(&state, &partner, &id).await?;
    let items = state.store.access_assignments(&row.id).await?;
    Ok(Json(super::customers::whole(
        items.into_iter().map(assignment).collect(),
    )))
}

fn audit_of<'a>(partner: &'a PartnerUser, row: &'a RelationshipRow) -> AssignmentAudit<'a> {
    AssignmentAudit {
        partner_id: &partner.partner_id,
        customer_id: row.customer_id.as_deref(),
        relationship_id: &row.id,
        relationship_name: &row.display_name,
        actor: partner.actor(),
    }
}

fn assignment_answer(outcome: AssignmentOutcome, status: StatusCode) -> Result<Response, ApiError> {
    match outcome {
        AssignmentOutcome::Done(Some(a)) => {
            let body = assignment(*a);
            Ok(tagged(status, &body.etag.clone(), body))
        }
        AssignmentOutcome::Done(None) => Ok(StatusCode::NO_CONTENT.into_response()),
        AssignmentOutcome::NotFound => Err(ApiError::NotFound),
        AssignmentOutcome::Stale => Err(stale()),
        AssignmentOutcome::NotActive => Err(not_active_for_assignments()),
        AssignmentOutcome::GroupTaken => Err(group_taken()),
    }
}

fn not_active_for_assignments() -> ApiError {
    ApiError::refused(
        StatusCode::CONFLICT,
        ErrorCode::RelationshipNotActive,
        "Only an active relationship's assignments can be changed.",
    )
}

fn group_taken() -> ApiError {
    ApiError::field(
        "accessContainer.accessContainerId",
        FieldCode::Taken,
        "This security group already has an assignment in this relationship; change that one.",
    )
}

/// The relationship, active, or the refusal.
async fn active(
    state: &AppState,
    partner: &PartnerUser,
    id: &str,
) -> Result<RelationshipRow, ApiError> {
    let (row, now) = find(state, partner, id).await?;
    if status_at(row.state, row.end_at, row.auto_extend_days, now).0 != Status::Active {
        return Err(not_active_for_assignments());
    }
    Ok(row)
}

/// `POST …/{id}/accessAssignments`: one security group and a subset of the relationship's roles.
#[utoipa::path(
    post,
    path = "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments",
    operation_id = "createAccessAssignment",
    tag = "adminRelationships",
    params(("id" = String, Path, description = "The relationship id.")),
    request_body = CreateAccessAssignment,
    responses(
        (status = 201, description = "The assignment; the ETag header is its @odata.etag.", body = AccessAssignment, headers(("ETag" = String, description = "The same as @odata.etag."))),
        (status = 403, description = "Only Admin agents and Global admins may assign roles.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's relationships.", body = ErrorBody),
        (status = 409, description = "The relationship is not active (relationshipNotActive).", body = ErrorBody),
        (status = 422, description = "Unknown group, a group already assigned, or roles missing, unknown, repeated or not the relationship's.", body = ErrorBody)
    )
)]
pub async fn create_assignment(
    State(state): State<AppState>,
    partner: Can<perm::ManageAdminRelationships>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<CreateAccessAssignment>,
) -> Result<Response, ApiError> {
    let row = active(&state, &partner, &id).await?;
    let mut errors = Vec::new();
    let group_id = req.access_container.access_container_id.as_str();
    let group = state
        .store
        .security_group_name(&partner.partner_id, group_id)
        .await?;
    if req.access_container.access_container_type != "securityGroup" || group.is_none() {
        errors.push(FieldError::new(
            "accessContainer.accessContainerId",
            FieldCode::UnknownValue,
            "This is not one of your security groups.",
        ));
    }
    let roles = check_roles(
        &req.access_details,
        |r| row.roles.iter().any(|x| x == r),
        &mut errors,
    );
    ApiError::fields(errors)?;
    let group = group.unwrap_or_default();
    let new_id = uuid::Uuid::new_v4().to_string();
    let outcome = state
        .store
        .create_access_assignment(audit_of(&partner, &row), &new_id, group_id, &group, &roles)
        .await?;
    assignment_answer(outcome, StatusCode::CREATED)
}

/// `PATCH …/{id}/accessAssignments/{assignmentId}`: new roles for the group. Needs `If-Match`.
#[utoipa::path(
    patch,
    path = "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignment_id}",
    operation_id = "updateAccessAssignment",
    tag = "adminRelationships",
    params(
        ("id" = String, Path, description = "The relationship id."),
        ("assignment_id" = String, Path, description = "The assignment id."),
        ("If-Match" = String, Header, description = "The assignment's @odata.etag.")
    ),
    request_body = UpdateAccessAssignment,
    responses(
        (status = 200, description = "The assignment with its new ETag.", body = AccessAssignment, headers(("ETag" = String, description = "The same as @odata.etag."))),
        (status = 403, description = "Only Admin agents and Global admins may change assignments.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's relationships or assignments.", body = ErrorBody),
        (status = 409, description = "The relationship is not active (relationshipNotActive).", body = ErrorBody),
        (status = 412, description = "If-Match is not the current ETag (stale).", body = ErrorBody),
        (status = 422, description = "Roles missing, unknown, repeated or not the relationship's.", body = ErrorBody),
        (status = 428, description = "If-Match is missing (preconditionRequired).", body = ErrorBody)
    )
)]
pub async fn update_assignment(
    State(state): State<AppState>,
    partner: Can<perm::ManageAdminRelationships>,
    Path((id, assignment_id)): Path<(String, String)>,
    if_match: IfMatch,
    ApiJson(req): ApiJson<UpdateAccessAssignment>,
) -> Result<Response, ApiError> {
    let (row, now) = find(&state, &partner, &id).await?;
    state
        .store
        .access_assignment(&row.id, &assignment_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let version = if_match.version()?;
    if status_at(row.state, row.end_at, row.auto_extend_days, now).0 != Status::Active {
        return Err(not_active_for_assignments());
    }
    let mut errors = Vec::new();
    let roles = check_roles(
        &req.access_details,
        |r| row.roles.iter().any(|x| x == r),
        &mut errors,
    );
    ApiError::fields(errors)?;
    let outcome = state
        .store
        .update_access_assignment(audit_of(&partner, &row), &assignment_id, version, &roles)
        .await?;
    assignment_answer(outcome, StatusCode::OK)
}

/// `DELETE …/{id}/accessAssignments/{assignmentId}`. Needs `If-Match`.
#[utoipa::path(
    delete,
    path = "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignment_id}",
    operation_id = "deleteAccessAssignment",
    tag = "adminRelationships",
    params(
        ("id" = String, Path, description = "The relationship id."),
        ("assignment_id" = String, Path, description = "The assignment id."),
        ("If-Match" = String, Header, description = "The assignment's @odata.etag.")
    ),
    responses(
        (status = 204, description = "Removed."),
        (status = 403, description = "Only Admin agents and Global admins may remove assignments.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's relationships or assignments.", body = ErrorBody),
        (status = 409, description = "The relationship is not active (relationshipNotActive).", body = ErrorBody),
        (status = 412, description = "If-Match is not the current ETag (stale).", body = ErrorBody),
        (status = 428, description = "If-Match is missing (preconditionRequired).", body = ErrorBody)
    )
)]
pub async fn delete_assignment(
    State(state): State<AppState>,
    partner: Can<perm::ManageAdminRelationships>,
    Path((id, assignment_id)): Path<(String, String)>,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    let (row, now) = find(&state, &partner, &id).await?;
    state
        .store
        .access_assignment(&row.id, &assignment_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let version = if_match.version()?;
    if status_at(row.state, row.end_at, row.auto_extend_days, now).0 != Status::Active {
        return Err(not_active_for_assignments());
    }
    let outcome = state
        .store
        .delete_access_assignment(audit_of(&partner, &row), &assignment_id, version)
        .await?;
    assignment_answer(outcome, StatusCode::NO_CONTENT)
}

// --- Catalogue and groups ---

/// `GET /api/v1/roleDefinitions`: the Microsoft Entra built-in roles a relationship may carry,
/// grouped, in both languages. Anyone signed in (the customer's approval page shows them too).
#[utoipa::path(
    get,
    path = "/api/v1/roleDefinitions",
    operation_id = "listRoleDefinitions",
    tag = "adminRelationships",
    responses(
        (status = 200, description = "The role catalogue, in the role dialog's order.", body = Vec<RoleDefinition>),
        (status = 401, description = "Not signed in.", body = ErrorBody)
    )
)]
pub async fn role_definitions(_: crate::http::CurrentUser) -> Json<Vec<RoleDefinition>> {
    Json(roles::definitions())
}

/// `GET /api/v1/securityGroups`: the partner's security groups with their members.
#[utoipa::path(
    get,
    path = "/api/v1/securityGroups",
    operation_id = "listSecurityGroups",
    tag = "adminRelationships",
    responses(
        (status = 200, description = "The partner's security groups, by name.", body = Vec<SecurityGroup>),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody)
    )
)]
pub async fn security_groups(
    State(state): State<AppState>,
    partner: PartnerUser,
) -> Result<Json<Vec<SecurityGroup>>, ApiError> {
    Ok(Json(
        state.store.security_groups(&partner.partner_id).await?,
    ))
}
