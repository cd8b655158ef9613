//! Snippets and highlights: which words of a document a strategy matched, and the passage
//! that shows them best — the matching claim first for patents.
//!
//! Works from the parsed strategy, so words found through stemming, truncation, phrases and
//! proximity are all highlighted (each word of a phrase or proximity expression is marked;
//! words under `NOT` are not); [`super::highlight`] decides which words match.

use super::highlight::{Memo, Terms};
use crate::index::analysis::fold;
use crate::model::{DocKind, Document, Lang};
use crate::query::Ast;
use serde::Serialize;
use std::collections::HashSet;

/// A passage of a document with the byte ranges of matched words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Snippet {
    /// Where the passage is: `claim 3`, `abstract`, `title`, `description [0012]`.
    pub field: String,
    pub text: String,
    /// Byte ranges in `text` of the matched words.
    pub highlights: Vec<[usize; 2]>,
}

impl Snippet {
    /// The text with matches wrapped in `open` … `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for [s, e] in &self.highlights {
            out.push_str(self.text.get(last..*s).unwrap_or_default());
            out.push_str(open);
            out.push_str(self.text.get(*s..*e).unwrap_or_default());
            out.push_str(close);
            last = *e;
        }
        out.push_str(self.text.get(last..).unwrap_or_default());
        out
    }
}

/// Finds the passage of a document that shows a strategy's matches best; which words match
/// is decided by [`Terms`], as in the document viewer.
#[derive(Debug, Default)]
pub struct Highlighter {
    terms: Terms,
}

impl Highlighter {
    pub fn from_ast(ast: &Ast) -> Highlighter {
        Highlighter {
            terms: Terms::from_ast(ast),
        }
    }

    /// The words of `ast` and of the history sets it contains (`history`: the text of `#n`).
    pub fn from_ast_with(ast: &Ast, history: &dyn Fn(u32) -> Option<String>) -> Highlighter {
        Highlighter {
            terms: Terms::from_ast_with(ast, history),
        }
    }

    /// Whole `words` and truncated `patterns` (`*` any run, `?` one character).
    pub fn new(words: Vec<String>, patterns: &[String]) -> Highlighter {
        Highlighter {
            terms: Terms::new(words, patterns),
        }
    }

    /// Byte ranges of matched words in `text` (written in `lang`).
    pub fn highlight(&self, text: &str, lang: &Lang) -> Vec<[usize; 2]> {
        self.terms.highlight(text, lang)
    }

    /// The passage that shows the matches best: for patents the matching claim with the most
    /// distinct matched words, else the abstract, title or a description paragraph.
    pub fn snippet(&self, doc: &Document, max_chars: usize) -> Option<Snippet> {
        let mut candidates: Vec<Candidate> = Vec::new();
        let claims = doc.claims.iter().flat_map(|set| {
            set.claims
                .iter()
                .map(move |c| (format!("claim {}", c.num), c.text.as_str(), &set.lang))
        });
        let abstracts = doc
            .biblio
            .abstracts
            .iter()
            .map(|a| ("abstract".to_string(), a.text.as_str(), &a.lang));
        let titles = doc
            .biblio
            .titles
            .iter()
            .map(|t| ("title".to_string(), t.text.as_str(), &t.lang));
        let paras = doc.description.iter().flat_map(|d| {
            d.paragraphs.iter().map(move |p| {
                let at = p.num.as_ref().map_or_else(
                    || "description".to_string(),
                    |n| format!("description [{n}]"),
                );
                (at, p.text.as_str(), &d.lang)
            })
        });
        if doc.biblio.kind == DocKind::Patent {
            candidates.extend(claims);
            candidates.extend(abstracts);
        } else {
            candidates.extend(abstracts);
            candidates.extend(claims);
        }
        candidates.extend(titles);
        candidates.extend(paras);
        // Tiers: the main text (claims of a patent, abstract of an article) wins whenever it
        // matches at all; within a tier, the passage with most distinct matched words.
        let main_tier = doc.claims.iter().map(|c| c.claims.len()).sum::<usize>();
        let main_tier = if doc.biblio.kind == DocKind::Patent {
            main_tier
        } else {
            doc.biblio.abstracts.len()
        };
        let mut best: Option<Best> = None;
        let mut memo = Memo::default();
        for (i, (field, text, lang)) in candidates.into_iter().enumerate() {
            if i >= main_tier && best.as_ref().is_some_and(|b| b.index < main_tier) {
                break;
            }
            let hl = self.terms.highlight_with(text, lang, &mut memo);
            if hl.is_empty() {
                continue;
            }
            let distinct: HashSet<String> = hl
                .iter()
                .map(|[s, e]| fold(text.get(*s..*e).unwrap_or_default()))
                .collect();
            let score = distinct.len();
            if best
                .as_ref()
                .is_none_or(|b| score > b.distinct || (score == b.distinct && i < b.index))
            {
                best = Some(Best {
                    distinct: score,
                    index: i,
                    field,
                    text,
                    highlights: hl,
                });
            }
        }
        let best = best?;
        Some(window(best.field, best.text, &best.highlights, max_chars))
    }
}

/// A passage that may hold matches: where it is, its text, its language.
type Candidate<'a> = (String, &'a str, &'a Lang);
/// The best passage so far.
struct Best<'a> {
    /// How many distinct words it matches.
    distinct: usize,
    /// Its place among the candidates (the earlier wins a tie).
    index: usize,
    field: String,
    text: &'a str,
    highlights: Vec<[usize; 2]>,
}

/// Cut `text` to about `max_chars` around its densest stretch of matches.
fn window(field: String, text: &str, hl: &[[usize; 2]], max_chars: usize) -> Snippet {
    if text.len() <= max_chars {
        return Snippet {
            field,
            text: text.to_string(),
            highlights: hl.to_vec(),
        };
    }
    // Start at the match after which the most matches fit in the window.
    let mut start = hl[0][0];
    let mut most = 0;
    for (i, h) in hl.iter().enumerate() {
        let n = hl[i..]
            .iter()
            .take_while(|x| x[1] <= h[0] + max_chars)
            .count();
        if n > most {
            most = n;
            start = h[0];
        }
    }
    let mut s = start.saturating_sub(max_chars / 5);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    // Begin at a word boundary.
    if s > 0 {
        if let Some(sp) = text.get(s..start).unwrap_or_default().find(' ') {
            s += sp + 1;
        }
    }
    let mut e = (s + max_chars).min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    if e < text.len() {
        if let Some(sp) = text
            .get(..e)
            .unwrap_or_default()
            .rfind(' ')
            .filter(|sp| *sp > s)
        {
            e = sp;
        }
    }
    let prefix = if s > 0 { "…" } else { "" };
    let suffix = if e < text.len() { "…" } else { "" };
    let shift = prefix.len();
    let highlights = hl
        .iter()
        .filter(|[a, b]| *a >= s && *b <= e)
        .map(|[a, b]| [a - s + shift, b - s + shift])
        .collect();
    Snippet {
        field,
        text: format!("{prefix}{}{suffix}", text.get(s..e).unwrap_or_default()),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Biblio, Claim, ClaimSet, LangText};

    fn doc() -> Document {
        Document {
            biblio: Biblio {
                id: "X".into(),
                lang: Lang::en(),
                titles: vec![LangText {
                    lang: Lang::en(),
                    text: "Water pump".into(),
                }],
                abstracts: vec![LangText {
                    lang: Lang::en(),
                    text: "A pump for wells.".into(),
                }],
                ..Biblio::default()
            },
            claims: vec![ClaimSet {
                lang: Lang::en(),
                claims: vec![
                    Claim {
                        num: 1,
                        text: "A frame holding a panel.".into(),
                        depends_on: vec![],
                    },
                    Claim {
                        num: 2,
                        text: "The pumps of claim 1 driven by photovoltaic panels.".into(),
                        depends_on: vec![1],
                    },
                ],
            }],
            ..Document::default()
        }
    }

    #[test]
    fn near_and_truncation_matches_are_highlighted_in_the_best_claim() {
        let ast = crate::query::parse("(pump NEAR/5 photo*) NOT frame").unwrap();
        let s = Highlighter::from_ast(&ast).snippet(&doc(), 200).unwrap();
        assert_eq!(s.field, "claim 2");
        assert_eq!(
            s.marked("[", "]"),
            "The [pumps] of claim 1 driven by [photovoltaic] panels."
        );
    }

    #[test]
    fn long_text_is_cut_around_the_matches() {
        let text = format!(
            "{} solar pump here {}",
            "filler ".repeat(60),
            "tail ".repeat(60)
        );
        let d = Document {
            biblio: Biblio {
                abstracts: vec![LangText {
                    lang: Lang::en(),
                    text,
                }],
                ..Biblio::default()
            },
            ..Document::default()
        };
        let s = Highlighter::new(vec!["solar".into()], &["pum*".into()])
            .snippet(&d, 80)
            .unwrap();
        assert!(s.text.len() <= 90, "{}", s.text);
        assert!(
            s.marked("[", "]").contains("[solar] [pump]"),
            "{}",
            s.marked("[", "]")
        );
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
    }
}
