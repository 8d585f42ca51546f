//! The customer's "Partner relationships": each partner, the relationship, its admin roles, and
//! Remove roles (Global admin) behind a confirmation.

use leptos::prelude::*;
use portal_contract::paths;
use portal_contract::{DelegatedRole, PartnerRelationship, Permission};

use crate::api::{ApiClient, ApiError};
use crate::components::confirm::Confirm;
use crate::components::data_table::{Column, DataTable};
use crate::components::error_panel::error_message;
use crate::components::loaded::Loaded;
use crate::components::page_title::use_page_title;
use crate::flash::{Flash, FlashMessage};
use crate::hungarian::in_sentence;
use crate::i18n::*;
use crate::session::Session;
use granular::GranularRelationships;

mod granular;

#[component]
pub fn PartnersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<ApiClient>();
    use_page_title(move || t_string!(i18n, portal.nav_partners).to_string());
    let flash = expect_context::<Flash>().take();
    let approved = match &flash {
        Some(FlashMessage::RolesApproved {
            partner,
            name,
            ends,
        }) => Some((partner.clone(), name.clone(), ends.clone())),
        _ => None,
    };
    let accepted = match flash {
        Some(FlashMessage::PartnerAccepted(name)) => Some(name),
        _ => None,
    };
    let removed = RwSignal::new(false);
    let partners = LocalResource::new(move || {
        let api = api.clone();
        async move {
            api.get::<Vec<PartnerRelationship>>(paths::PARTNER_RELATIONSHIPS, &[], None)
                .await
        }
    });
    let may_remove = expect_context::<Session>()
        .me()
        .is_some_and(|m| m.can(Permission::RemovePartnerRoles));
    view! {
        <h1>{t!(i18n, portal.nav_partners)}</h1>
        <p class="subtitle">{t!(i18n, portal.partners_intro)}</p>
        <div role="status">
            {accepted.map(|partner| view! {
                <p class="confirmation">{t!(i18n, portal.accepted, partner = move || in_sentence(i18n.get_locale(), &partner, false))}</p>
            })}
            {move || removed.get().then(|| view! { <p class="confirmation">{t!(i18n, portal.removed)}</p> })}
            {approved.map(|(partner, name, ends)| view! {
                <p class="confirmation">
                    {t!(
                        i18n,
                        gdap.approved_flash,
                        partner = move || in_sentence(i18n.get_locale(), &partner, false),
                        name = move || name.clone(),
                        date = move || crate::format::date(&ends, crate::format::locale_tag(i18n))
                    )}
                </p>
            })}
        </div>
        <Loaded
            resource=partners
            loading=move || view! { <p class="status" role="status">{t!(i18n, portal.loading_partners)}</p> }
            empty=move || view! { <p class="empty">{t!(i18n, portal.no_partners)}</p> }
            is_empty=Vec::is_empty
            let:list
        >
            <DataTable
                label=Signal::derive(move || t_string!(i18n, portal.nav_partners).to_string())
                columns=vec![
                    Column::new(move || t_string!(i18n, portal.col_partner).to_owned()),
                    Column::new(move || t_string!(i18n, portal.col_relationship).to_owned()),
                    Column::new(move || t_string!(i18n, portal.col_roles).to_owned()),
                    Column::new(move || t_string!(i18n, portal.col_actions).to_owned()),
                ]
                items=list
                row=move |p, index| view! {
                    <PartnerRow partner=p index may_remove on_removed=move || { removed.set(true); partners.refetch(); } />
                }
            />
        </Loaded>
        <GranularRelationships />
    }
}

#[component]
fn PartnerRow(
    partner: PartnerRelationship,
    /// The row's place in the list (`aria-rowindex`).
    index: u64,
    /// The signed-in person may remove a partner's roles.
    may_remove: bool,
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
    let failure = RwSignal::new(None::<ApiError>);
    let partner_id = partner.partner_id.clone();
    let remove = Action::new_local(move |_: &()| {
        let api = api.clone();
        let id = partner_id.clone();
        async move {
            match api
                .act::<Vec<PartnerRelationship>>(&paths::remove_partner_roles(&id))
                .await
            {
                Ok(_) => on_removed(),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        <tr aria-rowindex=index>
            <th scope="row">{partner.partner_name}</th>
            <td>{t!(i18n, portal.reseller)}</td>
            <td>{roles_text}</td>
            <td class="row-actions">
                {(may_remove && has_roles).then(|| view! {
                    <Confirm
                        trigger=Signal::derive(move || t_string!(i18n, portal.remove_roles).to_string())
                        confirm=Signal::derive(move || if remove.pending().get() { t_string!(i18n, portal.removing).to_string() } else { t_string!(i18n, portal.remove_yes).to_string() })
                        cancel=Signal::derive(move || t_string!(i18n, portal.cancel).to_string())
                        on_confirm=move |()| { remove.dispatch(()); }
                        pending=remove.pending()
                        error=Signal::derive(move || failure.get().map(|e| error_message(i18n, e.kind())))
                    >
                        <p>{t!(i18n, portal.remove_confirm)}</p>
                    </Confirm>
                })}
            </td>
        </tr>
    }
}
