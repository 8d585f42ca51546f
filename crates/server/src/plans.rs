//! The query plans of the list pages, for `BENCHMARKS.md`, on any engine: each page is read
//! through the same store method the API calls while the statements it runs are recorded (from
//! sqlx's statement log), then the engine explains every recorded statement. So the plans shown
//! are those of the SQL that really runs, not of a copy of it.

use std::sync::{Arc, Mutex};

use portal_contract::gdap::AdminRelationshipStatus;
use portal_contract::{CustomerOrder, CustomerSort};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};

use crate::domain::time::now_unix;
use crate::store::{CustomerQuery, RelationshipQuery, Store, StoreResult, Tooling};

/// One list page and the plans of the statements reading it.
#[derive(Debug, serde::Serialize)]
pub struct PagePlan {
    pub page: String,
    pub statements: Vec<StatementPlan>,
}

#[derive(Debug, serde::Serialize)]
pub struct StatementPlan {
    /// The statement's first words, to tell them apart.
    pub summary: String,
    /// The engine's plan, one step per line, indented under its parent.
    pub plan: Vec<String>,
}

/// Statements the engine reported since the last [`Recorder::take`].
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Vec<String>>>);

impl Recorder {
    /// A subscriber that records sqlx's statements and nothing else, for the process to install
    /// as its global default (SQLite runs statements on its own worker threads).
    pub fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync + use<> {
        tracing_subscriber::registry().with(self.clone())
    }

    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Recorder {
    fn enabled(&self, metadata: &tracing::Metadata<'_>, _: Context<'_, S>) -> bool {
        // sqlx's statement log, and the SQLite engine's own for its blocking reads.
        matches!(metadata.target(), "sqlx::query" | "portal::sql")
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

/// Reads the list pages of the partner with primary domain `partner_domain` and explains what
/// ran. `recorder` must be installed as the global subscriber.
pub async fn list_page_plans(
    store: &dyn Store,
    tooling: &dyn Tooling,
    partner_domain: &str,
    recorder: &Recorder,
) -> StoreResult<Vec<PagePlan>> {
    let partner = tooling.partner_by_domain(partner_domain).await?;
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
    let first = store.customers_page(&customers("", by_name, None)).await?;
    // As the handler does: the granular roles of the page's customers, unless the page's own
    // statement brought them (PostgreSQL's does).
    if first.active_admin_roles.is_none() {
        let ids: Vec<&str> = first.items.iter().map(|c| c.id.as_str()).collect();
        store.active_admin_roles(&partner, &ids).await?;
    }
    plans.push(explained(tooling, "Customers, first page", recorder).await?);
    let key = first.last_key.clone();
    store
        .customers_page(&customers("", by_name, Some((&key, false))))
        .await?;
    plans.push(explained(tooling, "Customers, next page (any depth)", recorder).await?);
    store
        .customers_page(&customers("bala", by_name, None))
        .await?;
    plans.push(explained(tooling, "Customers, search \"bala\"", recorder).await?);
    let newest = CustomerOrder {
        sort: CustomerSort::CustomerSince,
        descending: true,
    };
    store.customers_page(&customers("", newest, None)).await?;
    plans.push(
        explained(
            tooling,
            "Customers, by customer since, newest first",
            recorder,
        )
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
    store
        .admin_relationships_page(&relationships("", None, None))
        .await?;
    plans.push(explained(tooling, "Admin relationships, first page", recorder).await?);
    store
        .admin_relationships_page(&relationships("bala", None, None))
        .await?;
    plans.push(explained(tooling, "Admin relationships, search \"bala\"", recorder).await?);
    let in_30_days = now_unix() + 30 * 86_400;
    store
        .admin_relationships_page(&relationships("", None, Some(in_30_days)))
        .await?;
    plans.push(
        explained(
            tooling,
            "Admin relationships, ending within 30 days",
            recorder,
        )
        .await?,
    );
    store
        .admin_relationships_page(&relationships(
            "",
            Some(AdminRelationshipStatus::Expired),
            None,
        ))
        .await?;
    plans.push(explained(tooling, "Admin relationships, status expired", recorder).await?);
    Ok(plans)
}

/// The plans of the page's statements recorded since the last call, as `page`.
async fn explained(
    tooling: &dyn Tooling,
    page: &str,
    recorder: &Recorder,
) -> StoreResult<PagePlan> {
    let mut statements = Vec::new();
    // Only what reads the page: not a new connection's settings (`PRAGMA …`, `SET …`) nor the
    // driver's own look-ups.
    let page_statements = recorder.take().into_iter().filter(|sql| reads(sql));
    for sql in page_statements {
        let plan = tooling.explain(&sql).await?;
        // Explaining logs a statement too; those are not the page's.
        recorder.take();
        statements.push(StatementPlan {
            summary: summary(&sql),
            plan,
        });
    }
    Ok(PagePlan {
        page: page.to_owned(),
        statements,
    })
}

/// A query of ours: it starts with `SELECT` or `WITH`.
fn reads(sql: &str) -> bool {
    let first = sql.split_whitespace().next().unwrap_or("");
    first.eq_ignore_ascii_case("SELECT") || first.eq_ignore_ascii_case("WITH")
}

fn summary(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().take(8).collect();
    format!("{} …", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_queries_are_explained() {
        assert!(reads("SELECT 1"));
        assert!(reads("  with t AS (SELECT 1) SELECT * FROM t"));
        assert!(!reads("PRAGMA foreign_keys = ON"));
        assert!(!reads("SET application_name = 'x'"));
        assert!(!reads("EXPLAIN SELECT 1"));
    }
}
