//! The Customers page's state, which lives in its URL: search text (`q`), sort order (`sort`),
//! rows per page (`size`) and the continuation token of the page on screen (`page`). Reload, back/forward and shared
//! links all restore the same view.

use portal_contract::{CustomerOrder, CustomerSort};

use crate::components::data_table::SortState;
use crate::url::app_url;

/// Where the Customers page is.
pub const PATH: &str = crate::routes::CUSTOMERS;

/// Rows per page a person can choose; the first is the default.
pub const PAGE_SIZES: [u32; 3] = [50, 200, 1000];

/// What the list shows, as read from and written to the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListParams {
    /// The search text as typed (the server folds case and accents).
    pub text: String,
    pub order: CustomerOrder,
    /// Rows per page when not the default; always one of [`PAGE_SIZES`].
    pub size: Option<u32>,
    /// Continuation token of the page on screen; `None` for the first page.
    pub page: Option<String>,
}

impl ListParams {
    /// Reads the URL's query parameters; an unknown sort falls back to the default.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ListParams {
        ListParams {
            text: get("q").unwrap_or_default(),
            order: get("sort")
                .and_then(|s| CustomerOrder::parse(&s))
                .unwrap_or_default(),
            size: get("size")
                .and_then(|s| s.parse().ok())
                .filter(|n| PAGE_SIZES[1..].contains(n)),
            page: get("page").filter(|p| !p.is_empty()),
        }
    }

    pub fn page_size(&self) -> u32 {
        self.size.unwrap_or(PAGE_SIZES[0])
    }

    /// Another number of rows per page starts on the first page.
    pub fn resized(&self, size: u32) -> ListParams {
        ListParams {
            size: (size != PAGE_SIZES[0] && PAGE_SIZES.contains(&size)).then_some(size),
            page: None,
            ..self.clone()
        }
    }

    /// The app URL of this view, leaving defaults out so plain `/customers` stays plain.
    pub fn url(&self) -> String {
        app_url(
            PATH,
            &[
                ("q", Some(self.text.clone()).filter(|t| !t.is_empty())),
                (
                    "sort",
                    (self.order != CustomerOrder::default()).then(|| self.order.to_string()),
                ),
                ("size", self.size.map(|s| s.to_string())),
                ("page", self.page.clone()),
            ],
        )
    }

    /// A new search starts on its first page.
    pub fn searching(&self, text: &str) -> ListParams {
        ListParams {
            text: text.to_owned(),
            page: None,
            ..self.clone()
        }
    }

    /// Clicking a column header: the other direction if it is the current column, else
    /// ascending. Starts on the first page.
    pub fn sorted_by(&self, sort: CustomerSort) -> ListParams {
        let order = if self.order.sort == sort {
            self.order.reversed()
        } else {
            CustomerOrder {
                sort,
                descending: false,
            }
        };
        ListParams {
            order,
            page: None,
            ..self.clone()
        }
    }

    pub fn at_page(&self, token: Option<String>) -> ListParams {
        ListParams {
            page: token,
            ..self.clone()
        }
    }

    /// `aria-sort` of a column header.
    pub fn sort_state(&self, sort: CustomerSort) -> SortState {
        match (self.order.sort == sort, self.order.descending) {
            (false, _) => SortState::None,
            (true, false) => SortState::Ascending,
            (true, true) => SortState::Descending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::query_of;

    fn parse(url: &str) -> ListParams {
        let query = query_of(url);
        ListParams::from_query(|k| query.get(k).cloned())
    }

    #[test]
    fn the_default_view_is_the_plain_path() {
        assert_eq!(ListParams::default().url(), "/customers");
        assert_eq!(parse("/customers"), ListParams::default());
    }

    #[test]
    fn every_part_round_trips_through_the_url() {
        let p = ListParams {
            text: "Árvíz & Co?".into(),
            order: CustomerOrder::parse("customerSince:desc").unwrap(),
            size: Some(200),
            page: Some("eyJx.abc-_".into()),
        };
        assert_eq!(parse(&p.url()), p);
    }

    #[test]
    fn searching_and_sorting_start_on_the_first_page() {
        let p = ListParams::default().at_page(Some("t".into()));
        assert_eq!(p.searching("ab").page, None);
        assert_eq!(p.sorted_by(CustomerSort::Domain).page, None);
    }

    #[test]
    fn a_header_toggles_its_direction_and_another_starts_ascending() {
        let p = ListParams::default();
        assert_eq!(p.sort_state(CustomerSort::Name).aria(), "ascending");
        let p = p.sorted_by(CustomerSort::Name);
        assert_eq!(p.sort_state(CustomerSort::Name).aria(), "descending");
        let p = p.sorted_by(CustomerSort::CustomerSince);
        assert_eq!(
            p.sort_state(CustomerSort::CustomerSince).aria(),
            "ascending"
        );
        assert_eq!(p.sort_state(CustomerSort::Name).aria(), "none");
    }

    #[test]
    fn unknown_sorts_fall_back_to_name() {
        assert_eq!(
            parse("/customers?sort=tags").order,
            CustomerOrder::default()
        );
    }

    #[test]
    fn rows_per_page_is_kept_in_the_url_and_starts_again_on_the_first_page() {
        let p = parse("/customers?q=bala&size=1000&page=tok");
        assert_eq!((p.size, p.page_size()), (Some(1000), 1000));
        let resized = p.resized(200);
        assert_eq!(resized.url(), "/customers?q=bala&size=200");
        assert_eq!(resized.resized(50).url(), "/customers?q=bala");
        assert_eq!(
            parse("/customers?size=1000").searching("x").url(),
            "/customers?q=x&size=1000"
        );
        // Sizes nobody can choose fall back to the default.
        for odd in ["7", "50", "100000", "x"] {
            assert_eq!(
                parse(&format!("/customers?size={odd}")).page_size(),
                50,
                "{odd}"
            );
        }
    }
}
