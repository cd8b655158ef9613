//! The query set of the scale benchmark, derived from the generator's tables and the seed
//! (the same seed gives the same queries), each strategy written three times: in tisc's
//! query language, in tantivy's `QueryParser` syntax for the twin, and as an SQLite FTS5
//! `MATCH` expression (with a date filter where the class needs one).
//!
//! Words are picked by frequency band of the generator's vocabulary (common, mid, rare),
//! IPC subclasses from its table of real symbols, dates from its 1995–2024 range.

use crate::gen::rng::Rng;
use crate::gen::tables::Tables;
use crate::gen::Profile;
use serde::{Deserialize, Serialize};

/// The classes of strategy, in the order of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Boolean,
    Truncation,
    NearAdj,
    Classification,
    Date,
    FreeText,
    Qbe,
}

impl Class {
    pub const ALL: [Class; 7] = [
        Class::Boolean,
        Class::Truncation,
        Class::NearAdj,
        Class::Classification,
        Class::Date,
        Class::FreeText,
        Class::Qbe,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Boolean => "boolean",
            Class::Truncation => "truncation",
            Class::NearAdj => "near-adj",
            Class::Classification => "classification",
            Class::Date => "date",
            Class::FreeText => "free-text",
            Class::Qbe => "qbe",
        }
    }

    /// Whether the twin's matching-document count is compared with tisc's for this class,
    /// and why (or why not).
    pub fn comparison(self) -> (bool, &'static str) {
        match self {
            Class::Boolean => (true, "whole words with AND/OR/NOT on title, abstract and claims; on non-English documents tisc folds accents and stems with the document's language, the twin stems everything as English"),
            Class::Truncation => (false, "the twin expands the prefix over its stemmed terms; tisc truncates unstemmed words"),
            Class::NearAdj => (false, "the twin's \"a b\"~N is an ordered phrase with slop; tisc's NEAR is unordered and ADJ counts words between"),
            Class::Classification => (true, "every level of each IPC symbol is a raw token in the twin, as tisc's hierarchy matches (the word as in Boolean)"),
            Class::Date => (true, "a whole-day range on the publication date in both (the word as in Boolean)"),
            Class::FreeText => (false, "ranked retrieval (BM25F against BM25 over the OR of the words): counts differ by design"),
            Class::Qbe => (false, "tisc selects and weights terms; the twin runs the OR of tisc's terms, selection untimed"),
        }
    }
}

/// One strategy in the three systems' syntaxes. `date` is the FTS5 filter
/// (`pd BETWEEN lo AND hi`, as YYYYMMDD numbers), since FTS5 has no date operator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub class: Class,
    pub tisc: String,
    /// `QueryParser` syntax over the default fields title, abstract and claims; `word*`
    /// is expanded by the twin from its term dictionary.
    pub twin: String,
    pub fts5: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<(u32, u32)>,
}

/// Words that are operators in one of the three syntaxes.
const RESERVED: &[&str] = &[
    "and", "or", "not", "near", "adj", "same", "with", "to", "in",
];

/// The vocabulary's words usable in every syntax, most frequent first: lower-case ASCII
/// letters only, at least four of them, no operator.
fn usable<'a>(words: &[&'a str]) -> Vec<&'a str> {
    words
        .iter()
        .copied()
        .filter(|w| w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .filter(|w| !RESERVED.contains(w))
        .collect()
}

/// Frequency bands by rank among the usable words.
struct Bands<'a> {
    common: Vec<&'a str>,
    mid: Vec<&'a str>,
    rare: Vec<&'a str>,
}

impl<'a> Bands<'a> {
    fn new(words: &[&'a str]) -> Bands<'a> {
        let w = usable(words);
        let band = |a: usize, b: usize| -> Vec<&'a str> {
            let (a, b) = (a.min(w.len()), b.min(w.len()));
            w.get(a..b).map(<[_]>::to_vec).unwrap_or_default()
        };
        Bands {
            common: band(30, 300),
            mid: band(300, 1500),
            rare: band(1500, 5000),
        }
    }

    fn pick(rng: &mut Rng, band: &[&'a str]) -> &'a str {
        band.get(rng.index(band.len())).copied().unwrap_or("device")
    }
    fn common(&self, rng: &mut Rng) -> &'a str {
        Self::pick(rng, &self.common)
    }
    fn mid(&self, rng: &mut Rng) -> &'a str {
        Self::pick(rng, &self.mid)
    }
    fn rare(&self, rng: &mut Rng) -> &'a str {
        Self::pick(rng, &self.rare)
    }
}

/// The FTS5 expression limited to the default fields.
fn fts_default(expr: &str) -> String {
    format!("{{title abstract claims}} : ({expr})")
}

/// `n` queries of every class for `profile`, from `seed`.
pub fn build(tables: &Tables, profile: Profile, seed: u64, n: usize) -> Vec<Query> {
    let vocab = match profile {
        Profile::Article => &tables.en_article,
        _ => &tables.en_patent,
    };
    let bands = Bands::new(&vocab.words.items);
    // IPC subclasses (four characters, `H01L`) of the real symbols, most frequent first.
    let mut subclasses: Vec<String> = Vec::new();
    for s in &tables.ipc.items {
        let sc: String = s.chars().take(4).collect();
        if sc.chars().count() == 4 && !subclasses.contains(&sc) {
            subclasses.push(sc);
        }
    }
    let mut rng = Rng::new(seed, 0x5CA1E);
    let mut out = Vec::new();
    for i in 0..n {
        let (a, b, c) = (
            bands.common(&mut rng),
            bands.mid(&mut rng),
            bands.rare(&mut rng),
        );
        let (tisc, twin, fts) = match i % 5 {
            0 => (
                format!("{a} AND {b}"),
                format!("+{a} +{b}"),
                format!("{a} AND {b}"),
            ),
            1 => (
                format!("{b} OR {c}"),
                format!("{b} {c}"),
                format!("{b} OR {c}"),
            ),
            2 => (
                format!("{a} AND {b} NOT {c}"),
                format!("+{a} +{b} -{c}"),
                format!("({a} AND {b}) NOT {c}"),
            ),
            3 => (
                format!("{a} AND ({b} OR {c})"),
                format!("+{a} +({b} {c})"),
                format!("{a} AND ({b} OR {c})"),
            ),
            _ => {
                let d = bands.common(&mut rng);
                (
                    format!("{a} AND {d} AND {b}"),
                    format!("+{a} +{d} +{b}"),
                    format!("{a} AND {d} AND {b}"),
                )
            }
        };
        out.push(Query {
            class: Class::Boolean,
            tisc,
            twin,
            fts5: fts_default(&fts),
            date: None,
        });
    }
    for i in 0..n {
        let stem: String = bands.mid(&mut rng).chars().take(4 + i % 2).collect();
        let a = bands.common(&mut rng);
        out.push(Query {
            class: Class::Truncation,
            tisc: format!("{stem}* AND {a}"),
            twin: format!("+{stem}* +{a}"),
            fts5: fts_default(&format!("{stem}* AND {a}")),
            date: None,
        });
    }
    for i in 0..n {
        let (a, b) = (bands.common(&mut rng), bands.common(&mut rng));
        let (op, k) = if i % 2 == 0 { ("NEAR", 5) } else { ("ADJ", 3) };
        out.push(Query {
            class: Class::NearAdj,
            tisc: format!("{a} {op}/{k} {b}"),
            twin: format!("\"{a} {b}\"~{k}"),
            fts5: fts_default(&format!("NEAR({a} {b}, {k})")),
            date: None,
        });
    }
    for _ in 0..n {
        let top = subclasses.len().min(60);
        let sc = subclasses
            .get(rng.index(top))
            .cloned()
            .unwrap_or_else(|| "G06F".into());
        let a = bands.common(&mut rng);
        out.push(Query {
            class: Class::Classification,
            tisc: format!("ipc:{sc} AND {a}"),
            twin: format!("+ipc:{sc} +{a}"),
            fts5: format!("ipc : {} AND {}", sc.to_ascii_lowercase(), fts_default(a)),
            date: None,
        });
    }
    for _ in 0..n {
        let a = bands.common(&mut rng);
        let y1 = 1995 + rng.below(27) as u32;
        let y2 = y1 + rng.between(0, 3) as u32;
        out.push(Query {
            class: Class::Date,
            tisc: format!("pd:[{y1}-01-01 TO {y2}-12-31] AND {a}"),
            twin: format!("+{a} +pd:[{y1}-01-01T00:00:00Z TO {y2}-12-31T00:00:00Z]"),
            fts5: fts_default(a),
            date: Some((y1 * 10000 + 101, y2 * 10000 + 1231)),
        });
    }
    for _ in 0..n {
        let k = rng.between(5, 9) as usize;
        let words: Vec<&str> = (0..k)
            .map(|j| {
                if j % 3 == 0 {
                    bands.mid(&mut rng)
                } else {
                    bands.common(&mut rng)
                }
            })
            .collect();
        out.push(Query {
            class: Class::FreeText,
            tisc: words.join(" "),
            twin: words.join(" "),
            fts5: fts_default(&words.join(" OR ")),
            date: None,
        });
    }
    for _ in 0..n {
        // A disclosure of ~200 words drawn by the vocabulary's frequencies (stop words too).
        let words: Vec<&str> = (0..200).map(|_| *vocab.words.pick(&mut rng)).collect();
        out.push(Query {
            class: Class::Qbe,
            tisc: words.join(" "),
            // Filled by the tisc side with the OR of the terms it selected.
            twin: String::new(),
            fts5: String::new(),
            date: None,
        });
    }
    out
}

/// The nearest-rank percentile `p` (0–100) of sorted values: the smallest value with at
/// least p % of the values at or below it.
pub fn nearest_rank(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(sorted.len()) - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> Vec<Query> {
        build(&Tables::load().unwrap(), Profile::Patent, 1, 10)
    }

    #[test]
    fn the_same_seed_gives_the_same_queries_and_another_seed_others() {
        let t = Tables::load().unwrap();
        assert_eq!(set(), build(&t, Profile::Patent, 1, 10));
        assert_ne!(set(), build(&t, Profile::Patent, 2, 10));
    }

    #[test]
    fn every_class_has_n_queries_and_every_tisc_strategy_parses() {
        let qs = set();
        for c in Class::ALL {
            assert_eq!(qs.iter().filter(|q| q.class == c).count(), 10, "{c:?}");
        }
        for q in qs
            .iter()
            .filter(|q| !matches!(q.class, Class::FreeText | Class::Qbe))
        {
            tisc::query::parse(&q.tisc).unwrap_or_else(|e| panic!("{}: {e:?}", q.tisc));
        }
    }

    #[test]
    fn translations_keep_the_operators() {
        let qs = set();
        let b: Vec<&Query> = qs.iter().filter(|q| q.class == Class::Boolean).collect();
        let words: Vec<&str> = b[2].tisc.split(' ').collect();
        let (a, x, c) = (words[0], words[2], words[4]);
        assert_eq!(b[2].tisc, format!("{a} AND {x} NOT {c}"));
        assert_eq!(b[2].twin, format!("+{a} +{x} -{c}"));
        assert_eq!(
            b[2].fts5,
            format!("{{title abstract claims}} : (({a} AND {x}) NOT {c})")
        );
        let near = qs.iter().find(|q| q.class == Class::NearAdj).unwrap();
        let w: Vec<&str> = near.tisc.split(' ').collect();
        assert_eq!(near.twin, format!("\"{} {}\"~5", w[0], w[2]));
        assert!(near.fts5.contains(&format!("NEAR({} {}, 5)", w[0], w[2])));
        let date = qs.iter().find(|q| q.class == Class::Date).unwrap();
        let (lo, hi) = date.date.unwrap();
        assert!(lo % 10000 == 101 && hi % 10000 == 1231 && lo < hi);
        assert!(date
            .twin
            .contains(&format!("pd:[{}-01-01T00:00:00Z TO", lo / 10000)));
    }

    #[test]
    fn query_words_are_plain_and_no_operator() {
        for q in set().iter().filter(|q| q.class == Class::Boolean) {
            for w in q.tisc.split([' ', '(', ')']).filter(|w| !w.is_empty()) {
                if ["AND", "OR", "NOT"].contains(&w) {
                    continue;
                }
                assert!(
                    w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase()),
                    "{w}"
                );
                assert!(!RESERVED.contains(&w));
            }
        }
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(nearest_rank(&v, 50.0), Some(10.0));
        assert_eq!(nearest_rank(&v, 95.0), Some(19.0));
        assert_eq!(nearest_rank(&v, 99.0), Some(20.0));
        assert_eq!(nearest_rank(&v, 0.0), Some(1.0));
        assert_eq!(nearest_rank(&[7.0], 99.0), Some(7.0));
        assert_eq!(nearest_rank(&[], 50.0), None);
    }
}
