//! A document laid out for the viewer — every field, numbered claims, description
//! paragraphs — with the words that match the strategy marked.
//!
//! Which words match is decided by [`crate::search::highlight`], as for result snippets: a
//! word matches when its unstemmed or stemmed form (in the language of its text, as the
//! index analyses it) equals that of a word of the strategy, or when its folded form fits a
//! truncated word (`pump*`, `colo?r`). Words under `NOT` and non-text fields (dates,
//! classes, numbers) are not highlighted.

use crate::model::{Document, Lang};
use crate::search::highlight::{Memo, Terms};

/// What a line of the viewer shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A section heading (Abstract, Claims…).
    Heading,
    /// `Label: value` bibliographic data.
    Field,
    /// Running text: a title, an abstract, a claim, a paragraph.
    Text,
    /// An empty separator line.
    Blank,
}

/// One logical line (wrapped by the view), with the byte ranges of matching words.
#[derive(Debug, Clone, PartialEq)]
pub struct DocLine {
    pub kind: LineKind,
    pub text: String,
    pub matches: Vec<(usize, usize)>,
}

struct Layout<'a> {
    terms: Terms,
    memo: Memo,
    lines: Vec<DocLine>,
    labels: &'a super::strings::Strings,
}

impl Layout<'_> {
    fn push(&mut self, kind: LineKind, text: String, lang: Option<&Lang>) {
        let matches = match lang {
            Some(lang) => self
                .terms
                .highlight_with(&text, lang, &mut self.memo)
                .into_iter()
                .map(|[s, e]| (s, e))
                .collect(),
            None => Vec::new(),
        };
        self.lines.push(DocLine {
            kind,
            text,
            matches,
        });
    }

    fn field(&mut self, label: &str, value: &str) {
        if !value.trim().is_empty() {
            self.push(LineKind::Field, format!("{label}: {value}"), None);
        }
    }

    fn heading(&mut self, label: &str, lang: Option<&Lang>) {
        if !self.lines.is_empty() {
            self.push(LineKind::Blank, String::new(), None);
        }
        let text = match lang {
            Some(l) => format!("{label} ({})", l.as_str()),
            None => label.to_string(),
        };
        self.push(LineKind::Heading, text, None);
    }
}

/// The strategy whose words the viewer marks: `query` itself, or when it contains history
/// sets (`#4 AND #5`), its words and those of every strategy it contains (from `history`,
/// recursively), written as one `OR` of words.
pub fn with_sets(query: &str, history: &[(u32, String)]) -> String {
    let Ok(ast) = crate::query::parse(query) else {
        return query.to_string();
    };
    if ast.set_references().is_empty() {
        return query.to_string();
    }
    let lookup = |n: u32| {
        history
            .iter()
            .find(|(m, _)| *m == n)
            .map(|(_, q)| q.clone())
    };
    let words: Vec<String> = ast
        .text_words_with(&lookup)
        .into_iter()
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.contains(['*', '?']) || !crate::query::Ast::word_needs_quotes(&w) {
                w
            } else {
                format!("\"{}\"", w.replace('"', ""))
            }
        })
        .collect();
    words.join(" OR ")
}

/// Lay `doc` out for the viewer, marking the words that match `query`.
pub fn layout(doc: &Document, query: &str, strings: &super::strings::Strings) -> Vec<DocLine> {
    let mut l = Layout {
        terms: Terms::of_query(query),
        memo: Memo::default(),
        lines: Vec::new(),
        labels: strings,
    };
    let s = l.labels;
    for t in &doc.biblio.titles {
        l.push(LineKind::Text, t.text.clone(), Some(&t.lang));
    }
    l.push(LineKind::Blank, String::new(), None);
    l.field("Id", &doc.biblio.id);
    let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    l.field(s.published, &date(doc.biblio.publication_date));
    l.field(s.filed, &date(doc.biblio.filing_date));
    let prio: Vec<String> = doc
        .priorities
        .iter()
        .map(|p| {
            format!("{} {} {}", p.country, p.number, date(p.date))
                .trim()
                .to_string()
        })
        .collect();
    l.field(s.priority, &prio.join("; "));
    l.field(s.applicants, &doc.biblio.applicants.join("; "));
    l.field(s.inventors, &doc.biblio.inventors.join("; "));
    l.field(s.authors, &doc.biblio.authors.join("; "));
    l.field(s.journal, doc.biblio.journal.as_deref().unwrap_or(""));
    let ipc: Vec<String> = doc.biblio.ipc.iter().map(ToString::to_string).collect();
    l.field("IPC", &ipc.join("; "));
    let cpc: Vec<String> = doc.biblio.cpc.iter().map(ToString::to_string).collect();
    l.field("CPC", &cpc.join("; "));
    l.field(s.family, doc.biblio.family_id.as_deref().unwrap_or(""));
    l.field("DOI", doc.biblio.doi.as_deref().unwrap_or(""));
    l.field("PMID", doc.biblio.pmid.as_deref().unwrap_or(""));
    l.field(s.language, doc.biblio.lang.as_str());
    l.field(s.source, &doc.source.file);
    for a in &doc.biblio.abstracts {
        l.heading(s.abstract_, Some(&a.lang));
        l.push(LineKind::Text, a.text.clone(), Some(&a.lang));
    }
    for set in &doc.claims {
        l.heading(s.claims, Some(&set.lang));
        for c in &set.claims {
            l.push(
                LineKind::Text,
                format!("{}. {}", c.num, c.text),
                Some(&set.lang),
            );
        }
    }
    for d in &doc.description {
        l.heading(s.description, Some(&d.lang));
        for p in &d.paragraphs {
            let text = match &p.num {
                Some(n) if !n.starts_with('[') => format!("[{n}] {}", p.text),
                Some(n) => format!("{n} {}", p.text),
                None => p.text.clone(),
            };
            let kind = if p.heading {
                LineKind::Heading
            } else {
                LineKind::Text
            };
            l.push(kind, text, Some(&d.lang));
        }
    }
    l.lines
}

/// Indices of the lines holding at least one match, in order.
pub fn match_lines(lines: &[DocLine]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.matches.is_empty())
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Biblio, Claim, ClaimSet, LangText};

    fn doc() -> Document {
        Document {
            biblio: Biblio {
                id: "US1B2".into(),
                lang: Lang::en(),
                titles: vec![LangText {
                    lang: Lang::en(),
                    text: "Solar pumping station".into(),
                }],
                ..Biblio::default()
            },
            claims: vec![
                ClaimSet {
                    lang: Lang::en(),
                    claims: vec![Claim {
                        num: 1,
                        text: "A pump driven by a photovoltaic panel.".into(),
                        depends_on: vec![],
                    }],
                },
                ClaimSet {
                    lang: Lang::new("fr"),
                    claims: vec![Claim {
                        num: 1,
                        text: "Une pompe solaire.".into(),
                        depends_on: vec![],
                    }],
                },
            ],
            ..Document::default()
        }
    }

    fn marked(lines: &[DocLine]) -> Vec<String> {
        lines
            .iter()
            .flat_map(|l| l.matches.iter().map(|(s, e)| l.text[*s..*e].to_string()))
            .collect()
    }

    #[test]
    fn stemmed_and_truncated_words_are_marked_in_their_language() {
        let lines = layout(
            &doc(),
            "pump AND photo* AND pompes NOT solar",
            &super::super::strings::EN,
        );
        assert_eq!(marked(&lines), ["pumping", "pump", "photovoltaic", "pompe"]);
        assert!(lines
            .iter()
            .any(|l| l.text == "1. A pump driven by a photovoltaic panel."));
        assert_eq!(match_lines(&lines).len(), 3);
    }

    #[test]
    fn a_query_that_does_not_parse_marks_nothing() {
        let lines = layout(&doc(), "pump AND (", &super::super::strings::EN);
        assert!(marked(&lines).is_empty());
        assert!(lines.iter().any(|l| l.kind == LineKind::Heading));
    }

    #[test]
    fn a_many_star_truncation_against_a_long_word_is_laid_out() {
        let mut d = doc();
        d.biblio.abstracts = vec![LangText {
            lang: Lang::en(),
            text: format!("{} {}b", "a".repeat(10_000), "a".repeat(40)),
        }];
        let query = format!("{}b", "a*".repeat(40));
        let lines = layout(&d, &query, &super::super::strings::EN);
        assert_eq!(marked(&lines), [format!("{}b", "a".repeat(40))]);
    }

    #[test]
    fn date_and_class_fields_are_not_highlighted() {
        let lines = layout(
            &doc(),
            "pd<2015 AND ipc:F04B AND ti:solar",
            &super::super::strings::EN,
        );
        assert_eq!(
            marked(&lines),
            ["Solar"],
            "the French stem of `solar` is not that of `solaire`"
        );
    }
}
