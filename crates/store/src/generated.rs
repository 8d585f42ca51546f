//! The customers the bench's data sets are made of, the same on every engine: names varied
//! enough (Hungarian, German, English words; accents) that searches behave as on real data.

use portal_domain::search_key;

/// Syllables of the first word: 30 × 30 first words, so that a four-letter search matches about
/// one customer in a thousand, as on a real list.
const SYLLABLES: &[&str] = &[
    "ba", "ko", "vi", "sze", "lá", "mo", "ter", "nor", "al", "ri", "du", "ha", "pé", "zö", "gyu",
    "en", "bel", "kas", "tor", "mer", "sa", "lu", "fe", "vár", "rin", "ost", "wal", "berg", "son",
    "dal",
];

const SECOND: &[&str] = &[
    "Autó",
    "Bútor",
    "Élelmiszer",
    "Építő",
    "Fém",
    "Gépház",
    "Informatika",
    "Kert",
    "Könyv",
    "Logisztika",
    "Malom",
    "Nyomda",
    "Optika",
    "Pékség",
    "Szerviz",
    "Textil",
    "Utazás",
    "Vendéglő",
    "Bäckerei",
    "Brauerei",
    "Werkstatt",
    "Consulting",
    "Traders",
    "Health",
    "Publishing",
    "Energy",
    "Software",
    "Systems",
    "Design",
    "Foods",
];

const FORMS: &[&str] = &["Kft.", "Zrt.", "Bt.", "GmbH", "Inc.", "AG", "Nyrt."];

/// The `n`th generated company name, distinct for the first 189,000; the domain keeps every
/// customer distinct beyond that.
pub fn company_name(n: u64) -> String {
    let n = n as usize;
    let s = SYLLABLES.len();
    let first = format!("{}{}", SYLLABLES[n % s], SYLLABLES[(n / s) % s]);
    let mut chars = first.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let second = SECOND[(n / (s * s)) % SECOND.len()];
    let form = FORMS[(n / (s * s * SECOND.len())) % FORMS.len()];
    format!("{first} {second} {form}")
}

/// The tenant domain a company of this name gets: its folded name, letters and digits only.
pub fn tenant_domain(name: &str) -> String {
    let slug: String = search_key::fold(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{slug}.onmicrosoft.com")
}

/// The primary domain of generated partner `n`.
pub fn partner_domain(n: u32) -> String {
    format!("partner-{n}.example")
}

/// The name of generated partner `n`.
pub fn partner_name(n: u32) -> String {
    format!("Generated Partner {n} Kft.")
}

/// The `n`th generated customer, as of `now` (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCustomer {
    pub name: String,
    /// Unique for every `n`.
    pub domain: String,
    /// Customer since: spread over the last ten years.
    pub since: i64,
    /// `granted`, `notRequested` or `removedByCustomer`, as stored.
    pub admin_privileges: &'static str,
}

impl GeneratedCustomer {
    pub fn new(n: u64, now: i64) -> GeneratedCustomer {
        let name = company_name(n);
        let stem = tenant_domain(&name);
        let slug = stem.trim_end_matches(".onmicrosoft.com");
        GeneratedCustomer {
            domain: format!("{slug}{n}.onmicrosoft.com"),
            since: now - 86_400 * (1 + (n as i64 * 7919) % 3650),
            admin_privileges: match n % 7 {
                3 => "notRequested",
                5 => "removedByCustomer",
                _ => "granted",
            },
            name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_vary() {
        let names: std::collections::HashSet<String> = (0..1000).map(company_name).collect();
        assert_eq!(names.len(), 1000);
    }

    #[test]
    fn every_customer_has_its_own_ascii_domain() {
        let c = GeneratedCustomer::new(1234, 1_000_000_000);
        assert!(c.domain.ends_with("1234.onmicrosoft.com"), "{}", c.domain);
        assert!(c.domain.is_ascii());
        assert!(c.since < 1_000_000_000);
        assert_eq!(
            tenant_domain("Árvíztűrő Tükörfúrógép Kft."),
            "arvizturotukorfurogepkft.onmicrosoft.com"
        );
    }
}
