//! Account: the company profile and the billing profile.

use leptos::prelude::*;

use super::CurrentCustomer;
use super::removal::RemoveRelationship;
use crate::components::labels;
use crate::format;
use crate::i18n::*;
use crate::pages::customers::BillingSummary;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let CurrentCustomer(customer) = expect_context();
    let detail = move || customer.get().and_then(|r| r.ok());
    move || {
        detail().map(|d| {
            let c = d.customer;
            let (id, name) = (c.id.clone(), c.company_profile.company_name.clone());
            let (relationship, since) = (c.relationship_to_partner, c.customer_since.clone());
            view! {
                <section aria-labelledby="company-profile">
                    <h3 id="company-profile">{t!(i18n, customer.company_profile)}</h3>
                    <dl class="facts">
                        <dt>{t!(i18n, customer.company_name)}</dt>
                        <dd>{c.company_profile.company_name}</dd>
                        <dt>{t!(i18n, customer.domain)}</dt>
                        <dd>{c.company_profile.domain}</dd>
                        <dt>{t!(i18n, customer.microsoft_id)}</dt>
                        <dd class="mono">{c.company_profile.tenant_id}</dd>
                        <dt>{t!(i18n, customer.country)}</dt>
                        <dd>{c.company_profile.country}</dd>
                        <dt>{t!(i18n, customer.relationship)}</dt>
                        <dd>{move || labels::relationship(i18n, relationship)}</dd>
                        <dt>{t!(i18n, customer.customer_since)}</dt>
                        <dd>{move || format::date(&since, format::locale_tag(i18n))}</dd>
                    </dl>
                </section>
                <section aria-labelledby="billing-profile">
                    <h3 id="billing-profile">{t!(i18n, customers.billing_address)}</h3>
                    {match d.billing_profile {
                        Some(billing) => view! { <BillingSummary billing /> }.into_any(),
                        None => view! { <p class="empty">{t!(i18n, customers.no_billing_profile)}</p> }.into_any(),
                    }}
                </section>
                <RemoveRelationship customer_id=id name />
            }
        })
    }
}
