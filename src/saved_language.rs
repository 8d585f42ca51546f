//! The reader's choice of language, kept across reloads in the `i18n_pref_locale` cookie; the
//! first visit follows the browser's languages. Kept here rather than by leptos_i18n's cookie
//! feature, which puts a cookie library and a calendar library (`time`) into the main bundle that
//! every page downloads, for one `name=value` pair.

use std::str::FromStr;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Locale;

/// The cookie's name (leptos_i18n's, so a choice made before this module existed still counts).
pub const COOKIE: &str = "i18n_pref_locale";

/// The value of the cookie `name` in a `document.cookie` string.
pub fn find<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    cookies.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

/// The `document.cookie` assignment that keeps `language` for every page of the site until the
/// browser closes.
pub fn assignment(language: &str) -> String {
    format!("{COOKIE}={language}; Path=/; SameSite=Lax")
}

/// The language saved by an earlier visit, if it is one the app speaks.
pub fn parse(cookies: &str) -> Option<Locale> {
    Locale::from_str(find(cookies, COOKIE)?).ok()
}

fn document() -> Option<web_sys::HtmlDocument> {
    leptos::prelude::document().dyn_into().ok()
}

/// Provides the translations' context, starting in the saved language (or the browser's), and
/// saves every change. Call before `I18nContextProvider`, which then uses this context.
pub fn provide() {
    let saved = document()
        .and_then(|d| d.cookie().ok())
        .and_then(|c| parse(&c));
    let i18n = leptos_i18n::context::init_i18n_subcontext::<Locale>(saved.map(Signal::stored));
    provide_context(i18n);
    Effect::new(move || {
        let chosen = i18n.get_locale();
        if let Some(d) = document() {
            let _ = d.set_cookie(&assignment(leptos_i18n::Locale::as_str(chosen)));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_saved_language_among_other_cookies() {
        assert_eq!(parse("a=b; i18n_pref_locale=hu; c=d"), Some(Locale::hu));
        assert_eq!(parse("i18n_pref_locale=en"), Some(Locale::en));
        assert_eq!(parse("x_i18n_pref_locale=hu"), None);
        assert_eq!(parse("i18n_pref_locale=de"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn saves_for_every_page_of_the_site() {
        assert_eq!(
            assignment("hu"),
            "i18n_pref_locale=hu; Path=/; SameSite=Lax"
        );
        assert_eq!(find(&assignment("hu"), COOKIE), Some("hu"));
    }
}
