//! What every paged list shows around its table: the error in its place (with a way back to
//! the first page when the page token went stale) and the pager ("51–100 of 2,000", Previous,
//! Next).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use portal_contract::Page;

use crate::api::{ApiError, ErrorKind};
use crate::components::error_panel::ErrorPanel;
use crate::format;
use crate::i18n::*;

/// An error in place of the list. A page token the server refused (stale after a change of
/// the list, or edited by hand) gets a link to `first_page` instead of a useless retry.
///
/// - `first_page`: the list's first page, when a later page is on screen.
#[component]
pub fn ListError(
    error: ApiError,
    first_page: Option<String>,
    on_retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    match first_page {
        Some(first) if error.kind() == ErrorKind::Invalid => view! {
            <div class="notice warning" role="alert">
                <p>{t!(i18n, customers.stale_page)}</p>
                <p><A href=first>{t!(i18n, customers.first)}</A></p>
            </div>
        }
        .into_any(),
        _ => view! { <ErrorPanel error on_retry=move |_| on_retry() /> }.into_any(),
    }
}

/// A list with rows, none of which match its search or filters: what did not match, and the
/// button that shows the list without them (opens `cleared`).
#[component]
pub fn NoMatch(
    /// The list's URL without its search or filters.
    cleared: String,
    /// The button's text.
    #[prop(into)]
    clear: ViewFn,
    /// What did not match.
    children: Children,
) -> impl IntoView {
    let navigate = use_navigate();
    view! {
        <div class="empty">
            <p>{children()}</p>
            <button
                type="button"
                class="button"
                on:click=move |_| navigate(&cleared, NavigateOptions::default())
            >
                {clear.run()}
            </button>
        </div>
    }
}

/// What a list's region shows for an answer. The table stays while answers with rows follow
/// one another (a sort, a page, a search), so a list decides its shape from each answer and
/// builds its content again only when the shape changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListShape<F> {
    /// Nothing there at all.
    Empty,
    /// Nothing matches the filter `F` (what the no-match text and its way back need).
    NoMatch(F),
    /// The table, with its pager.
    Table,
}

impl<F> ListShape<F> {
    /// An answer with `no_rows` on the first page or a later one (`later_page`, which keeps
    /// its table and pager), asked with `filter` (`None`: the whole list).
    pub fn of(no_rows: bool, later_page: bool, filter: Option<F>) -> ListShape<F> {
        match filter {
            _ if !no_rows || later_page => ListShape::Table,
            None => ListShape::Empty,
            Some(filter) => ListShape::NoMatch(filter),
        }
    }
}

/// 1-based positions of the first and last row on screen, for "51–100 of 2,000".
pub fn shown_range(offset: u64, count: usize) -> (u64, u64) {
    if count == 0 {
        (0, 0)
    } else {
        (offset + 1, offset + count as u64)
    }
}

/// Where a page of a list stands, for its [`Pager`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagerLinks {
    /// Rows before this page, on it, and in the whole list.
    pub offset: u64,
    pub shown: usize,
    pub total: u64,
    /// The app URLs of the neighbouring pages, when there are any.
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl PagerLinks {
    /// The links of `page`, with `url_at(token)` the list's URL at a page (`None`: the first).
    /// Back to the first page goes to the plain URL rather than to a token for it.
    pub fn of<T>(
        page: &Page<T>,
        page_size: u32,
        url_at: impl Fn(Option<String>) -> String,
    ) -> PagerLinks {
        let offset = page.offset.unwrap_or(0);
        let first = offset <= u64::from(page_size);
        PagerLinks {
            offset,
            shown: page.items.len(),
            total: page.total_count,
            previous: page
                .previous_token
                .clone()
                .map(|t| url_at((!first).then_some(t))),
            next: page.continuation_token.clone().map(|t| url_at(Some(t))),
        }
    }
}

/// The pager below a list; `children` are more controls at its end (rows per page). It follows
/// `links` in place (the count and the links change, the pager stays).
#[component]
pub fn Pager(
    #[prop(into)] links: Signal<PagerLinks>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = move || format::locale_tag(i18n);
    let number = move |n: fn(&PagerLinks) -> u64| move || format::number(links.with(n), locale());
    let from = number(|l| shown_range(l.offset, l.shown).0);
    let to = number(|l| shown_range(l.offset, l.shown).1);
    let total = number(|l| l.total);
    // Each link stays while there is a page its way (a keyboard user paging on keeps focus on
    // it); only its address follows the answer.
    let has_previous = Memo::new(move |_| links.with(|l| l.previous.is_some()));
    let has_next = Memo::new(move |_| links.with(|l| l.next.is_some()));
    let previous = move || links.with(|l| l.previous.clone().unwrap_or_default());
    let next = move || links.with(|l| l.next.clone().unwrap_or_default());
    view! {
        <nav class="pager" aria-label=move || t_string!(i18n, customers.pagination).to_string()>
            <p class="count">{t!(i18n, customers.count, from, to, total)}</p>
            {move || has_previous.get().then(|| view! { <A href=previous>{t!(i18n, customers.previous)}</A> })}
            {move || has_next.get().then(|| view! { <A href=next>{t!(i18n, customers.next)}</A> })}
            {children.map(|c| c())}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_without_rows_says_why() {
        assert_eq!(ListShape::<&str>::of(true, false, None), ListShape::Empty);
        assert_eq!(
            ListShape::of(true, false, Some("zz")),
            ListShape::NoMatch("zz")
        );
        assert_eq!(ListShape::of(false, false, Some("zz")), ListShape::Table);
        // A later page that came back empty keeps its table and pager.
        assert_eq!(ListShape::of(true, true, Some("zz")), ListShape::Table);
    }

    #[test]
    fn ranges_are_one_based() {
        assert_eq!(shown_range(0, 50), (1, 50));
        assert_eq!(shown_range(50, 7), (51, 57));
        assert_eq!(shown_range(0, 0), (0, 0));
    }

    fn page(offset: u64, previous: bool, next: bool) -> Page<u8> {
        Page {
            total_count: 120,
            items: vec![0; 50],
            continuation_token: next.then(|| "n".to_owned()),
            previous_token: previous.then(|| "p".to_owned()),
            offset: Some(offset),
        }
    }

    fn url(token: Option<String>) -> String {
        token.map_or("/list".to_owned(), |t| format!("/list?page={t}"))
    }

    #[test]
    fn previous_from_the_second_page_is_the_plain_first_page() {
        let links = PagerLinks::of(&page(50, true, true), 50, url);
        assert_eq!(links.previous.as_deref(), Some("/list"));
        assert_eq!(links.next.as_deref(), Some("/list?page=n"));
        assert_eq!((links.offset, links.shown, links.total), (50, 50, 120));
        let third = PagerLinks::of(&page(100, true, false), 50, url);
        assert_eq!(third.previous.as_deref(), Some("/list?page=p"));
        assert_eq!(third.next, None);
        assert_eq!(
            PagerLinks::of(&page(0, false, true), 50, url).previous,
            None
        );
    }
}
