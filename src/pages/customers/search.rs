//! The search box: starts-with on company name or domain. Typing updates the URL after a short
//! pause (replacing the history entry, so Back leaves the page rather than undoing letters);
//! Enter searches at once.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

use crate::customer_list::ListParams;
use crate::i18n::*;
use portal_contract::customers::FILTER_MAX_LEN;

/// Pause after the last keystroke before searching: long enough to merge a burst of keys,
/// short enough that the list follows typing.
const DEBOUNCE: Duration = Duration::from_millis(30);

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
