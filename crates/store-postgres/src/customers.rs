//! A partner's customers, keyset-paged in any of the list's sort orders: every page is a range
//! scan of an index led by the partner (a row comparison `(key…) > ($…)` on the index's
//! columns), so its cost does not grow with the number of customers.

use async_trait::async_trait;
use portal_contract::{AdminPrivileges, CompanyProfile, Customer, CustomerSort, Relationship};
use portal_domain::continuation::KeyPart;
use portal_domain::ids::{CustomerId, PartnerId};
use portal_domain::time::rfc3339;
use portal_store::{CustomerPage, CustomerQuery, Customers, StoreResult, key_columns};
use sqlx::Arguments;
use sqlx::Row;
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::types::Json;

use crate::engine;
use crate::error::SqlError;
use crate::{Db, DbResult, prefix_end, stored_name, stored_u32, text};

/// What a page shows of each customer, with the sort keys, all from the partner's row for it:
/// the organisation's fields and the active granular relationships are copies kept there by
/// triggers (migration `customer_page_copies`), so a page is one range of one index.
const ROW_COLUMNS: &str = "r.customer_id AS id, r.name, r.primary_domain, r.country, r.sort_key,
    r.domain_key, r.relationship, r.admin_privileges, r.created_at, r.granular";

/// A customer as [`ROW_COLUMNS`] reads it, with its sort keys.
struct PageRow {
    id: String,
    name: String,
    domain: String,
    country: String,
    sort_key: String,
    domain_key: String,
    relationship: String,
    admin_privileges: String,
    created_at: i64,
}

fn page_row(r: &PgRow) -> DbResult<PageRow> {
    Ok(PageRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        domain: r.try_get("primary_domain")?,
        country: r.try_get("country")?,
        sort_key: r.try_get("sort_key")?,
        domain_key: r.try_get("domain_key")?,
        relationship: r.try_get("relationship")?,
        admin_privileges: r.try_get("admin_privileges")?,
        created_at: r.try_get("created_at")?,
    })
}

fn key_of(sort: CustomerSort, row: &PageRow) -> Vec<KeyPart> {
    key_columns(sort)
        .iter()
        .map(|c| match *c {
            "created_at" => KeyPart::Int(row.created_at),
            "customer_id" => KeyPart::Text(row.id.clone()),
            "sort_key" => KeyPart::Text(row.sort_key.clone()),
            "domain_key" => KeyPart::Text(row.domain_key.clone()),
            "relationship" => KeyPart::Text(row.relationship.clone()),
            _ => KeyPart::Text(row.admin_privileges.clone()),
        })
        .collect()
}

/// The stored `admin_privileges` of a relationship.
pub(super) fn admin_privileges(stored: &str) -> DbResult<AdminPrivileges> {
    stored_name("admin_privileges", stored, AdminPrivileges::parse)
}

/// The active granular relationships a page row carries: (roles, end, auto-extend days) each.
fn granular(r: &PgRow) -> DbResult<Vec<(Vec<String>, i64, u32)>> {
    let Some(Json(active)) =
        r.try_get::<Option<Json<Vec<(Vec<String>, i64, i64)>>>, _>("granular")?
    else {
        return Ok(Vec::new());
    };
    active
        .into_iter()
        .map(|(roles, end_at, auto)| Ok((roles, end_at, stored_u32("auto_extend_days", auto)?)))
        .collect()
}

fn customer(row: PageRow) -> DbResult<Customer> {
    let admin_privileges = admin_privileges(&row.admin_privileges)?;
    Ok(Customer {
        company_profile: CompanyProfile {
            company_name: row.name,
            domain: row.domain,
            tenant_id: row.id.clone(),
            country: row.country,
        },
        id: row.id,
        relationship_to_partner: Relationship::Reseller,
        allow_delegated_access: admin_privileges == AdminPrivileges::Granted,
        admin_privileges,
        customer_since: rfc3339(row.created_at),
        granular_admin: None,
    })
}

/// A statement's arguments, each given its `$n` as it is bound, so a statement can be written
/// piece by piece (the partner, the side of a key, one branch per searched column).
#[derive(Default)]
struct Params {
    args: PgArguments,
    count: usize,
}

impl Params {
    /// Binds `value` and answers its placeholder.
    fn bind<'q, T>(&mut self, value: T) -> DbResult<String>
    where
        T: sqlx::Encode<'q, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + 'q,
    {
        self.args
            .add(value)
            .map_err(|e| SqlError::from(sqlx::Error::Encode(e)))?;
        self.count += 1;
        Ok(format!("${}", self.count))
    }

    /// ` AND (r.columns…) > ($…)` (or `<`), binding the key.
    fn keyset(&mut self, sort: CustomerSort, key: &[KeyPart], greater: bool) -> DbResult<String> {
        self.compare(sort, key, if greater { ">" } else { "<" })
    }

    /// ` AND (r.columns…) {op} ($…)`, binding the key.
    fn compare(&mut self, sort: CustomerSort, key: &[KeyPart], op: &str) -> DbResult<String> {
        let columns = key_columns(sort)
            .iter()
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let marks = key
            .iter()
            .map(|part| match part {
                KeyPart::Int(i) => self.bind(*i),
                KeyPart::Text(t) => self.bind(t.clone()),
            })
            .collect::<DbResult<Vec<_>>>()?
            .join(", ");
        Ok(format!(" AND ({columns}) {op} ({marks})"))
    }

    /// The partner and a search's range `[low, high)`, bound once for every part of a statement.
    fn search(&mut self, partner_id: &str, filter: &str) -> DbResult<Search> {
        Ok(Search {
            partner: self.bind(partner_id.to_owned())?,
            low: self.bind(text(filter))?,
            high: self.bind(prefix_end(&text(filter)))?,
        })
    }
}

/// The placeholders of a search's partner and range.
struct Search {
    partner: String,
    low: String,
    high: String,
}

impl Search {
    /// One side of a search (names or domains starting with the text): the first `limit` rows
    /// beyond the boundary (`keyset`, from [`Params::compare`]) in list order, read as a range
    /// of that column's index.
    fn branch(
        &self,
        column: &str,
        sort: CustomerSort,
        keyset: &str,
        descending: bool,
        limit: i64,
    ) -> String {
        let Search { partner, low, high } = self;
        format!(
            "(SELECT r.partner_id, r.customer_id, r.sort_key, r.domain_key, r.relationship,
                     r.admin_privileges, r.created_at
                FROM customer_relationships r
               WHERE r.partner_id = {partner} AND r.{column} >= {low} AND r.{column} < {high}{keyset}
               ORDER BY {order} LIMIT {limit})",
            order = order_by(sort, descending, "r."),
        )
    }

    /// How many customers match: names + domains - both, three index range counts instead of
    /// building the union of every match.
    fn count(&self) -> String {
        let Search { partner, low, high } = self;
        format!(
            "(SELECT count(*) FROM customer_relationships
               WHERE partner_id = {partner} AND sort_key >= {low} AND sort_key < {high})
           + (SELECT count(*) FROM customer_relationships
               WHERE partner_id = {partner} AND domain_key >= {low} AND domain_key < {high})
           - (SELECT count(*) FROM customer_relationships
               WHERE partner_id = {partner} AND sort_key >= {low} AND sort_key < {high}
                 AND domain_key >= {low} AND domain_key < {high})"
        )
    }
}

/// The columns a search looks in: the folded name and the primary domain.
const SEARCHED: [&str; 2] = ["sort_key", "domain_key"];

fn order_by(sort: CustomerSort, descending: bool, table: &str) -> String {
    let dir = if descending { "DESC" } else { "ASC" };
    key_columns(sort)
        .iter()
        .map(|c| format!("{table}{c} {dir}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[async_trait]
impl Customers for Db {
    async fn customers_page(&self, q: &CustomerQuery<'_>) -> StoreResult<CustomerPage> {
        engine(async {
            let sort = q.order.sort;
            let backwards = q.from.is_some_and(|(_, back)| back);
            // Walking backwards reads the list in reverse from the boundary, then turns it round.
            let reading_descending = q.order.descending != backwards;
            let order = order_by(sort, reading_descending, "r.");
            let limit = i64::from(q.size) + 1;
            // The boundary's own side, itself included: the rows a page read from it leaves
            // behind, so whether any are there is known before the page is read.
            let behind_op = if reading_descending { ">=" } else { "<=" };
            let mut p = Params::default();
            let (from, count, beyond) = if q.filter.is_empty() {
                let partner = p.bind(q.partner_id.as_str().to_owned())?;
                let (keyset, beyond) = match q.from {
                    Some((key, _)) => {
                        let keyset = p.keyset(sort, key, !reading_descending)?;
                        let behind = p.compare(sort, key, behind_op)?;
                        // A scalar subquery keeps its order (EXISTS would drop it): the index
                        // is read from the boundary, and the nearest row is the first one.
                        let beyond = format!(
                            "(SELECT 1 FROM customer_relationships r
                               WHERE r.partner_id = {partner}{behind}
                               ORDER BY {} LIMIT 1) IS NOT NULL",
                            order_by(sort, !reading_descending, "r.")
                        );
                        (keyset, beyond)
                    }
                    None => (String::new(), "false".to_owned()),
                };
                let from = format!(
                    "FROM (SELECT * FROM customer_relationships r
                            WHERE r.partner_id = {partner}{keyset}
                            ORDER BY {order} LIMIT {limit}) r"
                );
                let count = format!(
                    "coalesce((SELECT total FROM partner_customer_counts
                                WHERE partner_id = {partner}), 0)"
                );
                (from, count, beyond)
            } else {
                // A search: the first rows of each side (names, domains), merged. The page's rows
                // are among them, so neither side is read further than one page.
                let search = p.search(q.partner_id.as_str(), q.filter)?;
                let (keyset, beyond) = match q.from {
                    Some((key, _)) => {
                        let keyset = p.keyset(sort, key, !reading_descending)?;
                        let behind = p.compare(sort, key, behind_op)?;
                        let nearest = !reading_descending;
                        let names = search.branch(SEARCHED[0], sort, &behind, nearest, 1);
                        let domains = search.branch(SEARCHED[1], sort, &behind, nearest, 1);
                        (keyset, format!("(EXISTS {names} OR EXISTS {domains})"))
                    }
                    None => (String::new(), "false".to_owned()),
                };
                let names = search.branch(SEARCHED[0], sort, &keyset, reading_descending, limit);
                let domains = search.branch(SEARCHED[1], sort, &keyset, reading_descending, limit);
                let from = format!(
                    "FROM (SELECT m.partner_id, m.customer_id FROM ({names} UNION {domains}) m
                           ORDER BY {merged} LIMIT {limit}) m
                     JOIN customer_relationships r
                       ON r.partner_id = m.partner_id AND r.customer_id = m.customer_id",
                    merged = order_by(sort, reading_descending, "m."),
                );
                let count = search.count();
                (from, count, beyond)
            };
            // One statement, one round trip: the page with each customer's active granular
            // relationships, the count and the far side of the boundary (each computed once,
            // as init plans).
            let sql = format!(
                "SELECT {count} AS total, {beyond} AS beyond, {ROW_COLUMNS}
                 {from}
                 ORDER BY {order}"
            );
            let found = sqlx::query_with(&sql, p.args).fetch_all(&self.pool).await?;
            let (total_count, beyond) = match found.first() {
                Some(first) => (
                    first.try_get::<i64, _>("total")?.max(0) as u64,
                    first.try_get::<bool, _>("beyond")?,
                ),
                // No row carries the figures: the count on its own (an empty list, or a page
                // whose rows have gone since its token was made).
                None => (
                    self.customer_count(q.partner_id.as_str(), q.filter).await?,
                    false,
                ),
            };
            let more = found.len() > q.size as usize;
            let mut rows: Vec<PageRow> = Vec::with_capacity(found.len());
            let mut active = Vec::new();
            for r in found.iter().take(q.size as usize) {
                let row = page_row(r)?;
                for (roles, end_at, auto) in granular(r)? {
                    active.push((row.id.clone(), roles, end_at, auto));
                }
                rows.push(row);
            }
            if backwards {
                rows.reverse();
            }
            let first_key = rows.first().map(|r| key_of(sort, r)).unwrap_or_default();
            let last_key = rows.last().map(|r| key_of(sort, r)).unwrap_or_default();
            let (has_before, has_after) = match (q.from, backwards) {
                (None, _) => (false, more),
                (Some(_), false) => (beyond, more),
                (Some(_), true) => (more, beyond),
            };
            Ok(CustomerPage {
                items: rows.into_iter().map(customer).collect::<DbResult<_>>()?,
                total_count,
                first_key,
                last_key,
                has_before,
                has_after,
                active_admin_roles: Some(active),
            })
        })
        .await
    }

    async fn customer(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Option<Customer>> {
        engine(async {
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM customer_relationships r
                 WHERE r.partner_id = $1 AND r.customer_id = $2"
            );
            let row = sqlx::query(&sql)
                .bind(text(partner_id.as_str()))
                .bind(text(customer_id.as_str()))
                .fetch_optional(&self.pool)
                .await?;
            row.as_ref()
                .map(|r| page_row(r).and_then(customer))
                .transpose()
        })
        .await
    }
}

impl Db {
    /// How many customers the partner has, or how many match the search.
    async fn customer_count(&self, partner_id: &str, filter: &str) -> DbResult<u64> {
        let total: i64 = if filter.is_empty() {
            sqlx::query_scalar("SELECT total FROM partner_customer_counts WHERE partner_id = $1")
                .bind(partner_id)
                .fetch_optional(&self.pool)
                .await?
                .unwrap_or(0)
        } else {
            let mut p = Params::default();
            let search = p.search(partner_id, filter)?;
            sqlx::query_scalar_with(&format!("SELECT {}", search.count()), p.args)
                .fetch_one(&self.pool)
                .await?
        };
        Ok(total.max(0) as u64)
    }
}
