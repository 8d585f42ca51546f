//! The Invitations page's state, which lives in its URL: status (`status`), customer e-mail
//! search (`q`) and the continuation token of the page on screen (`page`). Reload,
//! back/forward and shared links restore the same view.

use portal_contract::InvitationStatus;

use crate::url::app_url;

/// Where the Invitations page is.
pub const PATH: &str = crate::routes::INVITATIONS;

/// What the list shows, as read from and written to the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListParams {
    /// Only this status; `None` for every invitation.
    pub status: Option<InvitationStatus>,
    /// Starts-with search on the customer e-mail address, as typed.
    pub text: String,
    /// Continuation token of the page on screen; `None` for the first page.
    pub page: Option<String>,
}

impl ListParams {
    /// Reads the URL's query parameters; an unknown status shows every invitation.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ListParams {
        ListParams {
            status: get("status").and_then(|s| InvitationStatus::parse(&s)),
            text: get("q").unwrap_or_default(),
            page: get("page").filter(|p| !p.is_empty()),
        }
    }

    /// The app URL of this view, leaving defaults out.
    pub fn url(&self) -> String {
        app_url(
            PATH,
            &[
                ("status", self.status.map(|s| s.as_str().to_owned())),
                ("q", Some(self.text.clone()).filter(|t| !t.is_empty())),
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

    /// Another status starts on its first page.
    pub fn with_status(&self, status: Option<InvitationStatus>) -> ListParams {
        ListParams {
            status,
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
        self.status.is_some() || !self.text.trim().is_empty()
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
        assert_eq!(ListParams::default().url(), PATH);
        assert_eq!(parse(PATH), ListParams::default());
        assert!(!ListParams::default().is_filtered());
    }

    #[test]
    fn every_part_round_trips_through_the_url() {
        let p = ListParams {
            status: Some(InvitationStatus::Expired),
            text: "anna+x@fabrikam".into(),
            page: Some("eyJx.abc-_".into()),
        };
        assert_eq!(parse(&p.url()), p);
        assert!(p.is_filtered());
    }

    #[test]
    fn searching_and_filtering_start_on_the_first_page() {
        let p = ListParams::default().at_page(Some("t".into()));
        assert_eq!(p.searching("an").page, None);
        let pending = p.with_status(Some(InvitationStatus::Pending));
        assert_eq!(pending.url(), format!("{PATH}?status=pending"));
        assert_eq!(pending.with_status(None).url(), PATH);
    }

    #[test]
    fn an_unknown_status_shows_everything() {
        assert_eq!(parse(&format!("{PATH}?status=lost")).status, None);
    }
}
