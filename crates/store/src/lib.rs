//! The store boundary: what the handlers and the domain need from the data layer, as traits of
//! our own over plain, contract and `portal_domain` types. An engine implements them (SQLite
//! today, `portal-store-sqlite`); no driver type crosses this line, and nothing here knows which
//! engine runs.
//!
//! One trait per aggregate, and [`Store`], which is all of them: `AppState` holds an
//! `Arc<dyn Store>`. The engines keep the rules that need the database atomic (uniqueness,
//! single acceptance, versions); every other rule is decided before or after the call, in
//! `portal_domain` or the handler.

/// An error of any kind, as the engines report their causes.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

mod acceptance;
mod assignments;
mod audit;
mod customer_details;
mod customers;
pub mod demo_data;
mod error;
mod gdap;
pub mod generated;
mod invitations;
mod operations;
mod provider_sign_in;
mod relationship;
mod service_requests;
mod sessions;
mod settle;
mod subscriptions;
mod testing;
mod throttle;
mod tooling;
mod users;

pub use acceptance::{
    AcceptOutcome, Acceptance, Acceptances, OrganizationRow, PartnerRow, TokenInvitation,
};
pub use assignments::{AccessAssignments, AssignmentAudit, AssignmentOutcome, AssignmentRow};
pub use audit::{AuditLog, AuditQuery};
pub use customer_details::{CustomerDetails, UserPage};
pub use customers::{CustomerPage, CustomerQuery, Customers, key_columns, key_fits};
pub use error::{StoreError, StoreResult};
pub use gdap::{
    ActiveAdminRoles, AdminRelationships, ApprovalRow, ApproveOutcome, ChangeOutcome,
    NewRelationship, RelationshipChange, RelationshipPage, RelationshipQuery, RelationshipRow,
};
pub use invitations::{
    InvitationPage, InvitationQuery, InvitationRow, Invitations, NewInvitation, RevokeOutcome,
};
pub use operations::{Operations, PoolUse};
pub use provider_sign_in::{PendingSignIn, ProviderSignIns};
pub use relationship::{Relationships, RemovalOutcome};
pub use service_requests::{NewRequest, ServiceRequests};
pub use sessions::{Sessions, StoredSession};
pub use settle::AdminRelationshipUpkeep;
pub use subscriptions::{SubscriptionChange, Subscriptions};
pub use testing::{Counted, OutsideCustomer, TestSupport};
pub use throttle::Throttles;
pub use tooling::Tooling;
pub use users::{Credentials, Users};

pub use portal_domain::ids::Actor;

/// Everything the server needs from an engine.
pub trait Store:
    Acceptances
    + AccessAssignments
    + AdminRelationships
    + AdminRelationshipUpkeep
    + AuditLog
    + CustomerDetails
    + Customers
    + Invitations
    + Operations
    + ProviderSignIns
    + Relationships
    + ServiceRequests
    + Sessions
    + Subscriptions
    + Throttles
    + Users
{
}

impl<T> Store for T where
    T: Acceptances
        + AccessAssignments
        + AdminRelationships
        + AdminRelationshipUpkeep
        + AuditLog
        + CustomerDetails
        + Customers
        + Invitations
        + Operations
        + ProviderSignIns
        + Relationships
        + ServiceRequests
        + Sessions
        + Subscriptions
        + Throttles
        + Users
{
}
