//! The index writer's memory: the default budget, the range `tisc index --memory` and
//! `[index] memory` accept, and how a budget is split over indexing threads.

/// The tantivy writer's total heap, in bytes, for a corpus build (raised to 20 MB per
/// writer thread when that is more): what `corpus::build` passes to
/// [`super::IndexBuilder::create`] (the default of `tisc index --memory`) and what the
/// benchmarks measure against.
pub const WRITER_MEMORY_BUDGET: usize = 400_000_000;

/// The least writer memory per indexing thread (tantivy's own minimum is 15 MB); a smaller
/// budget gets fewer threads, and one thread needs at least this much.
pub const MIN_WRITER_MEMORY: usize = 20_000_000;

/// The most writer memory `tisc index --memory` accepts (16 GiB).
pub const MAX_WRITER_MEMORY: u64 = 16 << 30;

/// A writer memory setting out of the range tisc can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("indexing memory `{text}` is out of range: the index writer needs at least 20 MB (one indexing thread; 20 MB more for each further thread), and takes at most 16 GiB")]
pub struct MemoryOutOfRange {
    pub text: String,
}

/// Check a writer memory setting (`text` is how it was written, for the message).
pub fn check_writer_memory(bytes: u64, text: &str) -> Result<usize, MemoryOutOfRange> {
    if bytes < MIN_WRITER_MEMORY as u64 || bytes > MAX_WRITER_MEMORY {
        return Err(MemoryOutOfRange {
            text: text.to_string(),
        });
    }
    usize::try_from(bytes).map_err(|_| MemoryOutOfRange {
        text: text.to_string(),
    })
}

/// The indexing threads and total writer memory for a budget of `memory` bytes: one thread
/// per core (at most 8), fewer when the budget cannot give each [`MIN_WRITER_MEMORY`]; a
/// budget below that minimum is raised to it.
pub fn writer_plan(memory: usize) -> (usize, usize) {
    let cores = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let threads = cores.min(memory / MIN_WRITER_MEMORY).max(1);
    // tantivy takes less than 4 GiB per thread.
    let total = memory
        .max(threads * MIN_WRITER_MEMORY)
        .min(threads * 4_000_000_000);
    (threads, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_checked_and_split_over_threads() {
        assert!(check_writer_memory(19_999_999, "19.9MB").is_err());
        assert_eq!(check_writer_memory(20_000_000, "20MB"), Ok(20_000_000));
        assert!(check_writer_memory(MAX_WRITER_MEMORY + 1, "big").is_err());
        // One thread for a budget that cannot feed two; never less than the minimum.
        assert_eq!(writer_plan(30_000_000), (1, 30_000_000));
        assert_eq!(writer_plan(1), (1, MIN_WRITER_MEMORY));
        let (threads, total) = writer_plan(WRITER_MEMORY_BUDGET);
        assert!((1..=8).contains(&threads));
        assert_eq!(total, WRITER_MEMORY_BUDGET);
        // tantivy takes less than 4 GiB per thread.
        let (threads, total) = writer_plan(MAX_WRITER_MEMORY as usize);
        assert!(total / threads <= 4_000_000_000);
    }
}
