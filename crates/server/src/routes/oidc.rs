//! Sign-in through an organisation's identity provider. These are browser navigations (303s to
//! the provider and back to the app) and two small JSON answers, outside the OpenAPI document of
//! the JSON API. A refusal sends the browser to the app's sign-in page with
//! `?oidcError=<code>`, which the page explains; it never leaves a session behind.

use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{get, post};
use portal_contract::oidc::{self as paths, OidcProvider, OidcProviders, OidcSignOut};
use portal_contract::{EmailAddress, OidcRefusal};
use serde::Deserialize;

use crate::AppState;
use crate::domain::time::now_unix;
use crate::http::ApiError;
use crate::http::session::{self, SessionToken, cookie, hash_token};
use crate::oidc::return_path::safe_return_path;
use crate::store::PendingSignIn;

/// Ties a started sign-in to the browser that started it: a callback arriving in another browser
/// (a link planted by someone else) finds no match. `SameSite=Lax` so that it comes back on the
/// provider's top-level redirect.
const BROWSER_COOKIE: &str = "__Host-portal_oidc";

/// How long a started sign-in waits for its callback.
const MAX_AGE_SECS: i64 = 600;

/// The app's sign-in page, where refusals are explained.
const APP_SIGN_IN: &str = "/signin";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::PROVIDERS, get(providers))
        .route(paths::START, get(start))
        .route(paths::CALLBACK, get(callback))
        .route(paths::SIGN_OUT, post(sign_out))
}

/// The organisations whose people can sign in through their provider, for the sign-in page.
async fn providers(State(state): State<AppState>) -> Result<Json<OidcProviders>, ApiError> {
    let bound: Vec<_> = state.oidc.all().collect();
    let domains: Vec<String> = bound
        .iter()
        .map(|p| p.binding.organization.clone())
        .collect();
    let names = state.store.organization_names(&domains).await?;
    let providers = bound
        .into_iter()
        .zip(names)
        .filter_map(|(p, name)| {
            Some(OidcProvider {
                organization: p.binding.organization.clone(),
                organization_name: name?,
                name: p.binding.name.clone(),
            })
        })
        .collect();
    Ok(Json(OidcProviders { providers }))
}

#[derive(Debug, Deserialize)]
struct StartQuery {
    org: Option<String>,
    email: Option<String>,
    next: Option<String>,
}

/// Sends the browser to the organisation's provider (`org`, or found by the domain of `email`)
/// with a new `state`, `nonce` and PKCE challenge, all kept server side.
async fn start(
    State(state): State<AppState>,
    Query(q): Query<StartQuery>,
) -> Result<Response, ApiError> {
    let next = safe_return_path(q.next.as_deref());
    let provider = match (&q.org, &q.email) {
        (Some(org), _) => state.oidc.by_organization(org),
        (None, Some(email)) => state.oidc.by_email(email),
        (None, None) => None,
    };
    let Some(provider) = provider else {
        return Ok(refuse(&state, OidcRefusal::UnknownOrganization, &next));
    };
    let authorization = match provider.authorize().await {
        Ok(a) => a,
        Err(r) => return Ok(refuse(&state, r, &next)),
    };
    let browser = SessionToken::generate();
    let now = now_unix();
    let pending = PendingSignIn {
        browser_hash: hash_token(browser.as_str()),
        organization: provider.binding.organization.clone(),
        nonce: authorization.nonce,
        pkce_verifier: authorization.pkce_verifier,
        return_path: next,
        created_at: now,
    };
    state
        .store
        .insert_pending_sign_in(
            &hash_token(&authorization.state),
            &pending,
            now - MAX_AGE_SECS,
        )
        .await?;
    let cookie = format!(
        "{BROWSER_COOKIE}={}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={MAX_AGE_SECS}",
        browser.as_str()
    );
    Ok(see_other(
        &authorization.url,
        [HeaderValue::from_str(&cookie).map_err(|e| ApiError::Internal(Box::new(e)))?],
    ))
}

#[derive(Debug, Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    /// The issuer the answer comes from (RFC 9207), when the provider says: another one than
    /// the organisation's means the browser was sent to the wrong provider.
    iss: Option<String>,
}

/// The provider's answer: checks the `state` (single use, this browser's, not expired), exchanges
/// the code, validates the ID token, maps the roles, and starts the session as a password sign-in
/// does.
async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, ApiError> {
    let pending = match &q.state {
        Some(s) if s.len() <= 512 => state.store.take_pending_sign_in(&hash_token(s)).await?,
        _ => None,
    };
    let browser = cookie(&headers, BROWSER_COOKIE).map(|b| hash_token(&b));
    let Some(pending) = pending.filter(|p| {
        Some(&p.browser_hash) == browser.as_ref() && now_unix() - p.created_at <= MAX_AGE_SECS
    }) else {
        return Ok(refuse(&state, OidcRefusal::WrongState, "/"));
    };
    let next = pending.return_path.as_str();
    let refused = |r: OidcRefusal| Ok(refuse(&state, r, next));
    if let Some(error) = &q.error {
        tracing::info!(%error, description = ?q.error_description, "the provider refused the sign-in");
        return refused(OidcRefusal::ProviderError);
    }
    let Some(code) = q.code else {
        return refused(OidcRefusal::ProviderError);
    };
    let Some(provider) = state.oidc.by_organization(&pending.organization) else {
        return refused(OidcRefusal::UnknownOrganization);
    };
    if q.iss
        .as_ref()
        .is_some_and(|iss| *iss != provider.binding.issuer)
    {
        return refused(OidcRefusal::WrongIssuer);
    }
    let identity = match provider
        .finish(code, &pending.nonce, pending.pkce_verifier.clone())
        .await
    {
        Ok(i) => i,
        Err(r) => return refused(r),
    };
    let Ok(email) = EmailAddress::parse(&identity.email) else {
        return refused(OidcRefusal::NoAccount);
    };
    let organization = &provider.binding.organization;
    let Some(user_id) = state
        .store
        .user_in_organization(organization, email.as_str())
        .await?
    else {
        return refused(OidcRefusal::NoAccount);
    };
    let roles = provider
        .binding
        .roles_for(identity.claimed_roles.iter().map(String::as_str));
    if roles.is_empty() {
        return refused(OidcRefusal::NoRole);
    }
    state.store.replace_roles(&user_id, &roles).await?;
    let (token, session_cookie) = session::begin(state.store.as_ref(), &headers, &user_id).await?;
    state
        .store
        .record_oidc_session(
            &hash_token(token.as_str()),
            organization,
            &identity.id_token,
        )
        .await?;
    tracing::info!(user = %user_id, %organization, "signed in through the identity provider");
    Ok(see_other(
        &app_url(&state, next),
        [session_cookie, clear_browser_cookie()],
    ))
}

/// Ends the session like `POST /auth/signout`, and answers the provider's end-session address
/// when the session began there and the provider has one, so the app can send the browser on.
async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let mut end_session_url = None;
    if let Some(token) = session::token_from_headers(&headers) {
        let hash = hash_token(&token);
        if let Some((organization, id_token)) = state.store.oidc_session(&hash).await?
            && let Some(provider) = state.oidc.by_organization(&organization)
        {
            end_session_url = provider
                .end_session_url(&id_token, &app_url(&state, APP_SIGN_IN))
                .await;
        }
        state.store.delete_session(&hash).await?;
    }
    Ok((
        [(header::SET_COOKIE, session::clear_cookie())],
        Json(OidcSignOut { end_session_url }),
    )
        .into_response())
}

/// Back to the app's sign-in page with the refusal's code, keeping where the person was going.
fn refuse(state: &AppState, refusal: OidcRefusal, next: &str) -> Response {
    tracing::info!(code = refusal.code(), "{}", refusal.message());
    let mut query = vec![(paths::ERROR_PARAM, refusal.code())];
    if next != "/" {
        query.push(("next", next));
    }
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    see_other(
        &app_url(state, &format!("{APP_SIGN_IN}?{query}")),
        [clear_browser_cookie()],
    )
}

fn app_url(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.settings.public_url.trim_end_matches('/'))
}

fn see_other<const N: usize>(location: &str, cookies: [HeaderValue; N]) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, location)],
            AppendHeaders(cookies.map(|c| (header::SET_COOKIE, c))),
        )
            .into_response(),
        Err(e) => ApiError::Internal(Box::new(e)).into_response(),
    }
}

fn clear_browser_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-portal_oidc=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0",
    )
}
