//! `tisc-bench`: every benchmark of tisc, and the synthetic collections they run on, behind one entry point,
//! `cargo run --release -p tisc-bench -- <what>`.
//!
//! Each subcommand lives in a module of its own; this file only parses the command line and
//! dispatches. The measurements use tisc's library as it ships (no fault points), and the
//! test kit for the workbench fixtures and the loopback HTTP server.

// The same rules as the product's code: no byte slicing of text, no unwrapping (tests may).
#![cfg_attr(not(test), warn(clippy::string_slice))]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

mod encode;
mod fileio;
mod fusion;
mod gen;
mod ingest;
mod mirror;
mod query;
mod scale;
mod stats;
mod tui;

// The `tisc` binary's allocator: what is measured in-process runs as the product runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "tisc-bench",
    version,
    about = "Benchmarks of tisc: ingest throughput, query latency, mirror throughput, workbench latency",
    long_about = "Benchmarks of tisc: ingest throughput, query latency, mirror throughput, workbench latency.\n\n\
Build and run with --release for meaningful figures: cargo run --release -p tisc-bench -- <what>.\n\
See docs/performance.md for the figures measured so far and how to read them.",
    after_help = "Examples:\n  cargo run --release -p tisc-bench -- ingest --target-mb 1024\n  cargo run --release -p tisc-bench -- query --index bench-data/ws-end-to-end/index/bench-scaled\n  cargo run --release -p tisc-bench -- mirror --mb 200 --capped-mb 200 --rate-mb 2\n  cargo run --release -p tisc-bench -- tui\n  cargo run --release -p tisc-bench -- gen-corpus --docs 100000 --seed 1 --out /data/syn-100k"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Ingest + index throughput against tantivy alone, on a scaled USPTO corpus
    #[command(
        long_about = "Measure ingest + index throughput against tantivy alone.\n\n\
Writes a scaled corpus into WORK/uspto-scaled (the real utility grants of the shared weekly\n\
excerpts, replicated with renumbered ids to at least --target-mb MB of XML; kept and reused by\n\
the next run of the same size), then runs two phases, each in a child process of its own:\n\
end-to-end (the code path of `tisc index`) and tantivy-only (documents parsed and converted\n\
beforehand; only the indexing is timed). Prints documents/s, MB/s, peak RSS of each phase and\n\
the ratio end-to-end / tantivy-only. Build with --release first.",
        after_help = "Example:\n  cargo run --release -p tisc-bench -- ingest --target-mb 1024"
    )]
    Ingest(ingest::cli::IngestArgs),
    /// Run one phase of `ingest` in this process and print its result as JSON
    #[command(hide = true)]
    IngestPhase(ingest::cli::PhaseArgs),
    /// Query latency, parallel search and query by example, over one index
    #[command(
        long_about = "Measure query latency against a plain tantivy baseline, parallel against sequential\n\
search jobs, and query by example against a plain Boolean query, all in one run over one index.",
        after_help = "Example:\n  cargo run --release -p tisc-bench -- ingest --target-mb 1024 --keep\n  cargo run --release -p tisc-bench -- query --index bench-data/ws-end-to-end/index/bench-scaled"
    )]
    Query(query::cli::QueryArgs),
    /// Mirror throughput against curl + md5sum
    #[command(
        long_about = "Measure mirror throughput against curl + md5sum, from a loopback server: once at full\n\
loopback speed and once with the server capped as a TISC link would be.",
        after_help = "Example:\n  cargo run --release -p tisc-bench -- mirror --mb 200 --capped-mb 200 --rate-mb 2"
    )]
    Mirror(mirror::cli::MirrorArgs),
    /// Workbench keystroke latency and time to first frame
    #[command(
        long_about = "Measure how fast the workbench answers a key (update + a full frame, off screen, with\n\
many results loaded), how soon it shows its first frame on the workspace of $TISC_HOME\n\
(indexing the demo corpus there first when it is not yet), and a search round trip.",
        after_help = "Example:\n  cargo run --release -p tisc-bench -- tui\n  TISC_HOME=/tmp/tisc-bench cargo run --release -p tisc-bench -- tui --results 1000"
    )]
    Tui(tui::TuiArgs),
    /// Sentence-embedding model speed: query latency on one thread, documents/s on 1 and 2
    #[command(
        long_about = "Measure the sentence-embedding model: query encoding latency (p50, p95) on one thread\n\
over ~200 short queries (the SciFact queries of the shared data when present, else built-in\n\
sentences), and documents per second embedding texts of the model's token limit (256 tokens\n\
for all-MiniLM-L6-v2) on 1 and 2 threads. Build with --release first.",
        after_help = "Example:\n  cargo run --release -p tisc-bench -- encode --model ~/models/all-minilm-l6-v2\n  cargo run --release -p tisc-bench -- encode --model ~/models/all-minilm-l6-v2 --threads 1,2 --json"
    )]
    Encode(encode::EncodeArgs),
    /// What search by meaning adds to a search at N embedded documents (dense scan + fusion)
    #[command(
        after_help = "Example:\n  cargo run --release -p tisc-bench -- fusion --docs 100000"
    )]
    Fusion(fusion::FusionArgs),
    /// Write a synthetic collection (USPTO bulk XML or JSON lines) of any size
    GenCorpus(gen::GenArgs),
    /// tisc beside a plain-tantivy twin and SQLite FTS5, per collection size
    #[command(
        long_about = "Measure tisc beside a plain-tantivy twin and SQLite FTS5, on the same synthetic\n\
documents and the same strategies, for each collection size: ingest (docs/s, MB/s, CPU\n\
seconds, peak RSS, index bytes per document, index/raw), query latency p50/p95/p99 per class\n\
(Boolean, truncation, NEAR/ADJ, classification, date, free text, query by example; one cold\n\
pass, then warm passes), RSS while serving, a 10-strategy search job over two corpora, the\n\
workbench's first frame and first result list, the ratios tisc / twin and tisc / FTS5, and\n\
whether hit counts agree with the twin where the semantics match. Each system ingests and\n\
serves in a child process of its own. FTS5 needs a build with --features peers.",
        after_help = "Examples:\n  cargo run --release -p tisc-bench -- scale --docs 30000,100000\n  cargo run --release -p tisc-bench --features peers -- scale --docs 30000 --json /tmp/scale-30k.json"
    )]
    Scale(scale::cli::ScaleArgs),
    /// Ingest or serve one system of `scale` in this process and print its figures as JSON
    #[command(hide = true)]
    ScaleChild(scale::cli::ChildArgs),
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Ingest(a) => ingest::cli::run(a),
        Command::IngestPhase(a) => ingest::cli::phase(a),
        Command::Query(a) => query::cli::run(a),
        Command::Mirror(a) => mirror::cli::run(a),
        Command::Tui(a) => tui::run(a),
        Command::GenCorpus(a) => gen::run(&a),
        Command::Encode(a) => encode::run(a),
        Command::Fusion(a) => fusion::run(a),
        Command::Scale(a) => scale::cli::run(a),
        Command::ScaleChild(a) => scale::cli::child(a),
    }
}

/// Exit codes as tisc's: 0 done, 1 runtime failure, 2 bad usage or input.
fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        eprintln!("error: {}", tisc::cli::error_text(&e));
        std::process::exit(tisc::cli::exit_code(&e));
    }
}
