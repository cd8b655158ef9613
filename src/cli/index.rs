//! `tisc index` and the first-run demo.

use super::output::{human_bytes, stderr_is_terminal, truncate};
use super::{partial, usage};
use crate::corpus::{self, BuildReport, Corpus, CorpusDef, CorpusKind, Progress, Workspace};
use crate::ingest::Format;
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Define a new corpus with this name (letters, digits, - and _) and index it
    #[arg(long)]
    pub name: Option<String>,
    /// Format of the files of a new corpus; `auto` detects it per file
    #[arg(long, value_enum, default_value = "auto")]
    pub format: Format,
    /// Default language of documents that do not state one (e.g. en, fr, es)
    #[arg(long)]
    pub lang: Option<String>,
    /// A defined corpus to (re)index (see `tisc corpora`); with --name, the files or folders
    /// of the new corpus (folders are read recursively)
    #[arg(value_name = "CORPUS | PATHS", num_args = 1..)]
    pub targets: Vec<PathBuf>,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(ws: &Workspace, args: IndexArgs) -> anyhow::Result<()> {
    crate::ingest::limit::check_env().map_err(|e| usage(e.to_string()))?;
    let corpus = match (&args.name, args.targets.as_slice()) {
        (None, [one]) => corpus::find(ws, &one.to_string_lossy())?,
        (None, [_, _, ..]) => {
            return Err(usage(
                "several paths given without --name: name the new corpus with --name <name>",
            ))
        }
        (Some(_), []) => return Err(usage("--name needs the files or folders to index")),
        (Some(name), _) => {
            corpus::check_name(name).map_err(|e| usage(e.to_string()))?;
            let mut paths = Vec::new();
            for p in &args.targets {
                let abs = std::fs::canonicalize(p)
                    .with_context(|| format!("{}: no such file or folder", p.display()))?;
                paths.push(abs.to_string_lossy().into_owned());
            }
            let def = CorpusDef {
                name: name.clone(),
                kind: guess_kind(args.format),
                format: args.format,
                lang: args.lang.clone(),
                description: None,
                paths,
                embedded: None,
                remote: None,
            };
            let saved = corpus::save_user_def(ws, &def)?;
            eprintln!("defined corpus `{name}` in {}", saved.display());
            corpus::find(ws, name)?
        }
        (None, []) => {
            return Err(usage(
                "name a corpus to index (`tisc index demo`), or define one with --name, --format and paths",
            ))
        }
    };
    let report = build_with_progress(ws, &corpus)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_summary(&report);
    }
    outcome(&report)
}

/// The exit of a build once its summary is printed: 2 when an input was refused as unsafe,
/// 3 when records or files were skipped (the count and the first reasons), 0 otherwise.
fn outcome(r: &BuildReport) -> anyhow::Result<()> {
    let refused: Vec<String> = r
        .failed_files
        .iter()
        .filter(|(p, _)| r.refused_files.contains(p))
        .map(|(p, why)| format!("{}: {why}", p.display()))
        .collect();
    if let Some(first) = refused.first() {
        return Err(usage(format!(
            "{} input file(s) refused as unsafe, nothing of them indexed; the first: {}",
            refused.len(),
            truncate(first, 300)
        )));
    }
    let skipped = r.skipped_count();
    if skipped == 0 {
        return Ok(());
    }
    let reasons: Vec<String> = r
        .failed_files
        .iter()
        .map(|(p, why)| format!("could not read {}: {why}", p.display()))
        .chain(r.damaged_files.iter().map(|d| format!("damaged {}", d)))
        .chain(r.malformed.iter().map(|p| format!("malformed {p}")))
        .take(3)
        .map(|s| format!("\n  {}", truncate(&s, 200)))
        .collect();
    Err(partial(format!(
        "{skipped} skipped while indexing ({} malformed records, {} files not read, {} damaged files); the first:{}",
        r.malformed_count,
        r.failed_files.len(),
        r.damaged_files.len(),
        reasons.concat()
    )))
}

fn guess_kind(f: Format) -> CorpusKind {
    match f {
        Format::Uspto | Format::Ep | Format::Docdb => CorpusKind::Patent,
        Format::Pubmed | Format::Jats | Format::Beir => CorpusKind::Literature,
        Format::Jsonl | Format::Auto => CorpusKind::Mixed,
    }
}

/// Build a corpus, showing a progress bar (documents/s, MB/s, ETA) when stderr is a terminal.
pub fn build_with_progress(ws: &Workspace, corpus: &Corpus) -> anyhow::Result<BuildReport> {
    let bar = if stderr_is_terminal() {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix(format!("indexing {}", corpus.name()));
    let started = Instant::now();
    let docs = AtomicU64::new(0);
    let progress = |p: Progress| match p {
        Progress::Start { bytes, .. } => bar.set_length(bytes),
        Progress::Advance { bytes, docs: d } => {
            bar.inc(bytes);
            docs.store(d, Ordering::Relaxed);
            let secs = started.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!("{d} docs ({:.0} docs/s)", d as f64 / secs));
        }
        Progress::Committing => bar.set_message("committing the index…"),
    };
    let report = corpus::build(ws, corpus, &progress)
        .with_context(|| format!("indexing corpus `{}`", corpus.name()))?;
    bar.finish_and_clear();
    Ok(report)
}

pub fn print_summary(r: &BuildReport) {
    let mb = r.source_bytes as f64 / 1e6;
    let secs = r.seconds.max(0.001);
    println!(
        "indexed {}: {} documents from {} files ({}) in {:.1} s — {:.0} docs/s, {:.1} MB/s; index {}",
        r.corpus,
        r.indexed,
        r.files_read,
        human_bytes(r.source_bytes),
        r.seconds,
        r.parsed as f64 / secs,
        mb / secs,
        human_bytes(r.index_bytes)
    );
    if r.malformed_count > 0 {
        println!(
            "skipped {} malformed documents; the first ones:",
            r.malformed_count
        );
        for p in r.malformed.iter().take(5) {
            println!("  {}", truncate(&p.to_string(), 160));
        }
    }
    for (why, n) in &r.not_documents {
        println!("not documents: {n} × {why}");
    }
    if r.duplicates > 0 {
        println!(
            "duplicates: {} documents had an id seen before (the version from the later file is kept)",
            r.duplicates
        );
    }
    if r.deleted > 0 {
        println!("deleted: {} ids removed by delete records", r.deleted);
    }
    if !r.skipped_files.is_empty() {
        println!(
            "skipped {} files that hold no documents tisc reads:",
            r.skipped_files.len()
        );
        for (p, why) in r.skipped_files.iter().take(10) {
            println!("  {}: {why}", p.display());
        }
        if r.skipped_files.len() > 10 {
            println!("  … and {} more", r.skipped_files.len() - 10);
        }
    }
    for (p, why) in &r.failed_files {
        println!("could not read {}: {why}", p.display());
    }
    for d in &r.damaged_files {
        println!(
            "damaged {}: the documents before byte {} were kept; {}",
            d.file, d.offset, d.reason
        );
    }
    if !r.unreadable_values.is_empty() {
        let counts: Vec<String> = r
            .unreadable_values
            .iter()
            .map(|(what, n)| format!("{n} × {what}"))
            .collect();
        println!(
            "unreadable values (documents kept without them): {}; the first ones:",
            counts.join(", ")
        );
        for p in r.unreadable_examples.iter().take(5) {
            println!("  {}", truncate(&p.to_string(), 160));
        }
    }
}

/// `tisc` with no command: index the demo corpus on first run, then show a demo search.
pub fn demo(ws: &Workspace) -> anyhow::Result<()> {
    let demo = corpus::find(ws, "demo")?;
    let dir = ws.index_dir("demo");
    let fresh = crate::index::read_meta(&dir)
        .is_some_and(|m| m.schema_version == crate::index::SCHEMA_VERSION);
    if !fresh {
        eprintln!(
            "First run: indexing the demo corpus into {} …",
            ws.home.display()
        );
        let report = build_with_progress(ws, &demo)?;
        print_summary(&report);
        println!();
    }
    let query = "(solar OR photovoltaic) NEAR/3 pump*";
    println!("Demo search on the demo corpus: \"{query}\"\n");
    super::search::print_query(ws, "demo", query, 10, super::search::OutFormat::Table, None)?;
    println!(
        "\nTry your own: tisc search --corpus demo \"ti:(cassava AND grat*)\"\n\
         See how a strategy is read: tisc explain --corpus demo \"drip NEAR/3 emitter*\"\n\
         List corpora: tisc corpora    Help: tisc --help"
    );
    Ok(())
}
