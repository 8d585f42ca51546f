//! Slows guessing: after too many failures for one subject (an e-mail address signing in, or
//! invitation-link lookups) or from one client address within a window, the server answers 429
//! until the window has passed.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Client addresses get this many times the per-address allowance (an office behind one NAT).
const PER_CLIENT_FACTOR: u32 = 5;
/// Expired windows are swept once the table grows past this.
const SWEEP_AT: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

#[derive(Debug)]
pub struct FailureThrottle {
    max_failures: u32,
    window: Duration,
    windows: Mutex<HashMap<String, Window>>,
}

impl FailureThrottle {
    pub fn new(max_failures: u32, window: Duration) -> Self {
        FailureThrottle {
            max_failures,
            window,
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn keys(subject: &str, client: IpAddr) -> [(String, u32); 2] {
        [
            (format!("subject:{}", subject.trim().to_lowercase()), 1),
            (format!("client:{client}"), PER_CLIENT_FACTOR),
        ]
    }

    /// `Err(seconds)` when sign-in is refused for now, with how long to wait.
    pub fn check(&self, subject: &str, client: IpAddr, now: Instant) -> Result<(), u64> {
        let windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        for (key, factor) in Self::keys(subject, client) {
            if let Some(w) = windows.get(&key) {
                let elapsed = now.saturating_duration_since(w.started);
                if elapsed < self.window && w.failures >= self.max_failures * factor {
                    return Err((self.window - elapsed).as_secs().max(1));
                }
            }
        }
        Ok(())
    }

    pub fn record_failure(&self, subject: &str, client: IpAddr, now: Instant) {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > SWEEP_AT {
            let window = self.window;
            windows.retain(|_, w| now.saturating_duration_since(w.started) < window);
        }
        for (key, _) in Self::keys(subject, client) {
            let w = windows.entry(key).or_insert(Window {
                started: now,
                failures: 0,
            });
            if now.saturating_duration_since(w.started) >= self.window {
                *w = Window {
                    started: now,
                    failures: 0,
                };
            }
            w.failures += 1;
        }
    }

    /// A success forgets the subject's failures (not the client's).
    pub fn record_success(&self, subject: &str) {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        windows.remove(&format!("subject:{}", subject.trim().to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn refuses_after_the_allowance_and_recovers_after_the_window() {
        let t = FailureThrottle::new(3, Duration::from_secs(60));
        let start = Instant::now();
        for _ in 0..3 {
            assert!(t.check("a@x.hu", IP, start).is_ok());
            t.record_failure("a@x.hu", IP, start);
        }
        let wait = t
            .check("A@X.hu", IP, start + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(wait, 50);
        assert!(
            t.check("b@x.hu", IP, start).is_ok(),
            "other addresses are not affected"
        );
        assert!(
            t.check("a@x.hu", IP, start + Duration::from_secs(61))
                .is_ok()
        );
    }

    #[test]
    fn one_client_guessing_many_addresses_is_refused_too() {
        let t = FailureThrottle::new(2, Duration::from_secs(60));
        let now = Instant::now();
        for i in 0..10 {
            t.record_failure(&format!("user{i}@x.hu"), IP, now);
        }
        assert!(t.check("fresh@x.hu", IP, now).is_err());
    }

    #[test]
    fn success_clears_the_address() {
        let t = FailureThrottle::new(1, Duration::from_secs(60));
        let now = Instant::now();
        t.record_failure("a@x.hu", IP, now);
        assert!(t.check("a@x.hu", IP, now).is_err());
        t.record_success("a@x.hu");
        assert!(t.check("a@x.hu", IP, now).is_ok());
    }
}
