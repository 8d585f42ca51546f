//! English / Magyar. The choice is kept in a cookie (`saved_language`); the first visit follows
//! the browser's languages.

use leptos::prelude::*;

use crate::i18n::*;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let option = move |locale: Locale, lang: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang"
                lang=lang
                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                on:click=move |_| i18n.set_locale(locale)
            >
                {label}
            </button>
        }
    };
    view! {
        <div
            class="language-switch"
            role="group"
            aria-label=move || t_string!(i18n, common.language).to_string()
        >
            {option(Locale::en, "en", "English")}
            {option(Locale::hu, "hu", "Magyar")}
        </div>
    }
}
