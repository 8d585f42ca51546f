//! The root component: translations, API client and session contexts, and the routes.
//!
//! Sign-in and "not found" are in the main bundle; every other page is declared below with
//! `lazy_page!(loader, chunk, Page)` and routed with `view=|| view! { <LazyPage load=loader /> }`,
//! so a visitor downloads only the chunks of the pages they open (see `components/lazy_page.rs`).
//! A new page is one `lazy_page!` line (a new chunk name, or the one of the pages it belongs
//! with) and one `<Route>`.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api::ApiClient;
use crate::components::frame::{Audience, Frame, Portal};
use crate::components::lazy_page::LazyPage;
use crate::components::route_focus::RouteFocus;
use crate::config::AppConfig;
use crate::flash::Flash;
use crate::i18n::I18nContextProvider;
use crate::lazy_page;
use crate::pages::accept::AcceptPage;
use crate::pages::admin_relationships::{
    AdminRelationshipsPage, ApprovalEmailPage, CreateRelationshipPage, RelationshipPage,
};
use crate::pages::approve_roles::ApproveRolesPage;
use crate::pages::audit::AuditPage;
use crate::pages::customer::{
    AccountPage, CustomerLayout, RelationshipsPage, ServiceRequestsPage, SubscriptionsPage,
    UsersPage,
};
use crate::pages::customers::CustomersPage;
use crate::pages::email_draft::EmailDraftPage;
use crate::pages::invitations::InvitationsPage;
use crate::pages::not_found::NotFound;
use crate::pages::partners::PartnersPage;
use crate::pages::request_relationship::RequestRelationshipPage;
use crate::pages::sign_in::SignInPage;
use crate::routes;
use crate::session::Session;

// The customer's portals: a customer's admin downloads these and nothing of the partner portal.
lazy_page!(accept_page, accept, AcceptPage);
lazy_page!(approve_roles_page, approve_roles, ApproveRolesPage);
lazy_page!(partners_page, partners, PartnersPage);
// The partner portal.
lazy_page!(customers_page, customers, CustomersPage);
lazy_page!(audit_page, audit, AuditPage);
lazy_page!(
    request_relationship_page,
    invitations,
    RequestRelationshipPage
);
lazy_page!(email_draft_page, invitations, EmailDraftPage);
lazy_page!(invitations_page, invitations, InvitationsPage);
lazy_page!(
    admin_relationships_page,
    admin_relationships,
    AdminRelationshipsPage
);
lazy_page!(
    create_relationship_page,
    admin_relationships,
    CreateRelationshipPage
);
lazy_page!(relationship_page, admin_relationships, RelationshipPage);
lazy_page!(approval_email_page, admin_relationships, ApprovalEmailPage);
lazy_page!(customer_layout, customer, CustomerLayout);
lazy_page!(account_page, customer, AccountPage);
lazy_page!(subscriptions_page, customer, SubscriptionsPage);
lazy_page!(users_page, customer, UsersPage);
lazy_page!(relationships_page, customer, RelationshipsPage);
lazy_page!(service_requests_page, customer, ServiceRequestsPage);

/// What every page of either entry finds: the API client, the session (checked at once), the
/// flash message and the translations in the saved language.
pub fn provide_contexts(config: AppConfig) {
    let api = ApiClient::new(config.api_base);
    let session = Session::new();
    session.check(api.clone());
    provide_context(api);
    provide_context(session);
    provide_context(Flash::new());
    crate::saved_language::provide();
}

#[component]
pub fn App(config: AppConfig) -> impl IntoView {
    provide_contexts(config);

    view! {
        <I18nContextProvider>
            <Router>
                <RouteFocus />
                <Routes fallback=NotFound>
                    <Route path=path!("/signin") view=SignInPage />
                    <ParentRoute
                        path=path!("m365-admin")
                        view=|| view! { <Frame audience=Audience::Customer(Portal::M365) /> }
                    >
                        <Route path=path!("accept") view=|| view! { <LazyPage load=accept_page /> } />
                        <Route path=path!("approve-roles") view=|| view! { <LazyPage load=approve_roles_page /> } />
                        <Route path=path!("partners") view=|| view! { <LazyPage load=partners_page /> } />
                    </ParentRoute>
                    <ParentRoute
                        path=path!("office-admin")
                        view=|| view! { <Frame audience=Audience::Customer(Portal::Office) /> }
                    >
                        <Route path=path!("accept") view=|| view! { <LazyPage load=accept_page /> } />
                        <Route path=path!("approve-roles") view=|| view! { <LazyPage load=approve_roles_page /> } />
                        <Route path=path!("partners") view=|| view! { <LazyPage load=partners_page /> } />
                    </ParentRoute>
                    <ParentRoute path=path!("") view=|| view! { <Frame /> }>
                        <Route path=path!("") view=|| view! { <Redirect path=routes::CUSTOMERS /> } />
                        <Route path=path!("customers") view=|| view! { <LazyPage load=customers_page /> } />
                        <Route path=path!("audit") view=|| view! { <LazyPage load=audit_page /> } />
                        <Route path=path!("admin-relationships") view=|| view! { <LazyPage load=admin_relationships_page /> } />
                        <Route path=path!("admin-relationships/new") view=|| view! { <LazyPage load=create_relationship_page /> } />
                        <Route path=path!("admin-relationships/:id") view=|| view! { <LazyPage load=relationship_page /> } />
                        <Route path=path!("admin-relationships/:id/email") view=|| view! { <LazyPage load=approval_email_page /> } />
                        <Route
                            path=path!("customers/request-relationship")
                            view=|| view! { <LazyPage load=request_relationship_page /> }
                        />
                        <Route path=path!("customers/invitations") view=|| view! { <LazyPage load=invitations_page /> } />
                        <Route path=path!("customers/invitations/:id/email") view=|| view! { <LazyPage load=email_draft_page /> } />
                        <ParentRoute
                            path=path!("customers/:id")
                            view=|| view! { <LazyPage load=customer_layout /> }
                        >
                            <Route path=path!("") view=|| view! { <Redirect path="account" /> } />
                            <Route path=path!("account") view=|| view! { <LazyPage load=account_page /> } />
                            <Route path=path!("subscriptions") view=|| view! { <LazyPage load=subscriptions_page /> } />
                            <Route path=path!("users") view=|| view! { <LazyPage load=users_page /> } />
                            <Route path=path!("relationships") view=|| view! { <LazyPage load=relationships_page /> } />
                            <Route path=path!("service-requests") view=|| view! { <LazyPage load=service_requests_page /> } />
                        </ParentRoute>
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}
