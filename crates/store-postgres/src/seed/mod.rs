//! The demo data of SPEC section 6, written once into an empty database.

use portal_contract::{Role, demo};
use sqlx::PgConnection;

use super::{Db, DbResult};

mod details;
mod gdap;
mod generate;
use portal_domain::{password, search_key, time::now_unix};

/// The advisory lock the demo data is written under (any number of our own; "demo" in ASCII).
const SEED_LOCK: i64 = 0x6465_6d6f;

/// Every demo account's password (published in the README).
pub const DEMO_PASSWORD: &str = demo::PASSWORD;

/// A sign-in account: e-mail address, display name, roles.
type Account = (&'static str, &'static str, &'static [Role]);

struct Org {
    name: &'static str,
    domain: &'static str,
    country: &'static str,
    cloud: Option<&'static str>,
    agreement_accepted: bool,
    accounts: &'static [Account],
}

const ORGS: &[Org] = &[
    Org {
        name: demo::CONTOSO.name,
        domain: demo::CONTOSO.domain,
        country: "HU",
        cloud: Some("public"),
        agreement_accepted: true,
        accounts: &[
            (
                demo::CONTOSO_GLOBAL_ADMIN,
                "Katalin Nagy",
                &[Role::GlobalAdmin],
            ),
            (
                demo::CONTOSO_ADMIN_AGENT,
                "Péter Kovács",
                &[Role::AdminAgent],
            ),
            (
                demo::CONTOSO_SALES_AGENT,
                "Eszter Szabó",
                &[Role::SalesAgent],
            ),
            (
                demo::CONTOSO_HELPDESK_AGENT,
                "Gábor Tóth",
                &[Role::HelpdeskAgent],
            ),
        ],
    },
    Org {
        name: demo::TAILSPIN.name,
        domain: demo::TAILSPIN.domain,
        country: "US",
        cloud: Some("usGovernment"),
        agreement_accepted: true,
        accounts: &[(
            demo::TAILSPIN_ADMIN_AGENT,
            "Jordan Miller",
            &[Role::AdminAgent],
        )],
    },
    Org {
        name: demo::FABRIKAM.name,
        domain: demo::FABRIKAM.domain,
        country: "HU",
        cloud: None,
        agreement_accepted: false,
        accounts: &[
            (demo::FABRIKAM_ADMIN, "Anna Horváth", &[Role::GlobalAdmin]),
            (demo::FABRIKAM_USER, "Bence Varga", &[Role::User]),
        ],
    },
    Org {
        name: demo::ADATUM.name,
        domain: demo::ADATUM.domain,
        country: "DE",
        cloud: None,
        agreement_accepted: true,
        accounts: &[(demo::ADATUM_ADMIN, "Jürgen Weiß", &[Role::GlobalAdmin])],
    },
    Org {
        name: demo::WOODGROVE.name,
        domain: demo::WOODGROVE.domain,
        country: "US",
        cloud: None,
        agreement_accepted: false,
        accounts: &[(demo::WOODGROVE_ADMIN, "Taylor Brooks", &[Role::GlobalAdmin])],
    },
];

/// Contoso's existing customers: (name, country).
const CONTOSO_CUSTOMERS: &[(&str, &str)] = &[
    ("Alpine Ski House Kft.", "HU"),
    ("Árvíztűrő Tükörfúrógép Kft.", "HU"),
    ("Balaton Vitorlás Zrt.", "HU"),
    ("Bäckerei Schönbrunn Kft.", "HU"),
    ("Blue Yonder Airlines Kft.", "HU"),
    ("Budai Könyvelő Iroda Bt.", "HU"),
    ("Coho Winery Kft.", "HU"),
    ("Csillag Patika Kft.", "HU"),
    ("Debreceni Fémszerkezet Zrt.", "HU"),
    ("Duna Logisztika Kft.", "HU"),
    ("Egri Borház Kft.", "HU"),
    ("Északi Fény Energetika Zrt.", "HU"),
    ("First Up Consultants Kft.", "HU"),
    ("Fourth Coffee Kft.", "HU"),
    ("Graphic Design Institute Kft.", "HU"),
    ("Győri Autóalkatrész Kft.", "HU"),
    ("Hajdúsági Agrár Zrt.", "HU"),
    ("Humongous Insurance Zrt.", "HU"),
    ("Kecskeméti Gyümölcs Kft.", "HU"),
    ("Lamna Healthcare Kft.", "HU"),
    ("Litware Kft.", "HU"),
    ("Lucerne Publishing Kft.", "HU"),
    ("Margaret Ügyvédi Iroda", "HU"),
    ("Mátra Turisztika Kft.", "HU"),
    ("Müller & Söhne Hungária Kft.", "HU"),
    ("Northwind Traders Kft.", "HU"),
    ("Nyíregyházi Nyomda Kft.", "HU"),
    ("Pécsi Porcelán Manufaktúra Kft.", "HU"),
    ("Proseware Kft.", "HU"),
    ("Szegedi Paprika Zrt.", "HU"),
    ("Tisza Halászat Kft.", "HU"),
    ("Trey Research Kft.", "HU"),
    ("Wide World Importers Kft.", "HU"),
    ("Wingtip Toys Kft.", "HU"),
    ("Zöldkert Faiskola Bt.", "HU"),
    ("Zugló Szerviz Kft.", "HU"),
];

/// Tailspin's customers, so that isolation can be tested from both sides.
const TAILSPIN_CUSTOMERS: &[(&str, &str)] = &[
    ("Contoso Pharmaceuticals Federal", "US"),
    ("Relecloud Government Services", "US"),
];

/// `onmicrosoft.com` domain from a company name: folded, letters and digits only.
pub(super) fn tenant_domain(name: &str) -> String {
    let slug: String = search_key::fold(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{slug}.onmicrosoft.com")
}

pub(super) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(super) async fn insert_org(
    tx: &mut PgConnection,
    name: &str,
    domain: &str,
    country: &str,
    cloud: Option<&str>,
    agreement_accepted_at: Option<i64>,
    now: i64,
) -> DbResult<String> {
    let id = new_id();
    let kind = if cloud.is_some() {
        "partner"
    } else {
        "customer"
    };
    sqlx::query(
        "INSERT INTO organizations (id, kind, name, primary_domain, country, cloud,
            agreement_accepted_at, agreement_accepted_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(kind)
    .bind(name)
    .bind(domain)
    .bind(country)
    .bind(cloud)
    .bind(agreement_accepted_at)
    .bind(agreement_accepted_at.map(|_| "demo data"))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

async fn insert_customers(
    tx: &mut PgConnection,
    partner_id: &str,
    customers: &[(&str, &str)],
    now: i64,
) -> DbResult<()> {
    for (i, (name, country)) in customers.iter().enumerate() {
        let since = now - 86_400 * (30 + 17 * i as i64);
        let customer_id = insert_org(
            tx,
            name,
            &tenant_domain(name),
            country,
            None,
            Some(since),
            since,
        )
        .await?;
        let privileges = match i % 7 {
            3 => "notRequested",
            5 => "removedByCustomer",
            _ => "granted",
        };
        let domain = tenant_domain(name);
        insert_relationship(
            tx,
            partner_id,
            &customer_id,
            name,
            &domain,
            privileges,
            since,
        )
        .await?;
        details::insert(tx, partner_id, &customer_id, &domain, i, since, now).await?;
    }
    Ok(())
}

/// One row of the partner's customer list.
pub(super) async fn insert_relationship(
    tx: &mut PgConnection,
    partner_id: &str,
    customer_id: &str,
    name: &str,
    domain: &str,
    privileges: &str,
    since: i64,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO customer_relationships
            (partner_id, customer_id, sort_key, domain_key, relationship, admin_privileges, created_at)
         VALUES ($1, $2, $3, $4, 'reseller', $5, $6)",
    )
    .bind(partner_id)
    .bind(customer_id)
    .bind(search_key::fold(name))
    .bind(domain.to_lowercase())
    .bind(privileges)
    .bind(since)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

impl Db {
    /// Writes the demo data when the database has no organisations; otherwise leaves it alone.
    /// Returns whether it wrote anything.
    pub async fn seed_demo_if_empty(&self) -> DbResult<bool> {
        let mut tx = self.writer.begin().await?;
        // Instances starting together on an empty database: one writes, the others wait for it
        // here and then find it filled.
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(SEED_LOCK)
            .execute(&mut *tx)
            .await?;
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM organizations")
            .fetch_one(&mut *tx)
            .await?;
        if count > 0 {
            return Ok(false);
        }
        let now = now_unix();
        // The demo accounts share one published password, so one hash serves them all.
        let password_hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD))
            .await
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let mut partner_ids = Vec::new();
        for org in ORGS {
            let accepted = org.agreement_accepted.then_some(now - 86_400 * 400);
            let org_id = insert_org(
                &mut tx,
                org.name,
                org.domain,
                org.country,
                org.cloud,
                accepted,
                now,
            )
            .await?;
            if org.cloud.is_some() {
                partner_ids.push(org_id.clone());
            }
            if org.cloud.is_none() {
                details::insert_own_directory(&mut tx, &org_id, org.country, org.accounts, now)
                    .await?;
            }
            for (email, display_name, roles) in org.accounts {
                let user_id = new_id();
                sqlx::query(
                    "INSERT INTO users (id, organization_id, email, display_name, password_hash, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&user_id)
                .bind(&org_id)
                .bind(email)
                .bind(display_name)
                .bind(&password_hash)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                for role in *roles {
                    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                        .bind(&user_id)
                        .bind(role.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        insert_customers(&mut tx, &partner_ids[0], CONTOSO_CUSTOMERS, now).await?;
        insert_customers(&mut tx, &partner_ids[1], TAILSPIN_CUSTOMERS, now).await?;
        details::insert_support(&mut tx, &partner_ids[0], now).await?;
        let agent: (String, String) =
            sqlx::query_as("SELECT id, email FROM users WHERE email = $1")
                .bind(demo::CONTOSO_ADMIN_AGENT)
                .fetch_one(&mut *tx)
                .await?;
        gdap::insert(&mut tx, &partner_ids[0], (&agent.0, &agent.1), now).await?;
        tx.commit().await?;
        tracing::info!("demo data written");
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenant_domains_are_ascii() {
        assert_eq!(
            super::tenant_domain("Árvíztűrő Tükörfúrógép Kft."),
            "arvizturotukorfurogepkft.onmicrosoft.com"
        );
    }
}
