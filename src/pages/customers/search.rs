//! The Customers search box: starts-with on company name or domain.

use leptos::prelude::*;
use portal_contract::customers::FILTER_MAX_LEN;

use crate::components::search_box::SearchBox;
use crate::customer_list::ListParams;
use crate::i18n::*;

#[component]
pub fn CustomerSearch(params: Memo<ListParams>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <SearchBox
            id="customer-search"
            current=Signal::derive(move || params.with(|p| p.text.clone()))
            url_for=Callback::new(move |text: String| params.with_untracked(|p| p.searching(&text).url()))
            max_len=FILTER_MAX_LEN
            label=move || t_string!(i18n, customers.search_label).to_string()
            help=move || t_string!(i18n, customers.search_help).to_string()
        />
    }
}
