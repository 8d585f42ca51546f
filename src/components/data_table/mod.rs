//! The app's data table: a named, keyboard-scrollable region around a `<table>` with a caption,
//! column headers (sortable ones are buttons, with `aria-sort` on the header cell), the rows,
//! the empty text when there are none, and the pager below.
//!
//! A page of a longer list says where it stands: `aria-rowcount` on the table counts every row
//! of the whole list (and the header row), and each row's `aria-rowindex` is its place in it,
//! so a screen reader says "row 52 of 121" on the second page. Rows are built once from their
//! items; the table adds no reactive work per row.
//!
//! Loading and failure come before the table exists: put it inside
//! [`Loaded`](crate::components::loaded::Loaded) (or a list's own loader), which shows the
//! loading text and the error panel with Retry.

use leptos::prelude::*;

use crate::components::list_parts::{Pager, PagerLinks};
use crate::components::markup::Markup;

/// How a sortable column is ordered now, as `aria-sort` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortState {
    None,
    Ascending,
    Descending,
}

impl SortState {
    /// The `aria-sort` value.
    pub fn aria(self) -> &'static str {
        match self {
            SortState::None => "none",
            SortState::Ascending => "ascending",
            SortState::Descending => "descending",
        }
    }

    /// The arrow beside the header's text (hidden from screen readers, who hear `aria-sort`).
    pub fn arrow(self) -> &'static str {
        match self {
            SortState::None => "",
            SortState::Ascending => "↑",
            SortState::Descending => "↓",
        }
    }
}

/// One column header.
#[derive(Clone)]
pub struct Column {
    label: Signal<String>,
    sort: Option<(Signal<SortState>, Callback<()>)>,
}

impl Column {
    /// A plain header with this (translated) text.
    pub fn new(label: impl Fn() -> String + Send + Sync + 'static) -> Column {
        Column {
            label: Signal::derive(label),
            sort: None,
        }
    }

    /// A header that sorts: `state` is how the list is ordered by it now, `on_sort` runs when
    /// it is pressed (the page changes its URL; the table only reports the press).
    pub fn sortable(
        self,
        state: impl Fn() -> SortState + Send + Sync + 'static,
        on_sort: impl Fn() + Send + Sync + 'static,
    ) -> Column {
        Column {
            sort: Some((Signal::derive(state), Callback::new(move |()| on_sort()))),
            ..self
        }
    }
}

/// The header row counts as the first row, so the `n`th data row (0-based, after `offset`
/// rows on earlier pages) is row `offset + n + 2`.
pub fn row_index(offset: u64, n: usize) -> u64 {
    offset + n as u64 + 2
}

/// Every row of the whole list, with the header row.
pub fn row_count(total: u64) -> u64 {
    total + 1
}

/// How a table builds its rows from its items: a closure building one row's view from its
/// item and `aria-rowindex`, or [`MarkupRows`].
pub trait Rows<T>: Send + Sync + 'static {
    /// The rows of `items`, the first after `offset` rows on earlier pages; with `groups` each
    /// row is its own `<tbody>` (built by the row), otherwise one `<tbody>` holds them all.
    fn build(&self, items: &[T], offset: u64, groups: bool) -> AnyView;
}

impl<T, F, V> Rows<T> for F
where
    T: Clone,
    F: Fn(T, u64) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    fn build(&self, items: &[T], offset: u64, groups: bool) -> AnyView {
        let rows = items
            .iter()
            .enumerate()
            .map(|(n, item)| self(item.clone(), row_index(offset, n)))
            .collect_view();
        if groups {
            rows.into_any()
        } else {
            view! { <tbody>{rows}</tbody> }.into_any()
        }
    }
}

/// Rows written as markup by `write(item, aria-rowindex, out)`, escaping what it takes from
/// the item ([`crate::components::markup`]); all of a page's rows reach the document in one
/// call. Such rows hold no handlers: what they do is handled by a listener on an ancestor.
pub struct MarkupRows<F>(pub F);

impl<T, F> Rows<T> for MarkupRows<F>
where
    F: Fn(&T, u64, &mut String) + Send + Sync + 'static,
{
    fn build(&self, items: &[T], offset: u64, groups: bool) -> AnyView {
        let mut html = String::with_capacity(items.len() * 800 + 16);
        if !groups {
            html.push_str("<tbody>");
        }
        for (n, item) in items.iter().enumerate() {
            (self.0)(item, row_index(offset, n), &mut html);
        }
        if !groups {
            html.push_str("</tbody>");
        }
        Markup::escaped(html).into_any()
    }
}

#[component]
fn HeaderCell(column: Column) -> impl IntoView {
    let Column { label, sort } = column;
    match sort {
        None => view! { <th scope="col">{label}</th> }.into_any(),
        Some((state, on_sort)) => view! {
            <th scope="col" aria-sort=move || state.get().aria()>
                <button type="button" class="sort" on:click=move |_| on_sort.run(())>
                    {label}
                    <span class="arrow" aria-hidden="true">{move || state.get().arrow()}</span>
                </button>
            </th>
        }
        .into_any(),
    }
}

/// A table of `items`, one row each, with its caption, headers, empty text and pager.
///
/// `items` and `pager` may follow an answer that changes (a list's sort, page or search): the
/// table itself (caption, headers with a focused sort button, pager) then stays in the document
/// and only its rows are replaced, built anew from the new items. With a pager, the rows'
/// place in the whole list (`aria-rowindex`, `aria-rowcount`) comes from it.
#[component]
pub fn DataTable<T, R>(
    /// The table's name: its caption and the label of the scrolling region around it.
    #[prop(into)]
    label: Signal<String>,
    /// The headers, in order.
    columns: Vec<Column>,
    /// The rows on screen.
    #[prop(into)]
    items: Signal<Vec<T>>,
    /// Rows on earlier pages, for a list without a pager.
    #[prop(optional, into)]
    offset: Signal<u64>,
    /// Rows in the whole list, for a list without a pager; the rows on screen when not given.
    #[prop(optional, into)]
    total: MaybeProp<u64>,
    /// Builds the rows each time the items change: a closure making one row (a `<tr>`, or a
    /// `<tbody>` when `row_groups`) from its item and its `aria-rowindex`, or [`MarkupRows`].
    row: R,
    /// Each row is its own `<tbody>` (a row with details below it), not one `<tbody>` for all.
    #[prop(optional)]
    row_groups: bool,
    /// One class per column for a `<colgroup>`, so the style sheet can give the columns their
    /// widths (with `table-layout: fixed`, the browser then does not measure every cell).
    #[prop(optional)]
    col_classes: Option<&'static [&'static str]>,
    /// More classes for the `<table>` (beside `data`).
    #[prop(optional, into)]
    class: Option<&'static str>,
    /// A newer answer is on its way (`aria-busy`); left out when not given.
    #[prop(optional, into)]
    busy: MaybeProp<bool>,
    /// Shown instead of the table when there are no rows (when the table is built: a list
    /// whose items change says "none" itself).
    #[prop(optional, into)]
    empty: Option<ViewFn>,
    /// The pager below the table, for a paged list.
    #[prop(optional, into)]
    pager: Option<Signal<PagerLinks>>,
    /// More controls at the pager's end (rows per page).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    R: Rows<T>,
{
    if let Some(empty) = empty
        && items.with_untracked(Vec::is_empty)
    {
        return empty.run();
    }
    // Rows on earlier pages, and in the whole list: the pager's when there is one.
    let offset = move || match pager {
        Some(links) => links.with(|l| l.offset),
        None => offset.get(),
    };
    let total = move || match pager {
        Some(links) => links.with(|l| l.total),
        None => total
            .get()
            .unwrap_or_else(|| items.with(|i| i.len() as u64)),
    };
    let class = match class {
        Some(more) => format!("data {more}"),
        None => "data".to_owned(),
    };
    let rows = move || {
        let offset = offset();
        replacing(items.with(|items| row.build(items, offset, row_groups)))
    };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class=class aria-busy=move || busy.get().map(|b| b.to_string()) aria-rowcount=move || row_count(total())>
                <caption class="visually-hidden">{label}</caption>
                {col_classes.map(|classes| view! {
                    <colgroup>
                        {classes.iter().map(|class| view! { <col class=*class /> }).collect_view()}
                    </colgroup>
                })}
                <thead>
                    <tr aria-rowindex="1">
                        {columns.into_iter().map(|column| view! { <HeaderCell column /> }).collect_view()}
                    </tr>
                </thead>
                {rows}
            </table>
        </div>
        {pager.map(|links| view! { <Pager links>{children.map(|c| c())}</Pager> })}
    }
    .into_any()
}

/// Wraps new rows so that they replace the old ones instead of being patched into them: a
/// reactive function's view is built anew when it changes (the new one put in place of the
/// old), where a view of the same type would reuse the old rows' elements for other items
/// (with a row's details, opened by hand, left under another customer).
fn replacing(view: AnyView) -> impl FnMut() -> Option<AnyView> + Send + 'static {
    let mut view = Some(view);
    move || view.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_count_across_pages_after_the_header() {
        assert_eq!(row_index(0, 0), 2);
        assert_eq!(row_index(50, 0), 52);
        assert_eq!(row_count(120), 121);
    }

    #[test]
    fn sort_states_speak_aria() {
        assert_eq!(SortState::Ascending.aria(), "ascending");
        assert_eq!(SortState::None.arrow(), "");
    }
}
