//! Patent publication numbers in any common spelling, normalised to the canonical id.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A publication number: office (country code), serial number and optional kind code.
///
/// Parsed from `US 7,640,932 B2`, `US7640932B2`, `US07640932`, `EP 3 404 678 B1`,
/// `EP3404678`, `WO 2019/123456`, `WO2019123456A1`, `USD512345S1`, `USRE43210E`.
/// Canonical form: country + number without leading zeros + kind, e.g. `US7640932B2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PatentNumber {
    pub country: String,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "not a publication number: `{0}` (expected e.g. US7640932B2, EP 3 404 678 B1, WO 2019/123456)"
)]
pub struct NumberError(pub String);

/// Series prefixes that stand before the digits of a US number (designs, reissues, plants…).
const US_SERIES: &[&str] = &["RE", "PP", "D", "H", "T", "X", "AI"];

impl PatentNumber {
    pub fn new(
        country: &str,
        number: &str,
        kind: Option<&str>,
    ) -> Result<PatentNumber, NumberError> {
        let joined = format!("{country}{number}{}", kind.unwrap_or(""));
        let mut pn = PatentNumber::parse(&joined)?;
        if pn.kind.is_none() {
            pn.kind = kind
                .map(|k| k.trim().to_ascii_uppercase())
                .filter(|k| !k.is_empty());
        }
        Ok(pn)
    }

    pub fn parse(input: &str) -> Result<PatentNumber, NumberError> {
        let err = || NumberError(input.to_string());
        // Keep letters, digits and '/' (WO year/serial); drop spaces, commas, dots, dashes.
        let s: String = input
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_uppercase();
        let bytes = s.as_bytes();
        if bytes.len() < 3 || !bytes[0].is_ascii_alphabetic() || !bytes[1].is_ascii_alphabetic() {
            return Err(err());
        }
        let country = s.get(..2).unwrap_or_default().to_string();
        let mut rest = s.get(2..).unwrap_or_default();
        // Series prefix (US designs, reissues…).
        let mut series = "";
        if let Some(p) = US_SERIES.iter().find(|p| {
            rest.starts_with(**p)
                && rest
                    .get(p.len()..)
                    .unwrap_or_default()
                    .starts_with(|c: char| c.is_ascii_digit())
        }) {
            series = p;
            rest = rest.get(p.len()..).unwrap_or_default();
        }
        let digits_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '/'))
            .unwrap_or(rest.len());
        let (num_part, kind_part) = rest.split_at(digits_end);
        if num_part.is_empty() || !num_part.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(err());
        }
        let number = if let Some((year, serial)) = num_part.split_once('/') {
            if serial.contains('/') || serial.is_empty() {
                return Err(err());
            }
            let year = match year.len() {
                4 => year.to_string(),
                2 => {
                    let y: u32 = year.parse().map_err(|_| err())?;
                    format!("{}", if y >= 50 { 1900 + y } else { 2000 + y })
                }
                _ => return Err(err()),
            };
            let serial = serial.trim_start_matches('0');
            // US pre-grant publications carry a 7-digit serial, PCT numbers a 6-digit one.
            let width = if country == "US" { 7 } else { 6 };
            format!("{year}{serial:0>width$}")
        } else {
            let t = num_part.trim_start_matches('0');
            if t.is_empty() {
                return Err(err());
            }
            t.to_string()
        };
        let kind = if kind_part.is_empty() {
            None
        } else {
            let k = kind_part;
            let valid = k.len() <= 2
                && k.starts_with(|c: char| c.is_ascii_alphabetic())
                && k.get(1..)
                    .unwrap_or_default()
                    .chars()
                    .all(|c| c.is_ascii_digit());
            if !valid {
                return Err(err());
            }
            Some(k.to_string())
        };
        Ok(PatentNumber {
            country,
            number: format!("{series}{number}"),
            kind,
        })
    }

    /// `US7640932B2` (or `US7640932` when the kind code is unknown).
    pub fn canonical(&self) -> String {
        format!(
            "{}{}{}",
            self.country,
            self.number,
            self.kind.as_deref().unwrap_or("")
        )
    }

    /// `US7640932`: the number without its kind code, as searched by `pn:`.
    pub fn without_kind(&self) -> String {
        format!("{}{}", self.country, self.number)
    }
}

impl fmt::Display for PatentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        PatentNumber::parse(s).unwrap().canonical()
    }

    #[test]
    fn common_spellings_normalise() {
        assert_eq!(canon("US 7,640,932 B2"), "US7640932B2");
        assert_eq!(canon("US7640932B2"), "US7640932B2");
        assert_eq!(canon("US07640932"), "US7640932");
        assert_eq!(canon("EP 3 404 678 B1"), "EP3404678B1");
        assert_eq!(canon("EP3404678"), "EP3404678");
        assert_eq!(canon("WO 2019/123456"), "WO2019123456");
        assert_eq!(canon("WO2019123456A1"), "WO2019123456A1");
        assert_eq!(canon("wo 98/12345"), "WO1998012345");
        assert_eq!(canon("USD0512345S1"), "USD512345S1");
        assert_eq!(canon("US RE43,210 E"), "USRE43210E");
        assert_eq!(canon("US-2006/0292345-A1"), "US20060292345A1");
    }

    #[test]
    fn garbage_is_rejected() {
        for s in ["", "US", "7640932", "USB2", "US12X34", "US7640932BXX"] {
            assert!(PatentNumber::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn new_from_parts_strips_zeros() {
        let pn = PatentNumber::new("US", "07640932", Some("B2")).unwrap();
        assert_eq!(pn.canonical(), "US7640932B2");
        assert_eq!(pn.without_kind(), "US7640932");
    }
}
