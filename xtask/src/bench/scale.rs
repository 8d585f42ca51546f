//! `bench scale`: each engine filled in two shapes, one partner with a million customers and a
//! hundred partners with 10,000 each (the demo partner one of them, so the API can be asked
//! as it), and for each: how long the filling took, the plans of every list page's statements
//! for the demo partner ([`access`] says whether each stays a range scan led by the partner),
//! whether the count the API answers is exactly what was seeded, and the Customers list under
//! load. Each database is deleted when its shape is done: the machine's disk is finite.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use portal_contract::paths::{self, customers_query as query};
use portal_contract::{Customer, demo};
use serde::{Deserialize, Serialize};

use super::results::{PagePlan, Scenario, round};
use super::run::{self, ADDR, EMAIL};
use crate::live::{self, Client, Server};
use crate::postgres::Postgres;
use crate::{Result, output};

/// Both engines in both shapes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub runs: Vec<ScaleRun>,
    /// What the run could not measure, and why (reported under the figures).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Scale {
    /// The most customers one partner had.
    pub fn largest_partner(&self) -> u64 {
        self.runs
            .iter()
            .map(|r| r.customers_per_partner)
            .max()
            .unwrap_or(0)
    }
}

/// One engine in one shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleRun {
    /// `SQLite` or `PostgreSQL`.
    pub engine: String,
    pub partners: u32,
    pub customers_per_partner: u64,
    /// Granular admin relationships generated per customer.
    pub admin_relationships: u32,
    /// Filling every partner, relationships included.
    pub seed_seconds: f64,
    /// The demo partner's customers before the filling plus those it added.
    pub expected_count: u64,
    /// `totalCount` of the demo partner's Customers list, as the API answers it.
    pub api_count: u64,
    /// The demo partner's list pages.
    pub query_plans: Vec<PagePlan>,
    /// The static-file baseline first, then the Customers list: first page, deep page, search.
    pub scenarios: Vec<Scenario>,
}

/// One filling: how many partners, how many customers each.
#[derive(Debug, Clone, Copy)]
struct Shape {
    partners: u32,
    customers: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        }
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The shapes (`BENCH_SCALE_CUSTOMERS`, 1,000,000 for the one partner; `BENCH_SCALE_PARTNERS`
/// × `BENCH_SCALE_PER_PARTNER`, 100 × 10,000), each on SQLite then on PostgreSQL.
pub fn measure(root: &Path, dir: &Path) -> Result<Scale> {
    let shapes = [
        Shape {
            partners: 1,
            customers: env_or("BENCH_SCALE_CUSTOMERS", 1_000_000),
        },
        Shape {
            partners: env_or("BENCH_SCALE_PARTNERS", 100),
            customers: env_or("BENCH_SCALE_PER_PARTNER", 10_000),
        },
    ];
    let admin_relationships = env_or("BENCH_SCALE_ADMIN_RELATIONSHIPS", 1);
    let mut runs = Vec::new();
    for engine in [Engine::Sqlite, Engine::Postgres] {
        for shape in shapes {
            let shape_dir = dir.join(format!(
                "{}-{}x{}",
                engine.name(),
                shape.partners,
                shape.customers
            ));
            std::fs::create_dir_all(&shape_dir).map_err(|e| e.to_string())?;
            let run = match engine {
                Engine::Sqlite => {
                    let url = live::database_url(&shape_dir);
                    let run = one(root, &shape_dir, &url, engine, shape, admin_relationships);
                    let _ = std::fs::remove_dir_all(&shape_dir);
                    run?
                }
                Engine::Postgres => {
                    let postgres = Postgres::start_durable(root)?;
                    let url = postgres.database_url("portal_scale");
                    let run = one(root, &shape_dir, &url, engine, shape, admin_relationships);
                    postgres.remove();
                    run?
                }
            };
            eprintln!("bench: scale: {run:?}");
            runs.push(run);
        }
    }
    Ok(Scale {
        runs,
        notes: Vec::new(),
    })
}

fn one(
    root: &Path,
    dir: &Path,
    url: &str,
    engine: Engine,
    shape: Shape,
    admin_relationships: u32,
) -> Result<ScaleRun> {
    // The demo data alone first: the demo partner's own customers, which the count includes.
    let before = seed(
        root,
        url,
        &["--customers", "0", "--admin-relationships", "0"],
    )?;
    let started = Instant::now();
    let per_partner = shape.customers.to_string();
    let relationships = admin_relationships.to_string();
    let args = [
        "--customers",
        &per_partner,
        "--admin-relationships",
        &relationships,
    ];
    seed(root, url, &args)?;
    if shape.partners > 1 {
        let others = (shape.partners - 1).to_string();
        seed(root, url, &[&args[..], &["--partners", &others]].concat())?;
    }
    let seed_seconds = round(started.elapsed().as_secs_f64(), 1);
    let query_plans = run::query_plans(root, url, demo::CONTOSO.domain)?;
    let _server = Server::start_with(root, ADDR, dir, url)?;
    let client = Client::new(ADDR);
    let session = client.sign_in(EMAIL)?;
    let api_count = client
        .page::<Customer>(&session, paths::CUSTOMERS, None)?
        .total_count;
    let deep_rows = run::deep_rows(shape.customers);
    let deep = run::deep_token(&client, &session, deep_rows)?;
    let gets = [
        (
            "Static file (baseline)".to_owned(),
            "/favicon.svg".to_owned(),
        ),
        (
            "Customers, first page of 50".to_owned(),
            paths::CUSTOMERS.to_owned(),
        ),
        (
            format!("Customers, deep page (from row {})", deep_rows + 1),
            live::with_query(paths::CUSTOMERS, &[(query::CONTINUATION_TOKEN, &deep)]),
        ),
        (
            "Customers, search \"bala\" (four letters)".to_owned(),
            live::with_query(paths::CUSTOMERS, &[(query::FILTER, "bala")]),
        ),
    ];
    let mut scenarios = Vec::new();
    for (name, path) in gets {
        scenarios.push(run::scenario(root, &session, name, &path, None)?);
    }
    Ok(ScaleRun {
        engine: engine.name().to_owned(),
        partners: shape.partners,
        customers_per_partner: shape.customers,
        admin_relationships,
        seed_seconds,
        expected_count: before + shape.customers,
        api_count,
        query_plans,
        scenarios,
    })
}

/// `portal-seed` with `args` on `url`; the demo partner's customer count it reports after
/// filling it (the first partner it fills).
fn seed(root: &Path, url: &str, args: &[&str]) -> Result<u64> {
    eprintln!("bench: portal-seed {}", args.join(" "));
    let out = output(
        root,
        Command::new(root.join("target/release/portal-seed"))
            .args(["--database-url", url])
            .args(args),
    )
    .ok_or("portal-seed failed")?;
    eprint!("{out}");
    now_has(&out).ok_or_else(|| format!("portal-seed said no count:\n{out}"))
}

/// The count in portal-seed's first `… it now has N` line.
fn now_has(out: &str) -> Option<u64> {
    out.lines()
        .find_map(|l| l.split_once("it now has ")?.1.trim().parse().ok())
}

/// How a statement reaches its rows, read from either engine's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Every table read through an index, and at least one range led by the partner.
    PartnerRange,
    /// Every table read through an index, none by a range that starts at the partner.
    KeyLookups,
    /// A whole table or index read (SQLite `SCAN t`, PostgreSQL `Seq Scan` or an index scan
    /// with no condition): the line that says so.
    FullScan(String),
}

/// The tables of one row per partner (the lists' counts). PostgreSQL reads such a table whole
/// while it fits a page or two, which is cheaper than its key; that read grows with the
/// partners, never with a partner's customers, so it does not count against a statement.
pub const PER_PARTNER_TABLES: [&str; 2] = ["partner_customer_counts", "admin_relationship_counts"];

/// Reads a plan as `portal-query-plans` records it: SQLite's `EXPLAIN QUERY PLAN` lines or
/// PostgreSQL's `EXPLAIN` text.
pub fn access(plan: &[String]) -> Access {
    // SQLite names co-routines and materialised subqueries, then `SCAN`s them: not tables.
    let inner: Vec<&str> = plan
        .iter()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("CO-ROUTINE ")
                .or_else(|| l.strip_prefix("MATERIALIZE "))
        })
        .collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut led = false;
    for (i, line) in plan.iter().enumerate() {
        let l = line.trim().trim_start_matches("->").trim();
        if let Some(what) = l.strip_prefix("SCAN ") {
            let name = what.split_whitespace().next().unwrap_or("");
            let not_a_table =
                what == "CONSTANT ROW" || name.starts_with('(') || inner.contains(&name);
            if !not_a_table {
                return Access::FullScan(l.to_owned());
            }
        }
        if let Some(what) = l.strip_prefix("Seq Scan on ") {
            let table = what.split_whitespace().next().unwrap_or("");
            if !PER_PARTNER_TABLES.contains(&table) {
                return Access::FullScan(l.to_owned());
            }
            // The partner's own row of it, as SQLite's look-up by its key.
            led = true;
        }
        if (l.starts_with("Index Scan") || l.starts_with("Index Only Scan"))
            && !plan[i + 1..]
                .iter()
                .take_while(|next| indent(next) > indent(line) && !next.contains("->"))
                .any(|next| next.contains("Index Cond:"))
        {
            return Access::FullScan(l.to_owned());
        }
        let sqlite_range = l.starts_with("SEARCH ") && l.contains("(partner_id=");
        let postgres_range = l
            .strip_prefix("Index Cond: ")
            .is_some_and(|c| c.trim_start_matches('(').starts_with("partner_id = "));
        led |= sqlite_range || postgres_range;
    }
    if led {
        Access::PartnerRange
    } else {
        Access::KeyLookups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn reads_sqlite_plans() {
        let first_page = lines(
            "CO-ROUTINE r\n  SEARCH r USING INDEX customer_relationships_by_name (partner_id=?)\nSCAN r\nSEARCH o USING INDEX sqlite_autoindex_organizations_1 (id=?)\nUSE TEMP B-TREE FOR ORDER BY",
        );
        assert_eq!(access(&first_page), Access::PartnerRange);
        let scalar = lines(
            "SCAN CONSTANT ROW\nSCALAR SUBQUERY 1\n  SEARCH customer_relationships USING COVERING INDEX x (partner_id=? AND sort_key>?)",
        );
        assert_eq!(access(&scalar), Access::PartnerRange);
        let subquery = lines(
            "CO-ROUTINE (subquery-1)\n  SEARCH r USING COVERING INDEX x (partner_id=? AND sort_key>?)\nSCAN (subquery-1)",
        );
        assert_eq!(access(&subquery), Access::PartnerRange);
        assert_eq!(
            access(&lines(
                "SEARCH o USING INDEX sqlite_autoindex_organizations_1 (id=?)"
            )),
            Access::KeyLookups
        );
        assert_eq!(
            access(&lines(
                "SCAN customer_relationships\nUSE TEMP B-TREE FOR ORDER BY"
            )),
            Access::FullScan("SCAN customer_relationships".into())
        );
        assert_eq!(
            access(&lines("SCAN r USING COVERING INDEX by_name")),
            Access::FullScan("SCAN r USING COVERING INDEX by_name".into())
        );
    }

    #[test]
    fn reads_postgres_plans() {
        let first_page = lines(
            "Nested Loop\n  ->  Limit\n        ->  Index Scan using customer_relationships_by_name on customer_relationships r\n              Index Cond: (partner_id = $1)\n  ->  Index Scan using organizations_pkey on organizations o\n        Index Cond: (id = r.customer_id)",
        );
        assert_eq!(access(&first_page), Access::PartnerRange);
        let by_customer = lines(
            "Nested Loop\n  ->  Function Scan on unnest c\n  ->  Bitmap Heap Scan on admin_relationships\n        Recheck Cond: ((customer_id = c.id) AND (state = 'active'::text))\n        Filter: (partner_id = $1)\n        ->  Bitmap Index Scan on admin_relationships_of_customer\n              Index Cond: ((customer_id = c.id) AND (state = 'active'::text))",
        );
        assert_eq!(access(&by_customer), Access::KeyLookups);
        let range = lines(
            "Limit\n  ->  Index Only Scan Backward using by_name on customer_relationships r\n        Index Cond: ((partner_id = $1) AND (ROW(sort_key, customer_id) < ROW($2, $3)))",
        );
        assert_eq!(access(&range), Access::PartnerRange);
        assert_eq!(
            access(&lines(
                "Limit\n  ->  Seq Scan on customer_relationships r\n        Filter: (partner_id = $1)"
            )),
            Access::FullScan("Seq Scan on customer_relationships r".into())
        );
        // The count, from a table of one row per partner, beside the page's range.
        let counted = lines(
            "Nested Loop\n  InitPlan 1 (returns $0)\n    ->  Seq Scan on partner_customer_counts\n          Filter: (partner_id = $1)\n  ->  Limit\n        ->  Index Scan using by_name on customer_relationships r\n              Index Cond: (partner_id = $1)",
        );
        assert_eq!(access(&counted), Access::PartnerRange);
        let count_only = lines(
            "Aggregate\n  ->  Seq Scan on admin_relationship_counts\n        Filter: (partner_id = $1)",
        );
        assert_eq!(access(&count_only), Access::PartnerRange);
        let whole_index = lines(
            "Limit\n  ->  Index Scan using by_name on customer_relationships r\n        Filter: (partner_id = $1)\n  ->  Index Scan using organizations_pkey on organizations o\n        Index Cond: (id = r.customer_id)",
        );
        assert_eq!(
            access(&whole_index),
            Access::FullScan("Index Scan using by_name on customer_relationships r".into())
        );
    }

    #[test]
    fn reads_the_seeders_count() {
        let out = "added 0 customers to contoso-partner.example in 0.0 s; it now has 36\nadded 3 granular admin relationships in 0.1 s\n";
        assert_eq!(now_has(out), Some(36));
        assert_eq!(now_has("nothing"), None);
    }
}
