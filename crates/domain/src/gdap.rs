//! The rules of granular admin relationships without I/O: the status at a moment (computed from
//! the recorded state and the times, so a read is right even before the settle step ran), what
//! the settle step must record, and the checks of a new request or assignment.

use portal_contract::gdap::{
    AUTO_EXTEND_DAYS, AccessDetails, AdminRelationshipStatus as Status, CreateAdminRelationship,
    DURATION_MAX_DAYS, DURATION_MIN_DAYS, DayDuration, GLOBAL_ADMINISTRATOR_ROLE_ID, NAME_MAX_LEN,
};
use portal_contract::{FieldCode, FieldError};

use super::roles;

pub const DAY: i64 = 86_400;

/// The status at `now` and the end that goes with it (moved on by auto-extend where it applies).
pub fn status_at(state: Status, end_at: i64, auto_extend_days: u32, now: i64) -> (Status, i64) {
    match state {
        Status::ApprovalPending if now >= end_at => (Status::Expired, end_at),
        Status::Active if now >= end_at => match extensions(end_at, auto_extend_days, now) {
            Some(steps) => (Status::Active, end_at + steps * step(auto_extend_days)),
            None => (Status::Expired, end_at),
        },
        other => (other, end_at),
    }
}

fn step(auto_extend_days: u32) -> i64 {
    i64::from(auto_extend_days) * DAY
}

/// How many auto-extensions an active relationship that ended at `end_at` needs to be running at
/// `now`; `None` without auto-extend.
fn extensions(end_at: i64, auto_extend_days: u32, now: i64) -> Option<i64> {
    if auto_extend_days == 0 {
        return None;
    }
    let step = step(auto_extend_days);
    Some((now - end_at) / step + 1)
}

/// What the settle step records for a relationship whose recorded state is behind the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// Expired at this time (a request never approved, or an end without auto-extend).
    Expire { at: i64 },
    /// Extended at each of these times (each an end reached); the new end.
    Extend { at: Vec<i64>, new_end: i64 },
}

/// The transition due for a relationship, if any.
pub fn due(state: Status, end_at: i64, auto_extend_days: u32, now: i64) -> Option<Due> {
    if now < end_at {
        return None;
    }
    match state {
        Status::ApprovalPending => Some(Due::Expire { at: end_at }),
        Status::Active => match extensions(end_at, auto_extend_days, now) {
            None => Some(Due::Expire { at: end_at }),
            Some(n) => Some(Due::Extend {
                at: (0..n)
                    .map(|i| end_at + i * step(auto_extend_days))
                    .collect(),
                new_end: end_at + n * step(auto_extend_days),
            }),
        },
        _ => None,
    }
}

/// Active and ending within [`portal_contract::gdap::ENDING_SOON_DAYS`] of `now`.
pub fn ending_soon(status: Status, end: i64, now: i64) -> bool {
    status == Status::Active
        && end - now <= i64::from(portal_contract::gdap::ENDING_SOON_DAYS) * DAY
}

/// The `@odata.etag` of a version: a quoted string, as HTTP writes entity tags.
pub fn etag(version: i64) -> String {
    format!("W/\"{version}\"")
}

/// A new request's fields, checked (the customer and the name's uniqueness need the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRequest {
    pub display_name: String,
    pub duration_days: u32,
    pub auto_extend_days: u32,
    pub roles: Vec<String>,
}

const ROLES_FIELD: &str = "accessDetails.unifiedRoles";

/// Every rule of a new request that needs no database, all broken ones at once.
pub fn check_request(req: &CreateAdminRelationship) -> Result<ValidRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = req.display_name.trim();
    if name.is_empty() {
        errors.push(FieldError::new(
            "displayName",
            FieldCode::Required,
            "Enter a name for the admin relationship.",
        ));
    } else if name.chars().count() > NAME_MAX_LEN {
        errors.push(FieldError::new(
            "displayName",
            FieldCode::TooLong,
            format!("The name may be at most {NAME_MAX_LEN} characters long."),
        ));
    }
    let duration = match DayDuration::parse(req.duration.trim()) {
        None => {
            errors.push(FieldError::new(
                "duration",
                FieldCode::Invalid,
                "Write the duration in days as ISO 8601, for example P90D.",
            ));
            0
        }
        Some(DayDuration(days)) if !(DURATION_MIN_DAYS..=DURATION_MAX_DAYS).contains(&days) => {
            errors.push(FieldError::new(
                "duration",
                FieldCode::OutOfRange,
                format!(
                    "The duration must be between {DURATION_MIN_DAYS} and {DURATION_MAX_DAYS} days."
                ),
            ));
            0
        }
        Some(DayDuration(days)) => days,
    };
    let roles = check_roles(&req.access_details, |_| true, &mut errors);
    let auto_extend = match req.auto_extend_duration.as_deref().map(str::trim) {
        None => 0,
        Some(text) => match DayDuration::parse(text) {
            Some(DayDuration(days)) if days == 0 || days == AUTO_EXTEND_DAYS => days,
            _ => {
                errors.push(FieldError::new(
                    "autoExtendDuration",
                    FieldCode::Invalid,
                    format!("Auto extend is PT0S (off) or P{AUTO_EXTEND_DAYS}D."),
                ));
                0
            }
        },
    };
    if auto_extend > 0 && roles.iter().any(|r| r == GLOBAL_ADMINISTRATOR_ROLE_ID) {
        errors.push(FieldError::new(
            "autoExtendDuration",
            FieldCode::NotAllowed,
            "Auto extend is not available while Global Administrator is among the roles.",
        ));
    }
    if errors.is_empty() {
        Ok(ValidRequest {
            display_name: name.to_owned(),
            duration_days: duration,
            auto_extend_days: auto_extend,
            roles,
        })
    } else {
        Err(errors)
    }
}

/// The roles of a request or an assignment: at least one, each from the catalogue, none twice,
/// and each `allowed` (an assignment's roles must be among its relationship's). Errors are
/// added to `errors`; the roles are returned as sent.
pub fn check_roles(
    details: &AccessDetails,
    allowed: impl Fn(&str) -> bool,
    errors: &mut Vec<FieldError>,
) -> Vec<String> {
    let ids: Vec<String> = details.role_ids().map(str::to_owned).collect();
    if ids.is_empty() {
        errors.push(FieldError::new(
            ROLES_FIELD,
            FieldCode::Required,
            "Choose at least one Microsoft Entra role.",
        ));
    }
    if let Some(unknown) = ids.iter().find(|id| roles::find(id).is_none()) {
        errors.push(FieldError::new(
            ROLES_FIELD,
            FieldCode::UnknownValue,
            format!("{unknown} is not a role of the catalogue."),
        ));
    } else if let Some(other) = ids.iter().find(|id| !allowed(id)) {
        errors.push(FieldError::new(
            ROLES_FIELD,
            FieldCode::NotAllowed,
            format!(
                "{} is not one of the relationship's roles.",
                roles::find(other).map_or(other.as_str(), |r| r.name.0)
            ),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = ids.iter().find(|id| !seen.insert(id.as_str())) {
        errors.push(FieldError::new(
            ROLES_FIELD,
            FieldCode::Duplicate,
            format!("{twice} is chosen more than once."),
        ));
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::gdap::{CustomerRef, UnifiedRole};

    const T: i64 = 1_800_000_000;

    fn details(ids: &[&str]) -> AccessDetails {
        AccessDetails {
            unified_roles: ids
                .iter()
                .map(|id| UnifiedRole {
                    role_definition_id: (*id).to_owned(),
                })
                .collect(),
        }
    }

    fn request(
        name: &str,
        duration: &str,
        roles: &[&str],
        auto: Option<&str>,
    ) -> CreateAdminRelationship {
        CreateAdminRelationship {
            display_name: name.into(),
            duration: duration.into(),
            customer: Some(CustomerRef {
                tenant_id: "c".into(),
            }),
            access_details: details(roles),
            auto_extend_duration: auto.map(str::to_owned),
        }
    }

    fn codes(r: Result<ValidRequest, Vec<FieldError>>) -> Vec<String> {
        r.unwrap_err()
            .iter()
            .map(|e| format!("{}:{}", e.field, e.code.as_str()))
            .collect()
    }

    const READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";

    #[test]
    fn pending_requests_expire_after_their_window() {
        let end = T + 90 * DAY;
        assert_eq!(
            status_at(Status::ApprovalPending, end, 0, T),
            (Status::ApprovalPending, end)
        );
        assert_eq!(
            status_at(Status::ApprovalPending, end, 0, end),
            (Status::Expired, end)
        );
        assert_eq!(due(Status::ApprovalPending, end, 0, end - 1), None);
        assert_eq!(
            due(Status::ApprovalPending, end, 0, end),
            Some(Due::Expire { at: end })
        );
    }

    #[test]
    fn active_relationships_expire_or_move_on_by_180_days() {
        assert_eq!(status_at(Status::Active, T, 0, T + 1), (Status::Expired, T));
        assert_eq!(
            status_at(Status::Active, T, 180, T - 1),
            (Status::Active, T)
        );
        assert_eq!(
            status_at(Status::Active, T, 180, T),
            (Status::Active, T + 180 * DAY)
        );
        // Two periods late: extended twice.
        let now = T + 200 * DAY;
        assert_eq!(
            status_at(Status::Active, T, 180, now),
            (Status::Active, T + 360 * DAY)
        );
        assert_eq!(
            due(Status::Active, T, 180, now),
            Some(Due::Extend {
                at: vec![T, T + 180 * DAY],
                new_end: T + 360 * DAY
            })
        );
        assert_eq!(due(Status::Terminated, T, 180, now), None);
        assert_eq!(due(Status::Expired, T, 0, now), None);
    }

    #[test]
    fn ending_soon_is_active_within_30_days() {
        assert!(ending_soon(Status::Active, T + 30 * DAY, T));
        assert!(!ending_soon(Status::Active, T + 31 * DAY, T));
        assert!(!ending_soon(Status::Expired, T, T));
    }

    #[test]
    fn a_good_request_reads() {
        let ok = check_request(&request(" Helpdesk ", "P90D", &[READER], Some("P180D"))).unwrap();
        assert_eq!(ok.display_name, "Helpdesk");
        assert_eq!((ok.duration_days, ok.auto_extend_days), (90, 180));
        let ok = check_request(&request("x", "P730D", &[READER], None)).unwrap();
        assert_eq!(ok.auto_extend_days, 0);
    }

    #[test]
    fn every_broken_rule_is_reported_at_once() {
        assert_eq!(
            codes(check_request(&request("", "90", &[], Some("P30D")))),
            [
                "displayName:required",
                "duration:invalid",
                "accessDetails.unifiedRoles:required",
                "autoExtendDuration:invalid"
            ]
        );
        assert_eq!(
            codes(check_request(&request(
                &"n".repeat(51),
                "P731D",
                &["nope"],
                None
            ))),
            [
                "displayName:tooLong",
                "duration:outOfRange",
                "accessDetails.unifiedRoles:unknownValue"
            ]
        );
        assert_eq!(
            codes(check_request(&request("n", "P0D", &[READER, READER], None))),
            [
                "duration:outOfRange",
                "accessDetails.unifiedRoles:duplicate"
            ]
        );
        assert_eq!(
            codes(check_request(&request(
                "n",
                "P1D",
                &[GLOBAL_ADMINISTRATOR_ROLE_ID],
                Some("P180D")
            ))),
            ["autoExtendDuration:notAllowed"]
        );
    }

    #[test]
    fn assignment_roles_must_be_the_relationships() {
        let mut errors = Vec::new();
        check_roles(
            &details(&[GLOBAL_ADMINISTRATOR_ROLE_ID]),
            |r| r == READER,
            &mut errors,
        );
        assert_eq!(errors[0].code, FieldCode::NotAllowed.as_str());
    }

    #[test]
    fn etags_are_quoted() {
        assert_eq!(etag(3), "W/\"3\"");
    }
}
