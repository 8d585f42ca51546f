//! When a session ends and when its last use is written down. The store keeps the times; this
//! decides with them, so every engine ends sessions the same way.

/// A session's last use is written at most this often, so reads do not turn into writes.
pub const TOUCH_EVERY_SECS: i64 = 60;

/// The time-outs: idle (since the last use) and absolute (since sign-in), in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle_secs: i64,
    pub absolute_secs: i64,
}

/// What to do with a stored session at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// Over: delete it and answer as if there were none.
    Expired,
    /// Live; `touch` says whether to write the new last use.
    Live { touch: bool },
}

impl SessionPolicy {
    /// The state at `now` of a session begun at `created_at` and last used at `last_seen_at`
    /// (Unix seconds). A session idle exactly `idle_secs`, or exactly `absolute_secs` old, is
    /// still live; one second more and it is over.
    pub fn state(&self, created_at: i64, last_seen_at: i64, now: i64) -> SessionState {
        if now - last_seen_at > self.idle_secs || now - created_at > self.absolute_secs {
            SessionState::Expired
        } else {
            SessionState::Live {
                touch: now - last_seen_at >= TOUCH_EVERY_SECS,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: SessionPolicy = SessionPolicy {
        idle_secs: 30 * 60,
        absolute_secs: 12 * 3600,
    };

    #[test]
    fn idle_time_out_ends_a_session_one_second_after_the_limit() {
        let start = 1_000_000;
        let at_limit = start + POLICY.idle_secs;
        assert!(matches!(
            POLICY.state(start, start, at_limit),
            SessionState::Live { .. }
        ));
        assert_eq!(
            POLICY.state(start, start, at_limit + 1),
            SessionState::Expired
        );
    }

    #[test]
    fn absolute_time_out_ends_a_session_in_use() {
        let start = 1_000_000;
        let end = start + POLICY.absolute_secs;
        // Used a minute ago, but signed in twelve hours and a second ago.
        assert_eq!(
            POLICY.state(start, end - 59, end + 1),
            SessionState::Expired
        );
        assert_eq!(
            POLICY.state(start, end - 59, end),
            SessionState::Live { touch: false }
        );
    }

    #[test]
    fn last_use_is_written_once_a_minute_at_most() {
        let start = 1_000_000;
        assert_eq!(
            POLICY.state(start, start, start + 59),
            SessionState::Live { touch: false }
        );
        assert_eq!(
            POLICY.state(start, start, start + TOUCH_EVERY_SECS),
            SessionState::Live { touch: true }
        );
    }
}
