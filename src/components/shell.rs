//! The signed-in frame: header (product, organisation, user and role, language, sign-out), left
//! navigation, and the page in `<main>`.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use portal_contract::Role;

use crate::components::language_switch::LanguageSwitch;
use crate::components::require_auth::RequireAuth;
use crate::components::sign_out_button::SignOutButton;
use crate::components::skip_link::SkipLink;
use crate::i18n::*;
use crate::session::Session;

/// The translated name of a role.
pub fn role_name(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::GlobalAdmin => t_string!(i18n, common.role_globalAdmin).to_string(),
        Role::AdminAgent => t_string!(i18n, common.role_adminAgent).to_string(),
        Role::SalesAgent => t_string!(i18n, common.role_salesAgent).to_string(),
        Role::HelpdeskAgent => t_string!(i18n, common.role_helpdeskAgent).to_string(),
        Role::User => t_string!(i18n, common.role_user).to_string(),
    }
}

#[component]
pub fn Shell() -> impl IntoView {
    view! {
        <RequireAuth>
            <Frame />
        </RequireAuth>
    }
}

#[component]
fn Frame() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let me = session.me();
    let organization = me
        .as_ref()
        .map(|m| m.organization.name.clone())
        .unwrap_or_default();
    let user = me
        .as_ref()
        .map(|m| m.user.display_name.clone())
        .unwrap_or_default();
    let is_global_admin = me.as_ref().is_some_and(|m| m.has_role(Role::GlobalAdmin));
    let roles = me.map(|m| m.user.roles).unwrap_or_default();
    let roles_text = move || {
        roles
            .iter()
            .map(|r| role_name(i18n, *r))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <SkipLink />
        <header class="top-bar">
            <span class="product">{t!(i18n, common.product_name)}</span>
            <div class="account">
                <span class="visually-hidden">{t!(i18n, common.signed_in_as)} " "</span>
                <span class="user">{user}</span>
                <span class="role">{roles_text}</span>
                <span class="organization">{organization}</span>
            </div>
            <LanguageSwitch />
            <SignOutButton />
        </header>
        <div class="layout">
            <nav class="side-nav" aria-label=move || t_string!(i18n, common.main_navigation).to_string()>
                <ul>
                    <li>
                        <A href="/customers" exact=true>
                            {t!(i18n, common.nav_customers)}
                        </A>
                    </li>
                    <li>
                        <A href="/customers/invitations">{t!(i18n, common.nav_invitations)}</A>
                    </li>
                    {is_global_admin.then(|| view! {
                        <li><A href="/audit">{t!(i18n, common.nav_audit)}</A></li>
                    })}
                </ul>
            </nav>
            <main id="main" class="content" tabindex="-1">
                <Outlet />
            </main>
        </div>
    }
}
