//! A partner's customers, keyset-paged in any of the list's sort orders: every page is a range
//! scan of an index led by the partner, so its cost does not grow with the number of customers.

use async_trait::async_trait;
use portal_contract::{AdminPrivileges, CompanyProfile, Customer, CustomerSort, Relationship};
use portal_domain::continuation::KeyPart;
use portal_domain::ids::{CustomerId, PartnerId};
use portal_domain::time::rfc3339;
use portal_store::{CustomerPage, CustomerQuery, Customers, StoreResult, key_columns};
use rusqlite::Connection;
use rusqlite::types::Value;

use crate::engine;
use crate::{Db, DbResult, stored_name};

/// Columns of `customer_relationships` a page reads before joining the organisation.
const KEY_COLUMNS: &str =
    "r.customer_id, r.sort_key, r.domain_key, r.relationship, r.admin_privileges, r.created_at";

/// The organisations a page joins, read from the index that holds the columns it shows. Named,
/// since the planner would otherwise take the primary key's index (one row per id) and then
/// the table row as well wherever the statistics do not yet tell the two apart.
const LISTED_ORGANIZATIONS: &str = "organizations o INDEXED BY organizations_listed";

/// The columns of one customer, in [`PageRow`]'s order.
const ROW_COLUMNS: &str = "o.id, o.name, o.primary_domain, o.country, r.sort_key, r.domain_key,
    r.relationship, r.admin_privileges, r.created_at";

/// A customer as [`ROW_COLUMNS`] reads it.
#[derive(Debug)]
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

impl PageRow {
    fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<PageRow> {
        Ok(PageRow(
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
            row.get(6)?,
            row.get(7)?,
            row.get(8)?,
        ))
    }
}

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

/// The smallest text greater than every text starting with `prefix` (in SQLite's byte order).
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// A statement's `WHERE` condition and its arguments, written piece by piece: the partner, the
/// side of a key wanted, and for a search one branch per searched column (see
/// [`Scope::search_branch`]). An `OR` of the two prefixes in one `WHERE` would make SQLite walk
/// the sort index of every customer the partner has, looking for matches.
/// A value a statement binds: text or a number.
struct Bound(Value);

impl From<&str> for Bound {
    fn from(text: &str) -> Bound {
        Bound(Value::Text(text.to_owned()))
    }
}

impl From<String> for Bound {
    fn from(text: String) -> Bound {
        Bound(Value::Text(text))
    }
}

impl From<i64> for Bound {
    fn from(n: i64) -> Bound {
        Bound(Value::Integer(n))
    }
}

#[derive(Default)]
struct Scope {
    condition: String,
    args: Vec<Value>,
}

impl Scope {
    /// No condition yet; for statements written piece by piece.
    fn empty() -> Scope {
        Scope::default()
    }

    /// All of the partner's customers (`r`).
    fn partner(partner_id: &str) -> Scope {
        let mut f = Scope {
            condition: "r.partner_id = ?".into(),
            args: Vec::new(),
        };
        f.bind(partner_id);
        f
    }

    fn bind(&mut self, value: impl Into<Bound>) {
        self.args.push(value.into().0);
    }

    /// Rows whose key is beyond `key`: greater when `greater`, else smaller.
    fn beyond(&mut self, sort: CustomerSort, key: &[KeyPart], greater: bool) {
        let clause = self.keyset(sort, key, greater);
        self.condition.push_str(&clause);
    }

    /// ` AND (columns) > (?, …)`, binding the key.
    fn keyset(&mut self, sort: CustomerSort, key: &[KeyPart], greater: bool) -> String {
        let columns = key_columns(sort)
            .iter()
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let marks = vec!["?"; key.len()].join(", ");
        let op = if greater { ">" } else { "<" };
        for part in key {
            match part {
                KeyPart::Int(i) => self.bind(*i),
                KeyPart::Text(t) => self.bind(t.clone()),
            }
        }
        format!(" AND ({columns}) {op} ({marks})")
    }

    /// One side of a search (names or domains starting with the text): the first `limit` rows
    /// beyond the boundary in list order, read from that column's index.
    fn search_branch(
        &mut self,
        column: &str,
        q: &CustomerQuery<'_>,
        greater: bool,
        descending: bool,
        limit: i64,
    ) -> String {
        self.bind(q.partner_id.as_str());
        self.bind(q.filter);
        self.bind(prefix_end(q.filter));
        let keyset = match q.from {
            Some((key, _)) => self.keyset(q.order.sort, key, greater),
            None => String::new(),
        };
        self.bind(limit);
        let columns = key_columns(q.order.sort)
            .iter()
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "SELECT * FROM (SELECT r.rowid AS rid, {columns} FROM customer_relationships r
                WHERE r.partner_id = ? AND r.{column} >= ? AND r.{column} < ?{keyset}
                ORDER BY {} LIMIT ?)",
            order_by(q.order.sort, descending)
        )
    }

    /// The customers the statement reads, in its order.
    fn rows(&self, c: &Connection, sql: &str) -> DbResult<Vec<PageRow>> {
        let mut statement = crate::reads::prepare(c, sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(&self.args), PageRow::read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The one value the statement answers.
    fn scalar<T: rusqlite::types::FromSql>(&self, c: &Connection, sql: &str) -> DbResult<T> {
        let mut statement = crate::reads::prepare(c, sql)?;
        Ok(statement.query_row(rusqlite::params_from_iter(&self.args), |row| row.get(0))?)
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
        if q.filter.is_empty() {
            return engine(self.readers.read(|c| page(c, q))).await;
        }
        // A search reads every match to sort and count them: aside, with the query owned.
        let (partner_id, filter) = (q.partner_id.clone(), q.filter.to_owned());
        let (order, size) = (q.order, q.size);
        let from = q.from.map(|(key, back)| (key.to_vec(), back));
        engine(self.readers.read_aside(move |c| {
            let q = CustomerQuery {
                partner_id: &partner_id,
                filter: &filter,
                order,
                size,
                from: from.as_ref().map(|(key, back)| (key.as_slice(), *back)),
            };
            page(c, &q)
        }))
        .await
    }

    async fn customer(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Option<Customer>> {
        let (partner_id, customer_id) = (partner_id.clone(), customer_id.clone());
        engine(self.readers.read(move |c| {
            let mut scope = Scope::partner(partner_id.as_str());
            scope.condition.push_str(" AND r.customer_id = ?");
            scope.bind(customer_id.as_str());
            let sql = format!(
                "SELECT {ROW_COLUMNS} FROM customer_relationships r
                 JOIN organizations o ON o.id = r.customer_id
                 WHERE {}",
                scope.condition
            );
            scope
                .rows(c, &sql)?
                .into_iter()
                .next()
                .map(customer)
                .transpose()
        }))
        .await
    }
}

/// One page of the list, its count and whether rows lie beyond it, in one read.
fn page(c: &Connection, q: &CustomerQuery<'_>) -> DbResult<CustomerPage> {
    let sort = q.order.sort;
    let backwards = q.from.is_some_and(|(_, back)| back);
    // Walking backwards reads the list in reverse from the boundary, then turns it round.
    let reading_descending = q.order.descending != backwards;
    let order = order_by(sort, reading_descending);
    let limit = i64::from(q.size) + 1;
    let (sql, scope) = if q.filter.is_empty() {
        let mut scope = Scope::partner(q.partner_id.as_str());
        if let Some((key, _)) = q.from {
            scope.beyond(sort, key, !reading_descending);
        }
        // Limit first, then join the organisations of the rows kept.
        let sql = format!(
            "SELECT {ROW_COLUMNS}
             FROM (SELECT {KEY_COLUMNS} FROM customer_relationships r WHERE {}
                   ORDER BY {order} LIMIT ?) r
             JOIN {LISTED_ORGANIZATIONS} ON o.id = r.customer_id
             ORDER BY {order}",
            scope.condition,
        );
        scope.bind(limit);
        (sql, scope)
    } else {
        // A search: the first rows of each side (names, domains), merged. The page's rows
        // are among them, so neither side is read further than one page.
        let mut scope = Scope::empty();
        let [names, domains] = SEARCHED.map(|column| {
            scope.search_branch(column, q, !reading_descending, reading_descending, limit)
        });
        scope.bind(limit);
        let sql = format!(
            "SELECT {ROW_COLUMNS}
             FROM (SELECT rid FROM ({names} UNION {domains})
                   ORDER BY {} LIMIT ?) m
             JOIN customer_relationships r ON r.rowid = m.rid
             JOIN {LISTED_ORGANIZATIONS} ON o.id = r.customer_id
             ORDER BY {order}",
            plain_order_by(sort, reading_descending)
        );
        (sql, scope)
    };
    let mut rows = scope.rows(c, &sql)?;
    let total_count = customer_count(c, q.partner_id.as_str(), q.filter)?;
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
        (Some(_), false) => (any_beyond(c, q, &first_key, false)?, more),
        (Some(_), true) => (more, any_beyond(c, q, &last_key, true)?),
    };
    Ok(CustomerPage {
        items: rows.into_iter().map(customer).collect::<DbResult<_>>()?,
        total_count,
        first_key,
        last_key,
        has_before,
        has_after,
        // In-process reads: the roles' own read costs no round trip.
        active_admin_roles: None,
    })
}

/// Whether any row lies after (`after`) or before `key` in list order.
fn any_beyond(
    c: &Connection,
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
        let sql = format!("SELECT EXISTS ({names}) OR EXISTS ({domains})");
        return scope.scalar(c, &sql);
    }
    let mut scope = Scope::partner(q.partner_id.as_str());
    scope.beyond(q.order.sort, key, greater);
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM customer_relationships r WHERE {})",
        scope.condition
    );
    scope.scalar(c, &sql)
}

/// How many customers the partner has, or how many match the search.
fn customer_count(c: &Connection, partner_id: &str, filter: &str) -> DbResult<u64> {
    let mut scope = Scope::empty();
    scope.bind(partner_id);
    let total: i64 = if filter.is_empty() {
        let mut statement = crate::reads::prepare(
            c,
            "SELECT total FROM partner_customer_counts WHERE partner_id = ?",
        )?;
        let mut rows = statement.query(rusqlite::params_from_iter(&scope.args))?;
        match rows.next()? {
            Some(row) => row.get(0)?,
            None => 0,
        }
    } else {
        scope.bind(filter);
        scope.bind(prefix_end(filter));
        // Names + domains - both: three index range counts, instead of building the
        // union of every match.
        scope.scalar(
            c,
            "SELECT (SELECT count(*) FROM customer_relationships
                     WHERE partner_id = ?1 AND sort_key >= ?2 AND sort_key < ?3)
                  + (SELECT count(*) FROM customer_relationships
                     WHERE partner_id = ?1 AND domain_key >= ?2 AND domain_key < ?3)
                  - (SELECT count(*) FROM customer_relationships
                     WHERE partner_id = ?1 AND sort_key >= ?2 AND sort_key < ?3
                       AND domain_key >= ?2 AND domain_key < ?3)",
        )?
    };
    Ok(total.max(0) as u64)
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
