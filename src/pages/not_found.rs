//! Any address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_title::use_page_title;
use crate::i18n::*;
use crate::routes;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, common.not_found_title).to_string());
    view! {
        <main id="main" class="narrow">
            <h1>{t!(i18n, common.not_found_title)}</h1>
            <p>{t!(i18n, common.not_found_text)}</p>
            <p>
                <A href=routes::CUSTOMERS>{t!(i18n, common.not_found_back)}</A>
            </p>
        </main>
    }
}
