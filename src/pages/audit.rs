//! The audit log (Global admins): every relationship change, newest first, filtered by kind and
//! customer, paged, and exported as CSV. Filters and page live in the URL.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::{AuditKind, AuditRecord, Role};

use crate::api::{ApiClient, AuditFilter};
use crate::components::error_panel::ErrorPanel;
use crate::components::labels;
use crate::components::page_title::use_page_title;
use crate::format;
use crate::i18n::*;
use crate::session::Session;
use crate::url::encode_component;

/// The page's URL for `filter` at `page`.
fn url(filter: &AuditFilter, page: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &filter.customer_id {
        parts.push(format!("customer={}", encode_component(c)));
    }
    if let Some(k) = filter.kind {
        parts.push(format!("kind={}", k.as_str()));
    }
    if let Some(p) = page {
        parts.push(format!("page={}", encode_component(p)));
    }
    if parts.is_empty() {
        "/audit".to_owned()
    } else {
        format!("/audit?{}", parts.join("&"))
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, manage.audit_title).to_string());
    let allowed = expect_context::<Session>()
        .me()
        .is_some_and(|m| m.has_role(Role::GlobalAdmin));
    view! {
        <h1>{t!(i18n, manage.audit_title)}</h1>
        <p class="subtitle">{t!(i18n, manage.audit_intro)}</p>
        {if allowed {
            view! { <AuditLog /> }.into_any()
        } else {
            view! { <p class="notice">{t!(i18n, manage.audit_only_global_admin)}</p> }.into_any()
        }}
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| {
        query.with(|q| AuditFilter {
            customer_id: q.get("customer").filter(|c| !c.is_empty()),
            kind: q.get("kind").and_then(|k| AuditKind::parse(&k)),
        })
    });
    let page = Memo::new(move |_| query.with(|q| q.get("page")));
    let records = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, f, p) = (api.clone(), filter.get(), page.get());
            async move { api.audit_records(&f, p.as_deref()).await }
        }
    });
    let export = move || api.audit_export_url(&filter.get());
    let on_kind = move |ev: leptos::ev::Event| {
        let kind = AuditKind::parse(&event_target_value(&ev));
        let f = AuditFilter {
            kind,
            ..filter.get_untracked()
        };
        navigate(&url(&f, None), NavigateOptions::default());
    };
    view! {
        <div class="toolbar">
            <div class="field inline">
                <label for="audit-kind">{t!(i18n, manage.filter_kind)}</label>
                <select id="audit-kind" on:change=on_kind prop:value=move || filter.with(|f| f.kind.map_or("", AuditKind::as_str))>
                    <option value="">{t!(i18n, manage.all_kinds)}</option>
                    {AuditKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str()>{move || labels::audit_kind(i18n, k)}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || filter.with(|f| f.customer_id.is_some()).then(|| {
                let all = url(&AuditFilter { customer_id: None, ..filter.get() }, None);
                view! {
                    <p class="help">
                        {t!(i18n, manage.all_customers)} " "
                        <A href=all>{t!(i18n, manage.show_all_customers)}</A>
                    </p>
                }
            })}
            <a class="button" href=export download="audit-log.csv">{t!(i18n, manage.export_csv)}</a>
        </div>
        <Transition fallback=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match records.await {
                    Ok(p) if p.items.is_empty() => {
                        view! { <p class="empty">{t!(i18n, manage.audit_empty)}</p> }.into_any()
                    }
                    Ok(p) => {
                        let next = p.continuation_token.map(|t| url(&filter.get_untracked(), Some(&t)));
                        view! {
                            <AuditTable items=p.items />
                            <div class="pager">
                                {next.map(|href| view! { <A href=href>{t!(i18n, manage.more)}</A> })}
                            </div>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error on_retry=move |_| records.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AuditTable(items: Vec<AuditRecord>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, manage.audit_table).to_string()>
            <table class="data">
                <caption class="visually-hidden">{t!(i18n, manage.audit_table)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, manage.col_date)}</th>
                        <th scope="col">{t!(i18n, manage.col_kind)}</th>
                        <th scope="col">{t!(i18n, manage.col_user)}</th>
                        <th scope="col">{t!(i18n, manage.col_customer)}</th>
                        <th scope="col">{t!(i18n, manage.col_details)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|r| {
                        let (kind, at) = (r.kind, r.operation_date.clone());
                        let details = r.details.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", ");
                        let customer = r.customer_id.clone().map(|id| {
                            let name = r.customer_name.clone().unwrap_or_else(|| id.clone());
                            view! { <A href=format!("/audit?customer={}", encode_component(&id))>{name}</A> }
                        });
                        view! {
                            <tr>
                                <td>{move || format::date_time(&at, format::locale_tag(i18n))}</td>
                                <th scope="row">{move || labels::audit_kind(i18n, kind)}</th>
                                <td>{r.user_email}</td>
                                <td>{customer}</td>
                                <td class="details-text">{details}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
