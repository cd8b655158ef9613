//! Classification symbols in a strategy (`ipc:A61K36/06`, `cpc:Y02E*`): the rule each level
//! follows, and explicit truncation over the symbols of the index, capped like words.

use super::lower::{any_of, leaf, Lowering};
use crate::model::{ClassCode, ClassError};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Why a classification symbol of a strategy cannot be searched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassQueryError {
    /// The symbol (or the part before a truncation) does not parse.
    #[error(transparent)]
    Class(#[from] ClassError),
    /// A truncated symbol whose subgroup is not digits (`A61K36/x*`): the text as written.
    #[error("`{0}` is not a classification symbol")]
    NotASymbol(String),
}

/// A classification value of a strategy, read: a truncated symbol's prefix or one symbol.
pub(super) enum ClassPattern {
    /// `A61K36/06*`: the text every matching symbol starts with.
    Prefix(String),
    Symbol(ClassCode),
}

/// Read a classification value as written in a strategy (no index needed): the rule that
/// both the search and the workbench's live checker apply.
pub(super) fn class_pattern(text: &str) -> Result<ClassPattern, ClassQueryError> {
    let t = text.trim();
    let Some(stem) = t.strip_suffix('*') else {
        return Ok(ClassPattern::Symbol(ClassCode::parse(t)?));
    };
    // `A61K36/06*`: subgroups of A61K 36 whose number starts with 06 (digits as typed).
    Ok(ClassPattern::Prefix(match stem.split_once('/') {
        Some((main, sub)) if sub.chars().all(|c| c.is_ascii_digit()) => {
            format!("{}/{}", ClassCode::parse(main)?, sub.trim())
        }
        Some(_) => {
            return Err(ClassCode::parse(t).err().map_or_else(
                || ClassQueryError::NotASymbol(t.to_string()),
                ClassQueryError::Class,
            ))
        }
        None => ClassCode::parse(stem)?.to_string(),
    }))
}

impl Lowering<'_> {
    /// A classification symbol's query, and how many symbols a truncation expanded to.
    pub(super) fn class_query(
        &self,
        code: &str,
        field: Field,
        text: &str,
    ) -> Result<(Box<dyn Query>, usize), ClassQueryError> {
        let t = text.trim();
        if let ClassPattern::Prefix(prefix) = class_pattern(t)? {
            // The first symbols in order: each segment gives at most the cap, and the
            // first of their union are the first of all.
            let mut terms = std::collections::BTreeSet::new();
            let mut capped = false;
            for seg in self.dictionary_segments() {
                let Ok(inv) = seg.inverted_index(field) else {
                    continue;
                };
                let Ok(mut stream) = inv.terms().range().ge(prefix.as_bytes()).into_stream() else {
                    continue;
                };
                let mut taken = 0;
                while stream.advance() {
                    if !stream.key().starts_with(prefix.as_bytes()) {
                        break;
                    }
                    if let Ok(s) = std::str::from_utf8(stream.key()) {
                        if s.contains('/') {
                            if taken == self.max_expansions {
                                capped = true;
                                break;
                            }
                            taken += 1;
                            terms.insert(s.to_string());
                        }
                    }
                }
            }
            capped |= terms.len() > self.max_expansions;
            let terms: Vec<String> = terms.into_iter().take(self.max_expansions).collect();
            self.notes.borrow_mut().push(format!(
                "{code}:{t} — explicit truncation: every {code} subgroup whose symbol starts with {prefix} ({} found)",
                terms.len()
            ));
            if capped {
                self.warnings.borrow_mut().push(format!(
                    "`{code}:{t}` matches more than {} subgroups; only the first {} are searched — give more of the symbol",
                    self.max_expansions, self.max_expansions
                ));
            }
            let n = terms.len();
            let q = any_of(
                terms
                    .into_iter()
                    .map(|s| {
                        leaf(TermQuery::new(
                            Term::from_field_text(field, &s),
                            IndexRecordOption::Basic,
                        ))
                    })
                    .collect(),
            );
            return Ok((q, n));
        }
        let ClassPattern::Symbol(c) = class_pattern(t)? else {
            return Err(ClassQueryError::NotASymbol(t.to_string()));
        };
        let sym = c.to_string();
        let rule = match (&c.class, c.subclass, &c.main_group, &c.subgroup) {
            (None, ..) => format!("section {sym}: every symbol in it"),
            (Some(_), None, ..) => format!("class {sym}: every symbol in it"),
            (_, Some(_), None, _) => format!("subclass {sym}: every group in it"),
            (_, _, Some(mg), None) => format!("main group {sym} ({mg}/00) and all its subgroups, not other groups that start with the same digits"),
            _ => format!("exactly subgroup {sym} (IPC dot levels are not in the data; use {sym}* for subgroups whose number starts alike)"),
        };
        self.notes.borrow_mut().push(format!("{code}:{t} — {rule}"));
        let q = leaf(TermQuery::new(
            Term::from_field_text(field, &sym),
            IndexRecordOption::Basic,
        ));
        Ok((q, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_symbol_is_a_class_error_with_the_text_as_written() {
        let e: ClassQueryError = ClassCode::parse("A€").unwrap_err().into();
        assert_eq!(e, ClassQueryError::Class(ClassError("A€".into())));
        assert_eq!(
            e.to_string(),
            "not a classification symbol: `A€` (expected e.g. A61M 15/08, A61M15/08, A61M0015080000 or A61M)"
        );
        assert_eq!(
            ClassQueryError::NotASymbol("A61K36/x*".into()).to_string(),
            "`A61K36/x*` is not a classification symbol"
        );
    }
}
