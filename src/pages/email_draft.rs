//! Step 2: "Customer list | Create a relationship request". The server has created the
//! invitation; the partner edits the e-mail, opens it in a mail program or copies it, then Done.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_contract::paths;
use portal_contract::{Cloud, Invitation};

use crate::api::ApiClient;
use crate::components::email_composer::{EmailComposer, LinkIntact};
use crate::components::loaded::Loaded;
use crate::components::page_title::use_page_title;
use crate::flash::{Flash, FlashMessage};
use crate::format;
use crate::i18n::*;
use crate::invitation::EmailDraft;
use crate::invitation::draft::portal_name;
use crate::routes;
use crate::session::Session;

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
    let text = RwSignal::new(draft.body);
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
        <EmailComposer
            text
            link
            to=invitation.customer_email
            subject=draft.subject
            lang=html_lang
        >
            <DoneButton on_done=done.clone() />
        </EmailComposer>
    }
    .into_any()
}

/// Done, enabled while the link is whole.
#[component]
fn DoneButton(on_done: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let LinkIntact(link_ok) = expect_context();
    view! {
        <button type="button" class="button primary" disabled=move || !link_ok.get() on:click=on_done>
            {t!(i18n, invite.done)}
        </button>
    }
}
