//! Answers the page's inline script asked for before the app started (`config.json`, the
//! session), so a first visit does not wait for them one after the other once the wasm has
//! arrived. The script (`xtask/src/build/page.rs`) keeps each `fetch` promise in the global map
//! `__prefetched`, by the address the app asks for; an answer is taken once, so a retry asks the
//! network again. Without the map (`trunk serve`), or for another address, there is nothing to
//! take and the app asks itself.

use gloo_net::http::Response;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The global the inline script fills.
const GLOBAL: &str = "__prefetched";

/// The answer to `GET url` the page already asked for, if any: the response, or `Err` when
/// none came (offline, refused).
pub async fn take(url: &str) -> Option<Result<Response, ()>> {
    let promise = take_promise(url)?;
    let answer = JsFuture::from(promise).await.map_err(|_| ());
    Some(answer.and_then(|value| {
        value
            .dyn_into::<web_sys::Response>()
            .map(Response::from)
            .map_err(|_| ())
    }))
}

fn take_promise(url: &str) -> Option<js_sys::Promise> {
    let map: js_sys::Map = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(GLOBAL))
        .ok()?
        .dyn_into()
        .ok()?;
    let key = JsValue::from_str(url);
    let answer = map.get(&key);
    map.delete(&key);
    answer.dyn_into().ok()
}
