//! Dates through the browser's Intl (no date library in the wasm).

use wasm_bindgen::JsValue;

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
