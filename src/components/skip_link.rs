//! "Skip to main content": the first thing a keyboard reaches on every signed-in page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;

/// Moves focus to `<main id="main">` itself rather than following `#main`, which would
/// replace the URL's fragment (the acceptance page keeps its token there).
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a
            class="skip-link"
            href="#main"
            on:click=move |ev| {
                ev.prevent_default();
                if let Some(main) = document()
                    .get_element_by_id("main")
                    .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = main.focus();
                }
            }
        >
            {t!(i18n, common.skip_to_content)}
        </a>
    }
}
