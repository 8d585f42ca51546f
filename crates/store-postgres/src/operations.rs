//! What running the server needs from the store: a readiness probe, the pools' use for the
//! metrics, and the checks of `--check-database`. Backups are PostgreSQL's own tools
//! (`pg_dump`, base backups), not a command of the server.

use async_trait::async_trait;
use portal_store::{Operations, PoolUse, StoreResult};

use crate::Db;
use crate::engine;

#[async_trait]
impl Operations for Db {
    async fn ping(&self) -> StoreResult<()> {
        engine(async {
            sqlx::query("SELECT 1 FROM _sqlx_migrations LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
            Ok(())
        })
        .await
    }

    fn pool_use(&self) -> Vec<PoolUse> {
        [("read", &self.pool), ("write", &self.writer)]
            .map(|(name, pool)| PoolUse {
                name,
                size: pool.size(),
                idle: pool.num_idle(),
            })
            .to_vec()
    }

    async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }

    /// PostgreSQL enforces keys and checks itself; what it cannot see is whether the kept
    /// totals still equal the rows they count, whether the Customers page's copies still equal
    /// their organisations and active relationships, and whether an index was left invalid by
    /// an interrupted `CREATE INDEX CONCURRENTLY`.
    async fn problems(&self) -> StoreResult<Vec<String>> {
        engine(async {
            let mut found: Vec<String> = sqlx::query_scalar(
                "SELECT format('partner %s: %s customers counted, %s stored', p.id,
                               coalesce(c.total, 0), coalesce(r.n, 0))
                   FROM organizations p
                   LEFT JOIN partner_customer_counts c ON c.partner_id = p.id
                   LEFT JOIN (SELECT partner_id, count(*) AS n FROM customer_relationships
                               GROUP BY partner_id) r ON r.partner_id = p.id
                  WHERE coalesce(c.total, 0) <> coalesce(r.n, 0)",
            )
            .fetch_all(&self.pool)
            .await?;
            found.extend(
                sqlx::query_scalar::<_, String>(
                    "SELECT format('partner %s: %s %s relationships counted, %s stored',
                                   coalesce(c.partner_id, r.partner_id), coalesce(c.state, r.state),
                                   coalesce(c.total, 0), coalesce(r.n, 0))
                       FROM admin_relationship_counts c
                       FULL JOIN (SELECT partner_id, state, count(*) AS n FROM admin_relationships
                                   GROUP BY partner_id, state) r
                         ON r.partner_id = c.partner_id AND r.state = c.state
                      WHERE coalesce(c.total, 0) <> coalesce(r.n, 0)",
                )
                .fetch_all(&self.pool)
                .await?,
            );
            found.extend(
                sqlx::query_scalar::<_, String>(
                    "SELECT format('partner %s: customer %s differs from its copy', r.partner_id,
                                   r.customer_id)
                       FROM customer_relationships r JOIN organizations o ON o.id = r.customer_id
                      WHERE (r.name, r.primary_domain, r.country)
                            IS DISTINCT FROM (o.name, o.primary_domain, o.country)
                         OR r.granular IS DISTINCT FROM active_granular(r.partner_id, r.customer_id)",
                )
                .fetch_all(&self.pool)
                .await?,
            );
            found.extend(
                sqlx::query_scalar::<_, String>(
                    "SELECT format('index %s is not valid', i.indexrelid::regclass)
                       FROM pg_index i WHERE NOT i.indisvalid",
                )
                .fetch_all(&self.pool)
                .await?,
            );
            Ok(found)
        })
        .await
    }

    async fn seed_demo_if_empty(&self) -> StoreResult<bool> {
        engine(async { Db::seed_demo_if_empty(self).await }).await
    }
}
