//! The state of an admin relationship list, which lives in its URL: search text (`q`), status
//! (`status`), the "ending within 30 days" view (`ending`), rows per page (`size`) and the
//! continuation token of the page on screen (`page`). The partner-wide list and a customer's
//! tab share it; only their path differs.

use portal_contract::gdap::{AdminRelationshipStatus, ENDING_SOON_DAYS};
use portal_contract::paths::customers_query as q;

use crate::customer_list::PAGE_SIZES;
use crate::url::app_url;

/// What the list shows, as read from and written to the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListParams {
    /// Starts-with search on the relationship's or the customer's name, as typed.
    pub text: String,
    /// Only this status; `None` for every relationship.
    pub status: Option<AdminRelationshipStatus>,
    /// Only active relationships ending within [`ENDING_SOON_DAYS`] days.
    pub ending: bool,
    /// Rows per page when not the default; always one of [`PAGE_SIZES`].
    pub size: Option<u32>,
    /// Continuation token of the page on screen; `None` for the first page.
    pub page: Option<String>,
}

impl ListParams {
    /// Reads the URL's query parameters; what it does not know shows everything.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ListParams {
        ListParams {
            text: get("q").unwrap_or_default(),
            status: get("status").and_then(|s| AdminRelationshipStatus::parse(&s)),
            ending: get("ending").as_deref() == Some("1"),
            size: get("size")
                .and_then(|s| s.parse().ok())
                .filter(|n| PAGE_SIZES[1..].contains(n)),
            page: get("page").filter(|p| !p.is_empty()),
        }
    }

    pub fn page_size(&self) -> u32 {
        self.size.unwrap_or(PAGE_SIZES[0])
    }

    /// The app URL of this view below `path`, leaving defaults out.
    pub fn url(&self, path: &str) -> String {
        app_url(
            path,
            &[
                ("q", Some(self.text.clone()).filter(|t| !t.is_empty())),
                ("status", self.status.map(|s| s.as_str().to_owned())),
                ("ending", self.ending.then(|| "1".to_owned())),
                ("size", self.size.map(|s| s.to_string())),
                ("page", self.page.clone()),
            ],
        )
    }

    /// The API's query for this view; `customer_id` narrows it to one customer (the tab).
    pub fn api_query(&self, customer_id: Option<&str>) -> Vec<(&'static str, String)> {
        let mut query = vec![(q::SIZE, self.page_size().to_string())];
        if !self.text.trim().is_empty() {
            query.push((q::FILTER, self.text.trim().to_owned()));
        }
        if let Some(status) = self.status {
            query.push((q::STATUS, status.as_str().to_owned()));
        }
        if self.ending {
            query.push(("endingWithin", ENDING_SOON_DAYS.to_string()));
        }
        if let Some(id) = customer_id {
            query.push(("customerId", id.to_owned()));
        }
        if let Some(token) = &self.page {
            query.push((q::CONTINUATION_TOKEN, token.clone()));
        }
        query
    }

    /// A new search starts on its first page.
    pub fn searching(&self, text: &str) -> ListParams {
        ListParams {
            text: text.to_owned(),
            page: None,
            ..self.clone()
        }
    }

    /// Another status starts on its first page, and leaves the "ending soon" view.
    pub fn with_status(&self, status: Option<AdminRelationshipStatus>) -> ListParams {
        ListParams {
            status,
            ending: false,
            page: None,
            ..self.clone()
        }
    }

    /// The "ending within 30 days" view (only active ones, so it sets the status aside).
    pub fn ending_soon(&self, on: bool) -> ListParams {
        ListParams {
            ending: on,
            status: None,
            page: None,
            ..self.clone()
        }
    }

    /// Another number of rows per page starts on the first page.
    pub fn resized(&self, size: u32) -> ListParams {
        ListParams {
            size: (size != PAGE_SIZES[0] && PAGE_SIZES.contains(&size)).then_some(size),
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

    /// Whether anything narrows the list (so an empty answer means "no match", not "none yet").
    pub fn is_filtered(&self) -> bool {
        self.status.is_some() || self.ending || !self.text.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::query_of;

    const PATH: &str = "/admin-relationships";

    fn parse(url: &str) -> ListParams {
        let query = query_of(url);
        ListParams::from_query(|k| query.get(k).cloned())
    }

    #[test]
    fn the_default_view_is_the_plain_path() {
        assert_eq!(ListParams::default().url(PATH), PATH);
        assert_eq!(parse(PATH), ListParams::default());
        assert!(!ListParams::default().is_filtered());
    }

    #[test]
    fn every_part_round_trips_through_the_url() {
        let p = ListParams {
            text: "Fabrikam & Co".into(),
            status: Some(AdminRelationshipStatus::ApprovalPending),
            ending: false,
            size: Some(200),
            page: Some("eyJx.abc-_".into()),
        };
        assert_eq!(parse(&p.url(PATH)), p);
        let ending = ListParams::default().ending_soon(true);
        assert_eq!(ending.url(PATH), format!("{PATH}?ending=1"));
        assert_eq!(parse(&ending.url(PATH)), ending);
    }

    #[test]
    fn the_ending_view_and_a_status_exclude_each_other_and_start_on_the_first_page() {
        let p = ListParams::default().at_page(Some("t".into()));
        let ending = p.ending_soon(true);
        assert_eq!((ending.ending, ending.page.clone()), (true, None));
        let active = ending.with_status(Some(AdminRelationshipStatus::Active));
        assert!(!active.ending);
        assert_eq!(active.ending_soon(true).status, None);
        assert_eq!(p.searching("ab").page, None);
        assert_eq!(p.resized(1000).page, None);
    }

    #[test]
    fn the_api_query_names_every_filter() {
        let p = ListParams {
            text: " adat ".into(),
            ending: true,
            page: Some("tok".into()),
            ..Default::default()
        };
        let query = p.api_query(Some("c1"));
        let get = |k: &str| query.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("filter"), Some("adat"));
        assert_eq!(get("endingWithin"), Some("30"));
        assert_eq!(get("customerId"), Some("c1"));
        assert_eq!(get("continuationToken"), Some("tok"));
        assert_eq!(get("size"), Some("50"));
        assert_eq!(get("status"), None);
        assert_eq!(ListParams::default().api_query(None).len(), 1);
    }

    #[test]
    fn unknown_values_show_everything() {
        let p = parse(&format!("{PATH}?status=lost&ending=yes&size=7"));
        assert_eq!(p, ListParams::default());
    }
}
