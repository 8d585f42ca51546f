//! A confirmation before an action that cannot be undone: a button opens it beside the button
//! (or in its place), focus moves into it and stays there (Tab and Shift+Tab go round its
//! controls), Escape or Cancel closes it, and focus goes back to the button that opened it.

use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use wasm_bindgen::JsCast;

/// Ids for the confirmation's title and text, unique on the page.
fn next_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("confirm-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// What the focus trap does with a Tab press: go round to the other end, or leave it be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    ToFirst,
    ToLast,
    None,
}

/// Where Tab goes from the control at `at` of `count` (`back`: Shift+Tab).
pub fn tab_wrap(at: Option<usize>, count: usize, back: bool) -> Wrap {
    match (at, back) {
        _ if count == 0 => Wrap::None,
        (Some(0), true) | (None, true) => Wrap::ToLast,
        (Some(i), false) if i + 1 == count => Wrap::ToFirst,
        (None, false) => Wrap::ToFirst,
        _ => Wrap::None,
    }
}

/// The controls that take focus inside `container`, in order.
fn focusable(container: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = container.query_selector_all(
        "button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled])",
    ) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// A button that opens a confirmation of what it does.
#[component]
pub fn Confirm(
    /// The text of the button that opens the confirmation.
    #[prop(into)]
    trigger: Signal<String>,
    /// The classes of that button.
    #[prop(optional, into)]
    trigger_class: MaybeProp<String>,
    /// The confirmation takes the button's place while open, instead of opening below it.
    #[prop(optional)]
    in_place: bool,
    /// The confirmation's title, which names it; without one it is named after the button.
    #[prop(optional, into)]
    title: Option<ViewFn>,
    /// What will happen (the question and its consequences); it describes the confirmation.
    children: ChildrenFn,
    /// The text of the button that goes ahead ("Revoke invitation", or "Revoking…" meanwhile).
    #[prop(into)]
    confirm: Signal<String>,
    /// The text of the button that closes the confirmation.
    #[prop(into)]
    cancel: Signal<String>,
    /// Runs when the person confirms.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// The action is under way: the confirming button is disabled.
    #[prop(optional, into)]
    pending: Signal<bool>,
    /// Why the action failed, announced inside the confirmation.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// The classes of the confirmation's box.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let opener = NodeRef::<html::Button>::new();
    let dialog = NodeRef::<html::Div>::new();
    let id = next_id();
    let (title_id, text_id) = (format!("{id}-title"), format!("{id}-text"));
    let has_title = title.is_some();
    let show = move |_| {
        open.set(true);
        // After the confirmation is drawn: focus its least harmful choice, Cancel.
        request_animation_frame(move || {
            if let Some(last) = dialog.get_untracked().and_then(|d| focusable(&d).pop()) {
                let _ = last.focus();
            }
        });
    };
    let close = move || {
        open.set(false);
        request_animation_frame(move || {
            if let Some(button) = opener.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close();
        }
        "Tab" => {
            let Some(container) = dialog.get_untracked() else {
                return;
            };
            let controls = focusable(&container);
            let active = document().active_element();
            let at = controls.iter().position(|c| {
                active
                    .as_ref()
                    .is_some_and(|a| a == c.unchecked_ref::<web_sys::Element>())
            });
            let target = match tab_wrap(at, controls.len(), ev.shift_key()) {
                Wrap::ToFirst => controls.first(),
                Wrap::ToLast => controls.last(),
                Wrap::None => None,
            };
            if let Some(target) = target {
                ev.prevent_default();
                let _ = target.focus();
            }
        }
        _ => {}
    };
    let trigger_class = move || {
        trigger_class
            .get()
            .unwrap_or_else(|| "button small".to_owned())
    };
    let box_class = move || class.get().unwrap_or_else(|| "confirm".to_owned());
    view! {
        <button
            type="button"
            class=trigger_class
            node_ref=opener
            hidden=move || in_place && open.get()
            aria-expanded=move || (!in_place).then(|| open.get().to_string())
            on:click=show
        >
            {trigger}
        </button>
        {move || open.get().then(|| {
            let title = title.clone();
            let (title_id, text_id) = (title_id.clone(), text_id.clone());
            let labelled_by = has_title.then(|| title_id.clone());
            let described_by = text_id.clone();
            view! {
                <div
                    class=box_class
                    role="alertdialog"
                    node_ref=dialog
                    aria-label=move || (!has_title).then(|| trigger.get())
                    aria-labelledby=labelled_by
                    aria-describedby=described_by
                    on:keydown=on_keydown
                >
                    {title.map(|t| view! { <p id=title_id><strong>{t.run()}</strong></p> })}
                    <div id=text_id>{children()}</div>
                    <div class="actions">
                        <button
                            type="button"
                            class="button danger"
                            disabled=move || pending.get()
                            on:click=move |_| on_confirm.run(())
                        >
                            {confirm}
                        </button>
                        <button type="button" class="button" on:click=move |_| close()>
                            {cancel}
                        </button>
                    </div>
                    {move || error.get().map(|e| view! { <p role="alert">{e}</p> })}
                </div>
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_goes_round_at_either_end() {
        assert_eq!(tab_wrap(Some(1), 2, false), Wrap::ToFirst);
        assert_eq!(tab_wrap(Some(0), 2, true), Wrap::ToLast);
        assert_eq!(tab_wrap(Some(0), 2, false), Wrap::None);
        assert_eq!(tab_wrap(Some(1), 2, true), Wrap::None);
        assert_eq!(tab_wrap(None, 2, false), Wrap::ToFirst);
        assert_eq!(tab_wrap(None, 0, true), Wrap::None);
    }
}
