//! The interface's side of Hungarian grammar: names in sentences of the current language. The
//! rule itself ("a" or "az") lives in the contract crate, which the server's CSV export shares.

pub use portal_contract::hungarian::{article, with_article};

/// A name as a sentence of the interface needs it: with its article in Hungarian
/// (`capital` at the start of a sentence), unchanged in English.
pub fn in_sentence(locale: crate::i18n::Locale, name: &str, capital: bool) -> String {
    match crate::format::language(locale) {
        portal_contract::Language::Hu => with_article(name, capital),
        portal_contract::Language::En => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn english_sentences_take_the_name_as_it_is() {
        assert_eq!(in_sentence(Locale::en, "Adatum GmbH", true), "Adatum GmbH");
        assert_eq!(
            in_sentence(Locale::hu, "Adatum GmbH", true),
            "Az Adatum GmbH"
        );
        assert_eq!(article("1st Cloud"), "az");
    }
}
