//! Folded keys for sorting and searching names: lower case, accents removed, so that
//! "arvizturo" finds "Árvíztűrő Kft." and "Ádám" sorts next to "Adam".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `name` to its search key.
pub fn fold(name: &str) -> String {
    name.trim()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ß' { 's' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn strips_hungarian_and_german_accents() {
        assert_eq!(
            fold("Árvíztűrő Tükörfúrógép Kft."),
            "arvizturo tukorfurogep kft."
        );
        assert_eq!(fold("Müller & Söhne GmbH"), "muller & sohne gmbh");
    }

    #[test]
    fn is_stable_under_case_and_composition() {
        // "é" precomposed and as e + combining acute fold alike.
        assert_eq!(fold("CAFÉ"), fold("cafe\u{301}"));
    }
}
