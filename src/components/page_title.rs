//! Keeps `document.title` in step with the page and the language.

use leptos::prelude::*;

use crate::i18n::*;

/// Sets the title to "`page` | product name" while the calling component lives.
pub fn use_page_title(page: impl Fn() -> String + Send + Sync + 'static) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let product = t_string!(i18n, common.product_name).to_string();
        document().set_title(&format!("{} | {product}", page()));
    });
}
