//! **Select Microsoft Entra roles**: a modal `<dialog>` (the page behind it is inert, Escape
//! closes it, focus returns to the button that opened it) with a search box and the catalogue's
//! roles as checkboxes in named groups, each described by its one-line description. Save hands
//! the choice back; Close and Escape drop it.

use leptos::html;
use leptos::prelude::*;
use portal_contract::gdap::RoleDefinition;

use crate::format;
use crate::gdap::roles::{grouped, text};
use crate::i18n::*;

/// The dialog; `open` shows it, and is set back when it closes. `chosen` is the form's choice,
/// which Save replaces.
#[component]
pub fn RoleDialog(
    open: RwSignal<bool>,
    catalogue: StoredValue<Vec<RoleDefinition>>,
    chosen: RwSignal<Vec<String>>,
    /// Where focus goes when the dialog closes (the button that opened it).
    opener: NodeRef<html::Button>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Dialog>::new();
    let search_box = NodeRef::<html::Input>::new();
    let draft = RwSignal::new(Vec::<String>::new());
    let search = RwSignal::new(String::new());
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        draft.set(chosen.get_untracked());
        search.set(String::new());
        if let Some(d) = dialog.get_untracked()
            && !d.open()
        {
            let _ = d.show_modal();
            if let Some(input) = search_box.get_untracked() {
                let _ = input.focus();
            }
        }
    });
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    // Escape and `close()` both end here.
    let on_close = move |_| {
        open.set(false);
        if let Some(button) = opener.get_untracked() {
            let _ = button.focus();
        }
    };
    let save = move |_| {
        chosen.set(draft.get_untracked());
        close();
    };
    let toggle = move |id: String, on: bool| {
        draft.update(|d| {
            d.retain(|x| *x != id);
            if on {
                d.push(id);
            }
        })
    };
    let groups = move || {
        let language = format::language(i18n.get_locale());
        let needle = search.get();
        catalogue.with_value(|c| {
            let groups = grouped(c, &needle, language);
            if groups.is_empty() {
                return view! { <p class="empty">{t!(i18n, gdap.dialog_no_match)}</p> }.into_any();
            }
            groups
                .into_iter()
                .map(|g| {
                    let roles = g
                        .roles
                        .into_iter()
                        .map(|r| {
                            let id = r.id.clone();
                            let input_id = format!("role-{id}");
                            let desc_id = format!("role-{id}-description");
                            let checked_id = id.clone();
                            view! {
                                <div class="checkbox-field role-option">
                                    <input
                                        type="checkbox"
                                        id=input_id.clone()
                                        aria-describedby=desc_id.clone()
                                        prop:checked=move || draft.with(|d| d.contains(&checked_id))
                                        on:change=move |ev| toggle(id.clone(), event_target_checked(&ev))
                                    />
                                    <label for=input_id>{text(&r.display_name, language).to_owned()}</label>
                                    <p id=desc_id class="help">{text(&r.description, language).to_owned()}</p>
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="role-group">
                            <legend>{g.name.to_owned()}</legend>
                            {roles}
                        </fieldset>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <dialog class="role-dialog" node_ref=dialog aria-labelledby="role-dialog-title" on:close=on_close>
            <div class="dialog-head">
                <h2 id="role-dialog-title">{t!(i18n, gdap.select_roles)}</h2>
                <button type="button" class="button small" on:click=move |_| close()>
                    {t!(i18n, gdap.close)}
                </button>
            </div>
            <p>{t!(i18n, gdap.dialog_intro)}</p>
            <div class="field">
                <label for="role-search">{t!(i18n, gdap.dialog_search)}</label>
                <input
                    id="role-search"
                    type="search"
                    autocomplete="off"
                    node_ref=search_box
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <p class="status-line" role="status">
                {t!(i18n, gdap.dialog_selected, count = move || draft.with(Vec::len))}
            </p>
            <div class="role-groups">{groups}</div>
            <div class="actions">
                <button type="button" class="button primary" on:click=save>{t!(i18n, gdap.save)}</button>
                <button type="button" class="button" on:click=move |_| close()>{t!(i18n, gdap.cancel)}</button>
            </div>
        </dialog>
    }
}
