//! Calendar dates as found in patent and journal records.

use std::fmt;
use std::str::FromStr;

/// A calendar date. Partial dates (a year, a year and month) are completed with the first
/// day, as bibliographic practice does for sorting.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date: `{0}` (expected YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYY)")]
pub struct DateError(pub String);

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(1000..=2999).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parse `2005-01-04`, `20050104`, `2005/01/04`, `2005-01`, `200501`, `2005`.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        let t = s.trim();
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        let seps_ok = t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '/' || c == '.');
        if !seps_ok {
            return Err(err());
        }
        let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
        let (y, m, d) = if parts.len() > 1 {
            let y = parts[0].parse::<i32>().map_err(|_| err())?;
            let m = parts
                .get(1)
                .map_or(Ok(1), |p| p.parse::<u8>())
                .map_err(|_| err())?;
            let d = parts
                .get(2)
                .map_or(Ok(1), |p| p.parse::<u8>())
                .map_err(|_| err())?;
            if parts.len() > 3 || parts[0].len() != 4 {
                return Err(err());
            }
            (y, m, d)
        } else {
            // `digits` holds ASCII digits only: the fields are read off the number itself
            // (YYYYMMDD, YYYYMM or YYYY), with no slicing of the text.
            let n: u32 = digits.parse().map_err(|_| err())?;
            let two = |x: u32| (x % 100) as u8;
            match digits.len() {
                8 => ((n / 10_000) as i32, two(n / 100), two(n)),
                6 => ((n / 100) as i32, two(n), 1),
                4 => (n as i32, 1, 1),
                _ => return Err(err()),
            }
        };
        // Some records use 00 for an unknown month or day.
        let m = if m == 0 { 1 } else { m };
        let d = if d == 0 { 1 } else { d };
        Date::new(y, m, d).ok_or_else(err)
    }

    /// Parse the parts of a PubMed-style date: year, month as a number or an English
    /// abbreviation (`Mar`), day.
    pub fn from_parts(year: &str, month: Option<&str>, day: Option<&str>) -> Option<Date> {
        let y = year.trim().get(..4)?.parse::<i32>().ok()?;
        let m = match month.map(str::trim) {
            None | Some("") => 1,
            Some(m) => match m.parse::<u8>() {
                Ok(n) => n,
                Err(_) => {
                    let lower = m.to_ascii_lowercase();
                    let idx = MONTHS.iter().position(|x| lower.starts_with(x))?;
                    idx as u8 + 1
                }
            },
        };
        let d = day
            .and_then(|d| d.trim().parse::<u8>().ok())
            .filter(|d| *d > 0)
            .unwrap_or(1);
        Date::new(y, m, d).or_else(|| Date::new(y, m, 1))
    }

    /// Days since 1970-01-01 (for date fields in the index). Counted from the first of the
    /// month, so that a hand-built day past the month's end runs on into the next month.
    pub fn days_since_epoch(&self) -> i64 {
        let month = time::Month::try_from(self.month.clamp(1, 12)).unwrap_or(time::Month::January);
        let first = time::Date::from_calendar_date(self.year, month, 1)
            .map_or(0, |d| d.to_julian_day() - UNIX_EPOCH_JULIAN_DAY);
        i64::from(first) + i64::from(self.day) - 1
    }

    /// The inverse of [`Date::days_since_epoch`]; `None` outside the years -9999 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let julian = i32::try_from(days.checked_add(i64::from(UNIX_EPOCH_JULIAN_DAY))?).ok()?;
        let d = time::Date::from_julian_day(julian).ok()?;
        Some(Date {
            year: d.year(),
            month: u8::from(d.month()),
            day: d.day(),
        })
    }
}

/// The Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

fn days_in_month(y: i32, m: u8) -> u8 {
    time::Month::try_from(m).map_or(0, |m| m.length(y))
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

serde_as_text!(Date, Date::parse);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_spellings_parse() {
        let d = Date::new(2005, 1, 4).unwrap();
        for s in ["2005-01-04", "20050104", "2005/01/04", " 2005-1-4 "] {
            assert_eq!(Date::parse(s).unwrap(), d, "{s}");
        }
        assert_eq!(Date::parse("2015").unwrap(), Date::new(2015, 1, 1).unwrap());
        assert_eq!(
            Date::parse("201503").unwrap(),
            Date::new(2015, 3, 1).unwrap()
        );
        assert_eq!(
            Date::parse("20150300").unwrap(),
            Date::new(2015, 3, 1).unwrap()
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for s in [
            "2015-02-30",
            "2015-13-01",
            "abc",
            "",
            "12345",
            "2015-01-01-01",
        ] {
            assert!(Date::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn pubmed_parts_with_month_names() {
        assert_eq!(
            Date::from_parts("2016", Some("Mar"), None),
            Date::new(2016, 3, 1)
        );
        assert_eq!(
            Date::from_parts("2016", Some("12"), Some("31")),
            Date::new(2016, 12, 31)
        );
    }

    #[test]
    fn epoch_days_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "1899-12-31", "2024-07-15"] {
            let d = Date::parse(s).unwrap();
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), Some(d));
        }
        assert_eq!(Date::parse("1970-01-02").unwrap().days_since_epoch(), 1);
    }
}
