//! Continuation tokens of keyset-paged lists: the sort key of the row a page starts after (or
//! ends before), sealed with an HMAC so that a client can neither forge nor edit one.
//!
//! A token is bound to the partner it was issued to and to the list and query (search text, sort
//! order) it belongs to: anything else is the client's error (400), never a silent wrong page.
//! Tokens stay valid across restarts because the key is derived from the server's key file.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Tokens longer than this are refused before decoding.
pub const MAX_TOKEN_LEN: usize = 2048;
/// Bytes of the HMAC kept in a token: 128 bits is far beyond guessing over HTTP.
const TAG_LEN: usize = 16;

/// One value of a row's sort key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeyPart {
    Int(i64),
    Text(String),
}

/// Where a page starts: what a continuation token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The list and query the token belongs to, e.g. `customers|name:desc|arv`.
    #[serde(rename = "q")]
    pub query: String,
    /// The page ends before `key` (Previous) rather than starting after it (Next).
    #[serde(rename = "b", default)]
    pub backwards: bool,
    /// Rows before `key` in list order, for "51–100 of N" without counting on every page.
    #[serde(rename = "o", default)]
    pub offset: u64,
    /// Sort key of the boundary row.
    #[serde(rename = "k")]
    pub key: Vec<KeyPart>,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token at all, or one this server never issued (or issued to someone else).
    Invalid,
    /// Issued by this server for another search or sort order.
    Stale,
}

impl TokenError {
    pub fn message(self) -> &'static str {
        match self {
            TokenError::Invalid => "The continuation token is not valid.",
            TokenError::Stale => {
                "The continuation token belongs to another search or sort order; start again from the first page."
            }
        }
    }
}

/// Seals and opens tokens with a key of its own.
#[derive(Clone)]
pub struct TokenSealer {
    key: [u8; 32],
}

impl std::fmt::Debug for TokenSealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSealer(..)")
    }
}

impl TokenSealer {
    pub fn new(key: [u8; 32]) -> TokenSealer {
        TokenSealer { key }
    }

    fn tag(&self, owner: &str, payload: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(owner.as_bytes());
        mac.update(&[0]);
        mac.update(payload);
        mac
    }

    /// The token for `position`, valid only for `owner` (the partner's organisation id).
    pub fn seal(&self, owner: &str, position: &Position) -> String {
        let payload = serde_json::to_vec(position).expect("a position serialises");
        let tag = self.tag(owner, &payload).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(&payload),
            URL_SAFE_NO_PAD.encode(&tag[..TAG_LEN])
        )
    }

    /// Opens a token issued to `owner` for `query`.
    pub fn open(&self, owner: &str, query: &str, token: &str) -> Result<Position, TokenError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(TokenError::Invalid);
        }
        let (payload, tag) = token.split_once('.').ok_or(TokenError::Invalid)?;
        let payload = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| TokenError::Invalid)?;
        let tag = URL_SAFE_NO_PAD
            .decode(tag)
            .map_err(|_| TokenError::Invalid)?;
        if tag.len() != TAG_LEN {
            return Err(TokenError::Invalid);
        }
        self.tag(owner, &payload)
            .verify_truncated_left(&tag)
            .map_err(|_| TokenError::Invalid)?;
        let position: Position =
            serde_json::from_slice(&payload).map_err(|_| TokenError::Invalid)?;
        if position.query != query {
            return Err(TokenError::Stale);
        }
        Ok(position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sealer() -> TokenSealer {
        TokenSealer::new([7; 32])
    }

    fn position() -> Position {
        Position {
            query: "customers|name|arv".into(),
            backwards: false,
            offset: 50,
            key: vec![KeyPart::Text("árvíz kft.".into()), KeyPart::Int(-3)],
        }
    }

    #[test]
    fn round_trips_for_its_owner_and_query() {
        let token = sealer().seal("partner-a", &position());
        assert_eq!(
            sealer().open("partner-a", "customers|name|arv", &token),
            Ok(position())
        );
    }

    #[test]
    fn refuses_another_owner_another_key_and_another_query() {
        let token = sealer().seal("partner-a", &position());
        let query = "customers|name|arv";
        assert_eq!(
            sealer().open("partner-b", query, &token),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            TokenSealer::new([8; 32]).open("partner-a", query, &token),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            sealer().open("partner-a", "customers|name:desc|arv", &token),
            Err(TokenError::Stale)
        );
    }

    #[test]
    fn refuses_edited_tokens() {
        let token = sealer().seal("partner-a", &position());
        let (payload, tag) = token.split_once('.').unwrap();
        let mut forged = position();
        forged.offset = 0;
        let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap());
        for bad in [
            format!("{forged_payload}.{tag}"),
            format!("{payload}.{}", URL_SAFE_NO_PAD.encode([0u8; TAG_LEN])),
            format!("{payload}{tag}"),
            String::new(),
            "x".repeat(MAX_TOKEN_LEN + 1),
        ] {
            assert_eq!(
                sealer().open("partner-a", "customers|name|arv", &bad),
                Err(TokenError::Invalid),
                "{bad:?}"
            );
        }
    }

    proptest! {
        /// No input, however odd, panics; and nothing but a sealed token opens.
        #[test]
        fn arbitrary_text_never_opens(text in ".{0,300}") {
            prop_assert!(sealer().open("partner-a", "customers|name|", &text).is_err());
        }

        #[test]
        fn any_position_round_trips(
            query in ".{0,40}",
            backwards: bool,
            offset: u64,
            text in ".{0,40}",
            int: i64,
        ) {
            let p = Position { query: query.clone(), backwards, offset, key: vec![KeyPart::Text(text), KeyPart::Int(int)] };
            let token = sealer().seal("o", &p);
            prop_assert_eq!(sealer().open("o", &query, &token), Ok(p));
        }
    }
}
