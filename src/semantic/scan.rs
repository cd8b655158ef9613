//! The exact dense search: the dot product of a query vector with every document vector,
//! and the best `k` of them.
//!
//! The dot product works on 8 lanes at a time, so that the compiler turns it into SIMD
//! instructions without `unsafe` or target-specific code; the best `k` are kept in a small
//! heap. Past [`PARALLEL_FROM`] vectors, the rows are cut into chunks scanned on rayon's
//! threads and the chunks' heaps merged. Equal scores are ordered by canonical id.

use super::store::Vectors;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Vectors from which a scan is split across threads.
pub const PARALLEL_FROM: usize = 20_000;
const CHUNK_ROWS: usize = 8_192;

/// The dot product of two vectors of the same length.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut lanes = [0f32; 8];
    let (ac, ar) = a.split_at(n - n % 8);
    let (bc, br) = b.split_at(n - n % 8);
    for (x, y) in ac.chunks_exact(8).zip(bc.chunks_exact(8)) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    let mut sum: f32 = lanes.iter().sum();
    for (x, y) in ar.iter().zip(br) {
        sum += x * y;
    }
    sum
}

/// A scored row, ordered so that the heap's top is the worst kept: lower score, then the
/// larger id.
struct Entry<'a> {
    score: f32,
    id: &'a str,
    row: usize,
}

impl PartialEq for Entry<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry<'_> {}
impl PartialOrd for Entry<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry<'_> {
    /// "Greater" is worse: a lower score, or the same score and a later id.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.id.cmp(other.id))
    }
}

fn scan_rows<'a>(
    vectors: &'a Vectors,
    query: &[f32],
    rows: std::ops::Range<usize>,
    k: usize,
) -> BinaryHeap<Entry<'a>> {
    let dim = vectors.dim;
    let m = vectors.matrix();
    let ids = vectors.ids();
    let mut heap = BinaryHeap::with_capacity(k + 1);
    for row in rows {
        let s = dot(&m[row * dim..(row + 1) * dim], query);
        let score = if s.is_nan() { f32::NEG_INFINITY } else { s };
        let e = Entry {
            score,
            id: &ids[row],
            row,
        };
        if heap.len() < k {
            heap.push(e);
        } else if heap.peek().is_some_and(|worst| e < *worst) {
            heap.pop();
            heap.push(e);
        }
    }
    heap
}

/// The `k` documents whose vectors have the largest dot product with `query`, best first
/// (equal scores by id): (row, score).
pub fn top_k(vectors: &Vectors, query: &[f32], k: usize) -> Vec<(usize, f32)> {
    let n = vectors.len();
    if k == 0 || n == 0 || query.len() != vectors.dim {
        return Vec::new();
    }
    let heap = if n >= PARALLEL_FROM {
        let chunks: Vec<usize> = (0..n).step_by(CHUNK_ROWS).collect();
        chunks
            .par_iter()
            .map(|&start| scan_rows(vectors, query, start..(start + CHUNK_ROWS).min(n), k))
            .reduce(BinaryHeap::new, |mut a, b| {
                for e in b {
                    if a.len() < k {
                        a.push(e);
                    } else if a.peek().is_some_and(|worst| e < *worst) {
                        a.pop();
                        a.push(e);
                    }
                }
                a
            })
    } else {
        scan_rows(vectors, query, 0..n, k)
    };
    heap.into_sorted_vec()
        .into_iter()
        .map(|e| (e.row, e.score))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn the_dot_product_matches_the_plain_sum_at_every_length() {
        for n in [0usize, 1, 7, 8, 9, 16, 23, 384] {
            let a: Vec<f32> = (0..n).map(|i| (i as f32 * 0.37).sin()).collect();
            let b: Vec<f32> = (0..n).map(|i| (i as f32 * 0.11).cos()).collect();
            assert!((dot(&a, &b) - naive(&a, &b)).abs() < 1e-4, "length {n}");
        }
    }

    fn store(rows: &[(&str, [f32; 2])]) -> Vectors {
        let mut v = Vectors::new("m", 2);
        for (id, x) in rows {
            v.put(id, 0, x);
        }
        v
    }

    #[test]
    fn the_best_k_come_best_first_with_ties_by_id() {
        let v = store(&[
            ("d", [1.0, 0.0]),
            ("b", [0.0, 1.0]),
            ("a", [0.0, 1.0]),
            ("c", [0.5, 0.5]),
        ]);
        let got: Vec<(&str, f32)> = top_k(&v, &[0.0, 1.0], 3)
            .into_iter()
            .map(|(r, s)| (v.ids()[r].as_str(), s))
            .collect();
        assert_eq!(got, [("a", 1.0), ("b", 1.0), ("c", 0.5)]);
        assert!(top_k(&v, &[0.0, 1.0, 2.0], 3).is_empty(), "wrong length");
        assert!(top_k(&v, &[0.0, 1.0], 0).is_empty());
    }

    #[test]
    fn a_parallel_scan_finds_what_a_single_one_does() {
        let n = PARALLEL_FROM + 1234;
        let mut v = Vectors::new("m", 2);
        for i in 0..n {
            let t = i as f32 * 0.001;
            v.put(&format!("{i:06}"), 0, &[t.cos(), t.sin()]);
        }
        let q = [0.6f32, 0.8];
        let par = top_k(&v, &q, 10);
        let single: Vec<(usize, f32)> = scan_rows(&v, &q, 0..n, 10)
            .into_sorted_vec()
            .into_iter()
            .map(|e| (e.row, e.score))
            .collect();
        assert_eq!(par, single);
        assert_eq!(par.len(), 10);
        assert!(par.windows(2).all(|w| w[0].1 >= w[1].1));
    }
}
