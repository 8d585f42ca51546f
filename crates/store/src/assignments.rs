//! Security groups and a relationship's access assignments.

use async_trait::async_trait;
use portal_contract::gdap::SecurityGroup;

use super::StoreResult;
use portal_domain::ids::{Actor, PartnerId};

#[derive(Debug, Clone)]
pub struct AssignmentRow {
    pub id: String,
    pub group_id: String,
    pub group_name: String,
    pub roles: Vec<String>,
    pub version: i64,
    pub created_at: i64,
    pub modified_at: i64,
}

/// What an assignment change came to.
#[derive(Debug)]
pub enum AssignmentOutcome {
    Done(Option<Box<AssignmentRow>>),
    /// No such relationship or assignment of this partner.
    NotFound,
    Stale,
    /// The relationship is not active.
    NotActive,
    /// The group already has an assignment in this relationship.
    GroupTaken,
}

/// What the audit entry of an assignment change names.
pub struct AssignmentAudit<'a> {
    pub partner_id: &'a PartnerId,
    pub customer_id: Option<&'a str>,
    pub relationship_id: &'a str,
    pub relationship_name: &'a str,
    pub actor: Actor<'a>,
}

/// Security groups and a relationship's access assignments.
#[async_trait]
pub trait AccessAssignments: Send + Sync {
    /// The partner's security groups with their members, by name.
    async fn security_groups(&self, partner_id: &PartnerId) -> StoreResult<Vec<SecurityGroup>>;

    /// The name of the partner's group `group_id`, `None` when it is not the partner's.
    async fn security_group_name(
        &self,
        partner_id: &PartnerId,
        group_id: &str,
    ) -> StoreResult<Option<String>>;

    /// The assignments of relationship `relationship_id` (the caller checked it is the
    /// partner's), by group name.
    async fn access_assignments(&self, relationship_id: &str) -> StoreResult<Vec<AssignmentRow>>;

    async fn access_assignment(
        &self,
        relationship_id: &str,
        id: &str,
    ) -> StoreResult<Option<AssignmentRow>>;

    /// Gives `roles` to group `group_id` (the partner's) in an active relationship.
    async fn create_access_assignment(
        &self,
        a: AssignmentAudit<'_>,
        id: &str,
        group_id: &str,
        group_name: &str,
        roles: &[String],
    ) -> StoreResult<AssignmentOutcome>;

    /// Replaces an assignment's roles, if `version` is current and the relationship active.
    async fn update_access_assignment(
        &self,
        a: AssignmentAudit<'_>,
        id: &str,
        version: i64,
        roles: &[String],
    ) -> StoreResult<AssignmentOutcome>;

    /// Removes an assignment, if `version` is current and the relationship active.
    async fn delete_access_assignment(
        &self,
        a: AssignmentAudit<'_>,
        id: &str,
        version: i64,
    ) -> StoreResult<AssignmentOutcome>;
}
