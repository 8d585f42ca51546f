//! The audit sentences of granular admin relationships, in English and Hungarian (the other
//! kinds are in [`crate::audit`], which hands these over).

use crate::audit::{AuditDetails, date_text};
use crate::hungarian::with_article;
use crate::invitations::Language;

fn roles_en(n: u32) -> String {
    if n == 1 {
        "1 role".to_owned()
    } else {
        format!("{n} roles")
    }
}

fn days_en(n: u32) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// The sentence of a granular admin entry; `customer` is the customer's name when known.
pub(crate) fn sentence(
    details: &AuditDetails,
    customer: Option<&str>,
    language: Language,
) -> String {
    use AuditDetails as D;
    use Language::{En, Hu};
    let who = |capital: bool| match (customer, language) {
        (Some(name), En) => name.to_owned(),
        (Some(name), Hu) => with_article(name, capital),
        (None, En) => "The customer".to_owned(),
        (None, Hu) => "Az ügyfél".to_owned(),
    };
    match (details, language) {
        (
            D::AdminRelationshipRequested {
                display_name,
                duration_days,
                role_count,
            },
            En,
        ) => {
            let from = customer.map(|c| format!(" from {c}")).unwrap_or_default();
            format!(
                "Granular admin relationship “{display_name}” requested{from}: {} for {}.",
                roles_en(*role_count),
                days_en(*duration_days)
            )
        }
        (
            D::AdminRelationshipRequested {
                display_name,
                duration_days,
                role_count,
            },
            Hu,
        ) => {
            let from = customer
                .map(|c| format!(", ügyfél: {c}"))
                .unwrap_or_default();
            format!(
                "Részletes rendszergazdai kapcsolat kérve: „{display_name}”{from}, {role_count} szerepkör {duration_days} napra."
            )
        }
        (
            D::AdminRelationshipApproved {
                display_name,
                end_date_time,
            },
            En,
        ) => format!(
            "{} approved the granular admin relationship “{display_name}”; it ends {}.",
            who(true),
            date_text(end_date_time, En)
        ),
        (
            D::AdminRelationshipApproved {
                display_name,
                end_date_time,
            },
            Hu,
        ) => format!(
            "{} jóváhagyta a részletes rendszergazdai kapcsolatot: „{display_name}”, lejárat: {}",
            who(true),
            date_text(end_date_time, Hu)
        ),
        (
            D::AdminRelationshipTerminated {
                display_name,
                by_customer: true,
            },
            En,
        ) => format!(
            "{} terminated the granular admin relationship “{display_name}”.",
            who(true)
        ),
        (
            D::AdminRelationshipTerminated {
                display_name,
                by_customer: true,
            },
            Hu,
        ) => format!(
            "{} megszüntette a részletes rendszergazdai kapcsolatot: „{display_name}”.",
            who(true)
        ),
        (
            D::AdminRelationshipTerminated {
                display_name,
                by_customer: false,
            },
            En,
        ) => format!("Granular admin relationship “{display_name}” terminated."),
        (
            D::AdminRelationshipTerminated {
                display_name,
                by_customer: false,
            },
            Hu,
        ) => format!("Részletes rendszergazdai kapcsolat megszüntetve: „{display_name}”."),
        (
            D::AdminRelationshipExpired {
                display_name,
                was_active: true,
            },
            En,
        ) => format!("Granular admin relationship “{display_name}” expired."),
        (
            D::AdminRelationshipExpired {
                display_name,
                was_active: true,
            },
            Hu,
        ) => format!("Lejárt a részletes rendszergazdai kapcsolat: „{display_name}”."),
        (
            D::AdminRelationshipExpired {
                display_name,
                was_active: false,
            },
            En,
        ) => format!(
            "Granular admin relationship request “{display_name}” expired without approval."
        ),
        (
            D::AdminRelationshipExpired {
                display_name,
                was_active: false,
            },
            Hu,
        ) => format!(
            "Jóváhagyás nélkül lejárt a részletes rendszergazdai kapcsolat kérése: „{display_name}”."
        ),
        (
            D::AdminRelationshipExtended {
                display_name,
                end_date_time,
            },
            En,
        ) => format!(
            "Granular admin relationship “{display_name}” extended automatically until {}.",
            date_text(end_date_time, En)
        ),
        (
            D::AdminRelationshipExtended {
                display_name,
                end_date_time,
            },
            Hu,
        ) => format!(
            "Részletes rendszergazdai kapcsolat automatikusan meghosszabbítva: „{display_name}”, új lejárat: {}",
            date_text(end_date_time, Hu)
        ),
        (D::AdminRelationshipLockedForApproval { display_name }, En) => format!(
            "New approval link for the granular admin relationship request “{display_name}”; the previous link no longer works."
        ),
        (D::AdminRelationshipLockedForApproval { display_name }, Hu) => format!(
            "Új jóváhagyási hivatkozás a részletes rendszergazdai kapcsolat kéréséhez: „{display_name}”; az előző hivatkozás már nem működik."
        ),
        (
            D::AccessAssignmentCreated {
                display_name,
                group_name,
                role_count,
            },
            En,
        ) => format!(
            "Security group “{group_name}” given {} of “{display_name}”.",
            roles_en(*role_count)
        ),
        (
            D::AccessAssignmentCreated {
                display_name,
                group_name,
                role_count,
            },
            Hu,
        ) => format!(
            "Biztonsági csoport hozzárendelve: „{group_name}”, {role_count} szerepkör, kapcsolat: „{display_name}”."
        ),
        (
            D::AccessAssignmentChanged {
                display_name,
                group_name,
                role_count,
            },
            En,
        ) => format!(
            "Roles of security group “{group_name}” in “{display_name}” changed to {}.",
            roles_en(*role_count)
        ),
        (
            D::AccessAssignmentChanged {
                display_name,
                group_name,
                role_count,
            },
            Hu,
        ) => format!(
            "Biztonsági csoport szerepkörei módosítva: „{group_name}”, {role_count} szerepkör, kapcsolat: „{display_name}”."
        ),
        (
            D::AccessAssignmentRemoved {
                display_name,
                group_name,
            },
            En,
        ) => format!("Security group “{group_name}” removed from “{display_name}”."),
        (
            D::AccessAssignmentRemoved {
                display_name,
                group_name,
            },
            Hu,
        ) => format!(
            "Biztonsági csoport hozzárendelése eltávolítva: „{group_name}”, kapcsolat: „{display_name}”."
        ),
        // Only the kinds above are handed over.
        (_, En) => "An entry of a kind this version does not know.".into(),
        (_, Hu) => "Ezt a bejegyzéstípust ez a verzió nem ismeri.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::sentence as full_sentence;
    use crate::support::{AuditKind, AuditRecord};

    fn both(details: AuditDetails, customer: Option<&str>) -> (String, String) {
        let r = AuditRecord {
            id: "1".into(),
            operation_date: "2026-12-02T10:00:00Z".into(),
            user_email: "adminagent@contoso-partner.example".into(),
            kind: details.kind(),
            customer_id: customer.map(|_| "c1".into()),
            customer_name: customer.map(str::to_owned),
            resource_id: "r1".into(),
            details,
        };
        (
            full_sentence(&r, Language::En),
            full_sentence(&r, Language::Hu),
        )
    }

    #[test]
    fn a_request_and_its_approval() {
        let (en, hu) = both(
            AuditDetails::AdminRelationshipRequested {
                display_name: "Helpdesk".into(),
                duration_days: 90,
                role_count: 3,
            },
            Some("Litware Kft."),
        );
        assert_eq!(
            en,
            "Granular admin relationship “Helpdesk” requested from Litware Kft.: 3 roles for 90 days."
        );
        assert_eq!(
            hu,
            "Részletes rendszergazdai kapcsolat kérve: „Helpdesk”, ügyfél: Litware Kft., 3 szerepkör 90 napra."
        );
        let (en, _) = both(
            AuditDetails::AdminRelationshipRequested {
                display_name: "Onboarding".into(),
                duration_days: 1,
                role_count: 1,
            },
            None,
        );
        assert_eq!(
            en,
            "Granular admin relationship “Onboarding” requested: 1 role for 1 day."
        );
        let (en, hu) = both(
            AuditDetails::AdminRelationshipApproved {
                display_name: "Helpdesk".into(),
                end_date_time: "2027-01-14T10:00:00Z".into(),
            },
            Some("Adatum GmbH"),
        );
        assert_eq!(
            en,
            "Adatum GmbH approved the granular admin relationship “Helpdesk”; it ends 14 Jan 2027."
        );
        assert_eq!(
            hu,
            "Az Adatum GmbH jóváhagyta a részletes rendszergazdai kapcsolatot: „Helpdesk”, lejárat: 2027. jan. 14."
        );
    }

    #[test]
    fn terminations_by_either_side() {
        let ended = |by_customer| AuditDetails::AdminRelationshipTerminated {
            display_name: "Helpdesk".into(),
            by_customer,
        };
        let (en, hu) = both(ended(true), Some("Fabrikam Kft."));
        assert_eq!(
            en,
            "Fabrikam Kft. terminated the granular admin relationship “Helpdesk”."
        );
        assert_eq!(
            hu,
            "A Fabrikam Kft. megszüntette a részletes rendszergazdai kapcsolatot: „Helpdesk”."
        );
        let (en, hu) = both(ended(false), Some("Fabrikam Kft."));
        assert_eq!(en, "Granular admin relationship “Helpdesk” terminated.");
        assert_eq!(
            hu,
            "Részletes rendszergazdai kapcsolat megszüntetve: „Helpdesk”."
        );
    }

    #[test]
    fn expiry_and_extension() {
        let expired = |was_active| AuditDetails::AdminRelationshipExpired {
            display_name: "Helpdesk".into(),
            was_active,
        };
        let (en, hu) = both(expired(true), None);
        assert_eq!(en, "Granular admin relationship “Helpdesk” expired.");
        assert_eq!(
            hu,
            "Lejárt a részletes rendszergazdai kapcsolat: „Helpdesk”."
        );
        let (en, hu) = both(expired(false), None);
        assert_eq!(
            en,
            "Granular admin relationship request “Helpdesk” expired without approval."
        );
        assert_eq!(
            hu,
            "Jóváhagyás nélkül lejárt a részletes rendszergazdai kapcsolat kérése: „Helpdesk”."
        );
        let (en, hu) = both(
            AuditDetails::AdminRelationshipExtended {
                display_name: "Helpdesk".into(),
                end_date_time: "2027-06-30T00:00:00Z".into(),
            },
            None,
        );
        assert_eq!(
            en,
            "Granular admin relationship “Helpdesk” extended automatically until 30 Jun 2027."
        );
        assert_eq!(
            hu,
            "Részletes rendszergazdai kapcsolat automatikusan meghosszabbítva: „Helpdesk”, új lejárat: 2027. jún. 30."
        );
    }

    #[test]
    fn a_new_approval_link() {
        let (en, hu) = both(
            AuditDetails::AdminRelationshipLockedForApproval {
                display_name: "Helpdesk".into(),
            },
            Some("Litware Kft."),
        );
        assert_eq!(
            en,
            "New approval link for the granular admin relationship request “Helpdesk”; the previous link no longer works."
        );
        assert_eq!(
            hu,
            "Új jóváhagyási hivatkozás a részletes rendszergazdai kapcsolat kéréséhez: „Helpdesk”; az előző hivatkozás már nem működik."
        );
    }

    #[test]
    fn access_assignments() {
        let (en, hu) = both(
            AuditDetails::AccessAssignmentCreated {
                display_name: "Helpdesk".into(),
                group_name: "Tier 2 support".into(),
                role_count: 2,
            },
            None,
        );
        assert_eq!(
            en,
            "Security group “Tier 2 support” given 2 roles of “Helpdesk”."
        );
        assert_eq!(
            hu,
            "Biztonsági csoport hozzárendelve: „Tier 2 support”, 2 szerepkör, kapcsolat: „Helpdesk”."
        );
        let (en, hu) = both(
            AuditDetails::AccessAssignmentChanged {
                display_name: "Helpdesk".into(),
                group_name: "Tier 2 support".into(),
                role_count: 1,
            },
            None,
        );
        assert_eq!(
            en,
            "Roles of security group “Tier 2 support” in “Helpdesk” changed to 1 role."
        );
        assert_eq!(
            hu,
            "Biztonsági csoport szerepkörei módosítva: „Tier 2 support”, 1 szerepkör, kapcsolat: „Helpdesk”."
        );
        let (en, hu) = both(
            AuditDetails::AccessAssignmentRemoved {
                display_name: "Helpdesk".into(),
                group_name: "Tier 2 support".into(),
            },
            None,
        );
        assert_eq!(
            en,
            "Security group “Tier 2 support” removed from “Helpdesk”."
        );
        assert_eq!(
            hu,
            "Biztonsági csoport hozzárendelése eltávolítva: „Tier 2 support”, kapcsolat: „Helpdesk”."
        );
    }

    #[test]
    fn every_granular_kind_is_tagged_with_its_own_code() {
        let json = serde_json::to_value(AuditDetails::AdminRelationshipExtended {
            display_name: "x".into(),
            end_date_time: "2027-01-01T00:00:00Z".into(),
        })
        .unwrap();
        assert_eq!(json["kind"], AuditKind::AdminRelationshipExtended.as_str());
        assert_eq!(json["endDateTime"], "2027-01-01T00:00:00Z");
    }
}
