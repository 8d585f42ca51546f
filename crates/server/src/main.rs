//! Starts the partner portal server. Everything real lives in the library so tests can call it.

use clap::Parser;
use portal_server::Settings;
use portal_server::settings::{Command, LogFormat};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let settings = Settings::parse();
    portal_server::telemetry::init(settings.log_format);
    if let Some(Command::Backup { to }) = &settings.command {
        return match portal_server::db::operations::backup(&settings.database_url, to).await {
            Ok(()) => {
                println!("backup written to {}", to.display());
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
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
    let log_format = settings.log_format;
    match portal_server::run(settings).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // One line: on stderr for a person, or one JSON object for a log collector.
            match log_format {
                LogFormat::Text => eprintln!("error: {e}"),
                LogFormat::Json => tracing::error!(error = %e, "server stopped"),
            }
            std::process::ExitCode::FAILURE
        }
    }
}
