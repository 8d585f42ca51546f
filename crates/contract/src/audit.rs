//! What each kind of audit entry records ([`AuditDetails`], a union tagged by `kind`), and the
//! one sentence a person reads for it, in English or Hungarian. The app shows the sentence; the
//! server writes the same one into the CSV export.

use serde::{Deserialize, Serialize};

use crate::customers::AdminPrivileges;
use crate::hungarian::with_article;
use crate::invitations::Language;
use crate::support::{AuditKind, AuditRecord, Severity};

/// The details of an audit entry, by its kind. Entries written before the details were typed
/// are read into the same variants (the stored field names did not change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind")]
pub enum AuditDetails {
    #[serde(rename = "invitation.created", rename_all = "camelCase")]
    InvitationCreated {
        allow_delegated_access: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        customer_email: Option<String>,
        /// RFC 3339.
        expires_at: String,
    },
    #[serde(rename = "invitation.revoked")]
    InvitationRevoked {},
    #[serde(rename = "invitation.accepted", rename_all = "camelCase")]
    InvitationAccepted { admin_privileges: AdminPrivileges },
    #[serde(rename = "agreement.accepted")]
    AgreementAccepted { agreement: String },
    #[serde(rename = "roles.removed")]
    RolesRemoved {},
    #[serde(rename = "relationship.removed", rename_all = "camelCase")]
    RelationshipRemoved { admin_privileges: AdminPrivileges },
    #[serde(rename = "subscription.suspended", rename_all = "camelCase")]
    SubscriptionSuspended {
        /// The offer's name; absent on entries written before it was recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offer_name: Option<String>,
    },
    #[serde(rename = "subscription.reactivated", rename_all = "camelCase")]
    SubscriptionReactivated {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offer_name: Option<String>,
    },
    #[serde(rename = "supportPartner.changed", rename_all = "camelCase")]
    SupportPartnerChanged {
        /// The indirect reseller now designated; absent when it is the partner itself.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        support_partner: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offer_name: Option<String>,
    },
    #[serde(rename = "serviceRequest.opened")]
    ServiceRequestOpened { title: String, severity: Severity },
    #[serde(rename = "adminRelationship.requested", rename_all = "camelCase")]
    AdminRelationshipRequested {
        display_name: String,
        duration_days: u32,
        role_count: u32,
    },
    #[serde(rename = "adminRelationship.approved", rename_all = "camelCase")]
    AdminRelationshipApproved {
        display_name: String,
        /// RFC 3339.
        end_date_time: String,
    },
    #[serde(rename = "adminRelationship.terminated", rename_all = "camelCase")]
    AdminRelationshipTerminated {
        display_name: String,
        /// Ended by the customer rather than by the partner.
        by_customer: bool,
    },
    #[serde(rename = "adminRelationship.expired", rename_all = "camelCase")]
    AdminRelationshipExpired {
        display_name: String,
        /// False for a request that was never approved.
        was_active: bool,
    },
    #[serde(rename = "adminRelationship.extended", rename_all = "camelCase")]
    AdminRelationshipExtended {
        display_name: String,
        /// The new end, RFC 3339.
        end_date_time: String,
    },
    /// A new approval link for a pending request; the previous link stopped working.
    #[serde(
        rename = "adminRelationship.lockedForApproval",
        rename_all = "camelCase"
    )]
    AdminRelationshipLockedForApproval { display_name: String },
    #[serde(rename = "accessAssignment.created", rename_all = "camelCase")]
    AccessAssignmentCreated {
        display_name: String,
        group_name: String,
        role_count: u32,
    },
    #[serde(rename = "accessAssignment.changed", rename_all = "camelCase")]
    AccessAssignmentChanged {
        display_name: String,
        group_name: String,
        role_count: u32,
    },
    #[serde(rename = "accessAssignment.removed", rename_all = "camelCase")]
    AccessAssignmentRemoved {
        display_name: String,
        group_name: String,
    },
    /// An entry this reader does not understand (a newer kind, or unreadable details).
    #[serde(other, rename = "unknown")]
    Unknown,
}

impl AuditDetails {
    /// The kind these details are of (the record's `kind`).
    pub fn kind(&self) -> AuditKind {
        use AuditDetails as D;
        match self {
            D::InvitationCreated { .. } => AuditKind::InvitationCreated,
            D::InvitationRevoked {} => AuditKind::InvitationRevoked,
            D::InvitationAccepted { .. } => AuditKind::InvitationAccepted,
            D::AgreementAccepted { .. } => AuditKind::AgreementAccepted,
            D::RolesRemoved {} => AuditKind::RolesRemoved,
            D::RelationshipRemoved { .. } => AuditKind::RelationshipRemoved,
            D::SubscriptionSuspended { .. } => AuditKind::SubscriptionSuspended,
            D::SubscriptionReactivated { .. } => AuditKind::SubscriptionReactivated,
            D::SupportPartnerChanged { .. } => AuditKind::SupportPartnerChanged,
            D::ServiceRequestOpened { .. } => AuditKind::ServiceRequestOpened,
            D::AdminRelationshipRequested { .. } => AuditKind::AdminRelationshipRequested,
            D::AdminRelationshipApproved { .. } => AuditKind::AdminRelationshipApproved,
            D::AdminRelationshipTerminated { .. } => AuditKind::AdminRelationshipTerminated,
            D::AdminRelationshipExpired { .. } => AuditKind::AdminRelationshipExpired,
            D::AdminRelationshipExtended { .. } => AuditKind::AdminRelationshipExtended,
            D::AdminRelationshipLockedForApproval { .. } => {
                AuditKind::AdminRelationshipLockedForApproval
            }
            D::AccessAssignmentCreated { .. } => AuditKind::AccessAssignmentCreated,
            D::AccessAssignmentChanged { .. } => AuditKind::AccessAssignmentChanged,
            D::AccessAssignmentRemoved { .. } => AuditKind::AccessAssignmentRemoved,
            D::Unknown => AuditKind::Unknown,
        }
    }
}

/// Months as `Intl.DateTimeFormat`'s medium style writes them.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
];
const MONTHS_HU: [&str; 12] = [
    "jan.", "febr.", "márc.", "ápr.", "máj.", "jún.", "júl.", "aug.", "szept.", "okt.", "nov.",
    "dec.",
];

/// The (UTC) date of an RFC 3339 time as a reader writes it: "1 Jan 2027", "2027. jan. 1.";
/// the input itself when it is not one.
pub fn date_text(rfc3339: &str, language: Language) -> String {
    let parts = (|| {
        let year: u32 = rfc3339.get(0..4)?.parse().ok()?;
        let month: usize = rfc3339.get(5..7)?.parse().ok()?;
        let day: u32 = rfc3339.get(8..10)?.parse().ok()?;
        (1..=12).contains(&month).then_some((year, month, day))
    })();
    match (parts, language) {
        (Some((y, m, d)), Language::En) => format!("{d} {} {y}", MONTHS_EN[m - 1]),
        (Some((y, m, d)), Language::Hu) => format!("{y}. {} {d}.", MONTHS_HU[m - 1]),
        (None, _) => rfc3339.to_owned(),
    }
}

fn severity_text(severity: Severity, language: Language) -> &'static str {
    match (severity, language) {
        (Severity::Critical, Language::En) => "critical",
        (Severity::Moderate, Language::En) => "moderate",
        (Severity::Minimal, Language::En) => "minimal",
        (Severity::Critical, Language::Hu) => "kritikus",
        (Severity::Moderate, Language::Hu) => "közepes",
        (Severity::Minimal, Language::Hu) => "minimális",
    }
}

fn privileges_text(p: AdminPrivileges, language: Language) -> &'static str {
    match (p, language) {
        (AdminPrivileges::Granted, Language::En) => "with admin privileges",
        (AdminPrivileges::NotRequested, Language::En) => "without admin privileges",
        (AdminPrivileges::RemovedByCustomer, Language::En) => {
            "after the customer had removed the admin privileges"
        }
        (AdminPrivileges::Granted, Language::Hu) => "rendszergazdai jogosultságokkal",
        (AdminPrivileges::NotRequested, Language::Hu) => "rendszergazdai jogosultságok nélkül",
        (AdminPrivileges::RemovedByCustomer, Language::Hu) => {
            "miután az ügyfél eltávolította a rendszergazdai jogosultságokat"
        }
    }
}

/// `text` ending in one full stop, also when it ends with a name that has its own ("Kft.").
fn full_stop(text: String) -> String {
    if text.ends_with('.') {
        text
    } else {
        text + "."
    }
}

/// What one audit entry says, as one sentence in `language`.
pub fn sentence(record: &AuditRecord, language: Language) -> String {
    use AuditDetails as D;
    use Language::{En, Hu};
    let customer = record.customer_name.as_deref();
    // "Fabrikam Kft." / "a Fabrikam Kft."; an unknown customer is "the customer".
    let who = |capital: bool| match (customer, language) {
        (Some(name), En) => name.to_owned(),
        (Some(name), Hu) => with_article(name, capital),
        (None, En) if capital => "The customer".to_owned(),
        (None, En) => "the customer".to_owned(),
        (None, Hu) if capital => "Az ügyfél".to_owned(),
        (None, Hu) => "az ügyfél".to_owned(),
    };
    let offer = |name: &Option<String>| {
        name.as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default()
    };
    match (&record.details, language) {
        (
            D::InvitationCreated {
                allow_delegated_access,
                customer_email,
                expires_at,
            },
            En,
        ) => {
            let admin = if *allow_delegated_access {
                "with admin privileges requested"
            } else {
                "without admin privileges"
            };
            let to = customer_email
                .as_deref()
                .map(|e| format!(", for {e}"))
                .unwrap_or_default();
            format!(
                "Invitation created {admin}{to}, expires {}.",
                date_text(expires_at, En)
            )
        }
        (
            D::InvitationCreated {
                allow_delegated_access,
                customer_email,
                expires_at,
            },
            Hu,
        ) => {
            let admin = if *allow_delegated_access {
                "rendszergazdai jogosultságok kérésével"
            } else {
                "rendszergazdai jogosultságok nélkül"
            };
            let to = customer_email
                .as_deref()
                .map(|e| format!(", címzett: {e}"))
                .unwrap_or_default();
            full_stop(format!(
                "Meghívás létrehozva {admin}{to}, érvényes eddig: {}",
                date_text(expires_at, Hu)
            ))
        }
        (D::InvitationRevoked {}, En) => "Invitation revoked; its link no longer works.".into(),
        (D::InvitationRevoked {}, Hu) => {
            "Meghívás visszavonva; a hivatkozása már nem működik.".into()
        }
        (D::InvitationAccepted { admin_privileges }, En) => format!(
            "{} accepted the invitation, {}.",
            who(true),
            privileges_text(*admin_privileges, En)
        ),
        (D::InvitationAccepted { admin_privileges }, Hu) => format!(
            "{} elfogadta a meghívást, {}.",
            who(true),
            privileges_text(*admin_privileges, Hu)
        ),
        (D::AgreementAccepted { agreement }, En) => {
            format!("{} accepted the {agreement}.", who(true))
        }
        (D::AgreementAccepted { .. }, Hu) => {
            format!("{} elfogadta a Microsoft Ügyfélszerződést.", who(true))
        }
        (D::RolesRemoved {}, En) => format!("{} removed the partner's admin roles.", who(true)),
        (D::RolesRemoved {}, Hu) => format!(
            "{} eltávolította a partner rendszergazdai szerepköreit.",
            who(true)
        ),
        (D::RelationshipRemoved { admin_privileges }, En) => format!(
            "Reseller relationship with {} removed ({}).",
            who(false),
            match admin_privileges {
                AdminPrivileges::Granted => "the admin privileges ended with it",
                _ => "it held no admin privileges",
            }
        ),
        (D::RelationshipRemoved { admin_privileges }, Hu) => format!(
            "Megszűnt a viszonteladói kapcsolat, ügyfél: {} ({}).",
            customer.unwrap_or("–"),
            match admin_privileges {
                AdminPrivileges::Granted => "vele megszűntek a rendszergazdai jogosultságok",
                _ => "rendszergazdai jogosultságok nélkül",
            }
        ),
        (D::SubscriptionSuspended { offer_name }, En) => {
            format!("Subscription suspended{}.", offer(offer_name))
        }
        (D::SubscriptionSuspended { offer_name }, Hu) => {
            format!("Előfizetés felfüggesztve{}.", offer(offer_name))
        }
        (D::SubscriptionReactivated { offer_name }, En) => {
            format!("Subscription reactivated{}.", offer(offer_name))
        }
        (D::SubscriptionReactivated { offer_name }, Hu) => {
            format!("Előfizetés újraaktiválva{}.", offer(offer_name))
        }
        (
            D::SupportPartnerChanged {
                support_partner,
                offer_name,
            },
            En,
        ) => full_stop(format!(
            "Designated support partner{} set to {}",
            offer(offer_name),
            support_partner
                .as_deref()
                .unwrap_or("your own organisation")
        )),
        (
            D::SupportPartnerChanged {
                support_partner,
                offer_name,
            },
            Hu,
        ) => full_stop(format!(
            "Új kijelölt támogatási partner{}: {}",
            offer(offer_name),
            support_partner.as_deref().unwrap_or("a saját szervezete")
        )),
        (D::ServiceRequestOpened { title, severity }, En) => format!(
            "Service request “{title}” opened, severity {}.",
            severity_text(*severity, En)
        ),
        (D::ServiceRequestOpened { title, severity }, Hu) => format!(
            "Szolgáltatáskérés megnyitva: „{title}”, súlyosság: {}.",
            severity_text(*severity, Hu)
        ),
        (D::AdminRelationshipRequested { .. }, _)
        | (D::AdminRelationshipApproved { .. }, _)
        | (D::AdminRelationshipTerminated { .. }, _)
        | (D::AdminRelationshipExpired { .. }, _)
        | (D::AdminRelationshipExtended { .. }, _)
        | (D::AdminRelationshipLockedForApproval { .. }, _)
        | (D::AccessAssignmentCreated { .. }, _)
        | (D::AccessAssignmentChanged { .. }, _)
        | (D::AccessAssignmentRemoved { .. }, _) => {
            crate::gdap_audit::sentence(&record.details, customer, language)
        }
        (D::Unknown, En) => "An entry of a kind this version does not know.".into(),
        (D::Unknown, Hu) => "Ezt a bejegyzéstípust ez a verzió nem ismeri.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(details: AuditDetails, customer: Option<&str>) -> AuditRecord {
        AuditRecord {
            id: "1".into(),
            operation_date: "2026-12-02T10:00:00Z".into(),
            user_email: "adminagent@contoso-partner.example".into(),
            kind: AuditKind::Unknown,
            customer_id: customer.map(|_| "c1".into()),
            customer_name: customer.map(str::to_owned),
            resource_id: "r1".into(),
            details,
        }
    }

    fn both(details: AuditDetails, customer: Option<&str>) -> (String, String) {
        let r = record(details, customer);
        (sentence(&r, Language::En), sentence(&r, Language::Hu))
    }

    #[test]
    fn dates_are_written_as_readers_write_them() {
        assert_eq!(
            date_text("2027-01-01T10:00:00Z", Language::En),
            "1 Jan 2027"
        );
        assert_eq!(
            date_text("2027-01-01T10:00:00Z", Language::Hu),
            "2027. jan. 1."
        );
        assert_eq!(
            date_text("2026-09-30T00:00:00Z", Language::En),
            "30 Sept 2026"
        );
        assert_eq!(
            date_text("2026-03-05T00:00:00Z", Language::Hu),
            "2026. márc. 5."
        );
        assert_eq!(date_text("soon", Language::En), "soon");
    }

    #[test]
    fn an_invitation_created() {
        let (en, hu) = both(
            AuditDetails::InvitationCreated {
                allow_delegated_access: true,
                customer_email: Some("anna@fabrikam.example".into()),
                expires_at: "2027-01-01T10:00:00Z".into(),
            },
            None,
        );
        assert_eq!(
            en,
            "Invitation created with admin privileges requested, for anna@fabrikam.example, expires 1 Jan 2027."
        );
        assert_eq!(
            hu,
            "Meghívás létrehozva rendszergazdai jogosultságok kérésével, címzett: anna@fabrikam.example, érvényes eddig: 2027. jan. 1."
        );
        let (en, hu) = both(
            AuditDetails::InvitationCreated {
                allow_delegated_access: false,
                customer_email: None,
                expires_at: "2027-01-01T10:00:00Z".into(),
            },
            None,
        );
        assert_eq!(
            en,
            "Invitation created without admin privileges, expires 1 Jan 2027."
        );
        assert_eq!(
            hu,
            "Meghívás létrehozva rendszergazdai jogosultságok nélkül, érvényes eddig: 2027. jan. 1."
        );
    }

    #[test]
    fn an_invitation_revoked_and_accepted() {
        let (en, hu) = both(AuditDetails::InvitationRevoked {}, None);
        assert_eq!(en, "Invitation revoked; its link no longer works.");
        assert_eq!(hu, "Meghívás visszavonva; a hivatkozása már nem működik.");
        let accepted = AuditDetails::InvitationAccepted {
            admin_privileges: AdminPrivileges::Granted,
        };
        let (en, hu) = both(accepted.clone(), Some("Adatum GmbH"));
        assert_eq!(
            en,
            "Adatum GmbH accepted the invitation, with admin privileges."
        );
        assert_eq!(
            hu,
            "Az Adatum GmbH elfogadta a meghívást, rendszergazdai jogosultságokkal."
        );
        let (en, hu) = both(accepted, None);
        assert!(en.starts_with("The customer accepted"));
        assert!(hu.starts_with("Az ügyfél elfogadta"));
    }

    #[test]
    fn the_agreement_and_the_roles() {
        let (en, hu) = both(
            AuditDetails::AgreementAccepted {
                agreement: "Microsoft Customer Agreement".into(),
            },
            Some("Fabrikam Kft."),
        );
        assert_eq!(
            en,
            "Fabrikam Kft. accepted the Microsoft Customer Agreement."
        );
        assert_eq!(
            hu,
            "A Fabrikam Kft. elfogadta a Microsoft Ügyfélszerződést."
        );
        let (en, hu) = both(AuditDetails::RolesRemoved {}, Some("Fabrikam Kft."));
        assert_eq!(en, "Fabrikam Kft. removed the partner's admin roles.");
        assert_eq!(
            hu,
            "A Fabrikam Kft. eltávolította a partner rendszergazdai szerepköreit."
        );
    }

    #[test]
    fn the_relationship_removed() {
        let (en, hu) = both(
            AuditDetails::RelationshipRemoved {
                admin_privileges: AdminPrivileges::Granted,
            },
            Some("Fabrikam Kft."),
        );
        assert_eq!(
            en,
            "Reseller relationship with Fabrikam Kft. removed (the admin privileges ended with it)."
        );
        assert_eq!(
            hu,
            "Megszűnt a viszonteladói kapcsolat, ügyfél: Fabrikam Kft. (vele megszűntek a rendszergazdai jogosultságok)."
        );
    }

    #[test]
    fn subscriptions_and_support() {
        let offer = Some("Microsoft 365 Business Standard".to_owned());
        let (en, hu) = both(
            AuditDetails::SubscriptionSuspended {
                offer_name: offer.clone(),
            },
            Some("Fabrikam Kft."),
        );
        assert_eq!(
            en,
            "Subscription suspended (Microsoft 365 Business Standard)."
        );
        assert_eq!(
            hu,
            "Előfizetés felfüggesztve (Microsoft 365 Business Standard)."
        );
        let (en, hu) = both(
            AuditDetails::SubscriptionReactivated { offer_name: None },
            None,
        );
        assert_eq!(en, "Subscription reactivated.");
        assert_eq!(hu, "Előfizetés újraaktiválva.");
        let (en, hu) = both(
            AuditDetails::SupportPartnerChanged {
                support_partner: Some("1st Cloud Kft.".into()),
                offer_name: offer,
            },
            None,
        );
        assert_eq!(
            en,
            "Designated support partner (Microsoft 365 Business Standard) set to 1st Cloud Kft."
        );
        assert_eq!(
            hu,
            "Új kijelölt támogatási partner (Microsoft 365 Business Standard): 1st Cloud Kft."
        );
        let (en, hu) = both(
            AuditDetails::SupportPartnerChanged {
                support_partner: None,
                offer_name: None,
            },
            None,
        );
        assert_eq!(
            en,
            "Designated support partner set to your own organisation."
        );
        assert_eq!(hu, "Új kijelölt támogatási partner: a saját szervezete.");
    }

    #[test]
    fn a_service_request_and_an_unknown_entry() {
        let (en, hu) = both(
            AuditDetails::ServiceRequestOpened {
                title: "Licences missing".into(),
                severity: Severity::Critical,
            },
            Some("Fabrikam Kft."),
        );
        assert_eq!(
            en,
            "Service request “Licences missing” opened, severity critical."
        );
        assert_eq!(
            hu,
            "Szolgáltatáskérés megnyitva: „Licences missing”, súlyosság: kritikus."
        );
        let (en, hu) = both(AuditDetails::Unknown, None);
        assert!(!en.is_empty() && !hu.is_empty() && en != hu);
    }

    #[test]
    fn details_are_tagged_by_kind() {
        let json = serde_json::to_value(AuditDetails::InvitationAccepted {
            admin_privileges: AdminPrivileges::NotRequested,
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "invitation.accepted", "adminPrivileges": "notRequested"})
        );
        let back: AuditDetails =
            serde_json::from_value(serde_json::json!({"kind": "something.new", "x": 1})).unwrap();
        assert_eq!(back, AuditDetails::Unknown);
        // The tag and the kind's code are one and the same.
        assert_eq!(json["kind"], AuditKind::InvitationAccepted.as_str());
        assert_eq!(
            AuditDetails::RolesRemoved {}.kind(),
            AuditKind::RolesRemoved
        );
    }
}
