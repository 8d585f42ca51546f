//! The audit log (Global admins): every relationship change, newest first, one readable sentence
//! each (`portal_contract::audit::sentence`), filtered by kind, customer, the user who acted and
//! a range of days, paged, and exported as CSV. Filters and page live in the URL.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::audit::sentence;
use portal_contract::validation::EMAIL_MAX_LEN;
use portal_contract::{AuditKind, AuditRecord, Page, Permission};

use crate::api::{ApiClient, ApiError, AuditFilter};
use crate::components::data_table::{Column, DataTable};
use crate::components::labels;
use crate::components::loaded::Loaded;
use crate::components::page_title::use_page_title;
use crate::format;
use crate::i18n::*;
use crate::routes;
use crate::session::Session;
use crate::url::app_url;

type I18n = leptos_i18n::I18nContext<Locale>;

/// The page's URL for `filter` at `page`.
fn url(filter: &AuditFilter, page: Option<&str>) -> String {
    app_url(
        routes::AUDIT,
        &[
            ("customer", filter.customer_id.clone()),
            ("kind", filter.kind.map(|k| k.as_str().to_owned())),
            ("user", filter.user_email.clone()),
            ("from", filter.from.clone()),
            ("to", filter.to.clone()),
            ("page", page.map(str::to_owned)),
        ],
    )
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, manage.audit_title).to_string());
    let allowed = expect_context::<Session>()
        .me()
        .is_some_and(|m| m.can(Permission::ReadAuditLog));
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

/// Reads the filters from the page's URL (the shape the page writes with [`url`]).
fn filter_from_query(get: impl Fn(&str) -> Option<String>) -> AuditFilter {
    let get = |k: &str| get(k).filter(|v| !v.is_empty());
    AuditFilter {
        customer_id: get("customer"),
        kind: get("kind").and_then(|k| AuditKind::parse(&k)),
        user_email: get("user"),
        from: get("from"),
        to: get("to"),
    }
}

/// The filters in the URL and the page of records they name, loaded again when the URL
/// changes.
fn use_audit_records() -> (
    Memo<AuditFilter>,
    LocalResource<Result<Page<AuditRecord>, ApiError>>,
) {
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| filter_from_query(|k| q.get(k))));
    let page = Memo::new(move |_| query.with(|q| q.get("page")));
    let records = LocalResource::new(move || {
        let (api, f, p) = (api.clone(), filter.get(), page.get());
        async move { api.audit_records(&f, p.as_deref()).await }
    });
    (filter, records)
}

#[component]
fn AuditLog() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let navigate = use_navigate();
    let (filter, records) = use_audit_records();
    let export = move || api.audit_export_url(&filter.get(), format::language(i18n.get_locale()));
    let reversed = RwSignal::new(false);
    // Every filter opens its first page; a range that ends before it starts is named instead.
    let apply = StoredValue::new_local(move |change: &dyn Fn(&mut AuditFilter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        reversed.set(f.range_is_reversed());
        if !f.range_is_reversed() {
            navigate(&url(&f, None), NavigateOptions::default());
        }
    });
    let apply = move |change: &dyn Fn(&mut AuditFilter)| apply.with_value(|a| a(change));
    let value =
        |ev: &leptos::ev::Event| Some(event_target_value(ev)).filter(|v| !v.trim().is_empty());
    let on_kind = move |ev: leptos::ev::Event| {
        apply(&|f| f.kind = AuditKind::parse(&event_target_value(&ev)))
    };
    let user_text = RwSignal::new(filter.get_untracked().user_email.unwrap_or_default());
    let on_user = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = user_text.get_untracked().trim().to_lowercase();
        apply(&|f| f.user_email = Some(text.clone()).filter(|t| !t.is_empty()))
    };
    let on_from = move |ev: leptos::ev::Event| apply(&|f| f.from = value(&ev));
    let on_to = move |ev: leptos::ev::Event| apply(&|f| f.to = value(&ev));
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
            <form class="inline-form" role="search" on:submit=on_user>
                <label for="audit-user">{t!(i18n, manage.filter_user)}</label>
                <input
                    id="audit-user"
                    type="email"
                    autocomplete="off"
                    maxlength=EMAIL_MAX_LEN
                    prop:value=move || user_text.get()
                    on:input=move |ev| user_text.set(event_target_value(&ev))
                />
                <button type="submit" class="button">{t!(i18n, manage.filter_apply)}</button>
            </form>
            <div class="field inline">
                <label for="audit-from">{t!(i18n, manage.filter_from)}</label>
                <input
                    id="audit-from"
                    type="date"
                    aria-describedby="audit-range-error"
                    prop:value=move || filter.with(|f| f.from.clone().unwrap_or_default())
                    on:change=on_from
                />
            </div>
            <div class="field inline">
                <label for="audit-to">{t!(i18n, manage.filter_to)}</label>
                <input
                    id="audit-to"
                    type="date"
                    aria-invalid=move || reversed.get().to_string()
                    aria-describedby="audit-range-error"
                    prop:value=move || filter.with(|f| f.to.clone().unwrap_or_default())
                    on:change=on_to
                />
            </div>
            <p id="audit-range-error" class="field-error" role="alert">
                {move || reversed.get().then(|| t_string!(i18n, manage.range_reversed).to_string())}
            </p>
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
        <Loaded
            resource=records
            loading=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }
            empty=move || view! { <p class="empty">{t!(i18n, manage.audit_empty)}</p> }
            is_empty={|page: &Page<AuditRecord>| page.items.is_empty()}
            let:p
        >
            {
                let next = p.continuation_token.clone().map(|t| url(&filter.get_untracked(), Some(&t)));
                view! {
                    <AuditTable page=p />
                    <div class="pager">
                        {next.map(|href| view! { <A href=href>{t!(i18n, manage.more)}</A> })}
                    </div>
                }
            }
        </Loaded>
    }
}

#[component]
fn AuditTable(page: Page<AuditRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let column = |label: fn(I18n) -> &'static str| Column::new(move || label(i18n).to_owned());
    view! {
        <DataTable
            label=Signal::derive(move || t_string!(i18n, manage.audit_table).to_string())
            columns=vec![
                column(|i| t_string!(i, manage.col_date)),
                column(|i| t_string!(i, manage.col_kind)),
                column(|i| t_string!(i, manage.col_user)),
                column(|i| t_string!(i, manage.col_customer)),
                column(|i| t_string!(i, manage.col_details)),
            ]
            offset=page.offset.unwrap_or(0)
            total=page.total_count
            items=page.items
            row=move |r: AuditRecord, index: u64| {
                let (kind, at) = (r.kind, r.operation_date.clone());
                let record = StoredValue::new(r.clone());
                let text = move || record.with_value(|r| sentence(r, format::language(i18n.get_locale())));
                let customer = r.customer_id.clone().map(|id| {
                    let name = r.customer_name.clone().unwrap_or_else(|| id.clone());
                    view! { <A href=routes::audit_for_customer(&id)>{name}</A> }
                });
                view! {
                    <tr aria-rowindex=index>
                        <td>{move || format::date_time(&at, format::locale_tag(i18n))}</td>
                        <th scope="row">{move || labels::audit_kind(i18n, kind)}</th>
                        <td><A href=routes::audit_for_user(&r.user_email)>{r.user_email}</A></td>
                        <td>{customer}</td>
                        <td class="details-text">{text}</td>
                    </tr>
                }
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::query_of;

    #[test]
    fn the_url_holds_the_filters() {
        let filter = AuditFilter {
            customer_id: Some("c1".into()),
            kind: Some(AuditKind::ALL[0]),
            user_email: Some("anna@contoso.example".into()),
            from: Some("2026-01-01".into()),
            to: None,
        };
        let link = url(&filter, Some("tok"));
        let query = query_of(&link);
        assert_eq!(filter_from_query(|k| query.get(k).cloned()), filter);
        assert_eq!(query.get("page").map(String::as_str), Some("tok"));
        assert_eq!(url(&AuditFilter::default(), None), routes::AUDIT);
    }
}
