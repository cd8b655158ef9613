//! Free-text ranking: BM25F over several fields and every indexed language.
//!
//! A query is analysed once per language; the i-th word of the query becomes one scoring
//! unit whose term frequency is the weighted, length-normalised sum over the fields
//! (Robertson & Zaragoza's BM25F), so a word counts once however many fields it appears in.
//! Field lengths are averaged over the documents that have the field, as Lucene does, so
//! that a rare field (French claims in a mostly English corpus) is not penalised.

pub use super::bm25spec::Bm25SpecError;
use crate::index::{analysis, CorpusIndex, IndexLang, TextCode};
use scan::rank_units;
use std::collections::HashMap;
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher};

mod scan;

/// Weight and length normalisation of one text field code (applied in every language).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldParam {
    pub code: TextCode,
    pub weight: f32,
    pub b: f32,
    /// Score the unstemmed copy (an exact-form match) instead of the stemmed one.
    pub raw: bool,
}

/// BM25F parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Bm25Params {
    pub k1: f32,
    /// Saturation of a word repeated in the query: 0 counts it once, infinity n times.
    pub k3: f32,
    /// Weight of a query word made of letters and digits together (see [`is_identifier`]).
    pub identifier: f32,
    /// Topicality: a query word weighs `exp(topic × t)`, where t is the share of the
    /// documents containing it that have it in their title. 0 switches it off; so does
    /// leaving the title out of the scored fields (`ti=0`), as no title is then read.
    pub topic: f32,
    pub fields: Vec<FieldParam>,
    /// Drop common function words from the query (never from the index).
    pub stopwords: bool,
    /// Pseudo-relevance feedback, when set.
    pub prf: Option<Prf>,
    /// Term-proximity bonus for the best first-pass documents, when set.
    pub prox: Option<Proximity>,
}

/// Pseudo-relevance feedback settings: how many first-pass documents, how many new words,
/// and their weight relative to a query word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub docs: usize,
    pub terms: usize,
    pub weight: f32,
}

/// Term-proximity bonus: query words found close together in a field of one of the best
/// `depth` first-pass documents add `weight` × a BM25-saturated proximity score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proximity {
    pub weight: f32,
    pub depth: usize,
}

impl Proximity {
    /// How many first-pass documents are re-scored by default.
    pub const DEPTH: usize = 100;
}

impl Bm25Params {
    /// `--batch` default: all four text fields, title weighted up, a word repeated in the
    /// query counted once, identifiers (`p53`, `r134a`) weighted double. Tuned on the SciFact
    /// *training* judgments (see docs/ranking.md); the description weight was set for
    /// patents, where the description is long and loosely worded.
    pub fn batch() -> Bm25Params {
        let field = |code, weight, b| FieldParam {
            code,
            weight,
            b,
            raw: false,
        };
        Bm25Params {
            k1: 1.2,
            k3: 0.0,
            identifier: 2.0,
            topic: 1.0,
            fields: vec![
                field(TextCode::Ti, 2.0, 0.5),
                field(TextCode::Ab, 1.0, 0.6),
                field(TextCode::Cl, 1.0, 0.6),
                field(TextCode::De, 0.3, 0.75),
            ],
            stopwords: true,
            prf: None,
            prox: None,
        }
    }
}

/// Per-field average lengths, computed once per searcher and reused across queries.
pub struct FieldStats {
    /// Field (the stemmed and the unstemmed field of every text code and language) → its
    /// average length in tokens: the field's tokens in all segments divided by the number
    /// of documents in which it is not empty (deleted documents not set apart). Fields that
    /// no document has are absent.
    pub(crate) avg: HashMap<Field, f32>,
    total_docs: u64,
}

impl FieldStats {
    /// The average length of `field` in tokens (1 for a field no document has).
    pub(crate) fn avg_len(&self, field: Field) -> f32 {
        self.avg.get(&field).copied().unwrap_or(1.0).max(1e-6)
    }

    pub fn compute(index: &CorpusIndex, searcher: &Searcher) -> tantivy::Result<FieldStats> {
        let mut avg = HashMap::new();
        for code in TextCode::ALL {
            for (l, raw) in IndexLang::ALL
                .into_iter()
                .flat_map(|l| [(l, false), (l, true)])
            {
                let field = if raw {
                    index.fields.raw(code, l)
                } else {
                    index.fields.text(code, l)
                };
                let mut tokens = 0u64;
                let mut docs = 0u64;
                for seg in searcher.segment_readers() {
                    tokens += seg.inverted_index(field)?.total_num_tokens();
                    let norms = seg.get_fieldnorms_reader(field)?;
                    docs += (0..seg.max_doc())
                        .filter(|d| norms.fieldnorm_id(*d) != 0)
                        .count() as u64;
                }
                if docs > 0 {
                    avg.insert(field, tokens as f32 / docs as f32);
                }
            }
        }
        Ok(FieldStats {
            avg,
            total_docs: searcher.num_docs(),
        })
    }
}

/// English, French, Spanish and Portuguese function words dropped from free-text queries.
fn is_stopword(lang: IndexLang, w: &str) -> bool {
    const EN: &[&str] = &[
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
        "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
        "these", "they", "this", "to", "was", "will", "with", "which", "than", "from", "has",
        "have", "its", "can", "been", "were", "we", "our",
    ];
    const FR: &[&str] = &[
        "le", "la", "les", "de", "des", "du", "un", "une", "et", "ou", "en", "au", "aux", "a",
        "pour", "par", "sur", "dans", "est", "que", "qui", "l", "d",
    ];
    const ES: &[&str] = &[
        "el", "la", "los", "las", "de", "del", "un", "una", "y", "o", "en", "por", "para", "con",
        "que", "es", "al",
    ];
    const PT: &[&str] = &[
        "o", "a", "os", "as", "de", "do", "da", "dos", "das", "um", "uma", "e", "ou", "em", "por",
        "para", "com", "que",
    ];
    match lang {
        IndexLang::En | IndexLang::Other => EN.contains(&w),
        IndexLang::Fr => FR.contains(&w),
        IndexLang::Es => ES.contains(&w),
        IndexLang::Pt => PT.contains(&w),
        IndexLang::De | IndexLang::Ar => false,
    }
}

/// A word of letters and digits together (`p53`, `cd4`, `h2o2`, `r134a`): a gene, compound,
/// part or standard named by an identifier rather than a description.
fn is_identifier(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic)
}

/// Documents with their scores, best first.
type Ranked = Vec<(DocAddress, f32)>;

/// One scoring unit: the i-th query word as each field's analyzer sees it.
pub(crate) struct Unit {
    pub(crate) qtf: f32,
    pub(crate) terms: Vec<FieldTerm>,
}

/// A query word as one field indexes it, with the field's BM25F parameters.
pub(crate) struct FieldTerm {
    pub(crate) field: Field,
    /// The field's weight.
    pub(crate) weight: f32,
    /// The field's length normalisation.
    pub(crate) b: f32,
    /// The term, as the field's analyzer produces it.
    pub(crate) text: String,
    /// Whether the field is a title (for the topicality weight).
    pub(crate) title: bool,
}

/// What every step of a free-text ranking reads.
struct Ranking<'a> {
    index: &'a CorpusIndex,
    searcher: &'a Searcher,
    stats: &'a FieldStats,
    params: &'a Bm25Params,
}

fn units(r: &Ranking<'_>, query: &str) -> Vec<Unit> {
    let (index, stats, params) = (r.index, r.stats, r.params);
    let raw = analysis::analyze(query, None);
    let per_lang: Vec<(IndexLang, Vec<String>)> = IndexLang::ALL
        .into_iter()
        .map(|l| (l, analysis::analyze(query, Some(l))))
        .collect();
    let mut by_word: HashMap<String, Unit> = HashMap::new();
    let mut order = Vec::new();
    for (i, word) in raw.iter().enumerate() {
        if let Some(u) = by_word.get_mut(word) {
            u.qtf += 1.0;
            continue;
        }
        let mut terms = Vec::new();
        for (l, toks) in &per_lang {
            if params.stopwords && is_stopword(*l, word) {
                continue;
            }
            let Some(t) = toks.get(i) else { continue };
            for fp in &params.fields {
                let (field, term) = if fp.raw {
                    (index.fields.raw(fp.code, *l), word)
                } else {
                    (index.fields.text(fp.code, *l), t)
                };
                if stats.avg.contains_key(&field) {
                    terms.push(FieldTerm {
                        field,
                        weight: fp.weight,
                        b: fp.b,
                        text: term.clone(),
                        title: fp.code == TextCode::Ti,
                    });
                }
            }
        }
        if terms.is_empty() {
            continue;
        }
        order.push(word.clone());
        by_word.insert(word.clone(), Unit { qtf: 1.0, terms });
    }
    // A word repeated in the query counts (k3 + 1)·n / (k3 + n) times (Robertson's k3).
    let k3 = params.k3;
    order
        .into_iter()
        .filter_map(|w| by_word.remove(&w).map(|u| (w, u)))
        .map(|(w, mut u)| {
            if k3.is_finite() {
                u.qtf = (k3 + 1.0) * u.qtf / (k3 + u.qtf);
            }
            if is_identifier(&w) {
                u.qtf *= params.identifier;
            }
            u
        })
        .collect()
}

/// Rank documents for free text; returns the top `limit` (address, score), best first,
/// ties broken by document address so that output is deterministic.
pub fn rank(
    index: &CorpusIndex,
    searcher: &Searcher,
    stats: &FieldStats,
    params: &Bm25Params,
    query: &str,
    limit: usize,
) -> tantivy::Result<Vec<(DocAddress, f32)>> {
    let r = Ranking {
        index,
        searcher,
        stats,
        params,
    };
    let units = units(&r, query);
    let depth = params.prox.map_or(limit, |p| p.depth.max(limit));
    let (first, idf) = rank_units(
        searcher,
        stats,
        params,
        &units,
        depth.max(params.prf.map_or(0, |p| p.docs)),
    )?;
    let (units, ranked, idf) = match params.prf {
        None => (units, first, idf),
        Some(prf) => {
            let all = feedback(&r, query, units, &first, prf);
            let (ranked, idf) = rank_units(searcher, stats, params, &all, depth)?;
            (all, ranked, idf)
        }
    };
    match params.prox {
        Some(prox) => {
            let how = super::proximity::Rerank {
                searcher,
                stats,
                k1: params.k1,
                weight: prox.weight,
            };
            super::proximity::rerank(&how, &units, &idf, ranked, limit)
        }
        None => Ok(ranked),
    }
}

/// Pseudo-relevance feedback (RM3-style): words frequent in the best first-pass documents,
/// weighted by how strongly those documents matched, added to the query units at a reduced
/// weight.
fn feedback(
    r: &Ranking<'_>,
    query: &str,
    units: Vec<Unit>,
    first: &[(DocAddress, f32)],
    prf: Prf,
) -> Vec<Unit> {
    let (index, searcher) = (r.index, r.searcher);
    let top: Vec<(DocAddress, f32)> = first.iter().take(prf.docs).copied().collect();
    let max = top.first().map_or(1.0, |t| t.1.max(1e-6));
    let mut weights: HashMap<String, f32> = HashMap::new();
    for (addr, score) in &top {
        let Ok(doc) = index.load(searcher, *addr) else {
            continue;
        };
        let mut text = doc.biblio.title().to_string();
        if let Some(a) = doc.biblio.abstract_text() {
            text.push(' ');
            text.push_str(a);
        }
        let words = analysis::analyze(&text, None);
        let len = words.len().max(1) as f32;
        let mut tf: HashMap<String, f32> = HashMap::new();
        for w in words
            .into_iter()
            .filter(|w| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
        {
            if !is_stopword(IndexLang::En, &w) {
                *tf.entry(w).or_default() += 1.0;
            }
        }
        for (w, n) in tf {
            *weights.entry(w).or_default() += (n / len) * (score / max);
        }
    }
    let query_words = analysis::analyze(query, None);
    // Stop once this many distinct words (the query's and the new ones) are in.
    let enough = prf.terms + 1 + query_words.len();
    let mut have: std::collections::HashSet<String> = query_words.into_iter().collect();
    let mut cands: Vec<(String, f32)> = weights.into_iter().collect();
    cands.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let top_w = cands.first().map_or(1.0, |c| c.1.max(1e-9));
    let mut all = units;
    for (w, wt) in cands {
        if all.len() >= 64 || have.len() >= 64 {
            break;
        }
        if !have.insert(w.clone()) {
            continue;
        }
        let mut extra = self::units(r, &w);
        for u in &mut extra {
            u.qtf = prf.weight * wt / top_w;
        }
        all.extend(extra);
        if have.len() >= enough {
            break;
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_per_language() {
        assert!(is_stopword(IndexLang::En, "the"));
        assert!(!is_stopword(IndexLang::Fr, "the"));
        assert!(is_stopword(IndexLang::Fr, "pour"));
    }
}
