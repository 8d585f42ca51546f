//! Server-side sessions. The cookie holds 256 random bits; the database holds only their
//! SHA-256, so a copy of the database cannot be turned into working cookies.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use portal_contract::Me;
use portal_contract::paths::SESSION_COOKIE;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::ApiError;
use crate::AppState;
use crate::domain::session::SessionState;
use crate::domain::time::now_unix;
use crate::store::Store;

/// A freshly minted session id, as it goes into the cookie.
pub struct SessionToken(String);

impl SessionToken {
    pub fn generate() -> SessionToken {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        SessionToken(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The stored form of a session id.
pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The session id the request carries, if any.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// A cookie's value by name; empty or longer than any id we set counts as absent.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 64)
}

/// Starts a session for `user_id`, the one way every kind of sign-in does it: a new id every
/// time, and the session the browser still carried is ended. Answers the new id (for records
/// kept beside the session) and its `Set-Cookie`.
pub async fn begin(
    store: &dyn Store,
    headers: &HeaderMap,
    user_id: &str,
) -> Result<(SessionToken, HeaderValue), ApiError> {
    if let Some(old) = token_from_headers(headers) {
        store.delete_session(&hash_token(&old)).await?;
    }
    let token = SessionToken::generate();
    store
        .create_session(&hash_token(token.as_str()), user_id, now_unix())
        .await?;
    let cookie = set_cookie(&token);
    Ok((token, cookie))
}

/// `Set-Cookie` for a new session. No `Max-Age`: the cookie dies with the browser, and the
/// server ends it earlier on idle or absolute time-out.
pub fn set_cookie(token: &SessionToken) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; Secure; SameSite=Strict",
        token.as_str()
    ))
    .expect("base64url is a valid header value")
}

/// `Set-Cookie` that deletes the session cookie.
pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-portal_session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0",
    )
}

/// The signed-in user. Extracting it answers 401 when there is no live session; every query a
/// handler runs is scoped by `me.organization.id` taken from here, never from the request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub me: Me,
    pub token_hash: Vec<u8>,
}

impl CurrentUser {
    pub fn organization_id(&self) -> &str {
        &self.me.organization.id
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        const NO_SESSION: &str = "Sign in to continue.";
        let token = token_from_headers(&parts.headers).ok_or(ApiError::Unauthorized(NO_SESSION))?;
        let token_hash = hash_token(&token);
        let stored = state
            .store
            .session(&token_hash)
            .await?
            .ok_or(ApiError::Unauthorized(NO_SESSION))?;
        let now = now_unix();
        match state
            .settings
            .session_policy()
            .state(stored.created_at, stored.last_seen_at, now)
        {
            SessionState::Expired => {
                state.store.delete_session(&token_hash).await?;
                Err(ApiError::Unauthorized(NO_SESSION))
            }
            SessionState::Live { touch } => {
                if touch {
                    state.store.touch_session(&token_hash, now).await?;
                }
                Ok(CurrentUser {
                    me: stored.me,
                    token_hash,
                })
            }
        }
    }
}

/// `Option<CurrentUser>`: `None` without a live session, still an error when the lookup fails.
impl axum::extract::OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        match <CurrentUser as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(user) => Ok(Some(user)),
            Err(ApiError::Unauthorized(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_256_bits_and_differ() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_eq!(URL_SAFE_NO_PAD.decode(a.as_str()).unwrap().len(), 32);
        assert_ne!(a.as_str(), b.as_str());
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("i18n_pref_locale=hu; __Host-portal_session=abc; x=y"),
        );
        assert_eq!(token_from_headers(&h).as_deref(), Some("abc"));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("portal_session=abc"),
        );
        assert_eq!(token_from_headers(&h), None);
    }

    #[test]
    fn cookie_is_host_only_http_only_secure_and_strict() {
        let c = set_cookie(&SessionToken::generate());
        let c = c.to_str().unwrap();
        assert!(c.starts_with("__Host-portal_session="));
        for attr in ["Path=/", "HttpOnly", "Secure", "SameSite=Strict"] {
            assert!(c.contains(attr), "{attr} missing in {c}");
        }
        assert!(!c.contains("Domain"));
    }
}
