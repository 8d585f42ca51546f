//! What the demo customers' billing profiles, users and subscriptions are made of.

use portal_domain::search_key;

pub const DAY: i64 = 86_400;

pub const HUNGARIAN_NAMES: &[(&str, &str)] = &[
    ("Zsófia", "Kiss"),
    ("Levente", "Molnár"),
    ("Réka", "Farkas"),
    ("Ádám", "Balogh"),
    ("Dóra", "Papp"),
    ("Bálint", "Takács"),
    ("Noémi", "Juhász"),
    ("Máté", "Lakatos"),
    ("Krisztina", "Mészáros"),
    ("Gergő", "Simon"),
    ("Ildikó", "Rácz"),
    ("Tamás", "Fekete"),
];

pub const GERMAN_NAMES: &[(&str, &str)] = &[
    ("Lukas", "Müller"),
    ("Anna", "Schäfer"),
    ("Jonas", "Weißmann"),
    ("Lena", "Köhler"),
    ("Felix", "Schröder"),
    ("Mia", "Groß"),
];

pub const STREETS: &[&str] = &[
    "Andrássy út",
    "Kossuth Lajos utca",
    "Petőfi Sándor utca",
    "Rákóczi út",
    "Széchenyi tér",
    "Váci utca",
];

pub const CITIES: &[(&str, &str)] = &[
    ("Budapest", "1061"),
    ("Debrecen", "4025"),
    ("Szeged", "6720"),
    ("Pécs", "7621"),
    ("Győr", "9021"),
    ("Eger", "3300"),
];

/// License-based offers: name, billing cycle.
pub const OFFERS: &[(&str, &str)] = &[
    ("Microsoft 365 Business Standard", "annual"),
    ("Microsoft 365 Business Basic", "monthly"),
    ("Exchange Online (Plan 1)", "monthly"),
    ("Microsoft 365 E3", "annual"),
    ("Microsoft Teams Essentials", "monthly"),
    ("Microsoft Defender for Business", "annual"),
];

/// An ASCII mailbox name for a person: `zsofia.kiss`.
pub fn mailbox(first: &str, last: &str) -> String {
    search_key::fold(&format!("{first}.{last}"))
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect()
}
