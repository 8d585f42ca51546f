//! The OpenAPI 3.1 document at `/api/v1/openapi.json`. Operations come from the
//! `#[utoipa::path]` attributes on the handlers, gathered by the router as it registers them;
//! this module adds what is common to all of them: the title, the tags and the session cookie.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use portal_contract::paths::SESSION_COOKIE;
use utoipa::Modify;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};

/// Name of the security scheme every operation needs unless it says `security(())`.
const SESSION: &str = "session";

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Partner Center API",
        description = "The partner portal's HTTP API: customers, reseller-relationship invitations and their acceptance, subscriptions, service requests and the audit log. Every error is one JSON body (`ErrorBody`) with a correlation id.",
        version = "1"
    ),
    modifiers(&SessionCookie),
    tags(
        (name = "auth", description = "Sign-in, sign-out and the session."),
        (name = "customers", description = "The partner's customers and their pages."),
        (name = "invitations", description = "Requests for a reseller relationship."),
        (name = "acceptance", description = "A customer accepting an invitation, and its partners."),
        (name = "subscriptions", description = "Suspend, reactivate, designated support partner."),
        (name = "service requests", description = "Support requests opened for a customer."),
        (name = "audit", description = "Who changed what, for Global admins."),
        (name = "adminRelationships", description = "Granular admin relationships (GDAP): requests, approval, access assignments, the role catalogue."),
    )
)]
pub struct ApiDoc;

/// Declares the session cookie and requires it everywhere; public operations opt out.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "Set by sign-in: HttpOnly, Secure, SameSite=Strict.",
            ))),
        );
        openapi.security = Some(vec![SecurityRequirement::new(
            SESSION,
            Vec::<String>::new(),
        )]);
    }
}

/// Adds the one error answer every operation can give, as `default`, so each handler documents
/// only its own answers. Applied to the router's document, once every operation is in it.
pub struct DefaultError;

/// What `default` stands for.
const DEFAULT_ERROR: &str = "Any other failure, as the one JSON error body: 400 malformed request, 401 signed out, 413 body too large, 415 not JSON, 422 body of the wrong shape, 429 throttled, 500 server fault.";

impl Modify for DefaultError {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let answer = ResponseBuilder::new()
            .description(DEFAULT_ERROR)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build();
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ];
            for op in operations.into_iter().flatten() {
                op.responses
                    .responses
                    .insert("default".into(), answer.clone().into());
            }
        }
    }
}

/// A handler answering with the document, serialised once at start-up.
pub fn serve(
    doc: &utoipa::openapi::OpenApi,
) -> Result<impl Fn() -> std::future::Ready<Response> + Clone + use<>, crate::BoxError> {
    let body = bytes_of(doc)?;
    Ok(move || {
        std::future::ready(
            (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                body.clone(),
            )
                .into_response(),
        )
    })
}

fn bytes_of(doc: &utoipa::openapi::OpenApi) -> Result<axum::body::Bytes, crate::BoxError> {
    Ok(serde_json::to_vec(doc)?.into())
}
