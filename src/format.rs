//! Dates and numbers through the browser's Intl (no formatting library in the wasm).

use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Locale;

/// The contract's language of an interface locale (e-mail drafts, audit sentences).
pub fn language(locale: Locale) -> portal_contract::Language {
    match locale {
        Locale::en => portal_contract::Language::En,
        Locale::hu => portal_contract::Language::Hu,
    }
}

/// The BCP 47 tag Intl formats the current language with (tracked: text re-renders on switch).
pub fn locale_tag(i18n: leptos_i18n::I18nContext<Locale>) -> &'static str {
    language_tag(language(i18n.get_locale()))
}

/// The tag for text written in `language` whatever the interface shows (the e-mail draft).
pub fn language_tag(language: portal_contract::Language) -> &'static str {
    match language {
        portal_contract::Language::En => "en-GB",
        portal_contract::Language::Hu => "hu-HU",
    }
}

/// An RFC 3339 time as a date in `locale` (`en-GB`, `hu-HU`); the input itself when unparsable.
pub fn date(rfc3339: &str, locale: &str) -> String {
    formatted(rfc3339, locale, Style::Date)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Date,
    DateTime,
}

thread_local! {
    /// One `Intl.DateTimeFormat` per locale and style: building one costs far more than using
    /// it, and a page formats a date in every row.
    static FORMATS: RefCell<Vec<(String, Style, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

fn formatter(locale: &str, style: Style) -> js_sys::Function {
    FORMATS.with_borrow_mut(|formats| {
        if let Some((_, _, f)) = formats.iter().find(|(l, s, _)| l == locale && *s == style) {
            return f.clone();
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        if style == Style::DateTime {
            let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        }
        let locales = js_sys::Array::of1(&JsValue::from_str(locale));
        let intl = js_sys::Intl::DateTimeFormat::new(&locales, &options);
        // `format` is a getter returning a function bound to its formatter.
        let f: js_sys::Function = js_sys::Reflect::get(&intl, &"format".into())
            .map(Into::into)
            .unwrap_or_else(|_| js_sys::Function::new_no_args("return ''"));
        formats.push((locale.to_owned(), style, f.clone()));
        f
    })
}

fn formatted(rfc3339: &str, locale: &str, style: Style) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    formatter(locale, style)
        .call1(&JsValue::NULL, &d)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| rfc3339.to_owned())
}

/// Builds the date formatter of `locale` (`en-GB`, `hu-HU`), and formats a count once, on the
/// next turn of the event loop, after the requests a page starts as it mounts have left: the
/// browser's first `Intl.DateTimeFormat` loads its locale data (15–25 ms measured on the
/// 1,000-row page), and its first number in a locale 5–10 ms more (the pager's counts, right
/// after the rows), which is better spent while the answer is on its way than after it came.
pub fn prepare_formatters(locale: &'static str) {
    leptos::prelude::set_timeout(
        move || {
            formatter(locale, Style::Date);
            number(0, locale);
        },
        std::time::Duration::ZERO,
    );
}

/// Many RFC 3339 times as dates in `locale`, in order, in one call into the browser: the times
/// go in as one string, JavaScript's own `Array.prototype.map` runs `Date.parse` and the
/// formatter over them, and one string comes back, where [`date`] crosses between wasm and
/// JavaScript about eight times per date. One at a time when any of them does not parse.
pub fn dates(times: &[&str], locale: &str) -> Vec<String> {
    if times.is_empty() {
        return Vec::new();
    }
    let batch = || -> Option<Vec<String>> {
        // An RFC 3339 time holds no line break; one that does is caught by the count below.
        let list = js_sys::JsString::from(times.join("\n")).split("\n");
        let map: js_sys::Function = js_sys::Reflect::get(&list, &"map".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let instants = map.call1(&list, &date_parse()).ok()?;
        // A time that did not parse is NaN, which the formatter refuses with a RangeError.
        let formatted: js_sys::Array = map
            .call1(&instants, &formatter(locale, Style::Date))
            .ok()?
            .dyn_into()
            .ok()?;
        let joined = String::from(formatted.join("\n"));
        let out: Vec<String> = joined.split('\n').map(str::to_owned).collect();
        (out.len() == times.len()).then_some(out)
    };
    batch().unwrap_or_else(|| times.iter().map(|t| date(t, locale)).collect())
}

/// JavaScript's `Date.parse`.
fn date_parse() -> JsValue {
    thread_local! {
        static PARSE: JsValue = js_sys::Reflect::get(&js_sys::Date::new_0().constructor(), &"parse".into())
            .unwrap_or(JsValue::UNDEFINED);
    }
    PARSE.with(Clone::clone)
}

/// A count with the locale's digit grouping ("100,000", "100 000").
pub fn number(n: u64, locale: &str) -> String {
    String::from(js_sys::Number::from(n as f64).to_locale_string(locale))
}

/// An RFC 3339 time as date and time in `locale`; the input itself when unparsable.
pub fn date_time(rfc3339: &str, locale: &str) -> String {
    formatted(rfc3339, locale, Style::DateTime)
}
