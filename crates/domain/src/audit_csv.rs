//! The audit log as CSV (RFC 4180): one row per record, times in ISO 8601 UTC, the kind's stable
//! code, the details common enough to filter on as columns of their own, and the sentence a
//! person reads. A cell a spreadsheet would run as a formula gets a leading `'`.

use portal_contract::audit::sentence;
use portal_contract::{AuditDetails, AuditRecord, Language};

const COLUMNS: [&str; 14] = [
    "time",
    "kind",
    "userEmail",
    "customerId",
    "customer",
    "resourceId",
    "allowDelegatedAccess",
    "customerEmail",
    "expiresAt",
    "adminPrivileges",
    "offerName",
    "supportPartner",
    "serviceRequestTitle",
    "text",
];

/// The first line.
pub fn header() -> String {
    let mut line = COLUMNS.join(",");
    line.push_str("\r\n");
    line
}

/// One record's line, its sentence in `language`.
pub fn line(r: &AuditRecord, language: Language) -> String {
    use AuditDetails as D;
    let mut allow = "";
    let (mut email, mut expires, mut admin, mut offer, mut support, mut title) =
        ("", "", "", "", "", "");
    match &r.details {
        D::InvitationCreated {
            allow_delegated_access,
            customer_email,
            expires_at,
        } => {
            allow = if *allow_delegated_access {
                "true"
            } else {
                "false"
            };
            email = customer_email.as_deref().unwrap_or("");
            expires = expires_at;
        }
        D::InvitationAccepted { admin_privileges }
        | D::RelationshipRemoved { admin_privileges } => admin = admin_privileges.as_str(),
        D::SubscriptionSuspended { offer_name } | D::SubscriptionReactivated { offer_name } => {
            offer = offer_name.as_deref().unwrap_or("");
        }
        D::SupportPartnerChanged {
            support_partner,
            offer_name,
        } => {
            offer = offer_name.as_deref().unwrap_or("");
            support = support_partner.as_deref().unwrap_or("");
        }
        D::ServiceRequestOpened { title: t, .. } => title = t,
        // Granular admin entries say everything in their sentence.
        D::AdminRelationshipRequested { .. }
        | D::AdminRelationshipApproved { .. }
        | D::AdminRelationshipTerminated { .. }
        | D::AdminRelationshipExpired { .. }
        | D::AdminRelationshipExtended { .. }
        | D::AdminRelationshipLockedForApproval { .. }
        | D::AccessAssignmentCreated { .. }
        | D::AccessAssignmentChanged { .. }
        | D::AccessAssignmentRemoved { .. } => {}
        D::InvitationRevoked {} | D::AgreementAccepted { .. } | D::RolesRemoved {} | D::Unknown => {
        }
    }
    let text = sentence(r, language);
    let cells = [
        r.operation_date.as_str(),
        r.kind.as_str(),
        r.user_email.as_str(),
        r.customer_id.as_deref().unwrap_or(""),
        r.customer_name.as_deref().unwrap_or(""),
        r.resource_id.as_str(),
        allow,
        email,
        expires,
        admin,
        offer,
        support,
        title,
        text.as_str(),
    ];
    let mut line = cells.map(cell).join(",");
    line.push_str("\r\n");
    line
}

/// RFC 4180 quoting; a cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::AuditKind;

    #[test]
    fn quotes_and_defuses_cells() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn a_line_has_every_column_in_order() {
        let r = AuditRecord {
            id: "7".into(),
            operation_date: "2026-12-02T10:00:00Z".into(),
            user_email: "adminagent@contoso-partner.example".into(),
            kind: AuditKind::InvitationCreated,
            customer_id: None,
            customer_name: None,
            resource_id: "inv-1".into(),
            details: AuditDetails::InvitationCreated {
                allow_delegated_access: true,
                customer_email: Some("anna@fabrikam.example".into()),
                expires_at: "2027-01-01T10:00:00Z".into(),
            },
        };
        assert_eq!(header().split(',').count(), COLUMNS.len());
        assert_eq!(
            line(&r, Language::En),
            "2026-12-02T10:00:00Z,invitation.created,adminagent@contoso-partner.example,,,inv-1,\
             true,anna@fabrikam.example,2027-01-01T10:00:00Z,,,,,\
             \"Invitation created with admin privileges requested, for anna@fabrikam.example, expires 1 Jan 2027.\"\r\n"
        );
        assert!(line(&r, Language::Hu).contains("érvényes eddig: 2027. jan. 1."));
    }
}
