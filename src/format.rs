//! Dates through the browser's Intl (no date library in the wasm).

use wasm_bindgen::JsValue;

use crate::i18n::Locale;

/// The BCP 47 tag Intl formats the current language with (tracked: text re-renders on switch).
pub fn locale_tag(i18n: leptos_i18n::I18nContext<Locale>) -> &'static str {
    match i18n.get_locale() {
        Locale::en => "en-GB",
        Locale::hu => "hu-HU",
    }
}

/// An RFC 3339 time as a date in `locale` (`en-GB`, `hu-HU`); the input itself when unparsable.
pub fn date(rfc3339: &str, locale: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    String::from(d.to_locale_date_string(locale, &options))
}

/// A count with the locale's digit grouping ("100,000", "100 000").
pub fn number(n: u64, locale: &str) -> String {
    String::from(js_sys::Number::from(n as f64).to_locale_string(locale))
}

/// An RFC 3339 time as date and time in `locale`; the input itself when unparsable.
pub fn date_time(rfc3339: &str, locale: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    String::from(d.to_locale_string(locale, &options))
}
