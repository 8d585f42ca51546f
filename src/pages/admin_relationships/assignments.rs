//! A relationship's security group assignments: which of the partner's groups hold which of
//! the relationship's roles; add one, change its roles, remove it (with a confirmation). Every
//! change carries the assignment's ETag; a stale one reloads the list and says so.

use leptos::prelude::*;
use portal_contract::gdap::{AccessAssignment, RoleDefinition, SecurityGroup};
use portal_contract::{Page, paths};

use super::detail::{Notice, change_error, is_stale};
use crate::api::{ApiClient, ApiError};
use crate::components::confirm::Confirm;
use crate::components::data_table::{Column, DataTable};
use crate::components::error_panel::ErrorPanel;
use crate::format;
use crate::gdap::roles::names;
use crate::i18n::*;

#[derive(Clone)]
struct Loaded {
    assignments: Vec<AccessAssignment>,
    groups: Vec<SecurityGroup>,
}

/// Checkboxes for a subset of the relationship's roles.
#[component]
fn RolePicks(
    /// Unique on the page: the checkboxes' ids start with it.
    prefix: String,
    /// The fieldset's legend.
    legend: ViewFn,
    role_ids: Vec<String>,
    catalogue: StoredValue<Vec<RoleDefinition>>,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="role-picks">
            <legend>{legend.run()}</legend>
            {role_ids
                .into_iter()
                .map(|id| {
                    let input_id = format!("{prefix}-{id}");
                    let (checked_id, toggle_id, name_id) = (id.clone(), id.clone(), id);
                    let name = move || {
                        let language = format::language(i18n.get_locale());
                        catalogue
                            .with_value(|c| names(c, std::slice::from_ref(&name_id), language))
                            .pop()
                            .unwrap_or_default()
                    };
                    view! {
                        <div class="checkbox-field">
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&checked_id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| *x != toggle_id);
                                        if on {
                                            c.push(toggle_id.clone());
                                        }
                                    });
                                }
                            />
                            <label for=input_id>{name}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
pub fn Assignments(
    relationship_id: String,
    role_ids: Vec<String>,
    catalogue: StoredValue<Vec<RoleDefinition>>,
    manage: bool,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let rid = StoredValue::new(relationship_id);
    let loaded = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            let path = paths::access_assignments(&rid.get_value());
            async move {
                let assignments: Page<AccessAssignment> = api.get(&path, &[], None).await?;
                let groups: Vec<SecurityGroup> = api.get(paths::SECURITY_GROUPS, &[], None).await?;
                Ok::<_, ApiError>(Loaded {
                    assignments: assignments.items,
                    groups,
                })
            }
        }
    });
    let role_ids = StoredValue::new(role_ids);
    let last = RwSignal::new(None::<Loaded>);
    Effect::new(move |_| {
        if let Some(Ok(l)) = loaded.get() {
            last.set(Some(l));
        }
    });
    let failed = move || loaded.get().and_then(Result::err);
    view! {
        <p class="subtitle">{t!(i18n, gdap.assignments_intro)}</p>
        {move || match (failed(), last.get()) {
            (Some(error), _) => view! { <ErrorPanel error on_retry=move |_| loaded.refetch() /> }.into_any(),
            (None, Some(l)) => view! {
                <AssignmentTable
                    loaded=l
                    rid
                    role_ids
                    catalogue
                    manage
                    notice
                    reload=move || loaded.refetch()
                />
            }
            .into_any(),
            _ => view! { <p class="status" role="status">{t!(i18n, gdap.loading_assignments)}</p> }.into_any(),
        }}
    }
}

#[component]
fn AssignmentTable(
    loaded: Loaded,
    rid: StoredValue<String>,
    role_ids: StoredValue<Vec<String>>,
    catalogue: StoredValue<Vec<RoleDefinition>>,
    manage: bool,
    notice: RwSignal<Option<Notice>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let groups = StoredValue::new(loaded.groups.clone());
    let taken: Vec<String> = loaded
        .assignments
        .iter()
        .map(|a| a.access_container.access_container_id.clone())
        .collect();
    let free: Vec<SecurityGroup> = loaded
        .groups
        .iter()
        .filter(|g| !taken.contains(&g.id))
        .cloned()
        .collect();
    let mut columns = vec![
        Column::new(move || t_string!(i18n, gdap.col_group).to_owned()),
        Column::new(move || t_string!(i18n, gdap.col_members).to_owned()),
        Column::new(move || t_string!(i18n, gdap.col_roles).to_owned()),
    ];
    if manage {
        columns.push(Column::new(move || {
            t_string!(i18n, gdap.col_actions).to_owned()
        }));
    }
    view! {
        <DataTable
            label=Signal::derive(move || t_string!(i18n, gdap.assignments_heading).to_string())
            columns
            items=loaded.assignments
            empty=move || view! { <p class="empty">{t!(i18n, gdap.no_assignments)}</p> }
            row=move |a, index| view! {
                <AssignmentRow assignment=a index rid role_ids catalogue groups manage notice reload />
            }
        />
        {(manage && !free.is_empty()).then(|| view! { <AddAssignment free rid role_ids catalogue notice reload /> })}
    }
}

#[component]
fn AssignmentRow(
    assignment: AccessAssignment,
    index: u64,
    rid: StoredValue<String>,
    role_ids: StoredValue<Vec<String>>,
    catalogue: StoredValue<Vec<RoleDefinition>>,
    groups: StoredValue<Vec<SecurityGroup>>,
    manage: bool,
    notice: RwSignal<Option<Notice>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let a = StoredValue::new(assignment);
    let group_name = a.with_value(|a| a.group_name.clone());
    let members = groups.with_value(|gs| {
        gs.iter()
            .find(|g| a.with_value(|a| a.access_container.access_container_id == g.id))
            .map(|g| g.members.join(", "))
            .unwrap_or_default()
    });
    let current: Vec<String> =
        a.with_value(|a| a.access_details.role_ids().map(str::to_owned).collect());
    let role_text = {
        let current = current.clone();
        move || {
            let language = format::language(i18n.get_locale());
            catalogue
                .with_value(|c| names(c, &current, language))
                .join(", ")
        }
    };
    let editing = RwSignal::new(false);
    let chosen = RwSignal::new(current);
    let failure = RwSignal::new(None::<ApiError>);
    let outcome = move |result: Result<Notice, ApiError>| match result {
        Ok(n) => {
            notice.set(Some(n));
            reload();
        }
        Err(e) if is_stale(&e) => {
            notice.set(Some(Notice::Stale));
            reload();
        }
        Err(e) => failure.set(Some(e)),
    };
    let save = Action::new_local({
        let api = api.clone();
        move |_: &()| {
            let api = api.clone();
            let (assignment, roles) = (a.get_value(), chosen.get_untracked());
            async move {
                let result = api
                    .update_access_assignment(&rid.get_value(), &assignment, &roles)
                    .await
                    .map(|_| Notice::AssignmentChanged);
                outcome(result);
            }
        }
    });
    let remove = Action::new_local(move |_: &()| {
        let api = api.clone();
        let assignment = a.get_value();
        async move {
            let result = api
                .remove_access_assignment(&rid.get_value(), &assignment)
                .await
                .map(|_| Notice::AssignmentRemoved);
            outcome(result);
        }
    });
    let id = a.with_value(|a| a.id.clone());
    let legend_name = group_name.clone();
    let error_text = move || failure.get().map(|e| change_error(i18n, &e));
    view! {
        <tr aria-rowindex=index>
            <th scope="row">{group_name.clone()}</th>
            <td>{members}</td>
            <td>{role_text}</td>
            {manage.then(|| view! {
                <td class="row-actions">
                    <button
                        type="button"
                        class="button small"
                        aria-expanded=move || editing.get().to_string()
                        on:click=move |_| editing.update(|e| *e = !*e)
                    >
                        {t!(i18n, gdap.change_roles)}
                    </button>
                    {move || editing.get().then(|| {
                        let legend_name = legend_name.clone();
                        let no_roles = RwSignal::new(false);
                        view! {
                            <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                                ev.prevent_default();
                                if chosen.with_untracked(Vec::is_empty) {
                                    no_roles.set(true);
                                } else {
                                    no_roles.set(false);
                                    save.dispatch(());
                                }
                            }>
                                <RolePicks
                                    prefix=format!("edit-{id}")
                                    legend=ViewFn::from(move || {
                                        let group = legend_name.clone();
                                        t!(i18n, gdap.change_roles_of, group = move || group.clone())
                                    })
                                    role_ids=role_ids.get_value()
                                    catalogue
                                    chosen
                                />
                                <p class="field-error" role="alert">
                                    {move || no_roles.get().then(|| t_string!(i18n, gdap.err_pick_roles).to_string())}
                                </p>
                                <button type="submit" class="button small primary" disabled=move || save.pending().get()>
                                    {move || if save.pending().get() { t_string!(i18n, gdap.saving) } else { t_string!(i18n, gdap.save) }}
                                </button>
                            </form>
                        }
                    })}
                    <Confirm
                        trigger=Signal::derive(move || t_string!(i18n, gdap.remove).to_string())
                        confirm=Signal::derive(move || if remove.pending().get() { t_string!(i18n, gdap.removing).to_string() } else { t_string!(i18n, gdap.remove_yes).to_string() })
                        cancel=Signal::derive(move || t_string!(i18n, gdap.cancel).to_string())
                        on_confirm=move |()| { remove.dispatch(()); }
                        pending=remove.pending()
                        error=Signal::derive(error_text)
                    >
                        <p>{t!(i18n, gdap.remove_confirm)}</p>
                    </Confirm>
                    <p class="field-error" role="alert">{move || (!editing.get()).then(error_text).flatten()}</p>
                </td>
            })}
        </tr>
    }
}

#[component]
fn AddAssignment(
    free: Vec<SecurityGroup>,
    rid: StoredValue<String>,
    role_ids: StoredValue<Vec<String>>,
    catalogue: StoredValue<Vec<RoleDefinition>>,
    notice: RwSignal<Option<Notice>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let group = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let group_missing = RwSignal::new(false);
    let roles_missing = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let add = Action::new_local(move |_: &()| {
        let api = api.clone();
        let (group_id, roles) = (group.get_untracked(), chosen.get_untracked());
        async move {
            match api
                .add_access_assignment(&rid.get_value(), &group_id, &roles)
                .await
            {
                Ok(_) => {
                    notice.set(Some(Notice::AssignmentAdded));
                    reload();
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        group_missing.set(group.with_untracked(String::is_empty));
        roles_missing.set(chosen.with_untracked(Vec::is_empty));
        if !group_missing.get_untracked() && !roles_missing.get_untracked() {
            add.dispatch(());
        }
    };
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <h3>{t!(i18n, gdap.add_assignment)}</h3>
            <div class="field">
                <label for="assignment-group">{t!(i18n, gdap.group_label)}</label>
                <select
                    id="assignment-group"
                    aria-invalid=move || group_missing.get().to_string()
                    aria-describedby="assignment-group-error"
                    on:change=move |ev| group.set(event_target_value(&ev))
                >
                    <option value="">{t!(i18n, gdap.choose_group)}</option>
                    {free
                        .into_iter()
                        .map(|g| view! { <option value=g.id.clone()>{g.display_name.clone()}</option> })
                        .collect_view()}
                </select>
                <p id="assignment-group-error" class="field-error">
                    {move || group_missing.get().then(|| t_string!(i18n, gdap.err_group_required).to_string())}
                </p>
            </div>
            <RolePicks
                prefix="add".to_owned()
                legend=ViewFn::from(move || t!(i18n, gdap.assignment_roles))
                role_ids=role_ids.get_value()
                catalogue
                chosen
            />
            <p class="field-error">
                {move || roles_missing.get().then(|| t_string!(i18n, gdap.err_pick_roles).to_string())}
            </p>
            <div class="form-error" role="alert">
                {move || failure.get().map(|e| view! { <p>{change_error(i18n, &e)}</p> })}
            </div>
            <button type="submit" class="button primary" disabled=move || add.pending().get()>
                {t!(i18n, gdap.add_assignment)}
            </button>
        </form>
    }
}
