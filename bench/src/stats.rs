//! Figures of a sample of timings, shared by the benchmarks.

/// The `p`-quantile (0 to 1) of `sorted` (ascending), by the nearest rank; 0 when empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}
