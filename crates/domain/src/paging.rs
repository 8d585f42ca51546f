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
    /// may be short.
    fn walked_past_start(&self, has_before: bool) -> bool {
        self.backwards() && !has_before
    }

    /// Reads the page with `read(from)`, `from` being the boundary row's key and whether the
    /// page lies before it (`None`: the first page). When a read backwards walked past the
    /// start, the first page is read instead and the cursor starts there, so Previous never
    /// shows fewer rows than there are.
    pub async fn read<P, E, F>(
        &mut self,
        read: impl Fn(Option<(Vec<KeyPart>, bool)>) -> F,
        has_before: impl Fn(&P) -> bool,
    ) -> Result<P, E>
    where
        F: Future<Output = Result<P, E>>,
    {
        let found = read(self.key().map(|key| (key.to_vec(), self.backwards()))).await?;
        if !self.walked_past_start(has_before(&found)) {
            return Ok(found);
        }
        self.position = None;
        read(None).await
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

    /// The links of a first page with these edges.
    fn first_page(edges: Edges) -> Links {
        Cursor::open(&sealer(), "p1", "list|a".into(), None)
            .unwrap()
            .links(&sealer(), edges)
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
        let second = reopen(&first_page(edges(50, false, true)).next.unwrap());
        let links = second.links(&sealer(), edges(50, true, true));
        assert_eq!(links.offset, 50);
        let third = reopen(&links.next.unwrap());
        assert_eq!(third.links(&sealer(), edges(20, true, false)).offset, 100);
        let back = reopen(&links.previous.unwrap());
        assert!(back.backwards());
        assert_eq!(back.links(&sealer(), edges(50, false, true)).offset, 0);
    }

    /// A stand-in read answering `(rows, has_before)`: from the start, five rows; backwards from
    /// a key, two rows and none before them (rows were removed meanwhile); forwards, two rows
    /// after earlier ones.
    async fn read_five(from: Option<(Vec<KeyPart>, bool)>) -> Result<(u64, bool), ()> {
        Ok(match from {
            None => (5, false),
            Some((_, backwards)) => (2, !backwards),
        })
    }

    #[tokio::test]
    async fn walking_back_past_the_start_restarts_at_the_first_page() {
        let mut back = reopen(&first_page(edges(5, true, true)).previous.unwrap());
        let found = back.read(read_five, |p| p.1).await.unwrap();
        assert_eq!(found, (5, false), "the first page, read again");
        assert_eq!(back.key(), None);
        assert_eq!(back.links(&sealer(), edges(5, false, true)).offset, 0);

        let mut next = reopen(&first_page(edges(5, false, true)).next.unwrap());
        assert_eq!(next.read(read_five, |p| p.1).await.unwrap(), (2, true));
        assert!(next.key().is_some(), "forwards, the page stands");
    }

    #[test]
    fn tokens_stay_with_their_owner_and_query() {
        let next = first_page(edges(1, false, true)).next.unwrap();
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
        let links = first_page(edges(0, false, false));
        assert_eq!((links.next, links.previous), (None, None));
        assert!(size_allowed(1) && size_allowed(MAX_PAGE_SIZE));
        assert!(!size_allowed(0) && !size_allowed(MAX_PAGE_SIZE + 1));
    }
}
