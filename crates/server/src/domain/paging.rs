//! Keyset paging written once: where a page starts (opened from a continuation token), and the
//! offsets and tokens of the pages around it. Customers, invitations, a customer's users and the
//! audit log all page this way; each list only says what its sort key is.

use super::continuation::{KeyPart, Position, TokenError, TokenSealer};

/// Rows per page when the request names none.
pub use portal_contract::customers::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

/// Where one page of one list starts, for one owner (the organisation the list belongs to).
#[derive(Debug, Clone)]
pub struct Cursor {
    owner: String,
    query: String,
    position: Option<Position>,
}

/// What a read of a page found at its edges.
#[derive(Debug, Clone, Default)]
pub struct Edges {
    /// Rows on the page.
    pub rows: u64,
    /// Rows exist before the first one (in list order).
    pub has_before: bool,
    /// Rows exist after the last one.
    pub has_after: bool,
    /// Sort key of the first row (only needed where Previous is offered).
    pub first_key: Vec<KeyPart>,
    /// Sort key of the last row.
    pub last_key: Vec<KeyPart>,
}

/// Where the page sits in the list, and the tokens of its neighbours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    /// Rows before the page.
    pub offset: u64,
    pub next: Option<String>,
    pub previous: Option<String>,
}

impl Cursor {
    /// The first page (no token), or the page a token issued to `owner` for `query` names.
    /// `query` is what tokens are bound to: the list and its search and order, so a page of one
    /// search never opens another.
    pub fn open(
        sealer: &TokenSealer,
        owner: &str,
        query: String,
        token: Option<&str>,
    ) -> Result<Cursor, TokenError> {
        let position = token.map(|t| sealer.open(owner, &query, t)).transpose()?;
        Ok(Cursor {
            owner: owner.to_owned(),
            query,
            position,
        })
    }

    /// The boundary row's key, `None` on the first page.
    pub fn key(&self) -> Option<&[KeyPart]> {
        self.position.as_ref().map(|p| p.key.as_slice())
    }

    /// Whether the page ends before the key (Previous) instead of starting after it.
    pub fn backwards(&self) -> bool {
        self.position.as_ref().is_some_and(|p| p.backwards)
    }

    /// A read backwards found nothing before its page: rows were removed meanwhile and the page
    /// may be short. The caller then reads the first page instead ([`Cursor::restart`]), so
    /// Previous never shows fewer rows than there are.
    pub fn walked_past_start(&self, has_before: bool) -> bool {
        self.backwards() && !has_before
    }

    /// From now on this is the first page.
    pub fn restart(&mut self) {
        self.position = None;
    }

    /// The offset of the page read, and the tokens of the pages after and before it.
    pub fn links(&self, sealer: &TokenSealer, edges: Edges) -> Links {
        let offset = match &self.position {
            None => 0,
            Some(p) if p.backwards => p.offset.saturating_sub(edges.rows),
            Some(p) => p.offset,
        };
        let seal = |backwards: bool, offset: u64, key: Vec<KeyPart>| {
            let position = Position {
                query: self.query.clone(),
                backwards,
                offset,
                key,
            };
            sealer.seal(&self.owner, &position)
        };
        let has_rows = edges.rows > 0;
        Links {
            offset,
            next: (edges.has_after && has_rows)
                .then(|| seal(false, offset + edges.rows, edges.last_key)),
            previous: (edges.has_before && has_rows).then(|| seal(true, offset, edges.first_key)),
        }
    }
}

/// Whether `size` rows fit on a page.
pub fn size_allowed(size: u32) -> bool {
    (1..=MAX_PAGE_SIZE).contains(&size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> TokenSealer {
        TokenSealer::new([7; 32])
    }

    fn edges(rows: u64, has_before: bool, has_after: bool) -> Edges {
        Edges {
            rows,
            has_before,
            has_after,
            first_key: vec![KeyPart::Int(1)],
            last_key: vec![KeyPart::Int(rows as i64)],
        }
    }

    fn reopen(token: &str) -> Cursor {
        Cursor::open(&sealer(), "p1", "list|a".into(), Some(token)).unwrap()
    }

    #[test]
    fn the_first_page_has_offset_zero_and_only_a_next_token() {
        let first = Cursor::open(&sealer(), "p1", "list|a".into(), None).unwrap();
        assert_eq!(first.key(), None);
        let links = first.links(&sealer(), edges(50, false, true));
        assert_eq!(links.offset, 0);
        assert!(links.previous.is_none());
        let next = reopen(&links.next.unwrap());
        assert_eq!(next.key(), Some(&[KeyPart::Int(50)][..]));
        assert!(!next.backwards());
    }

    #[test]
    fn offsets_advance_forward_and_come_back_backwards() {
        let second = reopen(
            &Cursor::open(&sealer(), "p1", "list|a".into(), None)
                .unwrap()
                .links(&sealer(), edges(50, false, true))
                .next
                .unwrap(),
        );
        let links = second.links(&sealer(), edges(50, true, true));
        assert_eq!(links.offset, 50);
        let third = reopen(&links.next.unwrap());
        assert_eq!(third.links(&sealer(), edges(20, true, false)).offset, 100);
        let back = reopen(&links.previous.unwrap());
        assert!(back.backwards());
        assert_eq!(back.links(&sealer(), edges(50, false, true)).offset, 0);
    }

    #[test]
    fn walking_back_past_the_start_restarts_at_the_first_page() {
        let mut back = reopen(
            &Cursor::open(&sealer(), "p1", "list|a".into(), None)
                .unwrap()
                .links(&sealer(), edges(5, true, true))
                .previous
                .unwrap(),
        );
        assert!(back.walked_past_start(false));
        assert!(!back.walked_past_start(true));
        back.restart();
        assert!(!back.walked_past_start(false));
        assert_eq!(back.links(&sealer(), edges(5, false, true)).offset, 0);
    }

    #[test]
    fn tokens_stay_with_their_owner_and_query() {
        let next = Cursor::open(&sealer(), "p1", "list|a".into(), None)
            .unwrap()
            .links(&sealer(), edges(1, false, true))
            .next
            .unwrap();
        assert_eq!(
            Cursor::open(&sealer(), "p2", "list|a".into(), Some(&next)).unwrap_err(),
            TokenError::Invalid
        );
        assert_eq!(
            Cursor::open(&sealer(), "p1", "list|b".into(), Some(&next)).unwrap_err(),
            TokenError::Stale
        );
    }

    #[test]
    fn an_empty_page_links_nowhere() {
        let links = Cursor::open(&sealer(), "p1", "q".into(), None)
            .unwrap()
            .links(&sealer(), edges(0, false, false));
        assert_eq!((links.next, links.previous), (None, None));
        assert!(size_allowed(1) && size_allowed(MAX_PAGE_SIZE));
        assert!(!size_allowed(0) && !size_allowed(MAX_PAGE_SIZE + 1));
    }
}
