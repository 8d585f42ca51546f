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

use crate::engine;
use crate::error::SqlError;
use crate::{Db, DbResult, prefix_end, stored_name, text};

/// What a page shows of each customer, with the sort keys.
const ROW_COLUMNS: &str = "o.id, o.name, o.primary_domain, o.country, r.sort_key, r.domain_key,
    r.relationship, r.admin_privileges, r.created_at";

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
        let op = if greater { ">" } else { "<" };
        Ok(format!(" AND ({columns}) {op} ({marks})"))
    }

    /// One side of a search (names or domains starting with the text): the first `limit` rows
    /// beyond the boundary in list order, read as a range of that column's index.
    fn search_branch(
        &mut self,
        column: &str,
        q: &CustomerQuery<'_>,
        greater: bool,
        descending: bool,
        limit: i64,
    ) -> DbResult<String> {
        let partner = self.bind(q.partner_id.as_str().to_owned())?;
        let low = self.bind(text(q.filter))?;
        let high = self.bind(prefix_end(&text(q.filter)))?;
        let keyset = match q.from {
            Some((key, _)) => self.keyset(q.order.sort, key, greater)?,
            None => String::new(),
        };
        Ok(format!(
            "(SELECT r.partner_id, r.customer_id, r.sort_key, r.domain_key, r.relationship,
                     r.admin_privileges, r.created_at
                FROM customer_relationships r
               WHERE r.partner_id = {partner} AND r.{column} >= {low} AND r.{column} < {high}{keyset}
               ORDER BY {order} LIMIT {limit})",
            order = order_by(q.order.sort, descending, "r."),
        ))
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
            let mut p = Params::default();
            let sql = if q.filter.is_empty() {
                let partner = p.bind(q.partner_id.as_str().to_owned())?;
                let keyset = match q.from {
                    Some((key, _)) => p.keyset(sort, key, !reading_descending)?,
                    None => String::new(),
                };
                // Limit first, then join the organisations of the rows kept.
                format!(
                    "SELECT {ROW_COLUMNS}
                     FROM (SELECT * FROM customer_relationships r
                            WHERE r.partner_id = {partner}{keyset}
                            ORDER BY {order} LIMIT {limit}) r
                     JOIN organizations o ON o.id = r.customer_id
                     ORDER BY {order}"
                )
            } else {
                // A search: the first rows of each side (names, domains), merged. The page's rows
                // are among them, so neither side is read further than one page.
                let names = p.search_branch(
                    SEARCHED[0],
                    q,
                    !reading_descending,
                    reading_descending,
                    limit,
                )?;
                let domains = p.search_branch(
                    SEARCHED[1],
                    q,
                    !reading_descending,
                    reading_descending,
                    limit,
                )?;
                format!(
                    "SELECT {ROW_COLUMNS}
                     FROM (SELECT m.partner_id, m.customer_id FROM ({names} UNION {domains}) m
                           ORDER BY {merged} LIMIT {limit}) m
                     JOIN customer_relationships r
                       ON r.partner_id = m.partner_id AND r.customer_id = m.customer_id
                     JOIN organizations o ON o.id = r.customer_id
                     ORDER BY {order}",
                    merged = order_by(sort, reading_descending, "m."),
                )
            };
            // The count does not depend on the page: both statements run at once, on two of the
            // pool's connections.
            let (rows, total_count) = tokio::try_join!(
                async {
                    sqlx::query_with(&sql, p.args)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(SqlError::from)
                },
                self.customer_count(q.partner_id.as_str(), q.filter),
            )?;
            let mut rows = rows.iter().map(page_row).collect::<DbResult<Vec<_>>>()?;
            let more = rows.len() > q.size as usize;
            rows.truncate(q.size as usize);
            if backwards {
                rows.reverse();
            }
            let first_key = rows.first().map(|r| key_of(sort, r)).unwrap_or_default();
            let last_key = rows.last().map(|r| key_of(sort, r)).unwrap_or_default();
            // The far side of the boundary: rows exist there unless it was the list's end.
            let (has_before, has_after) = match (q.from, backwards) {
                (None, _) => (false, more),
                (Some(_), false) => (self.any_beyond(q, &first_key, false).await?, more),
                (Some(_), true) => (more, self.any_beyond(q, &last_key, true).await?),
            };
            Ok(CustomerPage {
                items: rows.into_iter().map(customer).collect::<DbResult<_>>()?,
                total_count,
                first_key,
                last_key,
                has_before,
                has_after,
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
                 JOIN organizations o ON o.id = r.customer_id
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
    /// Whether any row lies after (`after`) or before `key` in list order.
    async fn any_beyond(
        &self,
        q: &CustomerQuery<'_>,
        key: &[KeyPart],
        after: bool,
    ) -> DbResult<bool> {
        if key.is_empty() {
            return Ok(false);
        }
        let greater = after != q.order.descending;
        let mut p = Params::default();
        let sql = if q.filter.is_empty() {
            let partner = p.bind(q.partner_id.as_str().to_owned())?;
            let keyset = p.keyset(q.order.sort, key, greater)?;
            // A scalar subquery keeps its order (EXISTS would drop it): the index is read from the
            // boundary, and the nearest row is the first one.
            format!(
                "SELECT (SELECT 1 FROM customer_relationships r
                          WHERE r.partner_id = {partner}{keyset}
                          ORDER BY {} LIMIT 1) IS NOT NULL",
                order_by(q.order.sort, !greater, "r.")
            )
        } else {
            let with_key = CustomerQuery {
                from: Some((key, false)),
                ..*q
            };
            let names = p.search_branch(SEARCHED[0], &with_key, greater, !greater, 1)?;
            let domains = p.search_branch(SEARCHED[1], &with_key, greater, !greater, 1)?;
            format!("SELECT EXISTS {names} OR EXISTS {domains}")
        };
        sqlx::query_scalar_with(&sql, p.args)
            .fetch_one(&self.pool)
            .await
            .map_err(Into::into)
    }

    /// How many customers the partner has, or how many match the search.
    async fn customer_count(&self, partner_id: &str, filter: &str) -> DbResult<u64> {
        let total: i64 = if filter.is_empty() {
            sqlx::query_scalar("SELECT total FROM partner_customer_counts WHERE partner_id = $1")
                .bind(partner_id)
                .fetch_optional(&self.pool)
                .await?
                .unwrap_or(0)
        } else {
            // Names + domains - both: three index range counts, instead of building the
            // union of every match.
            sqlx::query_scalar(
                "SELECT (SELECT count(*) FROM customer_relationships
                         WHERE partner_id = $1 AND sort_key >= $2 AND sort_key < $3)
                      + (SELECT count(*) FROM customer_relationships
                         WHERE partner_id = $1 AND domain_key >= $2 AND domain_key < $3)
                      - (SELECT count(*) FROM customer_relationships
                         WHERE partner_id = $1 AND sort_key >= $2 AND sort_key < $3
                           AND domain_key >= $2 AND domain_key < $3)",
            )
            .bind(partner_id)
            .bind(text(filter))
            .bind(prefix_end(&text(filter)))
            .fetch_one(&self.pool)
            .await?
        };
        Ok(total.max(0) as u64)
    }
}
