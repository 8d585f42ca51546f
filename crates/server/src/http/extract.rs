//! `Json` and `Query` extractors whose rejections use the API's error body.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use super::ApiError;

/// A JSON object body. Not JSON: 400. Not an object, wrong types, missing or unknown fields:
/// 422. No `Content-Type: application/json`: 415. Larger than the body limit: 413.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::BadRequest("The request body could not be read.".into())
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Parses a body in two steps so that syntax (400) and shape (422) are told apart, and so that
/// only a JSON object is accepted (serde would otherwise take an array for a struct).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::BadRequest(format!("The body is not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(ApiError::InvalidBody(
            "The body must be a JSON object.".into(),
        ));
    }
    serde_json::from_value(value)
        .map_err(|e| ApiError::InvalidBody(format!("The body does not match: {e}")))
}

/// Query parameters; a malformed query answers 400.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
    }

    #[test]
    fn tells_syntax_from_shape() {
        assert!(matches!(parse::<Body>(b"{"), Err(ApiError::BadRequest(_))));
        assert!(matches!(
            parse::<Body>(br#"["x"]"#),
            Err(ApiError::InvalidBody(_))
        ));
        assert!(matches!(
            parse::<Body>(br#"{"name":1}"#),
            Err(ApiError::InvalidBody(_))
        ));
        assert!(matches!(
            parse::<Body>(br#"{"name":"x","extra":1}"#),
            Err(ApiError::InvalidBody(_))
        ));
        assert!(parse::<Body>(br#"{"name":"x"}"#).is_ok());
    }
}
