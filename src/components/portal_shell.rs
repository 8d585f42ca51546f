//! The customer-facing frame: the portal's own header (Microsoft 365 admin center or Microsoft
//! Office admin portal, by the partner's cloud), the signed-in user, language, sign-out.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use portal_contract::paths;

use crate::components::language_switch::LanguageSwitch;
use crate::components::require_auth::RequireAuth;
use crate::components::sign_out_button::SignOutButton;
use crate::components::skip_link::SkipLink;
use crate::i18n::*;
use crate::session::Session;

/// Which customer portal a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Portal {
    M365,
    Office,
}

impl Portal {
    pub fn base(self) -> &'static str {
        match self {
            Portal::M365 => paths::PORTAL_M365,
            Portal::Office => paths::PORTAL_OFFICE,
        }
    }

    pub fn name(self, i18n: leptos_i18n::I18nContext<Locale>) -> String {
        match self {
            Portal::M365 => t_string!(i18n, portal.m365).to_string(),
            Portal::Office => t_string!(i18n, portal.office).to_string(),
        }
    }
}

#[component]
pub fn PortalShell(portal: Portal) -> impl IntoView {
    provide_context(portal);
    view! {
        <RequireAuth>
            <PortalFrame portal />
        </RequireAuth>
    }
}

#[component]
fn PortalFrame(portal: Portal) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let me = session.me();
    let user = me
        .as_ref()
        .map(|m| m.user.display_name.clone())
        .unwrap_or_default();
    let organization = me.map(|m| m.organization.name).unwrap_or_default();
    view! {
        <SkipLink />
        <header class="top-bar portal-bar">
            <span class="product">{move || portal.name(i18n)}</span>
            <div class="account">
                <span class="user">{user}</span>
                <span class="organization">{organization}</span>
            </div>
            <LanguageSwitch />
            <SignOutButton />
        </header>
        <div class="layout">
            <nav class="side-nav" aria-label=move || t_string!(i18n, common.main_navigation).to_string()>
                <ul>
                    <li>
                        <A href=format!("{}/partners", portal.base())>{t!(i18n, portal.nav_partners)}</A>
                    </li>
                </ul>
            </nav>
            <main id="main" class="content" tabindex="-1">
                <Outlet />
            </main>
        </div>
    }
}
