//! The partner's security groups, and the access assignments that give a relationship's roles
//! to them. Changes happen only while the relationship is active: each statement says so in its
//! `WHERE`, together with the assignment's version, so a termination or another change at the
//! same moment is never overwritten.

use async_trait::async_trait;
use portal_contract::AuditDetails;
use portal_contract::gdap::SecurityGroup;
use portal_domain::ids::PartnerId;
use portal_store::{
    AccessAssignments, AssignmentAudit, AssignmentOutcome, AssignmentRow, StoreResult,
};
use sqlx::Row;
use sqlx::postgres::PgRow;

use super::{audit_entry, roles_json, roles_of};
use crate::engine;
use crate::{Db, DbResult, text};

const SELECT: &str = "SELECT a.id, a.group_id, g.display_name AS group_name, a.roles, a.version,
        a.created_at, a.modified_at
    FROM access_assignments a JOIN security_groups g ON g.id = a.group_id";

/// The relationship is the partner's and active: a condition for every change.
/// The relationship's row is share-locked, so a termination at the same moment waits for this
/// change or finds it done, never the other way round.
const ACTIVE: &str = "EXISTS (SELECT 1 FROM admin_relationships r
    WHERE r.id = ?rel AND r.partner_id = ?partner AND r.state = 'active' FOR SHARE)";

fn row(r: &PgRow) -> DbResult<AssignmentRow> {
    Ok(AssignmentRow {
        id: r.try_get("id")?,
        group_id: r.try_get("group_id")?,
        group_name: r.try_get("group_name")?,
        roles: roles_of(r, "roles")?,
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        modified_at: r.try_get("modified_at")?,
    })
}

#[async_trait]
impl AccessAssignments for Db {
    async fn security_groups(&self, partner_id: &PartnerId) -> StoreResult<Vec<SecurityGroup>> {
        engine(async {
            let rows = sqlx::query(
                "SELECT g.id, g.display_name,
                        ARRAY(SELECT email FROM security_group_members m WHERE m.group_id = g.id
                               ORDER BY email) AS members
                   FROM security_groups g WHERE g.partner_id = $1 ORDER BY g.display_name, g.id",
            )
            .bind(text(partner_id.as_str()))
            .fetch_all(&self.pool)
            .await?;
            rows.iter()
                .map(|r| {
                    Ok(SecurityGroup {
                        id: r.try_get("id")?,
                        display_name: r.try_get("display_name")?,
                        members: r.try_get("members")?,
                    })
                })
                .collect()
        })
        .await
    }

    async fn security_group_name(
        &self,
        partner_id: &PartnerId,
        group_id: &str,
    ) -> StoreResult<Option<String>> {
        engine(async {
            sqlx::query_scalar(
                "SELECT display_name FROM security_groups WHERE partner_id = $1 AND id = $2",
            )
            .bind(text(partner_id.as_str()))
            .bind(text(group_id))
            .fetch_optional(&self.pool)
            .await
            .map_err(Into::into)
        })
        .await
    }

    async fn access_assignments(&self, relationship_id: &str) -> StoreResult<Vec<AssignmentRow>> {
        engine(async {
            let sql =
                format!("{SELECT} WHERE a.relationship_id = $1 ORDER BY g.display_name, a.id");
            sqlx::query(&sql)
                .bind(text(relationship_id))
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(row)
                .collect()
        })
        .await
    }

    async fn access_assignment(
        &self,
        relationship_id: &str,
        id: &str,
    ) -> StoreResult<Option<AssignmentRow>> {
        engine(async {
            let sql = format!("{SELECT} WHERE a.relationship_id = $1 AND a.id = $2");
            let r = sqlx::query(&sql)
                .bind(text(relationship_id))
                .bind(text(id))
                .fetch_optional(&self.pool)
                .await?;
            r.as_ref().map(row).transpose()
        })
        .await
    }

    async fn create_access_assignment(
        &self,
        a: AssignmentAudit<'_>,
        id: &str,
        group_id: &str,
        group_name: &str,
        roles: &[String],
    ) -> StoreResult<AssignmentOutcome> {
        engine(async {
            let now = a.actor.now;
            let mut tx = self.writer.begin().await?;
            // The group takes the version's slot: an insert has no version.
            let sql = format!(
                "INSERT INTO access_assignments (id, relationship_id, group_id, roles, created_at, modified_at)
                 SELECT ?id, ?rel, $6, ?roles, ?now, ?now WHERE {ACTIVE}
                 ON CONFLICT (relationship_id, group_id) DO NOTHING"
            );
            let inserted = sqlx::query(&numbered(&sql))
                .bind(text(id))
                .bind(text(a.relationship_id))
                .bind(roles_json(roles))
                .bind(now)
                .bind(text(a.partner_id.as_str()))
                .bind(text(group_id))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if inserted == 1 {
                audit_entry(
                    &mut tx,
                    a.partner_id.as_str(),
                    a.customer_id,
                    Some(&a.actor),
                    a.relationship_id,
                    AuditDetails::AccessAssignmentCreated {
                        display_name: a.relationship_name.to_owned(),
                        group_name: group_name.to_owned(),
                        role_count: roles.len() as u32,
                    },
                    now,
                )
                .await?;
            }
            tx.commit().await?;
            if inserted == 1 {
                let found = self.access_assignment(a.relationship_id, id).await?;
                return Ok(AssignmentOutcome::Done(found.map(Box::new)));
            }
            self.why_not(&a, None, 0).await
        })
        .await
    }

    async fn update_access_assignment(
        &self,
        a: AssignmentAudit<'_>,
        id: &str,
        version: i64,
        roles: &[String],
    ) -> StoreResult<AssignmentOutcome> {
        engine(async {
            let now = a.actor.now;
            let mut tx = self.writer.begin().await?;
            let sql = format!(
                "UPDATE access_assignments SET roles = ?roles, version = version + 1, modified_at = ?now
                  WHERE id = ?id AND relationship_id = ?rel AND version = ?ver AND {ACTIVE}
                 RETURNING (SELECT display_name FROM security_groups g WHERE g.id = group_id)"
            );
            let changed: Option<String> = sqlx::query_scalar(&numbered(&sql))
                .bind(text(id))
                .bind(text(a.relationship_id))
                .bind(roles_json(roles))
                .bind(now)
                .bind(text(a.partner_id.as_str()))
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(group_name) = &changed {
                audit_entry(
                    &mut tx,
                    a.partner_id.as_str(),
                    a.customer_id,
                    Some(&a.actor),
                    a.relationship_id,
                    AuditDetails::AccessAssignmentChanged {
                        display_name: a.relationship_name.to_owned(),
                        group_name: group_name.clone(),
                        role_count: roles.len() as u32,
                    },
                    now,
                )
                .await?;
            }
            tx.commit().await?;
            if changed.is_some() {
                let found = self.access_assignment(a.relationship_id, id).await?;
                return Ok(AssignmentOutcome::Done(found.map(Box::new)));
            }
            self.why_not(&a, Some(id), version).await
        })
        .await
    }

    async fn delete_access_assignment(
        &self,
        a: AssignmentAudit<'_>,
        id: &str,
        version: i64,
    ) -> StoreResult<AssignmentOutcome> {
        engine(async {
            let mut tx = self.writer.begin().await?;
            let sql = format!(
                "DELETE FROM access_assignments
                  WHERE id = ?id AND relationship_id = ?rel AND version = ?ver AND {ACTIVE}
                 RETURNING (SELECT display_name FROM security_groups g WHERE g.id = group_id)"
            );
            let removed: Option<String> = sqlx::query_scalar(&numbered(&sql))
                .bind(text(id))
                .bind(text(a.relationship_id))
                .bind(roles_json(&[]))
                .bind(0_i64)
                .bind(text(a.partner_id.as_str()))
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(group_name) = &removed {
                audit_entry(
                    &mut tx,
                    a.partner_id.as_str(),
                    a.customer_id,
                    Some(&a.actor),
                    a.relationship_id,
                    AuditDetails::AccessAssignmentRemoved {
                        display_name: a.relationship_name.to_owned(),
                        group_name: group_name.clone(),
                    },
                    a.actor.now,
                )
                .await?;
            }
            tx.commit().await?;
            if removed.is_some() {
                return Ok(AssignmentOutcome::Done(None));
            }
            self.why_not(&a, Some(id), version).await
        })
        .await
    }
}

impl Db {
    /// Why a change did not happen, from the rows as they are now.
    async fn why_not(
        &self,
        a: &AssignmentAudit<'_>,
        assignment: Option<&str>,
        version: i64,
    ) -> DbResult<AssignmentOutcome> {
        let state: Option<String> = sqlx::query_scalar(
            "SELECT state FROM admin_relationships WHERE id = $1 AND partner_id = $2",
        )
        .bind(text(a.relationship_id))
        .bind(text(a.partner_id.as_str()))
        .fetch_optional(&self.pool)
        .await?;
        let Some(state) = state else {
            return Ok(AssignmentOutcome::NotFound);
        };
        let Some(id) = assignment else {
            return Ok(if state == "active" {
                AssignmentOutcome::GroupTaken
            } else {
                AssignmentOutcome::NotActive
            });
        };
        Ok(match self.access_assignment(a.relationship_id, id).await? {
            None => AssignmentOutcome::NotFound,
            Some(found) if found.version != version => AssignmentOutcome::Stale,
            Some(_) => AssignmentOutcome::NotActive,
        })
    }
}

/// The named parameters above in numbered form, bound in one fixed order: id, rel, roles, now,
/// partner, version.
fn numbered(sql: &str) -> String {
    sql.replace("?id", "$1")
        .replace("?rel", "$2")
        .replace("?roles", "$3")
        .replace("?now", "$4")
        .replace("?partner", "$5")
        .replace("?ver", "$6")
}
