//! Slows guessing: after too many failures for one subject (an e-mail address signing in, or
//! invitation-link lookups) or from one client address within a window, the server answers 429
//! until the window has passed. The counts live in the database (`db/throttle.rs`), so every
//! instance sharing it enforces the same limit; the rule is `domain::throttle`.

use std::net::IpAddr;
use std::time::Duration;

use crate::AppState;
use crate::domain::throttle::{Decision, Limit};
use crate::domain::time::now_unix_ms;
use crate::http::ApiError;

/// Client addresses get this many times the per-subject allowance (an office behind one NAT).
const PER_CLIENT_FACTOR: u32 = 5;

/// One throttle: its name in the store and in the metrics, and its limits.
#[derive(Debug, Clone, Copy)]
pub struct FailureThrottle {
    scope: &'static str,
    /// Per subject (an e-mail address); `None` when only clients are counted.
    subject: Option<Limit>,
    client: Limit,
}

impl FailureThrottle {
    /// Counts per subject (`max_failures`) and per client address (five times as many).
    pub fn per_subject(scope: &'static str, max_failures: u32, window: Duration) -> Self {
        FailureThrottle {
            scope,
            subject: Some(Limit::new(max_failures, window)),
            client: Limit::new(max_failures.saturating_mul(PER_CLIENT_FACTOR), window),
        }
    }

    /// Counts per client address only (`max_failures`): the lookups of unknown links, where one
    /// client's guessing must not lock every other customer out.
    pub fn per_client(scope: &'static str, max_failures: u32, window: Duration) -> Self {
        FailureThrottle {
            scope,
            subject: None,
            client: Limit::new(max_failures, window),
        }
    }

    pub fn scope(&self) -> &'static str {
        self.scope
    }

    fn subject_key(subject: &str) -> String {
        format!("subject:{}", subject.trim().to_lowercase())
    }

    fn client_key(client: IpAddr) -> String {
        format!("client:{client}")
    }

    /// The counted keys with their limits: the client's, and the subject's when it is counted.
    fn keys(&self, subject: &str, client: IpAddr) -> Vec<(String, Limit)> {
        let mut keys = vec![(Self::client_key(client), self.client)];
        if let Some(limit) = self.subject {
            keys.push((Self::subject_key(subject), limit));
        }
        keys
    }

    /// `Err(429)` with how long to wait while `subject` or `client` has used its allowance.
    pub async fn check(
        &self,
        state: &AppState,
        subject: &str,
        client: IpAddr,
    ) -> Result<(), ApiError> {
        let keys = self.keys(subject, client);
        let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        let windows = state.store.throttle_windows(self.scope, &names).await?;
        let now = now_unix_ms();
        let decisions = keys
            .iter()
            .zip(windows)
            .map(|((_, limit), window)| limit.decide(window, now));
        match Limit::strictest(decisions) {
            Decision::Allow => Ok(()),
            Decision::Refuse { retry_after_secs } => {
                state.metrics.throttle_refused(self.scope);
                Err(ApiError::TooManyRequests { retry_after_secs })
            }
        }
    }

    pub async fn record_failure(
        &self,
        state: &AppState,
        subject: &str,
        client: IpAddr,
    ) -> Result<(), ApiError> {
        let keys = self.keys(subject, client);
        let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        // Every key of a throttle has the same window length; the pruning uses it.
        state
            .store
            .record_throttle_failure(self.scope, &names, self.client, now_unix_ms())
            .await?;
        Ok(())
    }

    /// A success forgets the subject's failures (not the client's).
    pub async fn record_success(&self, state: &AppState, subject: &str) -> Result<(), ApiError> {
        if self.subject.is_none() {
            return Ok(());
        }
        state
            .store
            .clear_throttle(self.scope, &Self::subject_key(subject))
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_get_five_times_the_allowance_and_addresses_are_folded() {
        let t = FailureThrottle::per_subject("sign-in", 5, Duration::from_secs(900));
        assert_eq!(t.client.failures, 25);
        assert_eq!(
            t.subject.map(|l| (l.failures, l.window_ms)),
            Some((5, 900_000))
        );
        let ip = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);
        assert_eq!(t.keys("a@x.hu", ip).len(), 2);
        let links = FailureThrottle::per_client("invitation-lookup", 10, Duration::from_secs(60));
        assert_eq!(
            links.keys("anything", ip),
            [("client:127.0.0.1".into(), links.client)]
        );
        assert_eq!(
            FailureThrottle::subject_key(" A@X.hu "),
            FailureThrottle::subject_key("a@x.hu")
        );
    }
}
