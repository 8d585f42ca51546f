//! Step 2: "Customer list | Create a relationship request". The server has created the
//! invitation; the partner edits the e-mail, opens it in a mail program or copies it, then Done.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_contract::paths;
use portal_contract::{Cloud, Invitation};

use crate::api::ApiClient;
use crate::clipboard;
use crate::components::loaded::Loaded;
use crate::components::page_title::use_page_title;
use crate::flash::{Flash, FlashMessage};
use crate::format;
use crate::i18n::*;
use crate::invitation::draft::portal_name;
use crate::invitation::{EmailDraft, MAILTO_SOFT_LIMIT, contains_link, mailto, restore_link};
use crate::routes;
use crate::session::Session;

const TEXT_ID: &str = "email-text";

#[component]
pub fn EmailDraftPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    use_page_title(move || t_string!(i18n, invite.draft_title).to_string());
    let invitation = LocalResource::new(move || {
        let api = api.clone();
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        async move {
            api.get::<Invitation>(&paths::relationship_request(&id), &[], None)
                .await
        }
    });
    view! {
        <h1>{t!(i18n, invite.draft_title)}</h1>
        <Loaded
            resource=invitation
            loading=move || view! { <p class="status" role="status">{t!(i18n, invite.loading_invitation)}</p> }
            let:inv
        >
            <DraftEditor invitation=inv />
        </Loaded>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Fallback,
}

#[component]
fn DraftEditor(invitation: Invitation) -> impl IntoView {
    let i18n = use_i18n();
    let Some(link) = invitation.link.clone() else {
        return view! {
            <p class="notice">{t!(i18n, invite.not_pending)}</p>
            <p><a href=routes::INVITATIONS>{t!(i18n, invite.list_title)}</a></p>
        }
        .into_any();
    };
    let me = expect_context::<Session>().me();
    let partner = me
        .as_ref()
        .map(|m| m.organization.name.clone())
        .unwrap_or_default();
    let cloud = me
        .and_then(|m| m.organization.cloud)
        .unwrap_or(Cloud::Public);
    let lang = invitation.language;
    let draft = EmailDraft::new(
        lang,
        &partner,
        &link,
        portal_name(cloud, lang),
        invitation.allow_delegated_access,
        &format::date(&invitation.expires_at, format::language_tag(lang)),
    );
    let subject = draft.subject;
    let to = invitation.customer_email;
    let text = RwSignal::new(draft.body);
    let link = StoredValue::new(link);
    let link_ok = Memo::new(move |_| text.with(|t| link.with_value(|l| contains_link(t, l))));
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
    let navigate = use_navigate();
    let flash = expect_context::<Flash>();
    let done = move |_| {
        flash.show(FlashMessage::InvitationSent);
        navigate(routes::CUSTOMERS, Default::default());
    };
    let html_lang = match lang {
        portal_contract::Language::En => "en",
        portal_contract::Language::Hu => "hu",
    };

    view! {
        <p class="subtitle">{t!(i18n, invite.draft_intro)}</p>
        <div class="field">
            <label for=TEXT_ID>{t!(i18n, invite.email_text)}</label>
            <textarea
                id=TEXT_ID
                class="email-text"
                rows="18"
                lang=html_lang
                spellcheck="true"
                aria-describedby="link-check"
                bind:value=text
            ></textarea>
        </div>
        <div id="link-check" role="alert">
            {move || (!link_ok.get()).then(|| view! {
                <div class="notice warning">
                    <p>{t!(i18n, invite.link_missing)}</p>
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
            <button type="button" class="button primary" disabled=move || !link_ok.get() on:click=done>
                {t!(i18n, invite.done)}
            </button>
        </div>
        <p class="copy-status" role="status">
            {move || match copy_state.get() {
                CopyState::Idle => String::new(),
                CopyState::Copied => t_string!(i18n, invite.copied).to_string(),
                CopyState::Fallback => t_string!(i18n, invite.copy_fallback).to_string(),
            }}
        </p>
    }
    .into_any()
}
