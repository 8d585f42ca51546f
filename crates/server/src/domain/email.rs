//! An e-mail address that has passed the syntax check: hold one, and it is valid.

use portal_contract::auth::EMAIL_MAX_LEN;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailError {
    Required,
    TooLong,
    Invalid,
}

impl EmailError {
    /// The field error code the API reports.
    pub fn code(self) -> &'static str {
        match self {
            EmailError::Required => "required",
            EmailError::TooLong => "tooLong",
            EmailError::Invalid => "invalidEmail",
        }
    }
}

impl EmailAddress {
    /// Trims, checks the shape `local@domain.tld` (no spaces, no control characters, one `@`),
    /// and lower-cases: addresses are compared case-insensitively everywhere in the product.
    pub fn parse(raw: &str) -> Result<EmailAddress, EmailError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(EmailError::Required);
        }
        if s.chars().count() > EMAIL_MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::Invalid)?;
        let bad_char =
            |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"@".contains(c);
        let domain_ok = !domain.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.chars().any(bad_char);
        let local_ok = !local.is_empty() && local.len() <= 64 && !local.chars().any(bad_char);
        if !(local_ok && domain_ok) {
            return Err(EmailError::Invalid);
        }
        Ok(EmailAddress(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
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
                Err(EmailError::Invalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn empty_and_overlong_have_their_own_errors() {
        assert_eq!(EmailAddress::parse("   "), Err(EmailError::Required));
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }
}
