//! What every paged list shows around its table: the error in its place (with a way back to
//! the first page when the page token went stale) and the pager ("51–100 of 2,000", Previous,
//! Next).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{ApiError, ErrorKind};
use crate::components::error_panel::ErrorPanel;
use crate::customer_list::shown_range;
use crate::format;
use crate::i18n::*;

/// An error in place of the list. A page token the server refused (stale after a change of
/// the list, or edited by hand) gets a link to `first_page` instead of a useless retry.
///
/// - `first_page`: the list's first page, when a later page is on screen.
#[component]
pub fn ListError(
    error: ApiError,
    first_page: Option<String>,
    on_retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    match first_page {
        Some(first) if error.kind() == ErrorKind::Invalid => view! {
            <div class="notice warning" role="alert">
                <p>{t!(i18n, customers.stale_page)}</p>
                <p><A href=first>{t!(i18n, customers.first)}</A></p>
            </div>
        }
        .into_any(),
        _ => view! { <ErrorPanel error on_retry=move |_| on_retry() /> }.into_any(),
    }
}

/// The pager below a list.
///
/// - `offset`, `shown`, `total`: rows before this page, on it, and in the whole list.
/// - `previous`, `next`: the app URLs of the neighbouring pages, when there are any.
/// - `children`: more controls at the end (rows per page).
#[component]
pub fn Pager(
    offset: u64,
    shown: usize,
    total: u64,
    previous: Option<String>,
    next: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (from, to) = shown_range(offset, shown);
    let locale = move || format::locale_tag(i18n);
    view! {
        <nav class="pager" aria-label=move || t_string!(i18n, customers.pagination).to_string()>
            <p class="count">
                {t!(
                    i18n,
                    customers.count,
                    from = move || format::number(from, locale()),
                    to = move || format::number(to, locale()),
                    total = move || format::number(total, locale())
                )}
            </p>
            {previous.map(|href| view! { <A href=href>{t!(i18n, customers.previous)}</A> })}
            {next.map(|href| view! { <A href=href>{t!(i18n, customers.next)}</A> })}
            {children.map(|c| c())}
        </nav>
    }
}
