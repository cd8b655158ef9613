//! Query by example: an invention disclosure (free text of any length) becomes a strategy of
//! weighted key terms, selected by how often the disclosure uses a word and how rare the
//! word is in the target corpus (BM25-style term selection, "more like this"). Optionally
//! the strategy is expanded with terms from the best first-pass documents (pseudo-relevance
//! feedback in the manner of RM3).

use crate::index::analysis::{analyze, IndexLang};
use crate::index::{CorpusIndex, TextCode};
pub use crate::lang::guess::{
    content_word_count, fallback, guess_lang, guess_lang_or, LangGuess, LangSource,
    MIN_CONTENT_WORDS,
};
use crate::lang::guess::{is_stopword, vote};
use crate::model::{Document, Lang};
use crate::search::{SearchError, Session};
use std::collections::HashMap;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::Term;

/// A selected term: the word as the disclosure writes it, its stem, its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTerm {
    pub word: String,
    pub stem: String,
    pub weight: f32,
}

/// The words of `text` that can be key terms (not function words, not numbers, three
/// letters or more), by stem: how often the stem occurs and how often each written form.
fn content_words(text: &str, lang: &Lang) -> HashMap<String, (u32, HashMap<String, u32>)> {
    let raw = analyze(text, None);
    let stems = analyze(text, Some(IndexLang::of(lang)));
    let mut tf: HashMap<String, (u32, HashMap<String, u32>)> = HashMap::new();
    for (r, s) in raw.iter().zip(&stems) {
        if r.chars().count() < 3
            || r.chars().all(|c| c.is_ascii_digit())
            || is_stopword(lang.as_str(), r)
        {
            continue;
        }
        let e = tf.entry(s.clone()).or_default();
        e.0 += 1;
        *e.1.entry(r.clone()).or_default() += 1;
    }
    tf
}

/// Whether `text` has more distinct content words than the `n` key terms query by example
/// keeps, so that selecting them drops some: a disclosure rather than a sentence. `tisc search
/// --batch` runs such queries as query by example, where selection helps (see
/// docs/ranking.md); shorter ones lose nothing to selection and run as free text.
///
/// The function words to leave out are those of the language the text shows most, however
/// few its words (a text too short to guess is short anyway).
pub fn is_long(text: &str, n: usize) -> bool {
    content_words(text, &Lang::new(vote(text))).len() > n
}

/// One corpus as query by example sees it: its fields, its document frequencies and a first
/// pass for the feedback.
pub struct Source<'a> {
    /// The corpus's name.
    pub name: &'a str,
    /// Names the fields (any shard of the corpus).
    pub index: &'a CorpusIndex,
    /// Its document frequencies (a sharded corpus's whole).
    pub stats: &'a dyn Bm25StatisticsProvider,
    /// The ten best documents of a strategy in this corpus, best first, with their scores.
    pub first_pass: FirstPass<'a>,
}

/// A corpus's first pass for the feedback: its best documents for a strategy, with scores.
pub type FirstPass<'a> = Box<dyn Fn(&str) -> Result<Vec<(Document, f32)>, SearchError> + 'a>;

impl<'a> Source<'a> {
    /// A corpus opened as one index.
    pub fn of_session(session: &'a Session<'a>) -> Source<'a> {
        let first_pass = move |q: &str| -> Result<Vec<(Document, f32)>, SearchError> {
            let (first, _) = session.query(q, FEEDBACK_DOCS, &crate::search::no_history)?;
            Ok(first
                .iter()
                .filter_map(|(a, score)| {
                    let doc = session.index.load(&session.searcher, *a).ok()?;
                    Some((doc, *score))
                })
                .collect())
        };
        Source {
            name: &session.index.name,
            index: session.index,
            stats: session.statistics(),
            first_pass: Box::new(first_pass),
        }
    }
}

/// How many first-pass documents of each corpus the feedback may draw from.
pub const FEEDBACK_DOCS: usize = 10;

/// A first-pass document gives feedback words only if it scores at least this share of the
/// best first-pass score (over every corpus): a corpus, or a tail, that barely matches the
/// disclosure adds no words.
pub const FEEDBACK_FLOOR: f32 = 0.3;

/// Of first-pass documents with their scores (from every corpus, BM25 of one strategy), the
/// best `n` that score at least `floor` times the best, best first.
pub fn feedback_documents<T>(mut docs: Vec<(T, f32)>, n: usize, floor: f32) -> Vec<T> {
    docs.sort_by(|a, b| b.1.total_cmp(&a.1));
    let best = docs.first().map_or(0.0, |d| d.1);
    docs.into_iter()
        .take_while(|d| best > 0.0 && d.1 >= floor * best)
        .take(n)
        .map(|d| d.0)
        .collect()
}

/// Pick the `n` best terms of `text` for searching `sources`, with their document
/// frequencies pooled: a word's rarity is its share of the documents of all the corpora,
/// so a word found in any one of them can be chosen (a French disclosure over an English
/// and a French corpus keeps its French words).
pub fn select_terms(sources: &[Source<'_>], text: &str, lang: &Lang, n: usize) -> Vec<KeyTerm> {
    let l = IndexLang::of(lang);
    let tf = content_words(text, lang);
    let total = sources
        .iter()
        .map(|s| s.stats.total_num_docs().unwrap_or(0))
        .sum::<u64>()
        .max(1) as f32;
    let fields: Vec<Vec<_>> = sources
        .iter()
        .map(|s| {
            [TextCode::Ti, TextCode::Ab, TextCode::Cl]
                .into_iter()
                .map(|c| s.index.fields.text(c, l))
                .collect()
        })
        .collect();
    let doc_freq = |stem: &str| -> f32 {
        sources
            .iter()
            .zip(&fields)
            .map(|(s, fields)| {
                fields
                    .iter()
                    .map(|f| {
                        s.stats
                            .doc_freq(&Term::from_field_text(*f, stem))
                            .unwrap_or(0)
                    })
                    .max()
                    .unwrap_or(0)
            })
            .sum::<u64>() as f32
    };
    let mut terms: Vec<KeyTerm> = tf
        .into_iter()
        .filter_map(|(stem, (count, forms))| {
            let df = doc_freq(&stem);
            if df == 0.0 {
                return None;
            }
            let idf = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
            let word = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?
                .0;
            Some(KeyTerm {
                word,
                stem,
                weight: (1.0 + (count as f32).ln()) * idf,
            })
        })
        .collect();
    terms.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.word.cmp(&b.word))
    });
    terms.truncate(n);
    terms
}

/// Feedback terms from the first-pass documents: words frequent in them and rare in the
/// corpora, not already selected.
pub fn feedback_terms(
    sources: &[Source<'_>],
    top: &[Document],
    lang: &Lang,
    have: &[KeyTerm],
    n: usize,
) -> Vec<KeyTerm> {
    let mut text = String::new();
    for d in top {
        text.push_str(d.biblio.title());
        text.push(' ');
        if let Some(ab) = d.biblio.abstract_text() {
            text.push_str(ab);
            text.push(' ');
        }
        for set in d.claims.iter().filter(|s| &s.lang == lang).take(1) {
            for c in set.claims.iter().take(3) {
                text.push_str(&c.text);
                text.push(' ');
            }
        }
    }
    let mut more = select_terms(sources, &text, lang, n + have.len());
    more.retain(|t| !have.iter().any(|h| h.stem == t.stem));
    more.truncate(n);
    // RM3's interpolation: the feedback words together weigh 0.3 of what the disclosure's
    // own words weigh together (their raw weights come from ten documents' worth of text,
    // so they are rescaled, keeping their proportions).
    let have_mass: f32 = have.iter().map(|t| t.weight).sum();
    let more_mass: f32 = more.iter().map(|t| t.weight).sum();
    if more_mass > 0.0 {
        for t in &mut more {
            t.weight *= 0.3 * have_mass / more_mass;
        }
    }
    more
}

/// Query by example from start to end over every corpus of `sources`: the `n` key terms of
/// `text` (their rarity pooled over the corpora) and, with `prf`, ten more from the best
/// first-pass documents of all the corpora that score at least [`FEEDBACK_FLOOR`] of the
/// best. The text's language is guessed, or `fallback` when it is too short (see
/// [`guess_lang_or`]). Returns the terms and the language with where it came from; empty
/// terms when no word of the text is in any corpus.
pub fn example_terms(
    sources: &[Source<'_>],
    text: &str,
    n: usize,
    prf: bool,
    fallback: &LangGuess,
) -> Result<(Vec<KeyTerm>, LangGuess), SearchError> {
    let guess = guess_lang_or(text, fallback);
    let lang = guess.lang.clone();
    let mut terms = select_terms(sources, text, &lang, n);
    if prf && !terms.is_empty() {
        let q = strategy(&terms);
        let mut pool = Vec::new();
        for s in sources {
            pool.extend((s.first_pass)(&q)?);
        }
        let top = feedback_documents(pool, FEEDBACK_DOCS, FEEDBACK_FLOOR);
        let more = feedback_terms(sources, &top, &lang, &terms, 10);
        terms.extend(more);
    }
    Ok((terms, guess))
}

/// The terms as an editable strategy in the query language, each word weighted relative to
/// the strongest (`pump^1 OR solar^0.8 OR well^0.45`): the weights order the hits, and a
/// searcher can change or remove them.
pub fn strategy(terms: &[KeyTerm]) -> String {
    let top = terms.iter().map(|t| t.weight).fold(0.0f32, f32::max);
    terms
        .iter()
        .map(|t| {
            let word = if crate::query::Ast::word_needs_quotes(&t.word) {
                format!("\"{}\"", t.word)
            } else {
                t.word.clone()
            };
            let w = if top > 0.0 { t.weight / top } else { 1.0 };
            // Two significant decimals, never 0 (a weight must be positive).
            let w = ((w * 100.0).round() / 100.0).max(0.01);
            format!("{word}^{w}")
        })
        .collect::<Vec<_>>()
        .join(" OR ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_long_when_it_has_more_content_words_than_key_terms_kept() {
        // Three content stems (pump, pumps and pumping are one): not more than 3.
        let short = "The pump and the pumps, for pumping water from wells.";
        assert!(!is_long(short, 4) && !is_long(short, 3) && is_long(short, 2));
        // Stop words, numbers and words under three letters never count.
        assert!(!is_long("the of and 12 345 ab cd wherein comprising", 0));
        let french = "Une pompe solaire pour les puits et les champs";
        assert!(is_long(french, 3) && !is_long(french, 4));
    }

    #[test]
    fn strategy_text_parses() {
        let t = |w: &str| KeyTerm {
            word: w.into(),
            stem: w.into(),
            weight: 1.0,
        };
        let s = strategy(&[t("pump"), t("solar"), t("AND")]);
        assert_eq!(s, "pump^1 OR solar^1 OR \"AND\"^1");
        crate::query::parse(&s).unwrap();
        let w = |w: &str, x: f32| KeyTerm { weight: x, ..t(w) };
        let s = strategy(&[w("pump", 4.0), w("solar", 3.0), w("well", 0.001)]);
        assert_eq!(s, "pump^1 OR solar^0.75 OR well^0.01");
        crate::query::parse(&s).unwrap();
    }

    #[test]
    fn feedback_comes_only_from_documents_near_the_best_score() {
        let docs = vec![
            ("off", 2.0),
            ("top", 10.0),
            ("near", 6.0),
            ("edge", 5.0),
            ("far", 4.9),
        ];
        assert_eq!(
            feedback_documents(docs.clone(), 10, 0.5),
            ["top", "near", "edge"]
        );
        assert_eq!(feedback_documents(docs.clone(), 2, 0.5), ["top", "near"]);
        // Floor 0 keeps the best ten whatever they score.
        assert_eq!(feedback_documents(docs, 10, 0.0).len(), 5);
        assert!(feedback_documents::<&str>(Vec::new(), 10, 0.5).is_empty());
        assert!(feedback_documents(vec![("zero", 0.0)], 10, 0.5).is_empty());
    }
}
