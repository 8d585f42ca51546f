//! Users and licenses: the customer's directory, 50 at a time (the continuation token in the
//! URL's `page`), and the licenses per product.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use portal_contract::paths;
use portal_contract::{CustomerUser, License, Page};

use super::hooks::{use_customer_id, use_customer_resource};
use crate::api::ApiClient;
use crate::components::data_table::{Column, DataTable};
use crate::components::labels;
use crate::components::loaded::Loaded;
use crate::i18n::*;
use crate::routes;

const PAGE_SIZE: u32 = 50;

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let id = use_customer_id();
    let token = Memo::new(move |_| query.with(|q| q.get("page")));
    let users = LocalResource::new(move || {
        let (api, id, token) = (api.clone(), id.get(), token.get());
        async move { api.customer_users(&id, PAGE_SIZE, token.as_deref()).await }
    });
    let licenses = use_customer_resource::<Page<License>>(paths::customer_licenses);
    view! {
        <p class="subtitle">{t!(i18n, customer.users_intro)}</p>
        <Loaded
            resource=users
            loading=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }
            empty=move || view! { <p class="empty">{t!(i18n, customers.no_users)}</p> }
            is_empty={|page: &Page<CustomerUser>| page.items.is_empty()}
            let:page
        >
            <UsersTable page customer_id=id.get_untracked() first_page=token.get_untracked().is_some() />
        </Loaded>
        <h3>{t!(i18n, customer.licenses_heading)}</h3>
        <Loaded
            resource=licenses
            loading=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }
            empty=move || view! { <p class="empty">{t!(i18n, customers.no_licenses)}</p> }
            is_empty={|page: &Page<License>| page.items.is_empty()}
            let:page
        >
            <DataTable
                label=Signal::derive(move || t_string!(i18n, customer.licenses_table).to_string())
                columns=vec![
                    Column::new(move || t_string!(i18n, customer.col_product).to_owned()),
                    Column::new(move || t_string!(i18n, customer.col_assigned).to_owned()),
                    Column::new(move || t_string!(i18n, customer.col_available).to_owned()),
                ]
                items=page.items
                row=|l: License, index: u64| view! {
                    <tr aria-rowindex=index>
                        <th scope="row">{l.product_name}</th>
                        <td class="number">{l.consumed_units}</td>
                        <td class="number">{l.active_units}</td>
                    </tr>
                }
            />
        </Loaded>
    }
}

/// One page of the directory, its count, and the links to the first and the next page.
#[component]
fn UsersTable(
    page: Page<CustomerUser>,
    customer_id: String,
    /// A later page is on screen, so "First" leads back.
    first_page: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let next = page
        .continuation_token
        .map(|t| routes::customer_users(&customer_id, Some(&t)));
    let first = first_page.then(|| routes::customer_users(&customer_id, None));
    let count = page.total_count;
    let offset = page.offset.unwrap_or(0);
    view! {
        <p>{t!(i18n, customers.users_count, count = move || count)}</p>
        <DataTable
            label=Signal::derive(move || t_string!(i18n, customer.users_table).to_string())
            columns=vec![
                Column::new(move || t_string!(i18n, customer.col_user).to_owned()),
                Column::new(move || t_string!(i18n, customer.col_upn).to_owned()),
                Column::new(move || t_string!(i18n, customer.col_role).to_owned()),
                Column::new(move || t_string!(i18n, customer.col_licenses).to_owned()),
            ]
            offset
            total=count
            items=page.items
            row=move |u: CustomerUser, index: u64| {
                let role = u.role;
                let licenses = u.licenses.join(", ");
                let none = licenses.is_empty();
                view! {
                    <tr aria-rowindex=index>
                        <th scope="row">{u.display_name}</th>
                        <td>{u.user_principal_name}</td>
                        <td>{move || labels::directory_role(i18n, role)}</td>
                        <td>{if none { t_string!(i18n, customer.none).to_owned() } else { licenses }}</td>
                    </tr>
                }
            }
        />
        <div class="pager">
            {first.map(|href| view! { <A href=href>{t!(i18n, customers.first)}</A> })}
            {next.map(|href| view! { <A href=href>{t!(i18n, customer.more_users)}</A> })}
        </div>
    }
}
