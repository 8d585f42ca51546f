//! Where the throttles keep their counts (`domain::throttle` decides with them). Each failure is
//! one upsert: concurrent failures of one key queue on its row and each counts, whichever
//! instance records it.

use async_trait::async_trait;
use portal_domain::throttle::{Limit, Window};
use portal_store::{StoreResult, Throttles};
use sqlx::Row;

use crate::Db;
use crate::engine;

#[async_trait]
impl Throttles for Db {
    async fn throttle_windows(
        &self,
        scope: &str,
        keys: &[&str],
    ) -> StoreResult<Vec<Option<Window>>> {
        engine(async {
            let rows = sqlx::query(
                "SELECT key, window_started_ms, failures FROM throttle_failures
                 WHERE scope = $1 AND key = ANY($2)",
            )
            .bind(scope)
            .bind(keys)
            .fetch_all(&self.pool)
            .await?;
            let mut stored = std::collections::HashMap::new();
            for r in rows {
                let window = Window {
                    started_ms: r.try_get("window_started_ms")?,
                    failures: super::stored_u32("failures", r.try_get("failures")?)?,
                };
                stored.insert(r.try_get::<String, _>("key")?, window);
            }
            Ok(keys.iter().map(|k| stored.get(*k).copied()).collect())
        })
        .await
    }

    async fn record_throttle_failure(
        &self,
        scope: &str,
        keys: &[&str],
        limit: Limit,
        now_ms: i64,
    ) -> StoreResult<()> {
        engine(async {
            let over = limit.over_if_started_by(now_ms);
            // One statement for every key, in key order, so two requests failing on the same
            // keys lock their rows in the same order and never deadlock.
            let mut sorted: Vec<&str> = keys.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            sqlx::query(
                "INSERT INTO throttle_failures AS t (scope, key, window_started_ms, failures)
                 SELECT $1, k, $3, 1 FROM unnest($2::text[]) AS k ORDER BY k
                 ON CONFLICT (scope, key) DO UPDATE SET
                   failures = CASE WHEN t.window_started_ms <= $4 THEN 1 ELSE t.failures + 1 END,
                   window_started_ms =
                     CASE WHEN t.window_started_ms <= $4 THEN $3 ELSE t.window_started_ms END",
            )
            .bind(scope)
            .bind(&sorted)
            .bind(now_ms)
            .bind(over)
            .execute(&self.writer)
            .await?;
            // Pruning skips rows another failure holds at this moment: that one is current.
            sqlx::query(
                "DELETE FROM throttle_failures WHERE (scope, key) IN (
                    SELECT scope, key FROM throttle_failures
                     WHERE scope = $1 AND window_started_ms <= $2
                     FOR UPDATE SKIP LOCKED)",
            )
            .bind(scope)
            .bind(over)
            .execute(&self.writer)
            .await?;
            Ok(())
        })
        .await
    }

    async fn clear_throttle(&self, scope: &str, key: &str) -> StoreResult<()> {
        engine(async {
            sqlx::query("DELETE FROM throttle_failures WHERE scope = $1 AND key = $2")
                .bind(scope)
                .bind(key)
                .execute(&self.writer)
                .await?;
            Ok(())
        })
        .await
    }
}
