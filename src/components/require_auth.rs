//! Guards the signed-in part of the app: a signed-out visitor goes to sign-in, and comes back to
//! the page they asked for afterwards.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

use crate::api::ApiClient;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::*;
use crate::navigation::{SIGN_IN, full_path};
use crate::session::{Session, SessionState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Checking,
    Open,
    Closed,
    Failed,
}

#[component]
pub fn RequireAuth(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let api = expect_context::<ApiClient>();
    let gate = Memo::new(move |_| {
        session.state.with(|s| match s {
            SessionState::Checking => Gate::Checking,
            SessionState::SignedIn(_) => Gate::Open,
            SessionState::SignedOut => Gate::Closed,
            SessionState::Failed(_) => Gate::Failed,
        })
    });
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if gate.get() == Gate::Closed {
            // The hash too: an invitation link carries its token there.
            let here = full_path(
                &location.pathname.get_untracked(),
                &location.search.get_untracked(),
                &location.hash.get_untracked(),
            );
            let next = String::from(js_sys::encode_uri_component(&here));
            navigate(
                &format!("{SIGN_IN}?next={next}"),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || match gate.get() {
        Gate::Open => children().into_any(),
        Gate::Checking | Gate::Closed => view! {
            <p class="status" role="status">{t!(i18n, common.checking_session)}</p>
        }
        .into_any(),
        Gate::Failed => {
            let error = match session.state.get_untracked() {
                SessionState::Failed(e) => e,
                _ => crate::api::ApiError::Network,
            };
            let api = api.clone();
            view! { <ErrorPanel error on_retry=move |_| session.check(api.clone()) /> }.into_any()
        }
    }
}
