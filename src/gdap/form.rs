//! The request form's checks, the server's rules read from the contract: every problem of the
//! form at once, each named by its field and a [`FieldCode`], before anything is sent.

use portal_contract::gdap::{
    AUTO_EXTEND_DAYS, AccessDetails, CreateAdminRelationship, CustomerRef, DURATION_MAX_DAYS,
    DURATION_MIN_DAYS, DayDuration, GLOBAL_ADMINISTRATOR_ROLE_ID, NAME_MAX_LEN, UnifiedRole,
};
use portal_contract::validation::FieldCode;

/// The form's fields, in the order the page shows them (the first problem gets the focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Customer,
    Duration,
    Roles,
    AutoExtend,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Name,
        Field::Customer,
        Field::Duration,
        Field::Roles,
        Field::AutoExtend,
    ];

    /// The field an API field error names (`displayName`, `accessDetails.unifiedRoles[2]`, …).
    pub fn from_api(name: &str) -> Option<Field> {
        let head = name.split(['.', '[']).next().unwrap_or(name);
        Some(match head {
            "displayName" => Field::Name,
            "customer" => Field::Customer,
            "duration" => Field::Duration,
            "accessDetails" => Field::Roles,
            "autoExtendDuration" => Field::AutoExtend,
            _ => return None,
        })
    }
}

/// What the person filled in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestForm {
    pub name: String,
    /// One of the partner's customers; `None` for any customer.
    pub customer_id: Option<String>,
    /// As typed.
    pub duration: String,
    /// Template ids, in the order chosen.
    pub roles: Vec<String>,
    pub auto_extend: bool,
}

/// Whether Global Administrator is among the roles, which rules auto-extend out.
pub fn has_global_admin(roles: &[String]) -> bool {
    roles.iter().any(|r| r == GLOBAL_ADMINISTRATOR_ROLE_ID)
}

/// The duration in days, or why it is not one.
pub fn parse_days(raw: &str) -> Result<u32, FieldCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldCode::Required);
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldCode::Invalid);
    }
    match raw.parse::<u32>() {
        Ok(days) if (DURATION_MIN_DAYS..=DURATION_MAX_DAYS).contains(&days) => Ok(days),
        _ => Err(FieldCode::OutOfRange),
    }
}

impl RequestForm {
    /// The request to send, or every problem of the form, in the fields' order.
    pub fn check(&self) -> Result<CreateAdminRelationship, Vec<(Field, FieldCode)>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push((Field::Name, FieldCode::Required));
        } else if name.chars().count() > NAME_MAX_LEN {
            problems.push((Field::Name, FieldCode::TooLong));
        }
        let days =
            parse_days(&self.duration).map_err(|code| problems.push((Field::Duration, code)));
        if self.roles.is_empty() {
            problems.push((Field::Roles, FieldCode::Required));
        } else if self
            .roles
            .iter()
            .enumerate()
            .any(|(i, r)| self.roles[..i].contains(r))
        {
            problems.push((Field::Roles, FieldCode::Duplicate));
        }
        if self.auto_extend && has_global_admin(&self.roles) {
            problems.push((Field::AutoExtend, FieldCode::NotAllowed));
        }
        match days {
            Ok(days) if problems.is_empty() => Ok(CreateAdminRelationship {
                display_name: name.to_owned(),
                duration: DayDuration(days).iso(),
                customer: self
                    .customer_id
                    .clone()
                    .map(|tenant_id| CustomerRef { tenant_id }),
                access_details: AccessDetails {
                    unified_roles: self
                        .roles
                        .iter()
                        .map(|id| UnifiedRole {
                            role_definition_id: id.clone(),
                        })
                        .collect(),
                },
                auto_extend_duration: Some(
                    DayDuration(if self.auto_extend {
                        AUTO_EXTEND_DAYS
                    } else {
                        0
                    })
                    .iso(),
                ),
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";

    fn filled() -> RequestForm {
        RequestForm {
            name: " Fabrikam helpdesk ".into(),
            customer_id: Some("c1".into()),
            duration: "90".into(),
            roles: vec![READER.into()],
            auto_extend: true,
        }
    }

    #[test]
    fn a_complete_form_becomes_the_graph_shaped_request() {
        let request = filled().check().unwrap();
        assert_eq!(request.display_name, "Fabrikam helpdesk");
        assert_eq!(request.duration, "P90D");
        assert_eq!(request.auto_extend_duration.as_deref(), Some("P180D"));
        assert_eq!(request.customer.unwrap().tenant_id, "c1");
        assert_eq!(
            request.access_details.role_ids().collect::<Vec<_>>(),
            [READER]
        );
        let any = RequestForm {
            customer_id: None,
            auto_extend: false,
            ..filled()
        };
        let request = any.check().unwrap();
        assert_eq!(request.customer, None);
        assert_eq!(request.auto_extend_duration.as_deref(), Some("PT0S"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let form = RequestForm {
            name: "  ".into(),
            customer_id: None,
            duration: "731".into(),
            roles: vec![],
            auto_extend: false,
        };
        assert_eq!(
            form.check().unwrap_err(),
            [
                (Field::Name, FieldCode::Required),
                (Field::Duration, FieldCode::OutOfRange),
                (Field::Roles, FieldCode::Required),
            ]
        );
    }

    #[test]
    fn names_count_characters_up_to_fifty() {
        let at_limit = RequestForm {
            name: "é".repeat(NAME_MAX_LEN),
            ..filled()
        };
        assert!(at_limit.check().is_ok());
        let over = RequestForm {
            name: "é".repeat(NAME_MAX_LEN + 1),
            ..filled()
        };
        assert_eq!(
            over.check().unwrap_err(),
            [(Field::Name, FieldCode::TooLong)]
        );
    }

    #[test]
    fn durations_are_whole_days_from_one_to_730() {
        assert_eq!(parse_days("1"), Ok(1));
        assert_eq!(parse_days(" 730 "), Ok(730));
        assert_eq!(parse_days("0"), Err(FieldCode::OutOfRange));
        assert_eq!(parse_days("99999999999"), Err(FieldCode::OutOfRange));
        assert_eq!(parse_days(""), Err(FieldCode::Required));
        for bad in ["-1", "1.5", "P90D", "90 days"] {
            assert_eq!(parse_days(bad), Err(FieldCode::Invalid), "{bad}");
        }
    }

    #[test]
    fn auto_extend_is_refused_with_global_administrator_and_duplicates_are_caught() {
        let form = RequestForm {
            roles: vec![READER.into(), GLOBAL_ADMINISTRATOR_ROLE_ID.into()],
            ..filled()
        };
        assert!(has_global_admin(&form.roles));
        assert_eq!(
            form.check().unwrap_err(),
            [(Field::AutoExtend, FieldCode::NotAllowed)]
        );
        let twice = RequestForm {
            roles: vec![READER.into(), READER.into()],
            auto_extend: false,
            ..filled()
        };
        assert_eq!(
            twice.check().unwrap_err(),
            [(Field::Roles, FieldCode::Duplicate)]
        );
    }

    #[test]
    fn api_field_names_map_to_the_form() {
        assert_eq!(Field::from_api("displayName"), Some(Field::Name));
        assert_eq!(
            Field::from_api("accessDetails.unifiedRoles[1].roleDefinitionId"),
            Some(Field::Roles)
        );
        assert_eq!(
            Field::from_api("autoExtendDuration"),
            Some(Field::AutoExtend)
        );
        assert_eq!(Field::from_api("customer.tenantId"), Some(Field::Customer));
        assert_eq!(Field::from_api("other"), None);
    }
}
