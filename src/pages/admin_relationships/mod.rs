//! Granular admin relationships, the partner's side: the list (**Admin relationships**), a
//! customer's tab, **Create an admin relationship request** with its role dialog, the approval
//! e-mail, and a relationship's own page with its security groups. The rules come from
//! `crate::gdap` and the contract; these modules only draw.

mod assignments;
mod create;
mod customer_picker;
mod detail;
mod email;
mod hooks;
mod labels;
mod role_dialog;
mod table;

pub use create::CreateRelationshipPage;
pub use detail::{Notice as ChangeNotice, RelationshipPage, change_error, is_stale};
pub use email::ApprovalEmailPage;
pub use labels::{duration as duration_text, role_count, status as status_text};

use leptos::prelude::*;
use portal_contract::Permission;

use crate::components::page_title::use_page_title;
use crate::i18n::*;
use crate::routes;
use crate::session::Session;
use hooks::use_relationship_list;
use table::RelationshipListView;

/// Whether the signed-in person may request, change and terminate relationships.
fn may_manage() -> bool {
    expect_context::<Session>()
        .me()
        .is_some_and(|me| me.can(Permission::ManageAdminRelationships))
}

/// **Request for new relationship**, or why the person may not.
#[component]
fn RequestButton(href: String) -> impl IntoView {
    let i18n = use_i18n();
    if may_manage() {
        view! { <a class="button primary" href=href>{t!(i18n, gdap.request_new)}</a> }.into_any()
    } else {
        view! {
            <button type="button" class="button" disabled aria-describedby="gdap-request-reason">
                {t!(i18n, gdap.request_new)}
            </button>
            <span id="gdap-request-reason" class="help">{t!(i18n, gdap.not_allowed_reason)}</span>
        }
        .into_any()
    }
}

/// **Admin relationships**: every relationship of the partner.
#[component]
pub fn AdminRelationshipsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || t_string!(i18n, gdap.title).to_string());
    let list = use_relationship_list(None);
    view! {
        <h1>{t!(i18n, gdap.title)}</h1>
        <p class="subtitle">{t!(i18n, gdap.intro)}</p>
        <div class="toolbar">
            <RequestButton href=routes::new_admin_relationship(None) />
        </div>
        <RelationshipListView list path=routes::ADMIN_RELATIONSHIPS.to_owned() />
    }
}

/// A customer's **Admin relationships** tab: the same list for that customer.
#[component]
pub fn CustomerRelationships(customer_id: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_relationship_list(Some(customer_id));
    let id = customer_id.get_untracked();
    view! {
        <section aria-labelledby="gdap-heading">
            <h3 id="gdap-heading">{t!(i18n, gdap.customer_heading)}</h3>
            <div class="toolbar">
                <RequestButton href=routes::new_admin_relationship(Some(&id)) />
            </div>
            <RelationshipListView list path=routes::customer_admin_relationships(&id) for_customer=true />
        </section>
    }
}
