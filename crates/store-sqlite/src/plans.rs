//! The query plans of the list pages, for `BENCHMARKS.md`: each page is read through the same
//! method the API calls while the statements it runs are recorded (from sqlx's statement log),
//! then every recorded statement is explained. So the plans shown are those of the SQL that
//! really runs, not of a copy of it. Parameters are left unbound (NULL) when explaining; SQLite
//! plans these statements without looking at the values.

use std::sync::{Arc, Mutex};

use portal_contract::gdap::AdminRelationshipStatus;
use portal_contract::{CustomerOrder, CustomerSort};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};

use crate::{Db, DbResult};
use portal_domain::ids::PartnerId;
use portal_domain::time::now_unix;
use portal_store::{AdminRelationships, CustomerQuery, Customers, RelationshipQuery};

/// One list page and the plans of the statements reading it.
#[derive(Debug, serde::Serialize)]
pub struct PagePlan {
    pub page: String,
    pub statements: Vec<StatementPlan>,
}

#[derive(Debug, serde::Serialize)]
pub struct StatementPlan {
    /// The statement's first line, to tell them apart.
    pub summary: String,
    /// SQLite's `EXPLAIN QUERY PLAN`, one step per line, indented under its parent.
    pub plan: Vec<String>,
}

/// Statements sqlx reported since the last [`Recorder::take`].
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Vec<String>>>);

impl Recorder {
    /// A subscriber that records sqlx's statements and nothing else, for the process to install
    /// as its global default (SQLite runs statements on its own worker threads).
    pub fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync + use<> {
        tracing_subscriber::registry().with(self.clone())
    }

    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Recorder {
    fn enabled(&self, metadata: &tracing::Metadata<'_>, _: Context<'_, S>) -> bool {
        metadata.target() == "sqlx::query"
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        struct Statement(Option<String>);
        impl Visit for Statement {
            fn record_str(&mut self, field: &Field, value: &str) {
                if field.name() == "db.statement" {
                    self.0 = Some(value.trim().to_owned());
                }
            }
            fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                if field.name() == "db.statement" {
                    self.0 = Some(format!("{value:?}").trim().to_owned());
                }
            }
        }
        let mut found = Statement(None);
        event.record(&mut found);
        if let Some(sql) = found.0.filter(|s| !s.is_empty()) {
            self.0.lock().unwrap_or_else(|e| e.into_inner()).push(sql);
        }
    }
}

impl Db {
    /// Reads the list pages of the partner with primary domain `partner_domain` and explains
    /// what ran. `recorder` must be installed as the global subscriber.
    pub async fn list_page_plans(
        &self,
        partner_domain: &str,
        recorder: &Recorder,
    ) -> DbResult<Vec<PagePlan>> {
        let partner: String = sqlx::query_scalar(
            "SELECT id FROM organizations WHERE primary_domain = ? AND kind = 'partner'",
        )
        .bind(partner_domain)
        .fetch_one(&self.pool)
        .await?;
        let partner = PartnerId::new(partner);
        let by_name = CustomerOrder {
            sort: CustomerSort::Name,
            descending: false,
        };
        let customers = |filter, order, from| CustomerQuery {
            partner_id: &partner,
            filter,
            order,
            size: 50,
            from,
        };
        let mut plans = Vec::new();
        recorder.take();
        let first = self.customers_page(&customers("", by_name, None)).await?;
        plans.push(self.explained("Customers, first page", recorder).await?);
        let key = first.last_key.clone();
        self.customers_page(&customers("", by_name, Some((&key, false))))
            .await?;
        plans.push(
            self.explained("Customers, next page (any depth)", recorder)
                .await?,
        );
        self.customers_page(&customers("bala", by_name, None))
            .await?;
        plans.push(
            self.explained("Customers, search \"bala\"", recorder)
                .await?,
        );
        let newest = CustomerOrder {
            sort: CustomerSort::CustomerSince,
            descending: true,
        };
        self.customers_page(&customers("", newest, None)).await?;
        plans.push(
            self.explained("Customers, by customer since, newest first", recorder)
                .await?,
        );
        let relationships = |search, status, ending_before| RelationshipQuery {
            partner_id: &partner,
            status,
            customer_id: None,
            search,
            ending_before,
            size: 50,
            from: None,
        };
        self.admin_relationships_page(&relationships("", None, None))
            .await?;
        plans.push(
            self.explained("Admin relationships, first page", recorder)
                .await?,
        );
        self.admin_relationships_page(&relationships("bala", None, None))
            .await?;
        plans.push(
            self.explained("Admin relationships, search \"bala\"", recorder)
                .await?,
        );
        let in_30_days = now_unix() + 30 * 86_400;
        self.admin_relationships_page(&relationships("", None, Some(in_30_days)))
            .await?;
        plans.push(
            self.explained("Admin relationships, ending within 30 days", recorder)
                .await?,
        );
        self.admin_relationships_page(&relationships(
            "",
            Some(AdminRelationshipStatus::Expired),
            None,
        ))
        .await?;
        plans.push(
            self.explained("Admin relationships, status expired", recorder)
                .await?,
        );
        Ok(plans)
    }

    /// The plans of the statements recorded since the last call, as `page`.
    async fn explained(&self, page: &str, recorder: &Recorder) -> DbResult<PagePlan> {
        let mut statements = Vec::new();
        // A new connection's settings (`PRAGMA …`) are not the page's.
        let page_statements = recorder.take().into_iter().filter(|sql| {
            !sql.get(..6)
                .is_some_and(|word| word.eq_ignore_ascii_case("PRAGMA"))
        });
        for sql in page_statements {
            let rows: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                    .fetch_all(&self.pool)
                    .await?;
            // Explaining logs a statement too; those are not the page's.
            recorder.take();
            statements.push(StatementPlan {
                summary: summary(&sql),
                plan: indented(&rows),
            });
        }
        Ok(PagePlan {
            page: page.to_owned(),
            statements,
        })
    }
}

fn summary(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().take(8).collect();
    format!("{} …", words.join(" "))
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
