//! Serves the built single-page app from `dist/`: precompressed `.br`/`.gz` files when the
//! browser accepts them, `index.html` for every other path (the app routes on the client), and
//! cache headers that let hashed assets live forever while `index.html` and `config.json` are
//! revalidated.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn router(dist: &Path) -> Router {
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let value = if is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Trunk names built assets `name-<hex hash>.ext` (and `name-<hash>_bg.wasm`).
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
    }
}
