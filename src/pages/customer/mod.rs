//! One customer's pages under `/customers/{id}/…`: breadcrumbs, the customer's name, tabs, and
//! the section below. The customer is loaded once here and shared with the sections.

mod account;
mod hooks;
mod relationships;
mod removal;
mod service_requests;
mod subscriptions;
mod users;

pub use account::AccountPage;
pub use relationships::RelationshipsPage;
pub use service_requests::ServiceRequestsPage;
pub use subscriptions::SubscriptionsPage;
pub use users::UsersPage;

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_location;
use portal_contract::CustomerDetail;
use portal_contract::paths;

use crate::api::ApiError;
use crate::components::loaded::Loaded;
use crate::components::page_title::use_page_title;
use crate::i18n::*;
use crate::routes;
use hooks::{use_customer_id, use_customer_resource};

/// The customer of the pages on screen, for the sections to read.
#[derive(Clone, Copy)]
pub struct CurrentCustomer(pub LocalResource<Result<CustomerDetail, ApiError>>);

/// The sections, in tab order: path segment and label.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Account,
    Subscriptions,
    Users,
    Relationships,
    ServiceRequests,
}

impl Section {
    const ALL: [Section; 5] = [
        Section::Account,
        Section::Subscriptions,
        Section::Users,
        Section::Relationships,
        Section::ServiceRequests,
    ];

    fn segment(self) -> &'static str {
        match self {
            Section::Account => "account",
            Section::Subscriptions => "subscriptions",
            Section::Users => "users",
            Section::Relationships => "relationships",
            Section::ServiceRequests => "service-requests",
        }
    }

    fn from_path(path: &str) -> Section {
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        Section::ALL
            .into_iter()
            .find(|s| s.segment() == last)
            .unwrap_or(Section::Account)
    }

    fn label(self, i18n: leptos_i18n::I18nContext<Locale>) -> &'static str {
        match self {
            Section::Account => t_string!(i18n, customer.nav_account),
            Section::Subscriptions => t_string!(i18n, customer.nav_subscriptions),
            Section::Users => t_string!(i18n, customer.nav_users),
            Section::Relationships => t_string!(i18n, customer.nav_relationships),
            Section::ServiceRequests => t_string!(i18n, customer.nav_service_requests),
        }
    }
}

/// The `<h2>` of the section on screen.
#[component]
fn SectionHeading() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    view! { <h2>{move || location.pathname.with(|p| Section::from_path(p)).label(i18n)}</h2> }
}

#[component]
pub fn CustomerLayout() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let id = use_customer_id();
    let customer = use_customer_resource::<CustomerDetail>(paths::customer);
    provide_context(CurrentCustomer(customer));
    let section = Memo::new(move |_| location.pathname.with(|p| Section::from_path(p)));
    let name = move || {
        customer
            .get()
            .and_then(|r| r.ok())
            .map(|c| c.customer.company_profile.company_name)
    };
    use_page_title(move || {
        let section = section.get().label(i18n);
        match name() {
            Some(name) => format!("{section} | {name}"),
            None => section.to_owned(),
        }
    });
    let tab = move |s: Section| {
        view! {
            <li>
                <A href=move || routes::customer_section(&id.get(), s.segment())>
                    {move || s.label(i18n)}
                </A>
            </li>
        }
    };
    view! {
        <nav class="breadcrumbs" aria-label=move || t_string!(i18n, customer.breadcrumb).to_string()>
            <ol>
                <li><a href=routes::CUSTOMERS>{t!(i18n, customers.title)}</a></li>
                <li>
                    <a href=move || routes::customer_section(&id.get(), Section::Account.segment())>
                        {move || name().unwrap_or_else(|| "…".to_owned())}
                    </a>
                </li>
                <li aria-current="page">{move || section.get().label(i18n)}</li>
            </ol>
        </nav>
        <Loaded
            resource=customer
            loading=move || view! { <p class="status" role="status">{t!(i18n, customer.loading)}</p> }
            // Without the customer's name, the section names the page.
            error_heading=move || view! { <h1>{move || section.get().label(i18n)}</h1> }
            let:detail
        >
            <h1>{detail.customer.company_profile.company_name.clone()}</h1>
            <nav class="tabs" aria-label=move || t_string!(i18n, customer.sections).to_string()>
                <ul>{Section::ALL.into_iter().map(tab).collect_view()}</ul>
            </nav>
            <SectionHeading />
            <Outlet />
        </Loaded>
    }
}
