//! "Sign in with <provider>" for the organisations that sign in through their own identity
//! provider, and what went wrong when such a sign-in came back refused (`?oidcError=`). The
//! buttons are plain links to the API: the browser goes to the provider and back, and no token
//! passes through the app. `next` (with an acceptance page's `#token`) travels with them.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_contract::OidcRefusal;
use portal_contract::oidc::ERROR_PARAM;

use crate::api::ApiClient;
use crate::i18n::*;

#[component]
pub fn ProviderSignIn(#[prop(into)] next: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let providers = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            // Without the list the password form still works: a failure shows no buttons.
            async move {
                api.oidc_providers()
                    .await
                    .map(|p| p.providers)
                    .unwrap_or_default()
            }
        }
    });
    let refusal = move || {
        query
            .with(|q| q.get(ERROR_PARAM))
            .and_then(|code| OidcRefusal::parse(&code))
    };

    view! {
        // Only when there is something to say: the sign-in form has its own alert region.
        {move || {
            refusal()
                .map(|r| {
                    view! {
                        <div class="form-error" role="alert">
                            <p>{refusal_text(i18n, r)}</p>
                        </div>
                    }
                })
        }}
        {move || {
            let list = providers.get().unwrap_or_default();
            (!list.is_empty())
                .then(|| {
                    let api = api.clone();
                    view! {
                        <section class="provider-sign-in" aria-labelledby="provider-sign-in-heading">
                            <h2 id="provider-sign-in-heading">{t!(i18n, oidc.heading)}</h2>
                            <ul>
                                {list
                                    .into_iter()
                                    .map(|p| {
                                        let href = api.oidc_start_url(&p.organization, &next.get());
                                        let name = p.name;
                                        view! {
                                            <li>
                                                // `external`: a full navigation to the API, not a route of the app.
                                                <a class="button" href=href rel="external">
                                                    {t!(i18n, oidc.sign_in_with, name = move || name.clone())}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
        }}
    }
}

fn refusal_text(i18n: leptos_i18n::I18nContext<Locale>, r: OidcRefusal) -> String {
    match r {
        OidcRefusal::UnknownOrganization => t_string!(i18n, oidc.unknown_organization),
        OidcRefusal::WrongState => t_string!(i18n, oidc.wrong_state),
        OidcRefusal::ProviderError => t_string!(i18n, oidc.provider_error),
        OidcRefusal::CodeRejected => t_string!(i18n, oidc.code_rejected),
        OidcRefusal::ProviderUnavailable => t_string!(i18n, oidc.provider_unavailable),
        OidcRefusal::BadSignature => t_string!(i18n, oidc.bad_signature),
        OidcRefusal::UnknownKey => t_string!(i18n, oidc.unknown_key),
        OidcRefusal::WrongIssuer => t_string!(i18n, oidc.wrong_issuer),
        OidcRefusal::WrongAudience => t_string!(i18n, oidc.wrong_audience),
        OidcRefusal::Expired => t_string!(i18n, oidc.expired),
        OidcRefusal::WrongNonce => t_string!(i18n, oidc.wrong_nonce),
        OidcRefusal::InvalidToken => t_string!(i18n, oidc.invalid_token),
        OidcRefusal::NoAccount => t_string!(i18n, oidc.no_account),
        OidcRefusal::NoRole => t_string!(i18n, oidc.no_role),
    }
    .to_string()
}
