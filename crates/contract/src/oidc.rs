//! Sign-in through an organisation's OpenID Connect provider. The browser is sent to the API's
//! start path and comes back to the app; tokens never reach the app. What the app needs is the
//! list of providers to offer and the codes of the refusals it explains.

use serde::{Deserialize, Serialize};

/// `GET`: the providers the sign-in page offers (public).
pub const PROVIDERS: &str = "/api/v1/auth/oidc/providers";
/// Browser navigation: `?org=<primary domain>` or `?email=<address>`, and `next=<app path>`.
pub const START: &str = "/api/v1/auth/oidc/start";
/// Where the provider sends the browser back (the redirect URI to register).
pub const CALLBACK: &str = "/api/v1/auth/oidc/callback";
/// `POST`: ends the session and answers where the browser goes to end the provider's session.
pub const SIGN_OUT: &str = "/api/v1/auth/oidc/signout";
/// Query parameter of the app's sign-in page that names a refusal (`OidcRefusal::code`).
pub const ERROR_PARAM: &str = "oidcError";

/// An organisation that signs in through its own identity provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OidcProvider {
    /// The organisation's primary domain, the `org` of the start path.
    pub organization: String,
    /// The organisation's name in the portal.
    pub organization_name: String,
    /// What the button says after "Sign in with".
    pub name: String,
}

/// Answer of [`PROVIDERS`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct OidcProviders {
    pub providers: Vec<OidcProvider>,
}

/// Answer of [`SIGN_OUT`]: the provider's end-session address when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct OidcSignOut {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_session_url: Option<String>,
}

/// Why a sign-in through a provider did not sign anyone in. The app shows the message of the
/// code it finds in [`ERROR_PARAM`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OidcRefusal {
    /// No provider for the organisation or e-mail domain asked for.
    UnknownOrganization,
    /// The `state` is unknown, used, expired, or from another browser.
    WrongState,
    /// The provider answered with an error (the person cancelled, or was not allowed).
    ProviderError,
    /// The provider did not exchange the code (already used, or expired).
    CodeRejected,
    /// The provider could not be reached or answered something unreadable.
    ProviderUnavailable,
    /// The ID token was not signed with an allowed algorithm and a key the provider publishes.
    BadSignature,
    /// Signed with a key the provider does not publish, even after fetching its keys again.
    UnknownKey,
    /// Issued by another issuer or tenant than the organisation's.
    WrongIssuer,
    /// Issued for another application.
    WrongAudience,
    /// Expired.
    Expired,
    /// Not the answer to this sign-in (`nonce`).
    WrongNonce,
    /// Otherwise malformed.
    InvalidToken,
    /// No e-mail address, or no account with it in the organisation.
    NoAccount,
    /// The role mapping gives the person no role.
    NoRole,
}

impl OidcRefusal {
    pub const ALL: [OidcRefusal; 14] = [
        OidcRefusal::UnknownOrganization,
        OidcRefusal::WrongState,
        OidcRefusal::ProviderError,
        OidcRefusal::CodeRejected,
        OidcRefusal::ProviderUnavailable,
        OidcRefusal::BadSignature,
        OidcRefusal::UnknownKey,
        OidcRefusal::WrongIssuer,
        OidcRefusal::WrongAudience,
        OidcRefusal::Expired,
        OidcRefusal::WrongNonce,
        OidcRefusal::InvalidToken,
        OidcRefusal::NoAccount,
        OidcRefusal::NoRole,
    ];

    /// The stable name in the app's URL.
    pub fn code(self) -> &'static str {
        match self {
            OidcRefusal::UnknownOrganization => "unknownOrganization",
            OidcRefusal::WrongState => "wrongState",
            OidcRefusal::ProviderError => "providerError",
            OidcRefusal::CodeRejected => "codeRejected",
            OidcRefusal::ProviderUnavailable => "providerUnavailable",
            OidcRefusal::BadSignature => "badSignature",
            OidcRefusal::UnknownKey => "unknownKey",
            OidcRefusal::WrongIssuer => "wrongIssuer",
            OidcRefusal::WrongAudience => "wrongAudience",
            OidcRefusal::Expired => "expired",
            OidcRefusal::WrongNonce => "wrongNonce",
            OidcRefusal::InvalidToken => "invalidToken",
            OidcRefusal::NoAccount => "noAccount",
            OidcRefusal::NoRole => "noRole",
        }
    }

    pub fn parse(code: &str) -> Option<OidcRefusal> {
        OidcRefusal::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The English sentence for logs and non-browser clients (the app has its own, translated).
    pub fn message(self) -> &'static str {
        match self {
            OidcRefusal::UnknownOrganization => {
                "Your organisation does not sign in through an identity provider here. Sign in with your e-mail address and password."
            }
            OidcRefusal::WrongState => {
                "This sign-in has expired, was already used, or was started in another browser. Start again."
            }
            OidcRefusal::ProviderError => {
                "Your organisation's sign-in page did not sign you in. Start again, or ask your administrator."
            }
            OidcRefusal::CodeRejected => {
                "Your organisation's identity provider did not confirm this sign-in; it may have been used already. Start again."
            }
            OidcRefusal::ProviderUnavailable => {
                "Your organisation's identity provider cannot be reached. Try again in a few minutes."
            }
            OidcRefusal::BadSignature => {
                "The sign-in was not signed the way your organisation's identity provider signs, so it was not trusted."
            }
            OidcRefusal::UnknownKey => {
                "The sign-in was signed with a key your organisation's identity provider does not publish, so it was not trusted."
            }
            OidcRefusal::WrongIssuer => {
                "The sign-in came from another organisation's identity provider, not yours."
            }
            OidcRefusal::WrongAudience => {
                "The sign-in was issued for another application, not for this portal."
            }
            OidcRefusal::Expired => "The sign-in expired before it arrived. Start again.",
            OidcRefusal::WrongNonce => {
                "The sign-in does not belong to the one this browser started. Start again."
            }
            OidcRefusal::InvalidToken => {
                "Your organisation's identity provider sent an answer the portal cannot read."
            }
            OidcRefusal::NoAccount => {
                "There is no account for you in this organisation. Ask your administrator to add you."
            }
            OidcRefusal::NoRole => {
                "You have no role in this portal. Ask your administrator to add you to a group that has one."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_differ() {
        for r in OidcRefusal::ALL {
            assert_eq!(OidcRefusal::parse(r.code()), Some(r));
        }
        assert_eq!(OidcRefusal::parse("nope"), None);
    }
}
