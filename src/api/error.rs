//! What can go wrong talking to the API, and what the user should be told about it.

use portal_contract::{ErrorBody, ErrorCode, FieldError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an answer (offline, server down, CORS).
    Network,
    /// The request's body could not be serialised, so nothing was sent.
    Encode,
    /// The server answered with an error status; `body` when it was our error body.
    Status {
        status: u16,
        body: Option<ErrorBody>,
    },
    /// A 2xx answer whose body did not match the contract.
    Decode,
}

/// The kinds the interface tells apart; each has its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Network,
    Unauthorized,
    Forbidden,
    NotFound,
    TooManyRequests,
    Invalid,
    Server,
    Unreadable,
    /// The app could not put the request together (a fault of the app, not of the network).
    Unsendable,
}

impl ApiError {
    pub fn from_status(status: u16, body: &str) -> ApiError {
        ApiError::Status {
            status,
            body: serde_json::from_str(body).ok(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Network => ErrorKind::Network,
            ApiError::Decode => ErrorKind::Unreadable,
            ApiError::Encode => ErrorKind::Unsendable,
            ApiError::Status { status, body } => match (status, body.as_ref().map(|b| b.code)) {
                (401, _) | (_, Some(ErrorCode::Unauthorized)) => ErrorKind::Unauthorized,
                (403, _) => ErrorKind::Forbidden,
                (404, _) => ErrorKind::NotFound,
                (429, _) => ErrorKind::TooManyRequests,
                (400..=499, _) => ErrorKind::Invalid,
                _ => ErrorKind::Server,
            },
        }
    }

    /// The API's error code, when the server answered with its error body.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Status { body: Some(b), .. } => Some(b.code),
            _ => None,
        }
    }

    /// The id the server logged the request under, when it answered.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            ApiError::Status { body: Some(b), .. } => Some(&b.correlation_id),
            _ => None,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Status { body: Some(b), .. } => &b.field_errors,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_our_error_body() {
        let e = ApiError::from_status(
            422,
            r#"{"code":"validation","message":"m","correlationId":"c1","fieldErrors":[{"field":"email","code":"required","message":"x"}]}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Invalid);
        assert_eq!(e.correlation_id(), Some("c1"));
        assert_eq!(e.field_errors()[0].field, "email");
    }

    #[test]
    fn classifies_statuses_even_without_a_body() {
        let kind = |s| ApiError::from_status(s, "<html>proxy error</html>").kind();
        assert_eq!(kind(401), ErrorKind::Unauthorized);
        assert_eq!(kind(403), ErrorKind::Forbidden);
        assert_eq!(kind(404), ErrorKind::NotFound);
        assert_eq!(kind(429), ErrorKind::TooManyRequests);
        assert_eq!(kind(400), ErrorKind::Invalid);
        assert_eq!(kind(502), ErrorKind::Server);
        assert_eq!(ApiError::Network.kind(), ErrorKind::Network);
        assert_eq!(ApiError::Encode.kind(), ErrorKind::Unsendable);
        assert_eq!(ApiError::Decode.kind(), ErrorKind::Unreadable);
        assert_eq!(ApiError::from_status(502, "").correlation_id(), None);
    }
}
