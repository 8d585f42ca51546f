//! The root component: translations, API client and session contexts, and the routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api::ApiClient;
use crate::components::frame::{Audience, Frame, Portal};
use crate::components::route_focus::RouteFocus;
use crate::config::AppConfig;
use crate::flash::Flash;
use crate::i18n::I18nContextProvider;
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

#[component]
pub fn App(config: AppConfig) -> impl IntoView {
    let api = ApiClient::new(config.api_base);
    let session = Session::new();
    session.check(api.clone());
    provide_context(api);
    provide_context(session);
    provide_context(Flash::new());

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
                    <ParentRoute path=path!("") view=|| view! { <Frame /> }>
                        <Route path=path!("") view=|| view! { <Redirect path=routes::CUSTOMERS /> } />
                        <Route path=path!("customers") view=CustomersPage />
                        <Route path=path!("audit") view=AuditPage />
                        <Route path=path!("admin-relationships") view=AdminRelationshipsPage />
                        <Route path=path!("admin-relationships/new") view=CreateRelationshipPage />
                        <Route path=path!("admin-relationships/:id") view=RelationshipPage />
                        <Route path=path!("admin-relationships/:id/email") view=ApprovalEmailPage />
                        <Route
                            path=path!("customers/request-relationship")
                            view=RequestRelationshipPage
                        />
                        <Route path=path!("customers/invitations") view=InvitationsPage />
                        <Route path=path!("customers/invitations/:id/email") view=EmailDraftPage />
                        <ParentRoute path=path!("customers/:id") view=CustomerLayout>
                            <Route path=path!("") view=|| view! { <Redirect path="account" /> } />
                            <Route path=path!("account") view=AccountPage />
                            <Route path=path!("subscriptions") view=SubscriptionsPage />
                            <Route path=path!("users") view=UsersPage />
                            <Route path=path!("relationships") view=RelationshipsPage />
                            <Route path=path!("service-requests") view=ServiceRequestsPage />
                        </ParentRoute>
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}
