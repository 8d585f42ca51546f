//! The app path a sign-in returns to. It travels through the provider inside our stored `state`,
//! fragment included (the acceptance page's `#token`), so it must never lead off the app.

/// Longest path kept; an acceptance link with its token is far shorter.
const MAX_LEN: usize = 2048;

/// `next` when it is a path inside the app, otherwise `/`.
pub fn safe_return_path(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && p.len() <= MAX_LEN
                && !p.chars().any(|c| c.is_control() || c == '\\') =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_app_paths_with_query_and_fragment() {
        assert_eq!(
            safe_return_path(Some("/m365-admin/partner-invitation#abc")),
            "/m365-admin/partner-invitation#abc"
        );
        assert_eq!(safe_return_path(Some("/customers?x=1")), "/customers?x=1");
    }

    #[test]
    fn refuses_everything_that_leaves_the_app() {
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "/a\\b",
            "/a\nb",
            "evil",
            "",
        ] {
            assert_eq!(safe_return_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_return_path(None), "/");
        assert_eq!(
            safe_return_path(Some(&format!("/{}", "a".repeat(MAX_LEN)))),
            "/"
        );
    }
}
