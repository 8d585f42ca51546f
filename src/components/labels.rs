//! Translated names of the contract's enums, shared by the list, its expanded rows and the
//! customer's pages.

use leptos_i18n::I18nContext;
use portal_contract::{
    AdminPrivileges, AuditKind, BillingCycle, DirectoryRole, Relationship, ServiceRequestStatus,
    Severity, SubscriptionStatus,
};

use crate::i18n::*;

type I18n = I18nContext<Locale>;

pub fn relationship(i18n: I18n, r: Relationship) -> String {
    match r {
        Relationship::Reseller => t_string!(i18n, customers.relationship_reseller).to_string(),
    }
}

pub fn admin_privileges(i18n: I18n, p: AdminPrivileges) -> String {
    match p {
        AdminPrivileges::Granted => t_string!(i18n, customers.admin_granted).to_string(),
        AdminPrivileges::NotRequested => t_string!(i18n, customers.admin_not_requested).to_string(),
        AdminPrivileges::RemovedByCustomer => t_string!(i18n, customers.admin_removed).to_string(),
    }
}

pub fn directory_role(i18n: I18n, r: DirectoryRole) -> String {
    match r {
        DirectoryRole::GlobalAdmin => t_string!(i18n, customers.role_globalAdmin).to_string(),
        DirectoryRole::BillingAdmin => t_string!(i18n, customers.role_billingAdmin).to_string(),
        DirectoryRole::UserAdmin => t_string!(i18n, customers.role_userAdmin).to_string(),
        DirectoryRole::User => t_string!(i18n, customers.role_user).to_string(),
    }
}

pub fn subscription_status(i18n: I18n, s: SubscriptionStatus) -> String {
    match s {
        SubscriptionStatus::Active => t_string!(i18n, customers.status_active).to_string(),
        SubscriptionStatus::Suspended => t_string!(i18n, customers.status_suspended).to_string(),
    }
}

pub fn billing_cycle(i18n: I18n, c: BillingCycle) -> String {
    match c {
        BillingCycle::Monthly => t_string!(i18n, customers.cycle_monthly).to_string(),
        BillingCycle::Annual => t_string!(i18n, customers.cycle_annual).to_string(),
    }
}

pub fn severity(i18n: I18n, s: Severity) -> &'static str {
    match s {
        Severity::Critical => t_string!(i18n, manage.severity_critical),
        Severity::Moderate => t_string!(i18n, manage.severity_moderate),
        Severity::Minimal => t_string!(i18n, manage.severity_minimal),
    }
}

pub fn request_status(i18n: I18n, s: ServiceRequestStatus) -> &'static str {
    match s {
        ServiceRequestStatus::Open => t_string!(i18n, manage.status_open),
        ServiceRequestStatus::InProgress => t_string!(i18n, manage.status_inProgress),
        ServiceRequestStatus::Closed => t_string!(i18n, manage.status_closed),
    }
}

pub fn audit_kind(i18n: I18n, k: AuditKind) -> &'static str {
    match k {
        AuditKind::InvitationCreated => t_string!(i18n, manage.kind_invitation_created),
        AuditKind::InvitationRevoked => t_string!(i18n, manage.kind_invitation_revoked),
        AuditKind::InvitationAccepted => t_string!(i18n, manage.kind_invitation_accepted),
        AuditKind::AgreementAccepted => t_string!(i18n, manage.kind_agreement_accepted),
        AuditKind::RolesRemoved => t_string!(i18n, manage.kind_roles_removed),
        AuditKind::RelationshipRemoved => t_string!(i18n, manage.kind_relationship_removed),
        AuditKind::SubscriptionSuspended => t_string!(i18n, manage.kind_subscription_suspended),
        AuditKind::SubscriptionReactivated => {
            t_string!(i18n, manage.kind_subscription_reactivated)
        }
        AuditKind::SupportPartnerChanged => t_string!(i18n, manage.kind_supportPartner_changed),
        AuditKind::ServiceRequestOpened => t_string!(i18n, manage.kind_serviceRequest_opened),
        AuditKind::AdminRelationshipRequested => {
            t_string!(i18n, manage.kind_adminRelationship_requested)
        }
        AuditKind::AdminRelationshipApproved => {
            t_string!(i18n, manage.kind_adminRelationship_approved)
        }
        AuditKind::AdminRelationshipTerminated => {
            t_string!(i18n, manage.kind_adminRelationship_terminated)
        }
        AuditKind::AdminRelationshipExpired => {
            t_string!(i18n, manage.kind_adminRelationship_expired)
        }
        AuditKind::AdminRelationshipExtended => {
            t_string!(i18n, manage.kind_adminRelationship_extended)
        }
        AuditKind::AdminRelationshipLockedForApproval => {
            t_string!(i18n, manage.kind_adminRelationship_lockedForApproval)
        }
        AuditKind::AccessAssignmentCreated => t_string!(i18n, manage.kind_accessAssignment_created),
        AuditKind::AccessAssignmentChanged => t_string!(i18n, manage.kind_accessAssignment_changed),
        AuditKind::AccessAssignmentRemoved => t_string!(i18n, manage.kind_accessAssignment_removed),
        AuditKind::Unknown => t_string!(i18n, manage.kind_unknown),
    }
}
