//! Users and licenses: the customer's directory, 50 at a time (the continuation token in the
//! URL's `page`), and the licenses per product.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::ApiClient;
use crate::components::error_panel::ErrorPanel;
use crate::components::labels;
use crate::i18n::*;
use crate::routes;

const PAGE_SIZE: u32 = 50;

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let token = Memo::new(move |_| query.with(|q| q.get("page")));
    let users = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, id, token) = (api.clone(), id.get(), token.get());
            async move { api.customer_users(&id, PAGE_SIZE, token.as_deref()).await }
        }
    });
    let licenses = LocalResource::new(move || {
        let (api, id) = (api.clone(), id.get());
        async move { api.licenses(&id).await }
    });
    view! {
        <p class="subtitle">{t!(i18n, customer.users_intro)}</p>
        <Transition fallback=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(page) if page.items.is_empty() => {
                        view! { <p class="empty">{t!(i18n, customers.no_users)}</p> }.into_any()
                    }
                    Ok(page) => {
                        let next = page.continuation_token.map(|t| {
                            routes::customer_users(&id.get_untracked(), Some(&t))
                        });
                        let first = token.get_untracked().map(|_| routes::customer_users(&id.get_untracked(), None));
                        let count = page.total_count;
                        view! {
                            <p>{t!(i18n, customers.users_count, count = move || count)}</p>
                            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, customer.users_table).to_string()>
                                <table class="data">
                                    <caption class="visually-hidden">{t!(i18n, customer.users_table)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, customer.col_user)}</th>
                                            <th scope="col">{t!(i18n, customer.col_upn)}</th>
                                            <th scope="col">{t!(i18n, customer.col_role)}</th>
                                            <th scope="col">{t!(i18n, customer.col_licenses)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {page.items.into_iter().map(|u| {
                                            let role = u.role;
                                            let licenses = u.licenses.join(", ");
                                            let none = licenses.is_empty();
                                            view! {
                                                <tr>
                                                    <th scope="row">{u.display_name}</th>
                                                    <td>{u.user_principal_name}</td>
                                                    <td>{move || labels::directory_role(i18n, role)}</td>
                                                    <td>{if none { t_string!(i18n, customer.none).to_owned() } else { licenses }}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <div class="pager">
                                {first.map(|href| view! { <A href=href>{t!(i18n, customers.first)}</A> })}
                                {next.map(|href| view! { <A href=href>{t!(i18n, customer.more_users)}</A> })}
                            </div>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error on_retry=move |_| users.refetch() /> }.into_any(),
                }
            })}
        </Transition>
        <h3>{t!(i18n, customer.licenses_heading)}</h3>
        <Transition fallback=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match licenses.await {
                    Ok(page) if page.items.is_empty() => {
                        view! { <p class="empty">{t!(i18n, customers.no_licenses)}</p> }.into_any()
                    }
                    Ok(page) => view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, customer.licenses_table).to_string()>
                            <table class="data">
                                <caption class="visually-hidden">{t!(i18n, customer.licenses_table)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, customer.col_product)}</th>
                                        <th scope="col">{t!(i18n, customer.col_assigned)}</th>
                                        <th scope="col">{t!(i18n, customer.col_available)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page.items.into_iter().map(|l| view! {
                                        <tr>
                                            <th scope="row">{l.product_name}</th>
                                            <td class="number">{l.consumed_units}</td>
                                            <td class="number">{l.active_units}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any(),
                    Err(error) => view! { <ErrorPanel error on_retry=move |_| licenses.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}
