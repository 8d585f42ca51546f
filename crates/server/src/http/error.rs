//! The API's one error type. It maps to a status code and the shared [`ErrorBody`]; internal
//! causes are logged with the correlation id and never shown to the client.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_contract::{ErrorBody, ErrorCode, FieldCode, FieldError};

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// Query parameters out of range: 400, with the offending parameters as field errors.
    #[error("invalid query parameters")]
    InvalidQuery(Vec<FieldError>),
    #[error("validation failed: {0}")]
    InvalidBody(String),
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    /// A refusal with its own code, for the customer-side rules.
    #[error("refused: {message}")]
    Refused {
        status: StatusCode,
        code: ErrorCode,
        message: String,
    },
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// The database does not answer (503); the cause is logged, not shown.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(#[from] Box<dyn std::error::Error + Send + Sync>),
}

/// A store that does not answer is 503 (the client may try again); anything else the store
/// reports is a fault of ours, 500, its cause logged and never shown.
impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) => ApiError::Unavailable(e.to_string()),
            e => ApiError::Internal(Box::new(e)),
        }
    }
}

impl ApiError {
    pub fn refused(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError::Refused {
            status,
            code,
            message: message.into(),
        }
    }

    /// A single invalid query parameter (400).
    pub fn query(field: &str, code: FieldCode, message: impl Into<String>) -> ApiError {
        ApiError::InvalidQuery(vec![FieldError::new(field, code, message)])
    }

    /// A single field error, for rules checked after the body parsed.
    pub fn field(field: &str, code: FieldCode, message: impl Into<String>) -> ApiError {
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    }

    /// The field errors found, if any (all at once, never the first only).
    pub fn fields(errors: Vec<FieldError>) -> Result<(), ApiError> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(errors))
        }
    }

    fn parts(&self) -> (StatusCode, ErrorCode, String) {
        match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest, m.clone()),
            ApiError::InvalidQuery(_) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                "The request has invalid parameters.".into(),
            ),
            ApiError::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                "The request has invalid fields.".into(),
            ),
            ApiError::InvalidBody(m) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                m.clone(),
            ),
            ApiError::Unauthorized(m) => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthorized,
                (*m).into(),
            ),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden, m.clone()),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                "Not found.".into(),
            ),
            ApiError::Conflict(m) => (StatusCode::CONFLICT, ErrorCode::Conflict, m.clone()),
            ApiError::Refused {
                status,
                code,
                message,
            } => (*status, *code, message.clone()),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                "The request body is too large.".into(),
            ),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::BadRequest,
                "Send the body as application/json.".into(),
            ),
            ApiError::TooManyRequests { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::TooManyRequests,
                "Too many attempts. Wait a few minutes and try again.".into(),
            ),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Internal,
                "The server cannot reach its database. Try again in a moment.".into(),
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "Something went wrong on the server.".into(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        if let ApiError::Internal(cause) = &self {
            tracing::error!(error = %cause, "internal error");
        } else if let ApiError::Unavailable(cause) = &self {
            tracing::warn!(error = %cause, "database unavailable");
        } else {
            tracing::debug!(status = status.as_u16(), error = %self, "request refused");
        }
        let retry_after = match &self {
            ApiError::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let field_errors = match self {
            ApiError::Validation(f) | ApiError::InvalidQuery(f) => f,
            _ => vec![],
        };
        let body = ErrorBody {
            code,
            message,
            field_errors,
            correlation_id: super::correlation::current(),
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(retry_after_secs) = retry_after {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs.max(1)),
            );
        }
        response
    }
}

/// Answer for `/api/...` paths no route matches: JSON, never the app's HTML.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound
}

/// Answer for a known path with the wrong method.
pub async fn method_not_allowed() -> Response {
    let mut r =
        ApiError::BadRequest("This method is not allowed on this path.".into()).into_response();
    *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    r
}

/// Turns a panic in a handler into the error body (the panic itself is logged).
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::Internal("handler panicked".into()).into_response()
}
