//! The invitation e-mail as plain Rust: the draft text in either language, the check that the
//! link is still in the edited text, and the `mailto:` URL. Unit- and property-tested natively.

pub mod draft;
pub mod mailto;

pub use draft::EmailDraft;
pub use mailto::{MAILTO_SOFT_LIMIT, mailto};

/// True while `text` still holds `link` exactly.
pub fn contains_link(text: &str, link: &str) -> bool {
    !link.is_empty() && text.contains(link)
}

/// Puts the link back at the end of `text` (on its own line), keeping whatever was written.
pub fn restore_link(text: &str, link: &str) -> String {
    if contains_link(text, link) {
        return text.to_owned();
    }
    let trimmed = text.trim_end();
    if trimmed.is_empty() {
        link.to_owned()
    } else {
        format!("{trimmed}\n\n{link}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://portal.example/m365-admin/accept#abc_DEF-123";

    #[test]
    fn a_changed_character_breaks_the_link() {
        assert!(contains_link(&format!("Hi\n{LINK}\nBye"), LINK));
        assert!(!contains_link(
            &format!("Hi\n{}\nBye", &LINK[..LINK.len() - 1]),
            LINK
        ));
        assert!(!contains_link("anything", ""));
    }

    #[test]
    fn restoring_keeps_the_edits_and_adds_the_link_once() {
        let restored = restore_link("Dear Anna,\n\nplease accept.  \n", LINK);
        assert_eq!(
            restored,
            format!("Dear Anna,\n\nplease accept.\n\n{LINK}\n")
        );
        assert_eq!(restore_link(&restored, LINK), restored);
        assert_eq!(restore_link("", LINK), LINK);
    }
}
