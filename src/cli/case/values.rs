//! The values of `tisc case` and `tisc report` options that clap checks as it parses them:
//! case ids, report languages, cutoff dates, claim lists. A refused value is a usage error
//! (exit 2) whose message clap prints.

use crate::case::{check_id, parse_claims, CaseError, ReportLang};
use crate::model::Date;

/// A command-line value `tisc case` and `tisc report` refuse (clap prints the message).
#[derive(Debug, thiserror::Error)]
pub enum ArgError {
    #[error("`{0}` is not a report language: use en, fr, es, pt or ar")]
    Language(String),
    #[error("`{0}` is not a date: write YYYY-MM-DD, e.g. 2024-03-01")]
    Cutoff(String),
}

/// Case ids become folder names.
pub(in crate::cli) fn parse_id(s: &str) -> Result<String, CaseError> {
    check_id(s).map(|()| s.to_string())
}

pub(in crate::cli) fn parse_lang(s: &str) -> Result<ReportLang, ArgError> {
    ReportLang::parse(s).ok_or_else(|| ArgError::Language(s.to_string()))
}

/// Claim numbers as one argument (`1,3` or `1-4,7`).
#[derive(Debug, Clone)]
pub struct ClaimList(pub Vec<u32>);

pub(super) fn parse_claim_list(s: &str) -> Result<ClaimList, CaseError> {
    parse_claims(s).map(ClaimList)
}

pub(super) fn parse_cutoff(s: &str) -> Result<Date, ArgError> {
    let t = s.trim();
    let full = t.len() == 10 || (t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()));
    match Date::parse(t) {
        Ok(d) if full => Ok(d),
        _ => Err(ArgError::Cutoff(s.to_string())),
    }
}

/// A new cutoff date; `None` removes it.
#[derive(Debug, Clone, Copy)]
pub struct NewCutoff(pub Option<Date>);

/// A cutoff date, or `none` to remove it.
pub(super) fn parse_cutoff_or_none(s: &str) -> Result<NewCutoff, ArgError> {
    if s.trim().eq_ignore_ascii_case("none") {
        Ok(NewCutoff(None))
    } else {
        parse_cutoff(s).map(|d| NewCutoff(Some(d)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_values_are_typed_with_unchanged_messages() {
        let e = parse_lang("de").unwrap_err();
        assert!(matches!(&e, ArgError::Language(l) if l == "de"), "{e:?}");
        assert_eq!(
            e.to_string(),
            "`de` is not a report language: use en, fr, es, pt or ar"
        );
        let e = parse_cutoff("2024-03").unwrap_err();
        assert!(matches!(&e, ArgError::Cutoff(c) if c == "2024-03"), "{e:?}");
        assert_eq!(
            e.to_string(),
            "`2024-03` is not a date: write YYYY-MM-DD, e.g. 2024-03-01"
        );
        assert!(matches!(
            parse_cutoff_or_none("soon"),
            Err(ArgError::Cutoff(_))
        ));
        assert!(matches!(parse_id("../x"), Err(CaseError::BadId(_))));
        assert!(matches!(
            parse_claim_list("1-"),
            Err(CaseError::BadClaims(_))
        ));
    }

    #[test]
    fn accepted_values_parse() {
        assert_eq!(parse_id("solar-pump").unwrap(), "solar-pump");
        assert_eq!(parse_lang("fr").unwrap(), ReportLang::Fr);
        assert_eq!(
            parse_cutoff(" 20240301 ").unwrap().to_string(),
            "2024-03-01"
        );
        assert!(parse_cutoff_or_none("NONE").unwrap().0.is_none());
        assert_eq!(parse_claim_list("1-3,7").unwrap().0, [1, 2, 3, 7]);
    }
}
