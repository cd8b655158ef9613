//! The checks of a strategy that need no index: every field code known, every class symbol
//! well formed, every truncated word long enough, every patent number and date readable,
//! proximity only in text fields, and every history reference `#n` naming a strategy that
//! parses.
//!
//! [`check`] is what a search runs before it opens a corpus (the CLI and the workbench's
//! Enter), and what the workbench's live checker runs as the user types, so that "strategy
//! OK" there means the search will not refuse the strategy. Lowering (see [`super::lower`])
//! uses the same rules, through the helpers of this module, when it builds the query.

use super::ast::{Ast, Span};
use super::fields::{self, FieldKind};
use super::{HistoryError, ParseError};
use crate::model::PatentNumber;

/// What proximity operators accept, said when they are used elsewhere.
pub(super) const PROXIMITY_FIELDS: &str =
    "proximity works in text and name fields (ti, ab, cl, de, txt, pa, in, au, jo)";

/// Whether a word is truncated (`*` or `?` in it).
pub(super) fn has_wildcard(w: &str) -> bool {
    w.contains(['*', '?'])
}

/// Why a truncated word cannot be expanded: fewer than two letters besides its wildcards.
pub(super) fn truncation_error(word: &str) -> Option<String> {
    let fixed = word.chars().filter(|c| !matches!(c, '*' | '?')).count();
    (has_wildcard(word) && fixed < 2)
        .then(|| format!("`{word}` is too short to truncate: give at least two letters"))
}

/// The message for a field code that does not exist.
pub(super) fn unknown_field(code: &str) -> String {
    format!("unknown field code `{code}`")
}

/// The message for a date value that does not read.
pub(super) fn bad_date(text: &str) -> String {
    format!("`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
}

/// The message for a history reference whose strategy no longer parses.
pub(super) fn stale_reference(n: u32, text: &str, error: &ParseError) -> String {
    format!("#{n} ({text}) no longer parses: {}", error.message)
}

/// Parse `query` and run every check that needs no index on it; `history` resolves `#n`
/// to its strategy's text. The tree is returned when the strategy passes.
pub fn check(
    query: &str,
    history: &dyn Fn(u32) -> Result<String, HistoryError>,
) -> Result<Ast, ParseError> {
    let ast = super::parse(query)?;
    node(&ast, &fields::default_kind(), history)?;
    Ok(ast)
}

fn at(span: &Span, message: String) -> ParseError {
    ParseError {
        span: span.clone(),
        message,
    }
}

fn node(
    ast: &Ast,
    kind: &FieldKind,
    history: &dyn Fn(u32) -> Result<String, HistoryError>,
) -> Result<(), ParseError> {
    match ast {
        Ast::Word { text, span } => value(text, span, kind, false),
        Ast::Phrase { text, span } => value(text, span, kind, true),
        Ast::Field { code, expr, span } => {
            let k = fields::lookup(code).ok_or_else(|| at(span, unknown_field(code)))?;
            node(expr, &k, history)
        }
        Ast::DateRange { .. } => Ok(()),
        Ast::Boost { expr, .. } => node(expr, kind, history),
        Ast::And(items) | Ast::Or(items) => items.iter().try_for_each(|i| node(i, kind, history)),
        Ast::Not { left, right } => {
            if let Some(l) = left {
                node(l, kind, history)?;
            }
            node(right, kind, history)
        }
        Ast::Prox {
            left, right, span, ..
        } => {
            if !matches!(kind, FieldKind::Text { .. } | FieldKind::Name(_)) {
                return Err(at(span, PROXIMITY_FIELDS.to_string()));
            }
            node(left, kind, history)?;
            node(right, kind, history)
        }
        Ast::History { n, span } => {
            let text = history(*n).map_err(|e| at(span, e.to_string()))?;
            super::parse(&text)
                .map(|_| ())
                .map_err(|e| at(span, stale_reference(*n, &text, &e)))
        }
    }
}

/// A word or phrase in a field of `kind`.
fn value(text: &str, span: &Span, kind: &FieldKind, phrase: bool) -> Result<(), ParseError> {
    match kind {
        FieldKind::Text { .. } | FieldKind::Name(_) => match truncation_error(text) {
            Some(m) if !phrase => Err(at(span, m)),
            _ => Ok(()),
        },
        FieldKind::Class(_) => super::classify::class_pattern(text)
            .map(|_| ())
            .map_err(|e| at(span, e.to_string())),
        FieldKind::Number => PatentNumber::parse(text)
            .map(|_| ())
            .map_err(|e| at(span, e.to_string())),
        FieldKind::Exact(_) => Ok(()),
        FieldKind::Date(_) => match super::parser::parse_date_value(text) {
            Some(_) => Ok(()),
            None => Err(at(span, bad_date(text))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(n: u32) -> Result<String, HistoryError> {
        Err(HistoryError::NotInHistory { n, len: 0 })
    }

    fn message(q: &str) -> String {
        check(q, &none)
            .map(|_| String::new())
            .unwrap_or_else(|e| e.message)
    }

    #[test]
    fn strategies_a_search_would_refuse_fail_the_check() {
        assert!(message("#99").contains("#99 is not in the history"));
        assert!(
            message("solar AND ipc:ZZ99").contains("ZZ99"),
            "{}",
            message("ipc:ZZ99")
        );
        assert!(message("?").contains("too short to truncate"));
        assert!(message("p* AND solar").contains("`p*` is too short"));
        assert!(message("zz:solar").contains("unknown field code `zz`"));
        assert!(message("ipc:(H01L NEAR/3 H02S)").contains("proximity works"));
    }

    #[test]
    fn good_strategies_and_known_sets_pass() {
        let one = |n: u32| match n {
            1 => Ok("solar OR photovoltaic*".to_string()),
            _ => Err(HistoryError::NotInHistory { n, len: 1 }),
        };
        for q in [
            "solar NEAR/3 pump*",
            "ipc:A61K36/06*",
            "cpc:Y02E",
            "#1 AND pump",
            "\"a phrase\"",
        ] {
            assert!(check(q, &one).is_ok(), "{q}: {:?}", check(q, &one));
        }
        assert!(check("#2 OR #1", &one).is_err());
    }
}
