//! "Customers in the partner's country or region": partners in a European Economic Area country
//! (and Switzerland, the United Kingdom) may serve customers anywhere in that area; elsewhere the
//! region is the partner's own country.

/// ISO 3166-1 alpha-2 codes of the European region.
const EUROPE: &[&str] = &[
    "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU",
    "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

pub fn same_region(partner_country: &str, customer_country: &str) -> bool {
    partner_country.eq_ignore_ascii_case(customer_country)
        || (EUROPE.contains(&partner_country) && EUROPE.contains(&customer_country))
}

#[cfg(test)]
mod tests {
    use super::same_region;

    #[test]
    fn europe_is_one_region_and_elsewhere_the_country() {
        assert!(same_region("HU", "HU"));
        assert!(same_region("HU", "DE"));
        assert!(!same_region("HU", "US"));
        assert!(same_region("US", "US"));
        assert!(!same_region("US", "CA"));
    }
}
