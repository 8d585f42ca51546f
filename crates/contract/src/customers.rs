//! A partner's customers (Partner Center: `Customer`).

use serde::{Deserialize, Serialize};

/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: u32 = 1000;
/// Page size when the client does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// The kind of relationship between the partner and the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Relationship {
    /// The partner resells to the customer (a CSP reseller relationship).
    Reseller,
}

/// Whether the partner holds delegated admin privileges in the customer's organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum AdminPrivileges {
    Granted,
    NotRequested,
    /// The customer's Global admin removed them; the reseller relationship stays.
    RemovedByCustomer,
}

impl AdminPrivileges {
    /// The name in JSON, as stored and as the CSV export writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            AdminPrivileges::Granted => "granted",
            AdminPrivileges::NotRequested => "notRequested",
            AdminPrivileges::RemovedByCustomer => "removedByCustomer",
        }
    }

    pub fn parse(s: &str) -> Option<AdminPrivileges> {
        [
            AdminPrivileges::Granted,
            AdminPrivileges::NotRequested,
            AdminPrivileges::RemovedByCustomer,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// The customer's active granular admin roles at a glance; absent when there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granular_admin: Option<crate::gdap::GranularAdminSummary>,
}

/// The columns the customer list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CustomerSort {
    #[default]
    Name,
    MicrosoftId,
    Domain,
    Relationship,
    AdminPrivileges,
    CustomerSince,
}

impl CustomerSort {
    pub const ALL: [CustomerSort; 6] = [
        CustomerSort::Name,
        CustomerSort::MicrosoftId,
        CustomerSort::Domain,
        CustomerSort::Relationship,
        CustomerSort::AdminPrivileges,
        CustomerSort::CustomerSince,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CustomerSort::Name => "name",
            CustomerSort::MicrosoftId => "microsoftId",
            CustomerSort::Domain => "domain",
            CustomerSort::Relationship => "relationship",
            CustomerSort::AdminPrivileges => "adminPrivileges",
            CustomerSort::CustomerSince => "customerSince",
        }
    }
}

/// A sort column and direction, written `name` (ascending) or `name:desc` in the `sort`
/// query parameter of the API and of the app's Customers URL alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CustomerOrder {
    pub sort: CustomerSort,
    pub descending: bool,
}

impl CustomerOrder {
    /// Parses the `sort` parameter; `None` for anything else than a column, optionally followed
    /// by `:asc` or `:desc`.
    pub fn parse(text: &str) -> Option<CustomerOrder> {
        let (column, direction) = text.split_once(':').unwrap_or((text, "asc"));
        let sort = CustomerSort::ALL
            .into_iter()
            .find(|s| s.as_str() == column)?;
        let descending = match direction {
            "asc" => false,
            "desc" => true,
            _ => return None,
        };
        Some(CustomerOrder { sort, descending })
    }

    /// The same column in the other direction.
    pub fn reversed(self) -> CustomerOrder {
        CustomerOrder {
            descending: !self.descending,
            ..self
        }
    }
}

impl std::fmt::Display for CustomerOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.sort.as_str())?;
        if self.descending {
            f.write_str(":desc")?;
        }
        Ok(())
    }
}

/// Longest search text the customer list accepts.
pub const FILTER_MAX_LEN: usize = 100;

/// A postal address (Partner Center: `Address`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub address_line1: String,
    pub city: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// The customer's billing address and primary contact (Partner Center: `CustomerBillingProfile`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BillingProfile {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone_number: String,
    pub default_address: Address,
}

/// `GET /api/v1/customers/{id}`: the list row plus the billing profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetail {
    #[serde(flatten)]
    pub customer: Customer,
    /// Absent when the customer has not given one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_profile: Option<BillingProfile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum SubscriptionStatus {
    Active,
    Suspended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum BillingCycle {
    Monthly,
    Annual,
}

/// One subscription the customer bought through this partner (Partner Center: `Subscription`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: String,
    pub offer_name: String,
    pub quantity: u32,
    pub status: SubscriptionStatus,
    pub billing_cycle: BillingCycle,
    /// RFC 3339.
    pub creation_date: String,
    /// End of the current term, RFC 3339.
    pub commitment_end_date: String,
    /// The designated support partner: an indirect reseller, or `None` for the partner itself.
    #[serde(default)]
    pub support_partner: Option<crate::IndirectReseller>,
    /// Grows with every change; send it back with a change (409 when it is no longer current).
    pub version: u32,
}

/// A role in the customer's own directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum DirectoryRole {
    GlobalAdmin,
    BillingAdmin,
    UserAdmin,
    User,
}

/// A person in the customer's directory (Partner Center: `CustomerUser`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerUser {
    pub id: String,
    pub display_name: String,
    pub user_principal_name: String,
    pub role: DirectoryRole,
    /// Products licensed to this user.
    pub licenses: Vec<String>,
}

/// Licenses of one product (Partner Center: `SubscribedSku`): `active_units` bought in active
/// subscriptions, `consumed_units` assigned to users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct License {
    pub product_name: String,
    pub active_units: u32,
    pub consumed_units: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_round_trip_through_text() {
        for sort in CustomerSort::ALL {
            for descending in [false, true] {
                let order = CustomerOrder { sort, descending };
                assert_eq!(CustomerOrder::parse(&order.to_string()), Some(order));
            }
        }
        assert_eq!(
            CustomerOrder::parse("name:asc"),
            Some(CustomerOrder::default())
        );
    }

    #[test]
    fn refuses_unknown_orders() {
        for bad in ["", "Name", "name:up", "name:desc:x", "tags", ":desc"] {
            assert_eq!(CustomerOrder::parse(bad), None, "{bad:?}");
        }
    }
}
