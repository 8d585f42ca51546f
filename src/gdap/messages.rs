//! What a refusal of the server says, chosen by its code and written in the reader's language.
//! Taking the [`Locale`] rather than the page's context keeps each choice a plain function, so
//! every refusal of SPEC section 9 is checked here to have its own message in both languages.

use portal_contract::ErrorCode;
use portal_contract::validation::FieldCode;

use crate::gdap::form::Field;
use crate::i18n::*;

/// Why an approval link cannot be approved, for the codes **Approve partner roles** explains on
/// its own; `None` for the rest, which the general error panel words.
pub fn approval_refusal(locale: Locale, code: ErrorCode) -> Option<&'static str> {
    Some(match code {
        ErrorCode::ApprovalUnknown => td_string!(locale, gdap.approval_unknown),
        ErrorCode::ApprovalExpired => td_string!(locale, gdap.approval_expired),
        ErrorCode::RelationshipTerminated => td_string!(locale, gdap.relationship_terminated),
        ErrorCode::AlreadyApproved => td_string!(locale, gdap.already_approved),
        ErrorCode::WrongCustomer => td_string!(locale, gdap.wrong_customer),
        ErrorCode::NotCustomerAccount => td_string!(locale, gdap.partner_account),
        ErrorCode::NotGlobalAdmin => td_string!(locale, gdap.approve_not_global_admin),
        _ => return None,
    })
}

/// Why a change to a relationship or an assignment was refused, for the codes the
/// relationship's page explains on its own.
pub fn change_refusal(locale: Locale, code: ErrorCode) -> Option<&'static str> {
    Some(match code {
        ErrorCode::Stale => td_string!(locale, gdap.stale),
        ErrorCode::RelationshipNotActive => td_string!(locale, gdap.not_active),
        ErrorCode::RelationshipTerminated => td_string!(locale, gdap.already_terminated),
        _ => return None,
    })
}

/// The message for a problem with a field of the request form.
pub fn field_error(locale: Locale, field: Field, code: FieldCode) -> &'static str {
    match (field, code) {
        (Field::Name, FieldCode::Required) => td_string!(locale, gdap.err_name_required),
        (Field::Name, FieldCode::TooLong) => td_string!(locale, gdap.err_name_too_long),
        (Field::Name, FieldCode::Taken) => td_string!(locale, gdap.err_name_taken),
        (Field::Duration, FieldCode::Required) => td_string!(locale, gdap.err_duration_required),
        (Field::Duration, FieldCode::OutOfRange) => td_string!(locale, gdap.err_duration_range),
        (Field::Duration, _) => td_string!(locale, gdap.err_duration_invalid),
        (Field::Roles, FieldCode::Required) => td_string!(locale, gdap.err_roles_required),
        (Field::Roles, FieldCode::Duplicate) => td_string!(locale, gdap.err_roles_duplicate),
        (Field::Roles, FieldCode::UnknownValue) => td_string!(locale, gdap.err_roles_unknown),
        (Field::AutoExtend, _) => td_string!(locale, gdap.err_auto_extend),
        (Field::Customer, _) => td_string!(locale, gdap.err_customer),
        _ => td_string!(locale, gdap.err_field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const LANGUAGES: [Locale; 2] = [Locale::en, Locale::hu];

    /// Asserts that `messages` (a code's name and its text) are all different, and returns
    /// the texts.
    fn all_distinct(messages: Vec<(String, &'static str)>) -> Vec<&'static str> {
        let mut seen = HashSet::new();
        for (code, text) in &messages {
            assert!(!text.trim().is_empty(), "{code} has no message");
            assert!(seen.insert(*text), "{code} shares its message: {text}");
        }
        messages.into_iter().map(|(_, t)| t).collect()
    }

    /// The same codes in English and in Hungarian never read the same.
    fn translated(en: &[&str], hu: &[&str]) {
        for (en, hu) in en.iter().zip(hu) {
            assert_ne!(en, hu, "not translated");
        }
    }

    #[test]
    fn every_refusal_of_an_approval_has_its_own_message_in_both_languages() {
        let codes = [
            ErrorCode::ApprovalUnknown,
            ErrorCode::ApprovalExpired,
            ErrorCode::RelationshipTerminated,
            ErrorCode::AlreadyApproved,
            ErrorCode::WrongCustomer,
            ErrorCode::NotCustomerAccount,
            ErrorCode::NotGlobalAdmin,
        ];
        let texts = LANGUAGES.map(|locale| {
            all_distinct(
                codes
                    .iter()
                    .map(|&c| {
                        let text = approval_refusal(locale, c)
                            .unwrap_or_else(|| panic!("{c:?} has no message"));
                        (format!("{c:?}"), text)
                    })
                    .collect(),
            )
        });
        translated(&texts[0], &texts[1]);
        assert!(texts[1].contains(&"Ez a jóváhagyási hivatkozás érvénytelen. Ellenőrizze, hogy a teljes hivatkozást másolta-e ki az e-mailből, vagy kérje meg a partnert, hogy küldje el újra."));
        // Failures that are not refusals go to the general error panel, with Retry.
        for code in [
            ErrorCode::Internal,
            ErrorCode::TooManyRequests,
            ErrorCode::Unknown,
        ] {
            assert_eq!(approval_refusal(Locale::en, code), None, "{code:?}");
        }
    }

    #[test]
    fn every_refused_change_has_its_own_message_in_both_languages() {
        let codes = [
            ErrorCode::Stale,
            ErrorCode::RelationshipNotActive,
            ErrorCode::RelationshipTerminated,
        ];
        let texts = LANGUAGES.map(|locale| {
            all_distinct(
                codes
                    .iter()
                    .map(|&c| (format!("{c:?}"), change_refusal(locale, c).unwrap()))
                    .collect(),
            )
        });
        translated(&texts[0], &texts[1]);
        assert_eq!(change_refusal(Locale::en, ErrorCode::Forbidden), None);
    }

    #[test]
    fn every_rule_of_a_request_has_its_own_field_message_in_both_languages() {
        // The field errors the server gives for SPEC section 9's rules.
        let rules = [
            (Field::Name, FieldCode::Required),
            (Field::Name, FieldCode::TooLong),
            (Field::Name, FieldCode::Taken),
            (Field::Customer, FieldCode::UnknownValue),
            (Field::Duration, FieldCode::Required),
            (Field::Duration, FieldCode::Invalid),
            (Field::Duration, FieldCode::OutOfRange),
            (Field::Roles, FieldCode::Required),
            (Field::Roles, FieldCode::Duplicate),
            (Field::Roles, FieldCode::UnknownValue),
            (Field::AutoExtend, FieldCode::NotAllowed),
        ];
        let texts = LANGUAGES.map(|locale| {
            let mut messages: Vec<_> = rules
                .iter()
                .map(|&(f, c)| (format!("{f:?} {c:?}"), field_error(locale, f, c)))
                .collect();
            // The catch-all for a field code this version does not know stays apart from all.
            messages.push((
                "fallback".into(),
                field_error(locale, Field::Name, FieldCode::InvalidEmail),
            ));
            all_distinct(messages)
        });
        translated(&texts[0], &texts[1]);
        assert_eq!(
            field_error(Locale::hu, Field::Duration, FieldCode::OutOfRange),
            "Az időtartam 1 és 730 nap között lehet."
        );
    }
}
