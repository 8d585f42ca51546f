//! The Customers page: toolbar, search, and the list with sortable columns, Previous/Next and
//! rows that expand. Search, sort and page live in the URL ([`ListParams`]); this module only
//! loads what the URL says and keeps the newest answer.

mod search;
mod summary;
mod table;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::{NavigateOptions, components::A};
use portal_contract::{Customer, Page};

use crate::api::{ApiClient, ApiError, ErrorKind};
use crate::components::error_panel::ErrorPanel;
use crate::components::page_title::use_page_title;
use crate::customer_list::{Latest, ListParams, PAGE_SIZES, shown_range};
use crate::flash::{Flash, FlashMessage};
use crate::format;
use crate::i18n::*;
use crate::pages::request_relationship::may_request;
use crate::session::Session;

pub use summary::BillingSummary;

use search::SearchBox;
use table::CustomerTable;

/// What the list region shows.
#[derive(Clone)]
enum ListState {
    Loading,
    Ready(Page<Customer>),
    Failed(ApiError),
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = StoredValue::new(expect_context::<ApiClient>());
    let query = use_query_map();
    use_page_title(move || t_string!(i18n, customers.title).to_string());

    let params = Memo::new(move |_| query.with(|q| ListParams::from_query(|k| q.get(k))));
    let state = RwSignal::new(ListState::Loading);
    // True while a newer answer is on its way; the rows on screen stay until it arrives.
    let busy = RwSignal::new(false);
    let latest = StoredValue::new(Latest::default());
    let in_flight = StoredValue::new_local(None::<web_sys::AbortController>);

    let load = move |p: ListParams| {
        let ticket = latest.try_update_value(Latest::issue).unwrap_or_default();
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        if let Some(previous) = in_flight
            .try_update_value(|c| std::mem::replace(c, controller))
            .flatten()
        {
            previous.abort();
        }
        busy.set(true);
        let api = api.get_value();
        spawn_local(async move {
            let result = api.customers(&p, signal.as_ref()).await;
            if !latest.with_value(|l| l.is_current(ticket)) {
                return;
            }
            busy.set(false);
            state.set(match result {
                Ok(page) => ListState::Ready(page),
                Err(error) => ListState::Failed(error),
            });
        });
    };
    Effect::new(move |_| load(params.get()));

    let may_request = expect_context::<Session>()
        .me()
        .is_some_and(|me| may_request(&me));
    let flash = expect_context::<Flash>().take();

    view! {
        <h1>{t!(i18n, customers.heading)}</h1>
        <p class="subtitle">{t!(i18n, customers.subtitle)}</p>
        <div class="toolbar">
            {if may_request {
                view! {
                    <a class="button primary" href="/customers/request-relationship">
                        {t!(i18n, invite.action_request)}
                    </a>
                }
                    .into_any()
            } else {
                view! {
                    <button type="button" class="button" disabled aria-describedby="request-reason">
                        {t!(i18n, invite.action_request)}
                    </button>
                    <span id="request-reason" class="help">{t!(i18n, invite.not_allowed_reason)}</span>
                }
                    .into_any()
            }}
            <a class="button" href="/customers/invitations">{t!(i18n, invite.action_invitations)}</a>
            <SearchBox params />
        </div>
        <div role="status">
            {flash.map(|message| match message {
                FlashMessage::RelationshipRemoved(name) => view! {
                    <p class="confirmation">{t!(i18n, manage.removed, name = move || name.clone())}</p>
                }
                    .into_any(),
                FlashMessage::InvitationSent => {
                    view! { <p class="confirmation">{t!(i18n, invite.sent_confirmation)}</p> }.into_any()
                }
                FlashMessage::PartnerAccepted(_) => ().into_any(),
            })}
        </div>
        {move || match state.get() {
            ListState::Loading => {
                view! { <p class="status" role="status">{t!(i18n, customers.loading)}</p> }.into_any()
            }
            ListState::Failed(error) => {
                view! { <ListError error params on_retry=move || load(params.get_untracked()) /> }
                    .into_any()
            }
            ListState::Ready(page) => view! { <ListView page params busy /> }.into_any(),
        }}
    }
}

/// Rows per page: a new choice opens the first page at that size (a new history entry).
#[component]
fn PageSize(params: Memo<ListParams>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let current = params.get_untracked().page_size();
    view! {
        <label class="page-size">
            {t!(i18n, customers.rows_per_page)}
            <select on:change=move |ev| {
                if let Ok(size) = event_target_value(&ev).parse() {
                    navigate(&params.get_untracked().resized(size).url(), NavigateOptions::default());
                }
            }>
                {PAGE_SIZES
                    .into_iter()
                    .map(|n| view! { <option value=n selected=n == current>{n}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// An error in place of the list. A page token the server refused (stale after a change of
/// the list, or edited by hand) gets a way back to the first page instead of a useless retry.
#[component]
fn ListError(
    error: ApiError,
    params: Memo<ListParams>,
    on_retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = params.get_untracked();
    if error.kind() == ErrorKind::Invalid && p.page.is_some() {
        let first = p.at_page(None).url();
        return view! {
            <div class="notice warning" role="alert">
                <p>{t!(i18n, customers.stale_page)}</p>
                <p><A href=first>{t!(i18n, customers.first)}</A></p>
            </div>
        }
        .into_any();
    }
    view! { <ErrorPanel error on_retry=move |_| on_retry() /> }.into_any()
}

#[component]
fn ListView(page: Page<Customer>, params: Memo<ListParams>, busy: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let p = params.get_untracked();
    if page.items.is_empty() && p.page.is_none() {
        if p.text.trim().is_empty() {
            return view! { <p class="empty">{t!(i18n, customers.empty)}</p> }.into_any();
        }
        let text = p.text.clone();
        let cleared = p.searching("").url();
        return view! {
            <div class="empty">
                <p>{t!(i18n, customers.no_match, text = move || text.clone())}</p>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| navigate(&cleared, NavigateOptions::default())
                >
                    {t!(i18n, customers.clear_search)}
                </button>
            </div>
        }
        .into_any();
    }
    let offset = page.offset.unwrap_or(0);
    let (from, to) = shown_range(offset, page.items.len());
    let total = page.total_count;
    let locale = move || format::locale_tag(i18n);
    // Back to the first page goes to the plain URL rather than a token for it.
    let previous = page.previous_token.map(|t| {
        let first = offset <= u64::from(p.page_size());
        p.at_page((!first).then_some(t)).url()
    });
    let next = page.continuation_token.map(|t| p.at_page(Some(t)).url());
    view! {
        <CustomerTable customers=page.items params busy />
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
            <PageSize params />
        </nav>
    }
    .into_any()
}
