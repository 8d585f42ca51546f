//! The Customers page's logic: what its URL asks for, and the newest answer to it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_contract::{Customer, Page};

use crate::api::ApiClient;
use crate::customer_list::ListParams;
use crate::latest_answer::{LatestAnswer, use_latest_answer};

/// The list as the page renders it.
#[derive(Clone, Copy)]
pub struct CustomerList {
    /// Search, order, size and page, read from the URL.
    pub params: Memo<ListParams>,
    /// The newest answer for them (a slower earlier one never replaces it), and Retry.
    pub answer: LatestAnswer<Page<Customer>, ListParams>,
}

/// Loads the page of customers the URL names, again whenever the URL changes; the request a
/// newer URL replaces is aborted.
pub fn use_customer_list() -> CustomerList {
    let api = StoredValue::new(expect_context::<ApiClient>());
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| ListParams::from_query(|k| q.get(k))));
    let answer = use_latest_answer(params, move |p: ListParams, abort| {
        let api = api.get_value();
        async move { api.customers(&p, abort.as_ref()).await }
    });
    CustomerList { params, answer }
}
