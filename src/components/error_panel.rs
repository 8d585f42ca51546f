//! How a failed data region looks: what failed, the correlation id, and a retry.

use leptos::prelude::*;

use crate::api::{ApiError, ErrorKind};
use crate::i18n::*;
use crate::session::Session;

/// The translated message for an error kind.
pub fn error_message(i18n: leptos_i18n::I18nContext<Locale>, kind: ErrorKind) -> String {
    match kind {
        ErrorKind::Network => t_string!(i18n, errors.network).to_string(),
        ErrorKind::Unauthorized => t_string!(i18n, errors.unauthorized).to_string(),
        ErrorKind::Forbidden => t_string!(i18n, errors.forbidden).to_string(),
        ErrorKind::NotFound => t_string!(i18n, errors.not_found).to_string(),
        ErrorKind::TooManyRequests => t_string!(i18n, errors.too_many).to_string(),
        ErrorKind::Invalid => t_string!(i18n, errors.invalid).to_string(),
        ErrorKind::Server => t_string!(i18n, errors.server).to_string(),
        ErrorKind::Unreadable => t_string!(i18n, errors.unreadable).to_string(),
        ErrorKind::Unsendable => t_string!(i18n, errors.unsendable).to_string(),
    }
}

/// Shown in place of a data region whose request failed. An ended session sends the user to
/// sign in instead.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: ApiError,
    /// Runs the failed request again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = error.kind();
    if kind == ErrorKind::Unauthorized {
        expect_context::<Session>().ended();
    }
    let correlation_id = error.correlation_id().map(str::to_owned);
    view! {
        <div class="error-panel" role="alert">
            <h2>{t!(i18n, errors.title)}</h2>
            <p>{move || error_message(i18n, kind)}</p>
            {correlation_id
                .map(|id| {
                    view! {
                        <p class="correlation">
                            {t!(i18n, errors.correlation_id)} " " <code>{id}</code>
                        </p>
                    }
                })}
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {t!(i18n, common.retry)}
            </button>
        </div>
    }
}
