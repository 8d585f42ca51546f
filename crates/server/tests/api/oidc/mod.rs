//! Sign-in through an organisation's identity provider, against the test provider of
//! `issuer.rs`: the whole flow, every refusal (each leaves no session and names what happened),
//! key rotation, the tenant binding, sign-out at the provider, and password sign-in turned off.

mod issuer;
mod real_provider;

use portal_contract::OidcRefusal;
use portal_contract::oidc::{self as paths, OidcProviders, OidcSignOut};
use portal_server::store::Counted;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_AGENT, FABRIKAM_ADMIN, PASSWORD, TestApp, cookie, session_from};
use issuer::{CLIENT_ID, CLIENT_SECRET, Fault, TestIssuer};

const PUBLIC_URL: &str = "http://127.0.0.1:8080";

struct Setup {
    app: TestApp,
    issuer: TestIssuer,
    /// Follows no redirects: each hop is looked at.
    client: reqwest::Client,
}

/// Contoso bound to tenant A (groups mapped to roles, tenant id checked); Fabrikam to tenant B
/// with password sign-in turned off.
async fn setup() -> Setup {
    let issuer = TestIssuer::start().await;
    let config = json!({
        "organizations": [
            {
                "organization": "contoso-partner.example",
                "name": "Contoso ID",
                "issuer": issuer.issuer("tenant-a"),
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "tenant_id": "tenant-a",
                "role_mapping": {
                    "Partner admins": ["adminAgent"],
                    "Sales": ["salesAgent"],
                },
            },
            {
                "organization": "fabrikam.example",
                "name": "Fabrikam ID",
                "issuer": issuer.issuer("tenant-b"),
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "role_mapping": { "Admins": ["globalAdmin"] },
                "password_sign_in": false,
            },
        ]
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("oidc.json");
    std::fs::write(&file, config.to_string()).unwrap();
    let app = TestApp::spawn_in(dir, |s| s.oidc_config = Some(file)).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Setup {
        app,
        issuer,
        client,
    }
}

fn location(r: &reqwest::Response) -> String {
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "a redirect");
    r.headers()["location"].to_str().unwrap().to_owned()
}

/// The browser-binding cookie a start response sets.
fn browser_cookie(r: &reqwest::Response) -> String {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-portal_oidc="))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .expect("binding cookie")
}

/// A started sign-in that came back from the provider: the callback's path and query, and the
/// cookie of the browser that started it.
struct Returned {
    callback: String,
    browser: String,
}

impl Setup {
    async fn start(&self, query: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}?{query}", self.app.base, paths::START))
            .send()
            .await
            .unwrap()
    }

    /// Starts a sign-in for `org`, lets the provider sign `email` in, and returns its answer.
    async fn through_provider(
        &self,
        org: &str,
        next: &str,
        email: &str,
        groups: &[&str],
    ) -> Returned {
        self.issuer.sign_in_as(email, groups);
        let query = serde_urlencoded::to_string([("org", org), ("next", next)]).unwrap();
        let r = self.start(&query).await;
        let browser = browser_cookie(&r);
        let authorize = location(&r);
        assert!(authorize.starts_with(&self.issuer.base), "{authorize}");
        for p in [
            "state=",
            "nonce=",
            "code_challenge=",
            "code_challenge_method=S256",
        ] {
            assert!(authorize.contains(p), "{p} missing in {authorize}");
        }
        let r = self.client.get(&authorize).send().await.unwrap();
        let back = r.headers()["location"].to_str().unwrap().to_owned();
        let callback = back
            .strip_prefix(PUBLIC_URL)
            .expect("back to the registered redirect URI")
            .to_owned();
        assert!(callback.starts_with(paths::CALLBACK), "{callback}");
        Returned { callback, browser }
    }

    async fn callback(&self, path: &str, browser: Option<&str>) -> reqwest::Response {
        let mut r = self.client.get(format!("{}{path}", self.app.base));
        if let Some(b) = browser {
            r = r.header("cookie", b);
        }
        r.send().await.unwrap()
    }

    async fn finish(&self, returned: &Returned) -> reqwest::Response {
        self.callback(&returned.callback, Some(&returned.browser))
            .await
    }

    async fn sessions(&self) -> i64 {
        self.app.count(Counted::Sessions).await
    }

    /// Asserts that the answer sends the browser to the sign-in page with `refusal`, without a
    /// session, and that no session was created.
    async fn assert_refused(&self, r: reqwest::Response, refusal: OidcRefusal, before: i64) {
        let to = location(&r);
        assert!(
            to.starts_with(&format!("{PUBLIC_URL}/signin?oidcError={}", refusal.code())),
            "{to} is not the refusal {refusal:?}"
        );
        assert_eq!(session_from(&r), None, "no session cookie");
        assert_eq!(self.sessions().await, before, "no session left behind");
        assert!(!refusal.message().is_empty());
    }
}

#[tokio::test]
async fn a_mapped_person_signs_in_and_keeps_the_acceptance_token() {
    let s = setup().await;
    let r = s
        .app
        .get(paths::PROVIDERS, None)
        .await
        .json::<OidcProviders>()
        .await
        .unwrap();
    let names: Vec<_> = r.providers.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Contoso ID", "Fabrikam ID"]);
    assert_eq!(r.providers[0].organization_name, "Contoso Partner Kft.");

    let next = "/m365-admin/partner-invitation#tok-en";
    let back = s
        .through_provider(
            "contoso-partner.example",
            next,
            ADMIN_AGENT,
            &["Sales", "Partner admins", "Other"],
        )
        .await;
    let r = s.finish(&back).await;
    assert_eq!(location(&r), format!("{PUBLIC_URL}{next}"));
    let session = session_from(&r).expect("a session");
    let cookies: Vec<_> = r.headers().get_all("set-cookie").iter().collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("__Host-portal_oidc=;")),
        "the binding cookie is cleared"
    );
    let me: Value = s
        .app
        .get("/api/v1/me", Some(&session))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], ADMIN_AGENT);
    assert_eq!(me["user"]["roles"], json!(["adminAgent", "salesAgent"]));

    // The same callback again: the state was used.
    let before = s.sessions().await;
    let r = s.finish(&back).await;
    s.assert_refused(r, OidcRefusal::WrongState, before).await;

    // Discovery by e-mail domain starts the same provider.
    let r = s.start("email=someone%40contoso-partner.example").await;
    assert!(location(&r).starts_with(&s.issuer.issuer("tenant-a")));
    // An organisation without a provider is sent back to the password form.
    let r = s
        .start("email=someone%40adatum.example&next=%2Fcustomers")
        .await;
    s.assert_refused(r, OidcRefusal::UnknownOrganization, before)
        .await;
}

#[tokio::test]
async fn a_wrong_or_foreign_state_is_refused() {
    let s = setup().await;
    let before = s.sessions().await;
    let back = s
        .through_provider(
            "contoso-partner.example",
            "/customers",
            ADMIN_AGENT,
            &["Sales"],
        )
        .await;
    // Made-up state.
    let forged = back.callback.replace("state=", "state=x");
    let r = s.callback(&forged, Some(&back.browser)).await;
    s.assert_refused(r, OidcRefusal::WrongState, before).await;
    // The right state in another browser (no binding cookie): refused, and the state is spent.
    let r = s.callback(&back.callback, None).await;
    s.assert_refused(r, OidcRefusal::WrongState, before).await;
    let r = s.finish(&back).await;
    s.assert_refused(r, OidcRefusal::WrongState, before).await;
}

#[tokio::test]
async fn a_replayed_code_is_refused() {
    let s = setup().await;
    let first = s
        .through_provider(
            "contoso-partner.example",
            "/customers",
            ADMIN_AGENT,
            &["Sales"],
        )
        .await;
    let r = s.finish(&first).await;
    assert!(session_from(&r).is_some());
    let before = s.sessions().await;

    // A new sign-in whose callback carries the first, already exchanged, code.
    let second = s
        .through_provider(
            "contoso-partner.example",
            "/customers",
            ADMIN_AGENT,
            &["Sales"],
        )
        .await;
    let code = |c: &str| {
        c.split(['?', '&'])
            .find_map(|p| p.strip_prefix("code="))
            .unwrap()
            .to_owned()
    };
    let replay = second
        .callback
        .replace(&code(&second.callback), &code(&first.callback));
    let r = s.callback(&replay, Some(&second.browser)).await;
    s.assert_refused(r, OidcRefusal::CodeRejected, before).await;
    assert!(location(&s.finish(&second).await).contains("wrongState"));
}

/// Each faulty token is refused with its own reason.
#[tokio::test]
async fn faulty_tokens_are_refused() {
    let s = setup().await;
    let before = s.sessions().await;
    for (fault, refusal) in [
        (Fault::WrongNonce, OidcRefusal::WrongNonce),
        (Fault::Expired, OidcRefusal::Expired),
        (Fault::WrongAudience, OidcRefusal::WrongAudience),
        (Fault::OtherTenantIssuer, OidcRefusal::WrongIssuer),
        (Fault::OtherTenantId, OidcRefusal::WrongIssuer),
        (Fault::AlgNone, OidcRefusal::BadSignature),
        (Fault::UnpublishedKey, OidcRefusal::UnknownKey),
    ] {
        s.issuer.set_fault(fault);
        let back = s
            .through_provider(
                "contoso-partner.example",
                "/customers",
                ADMIN_AGENT,
                &["Sales"],
            )
            .await;
        let r = s.finish(&back).await;
        let to = location(&r);
        assert!(
            to.contains(&format!("oidcError={}", refusal.code())),
            "{fault:?}: {to}"
        );
        s.assert_refused(r, refusal, before).await;
    }
}

#[tokio::test]
async fn a_rotated_key_is_fetched_and_works() {
    let s = setup().await;
    let sign_in = async || {
        let back = s
            .through_provider(
                "contoso-partner.example",
                "/customers",
                ADMIN_AGENT,
                &["Sales"],
            )
            .await;
        s.finish(&back).await
    };
    assert!(session_from(&sign_in().await).is_some());
    let fetches = s.issuer.jwks_fetches();
    // The same key again: no new fetch.
    assert!(session_from(&sign_in().await).is_some());
    assert_eq!(s.issuer.jwks_fetches(), fetches);
    s.issuer.rotate_keys();
    assert!(
        session_from(&sign_in().await).is_some(),
        "the new key works"
    );
    assert_eq!(s.issuer.jwks_fetches(), fetches + 1);
}

#[tokio::test]
async fn another_tenant_or_an_unmapped_person_is_refused() {
    let s = setup().await;
    let before = s.sessions().await;
    // Fabrikam's administrator through Contoso's provider: not an account of Contoso.
    let back = s
        .through_provider(
            "contoso-partner.example",
            "/",
            FABRIKAM_ADMIN,
            &["Partner admins"],
        )
        .await;
    s.assert_refused(s.finish(&back).await, OidcRefusal::NoAccount, before)
        .await;
    // A Contoso account whose groups the mapping does not know.
    let back = s
        .through_provider("contoso-partner.example", "/", ADMIN_AGENT, &["Everyone"])
        .await;
    s.assert_refused(s.finish(&back).await, OidcRefusal::NoRole, before)
        .await;
    // Nothing changed for the password: the account still has its roles.
    let r = s.app.try_sign_in(ADMIN_AGENT, PASSWORD).await;
    let me: Value = r.json().await.unwrap();
    assert_eq!(me["user"]["roles"], json!(["adminAgent"]));
}

#[tokio::test]
async fn the_provider_refusing_is_explained() {
    let s = setup().await;
    let before = s.sessions().await;
    let back = s
        .through_provider("contoso-partner.example", "/", ADMIN_AGENT, &["Sales"])
        .await;
    let state = back
        .callback
        .split(['?', '&'])
        .find(|p| p.starts_with("state="))
        .unwrap();
    let denied = format!("{}?error=access_denied&{state}", paths::CALLBACK);
    let r = s.callback(&denied, Some(&back.browser)).await;
    s.assert_refused(r, OidcRefusal::ProviderError, before)
        .await;
}

#[tokio::test]
async fn sign_out_ends_the_session_and_the_providers() {
    let s = setup().await;
    let back = s
        .through_provider("fabrikam.example", "/", FABRIKAM_ADMIN, &["Admins"])
        .await;
    let session = session_from(&s.finish(&back).await).unwrap();
    let r = s
        .client
        .post(format!("{}{}", s.app.base, paths::SIGN_OUT))
        .header("cookie", cookie(&session))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(session_from(&r).as_deref(), Some(""));
    let out: OidcSignOut = r.json().await.unwrap();
    let url = out.end_session_url.expect("the provider's sign-out");
    assert!(
        url.starts_with(&format!("{}/logout?", s.issuer.issuer("tenant-b"))),
        "{url}"
    );
    assert!(url.contains("id_token_hint="));
    assert!(url.contains("post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fsignin"));
    assert_eq!(s.app.get("/api/v1/me", Some(&session)).await.status(), 401);

    // A password session has nothing to end at a provider.
    let password = s.app.sign_in(ADMIN_AGENT).await;
    let r = s
        .client
        .post(format!("{}{}", s.app.base, paths::SIGN_OUT))
        .header("cookie", cookie(&password))
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<OidcSignOut>().await.unwrap().end_session_url, None);
}

#[tokio::test]
async fn password_sign_in_can_be_turned_off_per_organisation() {
    let s = setup().await;
    let before = s.sessions().await;
    let r = s.app.try_sign_in(FABRIKAM_ADMIN, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let body: Value = r.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("its own sign-in page")
    );
    assert_eq!(s.sessions().await, before);
    // Contoso keeps its passwords.
    s.app.sign_in(ADMIN_AGENT).await;
}

#[tokio::test]
async fn an_answer_naming_another_issuer_is_refused() {
    let s = setup().await;
    let before = s.sessions().await;
    let back = s
        .through_provider("contoso-partner.example", "/", ADMIN_AGENT, &["Sales"])
        .await;
    let mixed_up = format!(
        "{}&iss={}",
        back.callback,
        urlencode(&s.issuer.issuer("tenant-b"))
    );
    let r = s.callback(&mixed_up, Some(&back.browser)).await;
    s.assert_refused(r, OidcRefusal::WrongIssuer, before).await;
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap()[1..].to_owned()
}
