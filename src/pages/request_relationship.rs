//! Step 1 of the flow: the options (admin privileges, customer e-mail, e-mail language). "Next"
//! creates the tracked invitation on the server and goes on to the e-mail draft.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_contract::validation::{EMAIL_MAX_LEN, EmailAddress, FieldCode};
use portal_contract::{Cloud, CreateRelationshipRequest, Language, Permission};
use portal_contract::{Invitation, paths};

use crate::api::{ApiClient, ApiError, ErrorKind};
use crate::components::error_panel::error_message;
use crate::components::page_title::use_page_title;
use crate::components::text_field::TextField;
use crate::format;
use crate::i18n::*;
use crate::routes;
use crate::session::Session;

/// A country's name in the interface language; the ISO code for countries without one.
pub fn country_name(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    match code {
        "HU" => t_string!(i18n, invite.country_HU).to_string(),
        "US" => t_string!(i18n, invite.country_US).to_string(),
        "DE" => t_string!(i18n, invite.country_DE).to_string(),
        other => other.to_owned(),
    }
}

/// The optional customer e-mail: empty is fine; otherwise the contract's e-mail rule (the
/// server checks it again).
pub fn check_customer_email(raw: &str) -> Result<Option<String>, FieldCode> {
    EmailAddress::parse_optional(raw).map(|e| e.map(|_| raw.trim().to_owned()))
}

#[component]
pub fn RequestRelationshipPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, invite.options_title).to_string());
    let Some(me) = expect_context::<Session>().me() else {
        return ().into_any();
    };
    if !me.can(Permission::ManageInvitations) {
        return view! {
            <h1>{t!(i18n, invite.options_title)}</h1>
            <p class="notice" role="status">{t!(i18n, invite.not_allowed_reason)}</p>
            <p><a href=routes::CUSTOMERS>{t!(i18n, common.nav_customers)}</a></p>
        }
        .into_any();
    }
    let api = expect_context::<ApiClient>();
    let navigate = use_navigate();
    let locked = me.organization.cloud != Some(Cloud::Public);
    let country_code = me.organization.country.clone();
    let country = move || country_name(i18n, &country_code);

    let include_admin = RwSignal::new(true);
    let email = RwSignal::new(String::new());
    let email_problem = RwSignal::new(None::<FieldCode>);
    let language = RwSignal::new(format::language(i18n.get_locale_untracked()));
    let failure = RwSignal::new(None::<ApiError>);

    let create = Action::new_local(move |request: &CreateRelationshipRequest| {
        let api = api.clone();
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            match api
                .post::<_, Invitation>(paths::RELATIONSHIP_REQUESTS, &request)
                .await
            {
                Ok(inv) => navigate(&routes::invitation_email(&inv.id), Default::default()),
                Err(e) => {
                    if let Some(f) = e.field_errors().iter().find(|f| f.field == "customerEmail") {
                        email_problem.set(Some(f.field_code().unwrap_or(FieldCode::Invalid)));
                    }
                    failure.set(Some(e));
                }
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        match check_customer_email(&email.get_untracked()) {
            Err(p) => email_problem.set(Some(p)),
            Ok(customer_email) => {
                email_problem.set(None);
                create.dispatch(CreateRelationshipRequest {
                    allow_delegated_access: include_admin.get_untracked() || locked,
                    customer_email,
                    language: language.get_untracked(),
                });
            }
        }
    };
    let email_error = Signal::derive(move || {
        email_problem.get().map(|code| match code {
            FieldCode::TooLong => t_string!(i18n, invite.email_too_long).to_string(),
            _ => t_string!(i18n, invite.email_invalid).to_string(),
        })
    });
    let failure_text = move || {
        failure.get().and_then(|e| match e.kind() {
            ErrorKind::Invalid if email_problem.get().is_some() => None,
            kind => Some(error_message(i18n, kind)),
        })
    };
    let describedby = if locked {
        "include-admin-help include-admin-locked"
    } else {
        "include-admin-help"
    };

    view! {
        <h1>{t!(i18n, invite.options_title)}</h1>
        <p class="subtitle">{t!(i18n, invite.options_intro)}</p>
        <form class="form" on:submit=on_submit novalidate>
            <div class="checkbox-field">
                <input
                    type="checkbox"
                    id="include-admin"
                    prop:checked=move || include_admin.get() || locked
                    disabled=locked
                    aria-describedby=describedby
                    on:change=move |ev| include_admin.set(event_target_checked(&ev))
                />
                <label for="include-admin">{t!(i18n, invite.include_admin)}</label>
            </div>
            <p id="include-admin-help" class="help">{t!(i18n, invite.include_admin_help)}</p>
            {locked.then(|| view! {
                <p id="include-admin-locked" class="notice">{t!(i18n, invite.include_admin_locked)}</p>
            })}
            <p class="notice">{t!(i18n, invite.region_note, country = country.clone())}</p>
            <TextField
                id="customer-email"
                label=Signal::derive(move || t_string!(i18n, invite.customer_email).to_string())
                input_type="email"
                autocomplete="off"
                maxlength=EMAIL_MAX_LEN
                value=email
                error=email_error
                required=false
            />
            <div class="field">
                <label for="email-language">{t!(i18n, invite.email_language)}</label>
                <select
                    id="email-language"
                    on:change=move |ev| {
                        language.set(Language::parse(&event_target_value(&ev)).unwrap_or(Language::En))
                    }
                >
                    <option value="en" lang="en" selected=move || language.get() == Language::En>"English"</option>
                    <option value="hu" lang="hu" selected=move || language.get() == Language::Hu>"Magyar"</option>
                </select>
            </div>
            <div class="form-error" role="alert">
                {move || failure_text().map(|t| view! { <p>{t}</p> })}
            </div>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || create.pending().get()>
                    {move || if create.pending().get() {
                        t_string!(i18n, invite.creating).to_string()
                    } else {
                        t_string!(i18n, invite.next).to_string()
                    }}
                </button>
                <a class="button" href=routes::CUSTOMERS>{t!(i18n, invite.cancel)}</a>
            </div>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_customer_email_is_optional() {
        assert_eq!(check_customer_email("  "), Ok(None));
        assert_eq!(
            check_customer_email(" anna@fabrikam.example "),
            Ok(Some("anna@fabrikam.example".into()))
        );
        for bad in ["anna", "an na@x.hu", "a@.com"] {
            assert_eq!(
                check_customer_email(bad),
                Err(FieldCode::InvalidEmail),
                "{bad}"
            );
        }
        assert_eq!(
            check_customer_email(&format!("{}@x.hu", "a".repeat(260))),
            Err(FieldCode::TooLong)
        );
    }
}
