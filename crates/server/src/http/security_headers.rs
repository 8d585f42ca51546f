//! Security headers on every response. The Content-Security-Policy allows scripts from our own
//! origin, WebAssembly compilation, and the app's one inline loader script by its hash — never
//! `unsafe-inline` or `unsafe-eval`.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The headers, built once at start-up.
#[derive(Debug, Clone)]
pub struct SecurityHeaders(Arc<Vec<(HeaderName, HeaderValue)>>);

impl SecurityHeaders {
    /// `index_html` is the built app's page, whose inline scripts are allowed by hash. `tls` says
    /// people reach the server over HTTPS (its public URL), where browsers are told to keep to it.
    pub fn new(index_html: Option<&str>, tls: bool) -> SecurityHeaders {
        let hashes: String = index_html
            .map(inline_script_hashes)
            .unwrap_or_default()
            .iter()
            .map(|h| format!(" 'sha256-{h}'"))
            .collect();
        let csp = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        let mut headers = vec![
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&csp).expect("CSP is ASCII"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
            // A private portal: no page or answer belongs in a search engine.
            (
                HeaderName::from_static("x-robots-tag"),
                HeaderValue::from_static("noindex, nofollow"),
            ),
        ];
        // Over plain HTTP (local runs) the header would be ignored, and it must never pin
        // `localhost` to HTTPS; behind a TLS front end it is sent on every answer.
        if tls {
            headers.push((
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            ));
        }
        SecurityHeaders(Arc::new(headers))
    }
}

/// Middleware adding the headers (without overriding a route's own choice). A content-hashed
/// file of the app (wasm, JS, CSS: cached as `immutable`) is never a document, so the headers
/// that only documents read (the CSP, framing, referrer, opener, robots) are left off it; about
/// 330 bytes on each of the dozens of files a first visit fetches. `nosniff` (which browsers
/// apply to scripts and style sheets) and HSTS stay on every answer.
pub async fn add(State(h): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let subresource = is_immutable(&response);
    for (name, value) in h.0.iter() {
        if subresource && !applies_to_subresources(name) {
            continue;
        }
        if !response.headers().contains_key(name) {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response
}

fn is_immutable(response: &Response) -> bool {
    response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("immutable"))
}

fn applies_to_subresources(name: &HeaderName) -> bool {
    name == header::X_CONTENT_TYPE_OPTIONS || name == header::STRICT_TRANSPORT_SECURITY
}

/// Base64 SHA-256 of each inline `<script>` body (those without `src`), as CSP expects.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let body_and_more = &rest[tag_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            hashes.push(STANDARD.encode(Sha256::digest(&body_and_more.as_bytes()[..close])));
        }
        rest = &body_and_more[close..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html =
            r#"<head><script src="/a.js"></script><script type="module">alert(1)</script></head>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes, vec![STANDARD.encode(Sha256::digest(b"alert(1)"))]);
    }

    #[test]
    fn csp_has_no_unsafe_inline_or_eval() {
        let h = SecurityHeaders::new(Some("<script>x</script>"), false);
        let csp = h.0[0].1.to_str().unwrap().to_owned();
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("'unsafe-inline'"));
        assert!(!csp.contains("'unsafe-eval'"));
        assert!(csp.contains("'sha256-"));
    }
}
