//! The customer's portal as an entry of its own (`src/bin/customer-portal.rs`): the Microsoft
//! 365 admin center and the Office admin portal, whose pages a customer's admin opens from an
//! e-mail (accept an invitation, approve roles) and the list of their partners. `index.html`'s
//! loader starts this entry for every path [`is_portal_path`] accepts and the partner portal
//! for the rest, so a customer never downloads the partner portal. The partner portal keeps
//! these routes too: sign-in happens there, and its `next` page may be one of the portal's.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use portal_contract::paths;

use crate::components::frame::{Audience, Frame, Portal};
use crate::components::route_focus::RouteFocus;
use crate::config::AppConfig;
use crate::i18n::I18nContextProvider;
use crate::pages::accept::AcceptPage;
use crate::pages::approve_roles::ApproveRolesPage;
use crate::pages::not_found::NotFound;
use crate::pages::partners::PartnersPage;

/// Whether `path` belongs to a customer's portal, and so to this entry. The loader in
/// `index.html` (written by `cargo xtask build`) applies the same rule.
pub fn is_portal_path(path: &str) -> bool {
    [paths::PORTAL_M365, paths::PORTAL_OFFICE]
        .iter()
        .any(|base| {
            path.strip_prefix(base)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

/// The portal's root: the same contexts as the partner portal, and only the portal's routes.
#[component]
pub fn CustomerPortal(config: AppConfig) -> impl IntoView {
    crate::app::provide_contexts(config);
    view! {
        <I18nContextProvider>
            <Router>
                <RouteFocus />
                <Routes fallback=Elsewhere>
                    <ParentRoute
                        path=path!("m365-admin")
                        view=|| view! { <Frame audience=Audience::Customer(Portal::M365) /> }
                    >
                        <Route path=path!("accept") view=AcceptPage />
                        <Route path=path!("approve-roles") view=ApproveRolesPage />
                        <Route path=path!("partners") view=PartnersPage />
                    </ParentRoute>
                    <ParentRoute
                        path=path!("office-admin")
                        view=|| view! { <Frame audience=Audience::Customer(Portal::Office) /> }
                    >
                        <Route path=path!("accept") view=AcceptPage />
                        <Route path=path!("approve-roles") view=ApproveRolesPage />
                        <Route path=path!("partners") view=PartnersPage />
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// A path this entry does not route. Inside the portal it is "not found"; elsewhere (sign-in,
/// where an ended session is sent, or a partner page) the browser loads it afresh, and the
/// loader starts the partner portal for it.
#[component]
fn Elsewhere() -> impl IntoView {
    let path = window().location().pathname().unwrap_or_default();
    if is_portal_path(&path) {
        view! { <NotFound /> }.into_any()
    } else {
        let _ = window().location().reload();
        ().into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_paths_are_those_under_either_portal() {
        for path in [
            "/m365-admin",
            "/m365-admin/accept",
            "/office-admin/approve-roles",
            "/office-admin/partners",
            "/m365-admin/anything/else",
        ] {
            assert!(is_portal_path(path), "{path}");
        }
        for path in [
            "/",
            "/signin",
            "/customers",
            "/m365-administration",
            "/office-admin-x/accept",
            "/customers/m365-admin",
        ] {
            assert!(!is_portal_path(path), "{path}");
        }
    }
}
