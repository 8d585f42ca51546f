//! Starts the partner portal server. Everything real lives in the library so tests can call it.

use clap::Parser;
use portal_server::Settings;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let settings = Settings::parse();
    portal_server::telemetry::init();
    if settings.check_database {
        return match portal_server::check_database(&settings).await {
            Ok(problems) if problems.is_empty() => {
                println!("database ok");
                std::process::ExitCode::SUCCESS
            }
            Ok(problems) => {
                problems.iter().for_each(|p| println!("{p}"));
                std::process::ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    match portal_server::run(settings).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server stopped");
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
