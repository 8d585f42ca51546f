//! The customer table: sortable column headers (buttons, with `aria-sort` on the header cell)
//! and one `<tbody>` per customer holding its row and, below it, the expandable details.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::tachys::view::{Mountable, Render};
use leptos::wasm_bindgen::JsCast;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_contract::{Customer, CustomerSort};

use super::row_text::RowText;
use super::summary::CustomerSummary;
use crate::components::data_table::{Column, DataTable, MarkupRows};
use crate::components::list_parts::PagerLinks;
use crate::customer_list::ListParams;
use crate::format;
use crate::i18n::*;

/// The translated header of a column.
fn column_label(i18n: leptos_i18n::I18nContext<Locale>, sort: CustomerSort) -> &'static str {
    match sort {
        CustomerSort::Name => t_string!(i18n, customers.col_name),
        CustomerSort::MicrosoftId => t_string!(i18n, customers.col_microsoft_id),
        CustomerSort::Domain => t_string!(i18n, customers.col_domain),
        CustomerSort::Relationship => t_string!(i18n, customers.col_relationship),
        CustomerSort::AdminPrivileges => t_string!(i18n, customers.col_admin),
        CustomerSort::CustomerSince => t_string!(i18n, customers.col_customer_since),
    }
}

/// The columns' classes, for the `<colgroup>`: with `table-layout: fixed` their widths come from
/// the style sheet, so the browser lays out 1,000 rows without measuring every cell.
const COLUMNS: &[&str] = &[
    "c-name",
    "c-id",
    "c-domain",
    "c-relationship",
    "c-admin",
    "c-since",
];

/// One page of customers; `links` says where it stands in the whole list.
///
/// The table stays while answers follow one another: a sort, a page or a search replaces its
/// rows (and closes the open ones), the headers and pager follow in place. The rows' text is
/// built once per answer and language in plain Rust ([`RowText`]) and reaches the document as one
/// piece of markup; a row holds no signals or effects. One click listener on the table opens and closes rows; a row's details exist only
/// while it is open.
#[component]
pub fn CustomerTable(
    customers: Signal<Vec<Customer>>,
    params: Memo<ListParams>,
    busy: RwSignal<bool>,
    links: Memo<PagerLinks>,
    /// More controls at the pager's end (rows per page).
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let open = OpenDetails::new();
    let columns = CustomerSort::ALL
        .into_iter()
        .map(|sort| {
            let navigate = navigate.clone();
            Column::new(move || column_label(i18n, sort).to_owned()).sortable(
                move || params.with(|p| p.sort_state(sort)),
                move || {
                    let url = params.with_untracked(|p| p.sorted_by(sort).url());
                    navigate(
                        &url,
                        NavigateOptions {
                            scroll: false,
                            ..Default::default()
                        },
                    );
                },
            )
        })
        .collect();
    // The rows follow the answer and the language; the details of open rows go with them.
    let rows = Signal::derive(move || {
        let locale = i18n.get_locale();
        untrack(|| open.close_all());
        let date_locale = format::language_tag(format::language(locale));
        customers.with(|customers| {
            // Every date of the page formatted at once, then looked up row by row.
            let times: Vec<&str> = customers.iter().flat_map(RowText::times).collect();
            let formatted = format::dates(&times, date_locale);
            let dates: HashMap<&str, &String> = times.iter().copied().zip(&formatted).collect();
            let date = |rfc3339: &str| match dates.get(rfc3339) {
                Some(d) => (*d).clone(),
                None => format::date(rfc3339, date_locale),
            };
            customers
                .iter()
                .map(|c| RowText::new(c.clone(), locale, &date))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="customer-table" on:click=move |ev| open.toggle(&ev)>
            <DataTable
                label=Signal::derive(move || t_string!(i18n, customers.table_label).to_string())
                class="customers"
                col_classes=COLUMNS
                columns
                row_groups=true
                busy=busy
                items=rows
                row=MarkupRows(RowText::write_row)
                pager=links
            >
                {children()}
            </DataTable>
        </div>
    }
}

/// The rows that are open, each with its details row mounted and the owner of what it loads.
struct Open {
    /// The table's owner: the details' contexts (API client, translations) come from it.
    parent: Owner,
    rows: Vec<(String, Owner, AnyViewState)>,
}

#[derive(Clone, Copy)]
struct OpenDetails(StoredValue<Open, LocalStorage>);

impl OpenDetails {
    fn new() -> OpenDetails {
        let parent = Owner::current().expect("a table is built inside its page's owner");
        OpenDetails(StoredValue::new_local(Open {
            parent,
            rows: Vec::new(),
        }))
    }

    /// Opens or closes the row whose disclosure button was pressed.
    fn toggle(self, ev: &web_sys::MouseEvent) {
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button.disclosure").ok().flatten())
        else {
            return;
        };
        let Some(tbody) = button.closest("tbody").ok().flatten() else {
            return;
        };
        let Some(id) = tbody.get_attribute("data-id") else {
            return;
        };
        let opening = button.get_attribute("aria-expanded").as_deref() != Some("true");
        let _ = button.set_attribute("aria-expanded", if opening { "true" } else { "false" });
        let _ = tbody.class_list().toggle_with_force("expanded", opening);
        if opening {
            let details_id = format!("details-{id}");
            let _ = button.set_attribute("aria-controls", &details_id);
            let Some(owner) = self.0.try_with_value(|open| open.parent.child()) else {
                return;
            };
            let mut details = owner.with(|| {
                view! {
                    <tr id=details_id class="details">
                        <td colspan="6"><CustomerSummary customer_id=id.clone() /></td>
                    </tr>
                }
                .into_any()
                .build()
            });
            details.mount(&tbody, None);
            self.0
                .update_value(|open| open.rows.push((id, owner, details)));
        } else {
            let _ = button.remove_attribute("aria-controls");
            self.0.update_value(|open| {
                open.rows.retain_mut(|(open_id, _, details)| {
                    let keep = *open_id != id;
                    if !keep {
                        details.unmount();
                    }
                    keep
                })
            });
        }
    }

    /// Forgets every open row (the rows are being built again).
    fn close_all(self) {
        self.0.update_value(|open| {
            for (_, _, details) in open.rows.iter_mut() {
                details.unmount();
            }
            open.rows.clear();
        });
    }
}
