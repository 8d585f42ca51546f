//! Where the app sends people: the landing page, and the `next` target after sign-in.

use crate::routes;

/// The page a signed-in partner lands on.
pub const HOME: &str = routes::CUSTOMERS;
/// The sign-in page.
pub const SIGN_IN: &str = routes::SIGN_IN;

/// A `next` value from the query string, used only when it is a path inside this app; anything
/// else (another origin, `//host`, `javascript:`) becomes [`HOME`], so the sign-in page cannot
/// be used to send people elsewhere.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.starts_with(SIGN_IN)
                && !p.chars().any(char::is_control) =>
        {
            p.to_owned()
        }
        _ => HOME.to_owned(),
    }
}

/// Path, query (without `?`) and fragment (with or without `#`) as one app-relative URL.
pub fn full_path(path: &str, search: &str, hash: &str) -> String {
    let mut out = path.to_owned();
    if !search.is_empty() {
        out.push('?');
        out.push_str(search.trim_start_matches('?'));
    }
    let hash = hash.trim_start_matches('#');
    if !hash.is_empty() {
        out.push('#');
        out.push_str(hash);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paths_inside_the_app() {
        assert_eq!(
            safe_next(Some("/customers?page=abc")),
            "/customers?page=abc"
        );
    }

    #[test]
    fn joins_query_and_fragment() {
        assert_eq!(full_path("/customers", "page=x", ""), "/customers?page=x");
        assert_eq!(
            full_path("/m365-admin/accept", "", "#tok"),
            "/m365-admin/accept#tok"
        );
        assert_eq!(full_path("/a", "", "tok"), "/a#tok");
        assert_eq!(full_path("/a", "", ""), "/a");
    }

    #[test]
    fn refuses_other_places() {
        for bad in [
            None,
            Some(""),
            Some("https://evil.example"),
            Some("//evil.example"),
            Some("/\\evil.example"),
            Some("javascript:alert(1)"),
            Some("/signin?next=/x"),
        ] {
            assert_eq!(safe_next(bad), HOME, "{bad:?}");
        }
    }
}
