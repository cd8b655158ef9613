//! The ranked top `k` of a query with a deterministic tie-break: score descending, then
//! canonical document id ascending.
//!
//! tantivy's `TopDocs` breaks equal scores by document address, which depends on how the
//! documents fell into segments, so two builds of the same files could cut a list of equal
//! scores at different documents. Here one pass keeps, segment by segment, the best `k`
//! documents by (score, id ordinal) — within a segment the id column's ordinals follow the
//! ids' byte order, and an ordinal is read only for a document that can enter the segment's
//! heap — and counts every match; the per-segment heads are then merged by score and id.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{Bm25StatisticsProvider, Query};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// A candidate in one segment's bounded heap; greater means worse (lower score, or equal
/// score and a later id).
struct Entry {
    score: f32,
    ord: u64,
    doc: DocId,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.ord.cmp(&other.ord))
            .then(self.doc.cmp(&other.doc))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}

/// The top `k` of `query` by (score descending, id ascending), and the total number of
/// matching documents, in one pass ([`ByScoreThenId`]).
///
/// `stats` are the statistics scores are computed with: the searcher's own, or the whole
/// collection's when the searcher holds only part of it (one shard).
pub(crate) fn top_k(
    searcher: &Searcher,
    query: &dyn Query,
    k: usize,
    stats: &dyn Bm25StatisticsProvider,
) -> tantivy::Result<(Vec<(DocAddress, f32)>, usize)> {
    let collector = ByScoreThenId { k };
    let (candidates, count) = searcher.search_with_statistics_provider(query, &collector, stats)?;
    Ok((order(searcher, candidates, k)?, count))
}

/// Collects, per segment, the best `k` documents by (score, id ordinal) — within a segment
/// the id column's ordinals follow the ids' byte order — and counts every match.
struct ByScoreThenId {
    k: usize,
}

impl Collector for ByScoreThenId {
    type Fruit = (Vec<(DocAddress, f32)>, usize);
    type Child = SegmentHeads;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHeads> {
        Ok(SegmentHeads {
            k: self.k,
            segment,
            ids: reader.fast_fields().str("id")?,
            heap: BinaryHeap::with_capacity(self.k.min(4096) + 1),
            count: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(Vec<(DocAddress, f32)>, usize)>,
    ) -> tantivy::Result<Self::Fruit> {
        let count = fruits.iter().map(|f| f.1).sum();
        Ok((fruits.into_iter().flat_map(|f| f.0).collect(), count))
    }
}

/// One segment's bounded heap of its best documents (its worst on top) and its count.
struct SegmentHeads {
    k: usize,
    segment: SegmentOrdinal,
    ids: Option<StrColumn>,
    heap: BinaryHeap<Entry>,
    count: usize,
}

impl SegmentCollector for SegmentHeads {
    type Fruit = (Vec<(DocAddress, f32)>, usize);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        if self.k == 0 {
            return;
        }
        let full = self.heap.len() >= self.k;
        if full && self.heap.peek().is_some_and(|worst| score < worst.score) {
            return;
        }
        // Only a document that can enter the heap has its id ordinal read.
        let ord = self
            .ids
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .unwrap_or(u64::MAX);
        let entry = Entry { score, ord, doc };
        if !full {
            self.heap.push(entry);
        } else if self.heap.peek().is_some_and(|worst| entry < *worst) {
            self.heap.pop();
            self.heap.push(entry);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let segment = self.segment;
        let heads = self
            .heap
            .into_iter()
            .map(|e| (DocAddress::new(segment, e.doc), e.score))
            .collect();
        (heads, self.count)
    }
}

/// The top `k` of scored documents (every candidate there is) by (score descending, id
/// ascending). Only the documents that tie with the `k`-th are compared by id ordinal
/// within their segment, and only the few that can make the cut have their ids read.
pub(crate) fn cut(
    searcher: &Searcher,
    mut all: Vec<(DocAddress, f32)>,
    k: usize,
) -> tantivy::Result<Vec<(DocAddress, f32)>> {
    if k == 0 {
        return Ok(Vec::new());
    }
    if all.len() > k {
        all.select_nth_unstable_by(k - 1, |a, b| b.1.total_cmp(&a.1));
        let floor = all[k - 1].1;
        let (above, tied): (Vec<_>, Vec<_>) = all
            .into_iter()
            .filter(|d| d.1.total_cmp(&floor).is_ge())
            .partition(|d| d.1.total_cmp(&floor).is_gt());
        let need = k - above.len();
        all = above;
        if tied.len() > need {
            // Per segment, the `need` tied documents with the smallest ids.
            let mut by_segment: std::collections::BTreeMap<u32, Vec<(u64, DocAddress)>> =
                std::collections::BTreeMap::new();
            for (addr, _) in &tied {
                by_segment
                    .entry(addr.segment_ord)
                    .or_default()
                    .push((0, *addr));
            }
            for (segment, mut docs) in by_segment {
                let column = searcher.segment_reader(segment).fast_fields().str("id")?;
                let ords = column.as_ref().map(|c| c.ords());
                for (ord, addr) in &mut docs {
                    *ord = ords.and_then(|o| o.first(addr.doc_id)).unwrap_or(u64::MAX);
                }
                if docs.len() > need {
                    docs.select_nth_unstable(need - 1);
                    docs.truncate(need);
                }
                all.extend(docs.into_iter().map(|(_, a)| (a, floor)));
            }
        } else {
            all.extend(tied);
        }
    }
    order(searcher, all, k)
}

/// Sort candidates by (score descending, id ascending) and keep `k`; only the ids of
/// documents that share their score with another (up to the cut) are read.
fn order(
    searcher: &Searcher,
    mut all: Vec<(DocAddress, f32)>,
    k: usize,
) -> tantivy::Result<Vec<(DocAddress, f32)>> {
    let same = |a: f32, b: f32| a.total_cmp(&b).is_eq();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // Keep up to the end of the run of equal scores that holds the k-th.
    if all.len() > k {
        let end = match k.checked_sub(1).map(|i| all[i].1) {
            Some(floor) => k + all[k..].iter().take_while(|d| same(d.1, floor)).count(),
            None => 0,
        };
        all.truncate(end);
    }
    // Runs of equal scores, each ordered by id.
    let mut runs = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let len = all[i..].iter().take_while(|d| same(d.1, all[i].1)).count();
        if len > 1 {
            runs.push(i..i + len);
        }
        i += len;
    }
    if !runs.is_empty() {
        let tied = runs
            .iter()
            .flat_map(|r| all[r.clone()].iter().copied())
            .collect();
        let mut named = ids_of(searcher, tied)?.into_iter();
        for run in runs {
            let mut group: Vec<_> = named.by_ref().take(run.len()).collect();
            group.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
            for (slot, (_, score, addr)) in all[run].iter_mut().zip(group) {
                *slot = (addr, score);
            }
        }
    }
    all.truncate(k);
    Ok(all)
}

/// The ids of ranked documents: (id, score, address), in the given order; empty for a
/// document without one. Each segment's id column is opened once, and its dictionary is
/// read in ordinal order, so that a block of ids is decompressed once however many hits it
/// holds (not once per hit).
pub(crate) fn ids_of(
    searcher: &Searcher,
    ranked: Vec<(DocAddress, f32)>,
) -> tantivy::Result<Vec<(String, f32, DocAddress)>> {
    let io = tantivy::TantivyError::from;
    // Per segment: (term ordinal, position in `ranked`).
    let mut wanted: std::collections::BTreeMap<u32, Vec<(u64, usize)>> =
        std::collections::BTreeMap::new();
    for (i, (addr, _)) in ranked.iter().enumerate() {
        wanted.entry(addr.segment_ord).or_default().push((0, i));
    }
    let mut ids = vec![String::new(); ranked.len()];
    for (segment, mut slots) in wanted {
        let Some(column) = searcher.segment_reader(segment).fast_fields().str("id")? else {
            continue;
        };
        slots.retain_mut(
            |(ord, i)| match column.term_ords(ranked[*i].0.doc_id).next() {
                Some(o) => {
                    *ord = o;
                    true
                }
                None => false,
            },
        );
        slots.sort_unstable();
        let mut ords = slots.iter().map(|(o, _)| *o).collect::<Vec<_>>();
        ords.dedup();
        let mut names = Vec::with_capacity(ords.len());
        column
            .dictionary()
            .sorted_ords_to_term_cb(ords.iter().copied(), |bytes| {
                names.push(String::from_utf8_lossy(bytes).into_owned());
                Ok(())
            })
            .map_err(io)?;
        let mut next = 0;
        for (k, (ord, i)) in slots.iter().enumerate() {
            if k > 0 && slots[k - 1].0 != *ord {
                next += 1;
            }
            if let Some(name) = names.get(next) {
                ids[*i] = name.clone();
            }
        }
    }
    Ok(ranked
        .into_iter()
        .zip(ids)
        .map(|((addr, score), id)| (id, score, addr))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_entry_is_the_greatest() {
        let e = |score, ord| Entry { score, ord, doc: 0 };
        let mut heap: BinaryHeap<Entry> = [e(2.0, 5), e(1.0, 1), e(2.0, 3)].into_iter().collect();
        assert_eq!(heap.pop().map(|x| (x.score, x.ord)), Some((1.0, 1)));
        assert_eq!(heap.pop().map(|x| (x.score, x.ord)), Some((2.0, 5)));
    }
}
