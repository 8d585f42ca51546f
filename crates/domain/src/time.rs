//! Time as the database stores it (Unix seconds) and as the API shows it (RFC 3339, UTC).

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub fn now_unix() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// Unix milliseconds, for what a second is too coarse for (throttle windows).
pub fn now_unix_ms() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// RFC 3339 for a Unix time; out-of-range values (never stored by us) show as the epoch.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// The Unix time at 00:00 UTC of a calendar day written `YYYY-MM-DD` (as an `<input
/// type="date">` sends it); `None` for anything else, such as `2026-02-30`.
pub fn day_start(text: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(text, &format).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_utc() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
    }

    #[test]
    fn reads_calendar_days_only() {
        assert_eq!(super::day_start("1970-01-02"), Some(86_400));
        assert_eq!(super::day_start("2026-12-02"), Some(1_796_169_600));
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "02/12/2026",
            "2026-12-2",
            "",
            "2026-12-02T00:00",
        ] {
            assert_eq!(super::day_start(bad), None, "{bad}");
        }
    }
}
