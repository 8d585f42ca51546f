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
pub mod flash;
pub mod format;
pub mod gdap;
pub mod hungarian;
pub mod invitation;
pub mod invitation_list;
pub mod latest_answer;
pub mod navigation;
pub mod pages;
pub mod routes;
pub mod saved_language;
pub mod session;
pub mod url;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// Loads the run-time configuration and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    // Leptos's executor starts with the mount, so this first task uses the browser's queue.
    wasm_bindgen_futures::spawn_local(async {
        let config = config::load().await;
        leptos::mount::mount_to_body(move || {
            leptos::view! { <app::App config=config.clone() /> }
        });
    });
}
