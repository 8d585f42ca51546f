//! Sign-in through an organisation's identity provider: the list of providers, the start address
//! the browser navigates to, and the sign-out that may end the provider's session too.

use portal_contract::oidc::{self as paths, OidcProviders, OidcSignOut};

use super::{ApiClient, ApiError};

impl ApiClient {
    pub async fn oidc_providers(&self) -> Result<OidcProviders, ApiError> {
        self.get(paths::PROVIDERS, &[], None).await
    }

    /// Where the "Sign in with …" link goes: the API, which sends the browser on to the provider.
    pub fn oidc_start_url(&self, organization: &str, next: &str) -> String {
        let org = js_sys::encode_uri_component(organization);
        let next = js_sys::encode_uri_component(next);
        format!("{}{}?org={org}&next={next}", self.base, paths::START)
    }

    /// Ends the session; the provider's sign-out address when the session began there.
    pub async fn oidc_sign_out(&self) -> Result<OidcSignOut, ApiError> {
        self.act(paths::SIGN_OUT).await
    }
}
