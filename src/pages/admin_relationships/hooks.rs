//! What the admin relationship pages load: a list as its URL says, one relationship, the role
//! catalogue.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_contract::Page;
use portal_contract::gdap::{AdminRelationship, RoleDefinition};
use portal_contract::paths;

use crate::api::{ApiClient, ApiError};
use crate::gdap::list::ListParams;
use crate::latest_answer::{LatestAnswer, use_latest_answer};

/// A list as the page renders it.
#[derive(Clone, Copy)]
pub struct RelationshipList {
    /// Search, status, view, size and page, read from the URL.
    pub params: Memo<ListParams>,
    pub answer: LatestAnswer<Page<AdminRelationship>, ListParams>,
}

/// Loads the page of relationships the URL names (of one customer, when `customer_id` is
/// given), again whenever the URL changes; the request a newer URL replaces is aborted.
pub fn use_relationship_list(customer_id: Option<Memo<String>>) -> RelationshipList {
    let api = StoredValue::new(expect_context::<ApiClient>());
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| ListParams::from_query(|k| q.get(k))));
    let answer = use_latest_answer(params, move |p: ListParams, abort| {
        let api = api.get_value();
        let customer = customer_id.map(|c| c.get_untracked());
        async move {
            api.admin_relationships(&p, customer.as_deref(), abort.as_ref())
                .await
        }
    });
    RelationshipList { params, answer }
}

/// The id in `/admin-relationships/{id}/…`.
pub fn use_relationship_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()))
}

/// The relationship the URL names.
pub fn use_relationship() -> LocalResource<Result<AdminRelationship, ApiError>> {
    let api = expect_context::<ApiClient>();
    let id = use_relationship_id();
    LocalResource::new(move || {
        let (api, path) = (api.clone(), paths::admin_relationship(&id.get()));
        async move { api.get(&path, &[], None).await }
    })
}

/// The Microsoft Entra role catalogue, as the server lists it.
pub fn use_role_catalogue() -> LocalResource<Result<Vec<RoleDefinition>, ApiError>> {
    let api = expect_context::<ApiClient>();
    LocalResource::new(move || {
        let api = api.clone();
        async move { api.get(paths::ROLE_DEFINITIONS, &[], None).await }
    })
}
