//! `tisc-bench ingest`: builds a scaled USPTO corpus and measures ingest + index throughput
//! against tantivy alone; each phase runs in a child process (`tisc-bench ingest-phase`,
//! hidden) so that each phase's peak RSS is measured on its own.

use crate::ingest::{self as bench, BenchReport, Phase, PhaseResult};
use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::Command;
use tisc::cli::output::human_bytes;

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Size of the scaled corpus, in MB (10^6 bytes) of XML
    #[arg(long, default_value_t = 1024)]
    pub target_mb: u64,
    /// Folder for the scaled corpus and the indexes
    #[arg(long, default_value = "bench-data")]
    pub work: PathBuf,
    /// Folder of USPTO weekly grant files to scale (default: the shared weekly excerpts)
    #[arg(long)]
    pub source: Option<PathBuf>,
    /// Run each phase this many times (alternately) and report each phase's median run
    #[arg(long, default_value_t = 1)]
    pub runs: usize,
    /// Keep the two indexes built (the scaled corpus is always kept)
    #[arg(long)]
    pub keep: bool,
    /// Print the results as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PhaseArgs {
    #[arg(long, value_enum)]
    pub phase: Phase,
    /// The scaled corpus folder
    #[arg(long)]
    pub corpus: PathBuf,
    /// The work folder
    #[arg(long)]
    pub work: PathBuf,
}

/// Run one phase in this process and print its result as one JSON line (the child side of
/// [`run`]).
pub fn phase(a: PhaseArgs) -> anyhow::Result<()> {
    let r = bench::run_phase(a.phase, &a.corpus, &a.work)
        .with_context(|| format!("benchmark phase {}", a.phase.as_str()))?;
    println!("{}", serde_json::to_string(&r)?);
    Ok(())
}

pub fn run(args: IngestArgs) -> anyhow::Result<()> {
    if args.target_mb == 0 || args.runs == 0 {
        return Err(tisc::cli::usage(
            "--target-mb and --runs must be at least 1",
        ));
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build; build with --release for meaningful figures");
    }
    std::fs::create_dir_all(&args.work)
        .with_context(|| format!("creating {}", args.work.display()))?;
    let work = std::fs::canonicalize(&args.work)
        .with_context(|| format!("{}: no such folder", args.work.display()))?;
    let source = args.source.unwrap_or_else(bench::default_source_dir);
    let corpus_dir = work.join("uspto-scaled");
    eprintln!(
        "scaled corpus: {} MB of utility grants from {} into {} …",
        args.target_mb,
        source.display(),
        corpus_dir.display()
    );
    let corpus = bench::make_scaled_corpus(&source, &corpus_dir, args.target_mb * 1_000_000)
        .context("writing the scaled corpus")?;
    eprintln!(
        "  {} {} documents, {} in {} files",
        if corpus.reused { "reused:" } else { "wrote" },
        corpus.documents,
        human_bytes(corpus.bytes),
        corpus.files.len()
    );
    let exe = std::env::current_exe().context("locating the tisc-bench executable")?;
    let mut results = Vec::new();
    let phases = [Phase::EndToEnd, Phase::TantivyOnly];
    let plan: Vec<Phase> = (0..args.runs).flat_map(|_| phases).collect();
    for (n, &phase) in plan.iter().enumerate() {
        eprintln!("run {}/{}: {} …", n + 1, plan.len(), phase.as_str());
        let r = bench::run_in_child(phase, child(&exe, phase, &corpus_dir, &work))?;
        eprintln!(
            "  {} docs in {:.1} s ({:.0} docs/s)",
            r.documents, r.seconds, r.docs_per_sec
        );
        results.push(r);
    }
    if !args.keep {
        for dir in [
            bench::end_to_end_home(&work),
            bench::tantivy_only_dir(&work),
        ] {
            if dir.exists() {
                std::fs::remove_dir_all(&dir)
                    .with_context(|| format!("removing {}", dir.display()))?;
            }
        }
    }
    let report = BenchReport::new(corpus, results)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report);
    }
    Ok(())
}

fn child(exe: &Path, phase: Phase, corpus: &Path, work: &Path) -> Command {
    let mut cmd = Command::new(exe);
    cmd.args(["ingest-phase", "--phase", phase.as_str(), "--corpus"])
        .arg(corpus)
        .arg("--work")
        .arg(work);
    cmd
}

fn opt_bytes(b: Option<u64>) -> String {
    b.map_or_else(|| "n/a".into(), human_bytes)
}

fn print_table(r: &BenchReport) {
    let m = &r.machine;
    println!(
        "machine: {} CPUs{}, {} memory",
        m.cpus,
        m.cpu_model
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default(),
        opt_bytes(m.memory_bytes)
    );
    let c = &r.corpus;
    println!(
        "corpus:  {} utility grants ({} real ones, renumbered copies), {:.1} MB of XML in {} files{}",
        c.documents,
        c.originals,
        c.bytes as f64 / 1e6,
        c.files.len(),
        if c.reused { " (reused)" } else { "" }
    );
    if r.runs.len() > 2 {
        println!("(median run of each phase)");
    }
    println!();
    println!(
        "{:<13} {:>8} {:>8} {:>8} {:>9} {:>7} {:>8} {:>10} {:>10}",
        "phase", "docs", "MB", "seconds", "docs/s", "MB/s", "CPU s", "peak RSS", "index"
    );
    for p in [&r.end_to_end, &r.tantivy_only] {
        print_row(p);
    }
    println!();
    println!(
        "ratio end-to-end / tantivy-only: {:.3} (target ≥ {:.2}: {}); in CPU seconds: {:.3}",
        r.ratio,
        r.target_ratio,
        if r.meets_target { "met" } else { "MISSED" },
        r.cpu_ratio
    );
    if r.runs.len() > 2 {
        println!("ratio of the fastest runs: {:.3}", r.best_ratio);
        for phase in [Phase::EndToEnd, Phase::TantivyOnly] {
            let secs: Vec<String> = r
                .runs
                .iter()
                .filter(|p| p.phase == phase.as_str())
                .map(|p| match p.other_cpu_seconds {
                    Some(o) => format!("{:.1} (others {o:.0} CPU s)", p.seconds),
                    None => format!("{:.1}", p.seconds),
                })
                .collect();
            println!("{} runs, s: {}", phase.as_str(), secs.join(", "));
        }
    } else if let Some(o) = r
        .end_to_end
        .other_cpu_seconds
        .zip(r.tantivy_only.other_cpu_seconds)
    {
        println!(
            "other processes used {:.0} and {:.0} CPU s during the two phases",
            o.0, o.1
        );
    }
    if let Some(prep) = &r.tantivy_only.preparation {
        println!(
            "tantivy-only preparation (not timed): parse {:.1} s ({:.1} CPU s), to_tantivy {:.1} s ({:.1} CPU s); RSS when indexing began {}",
            prep.parse_seconds,
            prep.parse_cpu_seconds,
            prep.convert_seconds,
            prep.convert_cpu_seconds,
            opt_bytes(r.tantivy_only.rss_at_start_bytes)
        );
    }
    println!(
        "writer: {} threads, {} budget (as `tisc index`)",
        r.end_to_end.writer_threads,
        human_bytes(r.end_to_end.memory_budget as u64)
    );
    if r.end_to_end.malformed + r.end_to_end.duplicates > 0 {
        println!(
            "warning: end-to-end skipped {} malformed and {} duplicate documents",
            r.end_to_end.malformed, r.end_to_end.duplicates
        );
    }
}

fn print_row(p: &PhaseResult) {
    println!(
        "{:<13} {:>8} {:>8.1} {:>8.1} {:>9.1} {:>7.2} {:>8.1} {:>10} {:>10}",
        p.phase,
        p.documents,
        p.source_bytes as f64 / 1e6,
        p.seconds,
        p.docs_per_sec,
        p.mb_per_sec,
        p.cpu_seconds,
        opt_bytes(p.peak_rss_bytes),
        human_bytes(p.index_bytes)
    );
}
