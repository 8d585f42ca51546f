//! `TestApp`: starts the real server on a free port with its own SQLite file and demo data.

use portal_contract::ErrorBody;
use portal_server::{App, Settings};
use reqwest::{Response, StatusCode};

pub const PASSWORD: &str = "Demo-Passw0rd!";
pub const ADMIN_AGENT: &str = "adminagent@contoso-partner.example";
pub const GLOBAL_ADMIN: &str = "globaladmin@contoso-partner.example";
pub const SALES_AGENT: &str = "salesagent@contoso-partner.example";
pub const HELPDESK: &str = "helpdesk@contoso-partner.example";
pub const TAILSPIN: &str = "adminagent@tailspin-federal.example";
pub const FABRIKAM_ADMIN: &str = "admin@fabrikam.example";

pub struct TestApp {
    pub base: String,
    pub database_url: String,
    pub dir: tempfile::TempDir,
    client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Starts a server whose settings `adjust` may change (the database and dist are set here).
    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        Self::spawn_in(dir, adjust).await
    }

    /// Starts a server on the database and dist inside `dir` (kept from an earlier run).
    pub async fn spawn_in(dir: tempfile::TempDir, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let database_url = format!("sqlite://{}", dir.path().join("portal.db").display());
        let mut settings = Settings::for_database(&database_url);
        settings.dist = dir.path().join("dist");
        settings.invitation_key_file = dir.path().join("invitation.key");
        adjust(&mut settings);
        let app = App::build(settings).await.expect("app builds");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(app.serve(listener, async {
            let _ = rx.await;
        }));
        TestApp {
            base,
            database_url,
            dir,
            client: reqwest::Client::new(),
            _shutdown: tx,
        }
    }

    pub async fn get(&self, path: &str, session: Option<&str>) -> Response {
        let mut r = self.client.get(format!("{}{path}", self.base));
        if let Some(s) = session {
            r = r.header("cookie", cookie(s));
        }
        r.send().await.expect("request sent")
    }

    /// POSTs `body` as JSON text (so tests can send malformed JSON too).
    pub async fn post_json(
        &self,
        path: &str,
        body: impl Into<String>,
        session: Option<&str>,
    ) -> Response {
        let mut r = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.into());
        if let Some(s) = session {
            r = r.header("cookie", cookie(s));
        }
        r.send().await.expect("request sent")
    }

    pub async fn try_sign_in(&self, email: &str, password: &str) -> Response {
        let body = serde_json::json!({ "email": email, "password": password }).to_string();
        self.post_json("/api/v1/auth/signin", body, None).await
    }

    /// Signs in and returns the session id from the cookie.
    pub async fn sign_in(&self, email: &str) -> String {
        let r = self.try_sign_in(email, PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK, "sign-in of {email}");
        session_from(&r).expect("session cookie set")
    }

    /// The single number a `SELECT count(*) …` query answers, from the server's database.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.sql().await)
            .await
            .unwrap()
    }

    /// Runs SQL against the server's database (to age sessions, count rows).
    pub async fn sql(&self) -> sqlx::SqlitePool {
        sqlx::SqlitePool::connect(&self.database_url).await.unwrap()
    }
}

pub fn cookie(session: &str) -> String {
    format!("__Host-portal_session={session}")
}

/// The session id a response's `Set-Cookie` carries, if any (empty when it clears it).
pub fn session_from(r: &Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("__Host-portal_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
}

/// Asserts the status and that the body is the API's error body; returns it.
pub async fn expect_error(r: Response, status: StatusCode) -> ErrorBody {
    assert_eq!(r.status(), status, "status");
    let header_id = r
        .headers()
        .get("x-correlation-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body: ErrorBody = r.json().await.expect("error body");
    assert!(!body.correlation_id.is_empty());
    assert_eq!(
        Some(body.correlation_id.clone()),
        header_id,
        "body and header agree"
    );
    body
}
