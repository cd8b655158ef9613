//! Patent publication numbers in any common spelling, normalised to the canonical id.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A publication number: office (country code), serial number and optional kind code.
///
/// Parsed from `US 7,640,932 B2`, `US7640932B2`, `US07640932`, `EP 3 404 678 B1`,
/// `EP3404678`, `WO 2019/123456`, `WO2019123456A1`, `USD512345S1`, `USRE43210E`.
/// Canonical form: country + number without leading zeros + kind, e.g. `US7640932B2`;
/// European numbers are zero-padded to seven digits as the EPO writes them (`EP0546210B2`),
/// and both spellings are read.
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
            if country == "EP" && series.is_empty() {
                pad_ep(t)
            } else {
                t.to_string()
            }
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

    /// The serial as written in the canonical form: European numbers padded to seven
    /// digits (also for a number stored unpadded by an earlier version).
    pub fn serial(&self) -> String {
        if self.country == "EP" {
            pad_ep(&self.number)
        } else {
            self.number.clone()
        }
    }

    /// `US7640932B2` (or `US7640932` when the kind code is unknown); `EP0546210B2`.
    pub fn canonical(&self) -> String {
        format!(
            "{}{}{}",
            self.country,
            self.serial(),
            self.kind.as_deref().unwrap_or("")
        )
    }

    /// `US7640932`: the number without its kind code, as searched by `pn:`.
    pub fn without_kind(&self) -> String {
        format!("{}{}", self.country, self.serial())
    }

    /// A document id as now written: an unpadded European number (`EP546210B2`, the id an
    /// earlier version gave) becomes `EP0546210B2`; every other id is returned unchanged.
    pub fn padded_id(id: &str) -> String {
        if id.starts_with("EP") {
            if let Ok(n) = PatentNumber::parse(id) {
                if n.spellings(true).get(1).is_some_and(|legacy| legacy == id) {
                    return n.canonical();
                }
            }
        }
        id.to_string()
    }

    /// Every spelling under which this number may be stored: the canonical form first, then
    /// for European numbers the unpadded form of indexes and cases written before numbers
    /// were padded (`EP0546210B2`, `EP546210B2`). With `kind` false, without the kind code.
    pub fn spellings(&self, kind: bool) -> Vec<String> {
        let head = if kind {
            self.canonical()
        } else {
            self.without_kind()
        };
        let mut out = vec![head];
        if self.country == "EP" {
            let bare = self.number.trim_start_matches('0');
            let legacy = match (&self.kind, kind) {
                (Some(k), true) => format!("EP{bare}{k}"),
                _ => format!("EP{bare}"),
            };
            if !bare.is_empty() && !out.contains(&legacy) {
                out.push(legacy);
            }
        }
        out
    }
}

/// A European serial zero-padded to seven digits (`546210` → `0546210`); other shapes
/// (letters, longer serials) are kept as they are.
fn pad_ep(number: &str) -> String {
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        let t = number.trim_start_matches('0');
        format!("{t:0>7}")
    } else {
        number.to_string()
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
        assert_eq!(canon("EP 546 210 B2"), "EP0546210B2");
        assert_eq!(canon("WO 2019/123456"), "WO2019123456");
        assert_eq!(canon("WO2019123456A1"), "WO2019123456A1");
        assert_eq!(canon("wo 98/12345"), "WO1998012345");
        assert_eq!(canon("USD0512345S1"), "USD512345S1");
        assert_eq!(canon("US RE43,210 E"), "USRE43210E");
        assert_eq!(canon("US-2006/0292345-A1"), "US20060292345A1");
    }

    #[test]
    fn ep_numbers_are_padded_to_seven_digits_in_either_spelling() {
        for s in [
            "EP546210B2",
            "EP0546210B2",
            "ep 0 546 210 b2",
            "EP00546210B2",
        ] {
            assert_eq!(canon(s), "EP0546210B2", "{s}");
        }
        let pn = PatentNumber::new("EP", "546210", Some("B2")).unwrap();
        assert_eq!(pn.without_kind(), "EP0546210");
        assert_eq!(pn.spellings(true), ["EP0546210B2", "EP546210B2"]);
        assert_eq!(pn.spellings(false), ["EP0546210", "EP546210"]);
        // A number kept unpadded by an earlier version reads padded.
        let old = PatentNumber {
            country: "EP".into(),
            number: "12345".into(),
            kind: Some("A1".into()),
        };
        assert_eq!(old.canonical(), "EP0012345A1");
        assert_eq!(old.to_string(), "EP0012345A1");
        assert_eq!(PatentNumber::padded_id("EP546210B2"), "EP0546210B2");
        assert_eq!(PatentNumber::padded_id("EP546210"), "EP0546210");
        for kept in [
            "EP0546210B2",
            "EP3404678B1",
            "US546210B2",
            "NCT01234",
            "PMID:5",
            "ep546210b2",
        ] {
            assert_eq!(PatentNumber::padded_id(kept), kept);
        }
        // Seven-digit numbers and other offices are unchanged.
        assert_eq!(canon("EP3404678B1"), "EP3404678B1");
        assert_eq!(canon("US0546210"), "US546210");
        assert_eq!(
            PatentNumber::parse("US546210").unwrap().spellings(false),
            ["US546210"]
        );
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
