//! Prometheus metrics: requests by route template and status, their latency, throttle refusals,
//! and the database pools' use. Each server has its own registry (tests run many servers in one
//! process); `GET /metrics` on `--metrics-addr` renders it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

use crate::store::Store;

/// The path a metrics listener serves.
pub const PATH: &str = "/metrics";

/// Label for requests no route template matched (the app's static files and unknown paths):
/// a raw path would give every id its own series.
const OTHER_ROUTE: &str = "other";

/// Seconds; the API answers most requests in milliseconds, the audit export may take seconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Clone)]
pub struct Metrics(Arc<Families>);

struct Families {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    throttle_refusals: IntCounterVec,
    pool_connections: IntGaugeVec,
    pool_idle: IntGaugeVec,
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry =
            Registry::new_custom(Some("portal".into()), None).expect("a valid metrics prefix");
        let request_labels = &["method", "route", "status"];
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered."),
            request_labels,
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time from the request to its answer's head.",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
            request_labels,
        )
        .expect("valid metric");
        let throttle_refusals = IntCounterVec::new(
            Opts::new(
                "throttle_refusals_total",
                "Attempts refused with 429 by a throttle (sign-in, invitation-lookup).",
            ),
            &["throttle"],
        )
        .expect("valid metric");
        let pool_connections = IntGaugeVec::new(
            Opts::new(
                "db_pool_connections",
                "Open database connections (read pool, write connection).",
            ),
            &["pool"],
        )
        .expect("valid metric");
        let pool_idle = IntGaugeVec::new(
            Opts::new(
                "db_pool_idle_connections",
                "Open database connections not in use.",
            ),
            &["pool"],
        )
        .expect("valid metric");
        for c in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(throttle_refusals.clone()),
            Box::new(pool_connections.clone()),
            Box::new(pool_idle.clone()),
        ] {
            registry.register(c).expect("metric registered once");
        }
        Metrics(Arc::new(Families {
            registry,
            requests,
            latency,
            throttle_refusals,
            pool_connections,
            pool_idle,
        }))
    }

    pub fn observe_request(
        &self,
        method: &Method,
        route: &str,
        status: StatusCode,
        took: Duration,
    ) {
        let labels = [method_label(method), route, status.as_str()];
        self.0.requests.with_label_values(&labels).inc();
        self.0
            .latency
            .with_label_values(&labels)
            .observe(took.as_secs_f64());
    }

    pub fn throttle_refused(&self, throttle: &str) {
        self.0
            .throttle_refusals
            .with_label_values(&[throttle])
            .inc();
    }

    /// The text exposition, with the pools' use as of now.
    pub fn render(&self, store: &dyn Store) -> String {
        for pool in store.pool_use() {
            self.0
                .pool_connections
                .with_label_values(&[pool.name])
                .set(i64::from(pool.size));
            self.0
                .pool_idle
                .with_label_values(&[pool.name])
                .set(i64::try_from(pool.idle).unwrap_or(i64::MAX));
        }
        let mut out = Vec::new();
        TextEncoder::new()
            .encode(&self.0.registry.gather(), &mut out)
            .expect("text encoding into memory");
        String::from_utf8(out).expect("the text format is UTF-8")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// Only the methods the API knows get their own label; anything else is `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Middleware: counts and times every request under its route template (`/api/v1/customers/{id}`).
pub async fn track(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let response = next.run(request).await;
    metrics.observe_request(
        &method,
        route.as_deref().unwrap_or(OTHER_ROUTE),
        response.status(),
        started.elapsed(),
    );
    response
}

/// The metrics listener's router: `GET /metrics` and nothing else.
pub fn router(metrics: Metrics, store: Arc<dyn Store>) -> Router {
    Router::new()
        .route(PATH, get(serve))
        .with_state((metrics, store))
}

async fn serve(State((metrics, store)): State<(Metrics, Arc<dyn Store>)>) -> Response {
    let body = metrics.render(store.as_ref());
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_methods_share_one_label_and_samples_carry_the_prefix() {
        assert_eq!(method_label(&Method::GET), "GET");
        let odd = Method::from_bytes(b"BREW").unwrap();
        assert_eq!(method_label(&odd), "other");
        let m = Metrics::new();
        m.observe_request(
            &odd,
            OTHER_ROUTE,
            StatusCode::NOT_FOUND,
            Duration::from_millis(3),
        );
        m.throttle_refused("sign-in");
        let mut out = Vec::new();
        TextEncoder::new()
            .encode(&m.0.registry.gather(), &mut out)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(
            r#"portal_http_requests_total{method="other",route="other",status="404"} 1"#
        ));
        assert!(text.contains(r#"portal_throttle_refusals_total{throttle="sign-in"} 1"#));
    }
}
