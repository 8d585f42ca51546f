//! The Customers page: toolbar, search, and the list with sortable columns, Previous/Next and
//! rows that expand. Search, sort and page live in the URL ([`ListParams`]); this module only
//! loads what the URL says and keeps the newest answer.

mod hooks;
mod row_text;
mod search;
mod summary;
mod table;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_contract::{Customer, Page, Permission};

use crate::components::list_parts::{ListShape, NoMatch, PagerLinks};
use crate::components::loaded::LoadedList;
use crate::components::page_title::use_page_title;
use crate::customer_list::{ListParams, PAGE_SIZES};
use crate::flash::{Flash, FlashMessage};
use crate::format;
use crate::i18n::*;
use crate::routes;
use crate::session::Session;

pub use summary::BillingSummary;

use hooks::{CustomerList, use_customer_list};
use search::CustomerSearch;
use table::CustomerTable;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, customers.title).to_string());
    let CustomerList {
        params,
        answer: list,
    } = use_customer_list();
    format::prepare_formatters(format::locale_tag(i18n));
    let busy = list.busy;

    let may_request = expect_context::<Session>()
        .me()
        .is_some_and(|me| me.can(Permission::ManageInvitations));
    let flash = expect_context::<Flash>().take();

    view! {
        <h1>{t!(i18n, customers.heading)}</h1>
        <p class="subtitle">{t!(i18n, customers.subtitle)}</p>
        <div class="toolbar">
            {if may_request {
                view! {
                    <a class="button primary" href=routes::REQUEST_RELATIONSHIP>
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
            <a class="button" href=routes::INVITATIONS>{t!(i18n, invite.action_invitations)}</a>
            <CustomerSearch params />
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
                FlashMessage::PartnerAccepted(_) | FlashMessage::RolesApproved { .. } => ().into_any(),
            })}
        </div>
        <LoadedList
            answer=list
            loading=move || view! { <p class="status" role="status">{t!(i18n, customers.loading)}</p> }
            first_page=Signal::derive(move || params.with(|p| p.page.is_some().then(|| p.at_page(None).url())))
            let:page
        >
            <ListView page params busy />
        </LoadedList>
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

/// The search an answer without rows was for, and the list without it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Search {
    text: String,
    cleared: String,
}

/// The shape of an answer with `no_rows` to the list `params` asked for.
fn shape(no_rows: bool, params: &ListParams) -> ListShape<Search> {
    let search = (!params.text.trim().is_empty()).then(|| Search {
        text: params.text.clone(),
        cleared: params.searching("").url(),
    });
    ListShape::of(no_rows, params.page.is_some(), search)
}

#[component]
fn ListView(
    page: Signal<Page<Customer>>,
    params: Memo<ListParams>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Follows the answers only: the URL changes before its answer arrives.
    let shape = Memo::new(move |_| {
        let no_rows = page.with(|p| p.items.is_empty());
        params.with_untracked(|p| shape(no_rows, p))
    });
    move || match shape.get() {
        ListShape::Empty => view! { <p class="empty">{t!(i18n, customers.empty)}</p> }.into_any(),
        ListShape::NoMatch(Search { text, cleared }) => view! {
            <NoMatch cleared clear=move || t!(i18n, customers.clear_search)>
                {t!(i18n, customers.no_match, text = move || text.clone())}
            </NoMatch>
        }
        .into_any(),
        ListShape::Table => {
            let links = Memo::new(move |_| {
                page.with(|page| {
                    params.with_untracked(|p| {
                        PagerLinks::of(page, p.page_size(), |t| p.at_page(t).url())
                    })
                })
            });
            let customers = Signal::derive(move || page.with(|p| p.items.clone()));
            view! {
                <CustomerTable customers params busy links>
                    <PageSize params />
                </CustomerTable>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_answer_to_a_search_names_it_and_the_way_back() {
        let all = ListParams::default();
        assert_eq!(shape(true, &all), ListShape::Empty);
        assert_eq!(shape(true, &all.searching("  ")), ListShape::Empty);
        assert_eq!(
            shape(true, &all.searching("zz")),
            ListShape::NoMatch(Search {
                text: "zz".to_owned(),
                cleared: all.url(),
            })
        );
        assert_eq!(shape(false, &all.searching("zz")), ListShape::Table);
    }
}
