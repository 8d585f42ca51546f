//! Service requests opened on a customer's behalf (Admin agent, Global admin, Helpdesk agent).
//! They need the reseller relationship, not admin privileges: a partner stays responsible for
//! its customer's support after the customer removed its roles.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_contract::support::{CONTACT_NAME_MAX_LEN, DESCRIPTION_MAX_LEN, TITLE_MAX_LEN};
use portal_contract::validation::required_text;
use portal_contract::{
    EmailAddress, ErrorBody, FieldCode, FieldError, NewServiceRequest, Page, ServiceRequest,
};

use super::customers::{own_customer, whole};
use crate::AppState;
use crate::domain::ids::CustomerId;
use crate::http::{ApiError, ApiJson, Can, PartnerUser, perm};
use crate::store::NewRequest;

/// Every broken rule of the request, at once.
fn validate(r: &NewServiceRequest) -> Result<EmailAddress, ApiError> {
    let mut errors = Vec::new();
    for (field, value, max) in [
        ("title", &r.title, TITLE_MAX_LEN),
        ("description", &r.description, DESCRIPTION_MAX_LEN),
        ("contactName", &r.contact_name, CONTACT_NAME_MAX_LEN),
    ] {
        if let Err(code) = required_text(value, max) {
            let message = match code {
                FieldCode::TooLong => format!("At most {max} characters."),
                _ => "This field is required.".to_owned(),
            };
            errors.push(FieldError::new(field, code, message));
        }
    }
    let email = EmailAddress::parse(&r.contact_email);
    if let Err(code) = &email {
        errors.push(FieldError::new(
            "contactEmail",
            *code,
            "Enter an email address like name@example.com.",
        ));
    }
    match email {
        Ok(email) if errors.is_empty() => Ok(email),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// `GET /api/v1/customers/{id}/servicerequests`, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/servicerequests",
    operation_id = "listServiceRequests",
    tag = "service requests",
    params(("id" = String, Path, description = "The customer id.")),
    responses(
        (status = 200, description = "The customer's service requests, newest first.", body = Page<ServiceRequest>),
        (status = 403, description = "Only a partner organisation's people may use this.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<CustomerId>,
) -> Result<Json<Page<ServiceRequest>>, ApiError> {
    own_customer(&state, &partner.partner_id, &id).await?;
    let items = state
        .store
        .service_requests(&partner.partner_id, &id)
        .await?;
    Ok(Json(whole(items)))
}

/// `POST /api/v1/customers/{id}/servicerequests`: 201 with the new request.
#[utoipa::path(
    post,
    path = "/api/v1/customers/{id}/servicerequests",
    operation_id = "openServiceRequest",
    tag = "service requests",
    params(("id" = String, Path, description = "The customer id.")),
    request_body = NewServiceRequest,
    responses(
        (status = 201, description = "The new service request.", body = ServiceRequest),
        (status = 403, description = "This role may not open service requests.", body = ErrorBody),
        (status = 404, description = "Not one of this partner's customers.", body = ErrorBody),
        (status = 422, description = "A field breaks a rule; every broken rule is listed.", body = ErrorBody)
    )
)]
pub async fn open(
    State(state): State<AppState>,
    partner: Can<perm::OpenServiceRequest>,
    Path(id): Path<CustomerId>,
    ApiJson(body): ApiJson<NewServiceRequest>,
) -> Result<(StatusCode, Json<ServiceRequest>), ApiError> {
    own_customer(&state, &partner.partner_id, &id).await?;
    let email = validate(&body)?;
    let created = state
        .store
        .open_service_request(
            &partner.actor(),
            &partner.partner_id,
            &id,
            &NewRequest {
                title: body.title.trim(),
                description: body.description.trim(),
                severity: body.severity,
                contact_name: body.contact_name.trim(),
                contact_email: email.as_str(),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}
