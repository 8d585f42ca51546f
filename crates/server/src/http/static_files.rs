//! Serves the built single-page app from `dist/`: precompressed `.br`/`.gz` files when the
//! browser accepts them, `index.html` for every other path (the app routes on the client), and
//! cache headers that let hashed assets live forever while `index.html` and `config.json` are
//! revalidated. A file that is not there (an old build's chunk, say) is 404, never the app's
//! page under the file's name, which a cache would keep for a year.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use axum::response::Response;
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

pub fn router(dist: &Path) -> Router {
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    let dist = dist.to_path_buf();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(move |request, next| {
            missing_files(dist.clone(), request, next)
        }))
        .layer(middleware::from_fn(cache_control))
}

/// A request for a file (its last segment has an extension) that `dist/` lacks is 404.
async fn missing_files(dist: PathBuf, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if is_file_path(path) && !dist.join(path.trim_start_matches('/')).is_file() {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}

/// Whether a path names a file rather than a page of the app: its last segment has an
/// extension. A `..` segment counts as a file, so it is never looked up outside `dist/`.
fn is_file_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    path.split('/').any(|s| s == "..")
        || last.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()) && !ext.is_empty()
        })
}

async fn cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let immutable = response.status().is_success() && is_hashed_asset(&path);
    let value = if immutable {
        // Never revalidated, so the validators would only be bytes on the wire.
        response.headers_mut().remove(header::LAST_MODIFIED);
        response.headers_mut().remove(header::ACCEPT_RANGES);
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Built assets are named `name-<hex hash>.ext` (and `name-<hash>_bg.wasm`): the app's glue,
/// wasm and style sheet, and each chunk of the split build.
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| {
        (8..=16).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn recognises_hashed_assets() {
        assert!(super::is_hashed_asset(
            "/partner-portal-1a2b3c4d5e6f7a8b_bg.wasm"
        ));
        assert!(super::is_hashed_asset(
            "/partner-portal-1a2b3c4d5e6f7a8b.js"
        ));
        assert!(super::is_hashed_asset("/main-1a2b3c4d5e6f7a8b.css"));
        assert!(!super::is_hashed_asset("/index.html"));
        assert!(!super::is_hashed_asset("/config.json"));
        assert!(super::is_hashed_asset(
            "/split_customers-0123456789abcdef.wasm"
        ));
        assert!(super::is_hashed_asset("/__wasm_split-0123456789abcdef.js"));
    }

    #[test]
    fn tells_files_from_app_pages() {
        assert!(super::is_file_path("/chunk_7-0123456789abcdef.wasm"));
        assert!(super::is_file_path("/robots.txt"));
        assert!(super::is_file_path("/a/../../etc"));
        assert!(!super::is_file_path("/customers"));
        assert!(!super::is_file_path(
            "/customers/0b6e4c1e-1f2a-4c3d-9e8f-0123456789ab/account"
        ));
        assert!(!super::is_file_path("/"));
        assert!(!super::is_file_path("/.well-known"));
    }
}
