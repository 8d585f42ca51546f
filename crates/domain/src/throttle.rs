//! The throttle rule, apart from where its counts are kept: failures are counted in a window
//! that starts at the first failure; at the limit, attempts are refused until the window ends.
//! A failure after the window starts a new one. Times are Unix milliseconds, so a one-second
//! window never ends early because a second ticked over.

/// One key's failures, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub started_ms: i64,
    pub failures: u32,
}

/// A limit of failures within a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub failures: u32,
    pub window_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Refused for now; the client may try again after this many seconds (at least one).
    Refuse {
        retry_after_secs: u64,
    },
}

impl Limit {
    pub fn new(failures: u32, window: std::time::Duration) -> Limit {
        Limit {
            failures,
            window_ms: i64::try_from(window.as_millis()).unwrap_or(i64::MAX),
        }
    }

    /// Windows that started at or before this time are over at `now_ms`: a new failure starts
    /// afresh, and their rows may be pruned.
    pub fn over_if_started_by(&self, now_ms: i64) -> i64 {
        now_ms.saturating_sub(self.window_ms)
    }

    pub fn decide(&self, window: Option<Window>, now_ms: i64) -> Decision {
        let Some(w) = window else {
            return Decision::Allow;
        };
        if w.started_ms <= self.over_if_started_by(now_ms) || w.failures < self.failures {
            return Decision::Allow;
        }
        let left_ms = self.window_ms - (now_ms - w.started_ms).max(0);
        Decision::Refuse {
            retry_after_secs: u64::try_from(left_ms / 1000).unwrap_or(0).max(1),
        }
    }

    /// The window after one more failure at `now_ms`.
    pub fn after_failure(&self, window: Option<Window>, now_ms: i64) -> Window {
        match window {
            Some(w) if w.started_ms > self.over_if_started_by(now_ms) => Window {
                failures: w.failures.saturating_add(1),
                ..w
            },
            _ => Window {
                started_ms: now_ms,
                failures: 1,
            },
        }
    }

    /// The stricter of several decisions: a refusal with the longest wait wins.
    pub fn strictest(decisions: impl IntoIterator<Item = Decision>) -> Decision {
        decisions
            .into_iter()
            .fold(Decision::Allow, |worst, d| match (worst, d) {
                (Decision::Allow, d) => d,
                (
                    Decision::Refuse {
                        retry_after_secs: a,
                    },
                    Decision::Refuse {
                        retry_after_secs: b,
                    },
                ) => Decision::Refuse {
                    retry_after_secs: a.max(b),
                },
                (refuse, Decision::Allow) => refuse,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const MINUTE: i64 = 60_000;

    fn failures(limit: &Limit, times: u32, at: i64) -> Option<Window> {
        (0..times).fold(None, |w, _| Some(limit.after_failure(w, at)))
    }

    #[test]
    fn allows_up_to_the_limit_then_refuses_until_the_window_ends() {
        let limit = Limit::new(3, Duration::from_secs(60));
        assert_eq!(limit.decide(None, 0), Decision::Allow);
        assert_eq!(limit.decide(failures(&limit, 2, 0), 1), Decision::Allow);
        let three = failures(&limit, 3, 0);
        assert_eq!(
            limit.decide(three, 10_000),
            Decision::Refuse {
                retry_after_secs: 50
            }
        );
        assert_eq!(
            limit.decide(three, MINUTE - 1),
            Decision::Refuse {
                retry_after_secs: 1
            },
            "never a zero wait"
        );
        assert_eq!(limit.decide(three, MINUTE), Decision::Allow);
    }

    #[test]
    fn a_failure_after_the_window_starts_a_new_one() {
        let limit = Limit::new(3, Duration::from_secs(60));
        let old = failures(&limit, 3, 0);
        assert_eq!(
            limit.after_failure(old, MINUTE),
            Window {
                started_ms: MINUTE,
                failures: 1
            }
        );
        assert_eq!(limit.after_failure(old, MINUTE - 1).failures, 4);
        assert_eq!(limit.over_if_started_by(MINUTE), 0);
    }

    #[test]
    fn the_longest_refusal_wins() {
        let refuse = |s| Decision::Refuse {
            retry_after_secs: s,
        };
        assert_eq!(Limit::strictest([]), Decision::Allow);
        assert_eq!(
            Limit::strictest([Decision::Allow, refuse(5), refuse(9), Decision::Allow]),
            refuse(9)
        );
    }
}
