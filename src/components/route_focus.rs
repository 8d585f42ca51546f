//! Focus after a move to another page, as the Microsoft 365 admin center and GOV.UK do it: the
//! new page's main heading takes focus, so a screen reader announces it and the next Tab starts
//! in the page instead of at the top of the document. The first load leaves focus alone (the
//! skip link is then the first Tab), and so does a page that put focus somewhere itself.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long to wait for a heading that renders when its data arrives.
const TRIES: u32 = 60;
const EVERY: Duration = Duration::from_millis(50);

/// Watches the path (not the query: a search or a new page of a list keeps focus where it is).
#[component]
pub fn RouteFocus() -> impl IntoView {
    let location = use_location();
    let generation = StoredValue::new(0u64);
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            let ticket = generation.try_update_value(|g| {
                *g += 1;
                *g
            });
            let before = document().active_element();
            focus_heading(ticket.unwrap_or_default(), generation, before, TRIES);
        }
        path
    });
}

/// Focuses the page's `<h1>` once it is there, unless the page moved on or focus went
/// elsewhere meanwhile; without one in time, the main region.
fn focus_heading(
    ticket: u64,
    generation: StoredValue<u64>,
    before: Option<web_sys::Element>,
    tries_left: u32,
) {
    set_timeout(
        move || {
            if generation.try_get_value() != Some(ticket) {
                return;
            }
            let doc = document();
            let active = doc.active_element();
            let moved = active.is_some()
                && active != before
                && active.as_ref() != doc.body().as_ref().map(AsRef::as_ref);
            if moved {
                return;
            }
            let target = match doc.query_selector("#main h1").ok().flatten() {
                Some(h1) => h1,
                None if tries_left > 0 => {
                    return focus_heading(ticket, generation, before, tries_left - 1);
                }
                None => match doc.get_element_by_id("main") {
                    Some(main) => main,
                    None => return,
                },
            };
            if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
                if !el.has_attribute("tabindex") {
                    let _ = el.set_attribute("tabindex", "-1");
                }
                let options = web_sys::FocusOptions::new();
                // Back/Forward restore the scroll position; focus must not undo it.
                options.set_prevent_scroll(true);
                let _ = el.focus_with_options(&options);
            }
        },
        EVERY,
    );
}
