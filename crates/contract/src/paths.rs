//! Endpoint paths, relative to the API origin. The server mounts its routes from these and the
//! app builds its URLs from them, so the two cannot drift apart.

/// Everything the API serves lives under this prefix.
pub const API_PREFIX: &str = "/api";
/// Version 1 of the API.
pub const V1: &str = "/api/v1";

/// The OpenAPI 3.1 document of this API, generated from the server's routes.
pub const OPENAPI: &str = "/api/v1/openapi.json";

pub const SIGN_IN: &str = "/api/v1/auth/signin";
pub const SIGN_OUT: &str = "/api/v1/auth/signout";
pub const SESSION: &str = "/api/v1/auth/session";
pub const ME: &str = "/api/v1/me";
pub const CUSTOMERS: &str = "/api/v1/customers";
/// Invitations; `/{id}` for one, `/{id}/revoke` to revoke it.
pub const RELATIONSHIP_REQUESTS: &str = "/api/v1/customers/relationshiprequests";

/// `/api/v1/customers/relationshiprequests/{id}`.
pub fn relationship_request(id: &str) -> String {
    format!("{RELATIONSHIP_REQUESTS}/{id}")
}

/// `/api/v1/customers/relationshiprequests/{id}/revoke`.
pub fn revoke_relationship_request(id: &str) -> String {
    format!("{RELATIONSHIP_REQUESTS}/{id}/revoke")
}

/// The customer's side: look an invitation up, accept it (token in the body).
pub const INVITATION_LOOKUP: &str = "/api/v1/invitations/lookup";
pub const INVITATION_ACCEPT: &str = "/api/v1/invitations/accept";
/// The customer's partners; `/{partnerId}/removeroles` removes the partner's admin roles.
pub const PARTNER_RELATIONSHIPS: &str = "/api/v1/partnerrelationships";

pub fn remove_partner_roles(partner_id: &str) -> String {
    format!("{PARTNER_RELATIONSHIPS}/{partner_id}/removeroles")
}

/// App paths of the customer portals an invitation link opens, by the partner's cloud.
pub const PORTAL_M365: &str = "/m365-admin";
pub const PORTAL_OFFICE: &str = "/office-admin";

/// Name of the session cookie. The `__Host-` prefix makes the browser insist on `Secure`,
/// `Path=/` and no `Domain`, so no sibling sub-domain can plant or read it.
pub const SESSION_COOKIE: &str = "__Host-portal_session";

/// Response header carrying the id under which the server logged a request.
pub const CORRELATION_HEADER: &str = "x-correlation-id";

/// `/api/v1/customers/{id}`.
pub fn customer(id: &str) -> String {
    format!("{CUSTOMERS}/{id}")
}

/// `/api/v1/customers/{id}/subscriptions`: what the customer bought through this partner.
pub fn customer_subscriptions(id: &str) -> String {
    format!("{CUSTOMERS}/{id}/subscriptions")
}

/// `/api/v1/customers/{id}/users`: the people in the customer's directory, paged.
pub fn customer_users(id: &str) -> String {
    format!("{CUSTOMERS}/{id}/users")
}

/// `/api/v1/customers/{id}/subscribedskus`: licenses by product, assigned and available.
pub fn customer_licenses(id: &str) -> String {
    format!("{CUSTOMERS}/{id}/subscribedskus")
}

/// `/api/v1/customers/{id}/removerelationship`: end the reseller relationship.
pub fn remove_relationship(id: &str) -> String {
    format!("{CUSTOMERS}/{id}/removerelationship")
}

/// `/api/v1/customers/{id}/subscriptions/{subscriptionId}/{action}` with `action` one of
/// `suspend`, `reactivate`, `supportcontact`.
pub fn subscription_action(customer_id: &str, subscription_id: &str, action: &str) -> String {
    format!("{CUSTOMERS}/{customer_id}/subscriptions/{subscription_id}/{action}")
}

/// `/api/v1/customers/{id}/servicerequests`.
pub fn customer_service_requests(id: &str) -> String {
    format!("{CUSTOMERS}/{id}/servicerequests")
}

/// The partner's indirect resellers.
pub const INDIRECT_RESELLERS: &str = "/api/v1/relationships/indirectresellers";
/// The partner's audit log (`customerId`, `kind`, `size`, `continuationToken`), and its CSV.
pub const AUDIT_RECORDS: &str = "/api/v1/auditrecords";
pub const AUDIT_RECORDS_CSV: &str = "/api/v1/auditrecords/export";

/// Query parameters of [`CUSTOMERS`] and the other paged lists.
pub mod customers_query {
    pub const SIZE: &str = "size";
    /// Starts-with search on company name or primary domain, case- and accent-insensitive.
    pub const FILTER: &str = "filter";
    /// A [`crate::customers::CustomerOrder`] such as `name` or `customerSince:desc`.
    pub const SORT: &str = "sort";
    pub const CONTINUATION_TOKEN: &str = "continuationToken";
    /// Invitations only: `pending`, `accepted`, `expired` or `revoked`.
    pub const STATUS: &str = "status";
}

/// Granular admin relationships (Graph: `tenantRelationships/delegatedAdminRelationships`).
pub const ADMIN_RELATIONSHIPS: &str = "/api/v1/tenantRelationships/delegatedAdminRelationships";

/// `…/delegatedAdminRelationships/{id}`.
pub fn admin_relationship(id: &str) -> String {
    format!("{ADMIN_RELATIONSHIPS}/{id}")
}

/// `…/delegatedAdminRelationships/{id}/requests`: `lockForApproval`, `terminate`.
pub fn admin_relationship_requests(id: &str) -> String {
    format!("{ADMIN_RELATIONSHIPS}/{id}/requests")
}

/// `…/delegatedAdminRelationships/{id}/accessAssignments`.
pub fn access_assignments(id: &str) -> String {
    format!("{ADMIN_RELATIONSHIPS}/{id}/accessAssignments")
}

/// `…/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}`.
pub fn access_assignment(id: &str, assignment_id: &str) -> String {
    format!("{ADMIN_RELATIONSHIPS}/{id}/accessAssignments/{assignment_id}")
}

/// The Microsoft Entra role catalogue the relationships choose from.
pub const ROLE_DEFINITIONS: &str = "/api/v1/roleDefinitions";
/// The partner's own security groups, which access assignments give roles to.
pub const SECURITY_GROUPS: &str = "/api/v1/securityGroups";

/// The customer's side of an approval link: look it up, approve it (token in the body).
pub const ADMIN_APPROVAL_LOOKUP: &str = "/api/v1/adminrelationshipapprovals/lookup";
pub const ADMIN_APPROVAL_APPROVE: &str = "/api/v1/adminrelationshipapprovals/approve";

/// The customer's granular admin relationships with its partners; `/{id}/terminate` ends one
/// (needs `If-Match`).
pub const CUSTOMER_ADMIN_RELATIONSHIPS: &str = "/api/v1/partnerrelationships/adminrelationships";

pub fn customer_admin_relationship_terminate(id: &str) -> String {
    format!("{CUSTOMER_ADMIN_RELATIONSHIPS}/{id}/terminate")
}

/// The customer portal page an approval link opens, below the portal's base.
pub const APPROVE_ROLES_PAGE: &str = "approve-roles";
