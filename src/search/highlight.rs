//! Which words of a document a strategy matches: one decision for the result snippets and
//! the document viewer alike.
//!
//! The strategy's text words are taken from its parsed form ([`Ast::text_words`]): each word
//! of a phrase or proximity expression counts, words under `NOT` and words of non-text
//! fields (dates, classes, numbers) do not. A word of a document matches when, analysed as
//! the index analyses it,
//! - its unstemmed form (lower-cased, folded) equals that of a word of the strategy, or
//! - its stem in the language of its text equals the stem of a word of the strategy, or
//! - its unstemmed form fits a truncated word of the strategy (`pump*`, `colo?r`).
//!
//! A strategy word that the analysis splits (`e-mail`) contributes each of its parts, as a
//! phrase does. Truncation is matched in at most (word length + 1) × (pattern length + 1)
//! steps, however many `*` the pattern holds.

use crate::index::analysis::{analyze, fold, for_each_word, IndexLang};
use crate::model::Lang;
use crate::query::Ast;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::sync::OnceLock;

/// One element of a truncated word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// `*`: any run of characters, the empty one included.
    Any,
    /// `?`: exactly one character.
    One,
    /// A character of the word, folded.
    Char(char),
}

/// A truncated word, folded as the unstemmed copy folds text.
#[derive(Debug, Clone)]
struct Glob(Vec<Part>);

impl Glob {
    fn new(pattern: &str) -> Glob {
        let mut parts = Vec::new();
        for c in pattern.chars() {
            match c {
                '*' => parts.push(Part::Any),
                '?' => parts.push(Part::One),
                c => parts.extend(fold(&c.to_string()).chars().map(Part::Char)),
            }
        }
        Glob(parts)
    }

    fn matches(&self, word: &[char]) -> bool {
        self.matches_counting(word, &mut 0)
    }

    /// Whether the whole of `word` fits, adding the loop's steps to `steps`.
    ///
    /// Scans left to right and, on a mismatch, lets the most recent `*` take one more
    /// character: each `*` restart moves the restart point one character on, so the work
    /// is bounded by (word length + 1) × (pattern length + 1).
    fn matches_counting(&self, word: &[char], steps: &mut u64) -> bool {
        let p = &self.0;
        let (mut pi, mut wi) = (0, 0);
        // The pattern position after the latest `*` and the word position it resumes at.
        let mut restart: Option<(usize, usize)> = None;
        while wi < word.len() {
            *steps += 1;
            match p.get(pi) {
                Some(Part::Any) => {
                    pi += 1;
                    restart = Some((pi, wi));
                    continue;
                }
                Some(Part::One) => {
                    pi += 1;
                    wi += 1;
                    continue;
                }
                Some(Part::Char(c)) if word.get(wi) == Some(c) => {
                    pi += 1;
                    wi += 1;
                    continue;
                }
                _ => {}
            }
            match restart {
                Some((rp, rw)) => {
                    pi = rp;
                    wi = rw + 1;
                    restart = Some((rp, rw + 1));
                }
                None => return false,
            }
        }
        p.get(pi..)
            .unwrap_or_default()
            .iter()
            .all(|x| *x == Part::Any)
    }
}

/// The words of a strategy, ready to be compared with the words of documents.
#[derive(Debug, Default)]
pub struct Terms {
    /// The strategy's whole words, as written (stemmed per language on demand).
    words: Vec<String>,
    /// Their unstemmed forms.
    raw: HashSet<String>,
    patterns: Vec<Glob>,
    /// The words' stems per language (in [`IndexLang::ALL`] order), worked out when a
    /// text in that language is first met. Snippets are built in parallel, so these are
    /// shared without a lock once set.
    stems: [OnceLock<HashSet<String>>; IndexLang::ALL.len()],
}

/// Per-document memo, per language, of which words matched: a long description repeats its
/// words, and stemming each occurrence again is most of the cost of highlighting.
#[derive(Debug, Default)]
pub struct Memo([FxHashMap<String, bool>; IndexLang::ALL.len()]);

/// Where `lang` is in [`IndexLang::ALL`].
fn slot(lang: IndexLang) -> usize {
    IndexLang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

impl Terms {
    /// The text words of a parsed strategy.
    pub fn from_ast(ast: &Ast) -> Terms {
        let (patterns, words): (Vec<String>, Vec<String>) = ast
            .text_words()
            .into_iter()
            .filter(|w| !w.is_empty())
            .partition(|w| w.contains(['*', '?']));
        Terms::new(words, &patterns)
    }

    /// The text words of a parsed strategy and of every history set (`#n`) it contains,
    /// `history` giving the text of strategy `n` (see [`Ast::text_words_with`]).
    pub fn from_ast_with(ast: &Ast, history: &dyn Fn(u32) -> Option<String>) -> Terms {
        let (patterns, words): (Vec<String>, Vec<String>) = ast
            .text_words_with(history)
            .into_iter()
            .filter(|w| !w.is_empty())
            .partition(|w| w.contains(['*', '?']));
        Terms::new(words, &patterns)
    }

    /// The text words of `query`; none when it does not parse.
    pub fn of_query(query: &str) -> Terms {
        crate::query::parse(query)
            .map(|ast| Terms::from_ast(&ast))
            .unwrap_or_default()
    }

    /// Whole `words` and truncated `patterns` (`*` any run, `?` one character).
    pub fn new(words: Vec<String>, patterns: &[String]) -> Terms {
        let raw = words.iter().flat_map(|w| analyze(w, None)).collect();
        Terms {
            words,
            raw,
            patterns: patterns.iter().map(|p| Glob::new(p)).collect(),
            stems: Default::default(),
        }
    }

    /// Whether there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty() && self.patterns.is_empty()
    }

    fn stems(&self, lang: IndexLang) -> &HashSet<String> {
        self.stems[slot(lang)].get_or_init(|| {
            self.words
                .iter()
                .flat_map(|w| analyze(w, Some(lang)))
                .collect()
        })
    }

    /// Whether one word of a text in `lang` matches: `word` as it is written, `folded` its
    /// unstemmed form.
    fn matches(&self, word: &str, folded: &str, lang: IndexLang) -> bool {
        if self.raw.contains(folded) {
            return true;
        }
        if !self.patterns.is_empty() {
            let chars: Vec<char> = folded.chars().collect();
            if self.patterns.iter().any(|p| p.matches(&chars)) {
                return true;
            }
        }
        let stems = self.stems(lang);
        !stems.is_empty()
            && analyze(word, Some(lang))
                .first()
                .is_some_and(|s| stems.contains(s))
    }

    /// Byte ranges of the matching words of `text` (written in `lang`).
    pub fn highlight(&self, text: &str, lang: &Lang) -> Vec<[usize; 2]> {
        self.highlight_with(text, lang, &mut Memo::default())
    }

    /// As [`Terms::highlight`], remembering in `memo` which words matched (for the many
    /// texts of one document).
    pub fn highlight_with(&self, text: &str, lang: &Lang, memo: &mut Memo) -> Vec<[usize; 2]> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let l = IndexLang::of(lang);
        let memo = &mut memo.0[slot(l)];
        for_each_word(text, |s, e, folded| {
            let word = text.get(s..e).unwrap_or_default();
            let hit = match memo.get(word) {
                Some(hit) => *hit,
                None => {
                    let hit = self.matches(word, folded, l);
                    memo.insert(word.to_string(), hit);
                    hit
                }
            };
            if hit {
                out.push([s, e]);
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits(pattern: &str, word: &str) -> bool {
        Glob::new(pattern).matches(&word.chars().collect::<Vec<_>>())
    }

    #[test]
    fn truncation_fits_as_a_glob() {
        assert!(fits("pump*", "pumps"));
        assert!(fits("pump*", "pump"));
        assert!(!fits("pump*", "pum"));
        assert!(fits("colo?r", "colour"));
        assert!(!fits("colo?r", "color"));
        assert!(fits("*tion", "station"));
        assert!(fits("a*e*", "apex"));
        assert!(fits("a*b*c", "aXbYbZc"));
        assert!(!fits("a*b*c", "aXbYbZ"));
        assert!(fits("**", ""));
        assert!(!fits("?", ""));
        assert!(fits("*a?", "banan"));
        assert!(!fits("*a?", "banana"));
        // Fixed parts are folded as the text is.
        assert!(fits("Élé*", "element"));
    }

    #[test]
    fn a_pattern_with_many_stars_against_a_long_word_takes_bounded_steps() {
        let pattern = format!("{}b", "a*".repeat(40));
        let word: Vec<char> = "a".repeat(10_000).chars().collect();
        let glob = Glob::new(&pattern);
        let mut steps = 0;
        assert!(!glob.matches_counting(&word, &mut steps));
        let bound = (word.len() as u64 + 1) * (glob.0.len() as u64 + 1);
        assert!(steps <= bound, "{steps} steps, bound {bound}");
        // And the same word ending in `b` fits.
        let mut word = word;
        word.push('b');
        assert!(glob.matches_counting(&word, &mut 0));
    }

    #[test]
    fn stemmed_unstemmed_and_split_words_match() {
        let t = Terms::new(vec!["pumps".into(), "e-mail".into()], &["photo*".into()]);
        let en = Lang::en();
        let text = "Pumping, a pump, PHOTOVOLTAIC e-mail: mail";
        let marked: Vec<&str> = t
            .highlight(text, &en)
            .iter()
            .map(|[s, e]| text.get(*s..*e).unwrap_or_default())
            .collect();
        assert_eq!(
            marked,
            ["Pumping", "pump", "PHOTOVOLTAIC", "e", "mail", "mail"]
        );
        assert!(Terms::of_query("pump AND (").is_empty());
        assert!(Terms::of_query("pd<2015").is_empty());
    }
}
