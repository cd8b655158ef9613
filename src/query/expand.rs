//! Truncation: a truncated word (`pump*`, `colo?r`, `*valve`) expanded to the words of the
//! unstemmed copy of a field, from every segment's term dictionary, up to a cap per word and
//! field; and the count of expanded terms over the whole query, refused past its own cap.

use super::limits::{EXPANSIONS_VAR, TERMS_VAR};
use super::lower::{Expansion, Lowering};
use super::ParseError;
use crate::index::analysis;
use std::collections::BTreeSet;
use tantivy::schema::Field;

impl Lowering<'_> {
    /// Count `terms` more terms from truncating `pattern` (`words` distinct words); an error
    /// at `span` once the query passes its cap.
    pub(super) fn add_terms(
        &self,
        pattern: &str,
        words: usize,
        terms: usize,
        span: &super::ast::Span,
    ) -> Result<(), ParseError> {
        let total = self.terms_used.get() + terms;
        self.terms_used.set(total);
        {
            let mut by = self.terms_by_pattern.borrow_mut();
            match by.iter_mut().find(|(p, ..)| p == pattern) {
                Some((_, w, t)) => {
                    *w = (*w).max(words);
                    *t += terms;
                }
                None => by.push((pattern.to_string(), words, terms)),
            }
        }
        if total <= self.limits.max_terms {
            return Ok(());
        }
        let mut by = self.terms_by_pattern.borrow().clone();
        by.sort_by_key(|b| std::cmp::Reverse(b.2));
        let worst: Vec<String> = by
            .iter()
            .take(3)
            .map(|(p, w, t)| {
                let terms = crate::lang::cli::TERMS.count("en", *t as u64);
                if w == t {
                    format!("`{p}` → {terms}")
                } else {
                    let words = crate::lang::cli::WORDS.count("en", *w as u64);
                    format!("`{p}` → {terms} ({words}, in several fields)")
                }
            })
            .collect();
        Err(ParseError {
            span: span.clone(),
            message: format!(
                "the query expands to more than {} terms: {} — lengthen the stems \
                 (e.g. pump* → pumpe*), search fewer fields (ti:…, cl_en:…), or raise \
                 {TERMS_VAR} (a single word's cap is {EXPANSIONS_VAR}, now {})",
                self.limits.max_terms,
                worst.join(", "),
                self.max_expansions
            ),
        })
    }

    /// Expand a truncated word in the unstemmed field, across all segments, up to the cap.
    pub fn expand(&self, pattern: &str, field: Field) -> Vec<String> {
        let mut re = String::new();
        let mut prefix_only = true;
        let mut chars = pattern.chars().peekable();
        let mut literal = String::new();
        let flush = |lit: &mut String, re: &mut String| {
            if !lit.is_empty() {
                re.push_str(&regex_escape(&analysis::fold(lit)));
                lit.clear();
            }
        };
        while let Some(c) = chars.next() {
            match c {
                '*' => {
                    flush(&mut literal, &mut re);
                    re.push_str(".*");
                    if chars.peek().is_some() {
                        prefix_only = false;
                    }
                }
                '?' => {
                    flush(&mut literal, &mut re);
                    re.push('.');
                    prefix_only = false;
                }
                c => literal.push(c),
            }
        }
        flush(&mut literal, &mut re);
        if pattern.starts_with(['*', '?']) {
            prefix_only = false;
        }
        // Each segment gives at most the cap, in order; the first words of their union are
        // then the first words of the whole index.
        let mut words = BTreeSet::new();
        let mut capped = false;
        for seg in self.dictionary_segments() {
            let Ok(inv) = seg.inverted_index(field) else {
                continue;
            };
            let dict = inv.terms();
            let mut taken = 0;
            let mut push = |k: &[u8]| -> bool {
                if taken == self.max_expansions {
                    return false;
                }
                if let Ok(s) = std::str::from_utf8(k) {
                    taken += 1;
                    words.insert(s.to_string());
                }
                true
            };
            if prefix_only {
                let prefix = analysis::fold(pattern.trim_end_matches('*'));
                let Ok(mut stream) = dict.range().ge(prefix.as_bytes()).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    if !stream.key().starts_with(prefix.as_bytes()) {
                        break;
                    }
                    if !push(stream.key()) {
                        capped = true;
                        break;
                    }
                }
            } else {
                let Ok(regex) = tantivy_fst::Regex::new(&re) else {
                    continue;
                };
                let Ok(mut stream) = dict.search(regex).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    if !push(stream.key()) {
                        capped = true;
                        break;
                    }
                }
            }
        }
        capped |= words.len() > self.max_expansions;
        let words: Vec<String> = words.into_iter().take(self.max_expansions).collect();
        let mut exps = self.expansions.borrow_mut();
        if let Some(e) = exps.iter_mut().find(|e| e.pattern == pattern) {
            for w in &words {
                if !e.words.contains(w) && e.words.len() < self.max_expansions {
                    e.words.push(w.clone());
                }
            }
            e.capped |= capped;
        } else {
            exps.push(Expansion {
                pattern: pattern.to_string(),
                words: words.clone(),
                capped,
            });
        }
        if capped {
            let msg = format!(
                "`{pattern}` matches more than {} words; only the first {} are searched — make the stem longer",
                self.max_expansions, self.max_expansions
            );
            let mut w = self.warnings.borrow_mut();
            if !w.contains(&msg) {
                w.push(msg);
            }
        }
        words
    }
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
