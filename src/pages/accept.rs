//! "Accept agreement & authorize partner": what the invitation link opens for a customer.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use portal_contract::{AcceptInvitation, ErrorCode, InvitationPreview};
use portal_contract::{PartnerRelationship, paths};

use crate::api::{ApiClient, ApiError};
use crate::components::error_panel::error_message;
use crate::components::frame::Portal;
use crate::components::loaded::Loaded;
use crate::components::page_title::use_page_title;
use crate::flash::{Flash, FlashMessage};
use crate::hungarian::in_sentence;
use crate::i18n::*;
use crate::pages::request_relationship::country_name;
use crate::routes;

/// Link to the agreement's text.
const AGREEMENT_URL: &str = "https://www.microsoft.com/licensing/docs/customeragreement";

/// The refusal a code stands for, if it is one the page explains on its own.
fn refusal_text(i18n: leptos_i18n::I18nContext<Locale>, code: ErrorCode) -> Option<String> {
    Some(match code {
        ErrorCode::InvitationUnknown => t_string!(i18n, portal.unknown).to_string(),
        ErrorCode::InvitationExpired => t_string!(i18n, portal.expired).to_string(),
        ErrorCode::InvitationRevoked => t_string!(i18n, portal.revoked).to_string(),
        ErrorCode::InvitationUsed => t_string!(i18n, portal.used).to_string(),
        ErrorCode::OutsideRegion => t_string!(i18n, portal.outside_region).to_string(),
        ErrorCode::AlreadyCustomer => t_string!(i18n, portal.already_customer).to_string(),
        ErrorCode::NotCustomerAccount => t_string!(i18n, portal.partner_account).to_string(),
        ErrorCode::NotGlobalAdmin => t_string!(i18n, portal.not_global_admin).to_string(),
        ErrorCode::AgreementRequired => t_string!(i18n, portal.agreement_missing).to_string(),
        _ => return None,
    })
}

/// Whether a refusal ends what this visitor can do with the link: after it the page shows no
/// action that cannot succeed. Only a missing agreement is put right on the page itself.
fn is_final(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::InvitationUnknown
            | ErrorCode::InvitationExpired
            | ErrorCode::InvitationRevoked
            | ErrorCode::InvitationUsed
            | ErrorCode::OutsideRegion
            | ErrorCode::AlreadyCustomer
            | ErrorCode::NotCustomerAccount
            | ErrorCode::NotGlobalAdmin
    )
}

/// The page of a link that cannot be used: what happened, and nothing to press.
#[component]
fn Refused(code: ErrorCode) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, portal.refused_title)}</h1>
        <p class="notice warning" role="alert">{move || refusal_text(i18n, code)}</p>
    }
}

#[component]
pub fn AcceptPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let location = use_location();
    use_page_title(move || t_string!(i18n, portal.accept_title).to_string());
    let token = Memo::new(move |_| location.hash.get().trim_start_matches('#').to_owned());
    let preview = LocalResource::new(move || {
        let api = api.clone();
        let token = token.get();
        async move { api.lookup_invitation(&token).await }
    });
    // Set when accepting is refused for good (the link was used meanwhile, say).
    let refused = RwSignal::new(None::<ErrorCode>);
    view! {
        <Show
            when=move || refused.get().is_none()
            fallback=move || refused.get().map(|code| view! { <Refused code /> })
        >
        <Loaded
            resource=preview
            loading=move || view! { <p class="status" role="status">{t!(i18n, portal.checking)}</p> }
            error_heading=move || view! { <h1>{t!(i18n, portal.accept_title)}</h1> }
            explain=move |error: ApiError| {
                error
                    .code()
                    .filter(|c| refusal_text(i18n, *c).is_some())
                    .map(|code| view! { <Refused code /> }.into_any())
            }
            let:p
        >
            <AcceptForm preview=p token=token.get_untracked() refused />
        </Loaded>
        </Show>
    }
}

#[component]
fn AcceptForm(
    preview: InvitationPreview,
    token: String,
    refused: RwSignal<Option<ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let portal = expect_context::<Portal>();
    let flash = expect_context::<Flash>();
    let navigate = use_navigate();
    let agreed = RwSignal::new(false);
    let agreement_missing = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let required = preview.agreement_required;
    let partner = preview.partner_name.clone();
    let accept = Action::new_local(move |body: &AcceptInvitation| {
        let api = api.clone();
        let body = body.clone();
        let navigate = navigate.clone();
        let partner = partner.clone();
        async move {
            match api
                .post::<_, Vec<PartnerRelationship>>(paths::INVITATION_ACCEPT, &body)
                .await
            {
                Ok(_) => {
                    flash.show(FlashMessage::PartnerAccepted(partner));
                    navigate(&routes::portal_partners(portal.base()), Default::default());
                }
                Err(e) => match e.code().filter(|c| is_final(*c)) {
                    Some(code) => refused.set(Some(code)),
                    None => failure.set(Some(e)),
                },
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        if required && !agreed.get_untracked() {
            agreement_missing.set(true);
            return;
        }
        accept.dispatch(AcceptInvitation {
            token: token.clone(),
            accept_customer_agreement: agreed.get_untracked(),
        });
    };
    let failure_text = move || {
        failure.get().map(|e| {
            e.code()
                .and_then(|c| refusal_text(i18n, c))
                .unwrap_or_else(|| error_message(i18n, e.kind()))
        })
    };
    let p = preview;
    let partner_name = p.partner_name.clone();
    let customer = p.customer_name.clone();
    let country = p.partner_country.clone();
    view! {
        <h1>{t!(i18n, portal.accept_title)}</h1>
        <dl class="facts">
            <dt>{t!(i18n, portal.partner)}</dt>
            <dd>{p.partner_name.clone()}</dd>
            <dt>{t!(i18n, portal.country)}</dt>
            <dd>{move || country_name(i18n, &country)}</dd>
        </dl>
        <p>{t!(i18n, portal.meaning, partner = move || in_sentence(i18n.get_locale(), &partner_name, true))}</p>
        {if p.allow_delegated_access {
            view! {
                <p>{t!(i18n, portal.admin_requested)}</p>
                <ul>
                    <li>{t!(i18n, portal.role_admin_agents)}</li>
                    <li>{t!(i18n, portal.role_helpdesk_agents)}</li>
                </ul>
            }.into_any()
        } else {
            view! { <p>{t!(i18n, portal.admin_not_requested)}</p> }.into_any()
        }}
        {if !p.viewer_is_global_admin {
            view! { <p class="notice warning" role="alert">{t!(i18n, portal.not_global_admin)}</p> }.into_any()
        } else {
            view! {
                <form class="form" on:submit=on_submit novalidate>
                    {required.then(|| {
                        let customer = customer.clone();
                        view! {
                            <p class="notice">{t!(i18n, portal.agreement_intro)}</p>
                            <p><a href=AGREEMENT_URL target="_blank" rel="noopener noreferrer">{t!(i18n, portal.agreement_link)}</a></p>
                            <div class="checkbox-field">
                                <input
                                    type="checkbox"
                                    id="agreement"
                                    aria-invalid=move || agreement_missing.get().to_string()
                                    aria-describedby="agreement-error"
                                    on:change=move |ev| { agreed.set(event_target_checked(&ev)); agreement_missing.set(false); }
                                />
                                <label for="agreement">{t!(i18n, portal.agreement_check, customer = move || in_sentence(i18n.get_locale(), &customer, false))}</label>
                            </div>
                            <p id="agreement-error" class="field-error">
                                {move || agreement_missing.get().then(|| t_string!(i18n, portal.agreement_missing).to_string())}
                            </p>
                        }
                    })}
                    <div class="form-error" role="alert">
                        {move || failure_text().map(|t| view! { <p>{t}</p> })}
                    </div>
                    <button type="submit" class="button primary" disabled=move || accept.pending().get()>
                        {move || if accept.pending().get() {
                            t_string!(i18n, portal.accepting).to_string()
                        } else {
                            t_string!(i18n, portal.accept).to_string()
                        }}
                    </button>
                </form>
            }.into_any()
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_missing_agreement_leaves_the_accept_button() {
        assert!(!is_final(ErrorCode::AgreementRequired));
        for code in [
            ErrorCode::InvitationUsed,
            ErrorCode::InvitationRevoked,
            ErrorCode::InvitationExpired,
            ErrorCode::OutsideRegion,
            ErrorCode::AlreadyCustomer,
        ] {
            assert!(is_final(code), "{code:?}");
        }
    }
}
