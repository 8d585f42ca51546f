//! A partner's customers, keyset-paged in any of the list's sort orders: every page is a range
//! scan of an index led by the partner, so its cost does not grow with the number of customers.

use async_trait::async_trait;
use portal_contract::{AdminPrivileges, CompanyProfile, Customer, CustomerSort, Relationship};
use portal_domain::continuation::KeyPart;
use portal_domain::ids::{CustomerId, PartnerId};
use portal_domain::time::rfc3339;
use portal_store::{CustomerPage, CustomerQuery, Customers, StoreResult, key_columns};
use serde::Deserialize;
use sqlx::Arguments;
use sqlx::sqlite::SqliteArguments;

use crate::engine;
use crate::error::SqlError;
use crate::{Db, DbResult, stored_name};

/// Columns of `customer_relationships` a page reads before joining the organisation.
const KEY_COLUMNS: &str =
    "r.customer_id, r.sort_key, r.domain_key, r.relationship, r.admin_privileges, r.created_at";

/// One customer as a JSON array, so that a whole page crosses from SQLite in one row: with
/// sqlx's SQLite driver every row is a hand-off between threads, which cost more than the query.
const ROW_JSON: &str = "json_array(o.id, o.name, o.primary_domain, o.country, r.sort_key,
    r.domain_key, r.relationship, r.admin_privileges, r.created_at)";

/// A customer as [`ROW_JSON`] writes it.
#[derive(Debug, Deserialize)]
struct PageRow(
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
);

fn key_of(sort: CustomerSort, row: &PageRow) -> Vec<KeyPart> {
    key_columns(sort)
        .iter()
        .map(|c| match *c {
            "created_at" => KeyPart::Int(row.8),
            "customer_id" => KeyPart::Text(row.0.clone()),
            "sort_key" => KeyPart::Text(row.4.clone()),
            "domain_key" => KeyPart::Text(row.5.clone()),
            "relationship" => KeyPart::Text(row.6.clone()),
            _ => KeyPart::Text(row.7.clone()),
        })
        .collect()
}

/// The stored `admin_privileges` of a relationship.
pub(super) fn admin_privileges(stored: &str) -> DbResult<AdminPrivileges> {
    stored_name("admin_privileges", stored, AdminPrivileges::parse)
}

fn customer(row: PageRow) -> DbResult<Customer> {
    let admin_privileges = admin_privileges(&row.7)?;
    Ok(Customer {
        company_profile: CompanyProfile {
            company_name: row.1,
            domain: row.2,
            tenant_id: row.0.clone(),
            country: row.3,
        },
        id: row.0,
        relationship_to_partner: Relationship::Reseller,
        allow_delegated_access: admin_privileges == AdminPrivileges::Granted,
        admin_privileges,
        customer_since: rfc3339(row.8),
        granular_admin: None,
    })
}

/// The rows of a `json_group_array` of [`ROW_JSON`].
fn page_rows(json: &str) -> DbResult<Vec<PageRow>> {
    serde_json::from_str(json).map_err(|e| SqlError::corrupt("rows", e))
}

/// The smallest text greater than every text starting with `prefix` (in SQLite's byte order).
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// A statement's `WHERE` condition and its arguments, written piece by piece: the partner, the
/// side of a key wanted, and for a search one branch per searched column (see
/// [`Scope::search_branch`]). An `OR` of the two prefixes in one `WHERE` would make SQLite walk
/// the sort index of every customer the partner has, looking for matches.
struct Scope<'a> {
    condition: String,
    args: SqliteArguments<'a>,
}

impl<'a> Scope<'a> {
    /// No condition yet; for statements written piece by piece.
    fn empty() -> Scope<'a> {
        Scope {
            condition: String::new(),
            args: SqliteArguments::default(),
        }
    }

    /// All of the partner's customers (`r`).
    fn partner(partner_id: &'a str) -> DbResult<Scope<'a>> {
        let mut f = Scope {
            condition: "r.partner_id = ?".into(),
            args: SqliteArguments::default(),
        };
        f.bind(partner_id)?;
        Ok(f)
    }

    fn bind<T>(&mut self, value: T) -> DbResult<()>
    where
        T: sqlx::Encode<'a, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + 'a,
    {
        self.args
            .add(value)
            .map_err(|e| sqlx::Error::Encode(e).into())
    }

    /// Rows whose key is beyond `key`: greater when `greater`, else smaller.
    fn beyond(&mut self, sort: CustomerSort, key: &[KeyPart], greater: bool) -> DbResult<()> {
        let clause = self.keyset(sort, key, greater)?;
        self.condition.push_str(&clause);
        Ok(())
    }

    /// ` AND (columns) > (?, …)`, binding the key.
    fn keyset(&mut self, sort: CustomerSort, key: &[KeyPart], greater: bool) -> DbResult<String> {
        let columns = key_columns(sort)
            .iter()
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let marks = vec!["?"; key.len()].join(", ");
        let op = if greater { ">" } else { "<" };
        for part in key {
            match part {
                KeyPart::Int(i) => self.bind(*i)?,
                KeyPart::Text(t) => self.bind(t.clone())?,
            }
        }
        Ok(format!(" AND ({columns}) {op} ({marks})"))
    }

    /// One side of a search (names or domains starting with the text): the first `limit` rows
    /// beyond the boundary in list order, read from that column's index.
    fn search_branch(
        &mut self,
        column: &str,
        q: &CustomerQuery<'a>,
        greater: bool,
        descending: bool,
        limit: i64,
    ) -> DbResult<String> {
        self.bind(q.partner_id.as_str())?;
        self.bind(q.filter)?;
        self.bind(prefix_end(q.filter))?;
        let keyset = match q.from {
            Some((key, _)) => self.keyset(q.order.sort, key, greater)?,
            None => String::new(),
        };
        self.bind(limit)?;
        let columns = key_columns(q.order.sort)
            .iter()
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        Ok(format!(
            "SELECT * FROM (SELECT r.rowid AS rid, {columns} FROM customer_relationships r
                WHERE r.partner_id = ? AND r.{column} >= ? AND r.{column} < ?{keyset}
                ORDER BY {} LIMIT ?)",
            order_by(q.order.sort, descending)
        ))
    }
}

/// The columns a search looks in: the folded name and the primary domain.
const SEARCHED: [&str; 2] = ["sort_key", "domain_key"];

/// The page's `ORDER BY` over a subquery's own columns.
fn plain_order_by(sort: CustomerSort, descending: bool) -> String {
    order_by(sort, descending).replace("r.", "")
}

fn order_by(sort: CustomerSort, descending: bool) -> String {
    let dir = if descending { "DESC" } else { "ASC" };
    key_columns(sort)
        .iter()
        .map(|c| format!("r.{c} {dir}"))
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
            let order = order_by(sort, reading_descending);
            let limit = i64::from(q.size) + 1;
            let (sql, scope) = if q.filter.is_empty() {
                let mut scope = Scope::partner(q.partner_id.as_str())?;
                if let Some((key, _)) = q.from {
                    scope.beyond(sort, key, !reading_descending)?;
                }
                // Limit first, then join the organisations of the rows kept.
                let sql = format!(
                    "SELECT json_group_array({ROW_JSON} ORDER BY {order})
                     FROM (SELECT {KEY_COLUMNS} FROM customer_relationships r WHERE {}
                           ORDER BY {order} LIMIT ?) r
                     JOIN organizations o ON o.id = r.customer_id",
                    scope.condition,
                );
                scope.bind(limit)?;
                (sql, scope)
            } else {
                // A search: the first rows of each side (names, domains), merged. The page's rows
                // are among them, so neither side is read further than one page.
                let mut scope = Scope::empty();
                let [names, domains] = SEARCHED.map(|column| {
                    scope.search_branch(column, q, !reading_descending, reading_descending, limit)
                });
                let (names, domains) = (names?, domains?);
                scope.bind(limit)?;
                let sql = format!(
                    "SELECT json_group_array({ROW_JSON} ORDER BY {order})
                     FROM (SELECT rid FROM ({names} UNION {domains})
                           ORDER BY {} LIMIT ?) m
                     JOIN customer_relationships r ON r.rowid = m.rid
                     JOIN organizations o ON o.id = r.customer_id",
                    plain_order_by(sort, reading_descending)
                );
                (sql, scope)
            };
            // The count does not depend on the page: both statements run at once, on two of the
            // pool's connections.
            let (json, total_count) = tokio::try_join!(
                async {
                    sqlx::query_scalar_with::<_, String, _>(&sql, scope.args)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(SqlError::from)
                },
                self.customer_count(q.partner_id.as_str(), q.filter),
            )?;
            let mut rows = page_rows(&json)?;
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
                "SELECT json_group_array({ROW_JSON}) FROM customer_relationships r
                 JOIN organizations o ON o.id = r.customer_id
                 WHERE r.partner_id = ? AND r.customer_id = ?"
            );
            let json: String = sqlx::query_scalar(&sql)
                .bind(partner_id.as_str())
                .bind(customer_id.as_str())
                .fetch_one(&self.pool)
                .await?;
            page_rows(&json)?
                .into_iter()
                .next()
                .map(customer)
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
        if !q.filter.is_empty() {
            let mut scope = Scope::empty();
            let with_key = CustomerQuery {
                from: Some((key, false)),
                ..*q
            };
            let [names, domains] =
                SEARCHED.map(|column| scope.search_branch(column, &with_key, greater, !greater, 1));
            let (names, domains) = (names?, domains?);
            let sql = format!("SELECT EXISTS ({names}) OR EXISTS ({domains})");
            return sqlx::query_scalar_with(&sql, scope.args)
                .fetch_one(&self.pool)
                .await
                .map_err(Into::into);
        }
        let mut scope = Scope::partner(q.partner_id.as_str())?;
        scope.beyond(q.order.sort, key, greater)?;
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM customer_relationships r WHERE {})",
            scope.condition
        );
        sqlx::query_scalar_with(&sql, scope.args)
            .fetch_one(&self.pool)
            .await
            .map_err(Into::into)
    }

    /// How many customers the partner has, or how many match the search.
    async fn customer_count(&self, partner_id: &str, filter: &str) -> DbResult<u64> {
        let total: i64 = if filter.is_empty() {
            sqlx::query_scalar("SELECT total FROM partner_customer_counts WHERE partner_id = ?")
                .bind(partner_id)
                .fetch_optional(&self.pool)
                .await?
                .unwrap_or(0)
        } else {
            // Names + domains - both: three index range counts, instead of building the
            // union of every match.
            sqlx::query_scalar(
                "SELECT (SELECT count(*) FROM customer_relationships
                         WHERE partner_id = ?1 AND sort_key >= ?2 AND sort_key < ?3)
                      + (SELECT count(*) FROM customer_relationships
                         WHERE partner_id = ?1 AND domain_key >= ?2 AND domain_key < ?3)
                      - (SELECT count(*) FROM customer_relationships
                         WHERE partner_id = ?1 AND sort_key >= ?2 AND sort_key < ?3
                           AND domain_key >= ?2 AND domain_key < ?3)",
            )
            .bind(partner_id)
            .bind(filter)
            .bind(prefix_end(filter))
            .fetch_one(&self.pool)
            .await?
        };
        Ok(total.max(0) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_end_bounds_every_continuation() {
        let end = prefix_end("arv");
        for name in ["arv", "arvizturo", "arv\u{10fffe}", "arvz"] {
            assert!(name.as_bytes() < end.as_bytes(), "{name}");
        }
        assert!("arw".as_bytes() > end.as_bytes());
    }
}
