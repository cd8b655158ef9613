//! Term-proximity re-scoring of the best free-text matches.
//!
//! BM25F treats a document as a bag of words: a claim that says "vitamin D deficiency"
//! scores the same against an abstract that has the three words in three different
//! sentences as against one that has them side by side. After the first pass, the best
//! documents are re-scored with a bonus for query words that occur near each other, in the
//! manner of Büttcher, Clarke & Lushman (SIGIR 2006): walking the query-word occurrences of
//! one field in position order, each pair of neighbouring occurrences of two *different*
//! query words adds, to each word's accumulator, the other word's idf divided by the squared
//! distance between them. The accumulator is weighted and length-normalised per field as in
//! BM25F, saturated like a term frequency, and multiplied by the word's idf (capped at 1).
//!
//! Positions come from the index (the stemmed copy of each field), so nothing is re-read
//! from stored text, and pairs never span two claims or paragraphs (they are far apart by
//! construction of the index).

use super::freetext::{FieldStats, Unit};
use std::collections::BTreeMap;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

/// Occurrences further apart than this are not neighbours.
const MAX_DISTANCE: u32 = 100;

/// One occurrence of a query word in a document.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    /// The field's id (occurrences in different fields are never neighbours).
    field: u32,
    position: u32,
    /// The index of the query word (its [`Unit`]).
    unit: usize,
    /// The field's weight over its length normalisation, as in BM25F.
    weight: f32,
}

/// A proximity re-scoring over one searcher.
pub(crate) struct Rerank<'a> {
    pub(crate) searcher: &'a Searcher,
    pub(crate) stats: &'a FieldStats,
    /// BM25 saturation of the bonus.
    pub(crate) k1: f32,
    /// Weight of the bonus against the first-pass score.
    pub(crate) weight: f32,
}

/// Re-score `ranked` (best first) for the query `units` (with their `idf`); returns the top
/// `limit`, best first, equal scores by id.
pub(crate) fn rerank(
    r: &Rerank<'_>,
    units: &[Unit],
    idf: &[f32],
    mut ranked: Vec<(DocAddress, f32)>,
    limit: usize,
) -> tantivy::Result<Vec<(DocAddress, f32)>> {
    let (searcher, stats, k1, weight) = (r.searcher, r.stats, r.k1, r.weight);
    if units.len() < 2 || weight == 0.0 {
        ranked.truncate(limit);
        return Ok(ranked);
    }
    let mut by_segment: BTreeMap<u32, Vec<(DocId, usize)>> = BTreeMap::new();
    for (i, (addr, _)) in ranked.iter().enumerate() {
        by_segment
            .entry(addr.segment_ord)
            .or_default()
            .push((addr.doc_id, i));
    }
    let mut occurrences: Vec<Vec<Occurrence>> = vec![Vec::new(); ranked.len()];
    let mut positions = Vec::new();
    for (segment, mut docs) in by_segment {
        docs.sort_unstable();
        let reader = searcher.segment_reader(segment);
        for (ui, unit) in units.iter().enumerate() {
            for ft in &unit.terms {
                let (field, w, b) = (&ft.field, ft.weight, ft.b);
                let inv = reader.inverted_index(*field)?;
                let Some(info) = inv.get_term_info(&Term::from_field_text(*field, &ft.text))?
                else {
                    continue;
                };
                let mut postings = inv
                    .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqsAndPositions)?;
                let norms = reader.get_fieldnorms_reader(*field)?;
                let avg = stats.avg_len(*field);
                for (doc, slot) in &docs {
                    // A seek that passed this document already (it was not in the list)
                    // stays where it is: tantivy's seek may only go forward.
                    let found = match postings.doc() {
                        at if at >= *doc => at,
                        _ => postings.seek(*doc),
                    };
                    if found == TERMINATED {
                        break;
                    }
                    if found != *doc {
                        continue;
                    }
                    let len = norms.fieldnorm(*doc) as f32;
                    let fw = w / (1.0 - b + b * len / avg);
                    positions.clear();
                    postings.positions(&mut positions);
                    occurrences[*slot].extend(positions.iter().map(|p| Occurrence {
                        field: field.field_id(),
                        position: *p,
                        unit: ui,
                        weight: fw,
                    }));
                }
            }
        }
    }
    let mut acc = vec![0.0f32; units.len()];
    for (slot, occ) in occurrences.iter_mut().enumerate() {
        if occ.len() < 2 {
            continue;
        }
        occ.sort_unstable_by_key(|o| (o.field, o.position, o.unit));
        acc.iter_mut().for_each(|a| *a = 0.0);
        for pair in occ.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let gap = b.position - a.position;
            if a.field != b.field || a.unit == b.unit || gap > MAX_DISTANCE || gap == 0 {
                continue;
            }
            let d = gap as f32;
            acc[a.unit] += a.weight * idf[b.unit] / (d * d);
            acc[b.unit] += a.weight * idf[a.unit] / (d * d);
        }
        let bonus: f32 = acc
            .iter()
            .zip(idf)
            .filter(|(a, _)| **a > 0.0)
            .map(|(a, i)| i.min(1.0) * a * (k1 + 1.0) / (a + k1))
            .sum();
        ranked[slot].1 += weight * bonus;
    }
    super::topk::cut(searcher, ranked, limit)
}
