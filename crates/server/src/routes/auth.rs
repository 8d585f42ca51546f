//! Sign-in and sign-out.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_contract::ErrorBody;
use portal_contract::auth::PASSWORD_MAX_LEN;
use portal_contract::{EmailAddress, FieldCode, FieldError, Me, SignInRequest};

use crate::AppState;
use crate::domain::password;
use crate::http::session;
use crate::http::{ApiError, ApiJson, ClientAddr};

/// The one answer for a wrong address or a wrong password: it does not tell which.
const WRONG_CREDENTIALS: &str = "The e-mail address or password is incorrect.";

/// A right password of an organisation that signs in only through its identity provider.
const PASSWORD_OFF: &str =
    "Your organisation signs in through its own sign-in page. Use the button with its name.";

/// Field rules of a sign-in request. Only the shape is checked: a well-formed but unknown
/// address gets the same answer as a wrong password.
fn validate(req: &SignInRequest) -> Result<EmailAddress, ApiError> {
    let mut errors = Vec::new();
    let email = EmailAddress::parse(&req.email);
    if let Err(code) = email {
        let message = match code {
            FieldCode::Required => "Enter your e-mail address.",
            FieldCode::TooLong => "The e-mail address is too long.",
            _ => "Enter an e-mail address like name@example.com.",
        };
        errors.push(FieldError::new("email", code, message));
    }
    // A password is not trimmed: spaces may be part of it.
    if req.password.is_empty() {
        errors.push(FieldError::new(
            "password",
            FieldCode::Required,
            "Enter your password.",
        ));
    } else if req.password.chars().count() > PASSWORD_MAX_LEN {
        errors.push(FieldError::new(
            "password",
            FieldCode::TooLong,
            format!("The password is longer than {PASSWORD_MAX_LEN} characters."),
        ));
    }
    match email {
        Ok(email) if errors.is_empty() => Ok(email),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// `POST /api/v1/auth/signin`: checks the password, starts a new session (a new id every time,
/// and any session the browser still carried is ended) and answers with `Me`.
#[utoipa::path(
    post,
    path = "/api/v1/auth/signin",
    operation_id = "signIn",
    tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set.", body = Me),
        (status = 401, description = "Wrong e-mail address or password.", body = ErrorBody),
        (status = 422, description = "A field is missing or malformed.", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins; see Retry-After.", body = ErrorBody)
    ),
    security(())
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SignInRequest>,
) -> Result<Response, ApiError> {
    let email = validate(&req)?;
    let throttle = state.sign_in_throttle;
    throttle.check(&state, email.as_str(), client).await?;
    let credentials = state.store.credentials(email.as_str()).await?;
    let password = req.password;
    let user_id = tokio::task::spawn_blocking(move || match credentials {
        Some(c) if password::verify(&password, &c.password_hash) => Some(c.user_id),
        Some(_) => None,
        None => {
            password::verify_dummy(&password);
            None
        }
    })
    .await
    .map_err(|e| ApiError::Internal(Box::new(e)))?;

    let Some(user_id) = user_id else {
        throttle
            .record_failure(&state, email.as_str(), client)
            .await?;
        return Err(ApiError::Unauthorized(WRONG_CREDENTIALS));
    };
    throttle.record_success(&state, email.as_str()).await?;

    if state.oidc.any_password_off() {
        let domain = state.store.user_organization_domain(&user_id).await?;
        if domain.is_some_and(|d| !state.oidc.password_allowed(&d)) {
            return Err(ApiError::Unauthorized(PASSWORD_OFF));
        }
    }
    let (_, cookie) = session::begin(state.store.as_ref(), &headers, &user_id).await?;
    let me = state.store.me(&user_id).await?.ok_or(ApiError::NotFound)?;
    tracing::info!(user = %me.user.id, "signed in");
    Ok(([(header::SET_COOKIE, cookie)], Json(me)).into_response())
}

/// `POST /api/v1/auth/signout`: ends the session, if any, and clears the cookie. Always 204, so
/// signing out twice is harmless.
#[utoipa::path(
    post,
    path = "/api/v1/auth/signout",
    operation_id = "signOut",
    tag = "auth",
    responses(
        (status = 204, description = "Signed out (also when there was no session).")
    ),
    security(())
)]
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = session::token_from_headers(&headers) {
        state
            .store
            .delete_session(&session::hash_token(&token))
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session::clear_cookie())],
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(email: &str, password: &str) -> SignInRequest {
        SignInRequest {
            email: email.into(),
            password: password.into(),
        }
    }

    fn fields(r: Result<EmailAddress, ApiError>) -> Vec<(String, String)> {
        match r {
            Err(ApiError::Validation(f)) => f.into_iter().map(|f| (f.field, f.code)).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn reports_every_bad_field_at_once() {
        assert_eq!(
            fields(validate(&req("", ""))),
            vec![
                ("email".into(), "required".into()),
                ("password".into(), "required".into())
            ]
        );
        assert_eq!(
            fields(validate(&req("x@y.hu", &"p".repeat(PASSWORD_MAX_LEN + 1)))),
            vec![("password".into(), "tooLong".into())]
        );
    }

    #[test]
    fn accepts_a_well_formed_request() {
        assert_eq!(
            validate(&req("A@B.hu", "secret")).unwrap().as_str(),
            "a@b.hu"
        );
    }
}
