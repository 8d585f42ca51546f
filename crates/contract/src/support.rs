//! After the relationship: indirect resellers and designated support partners, service requests,
//! and the audit log.

use serde::{Deserialize, Serialize};

/// A reseller that sells through the partner (an indirect provider) and can take over support of
/// a subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IndirectReseller {
    pub id: String,
    pub name: String,
    pub domain: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// `POST …/subscriptions/{id}/supportcontact`: who supports the subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetSupportPartner {
    /// An indirect reseller's id, or `None` for the partner itself.
    pub reseller_id: Option<String>,
    /// The subscription's `version` this change is based on; a newer one on the server is 409.
    pub version: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Critical,
    Moderate,
    Minimal,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Moderate, Severity::Minimal];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Moderate => "moderate",
            Severity::Minimal => "minimal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ServiceRequestStatus {
    Open,
    InProgress,
    Closed,
}

/// Longest service request title and description.
pub const TITLE_MAX_LEN: usize = 120;
pub const DESCRIPTION_MAX_LEN: usize = 4000;
pub const CONTACT_NAME_MAX_LEN: usize = 120;

/// `POST /api/v1/customers/{id}/servicerequests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewServiceRequest {
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub contact_name: String,
    pub contact_email: String,
}

/// A support request the partner opened on the customer's behalf (Partner Center:
/// `ServiceRequest`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ServiceRequest {
    pub id: String,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub status: ServiceRequestStatus,
    pub contact_name: String,
    pub contact_email: String,
    pub created_by: String,
    /// RFC 3339.
    pub created_date: String,
}

/// What an audit record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditKind {
    #[serde(rename = "invitation.created")]
    InvitationCreated,
    #[serde(rename = "invitation.revoked")]
    InvitationRevoked,
    #[serde(rename = "invitation.accepted")]
    InvitationAccepted,
    #[serde(rename = "agreement.accepted")]
    AgreementAccepted,
    #[serde(rename = "roles.removed")]
    RolesRemoved,
    #[serde(rename = "relationship.removed")]
    RelationshipRemoved,
    #[serde(rename = "subscription.suspended")]
    SubscriptionSuspended,
    #[serde(rename = "subscription.reactivated")]
    SubscriptionReactivated,
    #[serde(rename = "supportPartner.changed")]
    SupportPartnerChanged,
    #[serde(rename = "serviceRequest.opened")]
    ServiceRequestOpened,
    #[serde(rename = "adminRelationship.requested")]
    AdminRelationshipRequested,
    #[serde(rename = "adminRelationship.approved")]
    AdminRelationshipApproved,
    #[serde(rename = "adminRelationship.terminated")]
    AdminRelationshipTerminated,
    #[serde(rename = "adminRelationship.expired")]
    AdminRelationshipExpired,
    #[serde(rename = "adminRelationship.extended")]
    AdminRelationshipExtended,
    #[serde(rename = "adminRelationship.lockedForApproval")]
    AdminRelationshipLockedForApproval,
    #[serde(rename = "accessAssignment.created")]
    AccessAssignmentCreated,
    #[serde(rename = "accessAssignment.changed")]
    AccessAssignmentChanged,
    #[serde(rename = "accessAssignment.removed")]
    AccessAssignmentRemoved,
    /// A kind this client does not know yet.
    #[serde(other)]
    Unknown,
}

impl AuditKind {
    pub const ALL: [AuditKind; 19] = [
        AuditKind::InvitationCreated,
        AuditKind::InvitationRevoked,
        AuditKind::InvitationAccepted,
        AuditKind::AgreementAccepted,
        AuditKind::RolesRemoved,
        AuditKind::RelationshipRemoved,
        AuditKind::SubscriptionSuspended,
        AuditKind::SubscriptionReactivated,
        AuditKind::SupportPartnerChanged,
        AuditKind::ServiceRequestOpened,
        AuditKind::AdminRelationshipRequested,
        AuditKind::AdminRelationshipApproved,
        AuditKind::AdminRelationshipTerminated,
        AuditKind::AdminRelationshipExpired,
        AuditKind::AdminRelationshipExtended,
        AuditKind::AdminRelationshipLockedForApproval,
        AuditKind::AccessAssignmentCreated,
        AuditKind::AccessAssignmentChanged,
        AuditKind::AccessAssignmentRemoved,
    ];

    /// The stored and query-string form, e.g. `invitation.created`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::InvitationCreated => "invitation.created",
            AuditKind::InvitationRevoked => "invitation.revoked",
            AuditKind::InvitationAccepted => "invitation.accepted",
            AuditKind::AgreementAccepted => "agreement.accepted",
            AuditKind::RolesRemoved => "roles.removed",
            AuditKind::RelationshipRemoved => "relationship.removed",
            AuditKind::SubscriptionSuspended => "subscription.suspended",
            AuditKind::SubscriptionReactivated => "subscription.reactivated",
            AuditKind::SupportPartnerChanged => "supportPartner.changed",
            AuditKind::ServiceRequestOpened => "serviceRequest.opened",
            AuditKind::AdminRelationshipRequested => "adminRelationship.requested",
            AuditKind::AdminRelationshipApproved => "adminRelationship.approved",
            AuditKind::AdminRelationshipTerminated => "adminRelationship.terminated",
            AuditKind::AdminRelationshipExpired => "adminRelationship.expired",
            AuditKind::AdminRelationshipExtended => "adminRelationship.extended",
            AuditKind::AdminRelationshipLockedForApproval => "adminRelationship.lockedForApproval",
            AuditKind::AccessAssignmentCreated => "accessAssignment.created",
            AuditKind::AccessAssignmentChanged => "accessAssignment.changed",
            AuditKind::AccessAssignmentRemoved => "accessAssignment.removed",
            AuditKind::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<AuditKind> {
        AuditKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One entry of `GET /api/v1/auditrecords` (Partner Center: `AuditRecord`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    pub id: String,
    /// RFC 3339.
    pub operation_date: String,
    pub user_email: String,
    pub kind: AuditKind,
    /// The customer it concerns, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// The invitation, subscription or service request acted on.
    pub resource_id: String,
    /// What was recorded, by kind (`details.kind` is `kind`).
    pub details: crate::audit::AuditDetails,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_kinds_round_trip() {
        for k in AuditKind::ALL {
            assert_eq!(AuditKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        let later: AuditKind = serde_json::from_str("\"something.new\"").unwrap();
        assert_eq!(later, AuditKind::Unknown);
    }
}
