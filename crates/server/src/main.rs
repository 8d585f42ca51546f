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
    without_transparent_huge_pages();
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

/// Keeps the kernel from backing this process's memory with transparent huge pages, which
/// mimalloc asks for. With them, the kernel's background merging of partly used 2 MiB ranges
/// raised the heap in steps under a steady load (the SQLite soak: 29 MiB, then 59 MiB after two
/// minutes); without them it holds level (21.6 → 22.1 MiB), for about 2 % of the page rate.
fn without_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::thread::disable_transparent_huge_pages(true) {
        tracing::warn!("transparent huge pages stay as the system sets them: {e}");
    }
}
