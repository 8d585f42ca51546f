//! What every page of one customer starts from: the customer's id in the URL, and resources
//! loaded for it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::de::DeserializeOwned;

use crate::api::{ApiClient, ApiError};

/// The id of the customer whose pages are on screen (`/customers/{id}/…`).
pub fn use_customer_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()))
}

/// `GET path(customer id)`, loaded again when the id changes.
pub fn use_customer_resource<T>(path: fn(&str) -> String) -> LocalResource<Result<T, ApiError>>
where
    T: DeserializeOwned + Clone + 'static,
{
    let api = expect_context::<ApiClient>();
    let id = use_customer_id();
    LocalResource::new(move || {
        let (api, path) = (api.clone(), path(&id.get()));
        async move { api.get::<T>(&path, &[], None).await }
    })
}
