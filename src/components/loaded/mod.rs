//! A resource's four states in one place: the loading text while the first answer is on its
//! way, the empty text when the answer holds nothing, the content, or the [`ErrorPanel`] with
//! a retry. A reload keeps the content on screen until the new answer arrives (`<Transition>`).

use leptos::prelude::*;
use std::sync::Arc;

use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;
use crate::components::list_parts::ListError;
use crate::latest_answer::{LatestAnswer, ListState};

/// Shows `resource` in whichever of its four states it is.
///
/// ```text
/// <Loaded
///     resource=users
///     loading=move || view! { <p class="status" role="status">"Loading…"</p> }
///     empty=move || view! { <p class="empty">"No users."</p> }
///     is_empty={|page: &Page<CustomerUser>| page.items.is_empty()}
///     let:page
/// >
///     <UsersTable page />
/// </Loaded>
/// ```
#[component]
pub fn Loaded<T, C, V>(
    /// The request whose answer is shown; Retry runs it again.
    resource: LocalResource<Result<T, ApiError>>,
    /// Shown until the first answer arrives (a `role="status"` paragraph, as a rule).
    #[prop(into)]
    loading: ViewFn,
    /// Shown instead of the content when [`is_empty`](Self) says the answer holds nothing.
    #[prop(optional, into)]
    empty: Option<ViewFn>,
    /// Whether an answer counts as empty; without it every answer is content.
    #[prop(optional)]
    is_empty: Option<fn(&T) -> bool>,
    /// Shown above the error panel when the request fails (the page's `<h1>`, say).
    #[prop(optional, into)]
    error_heading: Option<ViewFn>,
    /// A failure the page explains itself (a refused invitation link, say): its view instead of
    /// the error panel, or `None` for the panel.
    #[prop(optional, into)]
    explain: Option<Callback<ApiError, Option<AnyView>>>,
    /// Builds the content from the answer (`let:answer`).
    children: C,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    C: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let children = Arc::new(children);
    let fallback = loading.clone();
    view! {
        <Transition fallback=move || fallback.run()>
            {move || {
                let (children, empty, heading) = (children.clone(), empty.clone(), error_heading.clone());
                Suspend::new(async move {
                    match resource.await {
                        Ok(answer) if is_empty.is_some_and(|f| f(&answer)) => {
                            empty.map(|e| e.run()).into_any()
                        }
                        Ok(answer) => children(answer).into_any(),
                        Err(error) => match explain.and_then(|e| e.run(error.clone())) {
                            Some(explained) => explained,
                            None => view! {
                            {heading.map(|h| h.run())}
                            <ErrorPanel error on_retry=move |_| resource.refetch() />
                        }
                            .into_any(),
                        },
                    }
                })
            }}
        </Transition>
    }
}

/// Which of its states a list is in. A new answer of a list already on screen is no change
/// (its content stays and follows the answer); every failure is one (a Retry that fails again
/// shows the new error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Loading,
    Ready,
    Failed,
}

impl Phase {
    fn of<T>(state: &ListState<T>) -> Phase {
        match state {
            ListState::Loading => Phase::Loading,
            ListState::Ready(_) => Phase::Ready,
            ListState::Failed(_) => Phase::Failed,
        }
    }

    /// Whether the list's region is built again: on a change of state, and on every failure.
    fn changed(old: Option<&Phase>, new: Option<&Phase>) -> bool {
        old != new || new == Some(&Phase::Failed)
    }
}

/// A paged list loaded by [`use_latest_answer`](crate::latest_answer::use_latest_answer) in its
/// three states: the loading text before the first answer, the error in the list's place (with
/// the way back to the first page when a page token went stale), or the content. While a newer
/// answer is on its way the content stays (the table says `aria-busy`).
///
/// The content is built once when the list becomes ready and is given the answer as a signal:
/// a later answer (a sort, a page, a keystroke in the search) reaches it through that signal,
/// so a table can keep its caption, headers (and the focused sort button) and pager, and
/// replace only its rows.
#[component]
pub fn LoadedList<T, P, C, V>(
    /// The list's newest answer, and Retry.
    answer: LatestAnswer<T, P>,
    /// Shown until the first answer arrives.
    #[prop(into)]
    loading: ViewFn,
    /// The list's first page, when a later page is on screen.
    #[prop(into)]
    first_page: Signal<Option<String>>,
    /// Builds the content from the newest answer (`let:page`), once per entry into the ready
    /// state.
    children: C,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    P: Clone + PartialEq + Send + Sync + 'static,
    C: Fn(Signal<T>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = answer.state;
    let phase = Memo::new_with_compare(move |_| state.with(Phase::of), Phase::changed);
    move || match phase.get() {
        Phase::Loading => loading.run(),
        Phase::Failed => {
            let error = state.with_untracked(|s| match s {
                ListState::Failed(error) => Some(error.clone()),
                _ => None,
            });
            error
                .map(|error| {
                    view! {
                        <ListError error first_page=first_page.get_untracked() on_retry=move || answer.reload() />
                    }
                })
                .into_any()
        }
        Phase::Ready => {
            // The newest answer; a failure or reload meanwhile keeps the last one (the
            // content is about to be replaced then).
            let page = Memo::new_owning(move |previous: Option<T>| {
                state.with(|s| match (s, previous) {
                    (ListState::Ready(page), _) => (page.clone(), true),
                    (_, Some(previous)) => (previous, false),
                    (_, None) => unreachable!("built only when an answer is ready"),
                })
            });
            // Computed now, while the answer is there.
            page.with_untracked(|_| ());
            children(page.into()).into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_answer_keeps_the_content_and_every_failure_shows_anew() {
        let (loading, ready, failed) = (Phase::Loading, Phase::Ready, Phase::Failed);
        assert!(Phase::changed(None, Some(&loading)));
        assert!(Phase::changed(Some(&loading), Some(&ready)));
        assert!(!Phase::changed(Some(&ready), Some(&ready)));
        assert!(Phase::changed(Some(&ready), Some(&failed)));
        assert!(Phase::changed(Some(&failed), Some(&failed)));
        assert!(Phase::changed(Some(&failed), Some(&ready)));
    }
}
