//! The customer's granular admin relationships on **Partner relationships**: each partner's
//! relationship with its roles, status and end, and **Terminate** (Global admin) behind a
//! confirmation. Termination carries the relationship's ETag; a stale one reloads the list.

use leptos::prelude::*;
use portal_contract::gdap::{AdminRelationship, AdminRelationshipStatus, RoleDefinition};
use portal_contract::{Permission, paths};

use crate::api::{ApiClient, ApiError};
use crate::components::confirm::Confirm;
use crate::components::data_table::{Column, DataTable};
use crate::components::loaded::Loaded;
use crate::format;
use crate::gdap::roles::names;
use crate::i18n::*;
use crate::pages::admin_relationships::{ChangeNotice, change_error, is_stale, status_text};
use crate::session::Session;

#[derive(Clone)]
struct Loaded2 {
    relationships: Vec<AdminRelationship>,
    catalogue: Vec<RoleDefinition>,
}

#[component]
pub fn GranularRelationships() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let list = LocalResource::new(move || {
        let api = api.clone();
        async move {
            let relationships: Vec<AdminRelationship> = api
                .get(paths::CUSTOMER_ADMIN_RELATIONSHIPS, &[], None)
                .await?;
            let catalogue: Vec<RoleDefinition> =
                api.get(paths::ROLE_DEFINITIONS, &[], None).await?;
            Ok::<_, ApiError>(Loaded2 {
                relationships,
                catalogue,
            })
        }
    });
    let may_terminate = expect_context::<Session>()
        .me()
        .is_some_and(|m| m.can(Permission::ApproveAdminRelationships));
    let notice = RwSignal::new(None::<ChangeNotice>);
    view! {
        // Not a landmark of its own: the table's region already carries this name.
        <section>
            <h2>{t!(i18n, gdap.customer_heading)}</h2>
            <p class="subtitle">{t!(i18n, gdap.customer_intro)}</p>
            <p class="status-line" role="status">{move || notice.get().map(|n| n.text(i18n))}</p>
            <Loaded
                resource=list
                loading=move || view! { <p class="status" role="status">{t!(i18n, gdap.customer_loading)}</p> }
                empty=move || view! { <p class="empty">{t!(i18n, gdap.customer_empty)}</p> }
                is_empty=|l: &Loaded2| l.relationships.is_empty()
                let:loaded
            >
                {
                    let catalogue = StoredValue::new(loaded.catalogue.clone());
                    view! {
                        <DataTable
                            label=Signal::derive(move || t_string!(i18n, gdap.customer_heading).to_string())
                            columns=vec![
                                Column::new(move || t_string!(i18n, gdap.col_partner).to_owned()),
                                Column::new(move || t_string!(i18n, gdap.col_name).to_owned()),
                                Column::new(move || t_string!(i18n, gdap.col_roles).to_owned()),
                                Column::new(move || t_string!(i18n, gdap.col_status).to_owned()),
                                Column::new(move || t_string!(i18n, gdap.col_end).to_owned()),
                                Column::new(move || t_string!(i18n, gdap.col_actions).to_owned()),
                            ]
                            items=loaded.relationships.clone()
                            row=move |r, index| view! {
                                <Row relationship=r index catalogue may_terminate notice reload=move || list.refetch() />
                            }
                        />
                    }
                }
            </Loaded>
        </section>
    }
}

#[component]
fn Row(
    relationship: AdminRelationship,
    index: u64,
    catalogue: StoredValue<Vec<RoleDefinition>>,
    may_terminate: bool,
    notice: RwSignal<Option<ChangeNotice>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let r = StoredValue::new(relationship);
    let status = r.with_value(|r| r.status);
    let ids: Vec<String> =
        r.with_value(|r| r.access_details.role_ids().map(str::to_owned).collect());
    let roles = move || {
        let language = format::language(i18n.get_locale());
        catalogue
            .with_value(|c| names(c, &ids, language))
            .join(", ")
    };
    let ends = r.with_value(|r| r.end_date_time.clone());
    let ends = move || {
        ends.as_deref()
            .map(|at| format::date(at, format::locale_tag(i18n)))
            .unwrap_or_else(|| "—".to_owned())
    };
    let failure = RwSignal::new(None::<ApiError>);
    let terminate = Action::new_local(move |_: &()| {
        let api = api.clone();
        let current = r.get_value();
        async move {
            match api.customer_terminate_admin_relationship(&current).await {
                Ok(_) => {
                    notice.set(Some(ChangeNotice::Terminated));
                    reload();
                }
                Err(e) if is_stale(&e) => {
                    notice.set(Some(ChangeNotice::Stale));
                    reload();
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let active = status == AdminRelationshipStatus::Active;
    view! {
        <tr aria-rowindex=index>
            <th scope="row">{r.with_value(|r| r.partner.display_name.clone())}</th>
            <td>{r.with_value(|r| r.display_name.clone())}</td>
            <td>{roles}</td>
            <td>{move || status_text(i18n, status)}</td>
            <td>{ends}</td>
            <td class="row-actions">
                {(may_terminate && active).then(|| view! {
                    <Confirm
                        trigger=Signal::derive(move || t_string!(i18n, gdap.terminate_short).to_string())
                        confirm=Signal::derive(move || if terminate.pending().get() { t_string!(i18n, gdap.terminating).to_string() } else { t_string!(i18n, gdap.terminate_yes).to_string() })
                        cancel=Signal::derive(move || t_string!(i18n, gdap.cancel).to_string())
                        on_confirm=move |()| { terminate.dispatch(()); }
                        pending=terminate.pending()
                        error=Signal::derive(move || failure.get().map(|e| change_error(i18n, &e)))
                    >
                        <p>{t!(i18n, gdap.customer_terminate_confirm)}</p>
                    </Confirm>
                })}
            </td>
        </tr>
    }
}
