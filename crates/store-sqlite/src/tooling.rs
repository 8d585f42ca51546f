//! The bench's tools on SQLite: generated data (`seed/generate.rs`) and `EXPLAIN QUERY PLAN`.

use async_trait::async_trait;
use portal_domain::ids::PartnerId;
use portal_store::{StoreResult, Tooling};

use crate::Db;
use crate::error::engine;

#[async_trait]
impl Tooling for Db {
    async fn partner_by_domain(&self, domain: &str) -> StoreResult<PartnerId> {
        engine(async {
            let id: String = sqlx::query_scalar(
                "SELECT id FROM organizations WHERE primary_domain = ? AND kind = 'partner'",
            )
            .bind(domain)
            .fetch_one(&self.pool)
            .await?;
            Ok(PartnerId::new(id))
        })
        .await
    }

    async fn generate_partner(&self, n: u32) -> StoreResult<String> {
        engine(Db::generate_partner(self, n)).await
    }

    async fn generate_customers(&self, partner_domain: &str, count: u64) -> StoreResult<u64> {
        engine(Db::generate_customers(self, partner_domain, count)).await
    }

    async fn generate_admin_relationships(
        &self,
        partner_domain: &str,
        per_customer: u32,
    ) -> StoreResult<u64> {
        engine(Db::generate_admin_relationships(
            self,
            partner_domain,
            per_customer,
        ))
        .await
    }

    async fn generate_audit_entries(&self, partner_domain: &str, count: u64) -> StoreResult<()> {
        engine(Db::generate_audit_entries(self, partner_domain, count)).await
    }

    /// `EXPLAIN QUERY PLAN` with the parameters unbound (NULL): SQLite plans these statements
    /// without looking at the values.
    async fn explain(&self, sql: &str) -> StoreResult<Vec<String>> {
        engine(async {
            let rows: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                    .fetch_all(&self.pool)
                    .await?;
            Ok(indented(&rows))
        })
        .await
    }
}

/// `(id, parent, _, detail)` rows as lines indented two spaces per level.
fn indented(rows: &[(i64, i64, i64, String)]) -> Vec<String> {
    let depth = |mut parent: i64| {
        let mut level = 0;
        while parent != 0 {
            level += 1;
            parent = rows
                .iter()
                .find(|(id, ..)| *id == parent)
                .map_or(0, |(_, p, ..)| *p);
        }
        level
    };
    rows.iter()
        .map(|(_, parent, _, detail)| format!("{}{detail}", "  ".repeat(depth(*parent))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_indented_under_their_parents() {
        let rows = vec![
            (2, 0, 0, "SCAN r".to_owned()),
            (5, 2, 0, "SEARCH o USING INDEX".to_owned()),
            (9, 5, 0, "LIST SUBQUERY".to_owned()),
            (12, 0, 0, "USE TEMP B-TREE".to_owned()),
        ];
        assert_eq!(
            indented(&rows),
            [
                "SCAN r",
                "  SEARCH o USING INDEX",
                "    LIST SUBQUERY",
                "USE TEMP B-TREE"
            ]
        );
    }
}
