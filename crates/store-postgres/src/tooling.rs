//! The bench's tools on PostgreSQL: generated data (`seed/generate.rs`) and the generic plan of
//! a statement.

use async_trait::async_trait;
use portal_domain::ids::PartnerId;
use portal_store::{StoreResult, Tooling};
use sqlx::Executor;

use crate::error::engine;
use crate::{Db, DbResult};

#[async_trait]
impl Tooling for Db {
    async fn partner_by_domain(&self, domain: &str) -> StoreResult<PartnerId> {
        engine(async { Ok(PartnerId::new(self.partner_of(domain).await?.0)) }).await
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

    /// `VACUUM (ANALYZE)`, then a checkpoint. Without it the statistics stay those of the
    /// tables before the filling until autovacuum gets round to them, the first reads of each
    /// page set its hint bits (writing the page again), and the filling's dirty pages are
    /// written out by the checkpointer and autovacuum while the server is being measured.
    async fn finish_filling(&self) -> StoreResult<()> {
        engine(async {
            self.writer.execute("VACUUM (ANALYZE)").await?;
            match self.writer.execute("CHECKPOINT").await {
                // Only a superuser or `pg_checkpoint` may; the next checkpoint comes anyway.
                Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42501") => Ok(()),
                other => other.map(|_| ()).map_err(Into::into),
            }
        })
        .await
    }

    /// The plan PostgreSQL uses for the statement whatever its parameters: prepared, with
    /// `plan_cache_mode = force_generic_plan`, and explained for NULLs (PostgreSQL 15 has no
    /// `EXPLAIN (GENERIC_PLAN)`).
    async fn explain(&self, sql: &str) -> StoreResult<Vec<String>> {
        engine(generic_plan(&self.pool, sql.to_owned())).await
    }
}

async fn generic_plan(pool: &sqlx::PgPool, sql: String) -> DbResult<Vec<String>> {
    let mut conn = pool.acquire().await?;
    let count = parameters(&sql);
    // Undeclared parameters are inferred from their use; one the statement does not use (the
    // engine binds every filter's value, whichever filters are on) is declared `text`.
    let mut types = vec!["unknown"; count];
    conn.execute("SET plan_cache_mode = force_generic_plan")
        .await?;
    loop {
        let declared = if count == 0 {
            String::new()
        } else {
            format!("({})", types.join(", "))
        };
        let prepare = format!("PREPARE portal_explained{declared} AS {sql}");
        match conn.execute(prepare.as_str()).await {
            Ok(_) => break,
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P18") => {
                match undetermined(e.message()).filter(|k| (1..=count).contains(k)) {
                    Some(k) if types[k - 1] == "unknown" => types[k - 1] = "text",
                    _ => return Err(sqlx::Error::Database(e).into()),
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let nulls = vec!["NULL"; count].join(", ");
    let args = if count == 0 {
        String::new()
    } else {
        format!("({nulls})")
    };
    let explain = format!("EXPLAIN (COSTS OFF) EXECUTE portal_explained{args}");
    let plan: Result<Vec<String>, sqlx::Error> =
        sqlx::query_scalar(&explain).fetch_all(&mut *conn).await;
    conn.execute("DEALLOCATE portal_explained; RESET plan_cache_mode")
        .await?;
    Ok(plan?)
}

/// The parameter PostgreSQL could not type: "could not determine data type of parameter $3".
fn undetermined(message: &str) -> Option<usize> {
    message.rsplit_once('$')?.1.parse().ok()
}

/// How many parameters (`$1` … `$n`) a statement takes: the highest number it names.
fn parameters(sql: &str) -> usize {
    sql.split('$')
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::parameters;

    #[test]
    fn parameters_are_counted_by_the_highest_number() {
        assert_eq!(parameters("SELECT 1"), 0);
        assert_eq!(parameters("SELECT $1, $12, $3"), 12);
        assert_eq!(parameters("SELECT '$'"), 0);
        assert_eq!(
            super::undetermined("could not determine data type of parameter $3"),
            Some(3)
        );
    }
}
