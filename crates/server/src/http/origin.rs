//! Refuses cross-site writes. The session cookie is already `SameSite=Strict`; this is the second
//! lock: a `POST` (or any unsafe method) whose `Sec-Fetch-Site` says `cross-site`, or whose
//! `Origin` is neither the API's own nor the app's public origin, gets 403 before any handler
//! runs. Requests without either header (non-browser clients) pass; they carry no ambient cookie.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

use super::ApiError;

/// Origins allowed to write besides the request's own host: the app's public origin.
#[derive(Clone, Debug)]
pub struct AllowedOrigins(Arc<Vec<String>>);

impl AllowedOrigins {
    /// From the app's public URL (`scheme://host[:port]`, any path dropped).
    pub fn new(public_url: &str) -> AllowedOrigins {
        AllowedOrigins(Arc::new(origin_of(public_url).into_iter().collect()))
    }
}

/// `scheme://host[:port]` of a URL, lower-cased.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}").to_ascii_lowercase())
}

/// Whether a write with these headers comes from a page it may come from.
pub fn allowed(method: &Method, headers: &HeaderMap, allowed: &[String]) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if value("sec-fetch-site") == Some("cross-site") {
        return false;
    }
    let Some(origin) = value(header::ORIGIN.as_str()) else {
        return true;
    };
    let origin = origin.to_ascii_lowercase();
    let own_host = value(header::HOST.as_str()).map(str::to_ascii_lowercase);
    let same_host = own_host.is_some_and(|h| {
        origin_of(&origin)
            .is_some_and(|o| o.split_once("://").map(|(_, host)| host) == Some(h.as_str()))
    });
    same_host || allowed.contains(&origin)
}

pub async fn check(State(a): State<AllowedOrigins>, request: Request, next: Next) -> Response {
    if allowed(request.method(), request.headers(), &a.0) {
        next.run(request).await
    } else {
        ApiError::Forbidden("Cross-site requests are refused.".into()).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn reads_origins() {
        assert_eq!(
            origin_of("https://Portal.example/app?x"),
            Some("https://portal.example".into())
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080"),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(origin_of("not a url"), None);
    }

    #[test]
    fn refuses_cross_site_writes_only() {
        let app = vec!["https://app.example".to_owned()];
        let post = Method::POST;
        let own = [("host", "api.example"), ("origin", "https://api.example")];
        assert!(allowed(&post, &headers(&own), &app));
        assert!(allowed(
            &post,
            &headers(&[("host", "api.example"), ("origin", "https://app.example")]),
            &app
        ));
        assert!(
            allowed(&post, &headers(&[("host", "api.example")]), &app),
            "no Origin: not a browser"
        );
        assert!(!allowed(
            &post,
            &headers(&[("host", "api.example"), ("origin", "https://evil.example")]),
            &app
        ));
        assert!(!allowed(
            &post,
            &headers(&[("host", "api.example"), ("sec-fetch-site", "cross-site")]),
            &app
        ));
        assert!(!allowed(
            &post,
            &headers(&[("host", "api.example"), ("origin", "null")]),
            &app
        ));
        assert!(allowed(
            &Method::GET,
            &headers(&[("origin", "https://evil.example")]),
            &app
        ));
    }
}
