//! Service requests opened on the customer's behalf. None can be opened yet, so the page says
//! so plainly rather than showing an empty table.

use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn ServiceRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="subtitle">{t!(i18n, customer.service_requests_intro)}</p>
        <p class="empty">{t!(i18n, customer.service_requests_empty)}</p>
    }
}
