//! The search box: starts-with on company name or domain. Every keystroke updates the URL
//! (replacing the history entry, so Back leaves the page rather than undoing letters); the
//! page cancels the request a newer keystroke replaces.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

use crate::customer_list::ListParams;
use crate::i18n::*;
use portal_contract::customers::FILTER_MAX_LEN;

/// Searching waits for the next task only, merging input events of one burst (a paste, a
/// held key). Typing is slower than an answer, so a longer pause merged nothing and only made
/// every result 30 ms later (BENCHMARKS.md); superseded requests are aborted instead.
const DEBOUNCE: Duration = Duration::ZERO;

#[component]
pub fn SearchBox(params: Memo<ListParams>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let text = RwSignal::new(params.get_untracked().text);
    // The text last written to the URL from here; a different one came from Back/Forward or a
    // link, and replaces what the box shows.
    let sent = StoredValue::new(params.get_untracked().text);
    Effect::new(move |_| {
        let from_url = params.with(|p| p.text.clone());
        if sent.with_value(|s| *s != from_url) {
            sent.set_value(from_url.clone());
            text.set(from_url);
        }
    });
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let search = StoredValue::new_local(move |now: String| {
        if let Some(t) = timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        if params.with_untracked(|p| p.text == now) {
            return;
        }
        sent.set_value(now.clone());
        let url = params.with_untracked(|p| p.searching(&now).url());
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        if let Some(t) = timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        let handle =
            set_timeout_with_handle(move || search.with_value(|s| s(value.clone())), DEBOUNCE).ok();
        timer.set_value(handle);
    };
    view! {
        <form
            class="search"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                search.with_value(|s| s(text.get_untracked()));
            }
        >
            <label for="customer-search">{t!(i18n, customers.search_label)}</label>
            <input
                id="customer-search"
                type="search"
                autocomplete="off"
                spellcheck="false"
                maxlength=FILTER_MAX_LEN
                aria-describedby="customer-search-help"
                prop:value=move || text.get()
                on:input=on_input
            />
            <span id="customer-search-help" class="help">{t!(i18n, customers.search_help)}</span>
        </form>
    }
}
