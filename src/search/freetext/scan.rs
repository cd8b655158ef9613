//! The exhaustive BM25F scan behind free text: every posting of every query word is read,
//! so the ranking is exact.
//!
//! A word's inverse document frequency counts the documents that have it in *any* of its
//! fields and languages, which no term dictionary holds. So the scan runs twice:
//!
//! 1. **Counting** reads document numbers only (no frequencies), marks them in a bitset of
//!    the segment and counts the bits; a word found in one field of a segment without
//!    deletions takes the dictionary's count unread.
//! 2. **Scoring** then walks one segment at a time, in windows of [`WINDOW`] documents:
//!    each word's weighted, length-normalised frequencies are summed per document over its
//!    fields, saturated, weighted by the idf of step 1 and added to the document's score.
//!    Block postings are read a block of 128 documents at a time (a block that crosses the
//!    end of a window is taken up where it stopped), and the length normalisation of every
//!    field-norm byte is computed once per field.
//!
//! Each document's score adds its words in query order and each word's fields in their
//! fixed order, so the sums (and the ranking) do not depend on the order postings are read.

use super::{Bm25Params, FieldStats, Ranked, Unit};
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::postings::TermInfo;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, InvertedIndexReader, Searcher, SegmentReader, Term};

/// One of a unit's field terms, found in one segment.
struct Found {
    inv: Arc<InvertedIndexReader>,
    info: TermInfo,
    /// Its position in the unit's terms.
    term: usize,
}

/// Documents scored at a time. A window's accumulators (8 bytes a document: 512 KiB) and the
/// field norms it reads stay in the processor's cache however large the segment; one buffer
/// for a whole segment of 440,000 documents (3.5 MB) made free text a tenth slower at 1M
/// documents than segments of 55,000.
pub(super) const WINDOW: u32 = 1 << 16;

/// A field term's postings in one segment, read window by window.
struct Cursor {
    block: BlockSegmentPostings,
    /// The first entry of the current block not yet scored.
    at: usize,
    /// Its position in the unit's terms.
    term: usize,
}

impl Cursor {
    /// Calls `f` with each (document, frequency) below `end` not yet read.
    fn until(&mut self, end: DocId, mut f: impl FnMut(DocId, u32)) {
        loop {
            let docs = self.block.docs();
            if docs.is_empty() {
                return;
            }
            let freqs = self.block.freqs();
            while self.at < docs.len() {
                let doc = docs[self.at];
                if doc >= end {
                    return;
                }
                f(doc, freqs[self.at]);
                self.at += 1;
            }
            self.block.advance();
            self.at = 0;
        }
    }
}

impl Found {
    /// Calls `f` with the documents (and, with `WithFreqs`, the term frequencies) of each
    /// block of 128 postings in turn.
    fn blocks(
        &self,
        option: IndexRecordOption,
        mut f: impl FnMut(&[DocId], &[u32]),
    ) -> std::io::Result<()> {
        let mut block = self
            .inv
            .read_block_postings_from_terminfo(&self.info, option)?;
        while !block.docs().is_empty() {
            f(block.docs(), block.freqs());
            block.advance();
        }
        Ok(())
    }
}

/// Rank `units` over the searcher's documents; returns the top `limit` (address, score),
/// best first with equal scores by id, and each unit's idf.
pub(super) fn rank_units(
    searcher: &Searcher,
    stats: &FieldStats,
    params: &Bm25Params,
    units: &[Unit],
    limit: usize,
) -> tantivy::Result<(Ranked, Vec<f32>)> {
    rank_in_windows(searcher, stats, params, units, limit, WINDOW)
}

/// [`rank_units`], scoring `window` documents at a time.
fn rank_in_windows(
    searcher: &Searcher,
    stats: &FieldStats,
    params: &Bm25Params,
    units: &[Unit],
    limit: usize,
    window: u32,
) -> tantivy::Result<(Ranked, Vec<f32>)> {
    let window = window.max(1);
    if units.is_empty() || limit == 0 {
        return Ok((Vec::new(), Vec::new()));
    }
    let segs = searcher.segment_readers();
    // found[unit][segment]: the unit's terms that the segment's dictionaries hold.
    let mut found: Vec<Vec<Vec<Found>>> = Vec::with_capacity(units.len());
    for unit in units {
        let mut per_seg = Vec::with_capacity(segs.len());
        for seg in segs {
            let mut here = Vec::new();
            for (term, ft) in unit.terms.iter().enumerate() {
                let inv = seg.inverted_index(ft.field)?;
                if let Some(info) = inv.get_term_info(&Term::from_field_text(ft.field, &ft.text))? {
                    here.push(Found { inv, info, term });
                }
            }
            per_seg.push(here);
        }
        found.push(per_seg);
    }

    // Step 1: documents with the unit anywhere, and with it in a title.
    let largest = segs.iter().map(|s| s.max_doc() as usize).max().unwrap_or(0);
    let mut counter = Counter {
        any: vec![0; largest.div_ceil(64)],
        title: vec![0; largest.div_ceil(64)],
    };
    let mut df = vec![0u64; units.len()];
    let mut titled = vec![0u64; units.len()];
    for (ui, unit) in units.iter().enumerate() {
        for (seg, here) in segs.iter().zip(&found[ui]) {
            let (d, t) = counter.count(seg, unit, here)?;
            df[ui] += d;
            titled[ui] += t;
        }
    }
    let n = stats.total_docs.max(1) as f32;
    let k1 = params.k1;
    let idf: Vec<f32> = df
        .iter()
        .map(|d| (1.0 + (n - *d as f32 + 0.5) / (*d as f32 + 0.5)).ln())
        .collect();
    let topic: Vec<f32> = df
        .iter()
        .zip(&titled)
        .map(|(d, t)| (params.topic * *t as f32 / (*d).max(1) as f32).exp())
        .collect();

    // Step 2: segment by segment, window by window, every document's score. One buffer for
    // a window, allocated once, holding each document's (weighted frequency of the current
    // unit, score) side by side so that adding the one to the other reads one cache line;
    // only the entries a step touched are reset.
    let largest_window = largest.min(window as usize);
    let mut acc: Vec<(f32, f32)> = vec![(0.0, 0.0); largest_window];
    let mut touched: Vec<DocId> = Vec::new();
    let mut best: Ranked = Vec::new();
    // The `limit`-th best score of the windows done: nothing below it can be in the top.
    let mut floor: Option<f32> = None;
    // norm[unit][term]: the length normalisation of every field-norm byte of the term's
    // field, as a document with that byte would compute it (the same in every segment).
    let norm: Vec<Vec<[f32; 256]>> = units
        .iter()
        .map(|unit| {
            unit.terms
                .iter()
                .map(|ft| {
                    let (avg, b) = (stats.avg_len(ft.field), ft.b);
                    std::array::from_fn(|id| {
                        let len = FieldNormReader::id_to_fieldnorm(id as u8) as f32;
                        1.0 - b + b * len / avg
                    })
                })
                .collect()
        })
        .collect();
    for (si, seg) in segs.iter().enumerate() {
        let alive = seg.alive_bitset();
        // Per unit, its field terms' postings, field norms and normalisation table.
        let mut open: Vec<Vec<(Cursor, FieldNormReader, &[f32; 256])>> =
            Vec::with_capacity(units.len());
        for (ui, unit) in units.iter().enumerate() {
            let mut terms = Vec::with_capacity(found[ui][si].len());
            for f in &found[ui][si] {
                let ft = &unit.terms[f.term];
                let block = f
                    .inv
                    .read_block_postings_from_terminfo(&f.info, IndexRecordOption::WithFreqs)?;
                let cursor = Cursor {
                    block,
                    at: 0,
                    term: f.term,
                };
                let table = &norm[ui][f.term];
                terms.push((cursor, seg.get_fieldnorms_reader(ft.field)?, table));
            }
            open.push(terms);
        }
        let max_doc = seg.max_doc();
        let mut start: DocId = 0;
        while start < max_doc {
            let end = start.saturating_add(window).min(max_doc);
            for (ui, unit) in units.iter().enumerate() {
                touched.clear();
                for (cursor, norms, norm) in &mut open[ui] {
                    let w = unit.terms[cursor.term].weight;
                    cursor.until(end, |doc, freq| {
                        if alive.is_none_or(|a| a.is_alive(doc)) {
                            let slot = &mut acc[(doc - start) as usize].0;
                            if *slot == 0.0 {
                                touched.push(doc);
                            }
                            let tf = freq as f32;
                            *slot += w * tf / norm[norms.fieldnorm_id(doc) as usize];
                        }
                    });
                }
                // BM25 saturation, with idf over the documents that match the unit anywhere.
                let c = unit.qtf * topic[ui] * idf[ui];
                for doc in &touched {
                    let (t, s) = &mut acc[(*doc - start) as usize];
                    let t = std::mem::take(t);
                    *s += c * t * (k1 + 1.0) / (k1 + t);
                }
            }
            let here = &mut acc[..(end - start) as usize];
            floor = head(here, si as u32, start, floor, limit, &mut best);
            start = end;
        }
    }
    // Equal scores by id, wherever the list is cut.
    Ok((super::super::topk::cut(searcher, best, limit)?, idf))
}

/// Moves a window's scored documents (`acc[i]` is document `first + i` of `segment`) into
/// `best` (resetting every score), keeping only those at or above `floor`, then cuts `best`
/// down to what can still be in the top `limit`: the documents at or above its `limit`-th
/// score. Returns that score, the floor for the next window.
fn head(
    acc: &mut [(f32, f32)],
    segment: u32,
    first: DocId,
    floor: Option<f32>,
    limit: usize,
    best: &mut Ranked,
) -> Option<f32> {
    // In document order: a sequential read of the segment (every score reset, branching
    // only for a document that can enter) is cheaper than visiting the scored documents.
    let mut keep =
        |doc: usize, s: f32| best.push((DocAddress::new(segment, first + doc as DocId), s));
    match floor {
        Some(f) => {
            for (doc, (_, s)) in acc.iter_mut().enumerate() {
                let s = std::mem::take(s);
                // Compared as the cuts compare (a NaN from odd parameters is kept alike
                // wherever a window ends).
                if s.total_cmp(&f).is_ge() && s != 0.0 {
                    keep(doc, s);
                }
            }
        }
        None => {
            for (doc, (_, s)) in acc.iter_mut().enumerate() {
                let s = std::mem::take(s);
                if s != 0.0 {
                    keep(doc, s);
                }
            }
        }
    }
    if best.len() <= limit {
        return floor;
    }
    let mut scores: Vec<f32> = best.iter().map(|(_, s)| *s).collect();
    scores.select_nth_unstable_by(limit - 1, |a, b| b.total_cmp(a));
    let f = scores[limit - 1];
    best.retain(|(_, s)| s.total_cmp(&f).is_ge());
    Some(f)
}

/// Bitsets of one segment's documents, cleared after each count.
struct Counter {
    any: Vec<u64>,
    title: Vec<u64>,
}

impl Counter {
    /// How many live documents of `seg` have the unit in any of the terms `here`, and how
    /// many in a title.
    fn count(
        &mut self,
        seg: &SegmentReader,
        unit: &Unit,
        here: &[Found],
    ) -> tantivy::Result<(u64, u64)> {
        let alive = seg.alive_bitset();
        if let ([f], None) = (here, alive) {
            let d = u64::from(f.info.doc_freq);
            return Ok((d, if unit.terms[f.term].title { d } else { 0 }));
        }
        let words = (seg.max_doc() as usize).div_ceil(64);
        let mut any_title = false;
        for f in here {
            let title = unit.terms[f.term].title;
            any_title |= title;
            f.blocks(IndexRecordOption::Basic, |docs, _| {
                for doc in docs {
                    if alive.is_none_or(|a| a.is_alive(*doc)) {
                        let (i, bit) = (*doc as usize / 64, 1u64 << (doc % 64));
                        self.any[i] |= bit;
                        if title {
                            self.title[i] |= bit;
                        }
                    }
                }
            })?;
        }
        let any = take_count(&mut self.any[..words]);
        let title = if any_title {
            take_count(&mut self.title[..words])
        } else {
            0
        };
        Ok((any, title))
    }
}

/// The bits set in `bits`, which are then cleared.
fn take_count(bits: &mut [u64]) -> u64 {
    bits.iter_mut()
        .map(|w| u64::from(std::mem::take(w).count_ones()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acc(scores: &[f32]) -> Vec<(f32, f32)> {
        scores.iter().map(|s| (0.0, *s)).collect()
    }

    #[test]
    fn the_head_keeps_ties_at_the_floor_and_resets_every_score() {
        let mut best = Vec::new();
        let mut first = acc(&[0.0, 3.0, 1.0, 2.0, 2.0, 0.0]);
        // Top 2 of the first segment: 3.0 and both documents tied at 2.0.
        let floor = head(&mut first, 0, 0, None, 2, &mut best);
        assert_eq!(floor, Some(2.0));
        assert!(first.iter().all(|e| e.1 == 0.0));
        let docs: Vec<u32> = best.iter().map(|(a, _)| a.doc_id).collect();
        assert_eq!(docs, [1, 3, 4]);
        // The second segment adds only what reaches the floor, then the head is cut again.
        let mut second = acc(&[1.5, 2.0, 4.0]);
        let floor = head(&mut second, 1, 0, floor, 2, &mut best);
        assert_eq!(floor, Some(3.0));
        let kept: Vec<(u32, u32, f32)> = best
            .iter()
            .map(|(a, s)| (a.segment_ord, a.doc_id, *s))
            .collect();
        assert_eq!(kept, [(0, 1, 3.0), (1, 2, 4.0)]);
    }

    /// A document with a title and an abstract of words drawn from `vocab` by `seed`.
    fn generated(i: usize, vocab: &[&str]) -> crate::model::Document {
        use crate::model::{Biblio, Lang, LangText};
        let pick = |k: usize, n: usize| -> String {
            (0..n)
                .map(|j| vocab[(i * 7 + k * 13 + j * j * 3 + i / 5) % vocab.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        crate::model::Document {
            biblio: Biblio {
                id: format!("D{i:04}"),
                lang: Lang::en(),
                titles: vec![LangText {
                    lang: Lang::en(),
                    text: pick(1, 2 + i % 3),
                }],
                abstracts: vec![LangText {
                    lang: Lang::en(),
                    text: pick(2, 5 + i % 11),
                }],
                ..Biblio::default()
            },
            ..crate::model::Document::default()
        }
    }

    #[test]
    fn windows_of_any_size_rank_exactly_as_one_window() {
        let vocab = [
            "pump",
            "solar",
            "valve",
            "drip",
            "irrigation",
            "soil",
            "sensor",
            "water",
            "panel",
            "frame",
            "battery",
            "filter",
            "pressure",
            "flow",
            "membrane",
            "salt",
        ];
        let dir = tempfile::tempdir().unwrap();
        let b = crate::index::IndexBuilder::create("w", dir.path(), 30 << 20).unwrap();
        for i in 0..700 {
            b.add(&generated(i, &vocab)).unwrap();
        }
        b.finish(0).unwrap();
        // A second segment, and deleted documents in both: every third document replaced,
        // every seventh removed.
        let u = crate::index::IndexUpdater::open(dir.path(), "w", 30 << 20).unwrap();
        for i in 700..1000 {
            u.add(&generated(i, &vocab)).unwrap();
        }
        for i in (0..700).step_by(3) {
            u.add(&generated(i, &vocab)).unwrap();
        }
        let gone: Vec<String> = (0..1000).step_by(7).map(|i| format!("D{i:04}")).collect();
        u.delete_ids(&gone);
        u.finish(0).unwrap();
        let index = crate::index::CorpusIndex::open(dir.path(), "w").unwrap();
        let session = crate::search::Session::new(&index).unwrap();
        let stats = session.stats().unwrap();
        let params = Bm25Params::batch();
        let r = super::super::Ranking {
            index: &index,
            searcher: &session.searcher,
            stats,
            params: &params,
        };
        let largest = session
            .searcher
            .segment_readers()
            .iter()
            .map(|s| s.max_doc())
            .max()
            .unwrap();
        assert!(largest > 300, "a segment of several blocks: {largest}");
        let readers = session.searcher.segment_readers();
        assert!(readers.len() >= 2, "two segments at least");
        assert!(
            readers.iter().all(|r| r.num_deleted_docs() > 0),
            "deletions in each"
        );
        for query in [
            "solar pump",
            "drip irrigation soil sensor",
            "membrane salt water filter",
        ] {
            let units = super::super::units(&r, query);
            for limit in [5, 100, 1000] {
                let whole =
                    rank_in_windows(&session.searcher, stats, &params, &units, limit, WINDOW)
                        .unwrap();
                assert!(!whole.0.is_empty());
                // 1: every document its own window; 37 and 200: windows that end inside a
                // block of 128 postings.
                for window in [1, 37, 128, 200] {
                    let parts =
                        rank_in_windows(&session.searcher, stats, &params, &units, limit, window)
                            .unwrap();
                    let bits = |r: &(Ranked, Vec<f32>)| -> Vec<(u32, u32, u32)> {
                        r.0.iter()
                            .map(|(a, s)| (a.segment_ord, a.doc_id, s.to_bits()))
                            .collect()
                    };
                    assert_eq!(
                        bits(&parts),
                        bits(&whole),
                        "{query} top {limit}, window {window}"
                    );
                    assert_eq!(parts.1, whole.1);
                }
            }
        }
    }

    #[test]
    fn a_short_head_is_kept_whole() {
        let mut best = Vec::new();
        let mut seg = acc(&[0.5, 0.0, 0.25]);
        assert_eq!(head(&mut seg, 0, 7, None, 10, &mut best), None);
        let docs: Vec<u32> = best.iter().map(|(a, _)| a.doc_id).collect();
        assert_eq!(
            docs,
            [7, 9],
            "a window's documents are numbered from its first"
        );
    }
}
