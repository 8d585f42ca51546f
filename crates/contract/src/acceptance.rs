//! The customer's side: opening an invitation link, accepting it, and the customer's partners.

use serde::{Deserialize, Serialize};

use crate::Cloud;

/// `POST /api/v1/invitations/lookup`: the token travels in the body, never in a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvitationLookup {
    pub token: String,
}

/// What the customer sees before accepting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InvitationPreview {
    pub partner_name: String,
    /// ISO 3166-1 alpha-2.
    pub partner_country: String,
    pub cloud: Cloud,
    /// Admin privileges requested: the partner's admin agents become Global administrators and
    /// its helpdesk agents Helpdesk administrators in the customer's organisation.
    pub allow_delegated_access: bool,
    pub expires_at: String,
    /// The customer's organisation must accept the Microsoft Customer Agreement first.
    pub agreement_required: bool,
    /// Only a Global admin can accept.
    pub viewer_is_global_admin: bool,
    pub customer_name: String,
}

/// `POST /api/v1/invitations/accept`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AcceptInvitation {
    pub token: String,
    /// Required `true` when the organisation has not yet accepted the Customer Agreement.
    #[serde(default)]
    pub accept_customer_agreement: bool,
}

/// Admin roles a partner holds in a customer's organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum DelegatedRole {
    GlobalAdministrator,
    HelpdeskAdministrator,
}

/// One row of `GET /api/v1/partnerrelationships` (the customer's partners).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PartnerRelationship {
    pub partner_id: String,
    pub partner_name: String,
    pub partner_country: String,
    pub relationship: crate::Relationship,
    /// Empty when none were requested or the customer removed them.
    pub admin_roles: Vec<DelegatedRole>,
    pub since: String,
}
