//! The customer table: sortable column headers (buttons, with `aria-sort` on the header cell)
//! and one `<tbody>` per customer holding its row and, below it, the expandable details.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_contract::{Customer, CustomerSort};

use super::summary::CustomerSummary;
use crate::components::data_table::{Column, DataTable};
use crate::components::labels;
use crate::components::list_parts::PagerLinks;
use crate::customer_list::ListParams;
use crate::format;
use crate::i18n::*;
use crate::routes;

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

/// One page of customers; `links` says where it stands in the whole list.
#[component]
pub fn CustomerTable(
    customers: Vec<Customer>,
    params: Memo<ListParams>,
    busy: RwSignal<bool>,
    links: PagerLinks,
    /// More controls at the pager's end (rows per page).
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
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
    view! {
        <DataTable
            label=Signal::derive(move || t_string!(i18n, customers.table_label).to_string())
            class="customers"
            columns
            row_groups=true
            offset=links.offset
            total=links.total
            busy=busy
            items=customers
            row=|c, index| view! { <CustomerRow customer=c index /> }
            pager=links
        >
            {children()}
        </DataTable>
    }
}

#[component]
fn CustomerRow(
    customer: Customer,
    /// The row's place in the whole list (`aria-rowindex`).
    index: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let expanded = RwSignal::new(false);
    let details_id = format!("details-{}", customer.id);
    let label_id = format!("details-label-{}", customer.id);
    let name = customer.company_profile.company_name.clone();
    let relationship = customer.relationship_to_partner;
    let privileges = customer.admin_privileges;
    let since = customer.customer_since.clone();
    let granular = customer.granular_admin.clone().map(|g| {
        let href = routes::customer_admin_relationships(&customer.id);
        let count = g.role_count;
        let date = move || format::date(&g.ends, format::locale_tag(i18n));
        let text = if count == 1 {
            t!(i18n, gdap.granular_summary_one, date).into_any()
        } else {
            t!(i18n, gdap.granular_summary, count = move || count, date).into_any()
        };
        view! { <br /><a class="granular" href=href>{text}</a> }
    });
    let id = customer.id.clone();
    view! {
        <tbody class:expanded=move || expanded.get()>
            <tr aria-rowindex=index>
                <th scope="row">
                    <div class="name-cell">
                        <button
                            type="button"
                            class="disclosure"
                            aria-expanded=move || expanded.get().to_string()
                            aria-controls=details_id.clone()
                            aria-labelledby=label_id.clone()
                            on:click=move |_| expanded.update(|e| *e = !*e)
                        >
                            <span aria-hidden="true">"▾"</span>
                        </button>
                        // The button's name, "Details for <name>", in the page's language.
                        <span id=label_id hidden>
                            {t!(i18n, customers.details_for, name = move || name.clone())}
                        </span>
                        // A plain link: the router still handles the click, without the
                        // reactive "current page" tracking of `<A>` on every row.
                        <a href=routes::customer_section(&id, "account")>
                            {customer.company_profile.company_name.clone()}
                        </a>
                    </div>
                </th>
                <td class="mono">{customer.company_profile.tenant_id.clone()}</td>
                <td class="domain">{customer.company_profile.domain.clone()}</td>
                <td>{move || labels::relationship(i18n, relationship)}</td>
                <td>{move || labels::admin_privileges(i18n, privileges)}{granular}</td>
                <td>{move || format::date(&since, format::locale_tag(i18n))}</td>
            </tr>
            <tr id=details_id class="details" hidden=move || !expanded.get()>
                <td colspan="6">
                    {move || expanded.get().then(|| view! { <CustomerSummary customer_id=customer.id.clone() /> })}
                </td>
            </tr>
        </tbody>
    }
}
