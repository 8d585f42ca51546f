//! Reading the audit log (entries are written by the changes themselves).

use async_trait::async_trait;
use portal_contract::{AuditKind, AuditRecord};

use super::StoreResult;

/// Which records to read.
pub struct AuditQuery<'a> {
    pub organization_id: &'a str,
    pub customer_id: Option<&'a str>,
    pub kind: Option<AuditKind>,
    /// Only what this user did (their e-mail address, lower case).
    pub actor_email: Option<&'a str>,
    /// Only records at or after `from` and before `until` (Unix seconds).
    pub from: Option<i64>,
    pub until: Option<i64>,
    pub size: u32,
    /// Records older than this id.
    pub before: Option<i64>,
}

/// Reading the audit log (entries are written by the changes themselves).
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// How many records the query's filters select, on every page.
    async fn audit_count(&self, q: &AuditQuery<'_>) -> StoreResult<u64>;

    /// Newest first. A customer's story includes the invitation it accepted, created before the
    /// customer was known.
    async fn audit_records(&self, q: &AuditQuery<'_>) -> StoreResult<(Vec<AuditRecord>, bool)>;
}
