//! Who is signed in, shared by every page as a context.

use leptos::prelude::*;
use portal_contract::Me;

use crate::api::{ApiClient, ApiError};

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the server (on start-up).
    Checking,
    SignedIn(Me),
    SignedOut,
    /// The server could not say (offline, 5xx); the user can retry.
    Failed(ApiError),
}

/// Handle to the session state; `Copy`, so closures take it freely.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
}

impl Session {
    pub fn new() -> Session {
        Session {
            state: RwSignal::new(SessionState::Checking),
        }
    }

    /// Asks the server who is signed in.
    pub fn check(self, api: ApiClient) {
        self.state.set(SessionState::Checking);
        leptos::task::spawn_local(async move {
            let state = match api.session().await {
                Ok(Some(me)) => SessionState::SignedIn(me),
                Ok(None) => SessionState::SignedOut,
                Err(e) => SessionState::Failed(e),
            };
            self.state.set(state);
        });
    }

    pub fn signed_in(self, me: Me) {
        self.state.set(SessionState::SignedIn(me));
    }

    /// The server no longer knows the session (signed out, or it expired).
    pub fn ended(self) {
        self.state.set(SessionState::SignedOut);
    }

    pub fn me(self) -> Option<Me> {
        self.state.with(|s| match s {
            SessionState::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}
