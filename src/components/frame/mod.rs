//! The signed-in frame of every portal: the skip link, a header (the product or portal's name,
//! who is signed in, language, sign-out), the left navigation, and the page in `<main>`.
//!
//! The partner portal and the two customer portals (Microsoft 365 admin center, Microsoft
//! Office admin portal) differ only in what [`Audience`] says: the name in the header, whether
//! the role is shown, and the navigation's links.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use portal_contract::{Me, Permission, Role, paths};

use crate::components::language_switch::LanguageSwitch;
use crate::components::require_auth::RequireAuth;
use crate::components::sign_out_button::SignOutButton;
use crate::components::skip_link::SkipLink;
use crate::i18n::*;
use crate::routes;
use crate::session::Session;

type I18n = leptos_i18n::I18nContext<Locale>;

/// Which customer portal a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Portal {
    M365,
    Office,
}

impl Portal {
    /// The portal's path prefix.
    pub fn base(self) -> &'static str {
        match self {
            Portal::M365 => paths::PORTAL_M365,
            Portal::Office => paths::PORTAL_OFFICE,
        }
    }

    /// The portal's name, as its header shows it.
    pub fn name(self, i18n: I18n) -> String {
        match self {
            Portal::M365 => t_string!(i18n, portal.m365).to_string(),
            Portal::Office => t_string!(i18n, portal.office).to_string(),
        }
    }
}

/// Whose frame it is: the partner's staff, or a customer in one of its portals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Partner,
    Customer(Portal),
}

/// The translated name of a role.
pub fn role_name(i18n: I18n, role: Role) -> String {
    match role {
        Role::GlobalAdmin => t_string!(i18n, common.role_globalAdmin).to_string(),
        Role::AdminAgent => t_string!(i18n, common.role_adminAgent).to_string(),
        Role::SalesAgent => t_string!(i18n, common.role_salesAgent).to_string(),
        Role::HelpdeskAgent => t_string!(i18n, common.role_helpdeskAgent).to_string(),
        Role::User => t_string!(i18n, common.role_user).to_string(),
    }
}

/// One link of the left navigation.
struct NavLink {
    href: String,
    label: fn(I18n) -> &'static str,
    /// Current only on this very path, not below it.
    exact: bool,
}

impl Audience {
    fn links(self, me: Option<&Me>) -> Vec<NavLink> {
        let link = |href: &str, label: fn(I18n) -> &'static str, exact| NavLink {
            href: href.to_owned(),
            label,
            exact,
        };
        match self {
            Audience::Partner => {
                let mut links = vec![
                    link(
                        routes::CUSTOMERS,
                        |i| t_string!(i, common.nav_customers),
                        true,
                    ),
                    link(
                        routes::INVITATIONS,
                        |i| t_string!(i, common.nav_invitations),
                        false,
                    ),
                    link(
                        routes::ADMIN_RELATIONSHIPS,
                        |i| t_string!(i, common.nav_admin_relationships),
                        false,
                    ),
                ];
                if me.is_some_and(|m| m.can(Permission::ReadAuditLog)) {
                    links.push(link(
                        routes::AUDIT,
                        |i| t_string!(i, common.nav_audit),
                        false,
                    ));
                }
                links
            }
            Audience::Customer(portal) => vec![link(
                &routes::portal_partners(portal.base()),
                |i| t_string!(i, portal.nav_partners),
                false,
            )],
        }
    }
}

/// The signed-in frame around the routes below it (`<Outlet />`). Signed-out visitors are sent
/// to sign in first. A customer portal's frame also provides its [`Portal`] as context.
#[component]
pub fn Frame(
    /// Whose frame: the partner portal (the default) or a customer portal.
    #[prop(optional)]
    audience: Option<Audience>,
) -> impl IntoView {
    let audience = audience.unwrap_or(Audience::Partner);
    if let Audience::Customer(portal) = audience {
        provide_context(portal);
    }
    view! {
        <RequireAuth>
            <FrameView audience />
        </RequireAuth>
    }
}

#[component]
fn FrameView(audience: Audience) -> impl IntoView {
    let i18n = use_i18n();
    let me = expect_context::<Session>().me();
    let links = audience.links(me.as_ref());
    let user = me
        .as_ref()
        .map(|m| m.user.display_name.clone())
        .unwrap_or_default();
    let organization = me
        .as_ref()
        .map(|m| m.organization.name.clone())
        .unwrap_or_default();
    let bar_class = match audience {
        Audience::Partner => "top-bar",
        Audience::Customer(_) => "top-bar portal-bar",
    };
    let product_name = move || match audience {
        Audience::Partner => t_string!(i18n, common.product_name).to_owned(),
        Audience::Customer(portal) => portal.name(i18n),
    };
    // Partner staff also see their roles, and a screen reader hears "Signed in as".
    let (signed_in_as, roles) = match audience {
        Audience::Partner => {
            let roles = me.map(|m| m.user.roles).unwrap_or_default();
            let roles_text = move || {
                roles
                    .iter()
                    .map(|r| role_name(i18n, *r))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (
                Some(
                    view! { <span class="visually-hidden">{t!(i18n, common.signed_in_as)} " "</span> },
                ),
                Some(view! { <span class="role">{roles_text}</span> }),
            )
        }
        Audience::Customer(_) => (None, None),
    };
    view! {
        <SkipLink />
        <header class=bar_class>
            <span class="product">{product_name}</span>
            <div class="account">
                {signed_in_as}
                <span class="user">{user}</span>
                {roles}
                <span class="organization">{organization}</span>
            </div>
            <LanguageSwitch />
            <SignOutButton />
        </header>
        <div class="layout">
            <nav class="side-nav" aria-label=move || t_string!(i18n, common.main_navigation).to_string()>
                <ul>
                    {links
                        .into_iter()
                        .map(|l| {
                            let label = l.label;
                            view! {
                                <li>
                                    <A href=l.href exact=l.exact>{move || label(i18n)}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" class="content" tabindex="-1">
                <Outlet />
            </main>
        </div>
    }
}
