//! Starts the partner portal server. Everything real lives in the library so tests can call it.

use clap::Parser;
use portal_server::Settings;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let settings = Settings::parse();
    portal_server::telemetry::init();
    match portal_server::run(settings).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server stopped");
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
