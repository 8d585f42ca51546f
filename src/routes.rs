//! Every app path in one place: pages link and navigate through these, never through literals.
//! API paths live in the contract (`portal_contract::paths`); these are the browser's addresses.

use portal_contract::paths;

use crate::url::{app_url, encode_component};

/// The Customers list, where a signed-in partner lands.
pub const CUSTOMERS: &str = "/customers";
/// The sign-in page.
pub const SIGN_IN: &str = "/signin";
/// The Invitations list.
pub const INVITATIONS: &str = "/customers/invitations";
/// Step 1 of the invitation flow.
pub const REQUEST_RELATIONSHIP: &str = "/customers/request-relationship";
/// The audit log.
pub const AUDIT: &str = "/audit";

/// The partner's granular admin relationships.
pub const ADMIN_RELATIONSHIPS: &str = "/admin-relationships";
/// **Create an admin relationship request**.
pub const NEW_ADMIN_RELATIONSHIP: &str = "/admin-relationships/new";

/// The request form with a customer already chosen (`None`: the partner chooses).
pub fn new_admin_relationship(customer_id: Option<&str>) -> String {
    app_url(
        NEW_ADMIN_RELATIONSHIP,
        &[("customer", customer_id.map(str::to_owned))],
    )
}

/// One relationship's own page.
pub fn admin_relationship(id: &str) -> String {
    format!("{ADMIN_RELATIONSHIPS}/{id}")
}

/// The approval e-mail of a new request.
pub fn admin_relationship_email(id: &str) -> String {
    format!("{ADMIN_RELATIONSHIPS}/{id}/email")
}

/// A customer's **Admin relationships** tab.
pub fn customer_admin_relationships(id: &str) -> String {
    customer_section(id, "relationships")
}

/// **Approve partner roles** in a customer portal, below its base.
pub fn portal_approve_roles(portal_base: &str) -> String {
    format!("{portal_base}/{}", paths::APPROVE_ROLES_PAGE)
}

/// The e-mail draft of a new invitation (step 2).
pub fn invitation_email(id: &str) -> String {
    format!("{INVITATIONS}/{id}/email")
}

/// A customer's pages, `/customers/{id}`; the sections hang below it.
pub fn customer(id: &str) -> String {
    format!("{CUSTOMERS}/{id}")
}

/// One section of a customer's pages (`account`, `subscriptions`, …).
pub fn customer_section(id: &str, segment: &str) -> String {
    format!("{CUSTOMERS}/{id}/{segment}")
}

/// The customer's users, at the page a continuation token names (`None`: the first).
pub fn customer_users(id: &str, page: Option<&str>) -> String {
    app_url(
        &customer_section(id, "users"),
        &[("page", page.map(str::to_owned))],
    )
}

/// The audit log of one customer.
pub fn audit_for_customer(id: &str) -> String {
    format!("{AUDIT}?customer={}", encode_component(id))
}

/// The audit log of what one user did.
pub fn audit_for_user(email: &str) -> String {
    format!("{AUDIT}?user={}", encode_component(email))
}

/// A customer portal's "Partner relationships" page, below its base (`/m365-admin`, …).
pub fn portal_partners(portal_base: &str) -> String {
    format!("{portal_base}/partners")
}

/// Where customer administrators land when sign-in names no page: the public cloud's portal.
pub fn customer_home() -> String {
    portal_partners(paths::PORTAL_M365)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_the_apps_addresses() {
        assert_eq!(invitation_email("i1"), "/customers/invitations/i1/email");
        assert_eq!(customer_section("c1", "account"), "/customers/c1/account");
        assert_eq!(customer_users("c1", None), "/customers/c1/users");
        assert_eq!(
            customer_users("c1", Some("a/b")),
            "/customers/c1/users?page=a%2Fb"
        );
        assert_eq!(audit_for_customer("c 1"), "/audit?customer=c%201");
        assert_eq!(audit_for_user("a@b.hu"), "/audit?user=a%40b.hu");
        assert_eq!(customer_home(), "/m365-admin/partners");
        assert_eq!(
            new_admin_relationship(Some("c 1")),
            "/admin-relationships/new?customer=c%201"
        );
        assert_eq!(new_admin_relationship(None), NEW_ADMIN_RELATIONSHIP);
        assert_eq!(
            admin_relationship_email("r1"),
            "/admin-relationships/r1/email"
        );
        assert_eq!(
            customer_admin_relationships("c1"),
            "/customers/c1/relationships"
        );
        assert_eq!(
            portal_approve_roles(paths::PORTAL_OFFICE),
            "/office-admin/approve-roles"
        );
    }
}
