//! The same flow against a certified provider: `tests/oidc/provider.mjs` (`oidc-provider` from
//! npm) with two tenants. Needs Node.js and `npm ci` (which `cargo xtask test` runs first).

use portal_server::store::Counted;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use portal_contract::OidcRefusal;
use portal_contract::oidc::{self as paths, OidcSignOut};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, cookie, session_from};

const PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// The provider's process, ended with the test.
struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Real {
    app: TestApp,
    issuers: Value,
    _node: Node,
    /// For the app: no redirects followed, cookies set by hand.
    client: reqwest::Client,
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Starts the provider and a portal bound to it. Without `oidc-provider` installed (`npm ci`,
/// which `cargo xtask test` runs first) the tests fail: a skipped provider is no test.
async fn start() -> Real {
    assert!(
        workspace().join("node_modules/oidc-provider").is_dir(),
        "oidc-provider is not installed: run `npm ci` (or `cargo xtask install`) first"
    );
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("oidc.json");
    let mut child = Command::new("node")
        .current_dir(workspace())
        .args([
            "tests/oidc/provider.mjs",
            "--portal",
            PUBLIC_URL,
            "--config-out",
        ])
        .arg(&config)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node runs");
    let stdout = child.stdout.take().unwrap();
    let node = Node(child);
    // Read on for as long as the provider lives: a closed pipe would end it at its next line.
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let _ = tx.send(lines.find(|l| l.starts_with('{')));
        lines.for_each(drop);
    });
    let line = rx
        .await
        .unwrap()
        .expect("the provider says where it listens");
    let issuers: Value = serde_json::from_str(&line).unwrap();
    let app = TestApp::spawn_in(dir, |s| s.oidc_config = Some(config)).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Real {
        app,
        issuers,
        _node: node,
        client,
    }
}

fn location(r: &reqwest::Response) -> String {
    assert!(
        r.status().is_redirection(),
        "a redirect, not {}",
        r.status()
    );
    let to = r.headers()["location"].to_str().unwrap();
    r.url().join(to).unwrap().to_string()
}

struct Returned {
    callback: String,
    browser: String,
}

impl Real {
    /// Starts at the portal, signs `email` in on the provider's page, and comes back.
    async fn through_provider(&self, org: &str, next: &str, email: &str) -> Returned {
        let query = serde_urlencoded::to_string([("org", org), ("next", next)]).unwrap();
        let r = self
            .client
            .get(format!("{}{}?{query}", self.app.base, paths::START))
            .send()
            .await
            .unwrap();
        let browser = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("__Host-portal_oidc="))
            .map(|v| v.split(';').next().unwrap().to_owned())
            .unwrap();
        let mut url = location(&r);
        // The provider's own cookies (its interaction and session) are kept by a jar.
        let browser_at_provider = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .unwrap();
        let mut signed_in = false;
        while !url.starts_with(PUBLIC_URL) {
            let r = if url.contains("/interaction/") && !signed_in {
                signed_in = true;
                let page = browser_at_provider.get(&url).send().await.unwrap();
                assert_eq!(page.status(), StatusCode::OK);
                let html = page.text().await.unwrap();
                assert!(html.contains("E-mail address"), "{html}");
                browser_at_provider
                    .post(format!("{url}/login"))
                    .form(&[("email", email)])
                    .send()
                    .await
                    .unwrap()
            } else {
                browser_at_provider.get(&url).send().await.unwrap()
            };
            url = location(&r);
        }
        Returned {
            callback: url.strip_prefix(PUBLIC_URL).unwrap().to_owned(),
            browser,
        }
    }

    async fn callback(&self, path: &str, browser: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.app.base))
            .header("cookie", browser)
            .send()
            .await
            .unwrap()
    }

    async fn sessions(&self) -> i64 {
        self.app.count(Counted::Sessions).await
    }

    async fn assert_refused(&self, r: reqwest::Response, refusal: OidcRefusal, before: i64) {
        let to = location(&r);
        assert!(
            to.starts_with(&format!("{PUBLIC_URL}/signin?oidcError={}", refusal.code())),
            "{to}"
        );
        assert_eq!(session_from(&r), None);
        assert_eq!(self.sessions().await, before, "no session left behind");
    }
}

#[tokio::test]
async fn people_of_both_tenants_sign_in_and_out_through_a_real_provider() {
    let p = start().await;
    // A partner's admin agent, mapped from the group "Partner admins".
    let back = p
        .through_provider(
            "contoso-partner.example",
            "/customers",
            "adminagent@contoso-partner.example",
        )
        .await;
    let r = p.callback(&back.callback, &back.browser).await;
    assert_eq!(location(&r), format!("{PUBLIC_URL}/customers"));
    let session = session_from(&r).unwrap();
    let me: Value = p
        .app
        .get("/api/v1/me", Some(&session))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["roles"], json!(["adminAgent"]));

    // A customer's administrator on the acceptance page: the `#token` comes back.
    let next = "/m365-admin/partner-invitation#the-token";
    let back = p
        .through_provider("fabrikam.example", next, "admin@fabrikam.example")
        .await;
    let r = p.callback(&back.callback, &back.browser).await;
    assert_eq!(location(&r), format!("{PUBLIC_URL}{next}"));
    let session = session_from(&r).unwrap();
    let me: Value = p
        .app
        .get("/api/v1/me", Some(&session))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["organization"]["name"], "Fabrikam Kft.");
    assert_eq!(me["user"]["roles"], json!(["globalAdmin"]));

    let r = p
        .client
        .post(format!("{}{}", p.app.base, paths::SIGN_OUT))
        .header("cookie", cookie(&session))
        .send()
        .await
        .unwrap();
    let out: OidcSignOut = r.json().await.unwrap();
    let end = out.end_session_url.unwrap();
    let tenant_b = p.issuers["tenant-b"].as_str().unwrap();
    assert!(
        end.starts_with(&format!("{tenant_b}/session/end?")),
        "{end}"
    );
    assert_eq!(p.app.get("/api/v1/me", Some(&session)).await.status(), 401);
}

#[tokio::test]
async fn a_real_provider_cannot_be_replayed_or_give_a_role_it_lacks() {
    let p = start().await;
    let contoso = "contoso-partner.example";
    // Someone the provider signs in but whose groups give no portal role.
    let back = p
        .through_provider(contoso, "/", "helpdesk@contoso-partner.example")
        .await;
    p.assert_refused(
        p.callback(&back.callback, &back.browser).await,
        OidcRefusal::NoRole,
        0,
    )
    .await;

    // A made-up state.
    let back = p
        .through_provider(contoso, "/", "salesagent@contoso-partner.example")
        .await;
    let forged = back.callback.replace("state=", "state=x");
    p.assert_refused(
        p.callback(&forged, &back.browser).await,
        OidcRefusal::WrongState,
        0,
    )
    .await;

    // A code the portal already exchanged, carried back by a new sign-in.
    let used = p
        .through_provider(contoso, "/", "salesagent@contoso-partner.example")
        .await;
    let r = p.callback(&used.callback, &used.browser).await;
    assert!(session_from(&r).is_some());
    let code = |c: &str| {
        c.split(['?', '&'])
            .find_map(|p| p.strip_prefix("code="))
            .unwrap()
            .to_owned()
    };
    let again = p
        .through_provider(contoso, "/", "salesagent@contoso-partner.example")
        .await;
    let replay = again
        .callback
        .replace(&code(&again.callback), &code(&used.callback));
    p.assert_refused(
        p.callback(&replay, &again.browser).await,
        OidcRefusal::CodeRejected,
        1,
    )
    .await;
}
