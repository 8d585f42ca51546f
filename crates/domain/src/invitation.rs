//! Invitation links: the token, its stored hash, and the status of an invitation.
//!
//! The token is never stored. Each invitation keeps a random 256-bit seed; the token is
//! HMAC-SHA256(server key, seed), so the partner can be shown the same link again, while a copy
//! of the database alone (without the key file) cannot produce any link. Lookups use the token's
//! SHA-256.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use portal_contract::InvitationStatus;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The server's secret for deriving tokens (32 bytes from the OS CSPRNG).
#[derive(Clone)]
pub struct InvitationKey([u8; 32]);

impl std::fmt::Debug for InvitationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InvitationKey(..)")
    }
}

impl InvitationKey {
    pub fn generate() -> InvitationKey {
        let mut k = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut k);
        InvitationKey(k)
    }

    /// Reads the key file, creating it (owner-only) on first start.
    pub fn load_or_create(path: &Path) -> std::io::Result<InvitationKey> {
        if let Ok(text) = std::fs::read_to_string(path) {
            let bytes = hex::decode(text.trim())
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| {
                    std::io::Error::other(format!("{} is not a 64-digit hex key", path.display()))
                })?;
            return Ok(InvitationKey(bytes));
        }
        let key = InvitationKey::generate();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        std::io::Write::write_all(&mut options.open(path)?, hex::encode(key.0).as_bytes())?;
        Ok(key)
    }

    /// A key for another purpose, derived from this one so that one key file serves all:
    /// HMAC-SHA256(key, "derive:" + purpose).
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"derive:");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The link token for `seed`: 256 bits, base64url.
    pub fn token(&self, seed: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(seed);
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

/// A fresh random seed for a new invitation.
pub fn new_seed() -> [u8; 32] {
    let mut s = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut s);
    s
}

/// What the database keeps to find an invitation by its token.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The token a customer sent, when it has a token's shape: 256 bits in canonical base64url
/// without padding. Anything else cannot be a link of ours and never reaches the database.
pub fn parse_token(text: &str) -> Option<&str> {
    const LEN: usize = 43;
    if text.len() != LEN {
        return None;
    }
    // Decoding also rejects a last character with stray low bits: one token, one spelling.
    match URL_SAFE_NO_PAD.decode(text) {
        Ok(bytes) if bytes.len() == 32 => Some(text),
        _ => None,
    }
}

/// The status at `now`. Revoked and accepted are final; otherwise the expiry decides.
pub fn status(
    revoked_at: Option<i64>,
    accepted_at: Option<i64>,
    expires_at: i64,
    now: i64,
) -> InvitationStatus {
    match (revoked_at, accepted_at) {
        (Some(_), _) => InvitationStatus::Revoked,
        (None, Some(_)) => InvitationStatus::Accepted,
        (None, None) if now >= expires_at => InvitationStatus::Expired,
        (None, None) => InvitationStatus::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every token the server makes is read back as itself.
        #[test]
        fn every_issued_token_parses(key in any::<[u8; 32]>(), seed in any::<[u8; 32]>()) {
            let token = InvitationKey(key).token(&seed);
            prop_assert_eq!(parse_token(&token), Some(token.as_str()));
        }

        /// Arbitrary text never panics, and only 43 base64url characters can pass.
        #[test]
        fn arbitrary_text_is_refused_or_token_shaped(text in "\\PC{0,100}") {
            if let Some(t) = parse_token(&text) {
                prop_assert_eq!(t.len(), 43);
                prop_assert!(t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            }
        }

        /// Near misses of a real token: one character changed, cut or added, padded, or in the
        /// standard alphabet.
        #[test]
        fn near_misses_are_refused(seed in any::<[u8; 32]>(), at in 0usize..43, c in prop::sample::select(vec!['+', '/', '=', ' ', '#', '%', '\u{e9}'])) {
            let token = InvitationKey::generate().token(&seed);
            let mut changed = token.clone();
            changed.replace_range(at..at + 1, &c.to_string());
            prop_assert_eq!(parse_token(&changed), None);
            prop_assert_eq!(parse_token(&token[..42]), None);
            for longer in [format!("{token}A"), format!("{token}=")] {
                prop_assert_eq!(parse_token(&longer), None);
            }
        }
    }

    #[test]
    fn tokens_are_256_bits_stable_per_seed_and_key() {
        let key = InvitationKey::generate();
        let seed = new_seed();
        let t = key.token(&seed);
        assert_eq!(URL_SAFE_NO_PAD.decode(&t).unwrap().len(), 32);
        assert_eq!(t, key.token(&seed), "the same link can be shown again");
        assert_ne!(t, key.token(&new_seed()));
        assert_ne!(
            t,
            InvitationKey::generate().token(&seed),
            "another key, another token"
        );
    }

    #[test]
    fn the_key_file_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/invitation.key");
        let a = InvitationKey::load_or_create(&path).unwrap();
        let b = InvitationKey::load_or_create(&path).unwrap();
        assert_eq!(a.token(b"s"), b.token(b"s"));
        std::fs::write(&path, "short").unwrap();
        assert!(InvitationKey::load_or_create(&path).is_err());
    }

    #[test]
    fn status_follows_revocation_acceptance_and_expiry() {
        use InvitationStatus::*;
        assert_eq!(status(None, None, 100, 99), Pending);
        assert_eq!(status(None, None, 100, 100), Expired);
        assert_eq!(status(None, Some(50), 100, 200), Accepted);
        assert_eq!(status(Some(60), None, 100, 10), Revoked);
    }
}
