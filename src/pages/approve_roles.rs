//! **Approve partner roles**: what a granular admin approval link opens in the customer's
//! portal. Partner information, "Granular admin access", the relationship's name, every role
//! with its description, the duration, and **Approve all** / Cancel for a Global admin; anyone
//! else is told who can approve. Each refusal has its own message.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use portal_contract::ErrorCode;
use portal_contract::gdap::ApprovalPreview;

use crate::api::{ApiClient, ApiError};
use crate::components::error_panel::error_message;
use crate::components::frame::Portal;
use crate::components::loaded::Loaded;
use crate::components::page_title::use_page_title;
use crate::flash::{Flash, FlashMessage};
use crate::format;
use crate::gdap::messages::approval_refusal;
use crate::gdap::roles::text;
use crate::hungarian::in_sentence;
use crate::i18n::*;
use crate::pages::admin_relationships::duration_text;
use crate::pages::request_relationship::country_name;
use crate::routes;

type I18n = leptos_i18n::I18nContext<Locale>;

/// The token in the link's fragment (`#token=…`; a bare fragment is read as the token too).
pub fn token_of(hash: &str) -> String {
    let fragment = hash.trim_start_matches('#');
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix("token="))
        .unwrap_or(fragment)
        .to_owned()
}

/// The refusal a code stands for, if it is one the page explains on its own.
fn refusal_text(i18n: I18n, code: ErrorCode) -> Option<&'static str> {
    approval_refusal(i18n.get_locale(), code)
}

#[component]
fn Refused(code: ErrorCode) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, gdap.refused_title)}</h1>
        <p class="notice warning" role="alert">{move || refusal_text(i18n, code)}</p>
    }
}

#[component]
pub fn ApproveRolesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let location = use_location();
    use_page_title(move || t_string!(i18n, gdap.approve_title).to_string());
    let token = Memo::new(move |_| token_of(&location.hash.get()));
    let preview = LocalResource::new(move || {
        let api = api.clone();
        let token = token.get();
        async move { api.lookup_approval(&token).await }
    });
    let refused = RwSignal::new(None::<ErrorCode>);
    view! {
        <Show
            when=move || refused.get().is_none()
            fallback=move || refused.get().map(|code| view! { <Refused code /> })
        >
            <Loaded
                resource=preview
                loading=move || view! { <p class="status" role="status">{t!(i18n, gdap.approve_checking)}</p> }
                error_heading=move || view! { <h1>{t!(i18n, gdap.approve_title)}</h1> }
                explain=move |error: ApiError| {
                    error
                        .code()
                        .filter(|c| refusal_text(i18n, *c).is_some())
                        .map(|code| view! { <Refused code /> }.into_any())
                }
                let:p
            >
                <Approval preview=p token=token.get_untracked() refused />
            </Loaded>
        </Show>
    }
}

#[component]
fn Approval(
    preview: ApprovalPreview,
    token: String,
    refused: RwSignal<Option<ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let portal = expect_context::<Portal>();
    let flash = expect_context::<Flash>();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<ApiError>);
    let p = preview;
    let (partner, name) = (p.partner_name.clone(), p.display_name.clone());
    let approve = Action::new_local(move |_: &()| {
        let (api, token, navigate) = (api.clone(), token.clone(), navigate.clone());
        let (partner, name) = (partner.clone(), name.clone());
        async move {
            match api.approve_admin_relationship(&token).await {
                Ok(r) => {
                    flash.show(FlashMessage::RolesApproved {
                        partner,
                        name,
                        ends: r.end_date_time.unwrap_or_default(),
                    });
                    navigate(&routes::portal_partners(portal.base()), Default::default());
                }
                Err(e) => match e.code().filter(|c| refusal_text(i18n, *c).is_some()) {
                    Some(code) => refused.set(Some(code)),
                    None => failure.set(Some(e)),
                },
            }
        }
    });
    let partner_name = p.partner_name.clone();
    let country = p.partner_country.clone();
    let (duration, auto) = (p.duration.clone(), p.auto_extend_duration.clone());
    let auto_extends = portal_contract::gdap::DayDuration::parse(&auto).is_some_and(|d| d.0 > 0);
    let roles = StoredValue::new(p.roles.clone());
    let cancel_href = routes::portal_partners(portal.base());
    view! {
        <p class="subtitle">{p.customer_name.clone()}</p>
        <h1>{t!(i18n, gdap.approve_title)}</h1>
        <p>{t!(i18n, gdap.approve_intro, partner = move || in_sentence(i18n.get_locale(), &partner_name, false))}</p>
        <h2>{t!(i18n, gdap.partner_information)}</h2>
        <p>{p.partner_name.clone()}<br />{move || country_name(i18n, &country)}</p>
        <h2>{t!(i18n, gdap.relationship_type)}</h2>
        <p>{t!(i18n, gdap.granular_access)}</p>
        <h2>{t!(i18n, gdap.relationship_name)}</h2>
        <p>{p.display_name.clone()}</p>
        <h2>{t!(i18n, gdap.col_roles)}</h2>
        <p>{t!(i18n, gdap.roles_intro)}</p>
        <dl class="role-list">
            {move || {
                let language = format::language(i18n.get_locale());
                roles.with_value(|rs| {
                    rs.iter()
                        .map(|r| view! {
                            <dt>{text(&r.display_name, language).to_owned()}</dt>
                            <dd>{text(&r.description, language).to_owned()}</dd>
                        })
                        .collect_view()
                })
            }}
        </dl>
        <h2>{t!(i18n, gdap.duration)}</h2>
        <p>{duration_text(i18n, &duration)}</p>
        {auto_extends.then(|| view! { <p>{t!(i18n, gdap.auto_extend_note)}</p> })}
        {if p.viewer_is_global_admin {
            view! {
                <div class="form-error" role="alert">
                    {move || failure.get().map(|e| view! { <p>{error_message(i18n, e.kind())}</p> })}
                </div>
                <div class="actions">
                    <button
                        type="button"
                        class="button primary"
                        disabled=move || approve.pending().get()
                        on:click=move |_| { approve.dispatch(()); }
                    >
                        {move || if approve.pending().get() { t_string!(i18n, gdap.approving) } else { t_string!(i18n, gdap.approve_all) }}
                    </button>
                    <a class="button" href=cancel_href>{t!(i18n, gdap.cancel)}</a>
                </div>
            }
            .into_any()
        } else {
            view! { <p class="notice warning" role="alert">{t!(i18n, gdap.approve_not_global_admin)}</p> }.into_any()
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_comes_from_the_fragment() {
        assert_eq!(token_of("#token=abc_DEF-1"), "abc_DEF-1");
        assert_eq!(token_of("#x=1&token=t2"), "t2");
        assert_eq!(token_of("#bare"), "bare");
        assert_eq!(token_of(""), "");
    }
}
