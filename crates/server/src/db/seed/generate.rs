//! Large data sets for benchmarks: `count` more customers for one partner, with names varied
//! enough (Hungarian, German, English words; accents) that searches behave as on real data.

use super::{insert_org, insert_relationship, tenant_domain};
use crate::db::{Db, DbResult};
use portal_contract::AuditDetails;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Sqlite, Transaction};

use crate::db::audit::{self, AuditEntry};
use crate::domain::time::{now_unix, rfc3339};

/// Syllables of the first word: 30 × 30 first words, so that a four-letter search matches about
/// one customer in a thousand, as on a real list.
const SYLLABLES: &[&str] = &[
    "ba", "ko", "vi", "sze", "lá", "mo", "ter", "nor", "al", "ri", "du", "ha", "pé", "zö", "gyu",
    "en", "bel", "kas", "tor", "mer", "sa", "lu", "fe", "vár", "rin", "ost", "wal", "berg", "son",
    "dal",
];

const SECOND: &[&str] = &[
    "Autó",
    "Bútor",
    "Élelmiszer",
    "Építő",
    "Fém",
    "Gépház",
    "Informatika",
    "Kert",
    "Könyv",
    "Logisztika",
    "Malom",
    "Nyomda",
    "Optika",
    "Pékség",
    "Szerviz",
    "Textil",
    "Utazás",
    "Vendéglő",
    "Bäckerei",
    "Brauerei",
    "Werkstatt",
    "Consulting",
    "Traders",
    "Health",
    "Publishing",
    "Energy",
    "Software",
    "Systems",
    "Design",
    "Foods",
];

const FORMS: &[&str] = &["Kft.", "Zrt.", "Bt.", "GmbH", "Inc.", "AG", "Nyrt."];

/// The `n`th generated company name, distinct for the first 189,000; the domain keeps every
/// customer distinct beyond that.
fn company_name(n: u64) -> String {
    let n = n as usize;
    let s = SYLLABLES.len();
    let first = format!("{}{}", SYLLABLES[n % s], SYLLABLES[(n / s) % s]);
    let mut chars = first.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let second = SECOND[(n / (s * s)) % SECOND.len()];
    let form = FORMS[(n / (s * s * SECOND.len())) % FORMS.len()];
    format!("{first} {second} {form}")
}

/// The partner with primary domain `domain`, as `sql` reads it (its one parameter is the domain).
async fn partner_row<T>(tx: &mut Transaction<'_, Sqlite>, sql: &str, domain: &str) -> DbResult<T>
where
    T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    sqlx::query_as(sql)
        .bind(domain)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| sqlx::Error::Protocol(format!("no partner with domain {domain}")))
}

impl Db {
    /// Adds `count` customers to the partner with primary domain `partner_domain`, in one
    /// transaction. Returns the partner's customer count afterwards.
    pub async fn generate_customers(&self, partner_domain: &str, count: u64) -> DbResult<u64> {
        let mut tx = self.writer.begin().await?;
        let (partner_id, country): (String, String) = partner_row(
            &mut tx,
            "SELECT id, country FROM organizations WHERE primary_domain = ? AND kind = 'partner'",
            partner_domain,
        )
        .await?;
        let now = now_unix();
        for n in 0..count {
            let name = company_name(n);
            let stem = tenant_domain(&name);
            let slug = stem.trim_end_matches(".onmicrosoft.com");
            let domain = format!("{slug}{n}.onmicrosoft.com");
            let since = now - 86_400 * (1 + (n as i64 * 7919) % 3650);
            let customer_id =
                insert_org(&mut tx, &name, &domain, &country, None, Some(since), since).await?;
            let privileges = match n % 7 {
                3 => "notRequested",
                5 => "removedByCustomer",
                _ => "granted",
            };
            insert_relationship(
                &mut tx,
                &partner_id,
                &customer_id,
                &name,
                &domain,
                privileges,
                since,
            )
            .await?;
        }
        tx.commit().await?;
        let total: i64 =
            sqlx::query_scalar("SELECT total FROM partner_customer_counts WHERE partner_id = ?")
                .bind(&partner_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(total as u64)
    }
}

impl Db {
    /// Adds `count` audit entries to the partner's log, as its Global admin, one second apart
    /// and ending now: invitations created and revoked, support partners changed. For measuring
    /// the log and its export at size.
    pub async fn generate_audit_entries(&self, partner_domain: &str, count: u64) -> DbResult<()> {
        let mut tx = self.writer.begin().await?;
        let (partner_id, admin_id, admin_email): (String, String, String) = partner_row(
            &mut tx,
            "SELECT o.id, u.id, u.email FROM organizations o
             JOIN users u ON u.organization_id = o.id
             JOIN user_roles r ON r.user_id = u.id AND r.role = 'globalAdmin'
             WHERE o.primary_domain = ? AND o.kind = 'partner' LIMIT 1",
            partner_domain,
        )
        .await?;
        let now = now_unix();
        for n in 0..count {
            let at = now - (count - n) as i64;
            let target = format!("generated-{n}");
            let details = match n % 3 {
                0 => AuditDetails::InvitationCreated {
                    allow_delegated_access: n % 2 == 0,
                    customer_email: Some(format!("admin{n}@customer.example")),
                    expires_at: rfc3339(at + 30 * 86_400),
                },
                1 => AuditDetails::InvitationRevoked {},
                _ => AuditDetails::SupportPartnerChanged {
                    support_partner: None,
                    offer_name: Some("Microsoft 365 Business Standard".into()),
                },
            };
            audit::record(
                &mut tx,
                AuditEntry {
                    organization_id: &partner_id,
                    customer_id: None,
                    actor_id: &admin_id,
                    actor_email: &admin_email,
                    target_id: &target,
                    details,
                    at,
                },
            )
            .await?;
        }
        tx.commit().await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_vary() {
        let names: std::collections::HashSet<String> = (0..1000).map(super::company_name).collect();
        assert_eq!(names.len(), 1000);
    }
}
