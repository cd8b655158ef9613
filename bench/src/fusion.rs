//! `tisc-bench fusion --docs N`: what search by meaning adds to a search at N embedded
//! documents.
//!
//! Writes N random unit vectors (384 numbers, seeded) through the vector store tisc uses,
//! then measures, in one run:
//! - opening the store (reading and checking every record, as a one-shot `tisc search` does);
//! - per query, the exact dense scan for the top 100 and its fusion with a 100-hit BM25 list
//!   (what a search adds once the vectors are in memory), p50 and p95 over the queries;
//! - as the baseline, the same queries' min-max normalisation and sort of the BM25 list alone.
//!
//! Build with --release for meaningful figures.

use crate::stats::percentile;
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;
use tisc::semantic::{fusion, store};

#[derive(Args, Debug)]
pub struct FusionArgs {
    /// How many embedded documents
    #[arg(long, default_value_t = 100_000)]
    pub docs: usize,
    /// How many queries to time
    #[arg(long, default_value_t = 200)]
    pub queries: usize,
    /// Vector length (384 for all-MiniLM-L6-v2)
    #[arg(long, default_value_t = 384)]
    pub dim: usize,
    /// Work folder (the store is written under it and kept for the next run)
    #[arg(long, default_value = "bench-data/fusion")]
    pub work: PathBuf,
}

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self, dim: usize) -> Vec<f32> {
        let mut v: Vec<f32> = (0..dim)
            .map(|_| (self.next() % 2001) as f32 / 1000.0 - 1.0)
            .collect();
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
        v.iter_mut().for_each(|x| *x /= n);
        v
    }
}

pub fn run(a: FusionArgs) -> anyhow::Result<()> {
    let index_dir = a.work.join(format!("store-{}-{}", a.docs, a.dim));
    let model_id = "bench-random";
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    if store::manifest(&index_dir)?.is_none_or(|m| m.embedded != a.docs as u64) {
        let _ = std::fs::remove_dir_all(&index_dir);
        std::fs::create_dir_all(&index_dir).context("creating the work folder")?;
        let (mut w, _) = store::StoreWriter::open(&index_dir, model_id, a.dim)?;
        let mut n = 0;
        while n < a.docs {
            let batch: Vec<(String, u64, Vec<f32>)> = (n..(n + 1000).min(a.docs))
                .map(|i| (format!("D{i}"), i as u64, rng.unit(a.dim)))
                .collect();
            n += batch.len();
            w.append(&batch)?;
        }
        w.finish(None, a.docs as u64, a.docs as u64, a.docs as u64)?;
    }
    let mut opens = Vec::new();
    let mut vectors = None;
    for _ in 0..5 {
        let t = Instant::now();
        let o = store::open(&index_dir, Some(model_id))?.context("the store was just written")?;
        opens.push(t.elapsed().as_secs_f64() * 1000.0);
        vectors = Some(o.vectors);
    }
    let vectors = vectors.context("opened")?;
    opens.sort_by(f64::total_cmp);
    // The floor of opening: reading the data file's bytes alone (same run, same cache).
    let manifest = store::manifest(&index_dir)?.context("the store was just written")?;
    let data = store::vectors_dir(&index_dir).join(&manifest.data);
    let mut reads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        std::hint::black_box(std::fs::read(&data).context("reading the data file")?);
        reads.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    reads.sort_by(f64::total_cmp);
    let mut base = Vec::with_capacity(a.queries);
    let mut fused = Vec::with_capacity(a.queries);
    for q in 0..a.queries {
        let query = rng.unit(a.dim);
        let bm25: Vec<(String, f32)> = (0..100)
            .map(|i| {
                let id = format!("D{}", rng.next() as usize % a.docs);
                (id, 20.0 - i as f32 * 0.1)
            })
            .collect();
        let t = Instant::now();
        let scores: Vec<f32> = bm25.iter().map(|h| h.1).collect();
        let mut only = fusion::min_max(&scores);
        only.sort_by(|x, y| y.total_cmp(x));
        std::hint::black_box(&only);
        base.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let out = fusion::fuse_with_vectors(&bm25, &vectors, &query, 0.6);
        fused.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box((q, out));
    }
    base.sort_by(f64::total_cmp);
    fused.sort_by(f64::total_cmp);
    println!(
        "fusion at {} documents × {} numbers ({:.0} MiB of vectors), {} queries",
        a.docs,
        a.dim,
        (a.docs * a.dim * 4) as f64 / (1024.0 * 1024.0),
        a.queries
    );
    println!(
        "  open the store (read + check every record, format {}): p50 {:.1} ms, max {:.1} ms",
        manifest.format,
        percentile(&opens, 0.5),
        opens[opens.len() - 1]
    );
    println!(
        "  read the data file's bytes alone (the floor): p50 {:.1} ms; open / read {:.2}×",
        percentile(&reads, 0.5),
        percentile(&opens, 0.5) / percentile(&reads, 0.5).max(1e-9)
    );
    println!(
        "  BM25 list alone (normalise + sort, the baseline): p50 {:.3} ms, p95 {:.3} ms",
        percentile(&base, 0.5),
        percentile(&base, 0.95)
    );
    println!(
        "  dense scan top 100 + fusion: p50 {:.2} ms, p95 {:.2} ms (threads: {})",
        percentile(&fused, 0.5),
        percentile(&fused, 0.95),
        rayon::current_num_threads()
    );
    Ok(())
}
