//! Fills a database for benchmarks: the demo data (when empty), then `--customers` generated
//! customers for one partner. `cargo xtask seed --customers 100000` runs it.

use clap::Parser;

#[derive(Parser)]
#[command(about = "Adds generated customers to a partner portal database.")]
struct Args {
    /// The database to fill (created and migrated when missing).
    #[arg(
        long,
        env = "PORTAL_DATABASE_URL",
        default_value = "sqlite://data/portal.db"
    )]
    database_url: String,
    /// How many customers to add.
    #[arg(long, default_value_t = 100_000)]
    customers: u64,
    /// The partner who gets them, by primary domain.
    #[arg(long, default_value = "contoso-partner.example")]
    partner: String,
    /// How many granular admin relationships each customer without any gets.
    #[arg(long, default_value_t = 3)]
    admin_relationships: u32,
    /// How many audit entries to add to the partner's log (for the export at size).
    #[arg(long, default_value_t = 0)]
    audit_entries: u64,
}

#[tokio::main]
async fn main() -> Result<(), portal_server::BoxError> {
    let args = Args::parse();
    let store = portal_server::open_store(&args.database_url).await?;
    store.seed_demo_if_empty().await?;
    let db = portal_server::open_tooling(&args.database_url).await?;
    let started = std::time::Instant::now();
    let total = db.generate_customers(&args.partner, args.customers).await?;
    println!(
        "added {} customers to {} in {:.1} s; it now has {total}",
        args.customers,
        args.partner,
        started.elapsed().as_secs_f64()
    );
    if args.admin_relationships > 0 {
        let started = std::time::Instant::now();
        let added = db
            .generate_admin_relationships(&args.partner, args.admin_relationships)
            .await?;
        println!(
            "added {added} granular admin relationships in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    if args.audit_entries > 0 {
        db.generate_audit_entries(&args.partner, args.audit_entries)
            .await?;
        println!("added {} audit entries", args.audit_entries);
    }
    Ok(())
}
