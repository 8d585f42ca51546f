//! The approval e-mail of a new request (after **Finalize request**): what was requested, and an
//! editable e-mail in the interface's language with the approval link, through the shared
//! [`EmailComposer`] and its link guard.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_contract::gdap::{AdminRelationship, DayDuration, RoleDefinition};

use super::hooks::{use_relationship, use_role_catalogue};
use super::labels;
use crate::components::email_composer::{EmailComposer, LinkIntact};
use crate::components::error_panel::ErrorPanel;
use crate::components::page_title::use_page_title;
use crate::format;
use crate::gdap::draft::{ApprovalRequest, approval_email};
use crate::gdap::roles::{find, text};
use crate::i18n::*;
use crate::routes;
use crate::session::Session;

#[component]
pub fn ApprovalEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, gdap.create_title).to_string());
    let relationship = use_relationship();
    let catalogue = use_role_catalogue();
    let loaded = move || match (relationship.get(), catalogue.get()) {
        (Some(Ok(r)), Some(Ok(c))) => Some(Ok((r, c))),
        (Some(Err(e)), _) | (_, Some(Err(e))) => Some(Err(e)),
        _ => None,
    };
    view! {
        <h1>{t!(i18n, gdap.create_title)}</h1>
        {move || match loaded() {
            None => view! { <p class="status" role="status">{t!(i18n, gdap.loading_one)}</p> }.into_any(),
            Some(Err(error)) => view! {
                <ErrorPanel error on_retry=move |_| { relationship.refetch(); catalogue.refetch(); } />
            }
            .into_any(),
            // Drawn once: a language switch must not throw away the partner's edits.
            Some(Ok((r, c))) => untrack(move || view! { <Draft relationship=r catalogue=c /> }).into_any(),
        }}
    }
}

#[component]
fn Draft(relationship: AdminRelationship, catalogue: Vec<RoleDefinition>) -> impl IntoView {
    let i18n = use_i18n();
    let r = relationship;
    let Some(link) = r.approval_link.clone() else {
        return view! {
            <p class="notice">{t!(i18n, gdap.not_pending)}</p>
            <p><a href=routes::admin_relationship(&r.id)>{r.display_name.clone()}</a></p>
        }
        .into_any();
    };
    let language = format::language(i18n.get_locale_untracked());
    let roles: Vec<(String, String)> = r
        .access_details
        .role_ids()
        .map(|id| match find(&catalogue, id) {
            Some(role) => (
                text(&role.display_name, language).to_owned(),
                text(&role.description, language).to_owned(),
            ),
            None => (id.to_owned(), String::new()),
        })
        .collect();
    let partner = expect_context::<Session>()
        .me()
        .map(|m| m.organization.name.clone())
        .unwrap_or_default();
    let expires = r
        .end_date_time
        .as_deref()
        .map(|at| format::date(at, format::language_tag(language)))
        .unwrap_or_default();
    let days = DayDuration::parse(&r.duration).map_or(0, |d| d.0);
    let (subject, body) = approval_email(
        language,
        &ApprovalRequest {
            partner: &partner,
            name: &r.display_name,
            roles: &roles,
            days,
            link: &link,
            expires: &expires,
        },
    );
    let text_signal = RwSignal::new(body);
    let lang = match language {
        portal_contract::Language::En => "en",
        portal_contract::Language::Hu => "hu",
    };
    let role_names = roles
        .iter()
        .map(|(n, _)| n.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let (duration, auto) = (r.duration.clone(), r.auto_extend_duration.clone());
    let detail = routes::admin_relationship(&r.id);
    view! {
        <p class="subtitle">{t!(i18n, gdap.draft_intro)}</p>
        <dl class="facts">
            <dt>{t!(i18n, gdap.name_label)}</dt>
            <dd>{r.display_name.clone()}</dd>
            <dt>{t!(i18n, gdap.col_customer)}</dt>
            <dd>{r.customer.clone().map(|c| c.display_name).unwrap_or_else(|| t_string!(i18n, gdap.any_customer).to_string())}</dd>
            <dt>{t!(i18n, gdap.duration_label)}</dt>
            <dd>{labels::duration(i18n, &duration)}</dd>
            <dt>{t!(i18n, gdap.roles_label)}</dt>
            <dd>{role_names}</dd>
            <dt>{t!(i18n, gdap.auto_extend_label)}</dt>
            <dd>{move || labels::auto_extend(i18n, &auto)}</dd>
        </dl>
        <EmailComposer
            text=text_signal
            link
            subject
            lang
            link_missing=ViewFn::from(move || t!(i18n, gdap.link_missing))
        >
            <DoneLink href=detail.clone() />
        </EmailComposer>
    }
    .into_any()
}

/// Done: on to the relationship's page, while the link is whole.
#[component]
fn DoneLink(href: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let LinkIntact(link_ok) = expect_context();
    view! {
        <button
            type="button"
            class="button primary"
            disabled=move || !link_ok.get()
            on:click=move |_| navigate(&href, Default::default())
        >
            {t!(i18n, gdap.done)}
        </button>
    }
}
