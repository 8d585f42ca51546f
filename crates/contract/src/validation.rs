//! Field rules, written once: the server enforces them, the app checks the same before sending.
//!
//! Each broken rule is a [`FieldCode`]; the server turns them into [`FieldError`]s (all at once,
//! never the first only) and the app into a sentence in the reader's language.

use crate::error::FieldError;

/// Longest e-mail address SMTP can carry (RFC 5321 path limit).
pub const EMAIL_MAX_LEN: usize = 254;
/// Longest local part (before the `@`), RFC 5321.
pub const EMAIL_LOCAL_MAX_LEN: usize = 64;

/// What is wrong with a field: the `code` of a [`FieldError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldCode {
    /// Empty, or only spaces.
    Required,
    /// Longer than the field allows.
    TooLong,
    /// Not an address like `name@example.com`.
    InvalidEmail,
    /// Not one of the allowed values, or not in the allowed shape.
    Invalid,
    /// Not a calendar day `YYYY-MM-DD`.
    InvalidDate,
    /// A range whose end comes before its start.
    BeforeFrom,
    /// Required in the partner's cloud (admin privileges outside the public cloud).
    RequiredForCloud,
    /// Already used by another of the organisation's records (a relationship name).
    Taken,
    /// A number outside its allowed range (a duration in days).
    OutOfRange,
    /// The same value twice in a list (a role chosen twice).
    Duplicate,
    /// A value that is not in the catalogue (an unknown role id, group or customer).
    UnknownValue,
    /// Not allowed together with another choice (auto-extend with Global Administrator, a role
    /// the relationship does not carry).
    NotAllowed,
}

impl FieldCode {
    pub const ALL: [FieldCode; 12] = [
        FieldCode::Required,
        FieldCode::TooLong,
        FieldCode::InvalidEmail,
        FieldCode::Invalid,
        FieldCode::InvalidDate,
        FieldCode::BeforeFrom,
        FieldCode::RequiredForCloud,
        FieldCode::Taken,
        FieldCode::OutOfRange,
        FieldCode::Duplicate,
        FieldCode::UnknownValue,
        FieldCode::NotAllowed,
    ];

    /// The code on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldCode::Required => "required",
            FieldCode::TooLong => "tooLong",
            FieldCode::InvalidEmail => "invalidEmail",
            FieldCode::Invalid => "invalid",
            FieldCode::InvalidDate => "invalidDate",
            FieldCode::BeforeFrom => "beforeFrom",
            FieldCode::RequiredForCloud => "requiredForCloud",
            FieldCode::Taken => "taken",
            FieldCode::OutOfRange => "outOfRange",
            FieldCode::Duplicate => "duplicate",
            FieldCode::UnknownValue => "unknownValue",
            FieldCode::NotAllowed => "notAllowed",
        }
    }

    pub fn parse(s: &str) -> Option<FieldCode> {
        FieldCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl FieldError {
    pub fn new(field: &str, code: FieldCode, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_owned(),
            code: code.as_str().to_owned(),
            message: message.into(),
        }
    }

    /// The code as a rule of this contract; `None` for a code from a newer server.
    pub fn field_code(&self) -> Option<FieldCode> {
        FieldCode::parse(&self.code)
    }
}

/// A required text of at most `max` characters (counted as characters, after trimming).
pub fn required_text(value: &str, max: usize) -> Result<(), FieldCode> {
    let n = value.trim().chars().count();
    if n == 0 {
        Err(FieldCode::Required)
    } else if n > max {
        Err(FieldCode::TooLong)
    } else {
        Ok(())
    }
}

/// An e-mail address that has passed the syntax check: hold one, and it is valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Trims, checks the shape `local@domain.tld` (no spaces, no control characters, one `@`,
    /// a dotted domain without empty labels), and lower-cases: addresses are compared
    /// case-insensitively everywhere in the product.
    pub fn parse(raw: &str) -> Result<EmailAddress, FieldCode> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldCode::Required);
        }
        if s.chars().count() > EMAIL_MAX_LEN {
            return Err(FieldCode::TooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(FieldCode::InvalidEmail)?;
        let bad_char =
            |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"@".contains(c);
        let domain_ok = domain.contains('.')
            && domain.split('.').all(|label| !label.is_empty())
            && !domain.chars().any(bad_char);
        let local_ok =
            !local.is_empty() && local.len() <= EMAIL_LOCAL_MAX_LEN && !local.chars().any(bad_char);
        if !(local_ok && domain_ok) {
            return Err(FieldCode::InvalidEmail);
        }
        Ok(EmailAddress(s.to_lowercase()))
    }

    /// An optional address: empty means none.
    pub fn parse_optional(raw: &str) -> Result<Option<EmailAddress>, FieldCode> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            EmailAddress::parse(raw).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_lowercases_them() {
        let e = EmailAddress::parse("  AdminAgent@Contoso-Partner.example ").unwrap();
        assert_eq!(e.as_str(), "adminagent@contoso-partner.example");
        assert!(EmailAddress::parse("first.last+tag@sub.example.hu").is_ok());
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@.com",
            "a b@example.com",
            "a@@example.com",
            "a@example..com",
            "a@.example.com",
            "a@example.com.",
            "a@exa mple.com",
            "a\r\nBcc: x@y.z@example.com",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(FieldCode::InvalidEmail),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn empty_and_overlong_have_their_own_codes() {
        assert_eq!(EmailAddress::parse("   "), Err(FieldCode::Required));
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(FieldCode::TooLong));
        assert_eq!(EmailAddress::parse_optional(" "), Ok(None));
    }

    #[test]
    fn text_is_counted_in_characters_after_trimming() {
        assert_eq!(required_text("  ", 5), Err(FieldCode::Required));
        assert_eq!(required_text("árvíz", 5), Ok(()));
        assert_eq!(required_text("árvízt", 5), Err(FieldCode::TooLong));
    }

    #[test]
    fn codes_round_trip() {
        for c in FieldCode::ALL {
            assert_eq!(FieldCode::parse(c.as_str()), Some(c));
        }
        let e = FieldError::new("email", FieldCode::InvalidEmail, "m");
        assert_eq!(e.code, "invalidEmail");
        assert_eq!(e.field_code(), Some(FieldCode::InvalidEmail));
    }
}
