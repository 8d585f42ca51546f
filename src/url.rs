//! Percent-encoding for URL parts, in plain Rust so that native unit tests cover it.

/// Every byte outside RFC 3986's unreserved set (`A–Z a–z 0–9 - . _ ~`) as `%XX` of its UTF-8.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_all_but_unreserved() {
        assert_eq!(
            super::encode_component("Árvíz & co/?#=+ ~x"),
            "%C3%81rv%C3%ADz%20%26%20co%2F%3F%23%3D%2B%20~x"
        );
    }
}
