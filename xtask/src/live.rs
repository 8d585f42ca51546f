//! A release server started for a task (bench, generated requests, stress) on a port of its
//! own, and the HTTP client such a task talks to it with.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use portal_contract::{CreateRelationshipRequest, Language, Page, SignInRequest, demo, paths};
use serde::Serialize;
use serde::de::DeserializeOwned;
use ureq::http::Response;

use crate::Result;

/// An answer whose body has not been read yet (read it whole, or as it arrives).
pub type Answer = Response<ureq::Body>;

/// The release server, stopped when dropped.
pub struct Server {
    child: Child,
}

impl Server {
    /// Starts `target/release/portal-server` on `addr` with its database, key and log in `dir`.
    pub fn start(root: &Path, addr: &'static str, dir: &Path) -> Result<Server> {
        Server::start_with(root, addr, dir, &database_url(dir))
    }

    /// [`Server::start`] on the database `database_url`, with its key and log in `dir`.
    pub fn start_with(
        root: &Path,
        addr: &'static str,
        dir: &Path,
        database_url: &str,
    ) -> Result<Server> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("server.log"))
            .map_err(|e| format!("cannot open the server log: {e}"))?;
        let child = Command::new(root.join("target/release/portal-server"))
            .current_dir(root)
            .env("PORTAL_ADDR", addr)
            .env("PORTAL_DATABASE_URL", database_url)
            .env("PORTAL_DIST", root.join("dist"))
            .env("PORTAL_PUBLIC_URL", format!("http://{addr}"))
            .env("PORTAL_INVITATION_KEY_FILE", dir.join("invitation.key"))
            .env("RUST_LOG", "portal_server=warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let server = Server { child };
        let client = Client::new(addr);
        for _ in 0..100 {
            if client.get(paths::SESSION, None).is_ok() {
                return Ok(server);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("the server did not answer within 10 s".into())
    }

    /// SIGKILL: no shutdown code runs, as in a power cut of the process.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The process id (to read its memory from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running (it has not crashed).
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

/// The database a task's server uses in `dir`.
pub fn database_url(dir: &Path) -> String {
    format!("sqlite://{}/portal.db", dir.display())
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A signed-in session: the `Cookie` header value that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    cookie: String,
}

impl Session {
    /// `name=value`, as a `Cookie` header sends it (wrk's requests carry it too).
    pub fn cookie(&self) -> &str {
        &self.cookie
    }

    /// The cookie's value alone (schemathesis builds its own header from it).
    pub fn value(&self) -> &str {
        self.cookie.split_once('=').map_or("", |(_, v)| v)
    }

    /// The session cookie of a sign-in answer's `Set-Cookie` headers, if it set one.
    fn from_set_cookie<'a>(headers: impl IntoIterator<Item = &'a str>) -> Option<Session> {
        headers.into_iter().find_map(|h| {
            let pair = h.split(';').next()?.trim();
            let (name, value) = pair.split_once('=')?;
            (name == paths::SESSION_COOKIE && !value.is_empty()).then(|| Session {
                cookie: pair.to_owned(),
            })
        })
    }
}

/// HTTP/1.1 to a task's server on loopback. Every status comes back as an answer (a 4xx is
/// data to a task, not a failure of the client); only a request that got no answer is an error.
#[derive(Clone)]
pub struct Client {
    base: String,
    agent: ureq::Agent,
}

impl Client {
    pub fn new(addr: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Loopback only: a proxy from the environment must not see these requests.
            .proxy(None)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .new_agent();
        Client {
            base: format!("http://{addr}"),
            agent,
        }
    }

    /// `GET path` (with its query, if any), signed in with `session` when given.
    pub fn get(&self, path: &str, session: Option<&Session>) -> Result<Answer> {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(s) = session {
            request = request.header("Cookie", s.cookie());
        }
        request.call().map_err(|e| format!("GET {path}: {e}"))
    }

    /// `POST path` with `body` as JSON, signed in with `session` when given.
    pub fn post_json(
        &self,
        path: &str,
        session: Option<&Session>,
        body: &impl Serialize,
    ) -> Result<Answer> {
        let mut request = self.agent.post(format!("{}{path}", self.base));
        if let Some(s) = session {
            request = request.header("Cookie", s.cookie());
        }
        request
            .send_json(body)
            .map_err(|e| format!("POST {path}: {e}"))
    }

    /// `POST path` without a body (an action), signed in with `session` when given.
    pub fn post_empty(&self, path: &str, session: Option<&Session>) -> Result<Answer> {
        let mut request = self.agent.post(format!("{}{path}", self.base));
        if let Some(s) = session {
            request = request.header("Cookie", s.cookie());
        }
        request
            .send_empty()
            .map_err(|e| format!("POST {path}: {e}"))
    }

    /// Signs `email` in with the demo password.
    pub fn sign_in(&self, email: &str) -> Result<Session> {
        let answer = self.post_json(
            paths::SIGN_IN,
            None,
            &SignInRequest {
                email: email.to_owned(),
                password: demo::PASSWORD.to_owned(),
            },
        )?;
        if answer.status() != 200 {
            return Err(format!("sign-in of {email} answered {}", answer.status()));
        }
        Session::from_set_cookie(
            answer
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok()),
        )
        .ok_or_else(|| "the sign-in answer set no session cookie".into())
    }

    /// One page of the paged collection at `path` (its query included), continuing from
    /// `token`; anything but 200 is an error.
    pub fn page<T: DeserializeOwned>(
        &self,
        session: &Session,
        path: &str,
        token: Option<&str>,
    ) -> Result<Page<T>> {
        let path = match token {
            Some(t) => {
                let joint = if path.contains('?') { '&' } else { '?' };
                format!(
                    "{path}{joint}{}={t}",
                    paths::customers_query::CONTINUATION_TOKEN
                )
            }
            None => path.to_owned(),
        };
        let mut answer = self.get(&path, Some(session))?;
        if answer.status() != 200 {
            return Err(format!("{path} answered {}", answer.status()));
        }
        answer
            .body_mut()
            .read_json()
            .map_err(|e| format!("{path}: {e}"))
    }
}

/// The invitation the load tasks create (bench, stress): delegated access, English, no address.
pub fn new_invitation() -> CreateRelationshipRequest {
    CreateRelationshipRequest {
        allow_delegated_access: true,
        customer_email: None,
        language: Language::En,
    }
}

/// `path?name=value&…`, for the paged lists' queries (the values are URL-safe as they are).
pub fn with_query(path: &str, query: &[(&str, &str)]) -> String {
    query
        .iter()
        .enumerate()
        .fold(path.to_owned(), |mut url, (i, (name, value))| {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(value);
            url
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_session_cookie_from_set_cookie() {
        let session = Session::from_set_cookie([
            "theme=dark; Path=/",
            "__Host-portal_session=abc123; Path=/; Secure; HttpOnly; SameSite=Strict",
        ])
        .unwrap();
        assert_eq!(session.cookie(), "__Host-portal_session=abc123");
        assert_eq!(session.value(), "abc123");
        assert_eq!(Session::from_set_cookie(["theme=dark"]), None);
        assert_eq!(
            Session::from_set_cookie(["__Host-portal_session=; Max-Age=0"]),
            None
        );
    }

    /// Against the release server (`cargo build --release -p portal-server` first):
    /// `cargo test -p xtask -- --ignored`.
    #[test]
    #[ignore = "needs target/release/portal-server"]
    fn signs_in_pages_and_creates_against_the_release_server() {
        use portal_contract::{Customer, Invitation};

        let root = crate::project_root();
        let dir = root.join("target/xtask-live-test");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let _server = Server::start(&root, "127.0.0.1:18099", &dir).unwrap();
        let client = Client::new("127.0.0.1:18099");
        assert!(client.sign_in("nobody@contoso-partner.example").is_err());
        let session = client.sign_in(demo::CONTOSO_ADMIN_AGENT).unwrap();

        let path = with_query(paths::CUSTOMERS, &[(paths::customers_query::SIZE, "20")]);
        let first = client.page::<Customer>(&session, &path, None).unwrap();
        assert_eq!((first.total_count, first.items.len()), (36, 20));
        let token = first.continuation_token.unwrap();
        let second = client
            .page::<Customer>(&session, &path, Some(&token))
            .unwrap();
        assert_eq!(second.items.len(), 16);
        assert_eq!(second.continuation_token, None);

        let mut created = client
            .post_json(
                paths::RELATIONSHIP_REQUESTS,
                Some(&session),
                &new_invitation(),
            )
            .unwrap();
        assert_eq!(created.status(), 201);
        let invitation: Invitation = created.body_mut().read_json().unwrap();
        let listed = client
            .page::<Invitation>(&session, paths::RELATIONSHIP_REQUESTS, None)
            .unwrap();
        assert!(listed.items.iter().any(|i| i.id == invitation.id));

        let signed_out = client.get(paths::ME, None).unwrap();
        assert_eq!(signed_out.status(), 401);
    }

    #[test]
    fn builds_queries() {
        assert_eq!(with_query("/a", &[]), "/a");
        assert_eq!(
            with_query("/a", &[("size", "200"), ("sort", "name")]),
            "/a?size=200&sort=name"
        );
    }
}
