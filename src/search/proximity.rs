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

/// One occurrence of a query word: (field id, position, unit index, field weight / length norm).
type Occurrence = (u32, u32, usize, f32);

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
/// `limit`, best first, ties broken by document address.
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
                let avg = stats.avg.get(field).copied().unwrap_or(1.0).max(1e-6);
                for (doc, slot) in &docs {
                    let found = postings.seek(*doc);
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
                    occurrences[*slot]
                        .extend(positions.iter().map(|p| (field.field_id(), *p, ui, fw)));
                }
            }
        }
    }
    let mut acc = vec![0.0f32; units.len()];
    for (slot, occ) in occurrences.iter_mut().enumerate() {
        if occ.len() < 2 {
            continue;
        }
        occ.sort_unstable_by_key(|o| (o.0, o.1, o.2));
        acc.iter_mut().for_each(|a| *a = 0.0);
        for pair in occ.windows(2) {
            let ((fa, pa, ua, wa), (fb, pb, ub, _)) = (pair[0], pair[1]);
            if fa != fb || ua == ub || pb - pa > MAX_DISTANCE || pb == pa {
                continue;
            }
            let d = (pb - pa) as f32;
            acc[ua] += wa * idf[ub] / (d * d);
            acc[ub] += wa * idf[ua] / (d * d);
        }
        let bonus: f32 = acc
            .iter()
            .zip(idf)
            .filter(|(a, _)| **a > 0.0)
            .map(|(a, i)| i.min(1.0) * a * (k1 + 1.0) / (a + k1))
            .sum();
        ranked[slot].1 += weight * bonus;
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(limit);
    Ok(ranked)
}
