//! The partner's customers: name, Microsoft ID, primary domain, relationship. The continuation
//! token of the page on screen is in the URL (`?page=`), so reload and links keep the place.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use portal_contract::{AdminPrivileges, Customer, Page, Relationship};

use crate::api::ApiClient;
use crate::components::error_panel::ErrorPanel;
use crate::components::page_title::use_page_title;
use crate::flash::{Flash, FlashMessage};
use crate::i18n::*;
use crate::pages::request_relationship::may_request;
use crate::session::Session;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    use_page_title(move || t_string!(i18n, customers.title).to_string());

    let token = move || query.with(|q| q.get("page"));
    let customers = LocalResource::new(move || {
        let api = api.clone();
        let token = token();
        async move { api.customers(token.as_deref()).await }
    });

    let may_request = expect_context::<Session>()
        .me()
        .is_some_and(|me| may_request(&me));
    let sent = matches!(
        expect_context::<Flash>().take(),
        Some(FlashMessage::InvitationSent)
    );

    view! {
        <h1>{t!(i18n, customers.title)}</h1>
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
        </div>
        <div role="status">
            {sent.then(|| view! { <p class="confirmation">{t!(i18n, invite.sent_confirmation)}</p> })}
        </div>
        <Transition fallback=move || {
            view! { <p class="status" role="status">{t!(i18n, customers.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                match customers.await {
                    Ok(page) => view! { <CustomerList page has_previous=token().is_some() /> }.into_any(),
                    Err(error) => {
                        view! { <ErrorPanel error on_retry=move |_| customers.refetch() /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn CustomerList(page: Page<Customer>, has_previous: bool) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() && !has_previous {
        return view! { <p class="empty">{t!(i18n, customers.empty)}</p> }.into_any();
    }
    let shown = page.items.len();
    let total = page.total_count;
    let next = page.continuation_token.map(|t| {
        format!(
            "/customers?page={}",
            String::from(js_sys::encode_uri_component(&t))
        )
    });
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, customers.table_label).to_string()>
            <table class="data">
                <caption class="visually-hidden">{t!(i18n, customers.table_label)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, customers.col_name)}</th>
                        <th scope="col">{t!(i18n, customers.col_microsoft_id)}</th>
                        <th scope="col">{t!(i18n, customers.col_domain)}</th>
                        <th scope="col">{t!(i18n, customers.col_relationship)}</th>
                        <th scope="col">{t!(i18n, customers.col_admin)}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .items
                        .into_iter()
                        .map(|c| {
                            let relationship = match c.relationship_to_partner {
                                Relationship::Reseller => {
                                    move || t_string!(i18n, customers.relationship_reseller).to_string()
                                }
                            };
                            let privileges = c.admin_privileges;
                            let admin = move || match privileges {
                                AdminPrivileges::Granted => t_string!(i18n, customers.admin_granted).to_string(),
                                AdminPrivileges::NotRequested => {
                                    t_string!(i18n, customers.admin_not_requested).to_string()
                                }
                                AdminPrivileges::RemovedByCustomer => {
                                    t_string!(i18n, customers.admin_removed).to_string()
                                }
                            };
                            view! {
                                <tr>
                                    <th scope="row">{c.company_profile.company_name}</th>
                                    <td class="mono">{c.company_profile.tenant_id}</td>
                                    <td>{c.company_profile.domain}</td>
                                    <td>{relationship}</td>
                                    <td>{admin}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <div class="pager">
            <p class="count">
                {t!(i18n, customers.count, shown = move || shown, total = move || total)}
            </p>
            {has_previous.then(|| view! { <A href="/customers">{t!(i18n, customers.first)}</A> })}
            {next.map(|href| view! { <A href=href>{t!(i18n, customers.next)}</A> })}
        </div>
    }
    .into_any()
}
