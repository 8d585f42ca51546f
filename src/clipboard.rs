//! Copying text: the Clipboard API where the browser offers and allows it; otherwise the caller
//! selects the text and asks the user to press Ctrl+C / ⌘C.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard. `false` when the API is missing or the browser refused.
pub async fn write_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let has_api = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !has_api {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

/// Selects the whole content of the text area with `id` and focuses it (the fallback).
pub fn select_all(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        let _ = el.focus();
        el.select();
    }
}
