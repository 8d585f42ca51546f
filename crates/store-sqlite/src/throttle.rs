//! Where the throttles keep their counts (`domain::throttle` decides with them). Each failure is
//! one upsert, so instances sharing the database count together without a lost update.

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
            let marks = vec!["?"; keys.len()].join(", ");
            let sql = format!(
                "SELECT key, window_started_ms, failures FROM throttle_failures
                 WHERE scope = ? AND key IN ({marks})"
            );
            let mut query = sqlx::query(&sql).bind(scope);
            for key in keys {
                query = query.bind(*key);
            }
            let mut stored = std::collections::HashMap::new();
            for r in query.fetch_all(&self.pool).await? {
                let window = Window {
                    started_ms: r.try_get("window_started_ms")?,
                    failures: super::stored_u32("failures", r.try_get("failures")?)?,
                };
                stored.insert(r.try_get::<String, _>("key")?, window);
            }
            let found = keys.iter().map(|k| stored.get(*k).copied()).collect();
            Ok(found)
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
            let mut tx = self.writer.begin().await?;
            for key in keys {
                sqlx::query(
                    "INSERT INTO throttle_failures (scope, key, window_started_ms, failures)
                     VALUES (?1, ?2, ?3, 1)
                     ON CONFLICT (scope, key) DO UPDATE SET
                       failures = CASE WHEN window_started_ms <= ?4 THEN 1 ELSE failures + 1 END,
                       window_started_ms =
                         CASE WHEN window_started_ms <= ?4 THEN ?3 ELSE window_started_ms END",
                )
                .bind(scope)
                .bind(key)
                .bind(now_ms)
                .bind(over)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query("DELETE FROM throttle_failures WHERE scope = ? AND window_started_ms <= ?")
                .bind(scope)
                .bind(over)
                .execute(&mut *tx)
                .await?;
            tx.commit().await.map_err(Into::into)
        })
        .await
    }

    async fn clear_throttle(&self, scope: &str, key: &str) -> StoreResult<()> {
        engine(async {
            sqlx::query("DELETE FROM throttle_failures WHERE scope = ? AND key = ?")
                .bind(scope)
                .bind(key)
                .execute(&self.writer)
                .await?;
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The stored counts follow the rule's own arithmetic, window by window.
    #[tokio::test]
    async fn stored_windows_follow_the_rule_and_old_ones_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let db = Db::connect(&url).await.unwrap();
        let limit = Limit::new(3, Duration::from_secs(60));
        let mut expected = None;
        for now in [1_000, 2_000, 30_000, 61_000, 62_000] {
            db.record_throttle_failure("s", &["a"], limit, now)
                .await
                .unwrap();
            expected = Some(limit.after_failure(expected, now));
            assert_eq!(db.throttle_windows("s", &["a"]).await.unwrap(), [expected]);
        }
        // Another key's failure two minutes later prunes "a", whose window is over.
        db.record_throttle_failure("s", &["b"], limit, 200_000)
            .await
            .unwrap();
        let [a, b] = db.throttle_windows("s", &["a", "b"]).await.unwrap()[..] else {
            panic!("two answers")
        };
        assert_eq!(a, None);
        assert_eq!(b.map(|w| w.failures), Some(1));
        // Scopes are apart, and a clear forgets one key.
        assert_eq!(db.throttle_windows("other", &["b"]).await.unwrap(), [None]);
        db.clear_throttle("s", "b").await.unwrap();
        assert_eq!(db.throttle_windows("s", &["b"]).await.unwrap(), [None]);
    }
}
