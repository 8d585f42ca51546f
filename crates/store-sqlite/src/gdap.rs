//! Granular admin relationships: the partner's list and its pages, one relationship with its
//! history, requests, the customer's approval, terminations, security groups and access
//! assignments. Every change and its audit entry (and history row) commit together; every
//! change that depends on a state or a version says so in its `UPDATE … WHERE`, so concurrent
//! changes cannot both pass.

use async_trait::async_trait;
use portal_contract::gdap::{AdminRelationshipStatus as Status, StatusChange};
use portal_contract::{AuditDetails, Cloud};
use portal_domain::gdap::DAY;
use portal_domain::ids::{CustomerId, PartnerId};
use portal_domain::search_key::fold;
use portal_domain::time::rfc3339;
use portal_store::{
    AdminRelationships, ApprovalRow, ApproveOutcome, ChangeOutcome, NewRelationship,
    RelationshipChange, RelationshipPage, RelationshipQuery, RelationshipRow, StoreResult,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};

use crate::audit::{self, AuditEntry};
use crate::engine;
use crate::error::SqlError;
use crate::{Actor, Db, DbResult, stored_enum, stored_name, stored_u32};

mod assignments;
mod settle;

const SELECT: &str = "SELECT r.id, r.partner_id, p.name AS partner_name, r.customer_id,
        c.name AS customer_name, r.display_name, r.duration_days, r.auto_extend_days, r.roles,
        r.state, r.created_at, r.modified_at, r.activated_at, r.end_at, r.version, r.token_seed
    FROM admin_relationships r
    JOIN organizations p ON p.id = r.partner_id
    LEFT JOIN organizations c ON c.id = r.customer_id";

pub(super) fn roles_of(text: &str) -> DbResult<Vec<String>> {
    serde_json::from_str(text).map_err(|e| SqlError::corrupt("roles", e))
}

pub(super) fn roles_text(roles: &[String]) -> String {
    serde_json::to_string(roles).unwrap_or_else(|_| "[]".into())
}

fn row(r: &SqliteRow) -> DbResult<RelationshipRow> {
    Ok(RelationshipRow {
        id: r.try_get("id")?,
        partner_id: r.try_get("partner_id")?,
        partner_name: r.try_get("partner_name")?,
        customer_id: r.try_get("customer_id")?,
        customer_name: r.try_get("customer_name")?,
        display_name: r.try_get("display_name")?,
        duration_days: stored_u32("duration_days", r.try_get("duration_days")?)?,
        auto_extend_days: stored_u32("auto_extend_days", r.try_get("auto_extend_days")?)?,
        roles: roles_of(r.try_get("roles")?)?,
        state: stored_enum("state", r.try_get("state")?)?,
        created_at: r.try_get("created_at")?,
        modified_at: r.try_get("modified_at")?,
        activated_at: r.try_get("activated_at")?,
        end_at: r.try_get("end_at")?,
        version: r.try_get("version")?,
        token_seed: r.try_get("token_seed")?,
    })
}

pub(super) async fn history_row(
    tx: &mut Transaction<'_, Sqlite>,
    id: &str,
    status: Status,
    at: i64,
    by: Option<&str>,
    extended: bool,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO admin_relationship_history (relationship_id, status, at, by_email, extended)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(at)
    .bind(by)
    .bind(i64::from(extended))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The partner's audit entry about relationship `id`.
pub(super) async fn audit_entry(
    tx: &mut Transaction<'_, Sqlite>,
    partner_id: &str,
    customer_id: Option<&str>,
    actor: Option<&Actor<'_>>,
    id: &str,
    details: AuditDetails,
    at: i64,
) -> DbResult<()> {
    audit::record(
        tx,
        AuditEntry {
            organization_id: partner_id,
            customer_id,
            actor_id: actor.map_or("", |a| a.user_id.as_str()),
            actor_email: actor.map_or("", |a| a.email),
            target_id: id,
            details,
            at,
        },
    )
    .await
}

#[async_trait]
impl AdminRelationships for Db {
    async fn admin_relationship_name_taken(
        &self,
        partner_id: &PartnerId,
        name: &str,
    ) -> StoreResult<bool> {
        engine(async {
            let n: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM admin_relationships WHERE partner_id = ? AND name_key = ?",
            )
            .bind(partner_id.as_str())
            .bind(fold(name))
            .fetch_one(&self.pool)
            .await?;
            Ok(n > 0)
        })
        .await
    }

    async fn partner_customer_name(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Option<String>> {
        engine(async {
            sqlx::query_scalar(
                "SELECT o.name FROM customer_relationships r JOIN organizations o ON o.id = r.customer_id
                 WHERE r.partner_id = ? AND r.customer_id = ?",
            )
            .bind(partner_id.as_str())
            .bind(customer_id.as_str())
            .fetch_optional(&self.pool)
            .await.map_err(Into::into)
        })
        .await
    }

    async fn create_admin_relationship(
        &self,
        actor: &Actor<'_>,
        n: NewRelationship<'_>,
    ) -> StoreResult<Option<RelationshipRow>> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            let inserted = sqlx::query(
                "INSERT INTO admin_relationships (id, partner_id, customer_id, display_name, name_key,
                    customer_key, duration_days, auto_extend_days, roles, state, created_by,
                    created_at, modified_at, end_at, token_seed, token_hash)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'approvalPending', ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (partner_id, name_key) DO NOTHING",
            )
            .bind(n.id)
            .bind(n.partner_id.as_str())
            .bind(n.customer.map(|(id, _)| id.as_str()))
            .bind(n.display_name)
            .bind(fold(n.display_name))
            .bind(n.customer.map_or(String::new(), |(_, name)| fold(name)))
            .bind(i64::from(n.duration_days))
            .bind(i64::from(n.auto_extend_days))
            .bind(roles_text(n.roles))
            .bind(actor.user_id.as_str())
            .bind(actor.now)
            .bind(actor.now)
            .bind(n.expires_at)
            .bind(n.token_seed)
            .bind(n.token_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                return Ok(None);
            }
            history_row(
                &mut tx,
                n.id,
                Status::ApprovalPending,
                actor.now,
                Some(actor.email),
                false,
            )
            .await?;
            audit_entry(
                &mut tx,
                n.partner_id.as_str(),
                n.customer.map(|(id, _)| id.as_str()),
                Some(actor),
                n.id,
                AuditDetails::AdminRelationshipRequested {
                    display_name: n.display_name.to_owned(),
                    duration_days: n.duration_days,
                    role_count: n.roles.len() as u32,
                },
                actor.now,
            )
            .await?;
            tx.commit().await?;
            Ok(self.admin_relationship(n.partner_id, n.id).await?)
        })
        .await
    }

    async fn admin_relationship(
        &self,
        partner_id: &PartnerId,
        id: &str,
    ) -> StoreResult<Option<RelationshipRow>> {
        engine(async {
            let sql = format!("{SELECT} WHERE r.partner_id = ? AND r.id = ?");
            let r = sqlx::query(&sql)
                .bind(partner_id.as_str())
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
            r.as_ref().map(row).transpose()
        })
        .await
    }

    async fn admin_relationship_history(&self, id: &str) -> StoreResult<Vec<StatusChange>> {
        engine(async {
            let rows = sqlx::query(
                "SELECT status, at, by_email, extended FROM admin_relationship_history
                 WHERE relationship_id = ? ORDER BY id",
            )
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(StatusChange {
                        status: stored_enum("status", r.try_get("status")?)?,
                        date_time: rfc3339(r.try_get("at")?),
                        by: r.try_get("by_email")?,
                        extended: r.try_get::<i64, _>("extended")? == 1,
                    })
                })
                .collect()
        })
        .await
    }

    async fn admin_relationships_page(
        &self,
        q: &RelationshipQuery<'_>,
    ) -> StoreResult<RelationshipPage> {
        engine(async {
            let backwards = matches!(q.from, Some((_, true)));
            let (column, forward_asc) = match q.ending_before {
                Some(_) => ("r.end_at", true),
                None => ("r.created_at", false),
            };
            let ascending = forward_asc != backwards;
            let (cmp, order) = if ascending {
                (">", "ASC")
            } else {
                ("<", "DESC")
            };
            let start = if ascending {
                (i64::MIN, "")
            } else {
                (i64::MAX, "")
            };
            let (key_at, key_id) = q.from.map_or(start, |(k, _)| k);
            // ?1 partner, ?2 state, ?3 customer, ?4 search, ?5 its upper bound, ?6 ending before.
            let mut filter = String::new();
            if q.status.is_some() || q.ending_before.is_some() {
                filter.push_str(" AND r.state = ?2");
            }
            if q.customer_id.is_some() {
                filter.push_str(" AND r.customer_id = ?3");
            }
            if !q.search.is_empty() {
                filter.push_str(
                    " AND ((r.name_key >= ?4 AND r.name_key < ?5)
                         OR (r.customer_key >= ?4 AND r.customer_key < ?5))",
                );
            }
            if q.ending_before.is_some() {
                filter.push_str(" AND r.end_at < ?6");
            }
            let state = match q.ending_before {
                Some(_) => Status::Active.as_str(),
                None => q.status.map_or("", Status::as_str),
            };
            // Every parameter is named once in each statement, whichever filters are on.
            filter.push_str(" AND coalesce(?2, ?3, ?4, ?5, ?6, '') IS NOT NULL");
            let upper = format!("{}\u{10FFFF}", q.search);
            // A search reads its matches from the two name indexes and sorts them: `+` keeps the
            // planner from walking the whole list in order instead, looking for rare matches.
            let plus = if q.search.is_empty() { "" } else { "+" };
            // The page's ids first, then their names: only the rows shown are joined.
            let sql = format!(
                "{SELECT} WHERE r.id IN (
                    SELECT r.id FROM admin_relationships r WHERE r.partner_id = ?1 {filter}
                       AND ({plus}{column}, {plus}r.id) {cmp} (?7, ?8)
                     ORDER BY {plus}{column} {order}, {plus}r.id {order} LIMIT ?9)
                 ORDER BY {column} {order}, r.id {order}"
            );
            let mut rows: Vec<RelationshipRow> = sqlx::query(&sql)
                .bind(q.partner_id.as_str())
                .bind(state)
                .bind(q.customer_id.map(CustomerId::as_str))
                .bind(q.search)
                .bind(&upper)
                .bind(q.ending_before.unwrap_or(0))
                .bind(key_at)
                .bind(key_id)
                .bind(i64::from(q.size) + 1)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(row)
                .collect::<DbResult<_>>()?;
            let beyond = rows.len() > q.size as usize;
            rows.truncate(q.size as usize);
            if backwards {
                rows.reverse();
            }
            // The whole list, or one status, is counted by triggers; the rest counts its range.
            let kept = q.customer_id.is_none() && q.search.is_empty() && q.ending_before.is_none();
            let count_sql = if kept {
                "SELECT coalesce(sum(total), 0) FROM admin_relationship_counts
                  WHERE partner_id = ?1 AND (?2 = '' OR state = ?2)
                    AND coalesce(?3, ?4, ?5, ?6, '') IS NOT NULL"
                    .to_owned()
            } else {
                format!(
                    "SELECT count(*) FROM admin_relationships r WHERE r.partner_id = ?1 {filter}"
                )
            };
            let total: i64 = sqlx::query_scalar(&count_sql)
                .bind(q.partner_id.as_str())
                .bind(state)
                .bind(q.customer_id.map(CustomerId::as_str))
                .bind(q.search)
                .bind(&upper)
                .bind(q.ending_before.unwrap_or(0))
                .fetch_one(&self.pool)
                .await?;
            Ok(RelationshipPage {
                rows,
                total_count: total.max(0) as u64,
                has_after: if backwards { true } else { beyond },
                has_before: if backwards { beyond } else { q.from.is_some() },
            })
        })
        .await
    }

    async fn relock_admin_relationship(
        &self,
        c: RelationshipChange<'_>,
        token_seed: &[u8],
        token_hash: &[u8],
    ) -> StoreResult<ChangeOutcome> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            let relocked: Option<(Option<String>, String)> = sqlx::query_as(
                "UPDATE admin_relationships
                    SET token_seed = ?, token_hash = ?, version = version + 1, modified_at = ?
                  WHERE partner_id = ? AND id = ? AND version = ? AND state = 'approvalPending'
                    AND end_at > ?
                 RETURNING customer_id, display_name",
            )
            .bind(token_seed)
            .bind(token_hash)
            .bind(c.actor.now)
            .bind(c.partner_id.as_str())
            .bind(c.id)
            .bind(c.version)
            .bind(c.actor.now)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((customer_id, display_name)) = &relocked {
                audit_entry(
                    &mut tx,
                    c.partner_id.as_str(),
                    customer_id.as_deref(),
                    Some(&c.actor),
                    c.id,
                    AuditDetails::AdminRelationshipLockedForApproval {
                        display_name: display_name.clone(),
                    },
                    c.actor.now,
                )
                .await?;
            }
            tx.commit().await?;
            let changed = u64::from(relocked.is_some());
            self.change_outcome(c.partner_id, c.id, c.version, changed, c.actor.now)
                .await
        })
        .await
    }

    async fn terminate_admin_relationship(
        &self,
        c: RelationshipChange<'_>,
    ) -> StoreResult<ChangeOutcome> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            let ended = terminate(
                &mut tx,
                "partner_id",
                c.partner_id.as_str(),
                c.id,
                c.version,
                &c.actor,
                false,
            )
            .await?;
            tx.commit().await?;
            self.change_outcome(c.partner_id, c.id, c.version, u64::from(ended), c.actor.now)
                .await
        })
        .await
    }

    async fn customer_terminate_admin_relationship(
        &self,
        customer_id: &CustomerId,
        id: &str,
        version: i64,
        actor: &Actor<'_>,
    ) -> StoreResult<ChangeOutcome> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            let ended = terminate(
                &mut tx,
                "customer_id",
                customer_id.as_str(),
                id,
                version,
                actor,
                true,
            )
            .await?;
            tx.commit().await?;
            let found = self.customer_admin_relationship(customer_id, id).await?;
            Ok(outcome(found, version, ended, actor.now))
        })
        .await
    }

    async fn admin_approval(&self, token_hash: &[u8]) -> StoreResult<Option<ApprovalRow>> {
        engine(async {
            let sql = format!("{SELECT} WHERE r.token_hash = ?");
            let r = sqlx::query(&sql)
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
            let Some(r) = r else { return Ok(None) };
            let relationship = row(&r)?;
            let (country, cloud): (String, String) =
                sqlx::query_as("SELECT country, cloud FROM organizations WHERE id = ?")
                    .bind(&relationship.partner_id)
                    .fetch_one(&self.pool)
                    .await?;
            Ok(Some(ApprovalRow {
                relationship,
                partner_country: country,
                cloud: stored_name("cloud", &cloud, Cloud::parse)?,
            }))
        })
        .await
    }

    async fn approve_admin_relationship(
        &self,
        token_hash: &[u8],
        customer_id: &CustomerId,
        customer_name: &str,
        actor: &Actor<'_>,
    ) -> StoreResult<ApproveOutcome> {
        engine(async {
            let now = actor.now;
            let mut tx = self.writer.begin().await?;
            let approved: Option<(String, String, String, i64)> = sqlx::query_as(
                "UPDATE admin_relationships
                    SET state = 'active', customer_id = ?1, customer_key = ?2, activated_at = ?3,
                        end_at = ?3 + duration_days * ?4, version = version + 1, modified_at = ?3
                  WHERE token_hash = ?5 AND state = 'approvalPending' AND end_at > ?3
                    AND (customer_id IS NULL OR customer_id = ?1)
                 RETURNING id, partner_id, display_name, end_at",
            )
            .bind(customer_id.as_str())
            .bind(fold(customer_name))
            .bind(now)
            .bind(DAY)
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((id, partner_id, display_name, end_at)) = approved else {
                drop(tx);
                return self.why_not_approved(token_hash, customer_id, now).await;
            };
            history_row(&mut tx, &id, Status::Active, now, Some(actor.email), false).await?;
            audit_entry(
                &mut tx,
                &partner_id,
                Some(customer_id.as_str()),
                Some(actor),
                &id,
                AuditDetails::AdminRelationshipApproved {
                    display_name,
                    end_date_time: rfc3339(end_at),
                },
                now,
            )
            .await?;
            tx.commit().await?;
            let found = self.customer_admin_relationship(customer_id, &id).await?;
            Ok(found.map_or(ApproveOutcome::Unknown, |r| {
                ApproveOutcome::Approved(Box::new(r))
            }))
        })
        .await
    }

    async fn customer_admin_relationship(
        &self,
        customer_id: &CustomerId,
        id: &str,
    ) -> StoreResult<Option<RelationshipRow>> {
        engine(async {
            let sql = format!("{SELECT} WHERE r.customer_id = ? AND r.id = ?");
            let r = sqlx::query(&sql)
                .bind(customer_id.as_str())
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
            r.as_ref().map(row).transpose()
        })
        .await
    }

    async fn customer_admin_relationships(
        &self,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<RelationshipRow>> {
        engine(async {
            let sql = format!(
                "{SELECT} WHERE r.customer_id = ? AND r.activated_at IS NOT NULL
                 ORDER BY r.activated_at DESC, r.id DESC"
            );
            sqlx::query(&sql)
                .bind(customer_id.as_str())
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(row)
                .collect()
        })
        .await
    }

    /// One seek per customer on the partial `…_active_roles`, which holds every column read. It
    /// is named, as the Customers page names its organisations' index: the planner once read
    /// every active relationship of the partner through `…_by_end` instead (a second per
    /// Customers page at 100,000 customers).
    async fn active_admin_roles(
        &self,
        partner_id: &PartnerId,
        customer_ids: &[&str],
    ) -> StoreResult<Vec<(String, Vec<String>, i64, u32)>> {
        if customer_ids.is_empty() {
            return Ok(Vec::new());
        }
        let partner_id = partner_id.as_str().to_owned();
        let ids: Vec<String> = customer_ids.iter().map(|id| (*id).to_owned()).collect();
        engine(self.readers.read(move |c| {
            let marks = vec!["?"; ids.len()].join(", ");
            let sql = format!(
                "SELECT customer_id, roles, end_at, auto_extend_days
                   FROM admin_relationships INDEXED BY admin_relationships_active_roles
                  WHERE partner_id = ? AND state = 'active' AND customer_id IN ({marks})"
            );
            let mut statement = crate::reads::prepare(c, &sql)?;
            let mut rows = statement.query(rusqlite::params_from_iter(
                std::iter::once(&partner_id).chain(&ids),
            ))?;
            let mut found = Vec::new();
            while let Some(r) = rows.next()? {
                found.push((
                    r.get("customer_id")?,
                    roles_of(&r.get::<_, String>("roles")?)?,
                    r.get("end_at")?,
                    stored_u32("auto_extend_days", r.get("auto_extend_days")?)?,
                ));
            }
            Ok(found)
        }))
        .await
    }
}

impl Db {
    async fn change_outcome(
        &self,
        partner_id: &PartnerId,
        id: &str,
        version: i64,
        changed: u64,
        now: i64,
    ) -> DbResult<ChangeOutcome> {
        let found = self.admin_relationship(partner_id, id).await?;
        Ok(outcome(found, version, changed == 1, now))
    }

    async fn why_not_approved(
        &self,
        token_hash: &[u8],
        customer_id: &CustomerId,
        now: i64,
    ) -> DbResult<ApproveOutcome> {
        // The hash stays with the relationship whatever became of it, so the answer can say.
        let Some(found) = self.admin_approval(token_hash).await? else {
            return Ok(ApproveOutcome::Unknown);
        };
        let r = found.relationship;
        Ok(match r.state {
            Status::Terminated => ApproveOutcome::Terminated,
            Status::Active => ApproveOutcome::AlreadyApproved,
            Status::Expired => ApproveOutcome::Expired,
            Status::ApprovalPending if now >= r.end_at => ApproveOutcome::Expired,
            Status::ApprovalPending
                if r.customer_id
                    .as_deref()
                    .is_some_and(|c| c != customer_id.as_str()) =>
            {
                ApproveOutcome::WrongCustomer
            }
            Status::ApprovalPending => ApproveOutcome::Unknown,
        })
    }
}

/// Ends relationship `id` of the organisation in `owner_column` if it is active or pending and
/// at `version`: state, history and audit entry. Whether it ended.
async fn terminate(
    tx: &mut Transaction<'_, Sqlite>,
    owner_column: &str,
    owner: &str,
    id: &str,
    version: i64,
    actor: &Actor<'_>,
    by_customer: bool,
) -> DbResult<bool> {
    // Customers end only what they approved; partners also withdraw a pending request.
    let states = if by_customer {
        "('active')"
    } else {
        "('active', 'approvalPending')"
    };
    let sql = format!(
        "UPDATE admin_relationships
            SET state = 'terminated', end_at = ?1,
                version = version + 1, modified_at = ?1
          WHERE {owner_column} = ?2 AND id = ?3 AND version = ?4 AND state IN {states}
            AND (end_at > ?1 OR (state = 'active' AND auto_extend_days > 0))
         RETURNING partner_id, customer_id, display_name"
    );
    let ended: Option<(String, Option<String>, String)> = sqlx::query_as(&sql)
        .bind(actor.now)
        .bind(owner)
        .bind(id)
        .bind(version)
        .fetch_optional(&mut **tx)
        .await?;
    let Some((partner_id, customer_id, display_name)) = ended else {
        return Ok(false);
    };
    history_row(
        tx,
        id,
        Status::Terminated,
        actor.now,
        Some(actor.email),
        false,
    )
    .await?;
    audit_entry(
        tx,
        &partner_id,
        customer_id.as_deref(),
        Some(actor),
        id,
        AuditDetails::AdminRelationshipTerminated {
            display_name,
            by_customer,
        },
        actor.now,
    )
    .await?;
    Ok(true)
}

/// Why a guarded change did (not) happen, from the row as it is now.
fn outcome(found: Option<RelationshipRow>, version: i64, changed: bool, now: i64) -> ChangeOutcome {
    match found {
        None => ChangeOutcome::NotFound,
        Some(r) if changed => ChangeOutcome::Changed(Box::new(r)),
        Some(r) if r.version != version => ChangeOutcome::Stale,
        Some(r) => ChangeOutcome::NotAllowed(
            portal_domain::gdap::status_at(r.state, r.end_at, r.auto_extend_days, now).0,
        ),
    }
}
