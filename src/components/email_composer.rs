//! An editable e-mail that carries a link the customer must receive unchanged (the invitation
//! and the approval request): the text, the link guard (a warning and **Restore link** once
//! the link is changed or gone, with **Open in email** and **Copy to clipboard** disabled
//! meanwhile), a note when the `mailto:` URL grows too long, and the copy's live result.

use leptos::prelude::*;

use crate::clipboard;
use crate::i18n::*;
use crate::invitation::{MAILTO_SOFT_LIMIT, contains_link, mailto, restore_link};

const TEXT_ID: &str = "email-text";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Fallback,
}

/// Whether the composer's link is still whole, for the page's own buttons (Done).
#[derive(Clone, Copy)]
pub struct LinkIntact(pub Memo<bool>);

/// - `text`: the e-mail's body, two-way.
/// - `link`: what must stay in it.
/// - `to`, `subject`: for the `mailto:` URL.
/// - `lang`: the language the e-mail is written in (`en`, `hu`), for spelling and reading.
/// - `link_missing`: what a broken link means for this e-mail.
/// - `children`: more actions after Open in email and Copy (they read [`LinkIntact`]).
#[component]
pub fn EmailComposer(
    text: RwSignal<String>,
    link: String,
    #[prop(default = None)] to: Option<String>,
    subject: String,
    lang: &'static str,
    /// What a broken link means, when not the invitation's ("The invitation link was removed…").
    #[prop(optional)]
    link_missing: Option<ViewFn>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = StoredValue::new(link);
    let link_ok = Memo::new(move |_| text.with(|t| link.with_value(|l| contains_link(t, l))));
    provide_context(LinkIntact(link_ok));
    let href = Memo::new(move |_| text.with(|t| mailto(to.as_deref(), &subject, t)));
    let copy_state = RwSignal::new(CopyState::Idle);
    Effect::new(move |_| {
        text.track();
        copy_state.set(CopyState::Idle);
    });
    let copy = Action::new_local(move |_: &()| async move {
        let ok = clipboard::write_text(&text.get_untracked()).await;
        if !ok {
            clipboard::select_all(TEXT_ID);
        }
        copy_state.set(if ok {
            CopyState::Copied
        } else {
            CopyState::Fallback
        });
    });
    view! {
        <div class="field">
            <label for=TEXT_ID>{t!(i18n, invite.email_text)}</label>
            <textarea
                id=TEXT_ID
                class="email-text"
                rows="18"
                lang=lang
                spellcheck="true"
                aria-describedby="link-check"
                bind:value=text
            ></textarea>
        </div>
        <div id="link-check" role="alert">
            {move || (!link_ok.get()).then(|| view! {
                <div class="notice warning">
                    <p>{match link_missing.clone() {
                        Some(text) => text.run(),
                        None => t!(i18n, invite.link_missing).into_any(),
                    }}</p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| text.update(|t| *t = link.with_value(|l| restore_link(t, l)))
                    >
                        {t!(i18n, invite.restore_link)}
                    </button>
                </div>
            })}
        </div>
        {move || (link_ok.get() && href.with(|h| h.len() > MAILTO_SOFT_LIMIT)).then(|| view! {
            <p class="notice">{t!(i18n, invite.too_long_for_mailto)}</p>
        })}
        <div class="actions">
            {move || if link_ok.get() {
                view! { <a class="button" href=move || href.get()>{t!(i18n, invite.open_in_email)}</a> }.into_any()
            } else {
                view! { <button type="button" class="button" disabled>{t!(i18n, invite.open_in_email)}</button> }.into_any()
            }}
            <button type="button" class="button" disabled=move || !link_ok.get() on:click=move |_| { copy.dispatch(()); }>
                {t!(i18n, invite.copy)}
            </button>
            {children.map(|c| c())}
        </div>
        <p class="copy-status" role="status">
            {move || match copy_state.get() {
                CopyState::Idle => String::new(),
                CopyState::Copied => t_string!(i18n, invite.copied).to_string(),
                CopyState::Fallback => t_string!(i18n, invite.copy_fallback).to_string(),
            }}
        </p>
    }
}
