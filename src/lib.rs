//! The partner portal's single-page app (Leptos, client-side rendered).
//!
//! `start` reads `config.json` (which API to talk to), then mounts [`app::App`]. Pages are thin
//! components under `pages/`; what they decide lives in plain types (`api::ApiError`,
//! `navigation`, `config`) that native unit tests cover.

pub mod api;
pub mod app;
pub mod clipboard;
pub mod components;
pub mod config;
pub mod customer_list;
pub mod customer_portal;
pub mod flash;
pub mod format;
pub mod gdap;
pub mod hungarian;
pub mod invitation;
pub mod invitation_list;
pub mod latest_answer;
pub mod navigation;
pub mod pages;
pub mod prefetched;
pub mod routes;
pub mod saved_language;
pub mod session;
pub mod url;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// Loads the run-time configuration and mounts the partner portal on `<body>`.
pub fn start() {
    mount(|config| leptos::view! { <app::App config /> });
}

/// Loads the run-time configuration and mounts the customer's portal on `<body>`.
pub fn start_customer_portal() {
    mount(|config| leptos::view! { <customer_portal::CustomerPortal config /> });
}

fn mount<V: leptos::prelude::IntoView + 'static>(root: fn(config::AppConfig) -> V) {
    console_error_panic_hook::set_once();
    // Leptos's executor starts with the mount, so this first task uses the browser's queue.
    wasm_bindgen_futures::spawn_local(async move {
        let config = config::load().await;
        leptos::mount::mount_to_body(move || root(config.clone()));
    });
}
