//! Hungarian grammar the interface needs around names it does not know in advance.
//!
//! The definite article is "a" before a consonant sound and "az" before a vowel sound, decided
//! by how the name is read aloud: "a Contoso Partner Kft.", "az Adatum GmbH", "az 1st Cloud"
//! ("egy…"), "a 10X Kft." ("tíz…"), "az 5G Kft." ("öt…"), "az MSZ Zrt." (read as letters,
//! "em-esz…"). One function decides it, so no text falls back on the "a(z)" crutch.

/// Whether the name is read aloud starting with a vowel sound.
fn starts_with_vowel_sound(name: &str) -> bool {
    let name = name.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(first) = name.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
        return number_starts_with_vowel(&digits);
    }
    let word: String = name.chars().take_while(|c| c.is_alphanumeric()).collect();
    if is_spelled_out(&word) {
        return letter_name_starts_with_vowel(first);
    }
    is_vowel(first)
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'á' | 'e' | 'é' | 'i' | 'í' | 'o' | 'ó' | 'ö' | 'ő' | 'u' | 'ú' | 'ü' | 'ű'
    )
}

/// An all-capitals word without a vowel cannot be read as a word, so it is spelt out
/// ("MSZ", "KPMG"); one with a vowel is read as a word ("NASA", "OTP" is spelt but starts
/// with a vowel either way).
fn is_spelled_out(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && !word.chars().any(is_vowel)
}

/// Hungarian letter names that start with a vowel: ef, el, em, en, er, es, iksz, ipszilon.
fn letter_name_starts_with_vowel(c: char) -> bool {
    is_vowel(c)
        || matches!(
            c.to_ascii_uppercase(),
            'F' | 'L' | 'M' | 'N' | 'R' | 'S' | 'X' | 'Y'
        )
}

/// How a number is read: only its leading group and that group's size matter. "egy" (1),
/// "öt" (5), "ötven…" (50–59), "ötszáz…" (500–599) and "ezer" (1,000–1,999) start with a
/// vowel; "egymillió" and larger with a leading 1 too.
fn number_starts_with_vowel(digits: &str) -> bool {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return false; // "nulla"
    }
    let lead_len = match digits.len() % 3 {
        0 => 3,
        n => n,
    };
    let group: u32 = digits[..lead_len].parse().unwrap_or(0);
    let thousands = (digits.len() - lead_len) / 3;
    if group == 1 && thousands >= 1 {
        return true; // "ezer", "egymillió", "egymilliárd"
    }
    match group {
        1 | 5 => true,
        10..=99 => group / 10 == 5,
        100..=999 => group / 100 == 5,
        _ => false,
    }
}

/// "a" or "az" for `name`.
pub fn article(name: &str) -> &'static str {
    if starts_with_vowel_sound(name) {
        "az"
    } else {
        "a"
    }
}

/// `name` with its article: "az Adatum GmbH"; `capital` for the start of a sentence
/// ("Az Adatum GmbH").
pub fn with_article(name: &str, capital: bool) -> String {
    let article = article(name);
    if capital {
        let mut chars = article.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('A');
        format!("{first}{} {name}", chars.as_str())
    } else {
        format!("{article} {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_the_first_sound() {
        assert_eq!(
            with_article("Contoso Partner Kft.", false),
            "a Contoso Partner Kft."
        );
        assert_eq!(with_article("Adatum GmbH", false), "az Adatum GmbH");
        assert_eq!(with_article("Woodgrove Inc.", false), "a Woodgrove Inc.");
        assert_eq!(with_article("Északi Szél Bt.", false), "az Északi Szél Bt.");
        assert_eq!(with_article("Őrség Kft.", true), "Az Őrség Kft.");
        assert_eq!(with_article("Fabrikam Kft.", true), "A Fabrikam Kft.");
        assert_eq!(with_article("„Ürge” Kft.", false), "az „Ürge” Kft.");
    }

    #[test]
    fn numbers_are_read_in_hungarian() {
        for (name, expected) in [
            ("1st Cloud", "az"),
            ("5G Hálózat", "az"),
            ("2 Kör Kft.", "a"),
            ("10X Kft.", "a"),
            ("11 Ág", "a"),
            ("50 Plusz", "az"),
            ("56-os Kft.", "az"),
            ("100 Felhő", "a"),
            ("500 Mérföld", "az"),
            ("1000 Ötlet", "az"),
            ("1984 Kft.", "az"),
            ("2000 Kft.", "a"),
            ("5000 Kft.", "az"),
            ("12000 Kft.", "a"),
            ("1000000 Kft.", "az"),
            ("0 Kilométer", "a"),
            ("007 Biztonság", "a"),
        ] {
            assert_eq!(article(name), expected, "{name}");
        }
    }

    #[test]
    fn capitals_without_a_vowel_are_spelt_out() {
        assert_eq!(article("MSZ Partner"), "az"); // em-esz
        assert_eq!(article("KPMG"), "a"); // ká
        assert_eq!(article("SZTK Zrt."), "az"); // esz
        assert_eq!(article("NASA Cloud"), "a"); // read as a word
        assert_eq!(article("Mobil Kft."), "a");
        assert_eq!(article("OTP Bank"), "az");
    }

    #[test]
    fn nothing_to_read_takes_a() {
        assert_eq!(article(""), "a");
        assert_eq!(article("—"), "a");
    }
}
