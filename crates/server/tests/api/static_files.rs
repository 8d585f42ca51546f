//! The app's files: SPA fallback, precompressed variants, cache and security headers.

use base64::Engine;
use portal_contract::paths;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

use crate::helpers::*;

const INDEX: &str = "<!DOCTYPE html><html lang=\"en\"><head><script type=\"module\">import init from '/app-0123456789abcdef.js'; await init();</script></head><body></body></html>";

async fn app_with_dist() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js"), "export default 1;").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js.br"), b"brotli bytes").unwrap();
    TestApp::spawn_in(dir, |_| {}).await
}

#[tokio::test]
async fn every_app_path_gets_index_html_with_a_strict_csp() {
    let app = app_with_dist().await;
    for path in [
        "/",
        "/customers",
        "/signin?next=%2Fcustomers",
        "/no/such/page",
    ] {
        let r = app.get(path, None).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let h = r.headers().clone();
        assert_eq!(h["cache-control"], "no-cache");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        let csp = h["content-security-policy"].to_str().unwrap();
        let script = INDEX
            .split("<script type=\"module\">")
            .nth(1)
            .unwrap()
            .split("</script>")
            .next()
            .unwrap();
        let hash =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
        // The whole policy, word for word: scripts only from the origin, WebAssembly, and the
        // one inline loader by its hash; no `unsafe-inline`, no `unsafe-eval`, no framing.
        assert_eq!(
            csp,
            format!(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'; \
                 style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
                 object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
            )
        );
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["cross-origin-opener-policy"], "same-origin");
        assert_eq!(h["x-robots-tag"], "noindex, nofollow");
        // Served over plain HTTP: no HSTS.
        assert!(!h.contains_key("strict-transport-security"));
        assert_eq!(r.text().await.unwrap(), INDEX);
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_sent_precompressed() {
    let app = app_with_dist().await;
    let r = reqwest::Client::new()
        .get(format!("{}/app-0123456789abcdef.js", app.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-encoding"], "br");
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    // A file, never a document: only the headers a subresource is read with.
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    for document_only in [
        "content-security-policy",
        "x-frame-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "x-robots-tag",
        "last-modified",
    ] {
        assert!(!r.headers().contains_key(document_only), "{document_only}");
    }
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"brotli bytes");
}

#[tokio::test]
async fn a_missing_file_is_404_and_never_cached_as_the_app_page() {
    let app = app_with_dist().await;
    // A chunk of an older build that a page still open asks for.
    let r = app
        .get("/split_customers-fedcba9876543210.wasm", None)
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    // App pages still get the app.
    let r = app.get("/customers/invitations", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.text().await.unwrap(), INDEX);
}

#[tokio::test]
async fn index_html_is_revalidated_and_hashed_files_kept_for_a_year() {
    let app = app_with_dist().await;
    let r = app.get("/index.html", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    let r = app.get("/app-0123456789abcdef.js", None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn api_responses_are_not_cached_and_carry_security_headers() {
    let app = app_with_dist().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let r = app.customers(&session, &Query::new()).await;
    let r = reqwest::Response::from(r);
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(r.headers().contains_key("content-security-policy"));
    assert!(r.headers().contains_key(paths::CORRELATION_HEADER));
}

#[tokio::test]
async fn behind_https_every_answer_tells_browsers_to_keep_to_it() {
    let app = TestApp::spawn_with(|s| s.public_url = "https://portal.example".into()).await;
    for path in ["/", paths::SESSION, "/api/v1/no-such-thing"] {
        let r = app.get(path, None).await;
        assert_eq!(
            r.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}
