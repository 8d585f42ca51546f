//! Sign-in by e-mail address and password.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::FieldError;
use portal_contract::SignInRequest;
use portal_contract::auth::PASSWORD_MAX_LEN;
use portal_contract::validation::EMAIL_MAX_LEN;
use portal_contract::validation::{EmailAddress, FieldCode};
use portal_contract::{Me, paths};

use crate::api::{ApiClient, ApiError, ErrorKind};
use crate::components::error_panel::error_message;
use crate::components::language_switch::LanguageSwitch;
use crate::components::page_title::use_page_title;
use crate::components::provider_sign_in::ProviderSignIn;
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::navigation::safe_next;
use crate::session::{Session, SessionState};

/// The checks the browser can make before asking the server (which checks them again): the
/// contract's e-mail rule, and a password that is not empty.
pub fn check_fields(email: &str, password: &str) -> (Option<FieldCode>, Option<FieldCode>) {
    let email_problem = EmailAddress::parse(email).err();
    let password_problem = password.is_empty().then_some(FieldCode::Required);
    (email_problem, password_problem)
}

/// A field error from the server as a rule of the contract (a code from a newer server reads
/// as plainly invalid).
fn code_of(error: &FieldError) -> FieldCode {
    error.field_code().unwrap_or(FieldCode::Invalid)
}

/// Where to go after signing in: `next`, except that customer administrators who were not sent
/// anywhere in particular land on their partner relationships rather than the partner pages.
pub fn landing(me: &portal_contract::Me, next: String) -> String {
    if me.organization.kind == portal_contract::OrganizationKind::Customer
        && next == crate::navigation::HOME
    {
        crate::routes::customer_home()
    } else {
        next
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let session = expect_context::<Session>();
    let query = use_query_map();
    let navigate = use_navigate();
    use_page_title(move || t_string!(i18n, signin.title).to_string());

    let next = move || safe_next(query.with(|q| q.get("next")).as_deref());
    // Already signed in (or just signed in): go on.
    Effect::new(move |_| {
        if let SessionState::SignedIn(me) = session.state.get() {
            navigate(
                &landing(&me, next()),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email_problem = RwSignal::new(None::<FieldCode>);
    let password_problem = RwSignal::new(None::<FieldCode>);
    let failure = RwSignal::new(None::<ApiError>);

    let submit = Action::new_local(move |request: &SignInRequest| {
        let api = api.clone();
        let request = request.clone();
        async move {
            match api.post::<_, Me>(paths::SIGN_IN, &request).await {
                Ok(me) => session.signed_in(me),
                Err(e) => {
                    for f in e.field_errors() {
                        let problem = Some(code_of(f));
                        match f.field.as_str() {
                            "email" => email_problem.set(problem),
                            "password" => password_problem.set(problem),
                            _ => {}
                        }
                    }
                    failure.set(Some(e));
                }
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let (e, p) = check_fields(&email.get_untracked(), &password.get_untracked());
        email_problem.set(e);
        password_problem.set(p);
        if e.is_none() && p.is_none() {
            submit.dispatch(SignInRequest {
                email: email.get_untracked().trim().to_owned(),
                password: password.get_untracked(),
            });
        }
    };

    let problem_text = move |code: FieldCode, is_email: bool| match (code, is_email) {
        (FieldCode::Required, true) => t_string!(i18n, signin.email_required).to_string(),
        (FieldCode::Required, false) => t_string!(i18n, signin.password_required).to_string(),
        (FieldCode::TooLong, _) | (_, false) => t_string!(i18n, signin.too_long).to_string(),
        (_, true) => t_string!(i18n, signin.email_invalid).to_string(),
    };
    let failure_text = move || {
        failure.get().and_then(|e| match e.kind() {
            // Field problems show at their fields.
            ErrorKind::Invalid if !e.field_errors().is_empty() => None,
            ErrorKind::Unauthorized => Some(t_string!(i18n, signin.wrong_credentials).to_string()),
            kind => Some(error_message(i18n, kind)),
        })
    };

    view! {
        <div class="sign-in-page">
            <header class="top-bar">
                <span class="product">{t!(i18n, common.product_name)}</span>
                <LanguageSwitch />
            </header>
            <main id="main" class="sign-in">
                <h1>{t!(i18n, signin.title)}</h1>
                <p>{t!(i18n, signin.intro)}</p>
                <form on:submit=on_submit novalidate>
                    <TextField
                        id="email"
                        label=Signal::derive(move || t_string!(i18n, signin.email).to_string())
                        input_type="email"
                        autocomplete="username"
                        maxlength=EMAIL_MAX_LEN
                        value=email
                        error=Signal::derive(move || email_problem.get().map(|p| problem_text(p, true)))
                    />
                    <TextField
                        id="password"
                        label=Signal::derive(move || t_string!(i18n, signin.password).to_string())
                        input_type="password"
                        autocomplete="current-password"
                        maxlength=PASSWORD_MAX_LEN
                        value=password
                        error=Signal::derive(move || password_problem.get().map(|p| problem_text(p, false)))
                    />
                    <div class="form-error" role="alert">
                        {move || failure_text().map(|t| view! { <p>{t}</p> })}
                    </div>
                    <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                        {move || {
                            if submit.pending().get() {
                                t_string!(i18n, signin.submitting).to_string()
                            } else {
                                t_string!(i18n, signin.submit).to_string()
                            }
                        }}
                    </button>
                </form>
                // Back from the provider, the sign-in page finds the session and lands as above.
                <ProviderSignIn next=Signal::derive(move || {
                    query.with(|q| q.get("next")).map(|_| next()).unwrap_or_else(|| crate::navigation::SIGN_IN.to_owned())
                }) />
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_what_the_server_would_refuse() {
        assert_eq!(
            check_fields(" ", ""),
            (Some(FieldCode::Required), Some(FieldCode::Required))
        );
        assert_eq!(
            check_fields("name", "x"),
            (Some(FieldCode::InvalidEmail), None)
        );
        assert_eq!(
            check_fields("a@.com", "x"),
            (Some(FieldCode::InvalidEmail), None)
        );
        assert_eq!(check_fields("a@b.hu", "x"), (None, None));
    }

    #[test]
    fn reads_server_codes() {
        let error = |code: &str| FieldError {
            field: "email".into(),
            code: code.into(),
            message: String::new(),
        };
        assert_eq!(code_of(&error("tooLong")), FieldCode::TooLong);
        assert_eq!(code_of(&error("somethingNew")), FieldCode::Invalid);
    }
}
