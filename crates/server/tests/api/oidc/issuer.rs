//! A small OpenID provider for the API tests, on port 0: discovery, JWKS, an authorization
//! endpoint that signs in whoever the test names, a token endpoint checking the client secret,
//! the single use of codes and PKCE, and an end-session endpoint. Several tenants share it, each
//! under its own path (`/tenant-a`), the way Microsoft Entra ID names its issuers. It can also
//! issue the faulty tokens a certified provider never would.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub const CLIENT_ID: &str = "portal";
pub const CLIENT_SECRET: &str = "portal-secret";

/// A token fault for the next token the endpoint issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    WrongAudience,
    Expired,
    WrongNonce,
    /// `iss` of another tenant.
    OtherTenantIssuer,
    /// `tid` of another tenant under the right issuer.
    OtherTenantId,
    /// `alg: none`, no signature.
    AlgNone,
    /// Signed with a key the JWKS does not publish.
    UnpublishedKey,
}

/// Who the authorization endpoint signs in next.
#[derive(Debug, Clone)]
pub struct Person {
    pub email: String,
    pub groups: Vec<String>,
}

struct Key {
    kid: String,
    key: SigningKey,
}

struct Grant {
    tenant: String,
    nonce: Option<String>,
    challenge: String,
    redirect_uri: String,
}

struct Inner {
    base: String,
    keys: Vec<Key>,
    /// The key new tokens are signed with (index into `keys`).
    current: usize,
    person: Option<Person>,
    fault: Fault,
    grants: HashMap<String, Grant>,
    jwks_fetches: usize,
}

#[derive(Clone)]
pub struct TestIssuer {
    pub base: String,
    inner: Arc<Mutex<Inner>>,
    _shutdown: Arc<tokio::sync::oneshot::Sender<()>>,
}

fn new_key(n: usize) -> Key {
    Key {
        kid: format!("key-{n}"),
        key: SigningKey::random(&mut rand::rngs::OsRng),
    }
}

impl TestIssuer {
    pub async fn start() -> TestIssuer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let inner = Arc::new(Mutex::new(Inner {
            base: base.clone(),
            keys: vec![new_key(1)],
            current: 0,
            person: None,
            fault: Fault::None,
            grants: HashMap::new(),
            jwks_fetches: 0,
        }));
        let router = Router::new()
            .route("/{tenant}/.well-known/openid-configuration", get(discovery))
            .route("/{tenant}/jwks", get(jwks))
            .route("/{tenant}/authorize", get(authorize))
            .route("/{tenant}/token", post(token))
            .route("/{tenant}/logout", get(|| async { "signed out" }))
            .with_state(inner.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
        });
        TestIssuer {
            base,
            inner,
            _shutdown: Arc::new(tx),
        }
    }

    pub fn issuer(&self, tenant: &str) -> String {
        format!("{}/{tenant}", self.base)
    }

    /// The next authorization signs in this person with these groups.
    pub fn sign_in_as(&self, email: &str, groups: &[&str]) {
        self.inner.lock().unwrap().person = Some(Person {
            email: email.into(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
        });
    }

    pub fn set_fault(&self, fault: Fault) {
        self.inner.lock().unwrap().fault = fault;
    }

    /// A new signing key replaces the old one in the JWKS and signs from now on.
    pub fn rotate_keys(&self) {
        let mut inner = self.inner.lock().unwrap();
        let n = inner.keys.len() + 1;
        inner.keys = vec![new_key(n)];
        inner.current = 0;
    }

    pub fn jwks_fetches(&self) -> usize {
        self.inner.lock().unwrap().jwks_fetches
    }
}

async fn discovery(State(s): State<Arc<Mutex<Inner>>>, Path(tenant): Path<String>) -> Json<Value> {
    let base = format!("{}/{tenant}", s.lock().unwrap().base);
    Json(json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "jwks_uri": format!("{base}/jwks"),
        "end_session_endpoint": format!("{base}/logout"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256", "RS256"],
        "code_challenge_methods_supported": ["S256"],
    }))
}

fn public_jwk(k: &Key) -> Value {
    let point = k.key.verifying_key().to_encoded_point(false);
    json!({
        "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": k.kid,
        "x": URL_SAFE_NO_PAD.encode(point.x().unwrap()),
        "y": URL_SAFE_NO_PAD.encode(point.y().unwrap()),
    })
}

async fn jwks(State(s): State<Arc<Mutex<Inner>>>) -> Json<Value> {
    let mut inner = s.lock().unwrap();
    inner.jwks_fetches += 1;
    Json(json!({ "keys": inner.keys.iter().map(public_jwk).collect::<Vec<_>>() }))
}

/// Signs in the person the test named, at once, and sends the browser back with a code.
async fn authorize(
    State(s): State<Arc<Mutex<Inner>>>,
    Path(tenant): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut inner = s.lock().unwrap();
    assert_eq!(q.get("client_id").map(String::as_str), Some(CLIENT_ID));
    assert_eq!(q.get("response_type").map(String::as_str), Some("code"));
    assert_eq!(
        q.get("code_challenge_method").map(String::as_str),
        Some("S256")
    );
    assert!(q["scope"].split(' ').any(|s| s == "openid"));
    let code = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
    let redirect_uri = q["redirect_uri"].clone();
    inner.grants.insert(
        code.clone(),
        Grant {
            tenant,
            nonce: q.get("nonce").cloned(),
            challenge: q["code_challenge"].clone(),
            redirect_uri: redirect_uri.clone(),
        },
    );
    let state = q.get("state").cloned().unwrap_or_default();
    let query = serde_urlencoded::to_string([("code", code), ("state", state)]).unwrap();
    Redirect::to(&format!("{redirect_uri}?{query}")).into_response()
}

fn invalid_grant(what: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": "invalid_grant", "error_description": what})),
    )
        .into_response()
}

/// The code exchange: client secret (Basic), single-use code, PKCE, redirect URI.
async fn token(
    State(s): State<Arc<Mutex<Inner>>>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        != Some(&expected)
    {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let mut inner = s.lock().unwrap();
    let Some(grant) = f.get("code").and_then(|c| inner.grants.remove(c)) else {
        return invalid_grant("unknown or used code");
    };
    let verifier = f.get("code_verifier").cloned().unwrap_or_default();
    if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != grant.challenge {
        return invalid_grant("PKCE verifier does not match");
    }
    if f.get("redirect_uri") != Some(&grant.redirect_uri) || grant.tenant != tenant {
        return invalid_grant("redirect URI or tenant differs");
    }
    let person = inner.person.clone().expect("the test names who signs in");
    let fault = inner.fault;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let issuer = match fault {
        Fault::OtherTenantIssuer => format!("{}/tenant-b", inner.base),
        _ => format!("{}/{tenant}", inner.base),
    };
    let claims = json!({
        "iss": issuer,
        "sub": format!("sub-{}", person.email),
        "aud": if fault == Fault::WrongAudience { "another-app" } else { CLIENT_ID },
        "iat": now - 5,
        "exp": if fault == Fault::Expired { now - 600 } else { now + 600 },
        "nonce": if fault == Fault::WrongNonce { Some("another-nonce".to_owned()) } else { grant.nonce },
        "email": person.email,
        "groups": person.groups,
        "tid": if fault == Fault::OtherTenantId { "tenant-b".to_owned() } else { tenant },
    });
    let id_token = match fault {
        Fault::AlgNone => format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(json!({"alg": "none", "typ": "JWT"}).to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        ),
        Fault::UnpublishedKey => sign(&new_key(99), &claims),
        _ => sign(&inner.keys[inner.current], &claims),
    };
    Json(json!({
        "access_token": "opaque-access-token",
        "token_type": "Bearer",
        "expires_in": 600,
        "id_token": id_token,
    }))
    .into_response()
}

fn sign(key: &Key, claims: &Value) -> String {
    let header = json!({"alg": "ES256", "typ": "JWT", "kid": key.kid});
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature: Signature = key.key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}
