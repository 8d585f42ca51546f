//! Generates the `i18n` module from `locales/`: every key is checked at compile time, and a
//! key missing from one language fails the build.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR not set")?).join("i18n");
    let cfg = Config::new("en")?
        .add_locale("hu")?
        .add_namespaces([
            "common",
            "errors",
            "signin",
            "customers",
            "customer",
            "manage",
            "invite",
            "portal",
            "oidc",
            "gdap",
        ])?
        // Interpolated phrases as plain strings too (`td_string!` with values), for rows written
        // as markup.
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
