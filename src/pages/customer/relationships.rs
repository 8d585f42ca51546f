//! Admin relationships: whether the partner holds delegated admin privileges, and what that
//! means; below, the partner's granular admin relationships with this customer.

use leptos::prelude::*;
use portal_contract::AdminPrivileges;

use super::CurrentCustomer;
use super::hooks::use_customer_id;
use crate::components::labels;
use crate::i18n::*;
use crate::pages::admin_relationships::CustomerRelationships;

#[component]
pub fn RelationshipsPage() -> impl IntoView {
    let i18n = use_i18n();
    let CurrentCustomer(customer) = expect_context();
    let customer_id = use_customer_id();
    let privileges = move || {
        customer
            .get()
            .and_then(|r| r.ok())
            .map(|d| d.customer.admin_privileges)
    };
    view! {
        <p class="subtitle">{t!(i18n, customer.relationships_intro)}</p>
        {move || privileges().map(|p| view! {
            <dl class="facts">
                <dt>{t!(i18n, customers.col_admin)}</dt>
                <dd><strong>{move || labels::admin_privileges(i18n, p)}</strong></dd>
            </dl>
            <p>
                {move || match p {
                    AdminPrivileges::Granted => t_string!(i18n, customer.admin_granted_text),
                    AdminPrivileges::NotRequested => t_string!(i18n, customer.admin_not_requested_text),
                    AdminPrivileges::RemovedByCustomer => t_string!(i18n, customer.admin_removed_text),
                }}
            </p>
        })}
        <CustomerRelationships customer_id />
    }
}
