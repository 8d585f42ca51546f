//! The customer of a new request: a search field over the Customers search and, as radio
//! buttons, **Any customer** and the first matches (`gdap::customer_picker` decides which).
//! Typing waits for a pause and aborts the request a newer search replaces; the line under the
//! choices says when it is searching, when nothing matches and when the search failed (with
//! Retry). By keyboard: type, Tab to the choices, arrows to choose. Enter in the field searches
//! at once rather than sending the form.

use leptos::prelude::*;
use portal_contract::customers::FILTER_MAX_LEN;
use std::time::Duration;

use crate::api::{ApiClient, ErrorKind};
use crate::components::error_panel::error_message;
use crate::format;
use crate::gdap::customer_picker::{Choice, DEBOUNCE_MS, Summary, offered, search_text, summary};
use crate::i18n::*;
use crate::latest_answer::{ListState, use_latest_answer};
use crate::session::Session;

/// The id of the search field, which takes focus when the customer has a problem.
pub const SEARCH_ID: &str = "gdap-customer-search";

#[component]
pub fn CustomerPicker(
    /// The chosen customer; `None` for any customer.
    chosen: RwSignal<Option<Choice>>,
    /// The field's problem, in the page's language.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = StoredValue::new(expect_context::<ApiClient>());
    let typed = RwSignal::new(String::new());
    // What was last searched for; a change loads its matches.
    let searched = RwSignal::new(String::new());
    let params = Memo::new(move |_| searched.get());
    let answer = use_latest_answer(params, move |text: String, abort| {
        let api = api.get_value();
        async move { api.customer_matches(&text, abort.as_ref()).await }
    });
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let stop_timer = move || {
        if let Some(t) = timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
    };
    let search_now = move || {
        stop_timer();
        searched.set(search_text(&typed.get_untracked()));
    };
    let on_input = move |ev: leptos::ev::Event| {
        typed.set(event_target_value(&ev));
        stop_timer();
        let handle = set_timeout_with_handle(search_now, Duration::from_millis(DEBOUNCE_MS)).ok();
        timer.set_value(handle);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            search_now();
        }
    };
    // A session that ended sends the person to sign in, as every failed list does.
    Effect::new(move |_| {
        answer.state.with(|s| {
            if let ListState::Failed(e) = s
                && e.kind() == ErrorKind::Unauthorized
            {
                expect_context::<Session>().ended();
            }
        })
    });
    let choices = Memo::new(move |_| {
        answer.state.with(|s| {
            let matches = match s {
                ListState::Ready(page) => page.items.as_slice(),
                _ => &[],
            };
            // Read as each answer arrives, not as arrows move the choice: the list stays put
            // under the keyboard.
            chosen.with_untracked(|c| offered(c.as_ref(), matches))
        })
    });
    let status = move || {
        if answer.busy.get() {
            return t!(i18n, gdap.customer_searching).into_any();
        }
        let number = move |n: u64| format::number(n, format::locale_tag(i18n));
        answer.state.with(|s| match s {
            ListState::Loading => t!(i18n, gdap.customer_searching).into_any(),
            ListState::Failed(e) => error_message(i18n, e.kind()).into_any(),
            ListState::Ready(page) => {
                let text = searched.get_untracked();
                match summary(&text, page.items.len(), page.total_count) {
                    Summary::NoCustomers => t!(i18n, gdap.customer_none).into_any(),
                    Summary::NoMatch => {
                        t!(i18n, gdap.customer_no_match, text = move || text.clone()).into_any()
                    }
                    Summary::All { count } => t!(
                        i18n,
                        gdap.customer_matches_all,
                        count = move || number(count)
                    )
                    .into_any(),
                    Summary::Some { shown, total } => t!(
                        i18n,
                        gdap.customer_matches_some,
                        shown = move || number(shown),
                        total = move || number(total)
                    )
                    .into_any(),
                }
            }
        })
    };
    let failed = move || answer.state.with(|s| matches!(s, ListState::Failed(_)));
    let invalid = move || error.with(Option::is_some).to_string();
    view! {
        <fieldset class="field radios customer-picker" aria-describedby="gdap-customer-error">
            <legend>{t!(i18n, gdap.customer_label)}</legend>
            <label for=SEARCH_ID>{t!(i18n, gdap.customer_search_label)}</label>
            <input
                id=SEARCH_ID
                type="search"
                autocomplete="off"
                spellcheck="false"
                maxlength=FILTER_MAX_LEN
                aria-controls="gdap-customer-choices"
                aria-invalid=invalid
                aria-describedby="gdap-customer-search-help gdap-customer-status gdap-customer-error"
                prop:value=move || typed.get()
                on:input=on_input
                on:keydown=on_keydown
            />
            <p id="gdap-customer-search-help" class="help">{t!(i18n, gdap.customer_search_help)}</p>
            <div
                id="gdap-customer-choices"
                class="customer-choices"
                aria-busy=move || answer.busy.get().to_string()
            >
                <div class="radio-field">
                    <input
                        type="radio"
                        name="gdap-customer"
                        id="gdap-customer-any"
                        prop:checked=move || chosen.with(Option::is_none)
                        on:change=move |_| chosen.set(None)
                    />
                    <label for="gdap-customer-any">{t!(i18n, gdap.any_customer_option)}</label>
                </div>
                <For each=move || choices.get() key=|c| c.id.clone() let:c>
                    <CustomerChoice customer=c chosen />
                </For>
            </div>
            <p id="gdap-customer-status" class="status" role="status">{status}</p>
            <Show when=failed>
                <button type="button" class="button small" on:click=move |_| answer.reload()>
                    {t!(i18n, common.retry)}
                </button>
            </Show>
            <p id="gdap-customer-error" class="field-error">{error}</p>
        </fieldset>
    }
}

/// One customer as a radio button, described by its domain.
#[component]
fn CustomerChoice(customer: Choice, chosen: RwSignal<Option<Choice>>) -> impl IntoView {
    let input_id = format!("gdap-customer-{}", customer.id);
    let domain_id = format!("{input_id}-domain");
    let id = customer.id.clone();
    let name = customer.name.clone();
    let domain = customer.domain.clone();
    view! {
        <div class="radio-field customer-choice">
            <input
                type="radio"
                name="gdap-customer"
                id=input_id.clone()
                aria-describedby=domain_id.clone()
                prop:checked=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.id == id))
                on:change=move |_| chosen.set(Some(customer.clone()))
            />
            <label for=input_id>{name}</label>
            <span id=domain_id class="domain">{domain}</span>
        </div>
    }
}
