//! The partner portal's HTTP API, and the static file server for the single-page app.
//!
//! [`run`] is what `main` calls; tests call [`App::build`] and [`App::serve`] on port 0 with a
//! database of their own.

pub mod http;
pub mod oidc;
pub mod plans;
pub mod routes;
pub mod settings;
pub mod telemetry;

/// The SQLite engine, the rules without I/O and the store boundary, under the names the server's
/// modules use for them.
pub use portal_domain as domain;
pub use portal_store as store;
pub use portal_store_sqlite as db;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use settings::Settings;

use domain::continuation::TokenSealer;
use domain::invitation::InvitationKey;
use http::throttle::FailureThrottle;
use store::Store;
use telemetry::metrics::Metrics;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The data layer, whichever engine the database URL names.
    pub store: Arc<dyn Store>,
    pub settings: Arc<Settings>,
    pub sign_in_throttle: FailureThrottle,
    /// Unknown invitation tokens, per client address.
    pub token_throttle: FailureThrottle,
    /// Unknown admin-relationship approval tokens, per client address, with the same limits.
    pub approval_throttle: FailureThrottle,
    /// This server's Prometheus registry.
    pub metrics: Metrics,
    pub invitation_key: InvitationKey,
    /// Seals the continuation tokens of paged lists.
    pub page_tokens: TokenSealer,
    /// Organisations that sign in through their own identity provider.
    pub oidc: oidc::Providers,
}

/// A built, not yet listening, server.
pub struct App {
    pub state: AppState,
    router: axum::Router,
}

impl App {
    /// Opens (creating and migrating) the database, fills the demo data on first start when asked,
    /// and assembles the router.
    pub async fn build(settings: Settings) -> Result<App, BoxError> {
        let store = open_store(&settings.database_url).await?;
        if settings.demo_data {
            store.seed_demo_if_empty().await?;
        }
        let invitation_key = InvitationKey::load_or_create(&settings.invitation_key_file)?;
        let oidc = oidc::Providers::load(&settings)?;
        let link_key = invitation_key.clone();
        store
            .complete_approval_links(&move |seed: &[u8]| {
                domain::invitation::token_hash(&link_key.token(seed))
            })
            .await?;
        let state = AppState {
            store,
            oidc,
            page_tokens: TokenSealer::new(invitation_key.derive("continuation-token")),
            invitation_key,
            token_throttle: FailureThrottle::per_client(
                "invitation-lookup",
                settings.token_max_misses,
                Duration::from_secs(settings.token_window_secs),
            ),
            approval_throttle: FailureThrottle::per_client(
                "approval-lookup",
                settings.token_max_misses,
                Duration::from_secs(settings.token_window_secs),
            ),
            sign_in_throttle: FailureThrottle::per_subject(
                "sign-in",
                settings.sign_in_max_failures,
                Duration::from_secs(settings.sign_in_window_secs),
            ),
            metrics: Metrics::new(),
            settings: Arc::new(settings),
        };
        let router = routes::router(state.clone())?;
        Ok(App { state, router })
    }

    /// The metrics listener's router (`GET /metrics`), for `--metrics-addr`.
    pub fn metrics_router(&self) -> axum::Router {
        telemetry::metrics::router(self.state.metrics.clone(), self.state.store.clone())
    }

    /// Serves until `shutdown` resolves, then stops accepting connections and lets requests
    /// under way finish, for at most `--shutdown-drain-secs`; whatever still runs then is cut
    /// off. Returns once no request is left (or the drain time is over).
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        use axum::serve::ListenerExt;
        let settling = tokio::spawn(settle_periodically(self.state.store.clone()));
        // Without TCP_NODELAY, a response written in two parts waits for the client's delayed
        // ACK: 40 ms on every keep-alive request.
        let listener = listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "cannot set TCP_NODELAY");
            }
        });
        let drain = Duration::from_secs(self.state.settings.shutdown_drain_secs);
        let (signalled_tx, signalled_rx) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            shutdown.await;
            tracing::info!(
                drain_secs = drain.as_secs(),
                "shutting down: finishing requests under way"
            );
            let _ = signalled_tx.send(());
        };
        let server = axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(signal);
        let deadline = async move {
            if signalled_rx.await.is_ok() {
                tokio::time::sleep(drain).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        let store = self.state.store.clone();
        let outcome = tokio::select! {
            served = server => served,
            () = deadline => {
                tracing::warn!("drain time over: requests still under way were cut off");
                Ok(())
            }
        };
        settling.abort();
        outcome?;
        // Closing waits for connections still lent out; a request cut off may hold one.
        let _ = tokio::time::timeout(Duration::from_secs(5), store.close()).await;
        Ok(())
    }
}

/// Records due expiries and auto-extensions of granular admin relationships every minute, so
/// the audit log has them even when nobody reads. Reads and changes settle first as well; the
/// conditional updates make concurrent runs (other instances) harmless.
async fn settle_periodically(store: Arc<dyn Store>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        if let Err(e) = store
            .settle_admin_relationships(domain::time::now_unix())
            .await
        {
            tracing::warn!(error = %e, "settling granular admin relationships failed");
        }
    }
}

pub use portal_store::BoxError;

/// Builds the app from `settings` and serves it on `settings.addr` until Ctrl+C or SIGTERM.
pub async fn run(settings: Settings) -> Result<(), BoxError> {
    let addr = settings.addr;
    let metrics_addr = settings.metrics_addr;
    let app = App::build(settings).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let shutdown = shutdown_signal()?;
    if let Some(metrics_addr) = metrics_addr {
        let metrics = tokio::net::TcpListener::bind(metrics_addr).await?;
        tracing::info!("metrics on http://{}/metrics", metrics.local_addr()?);
        let router = app.metrics_router();
        tokio::spawn(async move { axum::serve(metrics, router).await });
    }
    tracing::info!("listening on http://{}", listener.local_addr()?);
    app.serve(listener, shutdown).await?;
    app_closed();
    Ok(())
}

/// `--check-database`: the problems the engine finds in the stored data, none when it is intact.
pub async fn check_database(settings: &Settings) -> Result<Vec<String>, BoxError> {
    Ok(open_store(&settings.database_url).await?.problems().await?)
}

/// The bench tools' access (`store::Tooling`: generated data, plans) to the engine the
/// database URL names.
pub async fn open_tooling(url: &str) -> Result<Arc<dyn store::Tooling>, BoxError> {
    match Engine::of(url) {
        Some(Engine::Sqlite) => Ok(Arc::new(db::Db::connect(url).await?)),
        Some(Engine::Postgres) => Ok(Arc::new(portal_store_postgres::Db::connect(url).await?)),
        None => Err(unsupported(url)),
    }
}

/// The test support (`store::TestSupport`) of the engine the database URL names, for the API
/// tests: the same suite runs on every engine.
pub async fn open_test_support(url: &str) -> Result<Arc<dyn store::TestSupport>, BoxError> {
    match Engine::of(url) {
        Some(Engine::Sqlite) => Ok(Arc::new(db::Db::connect(url).await?)),
        Some(Engine::Postgres) => Ok(Arc::new(portal_store_postgres::Db::connect(url).await?)),
        None => Err(unsupported(url)),
    }
}

/// The engines, by the database URL's scheme.
enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    fn of(url: &str) -> Option<Engine> {
        let scheme = url.split_once(':').map_or("", |(s, _)| s);
        match scheme {
            "sqlite" => Some(Engine::Sqlite),
            "postgres" | "postgresql" => Some(Engine::Postgres),
            _ => None,
        }
    }
}

/// Opens (creating and migrating) the store the database URL names: SQLite for `sqlite:`,
/// PostgreSQL for `postgres://` and `postgresql://`; another scheme is refused with the schemes
/// there are.
pub async fn open_store(url: &str) -> Result<Arc<dyn Store>, BoxError> {
    let cannot_open = |e: BoxError| format!("cannot open the database {}: {e}", shown(url));
    match Engine::of(url) {
        Some(Engine::Sqlite) => Ok(Arc::new(db::Db::connect(url).await.map_err(cannot_open)?)),
        Some(Engine::Postgres) => Ok(Arc::new(
            portal_store_postgres::Db::connect(url)
                .await
                .map_err(cannot_open)?,
        )),
        None => Err(unsupported(url)),
    }
}

/// The database URL as it may be shown: without the user and password a server URL may carry.
fn shown(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) if rest.contains('@') => {
            let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            format!("{scheme}://…@{host}")
        }
        _ => url.to_owned(),
    }
}

fn unsupported(url: &str) -> BoxError {
    // The URL may hold a password: only its scheme is repeated.
    let scheme = url.split_once(':').map_or("", |(s, _)| s);
    format!(
        "unsupported database URL scheme {scheme:?}: use sqlite://FILE, \
         postgres://HOST/DATABASE or postgresql://HOST/DATABASE"
    )
    .into()
}

fn app_closed() {
    tracing::info!("server stopped");
}

/// Resolves at SIGTERM or Ctrl+C (SIGINT). The handlers are installed here, before the server
/// says it is listening, so a signal that follows that line at once is never the default
/// (immediate) termination.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut int = signal(SignalKind::interrupt())?;
        Ok(async move {
            tokio::select! { _ = term.recv() => {}, _ = int.recv() => {} }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_are_shown_without_credentials() {
        assert_eq!(shown("sqlite://data/portal.db"), "sqlite://data/portal.db");
        assert_eq!(
            shown("postgres://portal:s3cret@db.example:5432/portal"),
            "postgres://…@db.example:5432/portal"
        );
        let refused = unsupported("mysql://u:s3cret@h/db").to_string();
        assert!(!refused.contains("s3cret"));
        for scheme in ["sqlite://", "postgres://", "postgresql://"] {
            assert!(refused.contains(scheme), "{refused}");
        }
    }

    /// The dependency rule, checked: only the engine's crate knows the driver. The store and the
    /// domain do not depend on it, and no module of the server but this file names the engine,
    /// so another engine plugs in here without touching handlers, domain or store.
    #[test]
    fn only_the_engine_knows_the_driver() {
        let server = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let crates = server.parent().unwrap();
        let mut offending = Vec::new();
        for manifest in [
            server.join("Cargo.toml"),
            crates.join("store/Cargo.toml"),
            crates.join("domain/Cargo.toml"),
        ] {
            if std::fs::read_to_string(&manifest).unwrap().contains("sqlx") {
                offending.push(format!("{} depends on sqlx", manifest.display()));
            }
        }
        let dirs = [
            server.join("src/http"),
            server.join("src/oidc"),
            server.join("src/routes"),
            server.join("src/telemetry"),
            crates.join("store/src"),
            crates.join("domain/src"),
        ];
        for dir in dirs {
            visit(&dir, &mut |path, text| {
                for word in [
                    "sqlx",
                    "Sqlite",
                    "Postgres",
                    "crate::db",
                    "portal_store_sqlite",
                    "portal_store_postgres",
                ] {
                    if text.contains(word) {
                        offending.push(format!("{} names {word}", path.display()));
                    }
                }
            });
        }
        assert!(offending.is_empty(), "{offending:#?}");
    }

    fn visit(dir: &std::path::Path, check: &mut impl FnMut(&std::path::Path, &str)) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(&path, check);
            } else if path.extension().is_some_and(|e| e == "rs") {
                check(&path, &std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}
