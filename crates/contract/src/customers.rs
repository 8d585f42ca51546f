//! A partner's customers (Partner Center: `Customer`).

use serde::{Deserialize, Serialize};

/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: u32 = 200;
/// Page size when the client does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// The kind of relationship between the partner and the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Relationship {
    /// The partner resells to the customer (a CSP reseller relationship).
    Reseller,
}

/// Whether the partner holds delegated admin privileges in the customer's organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AdminPrivileges {
    Granted,
    NotRequested,
    /// The customer's Global admin removed them; the reseller relationship stays.
    RemovedByCustomer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyProfile {
    pub company_name: String,
    /// The primary domain name, e.g. `fabrikam.onmicrosoft.com`.
    pub domain: String,
    /// The Microsoft ID (tenant id) of the organisation.
    pub tenant_id: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// One row of `GET /api/v1/customers`, and `GET /api/v1/customers/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: String,
    pub company_profile: CompanyProfile,
    pub relationship_to_partner: Relationship,
    /// True while the partner holds delegated admin privileges.
    pub allow_delegated_access: bool,
    pub admin_privileges: AdminPrivileges,
    /// When the relationship began, RFC 3339.
    pub customer_since: String,
}
