//! The request form's customer picker as plain data. A partner may have 100,000 customers, so
//! the form never loads the list: it asks the Customers search for the few whose name or
//! domain starts with what was typed, and offers them as choices beside "any customer". The
//! customer already chosen stays on offer while other searches come and go.

use portal_contract::customers::FILTER_MAX_LEN;
use portal_contract::paths::customers_query as q;
use portal_contract::{Customer, CustomerSort};

/// How many matches one search offers; typing more narrows the rest down.
pub const MATCHES_SHOWN: u32 = 10;

/// How long typing must pause before a search is sent (milliseconds). Letters typed within it
/// make one request; a request a later search replaces is aborted as well.
pub const DEBOUNCE_MS: u64 = 200;

/// A customer as the picker offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub name: String,
    pub domain: String,
}

impl From<&Customer> for Choice {
    fn from(c: &Customer) -> Choice {
        Choice {
            id: c.id.clone(),
            name: c.company_profile.company_name.clone(),
            domain: c.company_profile.domain.clone(),
        }
    }
}

/// The text a search sends: trimmed, and no longer than the API accepts.
pub fn search_text(typed: &str) -> String {
    typed.trim().chars().take(FILTER_MAX_LEN).collect()
}

/// The Customers query of a search: the first matches in name order.
pub fn api_query(text: &str) -> Vec<(&'static str, String)> {
    let mut query = vec![
        (q::SORT, CustomerSort::Name.as_str().to_owned()),
        (q::SIZE, MATCHES_SHOWN.to_string()),
    ];
    if !text.is_empty() {
        query.push((q::FILTER, text.to_owned()));
    }
    query
}

/// The customers offered as choices: the chosen one first when the search did not find it
/// (so a new search never hides the choice), then the matches, each once.
pub fn offered(chosen: Option<&Choice>, matches: &[Customer]) -> Vec<Choice> {
    let mut offered: Vec<Choice> = chosen
        .filter(|c| !matches.iter().any(|m| m.id == c.id))
        .cloned()
        .into_iter()
        .collect();
    offered.extend(matches.iter().map(Choice::from));
    offered
}

/// What the line under the choices says about an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    /// The partner has no customers at all: only "any customer" is left.
    NoCustomers,
    /// Nothing starts with the text.
    NoMatch,
    /// Every match is on offer.
    All { count: u64 },
    /// The first `shown` of `total`: typing more narrows them down.
    Some { shown: u64, total: u64 },
}

/// The summary of an answer to `text` with `shown` matches of `total`.
pub fn summary(text: &str, shown: usize, total: u64) -> Summary {
    let shown = shown as u64;
    match (total, text.is_empty()) {
        (0, true) => Summary::NoCustomers,
        (0, false) => Summary::NoMatch,
        _ if shown >= total => Summary::All { count: total },
        _ => Summary::Some { shown, total },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::customers::{AdminPrivileges, CompanyProfile, Relationship};

    fn customer(id: &str, name: &str) -> Customer {
        Customer {
            id: id.into(),
            company_profile: CompanyProfile {
                company_name: name.into(),
                domain: format!("{id}.onmicrosoft.com"),
                tenant_id: id.into(),
                country: "HU".into(),
            },
            relationship_to_partner: Relationship::Reseller,
            allow_delegated_access: false,
            admin_privileges: AdminPrivileges::NotRequested,
            customer_since: "2026-01-01T00:00:00Z".into(),
            granular_admin: None,
        }
    }

    #[test]
    fn a_search_asks_for_the_first_matches_by_name() {
        assert_eq!(
            api_query(""),
            [(q::SORT, "name".to_owned()), (q::SIZE, "10".to_owned())]
        );
        let query = api_query(&search_text("  wood "));
        assert_eq!(query[2], (q::FILTER, "wood".to_owned()));
        let long = "x".repeat(FILTER_MAX_LEN + 20);
        assert_eq!(search_text(&long).chars().count(), FILTER_MAX_LEN);
    }

    #[test]
    fn the_chosen_customer_stays_on_offer_once() {
        let matches = [customer("a", "Adatum"), customer("b", "Alpine Ski")];
        let chosen = Choice::from(&customer("w", "Woodgrove"));
        let names = |offered: Vec<Choice>| offered.into_iter().map(|c| c.name).collect::<Vec<_>>();
        assert_eq!(
            names(offered(Some(&chosen), &matches)),
            ["Woodgrove", "Adatum", "Alpine Ski"]
        );
        let found = Choice::from(&matches[1]);
        assert_eq!(
            names(offered(Some(&found), &matches)),
            ["Adatum", "Alpine Ski"]
        );
        assert_eq!(names(offered(None, &[])), Vec::<String>::new());
    }

    #[test]
    fn the_summary_says_whether_typing_more_would_help() {
        assert_eq!(summary("", 0, 0), Summary::NoCustomers);
        assert_eq!(summary("zz", 0, 0), Summary::NoMatch);
        assert_eq!(summary("a", 3, 3), Summary::All { count: 3 });
        assert_eq!(
            summary("", 10, 100_000),
            Summary::Some {
                shown: 10,
                total: 100_000
            }
        );
    }
}
