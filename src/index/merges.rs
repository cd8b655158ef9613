//! Which segments the index writer merges, with a cap on the size of a merge.
//!
//! tantivy reads the segments it merges through memory maps, and every page it touches
//! counts in the process's resident memory until the merged segments are dropped. Left to
//! its default policy, the last merges of a build read most of the index at once (1.7 GiB of
//! RSS at 100,000 patents, of which 1.3 GiB mapped). The writer's directory now lets go of
//! those pages as a merge reads them ([`super::shed`]), and [`CappedMerges`] keeps tantivy's
//! log-structured choice of what to merge but never merges segments whose files together
//! exceed a cap (by default four writer budgets, see [`merge_cap`]), and leaves segments of
//! half the cap or more alone: a large collection ends with several bounded segments, and
//! no merge rewrites most of the index. Merges run on one thread.

use std::path::{Path, PathBuf};
use tantivy::indexer::{IndexWriterOptions, LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::{Index, IndexWriter, SegmentMeta};

/// Threads that merge segments in the background.
pub const MERGE_THREADS: usize = 1;

/// The largest merge, in bytes of segment files, for a writer budget of `memory` bytes:
/// [`CAP_PER_BUDGET`] times the budget, at least 32 MB.
pub fn merge_cap(memory: usize) -> u64 {
    (memory as u64)
        .saturating_mul(CAP_PER_BUDGET)
        .max(32_000_000)
}

/// The largest merge in writer budgets. A merge's pages are shed as it reads them
/// ([`super::shed`]), so its size no longer shows in the build's memory; what it costs is
/// time, and what it buys is fewer segments to search (at 1M front pages, 13 segments
/// under a cap of one budget made Boolean searches about a tenth slower than 8).
pub const CAP_PER_BUDGET: u64 = 4;

/// The writer of the index in `dir` for a budget of `memory` bytes: its indexing threads
/// ([`super::writer_plan`]), one merge thread, capped merges, and the files read through
/// a directory that sheds their pages ([`super::shed`]).
pub fn open_writer<D: tantivy::Document>(
    dir: &Path,
    memory: usize,
) -> tantivy::Result<IndexWriter<D>> {
    let index = Index::open(super::shed::ShedDirectory::open(dir)?)?;
    super::analysis::register(&index);
    let (threads, total) = super::writer_plan(memory);
    let options = IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .memory_budget_per_thread(total / threads)
        .num_merge_threads(MERGE_THREADS)
        .build();
    let writer = index.writer_with_options(options)?;
    writer.set_merge_policy(Box::new(CappedMerges::new(
        dir.to_path_buf(),
        merge_cap(memory),
    )));
    Ok(writer)
}

/// tantivy's log merge policy, with merges capped at `cap` bytes (see the module's
/// documentation).
#[derive(Debug)]
pub struct CappedMerges {
    /// The index's folder, where the segments' files are measured.
    dir: PathBuf,
    cap: u64,
    inner: LogMergePolicy,
}

impl CappedMerges {
    pub fn new(dir: PathBuf, cap: u64) -> CappedMerges {
        CappedMerges {
            dir,
            cap,
            inner: LogMergePolicy::default(),
        }
    }

    /// The bytes of a segment's files on disk (0 for files not there).
    fn size(&self, segment: &SegmentMeta) -> u64 {
        segment
            .list_files()
            .iter()
            .filter_map(|f| std::fs::metadata(self.dir.join(f)).ok())
            .map(|m| m.len())
            .sum()
    }
}

/// Of `sized` segments (id, bytes), the smallest first while they fit in `cap` together;
/// `None` unless at least two do.
fn within_cap(
    mut sized: Vec<(tantivy::index::SegmentId, u64)>,
    cap: u64,
) -> Option<MergeCandidate> {
    sized.sort_by_key(|(id, bytes)| (*bytes, id.uuid_string()));
    let mut total = 0u64;
    let mut taken = Vec::new();
    for (id, bytes) in sized {
        if total + bytes > cap {
            break;
        }
        total += bytes;
        taken.push(id);
    }
    (taken.len() >= 2).then_some(MergeCandidate(taken))
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sized: Vec<(&SegmentMeta, u64)> = segments.iter().map(|s| (s, self.size(s))).collect();
        let open: Vec<SegmentMeta> = sized
            .iter()
            .filter(|(_, bytes)| *bytes < self.cap / 2)
            .map(|(s, _)| (*s).clone())
            .collect();
        let bytes_of = |id: &tantivy::index::SegmentId| {
            sized
                .iter()
                .find(|(s, _)| s.id() == *id)
                .map_or(0, |(_, b)| *b)
        };
        self.inner
            .compute_merge_candidates(&open)
            .into_iter()
            .filter_map(|c| {
                let with_sizes = c.0.iter().map(|id| (*id, bytes_of(id))).collect();
                within_cap(with_sizes, self.cap)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::index::SegmentId;

    #[test]
    fn a_merge_takes_the_smallest_segments_that_fit_under_the_cap() {
        let ids: Vec<SegmentId> = (0..5).map(|_| SegmentId::generate_random()).collect();
        let sized = vec![
            (ids[0], 40),
            (ids[1], 10),
            (ids[2], 70),
            (ids[3], 20),
            (ids[4], 30),
        ];
        let MergeCandidate(taken) = within_cap(sized.clone(), 100).expect("a merge");
        assert_eq!(taken, vec![ids[1], ids[3], ids[4], ids[0]]);
        // Nothing to merge when only one segment fits.
        assert!(within_cap(vec![(ids[0], 80), (ids[2], 70)], 100).is_none());
    }

    #[test]
    fn the_cap_follows_the_budget() {
        assert_eq!(merge_cap(400_000_000), 1_600_000_000);
        assert_eq!(merge_cap(5_000_000), 32_000_000);
    }
}
