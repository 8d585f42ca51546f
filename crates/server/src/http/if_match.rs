//! `If-Match` for changes guarded by an entity tag (granular admin relationships and their
//! access assignments). The header is read with the request's head but judged by the handler
//! after it found the entity, so another tenant's id is still a 404 and never a 428.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use portal_contract::ErrorCode;

use super::ApiError;

/// The `If-Match` header as sent, if it was.
#[derive(Debug, Clone)]
pub struct IfMatch(Option<String>);

impl IfMatch {
    /// The version the client based its change on: 428 without the header; a tag that is not
    /// one of ours can only be stale (412).
    pub fn version(&self) -> Result<i64, ApiError> {
        let Some(text) = &self.0 else {
            return Err(ApiError::refused(
                StatusCode::PRECONDITION_REQUIRED,
                ErrorCode::PreconditionRequired,
                "Send the @odata.etag you read in If-Match, so a change made meanwhile is not overwritten.",
            ));
        };
        parse(text).ok_or_else(stale)
    }
}

/// `W/"7"` (or `"7"`) → 7.
fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = text.strip_prefix("W/").unwrap_or(text);
    text.strip_prefix('"')?.strip_suffix('"')?.parse().ok()
}

/// The answer to a tag that is not the current one.
pub fn stale() -> ApiError {
    ApiError::refused(
        StatusCode::PRECONDITION_FAILED,
        ErrorCode::Stale,
        "This was changed meanwhile. Reload it and try again.",
    )
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(IfMatch(
            parts
                .headers
                .get(header::IF_MATCH)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_weak_or_strong() {
        assert_eq!(parse("W/\"7\""), Some(7));
        assert_eq!(parse(" \"12\" "), Some(12));
        for bad in ["7", "W/7", "\"x\"", "*", ""] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(matches!(
            IfMatch(None).version(),
            Err(ApiError::Refused {
                code: ErrorCode::PreconditionRequired,
                ..
            })
        ));
        assert!(matches!(
            IfMatch(Some("*".into())).version(),
            Err(ApiError::Refused {
                code: ErrorCode::Stale,
                ..
            })
        ));
    }
}
