//! The continuation token of a keyset-paged list: the sort key and id of the last row served.
//! Opaque to clients (base64url); anything that does not decode is the client's error (400).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Version tag, so the format can change without misreading old tokens.
const VERSION: &str = "v1";
const SEP: char = '\u{1f}';
/// Tokens longer than this are refused before decoding.
pub const MAX_TOKEN_LEN: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub sort_key: String,
    pub id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{VERSION}{SEP}{}{SEP}{}", self.sort_key, self.id))
    }

    pub fn decode(token: &str) -> Option<Cursor> {
        if token.len() > MAX_TOKEN_LEN {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.split(SEP);
        let (Some(VERSION), Some(sort_key), Some(id), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        if id.is_empty() {
            return None;
        }
        Some(Cursor {
            sort_key: sort_key.to_owned(),
            id: id.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let c = Cursor {
            sort_key: "árvíz kft.".into(),
            id: "3f1c".into(),
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
    }

    #[test]
    fn refuses_garbage() {
        for bad in [
            "",
            "!!!",
            "djE",
            &URL_SAFE_NO_PAD.encode("v2\u{1f}a\u{1f}b"),
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad:?}");
        }
        assert_eq!(Cursor::decode(&"A".repeat(MAX_TOKEN_LEN + 4)), None);
    }
}
