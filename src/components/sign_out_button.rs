//! Sign out: ends the session on the server; whatever it answers, this browser is signed out. A
//! session begun at the organisation's identity provider ends there too (the browser goes to the
//! provider's sign-out page, which sends it back to the sign-in page).

use leptos::prelude::*;
use portal_contract::paths;

use crate::api::ApiClient;
use crate::i18n::*;
use crate::session::Session;

#[component]
pub fn SignOutButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let api = expect_context::<ApiClient>();
    let sign_out = Action::new_local(move |_: &()| {
        let api = api.clone();
        async move {
            match api.oidc_sign_out().await {
                Ok(portal_contract::oidc::OidcSignOut {
                    end_session_url: Some(url),
                }) => {
                    session.ended();
                    let _ = window().location().assign(&url);
                }
                Ok(_) => session.ended(),
                Err(_) => {
                    let _ = api.act_quietly(paths::SIGN_OUT).await;
                    session.ended();
                }
            }
        }
    });
    view! {
        <button
            type="button"
            class="button sign-out"
            disabled=move || sign_out.pending().get()
            on:click=move |_| {
                sign_out.dispatch(());
            }
        >
            {move || {
                if sign_out.pending().get() {
                    t_string!(i18n, common.signing_out).to_string()
                } else {
                    t_string!(i18n, common.sign_out).to_string()
                }
            }}
        </button>
    }
}
