//! The `--oidc-config` file: which organisation signs in through which provider, and how the
//! provider's groups or app roles become the portal's roles. JSON, read once at start-up.

use std::collections::BTreeMap;
use std::path::Path;

use portal_contract::Role;
use serde::Deserialize;

/// The whole file.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OidcConfig {
    /// The redirect URI registered with every provider. Default:
    /// `<public-url>/api/v1/auth/oidc/callback`.
    #[serde(default)]
    pub redirect_uri: Option<String>,
    #[serde(default)]
    pub organizations: Vec<OrganizationBinding>,
}

/// One organisation's provider.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationBinding {
    /// The organisation's primary domain in the portal.
    pub organization: String,
    /// Shown on the button: "Sign in with <name>".
    pub name: String,
    /// The issuer exactly as the provider's discovery document and tokens state it.
    pub issuer: String,
    pub client_id: String,
    /// The client secret, or `client_secret_env` naming the environment variable holding it.
    #[serde(default)]
    pub client_secret: Option<String>,
    #[serde(default)]
    pub client_secret_env: Option<String>,
    /// When set, the token's `tid` claim must equal it (Microsoft Entra ID's tenant id).
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// E-mail domains whose addresses start this provider from the e-mail-first step.
    /// Default: the organisation's primary domain.
    #[serde(default)]
    pub email_domains: Vec<String>,
    /// A value of the token's `roles` or `groups` claim → the portal roles it gives.
    pub role_mapping: BTreeMap<String, Vec<String>>,
    /// Whether the organisation's people may still sign in with a portal password.
    #[serde(default = "yes")]
    pub password_sign_in: bool,
    /// Extra scopes to ask for besides `openid email profile`.
    #[serde(default)]
    pub scopes: Vec<String>,
}

fn yes() -> bool {
    true
}

/// A binding checked at start-up: roles parsed, secret resolved, domains lower-cased.
#[derive(Debug, Clone)]
pub struct Binding {
    pub organization: String,
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub tenant_id: Option<String>,
    pub email_domains: Vec<String>,
    pub role_mapping: BTreeMap<String, Vec<Role>>,
    pub password_sign_in: bool,
    pub scopes: Vec<String>,
}

impl Binding {
    /// The portal roles the token's `roles` and `groups` values give, sorted, without repeats.
    pub fn roles_for<'a>(&self, claimed: impl IntoIterator<Item = &'a str>) -> Vec<Role> {
        let mut roles: Vec<Role> = claimed
            .into_iter()
            .filter_map(|value| self.role_mapping.get(value))
            .flatten()
            .copied()
            .collect();
        roles.sort();
        roles.dedup();
        roles
    }
}

impl OidcConfig {
    pub fn load(path: &Path) -> Result<OidcConfig, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Checks every binding; `env` reads an environment variable (a parameter for tests).
    pub fn bindings(&self, env: impl Fn(&str) -> Option<String>) -> Result<Vec<Binding>, String> {
        let mut out: Vec<Binding> = Vec::new();
        for b in &self.organizations {
            let org = b.organization.trim().to_ascii_lowercase();
            let at = |what: &str| format!("organisation {org:?}: {what}");
            if out.iter().any(|o| o.organization == org) {
                return Err(at("bound twice"));
            }
            if !(b.issuer.starts_with("https://") || b.issuer.starts_with("http://")) {
                return Err(at("the issuer must be an https:// URL"));
            }
            let client_secret = match (&b.client_secret, &b.client_secret_env) {
                (Some(s), None) => s.clone(),
                (None, Some(var)) => env(var).ok_or_else(|| at(&format!("{var} is not set")))?,
                _ => {
                    return Err(at(
                        "give exactly one of client_secret and client_secret_env",
                    ));
                }
            };
            let mut role_mapping = BTreeMap::new();
            for (value, names) in &b.role_mapping {
                let roles = names
                    .iter()
                    .map(|n| Role::parse(n).ok_or_else(|| at(&format!("unknown role {n:?}"))))
                    .collect::<Result<Vec<_>, _>>()?;
                role_mapping.insert(value.clone(), roles);
            }
            let mut email_domains: Vec<String> = b
                .email_domains
                .iter()
                .map(|d| d.trim().to_ascii_lowercase())
                .collect();
            if email_domains.is_empty() {
                email_domains.push(org.clone());
            }
            if let Some(d) = email_domains
                .iter()
                .find(|d| out.iter().any(|o| o.email_domains.contains(d)))
            {
                return Err(at(&format!("e-mail domain {d:?} is bound twice")));
            }
            out.push(Binding {
                organization: org,
                name: b.name.clone(),
                issuer: b.issuer.clone(),
                client_id: b.client_id.clone(),
                client_secret,
                tenant_id: b.tenant_id.clone(),
                email_domains,
                role_mapping,
                password_sign_in: b.password_sign_in,
                scopes: b.scopes.clone(),
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Vec<Binding>, String> {
        let c: OidcConfig = serde_json::from_str(json).map_err(|e| e.to_string())?;
        c.bindings(|v| (v == "SECRET").then(|| "from-env".to_owned()))
    }

    const ONE: &str = r#"{"organizations": [{
        "organization": "Contoso-Partner.example", "name": "Contoso ID",
        "issuer": "https://login.example/t1/v2.0", "client_id": "app",
        "client_secret_env": "SECRET",
        "role_mapping": {"Partner admins": ["adminAgent", "salesAgent"], "Sales": ["salesAgent"]}
    }]}"#;

    #[test]
    fn reads_a_binding_with_defaults() {
        let b = &parse(ONE).unwrap()[0];
        assert_eq!(b.organization, "contoso-partner.example");
        assert_eq!(b.client_secret, "from-env");
        assert_eq!(b.email_domains, ["contoso-partner.example"]);
        assert!(b.password_sign_in);
    }

    #[test]
    fn maps_groups_and_roles_to_portal_roles() {
        let b = &parse(ONE).unwrap()[0];
        assert_eq!(
            b.roles_for(["Sales", "Partner admins", "Other"]),
            [Role::AdminAgent, Role::SalesAgent]
        );
        assert!(b.roles_for(["Other"]).is_empty());
    }

    #[test]
    fn refuses_unknown_roles_missing_secrets_and_doubles() {
        assert!(parse(&ONE.replace("salesAgent\"]}", "boss\"]}")).is_err());
        assert!(parse(&ONE.replace("SECRET", "UNSET")).is_err());
        let two = ONE.replace("}]}", "}, ") + &ONE[19..];
        assert!(parse(&two).unwrap_err().contains("bound twice"));
        assert!(parse(&ONE.replace("https://login", "ftp://login")).is_err());
    }
}
