//! The loader of a list whose URL changes faster than its answers arrive (a search at every
//! keystroke): every change of the parameters aborts the request it replaces, and a slow
//! earlier answer never overwrites a newer one. The rows on screen stay while a newer answer
//! is on its way (`busy`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

use crate::api::ApiError;

/// Hands out numbered tickets so that only the newest request may show its answer: a slow
/// earlier response never overwrites a newer one.
#[derive(Debug, Default)]
pub struct Latest {
    issued: u64,
}

impl Latest {
    pub fn issue(&mut self) -> u64 {
        self.issued += 1;
        self.issued
    }

    pub fn is_current(&self, ticket: u64) -> bool {
        ticket == self.issued
    }
}

/// What a list region shows.
#[derive(Clone)]
pub enum ListState<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// The signals a list page renders from, and a way to load again (Retry).
pub struct LatestAnswer<T: Send + Sync + 'static, P: Send + Sync + 'static> {
    pub state: RwSignal<ListState<T>>,
    pub busy: RwSignal<bool>,
    params: Memo<P>,
    load: StoredValue<Box<dyn Fn(P)>, LocalStorage>,
}

impl<T: Send + Sync + 'static, P: Clone + Send + Sync + 'static> Clone for LatestAnswer<T, P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static, P: Clone + Send + Sync + 'static> Copy for LatestAnswer<T, P> {}

impl<T: Send + Sync + 'static, P: Clone + PartialEq + Send + Sync + 'static> LatestAnswer<T, P> {
    /// Loads what the current parameters say again.
    pub fn reload(&self) {
        let p = self.params.get_untracked();
        self.load.with_value(|load| load(p));
    }
}

/// Loads `fetch(params, abort signal)` whenever `params` changes.
pub fn use_latest_answer<T, P, F, Fut>(params: Memo<P>, fetch: F) -> LatestAnswer<T, P>
where
    T: Send + Sync + 'static,
    P: Clone + PartialEq + Send + Sync + 'static,
    F: Fn(P, Option<web_sys::AbortSignal>) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(ListState::Loading);
    let busy = RwSignal::new(false);
    let latest = StoredValue::new(Latest::default());
    let in_flight = StoredValue::new_local(None::<web_sys::AbortController>);
    let load = move |p: P| {
        let ticket = latest.try_update_value(Latest::issue).unwrap_or_default();
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        if let Some(previous) = in_flight
            .try_update_value(|c| std::mem::replace(c, controller))
            .flatten()
        {
            previous.abort();
        }
        busy.set(true);
        let answer = fetch(p, signal);
        spawn_local(async move {
            let result = answer.await;
            if !latest.with_value(|l| l.is_current(ticket)) {
                return;
            }
            busy.set(false);
            state.set(match result {
                Ok(page) => ListState::Ready(page),
                Err(error) => ListState::Failed(error),
            });
        });
    };
    let load = StoredValue::new_local(Box::new(load) as Box<dyn Fn(P)>);
    Effect::new(move |_| {
        let p = params.get();
        load.with_value(|load| load(p));
    });
    LatestAnswer {
        state,
        busy,
        params,
        load,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_ticket_is_current() {
        let mut latest = Latest::default();
        let first = latest.issue();
        let second = latest.issue();
        assert!(!latest.is_current(first));
        assert!(latest.is_current(second));
    }
}
