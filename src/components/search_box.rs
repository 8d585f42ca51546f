//! A list's search box. Every keystroke updates the URL (replacing the history entry, so Back
//! leaves the page rather than undoing letters); the page cancels the request a newer
//! keystroke replaces.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

/// Searching waits for the next task only, merging input events of one burst (a paste, a
/// held key). Typing is slower than an answer, so a longer pause merged nothing and only made
/// every result 30 ms later (BENCHMARKS.md); superseded requests are aborted instead.
const DEBOUNCE: Duration = Duration::ZERO;

/// - `id`: the input's id (the help text is `<id>-help`).
/// - `current`: the search text the URL holds; a change that did not come from here (Back,
///   a link) replaces what the box shows.
/// - `url_for`: the app URL that shows the results for a text.
/// - `label`, `help`: the visible label and the hint below the box, in the page's language.
#[component]
pub fn SearchBox(
    id: &'static str,
    current: Signal<String>,
    url_for: Callback<String, String>,
    max_len: usize,
    label: impl Fn() -> String + Send + Sync + 'static,
    help: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(current.get_untracked());
    // The text last written to the URL from here.
    let sent = StoredValue::new(current.get_untracked());
    Effect::new(move |_| {
        let from_url = current.get();
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
        if current.with_untracked(|c| *c == now) {
            return;
        }
        sent.set_value(now.clone());
        navigate(
            &url_for.run(now),
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
    let help_id = format!("{id}-help");
    view! {
        <form
            class="search"
            role="search"
            on:submit=move |ev| {
                ev.prevent_default();
                search.with_value(|s| s(text.get_untracked()));
            }
        >
            <label for=id>{label}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                spellcheck="false"
                maxlength=max_len
                aria-describedby=help_id.clone()
                prop:value=move || text.get()
                on:input=on_input
            />
            <span id=help_id class="help">{help}</span>
        </form>
    }
}
