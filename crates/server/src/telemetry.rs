//! Logging and metrics. `RUST_LOG` chooses what is logged (default: info for this crate and
//! tower-http); `--log-format json` writes one JSON object a line for a log collector.

pub mod metrics;

use tracing_subscriber::EnvFilter;

use crate::settings::LogFormat;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("portal_server=info,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        // The request span's fields (correlation id, client, method, path) go with every line.
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}
