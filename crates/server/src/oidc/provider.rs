//! One organisation's provider at run time: discovery (fetched on first use and kept), the
//! authorization request with PKCE, `state` and `nonce`, the code exchange as a confidential
//! client, and the ID token's validation, all through `openidconnect`.

use std::time::Duration;

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, IdToken, IdTokenVerifier, IssuerUrl, JsonWebKeySet, LogoutRequest, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, RequestTokenError, Scope, SignatureVerificationError, TokenResponse, reqwest,
};
use portal_contract::OidcRefusal;
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use super::config::Binding;

/// The only signature algorithms accepted: what Microsoft Entra ID and most providers sign with.
/// `none` and the HMAC family (keyed with the client secret) are refused.
const ALLOWED_ALGS: [CoreJwsSigningAlgorithm; 2] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
];

/// The claims beyond the standard ones that the portal reads.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PortalClaims {
    /// App roles (Entra ID) or any provider's role names.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Group ids or names.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Microsoft Entra ID's tenant id.
    #[serde(default)]
    pub tid: Option<String>,
}
impl AdditionalClaims for PortalClaims {}

type PortalIdToken = IdToken<
    PortalClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// What the start of a sign-in keeps until the callback.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// A validated sign-in: who, and what the token claimed about roles.
#[derive(Debug)]
pub struct Identity {
    pub email: String,
    pub claimed_roles: Vec<String>,
    /// The raw ID token, kept for the provider's sign-out (`id_token_hint`).
    pub id_token: String,
}

pub struct Provider {
    pub binding: Binding,
    redirect: RedirectUrl,
    http: reqwest::Client,
    metadata: RwLock<Option<ProviderMetadataWithLogout>>,
}

impl Provider {
    pub fn new(binding: Binding, redirect: RedirectUrl) -> Result<Provider, String> {
        let http = reqwest::ClientBuilder::new()
            // The token endpoint must answer itself, never send the code elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        IssuerUrl::new(binding.issuer.clone()).map_err(|e| e.to_string())?;
        Ok(Provider {
            binding,
            redirect,
            http,
            metadata: RwLock::new(None),
        })
    }

    /// The discovery document with its keys, fetched once.
    async fn metadata(&self) -> Result<ProviderMetadataWithLogout, OidcRefusal> {
        if let Some(m) = self.metadata.read().await.as_ref() {
            return Ok(m.clone());
        }
        let issuer = IssuerUrl::new(self.binding.issuer.clone())
            .map_err(|_| OidcRefusal::ProviderUnavailable)?;
        let m = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| {
                tracing::warn!(issuer = %self.binding.issuer, error = %e, "provider discovery failed");
                OidcRefusal::ProviderUnavailable
            })?;
        *self.metadata.write().await = Some(m.clone());
        Ok(m)
    }

    /// The provider's signing keys fetched again (after a rotation); kept for later sign-ins.
    async fn refresh_keys(
        &self,
        metadata: &ProviderMetadataWithLogout,
    ) -> Result<JsonWebKeySet<CoreJsonWebKey>, OidcRefusal> {
        let keys = JsonWebKeySet::fetch_async(metadata.jwks_uri(), &self.http)
            .await
            .map_err(|e| {
                tracing::warn!(issuer = %self.binding.issuer, error = %e, "fetching the provider's keys failed");
                OidcRefusal::ProviderUnavailable
            })?;
        let mut cached = self.metadata.write().await;
        if let Some(m) = cached.take() {
            *cached = Some(m.set_jwks(keys.clone()));
        }
        Ok(keys)
    }

    fn client(
        &self,
        metadata: ProviderMetadataWithLogout,
    ) -> CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    > {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.binding.client_id.clone()),
            Some(ClientSecret::new(self.binding.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect.clone())
    }

    /// The provider's authorization URL for a new sign-in, with fresh `state`, `nonce` and PKCE.
    pub async fn authorize(&self) -> Result<Authorization, OidcRefusal> {
        let client = self.client(self.metadata().await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge);
        for s in &self.binding.scopes {
            request = request.add_scope(Scope::new(s.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code (with the PKCE verifier and the client secret) and validates the ID
    /// token: signature with an allowed algorithm and a published key (fetched again once for
    /// a key id not seen yet), issuer, audience, expiry, nonce, and the tenant when bound.
    pub async fn finish(
        &self,
        code: String,
        nonce: &str,
        pkce_verifier: String,
    ) -> Result<Identity, OidcRefusal> {
        let metadata = self.metadata().await?;
        let client = self.client(metadata.clone());
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|_| OidcRefusal::ProviderUnavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| {
                tracing::info!(issuer = %self.binding.issuer, error = %e, "code exchange refused");
                match e {
                    RequestTokenError::ServerResponse(_) => OidcRefusal::CodeRejected,
                    RequestTokenError::Parse(..) => OidcRefusal::InvalidToken,
                    _ => OidcRefusal::ProviderUnavailable,
                }
            })?;
        let raw = response
            .id_token()
            .ok_or(OidcRefusal::InvalidToken)?
            .to_string();
        let token: PortalIdToken = raw.parse().map_err(|_| OidcRefusal::InvalidToken)?;
        let nonce = Nonce::new(nonce.to_owned());

        let verify = |keys: JsonWebKeySet<CoreJsonWebKey>| {
            // The client secret is left out on purpose: no HMAC-signed token is accepted.
            let verifier = IdTokenVerifier::new_public_client(
                ClientId::new(self.binding.client_id.clone()),
                metadata.issuer().clone(),
                keys,
            )
            .set_allowed_algs(ALLOWED_ALGS);
            token.claims(&verifier, &nonce).cloned()
        };
        let claims = match verify(metadata.jwks().clone()) {
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => verify(self.refresh_keys(&metadata).await?),
            other => other,
        }
        .map_err(|e| {
            tracing::info!(issuer = %self.binding.issuer, error = %e, "ID token refused");
            refusal_of(&e)
        })?;

        let extra = claims.additional_claims();
        if let Some(tenant) = &self.binding.tenant_id
            && extra.tid.as_deref() != Some(tenant.as_str())
        {
            tracing::info!(issuer = %self.binding.issuer, tid = ?extra.tid, "ID token from another tenant");
            return Err(OidcRefusal::WrongIssuer);
        }
        // An address the provider itself says it has not verified names nobody.
        let email = claims
            .email()
            .filter(|_| claims.email_verified() != Some(false))
            .map(|e| e.as_str().to_owned())
            .or_else(|| {
                claims
                    .preferred_username()
                    .map(|u| u.as_str().to_owned())
                    .filter(|u| u.contains('@'))
            })
            .ok_or(OidcRefusal::NoAccount)?;
        Ok(Identity {
            email,
            claimed_roles: extra.roles.iter().chain(&extra.groups).cloned().collect(),
            id_token: raw,
        })
    }

    /// Where the browser goes to end the provider's session too, when the provider offers it.
    pub async fn end_session_url(&self, id_token: &str, post_logout: &str) -> Option<String> {
        let metadata = self.metadata().await.ok()?;
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let token: PortalIdToken = id_token.parse().ok()?;
        let url = LogoutRequest::from(endpoint)
            .set_id_token_hint(&token)
            .set_client_id(ClientId::new(self.binding.client_id.clone()))
            .set_post_logout_redirect_uri(PostLogoutRedirectUrl::new(post_logout.to_owned()).ok()?)
            .http_get_url();
        Some(url.to_string())
    }
}

/// The person-facing reason for a token the verifier refused.
fn refusal_of(e: &ClaimsVerificationError) -> OidcRefusal {
    match e {
        ClaimsVerificationError::Expired(_) => OidcRefusal::Expired,
        ClaimsVerificationError::InvalidAudience(_) => OidcRefusal::WrongAudience,
        ClaimsVerificationError::InvalidIssuer(_) => OidcRefusal::WrongIssuer,
        ClaimsVerificationError::InvalidNonce(_) => OidcRefusal::WrongNonce,
        ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        ) => OidcRefusal::UnknownKey,
        ClaimsVerificationError::SignatureVerification(_) => OidcRefusal::BadSignature,
        _ => OidcRefusal::InvalidToken,
    }
}
