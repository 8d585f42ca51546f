//! Translated names of the contract's enums, shared by the list, its expanded rows and the
//! customer's pages.

use leptos_i18n::I18nContext;
use portal_contract::{
    AdminPrivileges, BillingCycle, DirectoryRole, Relationship, SubscriptionStatus,
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
