//! The one error body every API failure answers with.

use serde::{Deserialize, Serialize};

/// Machine-readable error kind. Clients translate by this code; `message` is English and meant
/// for logs and developers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// The body is not JSON, or the query string is malformed.
    BadRequest,
    /// The body is JSON but fails the rules (types, required fields, lengths); see field errors.
    Validation,
    /// No valid session, or the sign-in credentials are wrong.
    Unauthorized,
    /// Signed in, but the role does not allow this.
    Forbidden,
    /// No such resource for this organisation.
    NotFound,
    /// The request conflicts with the current state.
    Conflict,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// Too many attempts; wait and retry.
    TooManyRequests,
    /// Something failed on the server; the correlation id finds it in the log.
    Internal,
    /// The invitation link is not known (mistyped, or never existed).
    InvitationUnknown,
    InvitationExpired,
    InvitationRevoked,
    /// The link was already used to accept.
    InvitationUsed,
    /// The customer is outside the partner's country or region.
    OutsideRegion,
    /// The customer already has a relationship with this partner.
    AlreadyCustomer,
    /// The signed-in account does not belong to a customer organisation.
    NotCustomerAccount,
    /// Only a Global admin of the customer organisation can do this.
    NotGlobalAdmin,
    /// The Microsoft Customer Agreement must be accepted first.
    AgreementRequired,
    /// The customer still has active subscriptions (suspend them first).
    ActiveSubscriptions,
    /// The resource changed since the client read it; reload and try again.
    Stale,
    /// A change that needs `If-Match` came without it (428).
    PreconditionRequired,
    /// The granular admin approval link is not known.
    ApprovalUnknown,
    /// The request was not approved within 90 days.
    ApprovalExpired,
    /// The relationship was terminated.
    RelationshipTerminated,
    /// The request was already approved.
    AlreadyApproved,
    /// The request names another customer organisation.
    WrongCustomer,
    /// The relationship is not active (pending, expired or terminated), so it grants nothing.
    RelationshipNotActive,
    /// A code this client does not know yet (a newer server).
    #[serde(other)]
    Unknown,
}

/// One rejected field of a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The JSON field name as the client sent it (camelCase).
    pub field: String,
    /// What is wrong: `required`, `tooLong`, `invalidEmail`, ….
    pub code: String,
    pub message: String,
}

/// The body of every non-2xx API response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_errors: Vec<FieldError>,
    /// The id under which the server logged this request; shown to users so support can find it.
    pub correlation_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_uses_camel_case_and_omits_empty_field_errors() {
        let body = ErrorBody {
            code: ErrorCode::NotFound,
            message: "Not found".into(),
            field_errors: vec![],
            correlation_id: "abc".into(),
        };
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "notFound", "message": "Not found", "correlationId": "abc"})
        );
    }

    #[test]
    fn unknown_codes_from_a_newer_server_still_parse() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"code":"somethingNew","message":"m","correlationId":"c"}"#)
                .unwrap();
        assert_eq!(body.code, ErrorCode::Unknown);
    }
}
