//! The release build: the app into `dist/`, split by route (`bundle.rs`: cargo, the splitter,
//! wasm-bindgen, wasm-opt), its page (`page.rs`: `index.html` from the same template `trunk
//! serve` uses), every text asset precompressed as `.br` and `.gz` for the server to send as is,
//! and the release server. `dist/` is static files with content-hashed names.

pub mod bundle;
mod page;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Result, cargo, run};

pub fn all(root: &Path) -> Result {
    run(root, cargo().args(["fetch", "--locked"]))?;
    app(root)?;
    precompress(&root.join("dist"))?;
    run(
        root,
        cargo().args([
            "build",
            "--release",
            "--locked",
            "--package",
            "portal-server",
        ]),
    )
}

/// cargo's target directory, as cargo itself resolves it.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// The app into a fresh `dist/`: the split wasm, the style sheet under its hash, the copied
/// files, and `index.html` linking them.
fn app(root: &Path) -> Result {
    let target = target_dir(root);
    let dist = root.join("dist");
    let template = std::fs::read_to_string(root.join("index.html")).map_err(|e| e.to_string())?;
    let (links, page) = page::trunk_links(&template)?;
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    let stage = target.join(bundle::STAGE);
    let bundle = bundle::build(root, &target, &stage, &dist)?;
    let portal = bundle::build_portal(root, &target, &stage.join(bundle::PORTAL_STAGE), &dist)?;
    let prefetch = page::Prefetch::for_routes(&bundle.chunks)?;
    let mut css = None;
    for link in &links {
        let href = || {
            link.href
                .as_deref()
                .ok_or(format!("a {} link without href", link.rel))
        };
        match link.rel.as_str() {
            "rust" => {}
            "css" => {
                let path = root.join(href()?);
                let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("style");
                let name = format!("{stem}-{}.css", bundle::content_hash(&[&data]));
                std::fs::write(dist.join(&name), &data).map_err(|e| e.to_string())?;
                css = Some(name);
            }
            "copy-file" => {
                let path = root.join(href()?);
                let name = path
                    .file_name()
                    .ok_or("a copy-file link without a file name")?;
                std::fs::copy(&path, dist.join(name))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
            other => {
                return Err(format!(
                    "index.html: Trunk link rel={other} is not built by xtask"
                ));
            }
        }
    }
    let html = page::index_html(
        &page,
        &page::Assets {
            css: css.as_deref().ok_or("index.html links no style sheet")?,
            app: page::Entry {
                js: &bundle.js,
                wasm: &bundle.wasm,
                modules: std::slice::from_ref(&bundle.link),
                prefetch: Some(&prefetch),
            },
            portal: page::Entry {
                js: &portal.js,
                wasm: &portal.wasm,
                modules: &[],
                prefetch: None,
            },
        },
        &words(root)?,
    )?;
    std::fs::write(dist.join("index.html"), html).map_err(|e| e.to_string())
}

/// What the page's script shows, from the app's translations: the names the app's header
/// shows, and the error panel of an entry that did not arrive (the same words as a page whose
/// chunk did not arrive).
fn words(root: &Path) -> Result<Vec<page::Words>> {
    let text = |language: &str, file: &str, key: &str| -> Result<String> {
        let path = root.join(format!("locales/{language}/{file}.json"));
        let json =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let value: serde_json::Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
        value[key]
            .as_str()
            .map(str::to_owned)
            .ok_or(format!("{}: no {key}", path.display()))
    };
    ["en", "hu"]
        .into_iter()
        .map(|language| {
            Ok(page::Words {
                language,
                names: [
                    text(language, "common", "product_name")?,
                    text(language, "portal", "m365")?,
                    text(language, "portal", "office")?,
                ],
                title: text(language, "errors", "title")?,
                text: text(language, "errors", "chunk")?,
                retry: text(language, "common", "retry")?,
            })
        })
        .collect()
}

/// Writes `name.br` (quality 11) and `name.gz` (level 9) beside every compressible file.
pub fn precompress(dist: &Path) -> Result {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot read dist/: {e}"))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "js" | "wasm" | "css" | "json" | "svg") {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| e.to_string())?;
        let mut br = Vec::new();
        {
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &data[..], &mut br, &params).map_err(|e| e.to_string())?;
        }
        std::fs::write(format!("{}.br", path.display()), &br).map_err(|e| e.to_string())?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&data).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        std::fs::write(format!("{}.gz", path.display()), &gz).map_err(|e| e.to_string())?;
    }
    Ok(())
}
