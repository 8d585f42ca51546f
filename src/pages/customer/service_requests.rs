//! Service requests opened on the customer's behalf: the list (newest first) and a form to open
//! one (Admin agent, Global admin, Helpdesk agent). Support goes on after the customer removed
//! the partner's admin roles: only the reseller relationship is needed.

use leptos::prelude::*;
use portal_contract::paths;
use portal_contract::support::{CONTACT_NAME_MAX_LEN, DESCRIPTION_MAX_LEN, TITLE_MAX_LEN};
use portal_contract::validation::{EMAIL_MAX_LEN, EmailAddress, FieldCode, required_text};
use portal_contract::{NewServiceRequest, Page, Permission, ServiceRequest, Severity};

use super::hooks::{use_customer_id, use_customer_resource};
use crate::api::{ApiClient, ApiError};
use crate::components::data_table::{Column, DataTable};
use crate::components::error_panel::error_message;
use crate::components::labels;
use crate::components::loaded::Loaded;
use crate::components::text_field::TextField;
use crate::format;
use crate::i18n::*;
use crate::session::Session;

#[component]
pub fn ServiceRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let customer_id = use_customer_id();
    let requests = use_customer_resource::<Page<ServiceRequest>>(paths::customer_service_requests);
    let may_open = expect_context::<Session>()
        .me()
        .is_some_and(|m| m.can(Permission::OpenServiceRequest));
    let opened = RwSignal::new(None::<String>);
    view! {
        <p class="subtitle">{t!(i18n, customer.service_requests_intro)}</p>
        <div role="status" class="status-line">
            {move || opened.get().map(|title| view! {
                <p class="confirmation">{t!(i18n, manage.request_opened, title = move || title.clone())}</p>
            })}
        </div>
        <Loaded
            resource=requests
            loading=move || view! { <p class="status" role="status">{t!(i18n, common.loading)}</p> }
            empty=move || view! { <p class="empty">{t!(i18n, customer.service_requests_empty)}</p> }
            is_empty={|page: &Page<ServiceRequest>| page.items.is_empty()}
            let:page
        >
            <RequestTable items=page.items />
        </Loaded>
        {if may_open {
            view! {
                <NewRequestForm
                    customer_id
                    on_opened=move |r: ServiceRequest| {
                        opened.set(Some(r.title));
                        requests.refetch();
                    }
                />
            }
                .into_any()
        } else {
            view! { <p class="help">{t!(i18n, manage.no_requests_role)}</p> }.into_any()
        }}
    }
}

#[component]
fn RequestTable(items: Vec<ServiceRequest>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable
            label=Signal::derive(move || t_string!(i18n, manage.requests_table).to_string())
            columns=vec![
                Column::new(move || t_string!(i18n, manage.col_title).to_owned()),
                Column::new(move || t_string!(i18n, manage.col_severity).to_owned()),
                Column::new(move || t_string!(i18n, manage.col_status).to_owned()),
                Column::new(move || t_string!(i18n, manage.col_opened).to_owned()),
                Column::new(move || t_string!(i18n, manage.col_opened_by).to_owned()),
            ]
            items
            row=move |r: ServiceRequest, index: u64| {
                let (severity, status, created) = (r.severity, r.status, r.created_date.clone());
                view! {
                    <tr aria-rowindex=index>
                        <th scope="row">{r.title}</th>
                        <td>{move || labels::severity(i18n, severity)}</td>
                        <td>{move || labels::request_status(i18n, status)}</td>
                        <td>{move || format::date(&created, format::locale_tag(i18n))}</td>
                        <td>{r.created_by}</td>
                    </tr>
                }
            }
        />
    }
}

/// A required text's problem, by the contract's rule (the server checks it again).
fn check(value: &str, max: usize) -> Option<FieldCode> {
    required_text(value, max).err()
}

/// The contact address's problem, by the contract's e-mail rule.
fn check_email(value: &str) -> Option<FieldCode> {
    EmailAddress::parse(value).err()
}

/// The sentence for a field's problem.
fn field_message(i18n: leptos_i18n::I18nContext<Locale>, code: FieldCode) -> String {
    match code {
        FieldCode::Required => t_string!(i18n, manage.required).to_owned(),
        FieldCode::TooLong => t_string!(i18n, manage.too_long).to_owned(),
        _ => t_string!(i18n, manage.email_invalid).to_owned(),
    }
}

/// The new-request form's fields and its sending, with the page's rules.
#[derive(Clone, Copy)]
struct RequestForm {
    title: RwSignal<String>,
    description: RwSignal<String>,
    severity: RwSignal<Severity>,
    contact_name: RwSignal<String>,
    contact_email: RwSignal<String>,
    /// The person tried to send it: the form's own checks show from now on.
    submitted: RwSignal<bool>,
    /// What the server refused, if it did.
    failure: RwSignal<Option<ApiError>>,
    open: Action<NewServiceRequest, ()>,
}

impl RequestForm {
    /// A field's problem once the person tried to send, or what the server said about it.
    fn problem(self, field: &str, own: Option<FieldCode>) -> Option<FieldCode> {
        let server = self.failure.with(|f| {
            f.as_ref().and_then(|e| {
                e.field_errors()
                    .iter()
                    .find(|e| e.field == field)
                    .map(|e| e.field_code().unwrap_or(FieldCode::Invalid))
            })
        });
        self.submitted.get().then_some(own).flatten().or(server)
    }

    fn title_problem(self) -> Option<FieldCode> {
        check(&self.title.get(), TITLE_MAX_LEN)
    }

    fn description_problem(self) -> Option<FieldCode> {
        check(&self.description.get(), DESCRIPTION_MAX_LEN)
    }

    fn contact_name_problem(self) -> Option<FieldCode> {
        check(&self.contact_name.get(), CONTACT_NAME_MAX_LEN)
    }

    fn contact_email_problem(self) -> Option<FieldCode> {
        check_email(&self.contact_email.get())
    }

    /// Sends the request when the form's own checks pass; otherwise shows their problems.
    fn submit(self) {
        self.submitted.set(true);
        self.failure.set(None);
        let problems = untrack(|| {
            [
                self.title_problem(),
                self.description_problem(),
                self.contact_name_problem(),
                self.contact_email_problem(),
            ]
        });
        if problems.iter().any(Option::is_some) {
            return;
        }
        self.open.dispatch(NewServiceRequest {
            title: self.title.get_untracked(),
            description: self.description.get_untracked(),
            severity: self.severity.get_untracked(),
            contact_name: self.contact_name.get_untracked(),
            contact_email: self.contact_email.get_untracked(),
        });
    }
}

/// The form's state; a request the server opened empties it and goes to `on_opened`.
fn use_request_form(
    customer_id: Memo<String>,
    on_opened: impl Fn(ServiceRequest) + Copy + 'static,
) -> RequestForm {
    let api = expect_context::<ApiClient>();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let contact_name = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let open = Action::new_local(move |body: &NewServiceRequest| {
        let (api, body, id) = (api.clone(), body.clone(), customer_id.get_untracked());
        async move {
            let path = paths::customer_service_requests(&id);
            match api.post::<_, ServiceRequest>(&path, &body).await {
                Ok(created) => {
                    failure.set(None);
                    submitted.set(false);
                    for f in [title, description, contact_name, contact_email] {
                        f.set(String::new());
                    }
                    on_opened(created);
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    RequestForm {
        title,
        description,
        severity: RwSignal::new(Severity::Moderate),
        contact_name,
        contact_email,
        submitted,
        failure,
        open,
    }
}

#[component]
fn NewRequestForm(
    customer_id: Memo<String>,
    on_opened: impl Fn(ServiceRequest) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_request_form(customer_id, on_opened);
    let RequestForm {
        title,
        description,
        severity,
        contact_name,
        contact_email,
        failure,
        open,
        ..
    } = form;
    let message = move |field: &'static str, own: Option<FieldCode>| {
        form.problem(field, own)
            .map(|code| field_message(i18n, code))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit();
    };
    view! {
        <section aria-labelledby="new-request-heading" class="form">
            <h3 id="new-request-heading">{t!(i18n, manage.new_request)}</h3>
            <form novalidate on:submit=on_submit>
                <TextField
                    id="request-title"
                    label=Signal::derive(move || t_string!(i18n, manage.title).to_owned())
                    input_type="text"
                    autocomplete="off"
                    maxlength=TITLE_MAX_LEN
                    value=title
                    error=Signal::derive(move || message("title", form.title_problem()))
                />
                <div class="field">
                    <label for="request-description">{t!(i18n, manage.description)}</label>
                    <textarea
                        id="request-description"
                        rows="5"
                        maxlength=DESCRIPTION_MAX_LEN
                        required
                        aria-invalid=move || message("description", form.description_problem()).is_some().to_string()
                        aria-describedby="request-description-error"
                        bind:value=description
                    ></textarea>
                    <p id="request-description-error" class="field-error">
                        {move || message("description", form.description_problem())}
                    </p>
                </div>
                <div class="field">
                    <label for="request-severity">{t!(i18n, manage.severity)}</label>
                    <select
                        id="request-severity"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(s) = Severity::ALL.into_iter().find(|s| s.as_str() == v) {
                                severity.set(s);
                            }
                        }
                        prop:value=move || severity.get().as_str()
                    >
                        {Severity::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str()>{move || labels::severity(i18n, s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <TextField
                    id="request-contact-name"
                    label=Signal::derive(move || t_string!(i18n, manage.contact_name).to_owned())
                    input_type="text"
                    autocomplete="name"
                    maxlength=CONTACT_NAME_MAX_LEN
                    value=contact_name
                    error=Signal::derive(move || message("contactName", form.contact_name_problem()))
                />
                <TextField
                    id="request-contact-email"
                    label=Signal::derive(move || t_string!(i18n, manage.contact_email).to_owned())
                    input_type="email"
                    autocomplete="email"
                    maxlength=EMAIL_MAX_LEN
                    value=contact_email
                    error=Signal::derive(move || message("contactEmail", form.contact_email_problem()))
                />
                <div class="form-error" role="alert">
                    {move || failure.get().filter(|e| e.field_errors().is_empty()).map(|e| {
                        let kind = e.kind();
                        view! { <p>{move || error_message(i18n, kind)}</p> }
                    })}
                </div>
                <button type="submit" class="button primary" disabled=move || open.pending().get()>
                    {move || if open.pending().get() { t_string!(i18n, manage.opening) } else { t_string!(i18n, manage.open_request) }}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_checks_what_the_server_checks() {
        assert_eq!(check("  ", 5), Some(FieldCode::Required));
        assert_eq!(check("árvízt", 5), Some(FieldCode::TooLong));
        assert_eq!(check("ok", 5), None);
        assert_eq!(check_email("a@.com"), Some(FieldCode::InvalidEmail));
        assert_eq!(check_email(""), Some(FieldCode::Required));
        assert_eq!(check_email("zsofia@coho.example"), None);
    }
}
