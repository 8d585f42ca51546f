//! An expanded customer row: Account, Services, Users and Licenses side by side, each with a
//! link to the full page. The four requests go out together when the row opens.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_contract::paths;
use portal_contract::{BillingProfile, CustomerDetail, CustomerUser, License, Page, Subscription};

use crate::api::{ApiClient, ApiError};
use crate::components::labels;
use crate::components::loaded::Loaded;
use crate::format;
use crate::i18n::*;
use crate::routes;

/// Users listed in the summary; the Users page has the rest.
const USERS_SHOWN: u32 = 5;

#[component]
pub fn CustomerSummary(customer_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let base = routes::customer(&customer_id);
    let load = {
        let id = customer_id.clone();
        move || {
            let (api, id) = (api.clone(), id.clone());
            async move {
                let (customer, subscriptions, licenses) = (
                    paths::customer(&id),
                    paths::customer_subscriptions(&id),
                    paths::customer_licenses(&id),
                );
                // The browser overlaps the four requests.
                let (detail, subscriptions, users, licenses) = futures::join!(
                    api.get::<CustomerDetail>(&customer, &[], None),
                    api.get::<Page<Subscription>>(&subscriptions, &[], None),
                    api.customer_users(&id, USERS_SHOWN, None),
                    api.get::<Page<License>>(&licenses, &[], None),
                );
                Ok::<_, ApiError>((detail?, subscriptions?, users?, licenses?))
            }
        }
    };
    let data = LocalResource::new(load);
    view! {
        <Loaded
            resource=data
            loading=move || view! { <p class="status" role="status">{t!(i18n, customers.loading_details)}</p> }
            let:answer
        >
            {
                let (detail, subscriptions, users, licenses) = answer;
                let base = base.clone();
                view! {
                    <div class="summary">
                        <AccountSection detail base=base.clone() />
                        <ServicesSection subscriptions base=base.clone() />
                        <UsersSection users base=base.clone() />
                        <LicensesSection licenses base />
                    </div>
                }
            }
        </Loaded>
    }
}

#[component]
fn Section(
    title: impl Fn() -> &'static str + Send + Sync + 'static,
    link: String,
    link_text: impl Fn() -> &'static str + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="summary-section">
            <h2>{title}</h2>
            {children()}
            <p class="more">
                <A href=link>{link_text}</A>
            </p>
        </section>
    }
}

#[component]
fn AccountSection(detail: CustomerDetail, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let profile = detail.customer.company_profile;
    view! {
        <Section
            title=move || t_string!(i18n, customers.section_account)
            link=format!("{base}/account")
            link_text=move || t_string!(i18n, customers.manage_account)
        >
            <p>{profile.company_name}<br />{profile.domain}</p>
            {match detail.billing_profile {
                Some(b) => view! { <BillingSummary billing=b /> }.into_any(),
                None => view! { <p class="empty">{t!(i18n, customers.no_billing_profile)}</p> }.into_any(),
            }}
        </Section>
    }
}

#[component]
pub fn BillingSummary(billing: BillingProfile) -> impl IntoView {
    let i18n = use_i18n();
    let a = billing.default_address;
    view! {
        <dl class="facts compact">
            <dt>{t!(i18n, customers.billing_address)}</dt>
            <dd>{a.address_line1}", "{a.postal_code}" "{a.city}", "{a.country}</dd>
            <dt>{t!(i18n, customers.primary_contact)}</dt>
            <dd>
                {format!("{} {}", billing.first_name, billing.last_name)}<br />
                <a href=format!("mailto:{}", billing.email)>{billing.email.clone()}</a><br />
                {billing.phone_number}
            </dd>
        </dl>
    }
}

#[component]
fn ServicesSection(subscriptions: Page<Subscription>, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || format::locale_tag(i18n);
    view! {
        <Section
            title=move || t_string!(i18n, customers.section_services)
            link=format!("{base}/subscriptions")
            link_text=move || t_string!(i18n, customers.manage_subscriptions)
        >
            {list_or_empty(
                subscriptions.items,
                t!(i18n, customers.no_subscriptions),
                move |s| {
                    let (status, cycle) = (s.status, s.billing_cycle);
                    let end = s.commitment_end_date.clone();
                    let quantity = s.quantity;
                    let offer = s.offer_name.clone();
                    view! {
                        {t!(i18n, customers.subscription_line, quantity = move || quantity, offer = move || offer.clone())}
                        <br />
                        <span class=move || format!("badge {}", if status == portal_contract::SubscriptionStatus::Active { "ok" } else { "warn" })>
                            {move || labels::subscription_status(i18n, status)}
                        </span>
                        " "
                        <span class="help">
                            {t!(i18n, customers.term_ends, cycle = move || labels::billing_cycle(i18n, cycle), date = move || format::date(&end, locale()))}
                        </span>
                    }
                },
            )}
        </Section>
    }
}

#[component]
fn UsersSection(users: Page<CustomerUser>, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let count = users.total_count;
    view! {
        <Section
            title=move || t_string!(i18n, customers.section_users)
            link=format!("{base}/users")
            link_text=move || t_string!(i18n, customers.manage_users)
        >
            {if users.items.is_empty() {
                view! { <p class="empty">{t!(i18n, customers.no_users)}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, customers.users_count, count = move || count)}</p>
                    <ul class="plain">
                        {users
                            .items
                            .into_iter()
                            .map(|u| {
                                let role = u.role;
                                view! {
                                    <li>
                                        {u.display_name}
                                        " "
                                        <span class="help">{move || labels::directory_role(i18n, role)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </Section>
    }
}

#[component]
fn LicensesSection(licenses: Page<License>, base: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Section
            title=move || t_string!(i18n, customers.section_licenses)
            link=format!("{base}/users")
            link_text=move || t_string!(i18n, customers.manage_licenses)
        >
            {list_or_empty(
                licenses.items,
                t!(i18n, customers.no_licenses),
                move |l| {
                    let (consumed, active) = (l.consumed_units, l.active_units);
                    view! {
                        {l.product_name}
                        <br />
                        <span class="help">
                            {t!(i18n, customers.licenses_assigned, consumed = move || consumed, active = move || active)}
                        </span>
                    }
                },
            )}
        </Section>
    }
}

/// The items as a plain list, or the `empty` text when there are none.
fn list_or_empty<T, V: IntoView + 'static>(
    items: Vec<T>,
    empty: impl IntoView + 'static,
    item: impl Fn(T) -> V,
) -> AnyView {
    if items.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="plain">
            {items.into_iter().map(|t| view! { <li>{item(t)}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}
