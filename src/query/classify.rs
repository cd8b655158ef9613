//! Classification symbols in a strategy (`ipc:A61K36/06`, `cpc:Y02E*`): the rule each level
//! follows, and explicit truncation over the symbols of the index, capped like words.

use super::lower::{any_of, boxed, Lowering};
use crate::model::ClassCode;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

impl Lowering<'_> {
    /// A classification symbol's query, and how many symbols a truncation expanded to.
    pub(super) fn class_query(
        &self,
        code: &str,
        field: Field,
        text: &str,
    ) -> Result<(Box<dyn Query>, usize), String> {
        let t = text.trim();
        if let Some(stem) = t.strip_suffix('*') {
            // `A61K36/06*`: subgroups of A61K 36 whose number starts with 06 (digits as typed).
            let prefix = match stem.split_once('/') {
                Some((main, sub)) if sub.chars().all(|c| c.is_ascii_digit()) => {
                    format!(
                        "{}/{}",
                        ClassCode::parse(main).map_err(|e| e.to_string())?,
                        sub.trim()
                    )
                }
                Some(_) => {
                    return Err(ClassCode::parse(t).map(|_| ()).err().map_or_else(
                        || format!("`{t}` is not a classification symbol"),
                        |e| e.to_string(),
                    ))
                }
                None => ClassCode::parse(stem)
                    .map_err(|e| e.to_string())?
                    .to_string(),
            };
            // The first symbols in order: each segment gives at most the cap, and the
            // first of their union are the first of all.
            let mut terms = std::collections::BTreeSet::new();
            let mut capped = false;
            for seg in self.searcher.segment_readers() {
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
                        boxed(TermQuery::new(
                            Term::from_field_text(field, &s),
                            IndexRecordOption::Basic,
                        ))
                    })
                    .collect(),
            );
            return Ok((q, n));
        }
        let c = ClassCode::parse(t).map_err(|e| e.to_string())?;
        let sym = c.to_string();
        let rule = match (&c.class, c.subclass, &c.main_group, &c.subgroup) {
            (None, ..) => format!("section {sym}: every symbol in it"),
            (Some(_), None, ..) => format!("class {sym}: every symbol in it"),
            (_, Some(_), None, _) => format!("subclass {sym}: every group in it"),
            (_, _, Some(mg), None) => format!("main group {sym} ({mg}/00) and all its subgroups, not other groups that start with the same digits"),
            _ => format!("exactly subgroup {sym} (IPC dot levels are not in the data; use {sym}* for subgroups whose number starts alike)"),
        };
        self.notes.borrow_mut().push(format!("{code}:{t} — {rule}"));
        let q = boxed(TermQuery::new(
            Term::from_field_text(field, &sym),
            IndexRecordOption::Basic,
        ));
        Ok((q, 0))
    }
}
