//! Who may do what: one table, read by the server to enforce and by the app to mirror.
//!
//! A permission belongs to one kind of organisation (partner staff act on customers, a
//! customer's admins act on their partners) and is granted by any of a few roles. The server
//! stays the authority; the app only hides what the server would refuse.

use crate::auth::{Me, OrganizationKind, Role};

/// Something a signed-in person may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Create and revoke reseller invitations (the "Request a reseller relationship" flow).
    ManageInvitations,
    /// Suspend or reactivate a customer's subscription.
    ChangeSubscriptionStatus,
    /// Choose the indirect reseller who supports a subscription.
    ChangeSupportPartner,
    /// Open a service request for a customer.
    OpenServiceRequest,
    /// End the partner's relationship with a customer.
    RemoveCustomerRelationship,
    /// Read and export the partner's audit log.
    ReadAuditLog,
    /// Accept a partner's invitation for the customer organisation.
    AcceptInvitation,
    /// Remove a partner's delegated admin roles from the customer organisation.
    RemovePartnerRoles,
    /// Request, terminate and assign granular admin relationships (every partner role reads them).
    ManageAdminRelationships,
    /// Approve a partner's granular admin request, or terminate a granular relationship.
    ApproveAdminRelationships,
}

impl Permission {
    pub const ALL: [Permission; 10] = [
        Permission::ManageInvitations,
        Permission::ChangeSubscriptionStatus,
        Permission::ChangeSupportPartner,
        Permission::OpenServiceRequest,
        Permission::RemoveCustomerRelationship,
        Permission::ReadAuditLog,
        Permission::AcceptInvitation,
        Permission::RemovePartnerRoles,
        Permission::ManageAdminRelationships,
        Permission::ApproveAdminRelationships,
    ];

    /// The kind of organisation whose people may hold this permission.
    pub fn organization_kind(self) -> OrganizationKind {
        match self {
            Permission::AcceptInvitation
            | Permission::RemovePartnerRoles
            | Permission::ApproveAdminRelationships => OrganizationKind::Customer,
            _ => OrganizationKind::Partner,
        }
    }

    /// The roles that grant it (any one is enough).
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Permission::ManageInvitations
            | Permission::ChangeSubscriptionStatus
            | Permission::ManageAdminRelationships => &[AdminAgent, GlobalAdmin],
            Permission::ChangeSupportPartner => {
                &[AdminAgent, GlobalAdmin, HelpdeskAgent, SalesAgent]
            }
            Permission::OpenServiceRequest => &[AdminAgent, GlobalAdmin, HelpdeskAgent],
            Permission::RemoveCustomerRelationship
            | Permission::ReadAuditLog
            | Permission::AcceptInvitation
            | Permission::RemovePartnerRoles
            | Permission::ApproveAdminRelationships => &[GlobalAdmin],
        }
    }

    /// Whether someone of this organisation kind holding these roles has the permission.
    pub fn granted_to(self, kind: OrganizationKind, roles: &[Role]) -> bool {
        kind == self.organization_kind() && self.roles().iter().any(|r| roles.contains(r))
    }
}

impl Me {
    /// Whether the signed-in person may do this.
    pub fn can(&self, permission: Permission) -> bool {
        permission.granted_to(self.organization.kind, &self.user.roles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrganizationKind::{Customer, Partner};

    #[test]
    fn partner_roles_grant_partner_permissions_only() {
        assert!(Permission::ManageInvitations.granted_to(Partner, &[Role::AdminAgent]));
        assert!(!Permission::ManageInvitations.granted_to(Partner, &[Role::SalesAgent]));
        assert!(!Permission::ManageInvitations.granted_to(Customer, &[Role::GlobalAdmin]));
        assert!(Permission::ChangeSupportPartner.granted_to(Partner, &[Role::SalesAgent]));
        assert!(!Permission::OpenServiceRequest.granted_to(Partner, &[Role::SalesAgent]));
        assert!(Permission::OpenServiceRequest.granted_to(Partner, &[Role::HelpdeskAgent]));
    }

    #[test]
    fn only_global_admins_read_the_audit_log_and_end_relationships() {
        for p in [
            Permission::ReadAuditLog,
            Permission::RemoveCustomerRelationship,
        ] {
            assert!(p.granted_to(Partner, &[Role::GlobalAdmin]));
            assert!(!p.granted_to(Partner, &[Role::AdminAgent, Role::HelpdeskAgent]));
        }
    }

    #[test]
    fn customer_permissions_need_a_customer_global_admin() {
        for p in [Permission::AcceptInvitation, Permission::RemovePartnerRoles] {
            assert!(p.granted_to(Customer, &[Role::GlobalAdmin]));
            assert!(!p.granted_to(Customer, &[Role::User]));
            assert!(!p.granted_to(Partner, &[Role::GlobalAdmin]));
        }
    }

    #[test]
    fn every_permission_is_granted_by_some_role() {
        for p in Permission::ALL {
            assert!(!p.roles().is_empty(), "{p:?}");
        }
    }
}
