//! Password hashing with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::OnceLock;

/// PHC string of `password` with a fresh random salt.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters cannot fail")
        .to_string()
}

/// True when `password` matches `phc`. A malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Verifies against a throw-away hash, so that an unknown address costs as much time as a
/// known one and the response time does not tell which addresses exist.
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("not a password anyone has"));
    let _ = verify(password, phc);
}

#[cfg(test)]
mod tests {
    #[test]
    fn verifies_the_right_password_only() {
        let h = super::hash("Demo-Passw0rd!");
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("Demo-Passw0rd!", &h));
        assert!(!super::verify("demo-passw0rd!", &h));
        assert!(!super::verify("Demo-Passw0rd!", "not a hash"));
    }
}
