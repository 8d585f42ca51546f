//! A relationship's own page: its facts, roles (names and descriptions from the catalogue),
//! status history, security group assignments, a new approval link for a pending request and
//! **Terminate relationship**, each behind a confirmation. A change someone made meanwhile (412) is said and the page reloads.

use leptos::prelude::*;
use portal_contract::ErrorCode;
use portal_contract::gdap::{
    AdminRelationship, AdminRelationshipStatus, RelationshipAction, RoleDefinition, StatusChange,
};

use super::assignments::Assignments;
use super::hooks::{use_relationship, use_role_catalogue};
use super::labels::{self, I18n};
use super::may_manage;
use crate::api::{ApiClient, ApiError};
use crate::components::confirm::Confirm;
use crate::components::data_table::{Column, DataTable};
use crate::components::error_panel::{ErrorPanel, error_message};
use crate::components::page_title::use_page_title;
use crate::format;
use crate::gdap::messages::change_refusal;
use crate::gdap::roles::{find, text};
use crate::i18n::*;
use crate::routes;

/// What the page last announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Terminated,
    AssignmentAdded,
    AssignmentChanged,
    AssignmentRemoved,
    /// Someone changed it meanwhile (412): nothing was changed, the page reloaded.
    Stale,
}

impl Notice {
    pub fn text(self, i18n: I18n) -> &'static str {
        match self {
            Notice::Terminated => t_string!(i18n, gdap.terminated_done),
            Notice::AssignmentAdded => t_string!(i18n, gdap.assignment_added),
            Notice::AssignmentChanged => t_string!(i18n, gdap.assignment_changed),
            Notice::AssignmentRemoved => t_string!(i18n, gdap.assignment_removed),
            Notice::Stale => t_string!(i18n, gdap.stale),
        }
    }
}

/// The message of a failed change: a stale ETag and an inactive relationship have their own.
pub fn change_error(i18n: I18n, error: &ApiError) -> String {
    match error
        .code()
        .and_then(|code| change_refusal(i18n.get_locale(), code))
    {
        Some(text) => text.to_owned(),
        None => error_message(i18n, error.kind()),
    }
}

/// Whether a failure means "reload and look again".
pub fn is_stale(error: &ApiError) -> bool {
    error.code() == Some(ErrorCode::Stale) || matches!(error, ApiError::Status { status: 412, .. })
}

#[component]
pub fn RelationshipPage() -> impl IntoView {
    let i18n = use_i18n();
    let relationship = use_relationship();
    let catalogue = use_role_catalogue();
    let notice = RwSignal::new(None::<Notice>);
    use_page_title(move || {
        relationship
            .get()
            .and_then(Result::ok)
            .map(|r| r.display_name)
            .unwrap_or_else(|| t_string!(i18n, gdap.title).to_string())
    });
    let loaded = move || match (relationship.get(), catalogue.get()) {
        (Some(Ok(r)), Some(Ok(c))) => Some(Ok((r, c))),
        (Some(Err(e)), _) | (_, Some(Err(e))) => Some(Err(e)),
        _ => None,
    };
    // The content stays on screen while a reload is on its way.
    let last = RwSignal::new(None::<(AdminRelationship, Vec<RoleDefinition>)>);
    Effect::new(move |_| {
        if let Some(Ok(pair)) = loaded() {
            last.set(Some(pair));
        }
    });
    view! {
        <nav class="breadcrumbs" aria-label=move || t_string!(i18n, customer.breadcrumb).to_string()>
            <ol>
                <li><a href=routes::ADMIN_RELATIONSHIPS>{t!(i18n, gdap.title)}</a></li>
                <li aria-current="page">
                    {move || last.with(|l| l.as_ref().map(|(r, _)| r.display_name.clone())).unwrap_or_else(|| "…".to_owned())}
                </li>
            </ol>
        </nav>
        <p class="status-line" role="status">{move || notice.get().map(|n| n.text(i18n))}</p>
        {move || match (loaded(), last.get()) {
            (Some(Err(error)), _) => view! {
                <h1>{t!(i18n, gdap.title)}</h1>
                <ErrorPanel error on_retry=move |_| { relationship.refetch(); catalogue.refetch(); } />
            }
            .into_any(),
            (_, Some((r, c))) => view! {
                <Details relationship=r catalogue=c notice reload=move || relationship.refetch() />
            }
            .into_any(),
            _ => view! { <p class="status" role="status">{t!(i18n, gdap.loading_one)}</p> }.into_any(),
        }}
    }
}

#[component]
fn Details(
    relationship: AdminRelationship,
    catalogue: Vec<RoleDefinition>,
    notice: RwSignal<Option<Notice>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = relationship;
    let status = r.status;
    let pending = status == AdminRelationshipStatus::ApprovalPending;
    let active = status == AdminRelationshipStatus::Active;
    let manage = may_manage();
    let date = move |at: Option<String>| {
        move || {
            at.as_deref()
                .map(|at| format::date(at, format::locale_tag(i18n)))
                .unwrap_or_else(|| "—".to_owned())
        }
    };
    let created = date(Some(r.created_date_time.clone()));
    let activated = date(r.activated_date_time.clone());
    let ends = date(r.end_date_time.clone());
    let (duration, auto) = (r.duration.clone(), r.auto_extend_duration.clone());
    let customer = r.customer.clone().map(|c| c.display_name);
    let customer_link = r
        .customer
        .as_ref()
        .map(|c| routes::customer_admin_relationships(&c.tenant_id));
    let role_ids: Vec<String> = r.access_details.role_ids().map(str::to_owned).collect();
    let catalogue = StoredValue::new(catalogue);
    let history = r.history.clone();
    let relationship = StoredValue::new(r.clone());

    let failure = RwSignal::new(None::<ApiError>);
    let api = expect_context::<ApiClient>();
    let terminate = Action::new_local(move |_: &()| {
        let api = api.clone();
        let current = relationship.get_value();
        async move {
            failure.set(None);
            match api
                .admin_relationship_action(&current, RelationshipAction::Terminate)
                .await
            {
                Ok(_) => {
                    notice.set(Some(Notice::Terminated));
                    reload();
                }
                Err(e) if is_stale(&e) => {
                    notice.set(Some(Notice::Stale));
                    reload();
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });

    // A new approval link for a pending request; the e-mail page then shows it.
    let navigate = leptos_router::hooks::use_navigate();
    let relink_failure = RwSignal::new(None::<ApiError>);
    let relink_api = expect_context::<ApiClient>();
    let relink = Action::new_local(move |_: &()| {
        let (api, navigate) = (relink_api.clone(), navigate.clone());
        let current = relationship.get_value();
        async move {
            relink_failure.set(None);
            match api
                .admin_relationship_action(&current, RelationshipAction::LockForApproval)
                .await
            {
                Ok(r) => navigate(&routes::admin_relationship_email(&r.id), Default::default()),
                Err(e) if is_stale(&e) => {
                    notice.set(Some(Notice::Stale));
                    reload();
                }
                Err(e) => relink_failure.set(Some(e)),
            }
        }
    });

    let roles_table = {
        let ids = role_ids.clone();
        let columns = vec![
            Column::new(move || t_string!(i18n, gdap.col_name).to_owned()),
            Column::new(move || t_string!(i18n, gdap.col_description).to_owned()),
        ];
        view! {
            <DataTable
                label=Signal::derive(move || t_string!(i18n, gdap.roles_heading).to_string())
                columns
                items=ids
                row=move |id: String, index| {
                    let role = catalogue.with_value(|c| find(c, &id).cloned());
                    let role2 = role.clone();
                    let name = move || {
                        let language = format::language(i18n.get_locale());
                        role.as_ref().map_or_else(|| id.clone(), |r| text(&r.display_name, language).to_owned())
                    };
                    let description = move || {
                        let language = format::language(i18n.get_locale());
                        role2.as_ref().map(|r| text(&r.description, language).to_owned()).unwrap_or_default()
                    };
                    view! { <tr aria-rowindex=index><th scope="row">{name}</th><td>{description}</td></tr> }
                }
            />
        }
    };

    view! {
        <h1>{r.display_name.clone()}</h1>
        <p>
            <span class=labels::status_class(status)>{move || labels::status(i18n, status)}</span>
            {r.ending_soon.then(|| view! { " " <span class="badge warn">{t!(i18n, gdap.ending_soon)}</span> })}
        </p>
        <dl class="facts">
            <dt>{t!(i18n, gdap.col_customer)}</dt>
            <dd>{match (customer, customer_link) {
                (Some(name), Some(href)) => view! { <a href=href>{name}</a> }.into_any(),
                _ => view! { <span>{t!(i18n, gdap.any_customer)}</span> }.into_any(),
            }}</dd>
            <dt>{t!(i18n, gdap.duration)}</dt>
            <dd>{labels::duration(i18n, &duration)}</dd>
            <dt>{t!(i18n, gdap.requested)}</dt>
            <dd>{created}</dd>
            <dt>{t!(i18n, gdap.approved)}</dt>
            <dd>{activated}</dd>
            <dt>{move || if pending { t_string!(i18n, gdap.expires_unapproved) } else { t_string!(i18n, gdap.ends) }}</dt>
            <dd>{ends}</dd>
            <dt>{t!(i18n, gdap.col_auto_extend)}</dt>
            <dd>{move || labels::auto_extend(i18n, &auto)}</dd>
        </dl>
        {(pending && manage && r.approval_link.is_some()).then(|| view! {
            <p><a href=routes::admin_relationship_email(&r.id)>{t!(i18n, gdap.write_email)}</a></p>
            <Confirm
                trigger=Signal::derive(move || t_string!(i18n, gdap.new_link).to_string())
                confirm=Signal::derive(move || if relink.pending().get() { t_string!(i18n, gdap.new_link_making).to_string() } else { t_string!(i18n, gdap.new_link_yes).to_string() })
                cancel=Signal::derive(move || t_string!(i18n, gdap.cancel).to_string())
                on_confirm=move |()| { relink.dispatch(()); }
                pending=relink.pending()
                error=Signal::derive(move || relink_failure.get().map(|e| change_error(i18n, &e)))
            >
                <p>{t!(i18n, gdap.new_link_confirm)}</p>
            </Confirm>
        })}
        <h2>{t!(i18n, gdap.roles_heading)}</h2>
        {roles_table}
        <h2>{t!(i18n, gdap.history_heading)}</h2>
        <History history />
        <h2>{t!(i18n, gdap.assignments_heading)}</h2>
        {if active {
            view! { <Assignments relationship_id=r.id.clone() role_ids catalogue manage notice /> }.into_any()
        } else {
            view! { <p class="help">{t!(i18n, gdap.assignments_inactive)}</p> }.into_any()
        }}
        {(manage && (active || pending)).then(|| view! {
            <h2>{t!(i18n, gdap.terminate)}</h2>
            <Confirm
                trigger=Signal::derive(move || t_string!(i18n, gdap.terminate).to_string())
                trigger_class="button danger"
                confirm=Signal::derive(move || if terminate.pending().get() { t_string!(i18n, gdap.terminating).to_string() } else { t_string!(i18n, gdap.terminate_yes).to_string() })
                cancel=Signal::derive(move || t_string!(i18n, gdap.cancel).to_string())
                on_confirm=move |()| { terminate.dispatch(()); }
                pending=terminate.pending()
                error=Signal::derive(move || failure.get().map(|e| change_error(i18n, &e)))
            >
                <p>{t!(i18n, gdap.terminate_confirm)}</p>
            </Confirm>
        })}
    }
}

#[component]
fn History(history: Vec<StatusChange>) -> impl IntoView {
    let i18n = use_i18n();
    let columns = vec![
        Column::new(move || t_string!(i18n, gdap.col_status).to_owned()),
        Column::new(move || t_string!(i18n, gdap.col_when).to_owned()),
        Column::new(move || t_string!(i18n, gdap.col_by).to_owned()),
    ];
    view! {
        <DataTable
            label=Signal::derive(move || t_string!(i18n, gdap.history_heading).to_string())
            columns
            items=history
            row=move |change: StatusChange, index| {
                let status = change.status;
                let extended = change.extended;
                let at = change.date_time.clone();
                let by = change.by.clone();
                view! {
                    <tr aria-rowindex=index>
                        <td>{move || if extended { t_string!(i18n, gdap.extended).to_string() } else { labels::status(i18n, status) }}</td>
                        <td>{move || format::date_time(&at, format::locale_tag(i18n))}</td>
                        <td>{move || by.clone().unwrap_or_else(|| t_string!(i18n, gdap.by_time).to_string())}</td>
                    </tr>
                }
            }
        />
    }
}
