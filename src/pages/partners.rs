//! The customer's "Partner relationships": each partner, the relationship, its admin roles, and
//! Remove roles (Global admin) behind a confirmation.

use leptos::prelude::*;
use portal_contract::{DelegatedRole, PartnerRelationship, Role};

use crate::api::{ApiClient, ApiError};
use crate::components::error_panel::{ErrorPanel, error_message};
use crate::components::page_title::use_page_title;
use crate::flash::{Flash, FlashMessage};
use crate::hungarian::in_sentence;
use crate::i18n::*;
use crate::session::Session;

#[component]
pub fn PartnersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    use_page_title(move || t_string!(i18n, portal.nav_partners).to_string());
    let accepted = match expect_context::<Flash>().take() {
        Some(FlashMessage::PartnerAccepted(name)) => Some(name),
        _ => None,
    };
    let removed = RwSignal::new(false);
    let partners = LocalResource::new(move || {
        let api = api.clone();
        async move { api.partner_relationships().await }
    });
    let is_admin = expect_context::<Session>()
        .me()
        .is_some_and(|m| m.has_role(Role::GlobalAdmin));
    view! {
        <h1>{t!(i18n, portal.nav_partners)}</h1>
        <p class="subtitle">{t!(i18n, portal.partners_intro)}</p>
        <div role="status">
            {accepted.map(|partner| view! {
                <p class="confirmation">{t!(i18n, portal.accepted, partner = move || in_sentence(i18n.get_locale(), &partner, false))}</p>
            })}
            {move || removed.get().then(|| view! { <p class="confirmation">{t!(i18n, portal.removed)}</p> })}
        </div>
        <Transition fallback=move || view! { <p class="status" role="status">{t!(i18n, portal.loading_partners)}</p> }>
            {move || Suspend::new(async move {
                match partners.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t!(i18n, portal.no_partners)}</p> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, portal.nav_partners).to_string()>
                            <table class="data">
                                <caption class="visually-hidden">{t!(i18n, portal.nav_partners)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, portal.col_partner)}</th>
                                        <th scope="col">{t!(i18n, portal.col_relationship)}</th>
                                        <th scope="col">{t!(i18n, portal.col_roles)}</th>
                                        <th scope="col">{t!(i18n, portal.col_actions)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|p| view! {
                                        <PartnerRow partner=p is_admin on_removed=move || { removed.set(true); partners.refetch(); } />
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPanel error on_retry=move |_| partners.refetch() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn PartnerRow(
    partner: PartnerRelationship,
    is_admin: bool,
    on_removed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    let roles = partner.admin_roles.clone();
    let has_roles = !roles.is_empty();
    let roles_text = move || {
        if roles.is_empty() {
            return t_string!(i18n, portal.no_roles).to_string();
        }
        roles
            .iter()
            .map(|r| match r {
                DelegatedRole::GlobalAdministrator => {
                    t_string!(i18n, portal.role_global_administrator).to_string()
                }
                DelegatedRole::HelpdeskAdministrator => {
                    t_string!(i18n, portal.role_helpdesk_administrator).to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let partner_id = partner.partner_id.clone();
    let remove = Action::new_local(move |_: &()| {
        let api = api.clone();
        let id = partner_id.clone();
        async move {
            match api.remove_partner_roles(&id).await {
                Ok(_) => on_removed(),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        <tr>
            <th scope="row">{partner.partner_name}</th>
            <td>{t!(i18n, portal.reseller)}</td>
            <td>{roles_text}</td>
            <td class="row-actions">
                {(is_admin && has_roles).then(|| view! {
                    <button type="button" class="button small" aria-expanded=move || confirming.get().to_string() on:click=move |_| confirming.set(true)>
                        {t!(i18n, portal.remove_roles)}
                    </button>
                    {move || confirming.get().then(|| view! {
                        <div class="confirm" role="group" aria-label=move || t_string!(i18n, portal.remove_roles).to_string()>
                            <p>{t!(i18n, portal.remove_confirm)}</p>
                            <button type="button" class="button danger" disabled=move || remove.pending().get() on:click=move |_| { remove.dispatch(()); }>
                                {move || if remove.pending().get() { t_string!(i18n, portal.removing).to_string() } else { t_string!(i18n, portal.remove_yes).to_string() }}
                            </button>
                            <button type="button" class="button" on:click=move |_| confirming.set(false)>{t!(i18n, portal.cancel)}</button>
                            {move || failure.get().map(|e| view! { <p role="alert">{error_message(i18n, e.kind())}</p> })}
                        </div>
                    })}
                })}
            </td>
        </tr>
    }
}
