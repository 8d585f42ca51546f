//! Granular admin relationships (GDAP), shaped after Microsoft Graph's
//! `tenantRelationships/delegatedAdminRelationships`: a named set of Microsoft Entra roles a
//! customer grants its partner for a limited time.
//!
//! Durations travel as ISO 8601 day durations (`P90D`); [`DayDuration`] reads and writes them.
//! Every change to a relationship or an access assignment needs `If-Match` with the entity's
//! `@odata.etag`; a stale one is answered 412.

use serde::{Deserialize, Serialize};

use crate::auth::Cloud;

/// Longest relationship name, in characters.
pub const NAME_MAX_LEN: usize = 50;
/// Shortest and longest duration, in days.
pub const DURATION_MIN_DAYS: u32 = 1;
pub const DURATION_MAX_DAYS: u32 = 730;
/// How far auto-extend moves the end of a relationship, in days.
pub const AUTO_EXTEND_DAYS: u32 = 180;
/// A request not approved within this many days expires.
pub const APPROVAL_WINDOW_DAYS: u32 = 90;
/// Active relationships ending within this many days are flagged, and have a view of their own.
pub const ENDING_SOON_DAYS: u32 = 30;
/// Template id of Global Administrator, which auto-extend may not carry.
pub const GLOBAL_ADMINISTRATOR_ROLE_ID: &str = "62e90394-69f5-4237-9190-012177145e10";

/// Graph's status names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum AdminRelationshipStatus {
    /// Locked for approval, waiting for the customer (expires unapproved after 90 days).
    ApprovalPending,
    Active,
    /// The end passed without auto-extend, or the request was never approved.
    Expired,
    /// Ended by the partner or the customer.
    Terminated,
}

impl AdminRelationshipStatus {
    pub const ALL: [AdminRelationshipStatus; 4] = [
        AdminRelationshipStatus::ApprovalPending,
        AdminRelationshipStatus::Active,
        AdminRelationshipStatus::Expired,
        AdminRelationshipStatus::Terminated,
    ];

    /// The name in JSON and in query strings.
    pub fn as_str(self) -> &'static str {
        match self {
            AdminRelationshipStatus::ApprovalPending => "approvalPending",
            AdminRelationshipStatus::Active => "active",
            AdminRelationshipStatus::Expired => "expired",
            AdminRelationshipStatus::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<AdminRelationshipStatus> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// A whole number of days written as ISO 8601 (`P90D`); `PT0S` reads as zero days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayDuration(pub u32);

impl DayDuration {
    /// Reads `P{n}D` (and `PT0S`, `P0D`); anything else is `None`.
    pub fn parse(text: &str) -> Option<DayDuration> {
        if text == "PT0S" {
            return Some(DayDuration(0));
        }
        let days = text.strip_prefix('P')?.strip_suffix('D')?;
        if days.is_empty() || !days.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        days.parse().ok().map(DayDuration)
    }

    /// `P{n}D`, or `PT0S` for zero (Graph's way of saying "no auto-extend").
    pub fn iso(self) -> String {
        if self.0 == 0 {
            "PT0S".to_owned()
        } else {
            format!("P{}D", self.0)
        }
    }
}

/// The text of a catalogue entry in both languages of the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Localized {
    pub en: String,
    pub hu: String,
}

/// One Microsoft Entra built-in role of `GET /api/v1/roleDefinitions` (the catalogue the server
/// owns; clients never hard-code it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RoleDefinition {
    /// The role's template id, as Microsoft Entra ID knows it.
    pub id: String,
    pub display_name: Localized,
    /// One line on what the role may do.
    pub description: Localized,
    /// The group the role is listed under in the role dialog, e.g. "Identity".
    pub group: Localized,
}

/// `accessDetails.unifiedRoles[]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnifiedRole {
    pub role_definition_id: String,
}

/// The roles a relationship or an assignment carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccessDetails {
    pub unified_roles: Vec<UnifiedRole>,
}

impl AccessDetails {
    pub fn role_ids(&self) -> impl Iterator<Item = &str> {
        self.unified_roles
            .iter()
            .map(|r| r.role_definition_id.as_str())
    }
}

/// The customer a relationship is for (`tenantId` is the customer's id in this portal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RelationshipCustomer {
    pub tenant_id: String,
    pub display_name: String,
}

/// The customer named in a create request; absent means "any customer" (the first Global admin
/// who approves binds it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomerRef {
    pub tenant_id: String,
}

/// `POST /api/v1/tenantRelationships/delegatedAdminRelationships`: creates the relationship
/// already locked for approval (status `approvalPending`), with its approval link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateAdminRelationship {
    pub display_name: String,
    /// `P{n}D`, 1 to 730 days.
    pub duration: String,
    #[serde(default)]
    pub customer: Option<CustomerRef>,
    pub access_details: AccessDetails,
    /// `PT0S` (default) or `P180D`.
    #[serde(default)]
    pub auto_extend_duration: Option<String>,
}

/// One status change of a relationship, oldest first in [`AdminRelationship::history`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: AdminRelationshipStatus,
    /// RFC 3339.
    pub date_time: String,
    /// Who caused it (an e-mail address); absent when time did (expiry, auto-extend).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// True for an auto-extension of an active relationship (status unchanged).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub extended: bool,
}

/// One granular admin relationship, for its partner and for its customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AdminRelationship {
    pub id: String,
    /// Changes with every change; send it back in `If-Match`.
    #[serde(rename = "@odata.etag")]
    pub etag: String,
    pub display_name: String,
    /// `P{n}D`.
    pub duration: String,
    /// Absent while a request for any customer waits for approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<RelationshipCustomer>,
    pub partner: RelationshipPartner,
    pub access_details: AccessDetails,
    /// `PT0S` or `P180D`.
    pub auto_extend_duration: String,
    /// Computed from the times at every read, so it is never stale.
    pub status: AdminRelationshipStatus,
    /// RFC 3339, like every time here.
    pub created_date_time: String,
    pub last_modified_date_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated_date_time: Option<String>,
    /// The end of an active or ended relationship; for a pending request, when it expires
    /// unapproved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_time: Option<String>,
    /// Active and ending within 30 days.
    pub ending_soon: bool,
    /// The approval link; only for partner users who may create requests, only while pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_link: Option<String>,
    /// Only on `GET …/{id}`; lists leave it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
}

/// The partner side of a relationship, as the customer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RelationshipPartner {
    pub tenant_id: String,
    pub display_name: String,
}

/// `POST …/{id}/requests`: an action on a relationship (needs `If-Match`). The answer is the
/// relationship after the action, with its new ETag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum RelationshipAction {
    /// Creates a new approval link for a pending request (the old one stops working).
    LockForApproval,
    Terminate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RelationshipRequest {
    pub action: RelationshipAction,
}

/// A security group of the partner's own directory, which assignments give roles to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SecurityGroup {
    pub id: String,
    pub display_name: String,
    /// E-mail addresses of the members.
    pub members: Vec<String>,
}

/// `accessContainer` of an assignment: always a security group here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccessContainer {
    pub access_container_id: String,
    /// `securityGroup`.
    pub access_container_type: String,
}

/// `POST …/{id}/accessAssignments`: one group and a subset of the relationship's roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateAccessAssignment {
    pub access_container: AccessContainer,
    pub access_details: AccessDetails,
}

/// `PATCH …/{id}/accessAssignments/{assignmentId}` (needs `If-Match`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateAccessAssignment {
    pub access_details: AccessDetails,
}

/// One access assignment of a relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AccessAssignment {
    pub id: String,
    #[serde(rename = "@odata.etag")]
    pub etag: String,
    pub access_container: AccessContainer,
    /// The group's name, for display.
    pub group_name: String,
    pub access_details: AccessDetails,
    pub created_date_time: String,
    pub last_modified_date_time: String,
}

/// `POST /api/v1/adminrelationshipapprovals/lookup` and `…/approve`: the token travels in the
/// body, never in a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApprovalToken {
    pub token: String,
}

/// What the customer's Global admin sees on **Approve partner roles** before approving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApprovalPreview {
    pub partner_name: String,
    /// ISO 3166-1 alpha-2.
    pub partner_country: String,
    pub cloud: Cloud,
    pub display_name: String,
    /// `P{n}D`.
    pub duration: String,
    /// Every requested role, with its name and description.
    pub roles: Vec<RoleDefinition>,
    pub auto_extend_duration: String,
    /// When the request expires unapproved, RFC 3339.
    pub expires_date_time: String,
    /// The signed-in customer's organisation name.
    pub customer_name: String,
    /// Only a Global admin can approve; the page shows no approve button otherwise.
    pub viewer_is_global_admin: bool,
}

/// A customer's active granular roles at a glance, for the Customers list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct GranularAdminSummary {
    /// Distinct roles across the customer's active relationships.
    pub role_count: u32,
    /// The earliest end among them, RFC 3339.
    pub ends: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_durations_read_and_write_iso_8601() {
        assert_eq!(DayDuration::parse("P90D"), Some(DayDuration(90)));
        assert_eq!(DayDuration::parse("PT0S"), Some(DayDuration(0)));
        assert_eq!(DayDuration(180).iso(), "P180D");
        assert_eq!(DayDuration(0).iso(), "PT0S");
        for bad in ["90", "P", "PD", "P-1D", "P1.5D", "P1W", "p90d", "P 9D", ""] {
            assert_eq!(DayDuration::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn statuses_use_graph_names() {
        for st in AdminRelationshipStatus::ALL {
            let json = serde_json::to_string(&st).unwrap();
            assert_eq!(json, format!("\"{}\"", st.as_str()));
            assert_eq!(AdminRelationshipStatus::parse(st.as_str()), Some(st));
        }
    }
}
