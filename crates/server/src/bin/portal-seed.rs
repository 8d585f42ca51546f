//! Fills a database (either engine) for benchmarks: the demo data (when empty), then
//! `--customers` generated customers for one partner, or with `--partners N` for each of N
//! generated partners (`partner-1.example` …). `cargo xtask seed --customers 100000` runs it.

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
    /// Instead of `--partner`: this many generated partners (`partner-1.example` …), each
    /// getting `--customers` customers, their relationships and audit entries.
    #[arg(long)]
    partners: Option<u32>,
    /// How many granular admin relationships each customer without any gets.
    #[arg(long, default_value_t = 3)]
    admin_relationships: u32,
    /// How many audit entries to add to the partner's log (for the export at size), as its
    /// Global admin; not with `--partners` (generated partners have no accounts).
    #[arg(long, default_value_t = 0)]
    audit_entries: u64,
}

#[tokio::main]
async fn main() -> Result<(), portal_server::BoxError> {
    let args = Args::parse();
    let store = portal_server::open_store(&args.database_url).await?;
    store.seed_demo_if_empty().await?;
    let db = portal_server::open_tooling(&args.database_url).await?;
    let partners = match args.partners {
        Some(n) => {
            let mut domains = Vec::new();
            for i in 1..=n {
                domains.push(db.generate_partner(i).await?);
            }
            domains
        }
        None => vec![args.partner.clone()],
    };
    for partner in &partners {
        fill(db.as_ref(), partner, &args).await?;
    }
    let started = std::time::Instant::now();
    db.finish_filling().await?;
    println!(
        "brought the statistics up to date in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The customers, relationships and audit entries of one partner.
async fn fill(
    db: &dyn portal_server::store::Tooling,
    partner: &str,
    args: &Args,
) -> Result<(), portal_server::BoxError> {
    let started = std::time::Instant::now();
    let total = db.generate_customers(partner, args.customers).await?;
    println!(
        "added {} customers to {partner} in {:.1} s; it now has {total}",
        args.customers,
        started.elapsed().as_secs_f64()
    );
    if args.admin_relationships > 0 {
        let started = std::time::Instant::now();
        let added = db
            .generate_admin_relationships(partner, args.admin_relationships)
            .await?;
        println!(
            "added {added} granular admin relationships in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    if args.audit_entries > 0 && args.partners.is_none() {
        db.generate_audit_entries(partner, args.audit_entries)
            .await?;
        println!("added {} audit entries", args.audit_entries);
    }
    Ok(())
}
