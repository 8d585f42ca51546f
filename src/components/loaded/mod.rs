//! A resource's four states in one place: the loading text while the first answer is on its
//! way, the empty text when the answer holds nothing, the content, or the [`ErrorPanel`] with
//! a retry. A reload keeps the content on screen until the new answer arrives (`<Transition>`).

use leptos::prelude::*;
use std::sync::Arc;

use crate::api::ApiError;
use crate::components::error_panel::ErrorPanel;

/// Shows `resource` in whichever of its four states it is.
///
/// ```ignore
/// <Loaded
///     resource=users
///     loading=move || view! { <p class="status" role="status">"Loading…"</p> }
///     empty=move || view! { <p class="empty">"No users."</p> }
///     is_empty=|page: &Page<CustomerUser>| page.items.is_empty()
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
