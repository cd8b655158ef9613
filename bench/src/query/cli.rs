//! `tisc-bench query`: query latency against a plain tantivy baseline, parallel
//! against sequential search jobs, and query by example against a plain Boolean query —
//! all measured in one run over one index.

use crate::query;
use clap::Args;
use std::path::PathBuf;
use tisc::index::CorpusIndex;

#[derive(Args, Debug)]
pub struct QueryArgs {
    /// The index folder to measure (e.g. the scaled corpus of `tisc-bench ingest`:
    /// bench-data/ws-end-to-end/index/bench-scaled)
    #[arg(long)]
    pub index: PathBuf,
    /// Repetitions of every strategy
    #[arg(long, default_value_t = 5)]
    pub reps: usize,
    /// Print the figures as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: QueryArgs) -> anyhow::Result<()> {
    let name = args
        .index
        .file_name()
        .map_or_else(|| "bench".to_string(), |n| n.to_string_lossy().into_owned());
    let index = CorpusIndex::open(&args.index, &name)?;
    let second = CorpusIndex::open(&args.index, &format!("{name}-2"))?;
    let latency = query::run(&index, args.reps)?;
    let parallel = query::parallel(&[&index, &second], args.reps)?;
    let qbe = query::qbe(&index, 2000, args.reps)?;
    if args.json {
        println!(
            "{}",
            serde_json::json!({"latency": latency, "parallel": parallel, "qbe": qbe})
        );
        return Ok(());
    }
    let l = &latency;
    println!(
        "index: {} ({} documents)",
        args.index.display(),
        l.documents
    );
    println!(
        "{:<34} {:>10} {:>10} {:>8}",
        "family (strategies × reps)", "p50 ms", "p95 ms", "hits"
    );
    for (label, x) in [
        ("Boolean (tisc)", &l.boolean),
        ("Boolean baseline (QueryParser)", &l.baseline),
        ("proximity/phrase/trunc/class/date", &l.positional),
    ] {
        println!(
            "{:<34} {:>10.2} {:>10.2} {:>8.0}",
            format!(
                "{label} ({}×{})",
                x.strategies,
                x.runs / x.strategies.max(1)
            ),
            x.p50_ms,
            x.p95_ms,
            x.mean_hits
        );
    }
    println!(
        "Boolean / baseline: p50 {:.2}×, p95 {:.2}× (target ≤ 1.2×)",
        l.boolean_vs_baseline_p50, l.boolean_vs_baseline_p95
    );
    println!(
        "positional p95 / Boolean p95: {:.2}× (target ≤ 5×)",
        l.positional_vs_boolean_p95
    );
    println!(
        "  parse + lower of one Boolean strategy: {:.1} µs",
        l.boolean_parse_lower_us
    );
    for (q, ms) in &l.slowest {
        println!("  slowest: {ms:>7.2} ms  {q}");
    }
    let p = &parallel;
    println!(
        "parallel job, {} strategies × {} corpora: sequential {:.1} ms, parallel {:.1} ms, speed-up {:.2}× (quartiles {:.2}–{:.2}; median of {} pairs of {}-job blocks; target ≥ 1.7×)",
        p.strategies, p.corpora, p.sequential_ms, p.parallel_ms, p.speedup, p.speedup_q1, p.speedup_q3, p.runs, p.block
    );
    println!(
        "  counting each block's first job too (it follows the other way of running): {:.2}×",
        p.speedup_first_counted
    );
    println!(
        "  the machine's own speed-up in the same run (a kernel that keeps a core busy, timed beside every pair): {:.2}×",
        parallel.machine_speedup
    );
    println!(
        "  two jobs at once, one per thread, against one after the other (the most two cores give this work here): {:.2}×",
        parallel.two_jobs_speedup
    );
    println!(
        "query by example, {}-word disclosure, {} terms: {:.1} ms vs the plain OR of its terms {:.1} ms ({:.2}×)",
        qbe.disclosure_words, qbe.terms, qbe.qbe_ms, qbe.boolean_ms, qbe.ratio
    );
    Ok(())
}
