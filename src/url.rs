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

/// An app URL: `path`, then each parameter that has a value, encoded, in the order given;
/// the plain path when none has one (so a list's default view keeps a plain address).
pub fn app_url(path: &str, params: &[(&str, Option<String>)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| {
            value
                .as_deref()
                .map(|v| format!("{name}={}", encode_component(v)))
        })
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The inverse of [`encode_component`] (strict: panics on a malformed escape), for tests that
/// read URLs back as a browser or mail program does.
#[cfg(test)]
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("a %XX escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// The decoded query parameters of an app URL, for tests that read a list's URL back.
#[cfg(test)]
pub fn query_of(url: &str) -> std::collections::HashMap<String, String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), decode_component(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn app_urls_leave_out_what_has_no_value() {
        assert_eq!(super::app_url("/a", &[("q", None)]), "/a");
        assert_eq!(
            super::app_url(
                "/a",
                &[
                    ("q", Some("x y".into())),
                    ("p", None),
                    ("s", Some("1".into()))
                ]
            ),
            "/a?q=x%20y&s=1"
        );
    }

    #[test]
    fn encodes_all_but_unreserved() {
        assert_eq!(
            super::encode_component("Árvíz & co/?#=+ ~x"),
            "%C3%81rv%C3%ADz%20%26%20co%2F%3F%23%3D%2B%20~x"
        );
    }
}
