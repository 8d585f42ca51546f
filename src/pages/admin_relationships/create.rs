//! **Create an admin relationship request**: name, customer (found by typing, or any
//! customer), duration in days, the roles from **Select Microsoft Entra roles**, auto extend. The form's checks are
//! `gdap::form`'s (the server's rules), every problem shown at once; **Finalize request**
//! creates the request, already locked for approval, and opens its e-mail.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::gdap::{AdminRelationship, RoleDefinition};
use portal_contract::validation::FieldCode;
use portal_contract::{CustomerDetail, paths};

use super::customer_picker::{self, CustomerPicker};
use super::hooks::use_role_catalogue;
use super::labels::field_error;
use super::may_manage;
use super::role_dialog::RoleDialog;
use crate::api::{ApiClient, ApiError, ErrorKind};
use crate::components::error_panel::{ErrorPanel, error_message};
use crate::components::page_title::use_page_title;
use crate::format;
use crate::gdap::customer_picker::Choice;
use crate::gdap::form::{Field, RequestForm, has_global_admin};
use crate::gdap::roles;
use crate::i18n::*;
use crate::routes;

/// The element that takes focus when a field has a problem.
fn field_element(field: Field) -> &'static str {
    match field {
        Field::Name => "gdap-name",
        Field::Customer => customer_picker::SEARCH_ID,
        Field::Duration => "gdap-duration",
        Field::Roles => "gdap-roles-button",
        Field::AutoExtend => "auto-extend-no",
    }
}

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id)
        && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
    {
        let _ = el.focus();
    }
}

#[component]
pub fn CreateRelationshipPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, gdap.create_title).to_string());
    if !may_manage() {
        return view! {
            <h1>{t!(i18n, gdap.create_title)}</h1>
            <p class="notice" role="status">{t!(i18n, gdap.not_allowed_reason)}</p>
            <p><a href=routes::ADMIN_RELATIONSHIPS>{t!(i18n, gdap.title)}</a></p>
        }
        .into_any();
    }
    let catalogue = use_role_catalogue();
    // The customer the tab came from, chosen already.
    let preset_id = use_query_map().with_untracked(|q| q.get("customer"));
    let preset = LocalResource::new({
        let api = expect_context::<ApiClient>();
        move || {
            let (api, id) = (api.clone(), preset_id.clone());
            async move {
                match id {
                    Some(id) => api
                        .get::<CustomerDetail>(&paths::customer(&id), &[], None)
                        .await
                        .ok()
                        .map(|d| Choice::from(&d.customer)),
                    None => None,
                }
            }
        }
    });
    let loaded = move || match (catalogue.get(), preset.get()) {
        (Some(Ok(c)), Some(preset)) => Some(Ok((c, preset))),
        (Some(Err(e)), _) => Some(Err(e)),
        _ => None,
    };
    view! {
        <h1>{t!(i18n, gdap.create_title)}</h1>
        <p class="subtitle">{t!(i18n, gdap.create_intro)}</p>
        {move || match loaded() {
            None => view! { <p class="status" role="status">{t!(i18n, gdap.loading_form)}</p> }.into_any(),
            Some(Err(error)) => view! {
                <ErrorPanel error on_retry=move |_| catalogue.refetch() />
            }
            .into_any(),
            Some(Ok((catalogue, preset))) => view! { <RequestFormView catalogue preset /> }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn RequestFormView(catalogue: Vec<RoleDefinition>, preset: Option<Choice>) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let navigate = use_navigate();
    let catalogue = StoredValue::new(catalogue);
    let name = RwSignal::new(String::new());
    let customer = RwSignal::new(preset);
    let duration = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let auto_extend = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<(Field, FieldCode)>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let dialog_open = RwSignal::new(false);
    let opener = NodeRef::<html::Button>::new();
    let global_admin = Memo::new(move |_| chosen.with(|c| has_global_admin(c)));
    // Choosing Global Administrator turns auto extend off: the choice is not allowed with it.
    Effect::new(move |_| {
        if global_admin.get() {
            auto_extend.set(false);
        }
    });
    let error = move |field: Field| {
        Signal::derive(move || {
            problems.with(|p| {
                p.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(f, code)| field_error(i18n, *f, *code))
            })
        })
    };
    let show_problems = move |found: Vec<(Field, FieldCode)>| {
        let first = Field::ALL
            .into_iter()
            .find(|f| found.iter().any(|(g, _)| g == f));
        problems.set(found);
        if let Some(first) = first {
            request_animation_frame(move || focus(field_element(first)));
        }
    };
    let create = Action::new_local(
        move |request: &portal_contract::gdap::CreateAdminRelationship| {
            let (api, request, navigate) = (api.clone(), request.clone(), navigate.clone());
            async move {
                match api
                    .post::<_, AdminRelationship>(paths::ADMIN_RELATIONSHIPS, &request)
                    .await
                {
                    Ok(created) => navigate(
                        &routes::admin_relationship_email(&created.id),
                        Default::default(),
                    ),
                    Err(e) => {
                        let found: Vec<(Field, FieldCode)> = e
                            .field_errors()
                            .iter()
                            .filter_map(|f| {
                                Some((
                                    Field::from_api(&f.field)?,
                                    f.field_code().unwrap_or(FieldCode::Invalid),
                                ))
                            })
                            .collect();
                        if !found.is_empty() {
                            show_problems(found);
                        }
                        failure.set(Some(e));
                    }
                }
            }
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let form = RequestForm {
            name: name.get_untracked(),
            customer_id: customer.get_untracked().map(|c| c.id),
            duration: duration.get_untracked(),
            roles: chosen.get_untracked(),
            auto_extend: auto_extend.get_untracked(),
        };
        match form.check() {
            Ok(request) => {
                problems.set(Vec::new());
                create.dispatch(request);
            }
            Err(found) => show_problems(found),
        }
    };
    let summary = move || {
        let invalid = problems.with(|p| !p.is_empty());
        match failure.get() {
            Some(e) if !(invalid && e.kind() == ErrorKind::Invalid) => {
                Some(error_message(i18n, e.kind()))
            }
            _ => invalid.then(|| t_string!(i18n, gdap.err_summary).to_string()),
        }
    };
    let chosen_names = move || {
        let language = format::language(i18n.get_locale());
        chosen.with(|ids| catalogue.with_value(|c| roles::names(c, ids, language)))
    };
    let name_error = error(Field::Name);
    let customer_error = error(Field::Customer);
    let duration_error = error(Field::Duration);
    let roles_error = error(Field::Roles);
    let auto_error = error(Field::AutoExtend);
    view! {
        <form class="form" on:submit=on_submit novalidate>
            <div class="field">
                <label for="gdap-name">{t!(i18n, gdap.name_label)}</label>
                <input
                    id="gdap-name"
                    type="text"
                    autocomplete="off"
                    required
                    aria-invalid=move || name_error.with(Option::is_some).to_string()
                    aria-describedby="gdap-name-help gdap-name-error"
                    bind:value=name
                />
                <p id="gdap-name-help" class="help">{t!(i18n, gdap.name_help)}</p>
                <p id="gdap-name-error" class="field-error">{name_error}</p>
            </div>
            <CustomerPicker chosen=customer error=customer_error />
            <div class="field">
                <label for="gdap-duration">{t!(i18n, gdap.duration_label)}</label>
                <input
                    id="gdap-duration"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    required
                    aria-invalid=move || duration_error.with(Option::is_some).to_string()
                    aria-describedby="gdap-duration-help gdap-duration-error"
                    bind:value=duration
                />
                <p id="gdap-duration-help" class="help">{t!(i18n, gdap.duration_help)}</p>
                <p id="gdap-duration-error" class="field-error">{duration_error}</p>
            </div>
            <div class="field" role="group" aria-labelledby="gdap-roles-label">
                <p id="gdap-roles-label" class="label">{t!(i18n, gdap.roles_label)}</p>
                <p id="gdap-roles-help" class="help">{t!(i18n, gdap.roles_help)}</p>
                <button
                    type="button"
                    class="button"
                    id="gdap-roles-button"
                    node_ref=opener
                    aria-haspopup="dialog"
                    aria-describedby="gdap-roles-help gdap-roles-error"
                    on:click=move |_| dialog_open.set(true)
                >
                    {t!(i18n, gdap.select_roles)}
                </button>
                {move || {
                    let names = chosen_names();
                    if names.is_empty() {
                        view! { <p class="help">{t!(i18n, gdap.no_roles_selected)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="chosen-roles" aria-labelledby="gdap-roles-label">
                                {names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
                <p id="gdap-roles-error" class="field-error">{roles_error}</p>
            </div>
            <fieldset class="field radios" aria-describedby="auto-extend-help auto-extend-reason auto-extend-error">
                <legend>{t!(i18n, gdap.auto_extend_label)}</legend>
                <div class="radio-field">
                    <input
                        type="radio"
                        name="auto-extend"
                        id="auto-extend-yes"
                        prop:checked=move || auto_extend.get()
                        disabled=move || global_admin.get()
                        on:change=move |_| auto_extend.set(true)
                    />
                    <label for="auto-extend-yes">{t!(i18n, gdap.yes)}</label>
                </div>
                <div class="radio-field">
                    <input
                        type="radio"
                        name="auto-extend"
                        id="auto-extend-no"
                        prop:checked=move || !auto_extend.get()
                        on:change=move |_| auto_extend.set(false)
                    />
                    <label for="auto-extend-no">{t!(i18n, gdap.no)}</label>
                </div>
                <p id="auto-extend-help" class="help">{t!(i18n, gdap.auto_extend_help)}</p>
                <p id="auto-extend-reason" class="notice">
                    {move || global_admin.get().then(|| t_string!(i18n, gdap.auto_extend_global_admin).to_string())}
                </p>
                <p id="auto-extend-error" class="field-error">{auto_error}</p>
            </fieldset>
            <div class="form-error" role="alert">
                {move || summary().map(|t| view! { <p>{t}</p> })}
            </div>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || create.pending().get()>
                    {move || if create.pending().get() {
                        t_string!(i18n, gdap.finalizing).to_string()
                    } else {
                        t_string!(i18n, gdap.finalize).to_string()
                    }}
                </button>
                <a class="button" href=routes::ADMIN_RELATIONSHIPS>{t!(i18n, gdap.cancel)}</a>
            </div>
        </form>
        <RoleDialog open=dialog_open catalogue chosen opener />
    }
}
