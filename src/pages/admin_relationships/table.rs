//! The list of admin relationships, for the partner's page and a customer's tab: filters (search,
//! status, the "ending within 30 days" view), the table, the pager and rows per page, all
//! driven by the URL.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_contract::Page;
use portal_contract::gdap::{AdminRelationship, AdminRelationshipStatus, NAME_MAX_LEN};

use super::hooks::RelationshipList;
use super::labels::{self, I18n};
use crate::components::data_table::{Column, DataTable};
use crate::components::list_parts::{ListShape, NoMatch, PagerLinks};
use crate::components::loaded::LoadedList;
use crate::components::search_box::SearchBox;
use crate::customer_list::PAGE_SIZES;
use crate::format;
use crate::gdap::list::ListParams;
use crate::i18n::*;
use crate::routes;

/// The filters, the list and its pager. `path` is where the list lives (its URL's path);
/// `for_customer` leaves out the customer column and says "none with this customer".
#[component]
pub fn RelationshipListView(
    list: RelationshipList,
    path: String,
    #[prop(optional)] for_customer: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let RelationshipList { params, answer } = list;
    let path = StoredValue::new(path);
    let url = move |p: &ListParams| path.with_value(|path| p.url(path));
    view! {
        <div class="toolbar">
            <ViewSwitch params path=path.get_value() />
            <StatusFilter params path=path.get_value() />
            <SearchBox
                id="relationship-search"
                current=Signal::derive(move || params.with(|p| p.text.clone()))
                url_for=Callback::new(move |text: String| params.with_untracked(|p| url(&p.searching(&text))))
                max_len=NAME_MAX_LEN
                label=move || t_string!(i18n, gdap.search_label).to_string()
                help=move || t_string!(i18n, gdap.search_help).to_string()
            />
        </div>
        <LoadedList
            answer
            loading=move || view! { <p class="status" role="status">{t!(i18n, gdap.loading_list)}</p> }
            first_page=Signal::derive(move || params.with(|p| p.page.is_some().then(|| url(&p.at_page(None)))))
            let:page
        >
            <Rows page params busy=answer.busy path=path.get_value() for_customer />
        </LoadedList>
    }
}

/// All relationships, or only those ending within 30 days: two links, the current one marked.
#[component]
fn ViewSwitch(params: Memo<ListParams>, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let (all_path, ending_path) = (path.clone(), path);
    let ending = move || params.with(|p| p.ending);
    view! {
        <nav class="view-switch" aria-label=move || t_string!(i18n, gdap.view_label).to_string()>
            <a
                href=move || params.with(|p| p.ending_soon(false).url(&all_path))
                aria-current=move || (!ending()).then_some("page")
            >
                {t!(i18n, gdap.view_all)}
            </a>
            <a
                href=move || params.with(|p| p.ending_soon(true).url(&ending_path))
                aria-current=move || ending().then_some("page")
            >
                {t!(i18n, gdap.view_ending)}
            </a>
        </nav>
    }
}

/// Which status the list shows; a choice opens its first page.
#[component]
fn StatusFilter(params: Memo<ListParams>, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let current = move || params.with(|p| p.status);
    view! {
        <span class="filter">
            <label for="relationship-status">{t!(i18n, gdap.status_filter)}</label>
            <select id="relationship-status" on:change=move |ev| {
                let status = AdminRelationshipStatus::parse(&event_target_value(&ev));
                navigate(&params.get_untracked().with_status(status).url(&path), NavigateOptions::default());
            }>
                <option value="" prop:selected=move || current().is_none()>{t!(i18n, gdap.status_all)}</option>
                {AdminRelationshipStatus::ALL
                    .into_iter()
                    .map(|s| view! {
                        <option value=s.as_str() prop:selected=move || current() == Some(s)>
                            {move || labels::status(i18n, s)}
                        </option>
                    })
                    .collect_view()}
            </select>
        </span>
    }
}

/// Rows per page: a new choice opens the first page at that size.
#[component]
fn PageSize(params: Memo<ListParams>, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let current = params.get_untracked().page_size();
    view! {
        <label class="page-size">
            {t!(i18n, gdap.rows_per_page)}
            <select on:change=move |ev| {
                if let Ok(size) = event_target_value(&ev).parse() {
                    navigate(&params.get_untracked().resized(size).url(&path), NavigateOptions::default());
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

#[component]
fn Rows(
    page: Signal<Page<AdminRelationship>>,
    params: Memo<ListParams>,
    busy: RwSignal<bool>,
    path: String,
    for_customer: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = StoredValue::new(path);
    // Follows the answers only: the URL changes before its answer arrives.
    let shape = Memo::new(move |_| {
        let no_rows = page.with(|p| p.items.is_empty());
        params.with_untracked(|p| {
            ListShape::of(no_rows, p.page.is_some(), p.is_filtered().then_some(()))
        })
    });
    move || match shape.get() {
        ListShape::Empty if for_customer => {
            view! { <p class="empty">{t!(i18n, gdap.empty_customer)}</p> }.into_any()
        }
        ListShape::Empty => view! { <p class="empty">{t!(i18n, gdap.empty)}</p> }.into_any(),
        ListShape::NoMatch(()) => {
            let cleared = path.with_value(|path| ListParams::default().url(path));
            view! {
                <NoMatch cleared clear=move || t!(i18n, gdap.clear_filters)>
                    {t!(i18n, gdap.no_match)}
                </NoMatch>
            }
            .into_any()
        }
        ListShape::Table => {
            let links = Memo::new(move |_| {
                page.with(|page| {
                    params.with_untracked(|p| {
                        path.with_value(|path| {
                            PagerLinks::of(page, p.page_size(), |t| p.at_page(t).url(path))
                        })
                    })
                })
            });
            let column =
                |label: fn(I18n) -> &'static str| Column::new(move || label(i18n).to_owned());
            let mut columns = vec![column(|i| t_string!(i, gdap.col_name))];
            if !for_customer {
                columns.push(column(|i| t_string!(i, gdap.col_customer)));
            }
            columns.extend([
                column(|i| t_string!(i, gdap.col_status)),
                column(|i| t_string!(i, gdap.col_roles)),
                column(|i| t_string!(i, gdap.col_start)),
                column(|i| t_string!(i, gdap.col_end)),
                column(|i| t_string!(i, gdap.col_auto_extend)),
            ]);
            view! {
                <DataTable
                    label=Signal::derive(move || t_string!(i18n, gdap.title).to_string())
                    columns
                    busy=busy
                    items=Signal::derive(move || page.with(|p| p.items.clone()))
                    row=move |r, index| view! { <RelationshipRow relationship=r index for_customer /> }
                    pager=links
                >
                    <PageSize params path=path.get_value() />
                </DataTable>
            }
            .into_any()
        }
    }
}

#[component]
fn RelationshipRow(
    relationship: AdminRelationship,
    index: u64,
    for_customer: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = relationship;
    let date = move |at: Option<String>| {
        move || {
            at.as_deref()
                .map(|at| format::date(at, format::locale_tag(i18n)))
        }
    };
    let status = r.status;
    let pending = status == AdminRelationshipStatus::ApprovalPending;
    let start = date(r.activated_date_time.clone());
    // A pending request's end is when it expires unapproved, not the relationship's end.
    let end = date((!pending).then(|| r.end_date_time.clone()).flatten());
    let roles = r.access_details.unified_roles.len();
    let auto = r.auto_extend_duration.clone();
    let customer = r.customer.as_ref().map(|c| c.display_name.clone());
    let ending_soon = r.ending_soon;
    view! {
        <tr aria-rowindex=index>
            <th scope="row"><a href=routes::admin_relationship(&r.id)>{r.display_name.clone()}</a></th>
            {(!for_customer).then(|| view! {
                <td>{move || customer.clone().unwrap_or_else(|| t_string!(i18n, gdap.any_customer).to_string())}</td>
            })}
            <td>
                <span class=labels::status_class(status)>{move || labels::status(i18n, status)}</span>
                {ending_soon.then(|| view! { " " <span class="badge warn">{t!(i18n, gdap.ending_soon)}</span> })}
            </td>
            <td>{labels::role_count(i18n, roles)}</td>
            <td>{move || start().unwrap_or_else(|| if pending { t_string!(i18n, gdap.not_approved_yet).to_string() } else { "—".to_owned() })}</td>
            <td>{move || end().unwrap_or_else(|| "—".to_owned())}</td>
            <td>{move || labels::auto_extend(i18n, &auto)}</td>
        </tr>
    }
}
