//! A partner's customers, paged by keyset on (folded name, id): the cost of a page does not grow
//! with the number of customers.

use portal_contract::{AdminPrivileges, CompanyProfile, Customer, Relationship};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{Db, DbResult};
use crate::domain::continuation::Cursor;
use crate::domain::time::rfc3339;

pub struct CustomerPage {
    pub items: Vec<Customer>,
    pub total_count: u64,
    /// Set when more rows follow.
    pub next: Option<Cursor>,
}

const SELECT: &str = "SELECT o.id, o.name, o.primary_domain, o.country, r.sort_key,
        r.relationship, r.admin_privileges, r.created_at
    FROM customer_relationships r JOIN organizations o ON o.id = r.customer_id";

fn customer(row: &SqliteRow) -> Customer {
    let id: String = row.get("id");
    let admin_privileges = match row.get::<&str, _>("admin_privileges") {
        "granted" => AdminPrivileges::Granted,
        "removedByCustomer" => AdminPrivileges::RemovedByCustomer,
        _ => AdminPrivileges::NotRequested,
    };
    Customer {
        company_profile: CompanyProfile {
            company_name: row.get("name"),
            domain: row.get("primary_domain"),
            tenant_id: id.clone(),
            country: row.get("country"),
        },
        id,
        relationship_to_partner: Relationship::Reseller,
        allow_delegated_access: admin_privileges == AdminPrivileges::Granted,
        admin_privileges,
        customer_since: rfc3339(row.get("created_at")),
    }
}

impl Db {
    /// One page of `partner_id`'s customers in name order, after `after` when given.
    pub async fn customers_page(
        &self,
        partner_id: &str,
        size: u32,
        after: Option<&Cursor>,
    ) -> DbResult<CustomerPage> {
        let (after_key, after_id) = after
            .map(|c| (c.sort_key.as_str(), c.id.as_str()))
            .unwrap_or(("", ""));
        let sql = format!(
            "{SELECT} WHERE r.partner_id = ? AND (r.sort_key, r.customer_id) > (?, ?)
             ORDER BY r.sort_key, r.customer_id LIMIT ?"
        );
        let mut rows = sqlx::query(&sql)
            .bind(partner_id)
            .bind(after_key)
            .bind(after_id)
            .bind(i64::from(size) + 1)
            .fetch_all(&self.pool)
            .await?;
        let more = rows.len() > size as usize;
        rows.truncate(size as usize);
        let next = match rows.last() {
            Some(last) if more => Some(Cursor {
                sort_key: last.get("sort_key"),
                id: last.get("id"),
            }),
            _ => None,
        };
        let total: i64 =
            sqlx::query_scalar("SELECT count(*) FROM customer_relationships WHERE partner_id = ?")
                .bind(partner_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(CustomerPage {
            items: rows.iter().map(customer).collect(),
            total_count: total as u64,
            next,
        })
    }

    /// `customer_id` as `partner_id`'s customer; `None` when it is not theirs.
    pub async fn customer(
        &self,
        partner_id: &str,
        customer_id: &str,
    ) -> DbResult<Option<Customer>> {
        let sql = format!("{SELECT} WHERE r.partner_id = ? AND r.customer_id = ?");
        let row = sqlx::query(&sql)
            .bind(partner_id)
            .bind(customer_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(customer))
    }
}
