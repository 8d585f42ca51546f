//! A list's search box. Every keystroke updates the URL (replacing the history entry, so Back
//! leaves the page rather than undoing letters) at once, inside the input event; the page
//! cancels the request a newer keystroke replaces.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

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
    // The request goes out from the input event itself. Waiting even for a zero timer put it
    // behind the frame that paints the typed letter, about 10 ms later (BENCHMARKS.md); a pause
    // would merge nothing, since typing is slower than an answer, and a superseded request is
    // aborted.
    let search = StoredValue::new_local(move |now: String| {
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
        search.with_value(|s| s(value));
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
