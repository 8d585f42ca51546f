//! Sign-in through an organisation's own OpenID Connect provider (for example Microsoft Entra
//! ID). The server is the confidential client: the browser only carries the code and the state
//! through the redirects, and no token ever reaches the app.

pub mod config;
pub mod provider;
pub mod return_path;

use std::sync::Arc;

use openidconnect::RedirectUrl;
use portal_contract::oidc::CALLBACK;

use config::OidcConfig;
use provider::Provider;

/// Every organisation's provider, from the `--oidc-config` file (none without one).
#[derive(Clone, Default)]
pub struct Providers {
    providers: Arc<Vec<Provider>>,
}

impl Providers {
    /// Reads and checks the configuration; a bad file stops the server at start-up rather than
    /// at someone's first sign-in.
    pub fn load(settings: &crate::Settings) -> Result<Providers, crate::BoxError> {
        let Some(path) = &settings.oidc_config else {
            return Ok(Providers::default());
        };
        let config = OidcConfig::load(path)?;
        let redirect = config
            .redirect_uri
            .clone()
            .unwrap_or_else(|| format!("{}{CALLBACK}", settings.public_url.trim_end_matches('/')));
        let redirect = RedirectUrl::new(redirect).map_err(|e| format!("redirect_uri: {e}"))?;
        let bindings = config.bindings(|var| std::env::var(var).ok())?;
        let providers = bindings
            .into_iter()
            .map(|b| Provider::new(b, redirect.clone()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Providers {
            providers: Arc::new(providers),
        })
    }

    pub fn all(&self) -> impl Iterator<Item = &Provider> {
        self.providers.iter()
    }

    /// The provider of the organisation with this primary domain.
    pub fn by_organization(&self, primary_domain: &str) -> Option<&Provider> {
        let d = primary_domain.trim().to_ascii_lowercase();
        self.all().find(|p| p.binding.organization == d)
    }

    /// The provider whose e-mail domains include this address's.
    pub fn by_email(&self, email: &str) -> Option<&Provider> {
        let (_, domain) = email.trim().rsplit_once('@')?;
        let domain = domain.to_ascii_lowercase();
        self.all()
            .find(|p| p.binding.email_domains.contains(&domain))
    }

    /// Whether the organisation's people may sign in with a portal password.
    pub fn password_allowed(&self, primary_domain: &str) -> bool {
        self.by_organization(primary_domain)
            .is_none_or(|p| p.binding.password_sign_in)
    }

    /// Whether any organisation has turned password sign-in off.
    pub fn any_password_off(&self) -> bool {
        self.all().any(|p| !p.binding.password_sign_in)
    }
}
