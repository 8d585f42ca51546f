//! `mailto:` URLs by RFC 6068: every character outside the unreserved set percent-encoded (UTF-8),
//! line breaks as `%0D%0A`, and only the `subject` and `body` fields, so nothing typed can add a
//! header or a recipient.

/// Mail programs start to truncate or refuse `mailto:` URLs around this length.
pub const MAILTO_SOFT_LIMIT: usize = 2000;

use crate::url::encode_component as encode;

/// Line breaks in any form (`\r\n`, `\n`, `\r`) become CRLF, as RFC 6068 asks for in bodies.
pub fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n")
}

/// The address part keeps `@` readable; everything else reserved is encoded.
fn encode_address(address: &str) -> String {
    address.split('@').map(encode).collect::<Vec<_>>().join("@")
}

/// `mailto:[to]?subject=…&body=…`.
pub fn mailto(to: Option<&str>, subject: &str, body: &str) -> String {
    let to = to
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(encode_address)
        .unwrap_or_default();
    format!(
        "mailto:{to}?subject={}&body={}",
        encode(&normalize_newlines(subject).replace("\r\n", " ")),
        encode(&normalize_newlines(body))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::decode_component;
    use proptest::prelude::*;

    fn fields(url: &str) -> (String, Vec<(String, String)>) {
        let rest = url.strip_prefix("mailto:").unwrap();
        let (to, query) = rest.split_once('?').unwrap();
        let pairs = query
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_owned(), decode_component(v))
            })
            .collect();
        (decode_component(to), pairs)
    }

    #[test]
    fn encodes_reserved_characters_and_line_breaks() {
        let url = mailto(
            Some("anna@fabrikam.example"),
            "Hi & bye?",
            "a=1&b=2\n#50% ő\r\nend",
        );
        assert_eq!(
            url,
            "mailto:anna@fabrikam.example?subject=Hi%20%26%20bye%3F&body=a%3D1%26b%3D2%0D%0A%2350%25%20%C5%91%0D%0Aend"
        );
        assert!(mailto(None, "s", "b").starts_with("mailto:?subject="));
    }

    #[test]
    fn a_crafted_address_cannot_add_headers() {
        let url = mailto(Some("a@b.hu?bcc=x@y.hu&subject=spam"), "s", "b");
        let (to, pairs) = fields(&url);
        assert_eq!(to, "a@b.hu?bcc=x@y.hu&subject=spam");
        assert_eq!(pairs.len(), 2);
    }

    proptest! {
        #[test]
        fn any_text_round_trips_and_adds_no_header(
            to in proptest::option::of("\\PC{0,40}"),
            subject in "\\PC{0,60}",
            body in "(\\PC|\r|\n|[%&?#=]|😀){0,300}",
        ) {
            let url = mailto(to.as_deref(), &subject, &body);
            prop_assert!(url.is_ascii());
            prop_assert!(!url.contains('\r') && !url.contains('\n') && !url.contains(' '));
            let (_, pairs) = fields(&url);
            prop_assert_eq!(pairs.len(), 2);
            prop_assert_eq!(&pairs[0].0, "subject");
            prop_assert_eq!(&pairs[1].0, "body");
            prop_assert_eq!(&pairs[1].1, &normalize_newlines(&body));
            prop_assert_eq!(&pairs[0].1, &normalize_newlines(&subject).replace("\r\n", " "));
        }
    }
}
