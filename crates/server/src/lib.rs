//! The partner portal's HTTP API, and the static file server for the single-page app.
//!
//! [`run`] is what `main` calls; tests call [`App::build`] and [`App::serve`] on port 0 with a
//! database of their own.

pub mod db;
pub mod domain;
pub mod http;
pub mod oidc;
pub mod routes;
pub mod settings;
pub mod telemetry;

use std::net::SocketAddr;
use std::sync::Arc;

pub use settings::Settings;

use db::Db;
use domain::continuation::TokenSealer;
use domain::invitation::InvitationKey;
use http::throttle::FailureThrottle;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub sign_in_throttle: Arc<FailureThrottle>,
    /// Unknown invitation tokens, per client address.
    pub token_throttle: Arc<FailureThrottle>,
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
        let db = Db::connect(&settings.database_url).await?;
        if settings.demo_data {
            db.seed_demo_if_empty().await?;
        }
        let invitation_key = InvitationKey::load_or_create(&settings.invitation_key_file)?;
        let oidc = oidc::Providers::load(&settings)?;
        db.complete_approval_links(|seed| {
            domain::invitation::token_hash(&invitation_key.token(seed))
        })
        .await?;
        let state = AppState {
            db,
            oidc,
            page_tokens: TokenSealer::new(invitation_key.derive("continuation-token")),
            invitation_key,
            token_throttle: Arc::new(FailureThrottle::new(
                settings.token_max_misses,
                std::time::Duration::from_secs(settings.token_window_secs),
            )),
            sign_in_throttle: Arc::new(FailureThrottle::new(
                settings.sign_in_max_failures,
                std::time::Duration::from_secs(settings.sign_in_window_secs),
            )),
            settings: Arc::new(settings),
        };
        let router = routes::router(state.clone())?;
        Ok(App { state, router })
    }

    /// Serves until `shutdown` resolves.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        use axum::serve::ListenerExt;
        let settling = tokio::spawn(settle_periodically(self.state.db.clone()));
        // Without TCP_NODELAY, a response written in two parts waits for the client's delayed
        // ACK: 40 ms on every keep-alive request.
        let listener = listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "cannot set TCP_NODELAY");
            }
        });
        let served = axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        settling.abort();
        served
    }
}

/// Records due expiries and auto-extensions of granular admin relationships every minute, so
/// the audit log has them even when nobody reads. Reads and changes settle first as well; the
/// conditional updates make concurrent runs (other instances) harmless.
async fn settle_periodically(db: Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        if let Err(e) = db
            .settle_admin_relationships(domain::time::now_unix())
            .await
        {
            tracing::warn!(error = %e, "settling granular admin relationships failed");
        }
    }
}

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Builds the app from `settings` and serves it on `settings.addr` until Ctrl+C or SIGTERM.
pub async fn run(settings: Settings) -> Result<(), BoxError> {
    let addr = settings.addr;
    let app = App::build(settings).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    app.serve(listener, shutdown_signal()).await?;
    app_closed();
    Ok(())
}

/// `--check-database`: the problems SQLite finds in the database file, none when it is intact.
pub async fn check_database(settings: &Settings) -> Result<Vec<String>, BoxError> {
    Ok(db::Db::connect(&settings.database_url)
        .await?
        .problems()
        .await?)
}

fn app_closed() {
    tracing::info!("server stopped");
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
