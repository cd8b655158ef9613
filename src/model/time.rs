//! The clock: the one place tisc reads the current time, and the timestamp type it hands out.
//!
//! Every timestamp tisc records (case history, citations, index metadata, mirror manifests,
//! report headers) comes from [`now`], a UTC instant to the second, written in RFC 3339 as
//! `YYYY-MM-DDTHH:MM:SSZ`. When the `SOURCE_DATE_EPOCH` environment variable holds a number of
//! seconds since 1970-01-01 UTC, [`now`] returns that instant instead of the system clock, so
//! that a report or a case file can be reproduced byte for byte.
//!
//! Index metadata and mirror manifests hold [`Timestamp`]s. A case (`case.json`, its journal)
//! and the report built from it keep their times as text: a `case.json` written by hand may
//! leave `created_at` empty, which a typed value would rewrite, and a journal must replay
//! whatever spelling an entry holds rather than stop at it.

use std::fmt;
use std::str::FromStr;
use time::format_description::well_known::Rfc3339;
use time::format_description::BorrowedFormatItem;
use time::OffsetDateTime;

/// The environment variable that pins the clock (see the reproducible-builds convention).
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// A UTC instant to the second. Displays (and serializes) as `2026-01-02T03:04:05Z`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

/// A timestamp or clock setting that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("not a timestamp: `{0}` (expected YYYY-MM-DDTHH:MM:SSZ)")]
    Text(String),
    #[error(
        "{SOURCE_DATE_EPOCH}=`{0}` is not a number of seconds since 1970-01-01 \
         (up to the year 9999)"
    )]
    Epoch(String),
}

impl Timestamp {
    /// The instant `secs` seconds after 1970-01-01T00:00:00Z; `None` outside the years
    /// -9999 to 9999.
    pub fn from_unix(secs: i64) -> Option<Timestamp> {
        OffsetDateTime::from_unix_timestamp(secs)
            .ok()
            .map(Timestamp)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix(self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The date and time as an HTTP date (RFC 9110 IMF-fixdate), as in `Last-Modified`:
    /// `Thu, 01 Jan 1970 00:00:00 GMT`.
    pub fn http_date(self) -> String {
        const FMT: &str =
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT";
        format_with(self.0, FMT)
    }
}

/// Format `t` with a format description that is a constant of this module (so it parses).
fn format_with(t: OffsetDateTime, fmt: &str) -> String {
    let items: Vec<BorrowedFormatItem<'_>> =
        time::format_description::parse_borrowed::<2>(fmt).unwrap_or_default();
    t.format(&items).unwrap_or_default()
}

/// The current time: `SOURCE_DATE_EPOCH` when it is set and valid, else the system clock.
/// An invalid `SOURCE_DATE_EPOCH` is ignored here; [`check_source_date_epoch`] reports it.
pub fn now() -> Timestamp {
    match source_date_epoch() {
        Ok(Some(t)) => t,
        _ => system_now(),
    }
}

/// The current time when `SOURCE_DATE_EPOCH` is unset or valid; an error naming the value
/// otherwise (for commands whose output is meant to be reproducible).
pub fn check_source_date_epoch() -> Result<Timestamp, TimeError> {
    Ok(source_date_epoch()?.unwrap_or_else(system_now))
}

fn source_date_epoch() -> Result<Option<Timestamp>, TimeError> {
    match std::env::var(SOURCE_DATE_EPOCH) {
        Ok(v) if !v.trim().is_empty() => parse_epoch(&v).map(Some),
        _ => Ok(None),
    }
}

fn parse_epoch(v: &str) -> Result<Timestamp, TimeError> {
    v.trim()
        .parse::<i64>()
        .ok()
        .filter(|s| *s >= 0)
        .and_then(Timestamp::from_unix)
        .ok_or_else(|| TimeError::Epoch(v.to_string()))
}

fn system_now() -> Timestamp {
    let now = OffsetDateTime::now_utc();
    // Whole seconds: the recorded form has none, and a value read back must compare equal.
    Timestamp(now.replace_nanosecond(0).unwrap_or(now))
}

impl Default for Timestamp {
    /// 1970-01-01T00:00:00Z.
    fn default() -> Timestamp {
        Timestamp(OffsetDateTime::UNIX_EPOCH)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_with(
            self.0,
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z",
        ))
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl FromStr for Timestamp {
    type Err = TimeError;
    /// Reads RFC 3339 (any offset, converted to UTC; fractions of a second dropped).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = OffsetDateTime::parse(s.trim(), &Rfc3339)
            .map_err(|_| TimeError::Text(s.to_string()))?
            .to_offset(time::UtcOffset::UTC);
        Ok(Timestamp(t.replace_nanosecond(0).unwrap_or(t)))
    }
}

serde_as_text!(Timestamp, <Timestamp as FromStr>::from_str);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_text_is_the_recorded_form() {
        assert_eq!(
            Timestamp::from_unix(0).unwrap().to_string(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            Timestamp::from_unix(1_767_323_045).unwrap().to_string(),
            "2026-01-02T03:04:05Z"
        );
        let t: Timestamp = "2026-01-02T03:04:05Z".parse().unwrap();
        assert_eq!(t.unix(), 1_767_323_045);
        let shifted: Timestamp = "2026-01-02T04:04:05.75+01:00".parse().unwrap();
        assert_eq!(shifted, t);
        assert!("2026-01-02".parse::<Timestamp>().is_err());
    }

    #[test]
    fn serde_round_trips_through_the_same_string() {
        let t = Timestamp::from_unix(951_782_400).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2000-02-29T00:00:00Z\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Timestamp>("\"yesterday\"").is_err());
    }

    #[test]
    fn http_dates_name_weekday_and_month() {
        let at = |s| Timestamp::from_unix(s).unwrap().http_date();
        assert_eq!(at(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(at(1_700_000_000), "Tue, 14 Nov 2023 22:13:20 GMT");
        assert_eq!(at(951_868_799), "Tue, 29 Feb 2000 23:59:59 GMT");
    }

    #[test]
    fn source_date_epoch_values() {
        assert_eq!(parse_epoch("1700000000").unwrap().unix(), 1_700_000_000);
        assert_eq!(
            parse_epoch(" 0 ").unwrap().to_string(),
            "1970-01-01T00:00:00Z"
        );
        for bad in ["soon", "-5", "1.5", "99999999999999"] {
            let e = parse_epoch(bad).unwrap_err();
            assert!(e.to_string().contains(bad), "{e}");
        }
    }
}
