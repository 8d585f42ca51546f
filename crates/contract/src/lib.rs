//! The HTTP API's contract, shared by the server and the single-page app.
//!
//! Only serde lives here so that the crate compiles for `wasm32-unknown-unknown` and native alike.
//! Field names follow the Partner Center REST API (camelCase, `companyProfile`,
//! `relationshipToPartner`, `allowDelegatedAccess`) where it has a counterpart.

pub mod acceptance;
pub mod audit;
pub mod auth;
pub mod customers;
pub mod demo;
pub mod error;
pub mod gdap;
mod gdap_audit;
pub mod hungarian;
pub mod invitations;
pub mod oidc;
pub mod paths;
pub mod permission;
pub mod support;
pub mod validation;

pub use acceptance::{
    AcceptInvitation, DelegatedRole, InvitationLookup, InvitationPreview, PartnerRelationship,
};
pub use audit::AuditDetails;
pub use auth::{
    Cloud, Me, OrganizationInfo, OrganizationKind, Role, SessionInfo, SignInRequest, UserInfo,
};
pub use customers::{
    Address, AdminPrivileges, BillingCycle, BillingProfile, CompanyProfile, Customer,
    CustomerDetail, CustomerOrder, CustomerSort, CustomerUser, DirectoryRole, License,
    Relationship, Subscription, SubscriptionStatus,
};
pub use error::{ErrorBody, ErrorCode, FieldError};
pub use invitations::{CreateRelationshipRequest, Invitation, InvitationStatus, Language};
pub use oidc::OidcRefusal;
pub use permission::Permission;
pub use support::{
    AuditKind, AuditRecord, IndirectReseller, NewServiceRequest, ServiceRequest,
    ServiceRequestStatus, SetSupportPartner, Severity,
};
pub use validation::{EmailAddress, FieldCode};

use serde::{Deserialize, Serialize};

/// One page of a collection. `continuation_token` is opaque to clients; pass it back unchanged
/// to get the next page, absent on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub total_count: u64,
    pub items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuation_token: Option<String>,
    /// Opens the page before this one; absent on the first page and on lists paged forward only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_token: Option<String>,
    /// How many items come before this page (for "51–100 of 2,000"); absent on lists that do
    /// not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
}
