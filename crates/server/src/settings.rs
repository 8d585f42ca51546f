//! Settings from command-line flags or environment variables. Every default runs the product
//! locally: `http://127.0.0.1:8080`, a SQLite file under `data/`, the app from `dist/`.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "portal-server",
    version,
    about = "Partner portal API and app server"
)]
pub struct Settings {
    /// Address to listen on.
    #[arg(long, env = "PORTAL_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Database URL. `sqlite://path` creates the file when missing.
    #[arg(
        long,
        env = "PORTAL_DATABASE_URL",
        default_value = "sqlite://data/portal.db",
        global = true
    )]
    pub database_url: String,

    /// Directory holding the built single-page app (`index.html` and its assets).
    #[arg(long, env = "PORTAL_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Fill an empty database with the demo organisations and accounts.
    #[arg(long, env = "PORTAL_DEMO_DATA", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo_data: bool,

    /// A session ends after this many minutes without a request.
    #[arg(long, env = "PORTAL_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: u64,

    /// A session ends this many hours after sign-in, however active.
    #[arg(long, env = "PORTAL_SESSION_ABSOLUTE_HOURS", default_value_t = 12)]
    pub session_absolute_hours: u64,

    /// Days until an invitation link expires.
    #[arg(long, env = "PORTAL_INVITATION_DAYS", default_value_t = 30)]
    pub invitation_days: u32,

    /// File holding the secret that invitation links are derived from (created when missing).
    #[arg(
        long,
        env = "PORTAL_INVITATION_KEY_FILE",
        default_value = "data/invitation.key"
    )]
    pub invitation_key_file: PathBuf,

    /// Address where people reach this server; invitation links start with it.
    #[arg(
        long,
        env = "PORTAL_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,

    /// Base address of the Microsoft 365 admin center (public-cloud customers).
    /// Default: `<public-url>/m365-admin`.
    #[arg(long, env = "PORTAL_M365_ADMIN_URL")]
    pub m365_admin_url: Option<String>,

    /// Base address of the Microsoft Office admin portal (Germany and US Government customers).
    /// Default: `<public-url>/office-admin`.
    #[arg(long, env = "PORTAL_OFFICE_ADMIN_URL")]
    pub office_admin_url: Option<String>,

    /// Failed sign-ins allowed per e-mail address (and, five times as many, per client address)
    /// within the window before the server answers 429.
    #[arg(long, env = "PORTAL_SIGN_IN_MAX_FAILURES", default_value_t = 5)]
    pub sign_in_max_failures: u32,

    /// Unknown invitation links a client may try per minute before the server answers 429.
    #[arg(long, env = "PORTAL_TOKEN_MAX_MISSES", default_value_t = 10)]
    pub token_max_misses: u32,

    /// Length of the link-lookup window, in seconds: misses older than this are forgotten.
    #[arg(long, env = "PORTAL_TOKEN_WINDOW_SECS", default_value_t = 60)]
    pub token_window_secs: u64,

    /// Length of the failed sign-in window, in seconds.
    #[arg(long, env = "PORTAL_SIGN_IN_WINDOW_SECS", default_value_t = 900)]
    pub sign_in_window_secs: u64,

    /// JSON file binding organisations to their OpenID Connect providers (see the README).
    /// Without it, everyone signs in with a password.
    #[arg(long, env = "PORTAL_OIDC_CONFIG")]
    pub oidc_config: Option<PathBuf>,

    /// Check the database's integrity and foreign keys, print what is wrong, and exit (non-zero
    /// when anything is): after a crash, before trusting the file again.
    #[arg(long)]
    pub check_database: bool,

    /// How logs are written: `text` for people, `json` (one object a line) for a log collector.
    #[arg(long, env = "PORTAL_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Address of a second listener that serves only `GET /metrics` (Prometheus). Without it
    /// there are no metrics: they tell traffic and route use, so they belong on an address the
    /// public cannot reach, never on the main one.
    #[arg(long, env = "PORTAL_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,

    /// A proxy or load balancer (address or CIDR network) whose `Forwarded` / `X-Forwarded-For`
    /// header names the client. Repeatable; the environment variable takes a comma-separated
    /// list. Headers from any other peer are ignored.
    #[arg(
        long = "trusted-proxy",
        env = "PORTAL_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = crate::http::client_addr::parse_network,
        value_name = "CIDR"
    )]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// The header the trusted proxies write the client into: `x-forwarded-for` or `forwarded`
    /// (RFC 7239). Only this one is read, so a client cannot slip in the other.
    #[arg(long, env = "PORTAL_FORWARDED_HEADER", value_enum, default_value_t = ForwardedHeader::XForwardedFor)]
    pub forwarded_header: ForwardedHeader,

    /// After SIGTERM or Ctrl+C, requests already under way get this many seconds to finish
    /// before the server exits anyway.
    #[arg(long, env = "PORTAL_SHUTDOWN_DRAIN_SECS", default_value_t = 30)]
    pub shutdown_drain_secs: u64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Tasks other than serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Copy the SQLite database, consistent and while the server runs, into a new file.
    Backup {
        /// The copy's path; an existing file is never overwritten.
        #[arg(long)]
        to: PathBuf,
    },
}

pub use crate::http::client_addr::ForwardedHeader;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Settings {
    /// Defaults with another database and no listening address of note: for tests.
    pub fn for_database(database_url: impl Into<String>) -> Settings {
        use clap::Parser;
        let mut s = Settings::parse_from(["portal-server"]);
        s.database_url = database_url.into();
        s
    }

    /// The portal an invitation from a partner in `cloud` opens.
    pub fn portal_base(&self, cloud: portal_contract::Cloud) -> String {
        use portal_contract::{Cloud, paths};
        let public = self.public_url.trim_end_matches('/');
        match cloud {
            Cloud::Public => self
                .m365_admin_url
                .clone()
                .unwrap_or_else(|| format!("{public}{}", paths::PORTAL_M365)),
            Cloud::Germany | Cloud::UsGovernment => self
                .office_admin_url
                .clone()
                .unwrap_or_else(|| format!("{public}{}", paths::PORTAL_OFFICE)),
        }
    }

    pub fn session_idle_secs(&self) -> i64 {
        (self.session_idle_minutes * 60) as i64
    }

    pub fn session_absolute_secs(&self) -> i64 {
        (self.session_absolute_hours * 3600) as i64
    }

    /// The session time-outs these settings ask for.
    pub fn session_policy(&self) -> crate::domain::session::SessionPolicy {
        crate::domain::session::SessionPolicy {
            idle_secs: self.session_idle_secs(),
            absolute_secs: self.session_absolute_secs(),
        }
    }
}
