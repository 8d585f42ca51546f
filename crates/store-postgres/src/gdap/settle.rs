//! The settle step: records the expiries and auto-extensions the clock has made due, each with
//! its history row and audit entry. Each is a conditional `UPDATE` on the state and end it was
//! read with, so two instances (or a request and the periodic task) never record one twice.

use async_trait::async_trait;
use portal_contract::AuditDetails;
use portal_contract::gdap::AdminRelationshipStatus as Status;
use portal_domain::gdap::{DAY, Due, due};
use portal_domain::time::rfc3339;
use portal_store::{AdminRelationshipUpkeep, StoreResult};
use sqlx::Row;

use super::{audit_entry, history_row};
use crate::engine;
use crate::{Db, stored_enum, stored_u32};

/// At most this many transitions per run; the next run takes the rest.
const BATCH: i64 = 500;

const DUE_WHERE: &str = "state IN ('approvalPending', 'active') AND end_at <= $1";

#[async_trait]
impl AdminRelationshipUpkeep for Db {
    async fn complete_approval_links(
        &self,
        hash: &(dyn for<'s> Fn(&'s [u8]) -> Vec<u8> + Send + Sync),
    ) -> StoreResult<()> {
        engine(async {
            let seeds: Vec<(String, Vec<u8>)> = sqlx::query_as(
                "SELECT id, token_seed FROM admin_relationships
                  WHERE token_hash IS NULL AND token_seed IS NOT NULL",
            )
            .fetch_all(&self.pool)
            .await?;
            for (id, seed) in seeds {
                sqlx::query(
                    "UPDATE admin_relationships SET token_hash = $1 WHERE id = $2 AND token_hash IS NULL",
                )
                .bind(hash(&seed))
                .bind(id)
                .execute(&self.writer)
                .await?;
            }
            Ok(())
        })
        .await
    }

    async fn settle_admin_relationships(&self, now: i64) -> StoreResult<u64> {
        engine(async {
            let any: bool = sqlx::query_scalar(&format!(
                "SELECT EXISTS (SELECT 1 FROM admin_relationships WHERE {DUE_WHERE})"
            ))
            .bind(now)
            .fetch_one(&self.pool)
            .await?;
            if !any {
                return Ok(0);
            }
            // The conditional updates skip what another instance recorded meanwhile. Each
            // transition commits on its own (state, history and audit entry together): one
            // counting statement per transaction takes its counter rows in one order, so a
            // settle never deadlocks with a request changing the same partner's relationships.
            let rows = sqlx::query(&format!(
                "SELECT id, partner_id, customer_id, display_name, state, end_at, auto_extend_days
                   FROM admin_relationships WHERE {DUE_WHERE} LIMIT {BATCH}"
            ))
            .bind(now)
            .fetch_all(&self.pool)
            .await?;
            let mut moved = 0;
            for r in &rows {
                let mut tx = self.writer.begin().await?;
                let id: String = r.try_get("id")?;
                let partner_id: String = r.try_get("partner_id")?;
                let customer_id: Option<String> = r.try_get("customer_id")?;
                let display_name: String = r.try_get("display_name")?;
                let state: Status = stored_enum("state", r.try_get("state")?)?;
                let end_at: i64 = r.try_get("end_at")?;
                let extend = stored_u32("auto_extend_days", r.try_get("auto_extend_days")?)?;
                match due(state, end_at, extend, now) {
                    None => {}
                    Some(Due::Expire { at }) => {
                        let changed = sqlx::query(
                            "UPDATE admin_relationships
                                SET state = 'expired', version = version + 1, modified_at = $1
                              WHERE id = $2 AND state = $3 AND end_at = $4",
                        )
                        .bind(at)
                        .bind(&id)
                        .bind(state.as_str())
                        .bind(end_at)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if changed == 1 {
                            history_row(&mut tx, &id, Status::Expired, at, None, false).await?;
                            audit_entry(
                                &mut tx,
                                &partner_id,
                                customer_id.as_deref(),
                                None,
                                &id,
                                AuditDetails::AdminRelationshipExpired {
                                    display_name,
                                    was_active: state == Status::Active,
                                },
                                at,
                            )
                            .await?;
                            moved += 1;
                        }
                    }
                    Some(Due::Extend { at, new_end }) => {
                        let changed = sqlx::query(
                            "UPDATE admin_relationships
                                SET end_at = $1, version = version + 1, modified_at = $2
                              WHERE id = $3 AND state = 'active' AND end_at = $4",
                        )
                        .bind(new_end)
                        .bind(at.last().copied().unwrap_or(end_at))
                        .bind(&id)
                        .bind(end_at)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if changed == 1 {
                            for when in at {
                                history_row(&mut tx, &id, Status::Active, when, None, true).await?;
                                audit_entry(
                                    &mut tx,
                                    &partner_id,
                                    customer_id.as_deref(),
                                    None,
                                    &id,
                                    AuditDetails::AdminRelationshipExtended {
                                        display_name: display_name.clone(),
                                        end_date_time: rfc3339(when + i64::from(extend) * DAY),
                                    },
                                    when,
                                )
                                .await?;
                            }
                            moved += 1;
                        }
                    }
                }
                tx.commit().await?;
            }
            Ok(moved)
        })
        .await
    }
}
