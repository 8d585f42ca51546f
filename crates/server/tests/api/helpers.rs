//! `TestApp`: starts the real server on a free port with its own database and demo data (a
//! SQLite file, or with `PORTAL_TEST_DATABASE_URL` a fresh database on that PostgreSQL server), and
//! speaks to it the way the app does: one typed method per operation, built on the contract's
//! paths and request/response types, so a test reads as what a person does.
//!
//! Bad input is sent through the raw `get` and `post_json`, whose point is that they take any
//! path and any body. The few methods that reach the store (`stored`, `count` and the clock
//! below) go through the engine's `TestSupport`, never SQL, and are for what the API cannot do:
//! move time, write what arrives from outside, or look at what is stored.

use std::marker::PhantomData;

use portal_contract::gdap::{
    AccessAssignment, AccessDetails, AdminRelationship, ApprovalPreview, ApprovalToken,
    CreateAccessAssignment, CreateAdminRelationship, CustomerRef, RelationshipAction,
    RelationshipRequest, RoleDefinition, SecurityGroup, UnifiedRole, UpdateAccessAssignment,
};
use portal_contract::paths::{self, customers_query};
use portal_contract::{
    AcceptInvitation, AuditKind, AuditRecord, CreateRelationshipRequest, Customer, CustomerDetail,
    CustomerOrder, CustomerUser, ErrorBody, IndirectReseller, Invitation, InvitationLookup,
    InvitationPreview, InvitationStatus, Language, License, Me, NewServiceRequest, Page,
    PartnerRelationship, ServiceRequest, SessionInfo, SetSupportPartner, SignInRequest,
    Subscription,
};
use portal_server::routes::health;
use portal_server::store::{Counted, Store, TestSupport};
use portal_server::telemetry::metrics;
use portal_server::{App, Settings};
use reqwest::{Response, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The demo data's password, the same for every account.
pub const PASSWORD: &str = "Demo-Passw0rd!";
/// Contoso Partner Kft. (Hungary, public cloud), one account per role.
pub const ADMIN_AGENT: &str = "adminagent@contoso-partner.example";
pub const GLOBAL_ADMIN: &str = "globaladmin@contoso-partner.example";
pub const SALES_AGENT: &str = "salesagent@contoso-partner.example";
pub const HELPDESK: &str = "helpdesk@contoso-partner.example";
/// Tailspin Federal Partner (US Government cloud): an admin agent.
pub const TAILSPIN: &str = "adminagent@tailspin-federal.example";
/// Customer organisations that can sign in: Fabrikam (Hungary) has a Global admin and a user.
pub const FABRIKAM_ADMIN: &str = "admin@fabrikam.example";
pub const FABRIKAM_USER: &str = "user@fabrikam.example";
/// Adatum (Germany) accepted the Customer Agreement before.
pub const ADATUM_ADMIN: &str = "admin@adatum.example";
/// Woodgrove (United States): outside a Hungarian partner's region.
pub const WOODGROVE_ADMIN: &str = "admin@woodgrove.example";

pub struct TestApp {
    pub base: String,
    /// The metrics listener (`--metrics-addr`), `http://host:port`.
    pub metrics_base: String,
    pub database_url: String,
    pub dir: tempfile::TempDir,
    client: reqwest::Client,
    /// Sending (or dropping) it is the server's SIGTERM.
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    /// The server's own store, shared with it.
    store: std::sync::Arc<dyn Store>,
    /// The same engine's test support, on the same database.
    support: std::sync::Arc<dyn TestSupport>,
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

    /// Starts a server on the database and dist of `dir` (kept from an earlier run).
    pub async fn spawn_in(dir: tempfile::TempDir, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let database_url = database_url(dir.path());
        Self::spawn_on(dir, database_url, adjust).await
    }

    /// A second instance on this one's database with the same invitation key, as behind a
    /// load balancer: the two share nothing else.
    pub async fn spawn_beside(&self) -> TestApp {
        let url = self.database_url.clone();
        let key = self.dir.path().join("invitation.key");
        Self::spawn_with(move |s| {
            s.database_url = url;
            s.invitation_key_file = key;
        })
        .await
    }

    /// Starts a server on a SQLite file in `dir`, whichever engine the suite runs on: for what
    /// is SQLite's own (its online backup).
    pub async fn spawn_sqlite_in(
        dir: tempfile::TempDir,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let database_url = sqlite_url(dir.path());
        Self::spawn_on(dir, database_url, adjust).await
    }

    async fn spawn_on(
        dir: tempfile::TempDir,
        database_url: String,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let mut settings = Settings::for_database(&database_url);
        settings.dist = dir.path().join("dist");
        settings.invitation_key_file = dir.path().join("invitation.key");
        adjust(&mut settings);
        let database_url = settings.database_url.clone();
        let app = App::build(settings).await.expect("app builds");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let metrics = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let metrics_base = format!("http://{}", metrics.local_addr().unwrap());
        let metrics_router = app.metrics_router();
        tokio::spawn(async move { axum::serve(metrics, metrics_router).await });
        let store = app.state.store.clone();
        let support = portal_server::open_test_support(&database_url)
            .await
            .expect("test support opens");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(app.serve(listener, async {
            let _ = rx.await;
        }));
        TestApp {
            base,
            metrics_base,
            database_url,
            dir,
            client: reqwest::Client::new(),
            shutdown: Some(tx),
            server: Some(server),
            store,
            support,
        }
    }

    // --- Operations: health, metrics, shutdown ---

    pub async fn live(&self) -> Answer<Health> {
        Answer::new(self.get(health::LIVE, None).await)
    }

    pub async fn ready(&self) -> Answer<Health> {
        Answer::new(self.get(health::READY, None).await)
    }

    /// The metrics listener's `GET /metrics`, as text.
    pub async fn metrics(&self) -> String {
        let r = self
            .client
            .get(format!("{}{}", self.metrics_base, metrics::PATH))
            .send()
            .await
            .expect("request sent");
        assert_eq!(r.status(), StatusCode::OK);
        r.text().await.expect("metrics text")
    }

    /// The server's database stops answering (its pools are closed).
    pub async fn lose_database(&self) {
        self.store.close().await;
    }

    /// What SIGTERM does: the server stops accepting and drains.
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Waits until the server has stopped serving (every request finished, or the drain time
    /// passed); fails after `limit`.
    pub async fn stopped_within(&mut self, limit: std::time::Duration) {
        let server = self.server.take().expect("the server runs");
        tokio::time::timeout(limit, server)
            .await
            .expect("the server stopped in time")
            .expect("the server task")
            .expect("the server stopped cleanly");
    }

    /// Shuts the server down, waits until it has stopped, and hands back its folder (database,
    /// key) for a restart with `spawn_in`.
    pub async fn stop(mut self) -> tempfile::TempDir {
        self.begin_shutdown();
        self.stopped_within(std::time::Duration::from_secs(10))
            .await;
        self.dir
    }

    /// The listening address, `host:port`.
    pub fn addr(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    // --- Raw requests: any path, any body ---

    /// GETs `path` (with its query), signed in with `session` if given.
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

    /// POSTs `body` serialised, the way the app sends a request type.
    async fn post<T>(&self, path: &str, body: &impl Serialize, session: &str) -> Answer<T> {
        let text = serde_json::to_string(body).expect("request serialises");
        Answer::new(self.post_json(path, text, Some(session)).await)
    }

    /// POSTs nothing, as the app does for an action without a body (revoke, suspend, …).
    async fn act<T>(&self, path: &str, session: &str) -> Answer<T> {
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .header("cookie", cookie(session))
            .send()
            .await
            .expect("request sent");
        Answer::new(r)
    }

    async fn read<T>(&self, path: &str, session: &str) -> Answer<T> {
        Answer::new(self.get(path, Some(session)).await)
    }

    // --- Signing in ---

    pub async fn try_sign_in(&self, email: &str, password: &str) -> Response {
        self.sign_in_with(email, password, None).await
    }

    /// Signs in while already signed in with `session` (or not).
    pub async fn sign_in_with(
        &self,
        email: &str,
        password: &str,
        session: Option<&str>,
    ) -> Response {
        let request = SignInRequest {
            email: email.into(),
            password: password.into(),
        };
        let body = serde_json::to_string(&request).expect("request serialises");
        self.post_json(paths::SIGN_IN, body, session).await
    }

    /// Signs in a demo account and returns the session id from the cookie.
    pub async fn sign_in(&self, email: &str) -> String {
        let r = self.try_sign_in(email, PASSWORD).await;
        assert_eq!(r.status(), StatusCode::OK, "sign-in of {email}");
        session_from(&r).expect("session cookie set")
    }

    pub async fn sign_out(&self, session: &str) -> Response {
        self.act::<()>(paths::SIGN_OUT, session).await.response
    }

    pub async fn me(&self, session: &str) -> Answer<Me> {
        self.read(paths::ME, session).await
    }

    /// Who is signed in, if anyone (always 200).
    pub async fn session_info(&self, session: Option<&str>) -> Answer<SessionInfo> {
        Answer::new(self.get(paths::SESSION, session).await)
    }

    // --- The partner's customers ---

    pub async fn customers(&self, session: &str, query: &Query) -> Answer<Page<Customer>> {
        self.read(&query.on(paths::CUSTOMERS), session).await
    }

    /// The first of the partner's customers whose name or domain starts with `search`.
    pub async fn customer_named(&self, session: &str, search: &str) -> Customer {
        let page = self
            .customers(session, &Query::new().filter(search))
            .await
            .ok()
            .await;
        page.items.into_iter().next().expect("the customer")
    }

    pub async fn customer(&self, session: &str, id: &str) -> Answer<CustomerDetail> {
        self.read(&paths::customer(id), session).await
    }

    pub async fn subscriptions(&self, session: &str, customer: &str) -> Answer<Page<Subscription>> {
        self.read(&paths::customer_subscriptions(customer), session)
            .await
    }

    pub async fn customer_users(
        &self,
        session: &str,
        customer: &str,
        query: &Query,
    ) -> Answer<Page<CustomerUser>> {
        self.read(&query.on(&paths::customer_users(customer)), session)
            .await
    }

    pub async fn licenses(&self, session: &str, customer: &str) -> Answer<Page<License>> {
        self.read(&paths::customer_licenses(customer), session)
            .await
    }

    /// Ends the reseller relationship (204 without a body).
    pub async fn remove_relationship(&self, session: &str, customer: &str) -> Answer<()> {
        self.act(&paths::remove_relationship(customer), session)
            .await
    }

    // --- Subscriptions, resellers and service requests ---

    pub async fn suspend(
        &self,
        session: &str,
        customer: &str,
        subscription: &str,
    ) -> Answer<Subscription> {
        let path = paths::subscription_action(customer, subscription, "suspend");
        self.act(&path, session).await
    }

    pub async fn reactivate(
        &self,
        session: &str,
        customer: &str,
        subscription: &str,
    ) -> Answer<Subscription> {
        let path = paths::subscription_action(customer, subscription, "reactivate");
        self.act(&path, session).await
    }

    pub async fn set_support_partner(
        &self,
        session: &str,
        customer: &str,
        subscription: &str,
        change: &SetSupportPartner,
    ) -> Answer<Subscription> {
        let path = support_contact(customer, subscription);
        self.post(&path, change, session).await
    }

    pub async fn indirect_resellers(&self, session: &str) -> Answer<Page<IndirectReseller>> {
        self.read(paths::INDIRECT_RESELLERS, session).await
    }

    pub async fn service_requests(
        &self,
        session: &str,
        customer: &str,
    ) -> Answer<Page<ServiceRequest>> {
        self.read(&paths::customer_service_requests(customer), session)
            .await
    }

    pub async fn open_service_request(
        &self,
        session: &str,
        customer: &str,
        request: &NewServiceRequest,
    ) -> Answer<ServiceRequest> {
        self.post(
            &paths::customer_service_requests(customer),
            request,
            session,
        )
        .await
    }

    // --- Invitations (the partner's side) ---

    pub async fn create_invitation(
        &self,
        session: &str,
        request: &CreateRelationshipRequest,
    ) -> Answer<Invitation> {
        self.post(paths::RELATIONSHIP_REQUESTS, request, session)
            .await
    }

    /// A new invitation in English, with or without admin privileges, as `session`'s user.
    pub async fn invite(&self, session: &str, admin_privileges: bool) -> Invitation {
        let request = invitation_request(admin_privileges);
        let answer = self.create_invitation(session, &request).await;
        assert_eq!(answer.status(), StatusCode::CREATED);
        answer.ok().await
    }

    pub async fn invitation(&self, session: &str, id: &str) -> Answer<Invitation> {
        self.read(&paths::relationship_request(id), session).await
    }

    pub async fn invitations(&self, session: &str, query: &Query) -> Answer<Page<Invitation>> {
        self.read(&query.on(paths::RELATIONSHIP_REQUESTS), session)
            .await
    }

    pub async fn revoke(&self, session: &str, id: &str) -> Answer<Invitation> {
        self.act(&paths::revoke_relationship_request(id), session)
            .await
    }

    // --- Invitations (the customer's side) and the customer's partners ---

    /// A lookup that arrives with one extra header, as through a proxy (`x-forwarded-for`, …).
    pub async fn lookup_with_header(
        &self,
        session: &str,
        token: &str,
        header: (&str, &str),
    ) -> Answer<InvitationPreview> {
        let request = InvitationLookup {
            token: token.into(),
        };
        let r = self
            .client
            .post(format!("{}{}", self.base, paths::INVITATION_LOOKUP))
            .header("cookie", cookie(session))
            .header(header.0, header.1)
            .json(&request)
            .send()
            .await
            .expect("request sent");
        Answer::new(r)
    }

    pub async fn lookup(&self, session: &str, token: &str) -> Answer<InvitationPreview> {
        let request = InvitationLookup {
            token: token.into(),
        };
        self.post(paths::INVITATION_LOOKUP, &request, session).await
    }

    pub async fn accept(
        &self,
        session: &str,
        request: &AcceptInvitation,
    ) -> Answer<Vec<PartnerRelationship>> {
        self.post(paths::INVITATION_ACCEPT, request, session).await
    }

    /// Fabrikam's Global admin signs in and accepts the invitation behind `token`, with the
    /// Customer Agreement: the session, and Fabrikam's partners afterwards.
    pub async fn fabrikam_accepts(&self, token: &str) -> (String, Vec<PartnerRelationship>) {
        let fabrikam = self.sign_in(FABRIKAM_ADMIN).await;
        let partners = self
            .accept(&fabrikam, &acceptance(token, true))
            .await
            .ok()
            .await;
        (fabrikam, partners)
    }

    pub async fn partner_relationships(&self, session: &str) -> Answer<Vec<PartnerRelationship>> {
        self.read(paths::PARTNER_RELATIONSHIPS, session).await
    }

    pub async fn remove_partner_roles(
        &self,
        session: &str,
        partner: &str,
    ) -> Answer<Vec<PartnerRelationship>> {
        self.act(&paths::remove_partner_roles(partner), session)
            .await
    }

    // --- The audit log ---

    pub async fn audit_records(&self, session: &str, query: &Query) -> Answer<Page<AuditRecord>> {
        self.read(&query.on(paths::AUDIT_RECORDS), session).await
    }

    /// The CSV export, as the raw answer (its headers and chunks are the point).
    pub async fn audit_export(&self, session: &str, query: &Query) -> Response {
        self.get(&query.on(paths::AUDIT_RECORDS_CSV), Some(session))
            .await
    }

    // --- Granular admin relationships (the partner's side) ---

    /// Sends `body` (if any) with `method`, and `If-Match` when given.
    pub async fn send<T>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&impl Serialize>,
        if_match: Option<&str>,
        session: &str,
    ) -> Answer<T> {
        let mut r = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("cookie", cookie(session));
        if let Some(tag) = if_match {
            r = r.header("if-match", tag);
        }
        if let Some(body) = body {
            r = r
                .header("content-type", "application/json")
                .body(serde_json::to_string(body).expect("request serialises"));
        }
        Answer::new(r.send().await.expect("request sent"))
    }

    pub async fn admin_relationships(
        &self,
        session: &str,
        query: &Query,
    ) -> Answer<Page<AdminRelationship>> {
        self.read(&query.on(paths::ADMIN_RELATIONSHIPS), session)
            .await
    }

    pub async fn create_admin_relationship(
        &self,
        session: &str,
        request: &CreateAdminRelationship,
    ) -> Answer<AdminRelationship> {
        self.post(paths::ADMIN_RELATIONSHIPS, request, session)
            .await
    }

    /// A new request as `session`'s user, asserted created.
    pub async fn request_roles(
        &self,
        session: &str,
        request: &CreateAdminRelationship,
    ) -> AdminRelationship {
        let answer = self.create_admin_relationship(session, request).await;
        assert_eq!(answer.status(), StatusCode::CREATED);
        answer.ok().await
    }

    pub async fn admin_relationship(&self, session: &str, id: &str) -> Answer<AdminRelationship> {
        self.read(&paths::admin_relationship(id), session).await
    }

    /// `POST …/{id}/requests` with `If-Match: etag` (none when `None`).
    pub async fn relationship_action(
        &self,
        session: &str,
        id: &str,
        action: RelationshipAction,
        etag: Option<&str>,
    ) -> Answer<AdminRelationship> {
        let body = RelationshipRequest { action };
        let path = paths::admin_relationship_requests(id);
        self.send(reqwest::Method::POST, &path, Some(&body), etag, session)
            .await
    }

    pub async fn access_assignments(
        &self,
        session: &str,
        id: &str,
    ) -> Answer<Page<AccessAssignment>> {
        self.read(&paths::access_assignments(id), session).await
    }

    pub async fn create_access_assignment(
        &self,
        session: &str,
        id: &str,
        request: &CreateAccessAssignment,
    ) -> Answer<AccessAssignment> {
        self.post(&paths::access_assignments(id), request, session)
            .await
    }

    pub async fn update_access_assignment(
        &self,
        session: &str,
        id: &str,
        assignment: &str,
        roles: &[&str],
        etag: Option<&str>,
    ) -> Answer<AccessAssignment> {
        let body = UpdateAccessAssignment {
            access_details: access_details(roles),
        };
        let path = paths::access_assignment(id, assignment);
        self.send(reqwest::Method::PATCH, &path, Some(&body), etag, session)
            .await
    }

    pub async fn delete_access_assignment(
        &self,
        session: &str,
        id: &str,
        assignment: &str,
        etag: Option<&str>,
    ) -> Answer<()> {
        let path = paths::access_assignment(id, assignment);
        self.send(reqwest::Method::DELETE, &path, None::<&()>, etag, session)
            .await
    }

    pub async fn role_definitions(&self, session: &str) -> Answer<Vec<RoleDefinition>> {
        self.read(paths::ROLE_DEFINITIONS, session).await
    }

    pub async fn security_groups(&self, session: &str) -> Answer<Vec<SecurityGroup>> {
        self.read(paths::SECURITY_GROUPS, session).await
    }

    // --- Granular admin relationships (the customer's side) ---

    pub async fn look_up_approval(&self, session: &str, token: &str) -> Answer<ApprovalPreview> {
        let body = ApprovalToken {
            token: token.into(),
        };
        self.post(paths::ADMIN_APPROVAL_LOOKUP, &body, session)
            .await
    }

    pub async fn approve_roles(&self, session: &str, token: &str) -> Answer<AdminRelationship> {
        let body = ApprovalToken {
            token: token.into(),
        };
        self.post(paths::ADMIN_APPROVAL_APPROVE, &body, session)
            .await
    }

    pub async fn customer_admin_relationships(
        &self,
        session: &str,
    ) -> Answer<Vec<AdminRelationship>> {
        self.read(paths::CUSTOMER_ADMIN_RELATIONSHIPS, session)
            .await
    }

    pub async fn customer_terminate(
        &self,
        session: &str,
        id: &str,
        etag: Option<&str>,
    ) -> Answer<AdminRelationship> {
        let path = paths::customer_admin_relationship_terminate(id);
        self.send(reqwest::Method::POST, &path, None::<&()>, etag, session)
            .await
    }

    /// Moves a relationship's times `days` days into the past (the clock cannot be moved
    /// through the API): as if it had been requested, approved and due to end that much earlier.
    pub async fn age_admin_relationship(&self, id: &str, days: i64) {
        self.stored()
            .age_admin_relationship(id, days * 86_400)
            .await
            .unwrap();
    }

    // --- The store: only for what the API cannot do ---

    /// The engine's test support, on the server's database: moves time, writes what no endpoint
    /// writes, and looks at what is stored.
    pub fn stored(&self) -> &dyn TestSupport {
        self.support.as_ref()
    }

    /// How many of `what` are stored.
    pub async fn count(&self, what: Counted<'_>) -> i64 {
        self.stored().count(what).await.unwrap()
    }

    /// Moves every session's last use `seconds` into the past (the clock cannot be moved
    /// through the API).
    pub async fn idle_sessions_for(&self, seconds: i64) {
        self.stored().idle_sessions(seconds).await.unwrap();
    }

    /// Moves every session's start `seconds` into the past.
    pub async fn age_sessions_by(&self, seconds: i64) {
        self.stored().age_sessions(seconds).await.unwrap();
    }

    /// Moves every throttle window's start `seconds` into the past.
    pub async fn age_throttle_windows_by(&self, seconds: i64) {
        self.stored().age_throttle_windows(seconds).await.unwrap();
    }

    /// Moves an invitation's creation `created` seconds and its expiry `expires` seconds into
    /// the past.
    pub async fn backdate_invitation(&self, id: &str, created: i64, expires: i64) {
        self.stored()
            .backdate_invitation(id, created, expires)
            .await
            .unwrap();
    }

    /// Lets an invitation run out: it expired a second after it was made, or a second ago if
    /// it was made just now.
    pub async fn expire_invitation(&self, id: &str) {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        self.stored().expire_invitation(id, now).await.unwrap();
    }
}

/// The engine the suite runs on: a PostgreSQL server's URL in `PORTAL_TEST_DATABASE_URL`, or
/// SQLite files when it is unset. This is where the shared suite names an engine (the backup
/// and start-up tests in `operations/` are SQLite's own).
pub fn postgres_server() -> Option<String> {
    std::env::var("PORTAL_TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// The database a test's server runs on, the same for the same `dir` (a restart finds its
/// data): a SQLite file in it, or a database of its own on the PostgreSQL server, named after
/// the folder and this run (the engine creates it when it does not exist).
fn database_url(dir: &std::path::Path) -> String {
    match postgres_server() {
        Some(server) => with_database(&server, &database_name(dir)),
        None => sqlite_url(dir),
    }
}

fn sqlite_url(dir: &std::path::Path) -> String {
    format!("sqlite://{}", dir.join("portal.db").display())
}

/// `portal_t_<run>_<folder>`: unique per test folder, and new for every run of the suite, so a
/// server kept between runs never hands a test an earlier run's data.
fn database_name(dir: &std::path::Path) -> String {
    static RUN: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    });
    let folder: String = dir
        .file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    format!("portal_t_{run:x}_{folder}")
}

/// The server URL with its database replaced by `name` (its query string kept).
fn with_database(server: &str, name: &str) -> String {
    let (scheme, rest) = server.split_once("://").expect("a database URL");
    let (authority, after) = rest.split_once('/').unwrap_or((rest, ""));
    let query = after
        .split_once('?')
        .map_or(String::new(), |(_, q)| format!("?{q}"));
    format!("{scheme}://{authority}/{name}{query}")
}

/// The health checks' answer.
#[derive(Debug, serde::Deserialize)]
pub struct Health {
    pub status: String,
}

/// `portal-server` run with `args` on `database_url`, to its end.
pub fn portal_server(args: &[&str], database_url: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(args)
        .env("PORTAL_DATABASE_URL", database_url)
        .env_remove("RUST_LOG")
        .output()
        .expect("portal-server runs")
}

/// The value of the Prometheus sample `name` whose labels include every one of `labels`.
pub fn sample(metrics: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    metrics.lines().find_map(|line| {
        let rest = line.strip_prefix(name)?;
        let (labels_text, value) = match rest.strip_prefix('{') {
            Some(r) => r.split_once("} ")?,
            None => ("", rest.strip_prefix(' ')?),
        };
        labels
            .iter()
            .all(|(k, v)| labels_text.contains(&format!("{k}=\"{v}\"")))
            .then(|| value.trim().parse().ok())
            .flatten()
    })
}

/// `…/customers/{id}/subscriptions/{subscriptionId}/supportcontact`.
pub fn support_contact(customer: &str, subscription: &str) -> String {
    paths::subscription_action(customer, subscription, "supportcontact")
}

/// An invitation request in English with or without admin privileges, for no one in particular.
pub fn invitation_request(admin_privileges: bool) -> CreateRelationshipRequest {
    CreateRelationshipRequest {
        allow_delegated_access: admin_privileges,
        customer_email: None,
        language: Language::En,
    }
}

/// `attempts` acceptances of `token` by `session` sent at once, spread in turn over the servers
/// at `bases`: each answer's status and body.
pub async fn accept_at_once(
    bases: &[&str],
    token: &str,
    session: &str,
    attempts: usize,
) -> Vec<(StatusCode, serde_json::Value)> {
    let mut sent = tokio::task::JoinSet::new();
    for i in 0..attempts {
        let url = format!("{}{}", bases[i % bases.len()], paths::INVITATION_ACCEPT);
        let body = serde_json::to_string(&acceptance(token, true)).unwrap();
        let cookie = cookie(session);
        sent.spawn(async move {
            let r = reqwest::Client::new()
                .post(url)
                .header("content-type", "application/json")
                .header("cookie", cookie)
                .body(body)
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<serde_json::Value>().await.unwrap())
        });
    }
    sent.join_all().await
}

/// The token of an invitation's link (after `#`).
pub fn token_of(invitation: &Invitation) -> String {
    let link = invitation.link.as_deref().expect("the link");
    link.split_once('#').expect("a token after #").1.to_owned()
}

/// Accepting `token`, with or without accepting the Customer Agreement.
pub fn acceptance(token: &str, agreement: bool) -> AcceptInvitation {
    AcceptInvitation {
        token: token.into(),
        accept_customer_agreement: agreement,
    }
}

/// `accessDetails` with these role ids.
pub fn access_details(roles: &[&str]) -> AccessDetails {
    AccessDetails {
        unified_roles: roles
            .iter()
            .map(|id| UnifiedRole {
                role_definition_id: (*id).to_owned(),
            })
            .collect(),
    }
}

/// A request named `name` for `customer` (any customer when `None`) for `days` with `roles`.
pub fn gdap_request(
    name: &str,
    customer: Option<&str>,
    days: u32,
    roles: &[&str],
) -> CreateAdminRelationship {
    CreateAdminRelationship {
        display_name: name.into(),
        duration: format!("P{days}D"),
        customer: customer.map(|id| CustomerRef {
            tenant_id: id.into(),
        }),
        access_details: access_details(roles),
        auto_extend_duration: None,
    }
}

/// The token of an approval link (after `#token=`).
pub fn approval_token(r: &AdminRelationship) -> String {
    let link = r.approval_link.as_deref().expect("the approval link");
    link.split_once("#token=")
        .expect("a token after #token=")
        .1
        .to_owned()
}

/// An answer of the API, whose body reads as `T` when it succeeds.
pub struct Answer<T> {
    response: Response,
    body: PhantomData<fn() -> T>,
}

impl<T> Answer<T> {
    fn new(response: Response) -> Answer<T> {
        Answer {
            response,
            body: PhantomData,
        }
    }

    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The `ETag` header, if any.
    pub fn etag(&self) -> Option<String> {
        self.response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// Asserts `status` and the error body; returns it.
    pub async fn error(self, status: StatusCode) -> ErrorBody {
        expect_error(self.response, status).await
    }
}

impl<T: DeserializeOwned> Answer<T> {
    /// Asserts a success and reads the body.
    pub async fn ok(self) -> T {
        let status = self.response.status();
        assert!(status.is_success(), "status {status}");
        self.response.json().await.expect("the answer's body")
    }
}

impl<T> From<Answer<T>> for Response {
    fn from(answer: Answer<T>) -> Response {
        answer.response
    }
}

/// The query of a list (customers, users, invitations, the audit log), by the contract's
/// parameter names, encoded as the app encodes it.
#[derive(Debug, Clone, Default)]
pub struct Query(Vec<(&'static str, String)>);

impl Query {
    pub fn new() -> Query {
        Query::default()
    }

    fn with(mut self, name: &'static str, value: impl ToString) -> Query {
        self.0.push((name, value.to_string()));
        self
    }

    pub fn size(self, size: u32) -> Query {
        self.with(customers_query::SIZE, size)
    }

    pub fn filter(self, text: &str) -> Query {
        self.with(customers_query::FILTER, text)
    }

    pub fn sort(self, order: CustomerOrder) -> Query {
        self.with(customers_query::SORT, order)
    }

    pub fn token(self, token: &str) -> Query {
        self.with(customers_query::CONTINUATION_TOKEN, token)
    }

    pub fn status(self, status: InvitationStatus) -> Query {
        self.with(customers_query::STATUS, status.as_str())
    }

    /// A granular admin relationship status.
    pub fn gdap_status(self, status: portal_contract::gdap::AdminRelationshipStatus) -> Query {
        self.with(customers_query::STATUS, status.as_str())
    }

    pub fn ending_within(self, days: u32) -> Query {
        self.with("endingWithin", days)
    }

    pub fn customer(self, id: &str) -> Query {
        self.with("customerId", id)
    }

    pub fn kind(self, kind: AuditKind) -> Query {
        self.with("kind", kind.as_str())
    }

    pub fn user_email(self, email: &str) -> Query {
        self.with("userEmail", email)
    }

    /// The first UTC day, `YYYY-MM-DD`.
    pub fn from(self, day: &str) -> Query {
        self.with("from", day)
    }

    /// The last UTC day, `YYYY-MM-DD`.
    pub fn to(self, day: &str) -> Query {
        self.with("to", day)
    }

    pub fn language(self, language: Language) -> Query {
        self.with("language", language.as_str())
    }

    /// `path` with this query, `?…` when there is one.
    pub fn on(&self, path: &str) -> String {
        if self.0.is_empty() {
            return path.to_owned();
        }
        let mut url = reqwest::Url::parse("http://query.invalid/").unwrap();
        url.query_pairs_mut().extend_pairs(&self.0);
        format!("{path}?{}", url.query().unwrap_or(""))
    }
}

pub fn cookie(session: &str) -> String {
    format!("{}={session}", paths::SESSION_COOKIE)
}

/// The session id a response's `Set-Cookie` carries, if any (empty when it clears it).
pub fn session_from(r: &Response) -> Option<String> {
    let prefix = format!("{}=", paths::SESSION_COOKIE);
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(prefix.as_str()))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
}

/// The error body's field errors as `(field, code)` pairs, in order.
pub fn field_codes(e: &ErrorBody) -> Vec<(&str, &str)> {
    e.field_errors
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect()
}

/// Asserts the status and that the body is the API's error body; returns it.
pub async fn expect_error(r: impl Into<Response>, status: StatusCode) -> ErrorBody {
    let r: Response = r.into();
    assert_eq!(r.status(), status, "status");
    let header_id = r
        .headers()
        .get(paths::CORRELATION_HEADER)
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
