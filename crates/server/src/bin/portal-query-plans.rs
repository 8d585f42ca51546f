//! Prints, as JSON, the engine's plans of the statements behind the list pages (Customers and
//! Admin relationships: first page, next page, searches, filtered views) of one partner in a
//! filled database. `cargo xtask bench` runs it on its database and writes the plans to
//! `BENCHMARKS.md`.

use clap::Parser;
use portal_server::plans::{Recorder, list_page_plans};

#[derive(Parser)]
#[command(about = "Prints the query plans of the list pages, as JSON.")]
struct Args {
    /// The database to read (e.g. one `portal-seed` filled).
    #[arg(
        long,
        env = "PORTAL_DATABASE_URL",
        default_value = "sqlite://data/portal.db"
    )]
    database_url: String,
    /// The partner whose lists are read, by primary domain.
    #[arg(long, default_value = "contoso-partner.example")]
    partner: String,
}

#[tokio::main]
async fn main() -> Result<(), portal_server::BoxError> {
    let args = Args::parse();
    let recorder = Recorder::default();
    tracing::subscriber::set_global_default(recorder.subscriber())?;
    let store = portal_server::open_store(&args.database_url).await?;
    let tooling = portal_server::open_tooling(&args.database_url).await?;
    let plans = list_page_plans(store.as_ref(), tooling.as_ref(), &args.partner, &recorder).await?;
    println!("{}", serde_json::to_string_pretty(&plans)?);
    Ok(())
}
