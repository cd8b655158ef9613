//! `tisc index` and the first-run demo.

use super::output::{human_bytes, progress_bar, truncate};
use super::{partial, usage};
use crate::config::Config;
use crate::corpus::{
    self, BuildMode, BuildOptions, BuildReport, Corpus, CorpusDef, CorpusError, CorpusKind,
    CorpusLock, Progress, Workspace,
};
use crate::ingest::Format;
use crate::lang::cli;
use anyhow::Context;
use clap::Args;
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
    /// When another run is changing this corpus (indexing or mirroring it), wait up to SECS
    /// seconds for it to finish instead of stopping at once
    #[arg(long, value_name = "SECS")]
    pub wait: Option<u64>,
    /// Memory budget of the index writer, e.g. 512MB or 1GiB (default 400MB, or `memory` in
    /// the [index] section of config.toml); at least 20 MB, at most 16 GiB. Memory in use
    /// stays near this plus a few hundred documents in flight
    #[arg(long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Read every file into a new index, instead of only the files added or changed since
    /// the last run (the default when the corpus has an index)
    #[arg(long)]
    pub rebuild: bool,
    /// Split the index into N shards (1 to 64), searched in parallel and merged with the
    /// whole corpus's statistics, so results are the same as with one. Saved in the corpus
    /// definition; changing it rebuilds the index, and a sharded corpus is always re-read in
    /// full. So far only `tisc search` (strategies and --disclosure) reads sharded corpora
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=64))]
    pub shards: Option<u8>,
    /// Index the texts stemmed only, without their unstemmed copy: an index about 30 %
    /// smaller and a fifth quicker to build on full-text patents, with the same hits for
    /// words, phrases, proximity and free text; but truncation then matches stems (`pump*`
    /// still finds pumping; `runn*` no longer finds running, whose stem is `run`, nor
    /// `*phosphate` phosphate, stem `phosphat`). Saved in the corpus definition;
    /// `--stems-only no` goes back. Changing it rebuilds the index
    #[arg(long, value_name = "yes|no", num_args = 0..=1, default_missing_value = "yes",
          value_parser = clap::builder::BoolishValueParser::new(), hide_possible_values = true)]
    pub stems_only: Option<bool>,
    /// How the stored documents (what the viewer, snippets and reports read) are
    /// compressed: lz4 (the default, fastest) or zstd (a smaller store, slower to index and
    /// to open a document). Saved in the corpus definition; changing it rebuilds the index
    #[arg(long, value_enum, value_name = "lz4|zstd")]
    pub store_compression: Option<crate::index::StoreCompression>,
}

/// `--stems-only` and `--store-compression`, where given, into a corpus definition.
fn set_layout(def: &mut CorpusDef, args: &IndexArgs) {
    if let Some(s) = args.stems_only {
        def.stems_only = s;
    }
    if let Some(c) = args.store_compression {
        def.store_compression = c;
    }
}

/// A corpus that cannot be found: a broken definition is refused input (exit 2).
pub(super) fn find_error(e: CorpusError) -> anyhow::Error {
    match e {
        CorpusError::BadDefinition { .. } => usage(e.to_string()),
        other => other.into(),
    }
}

/// Take the lock on a corpus, saying so on stderr when it has to wait for another run.
pub(super) fn lock(ws: &Workspace, name: &str, wait: Option<u64>) -> anyhow::Result<CorpusLock> {
    let wait = wait.map(std::time::Duration::from_secs);
    let on_wait = |holder: &str| {
        crate::errln!(
            "corpus `{name}` is being changed by another tisc run ({holder}); waiting up to {} s…",
            wait.map_or(0, |w| w.as_secs())
        );
    };
    Ok(CorpusLock::acquire_with(ws, name, wait, &on_wait)?)
}

/// The build options of a `tisc index` run: `--memory`, else `[index] memory` of
/// config.toml, else the default.
fn build_options(args: &IndexArgs, config: &Config) -> anyhow::Result<BuildOptions> {
    let mut options = BuildOptions {
        rebuild: args.rebuild,
        shards: args.shards.map(usize::from),
        ..BuildOptions::default()
    };
    if let Some(m) = config.index.memory {
        options.memory = m;
    }
    if let Some(text) = &args.memory {
        let bytes = crate::mirror::parse_size(text).map_err(|e| usage(format!("--memory: {e}")))?;
        options.memory = crate::index::check_writer_memory(bytes, text)
            .map_err(|e| usage(format!("--memory: {e}")))?;
    }
    Ok(options)
}

pub fn run(ws: &Workspace, args: IndexArgs, config: &Config) -> anyhow::Result<()> {
    crate::ingest::limit::check_env().map_err(|e| usage(e.to_string()))?;
    let options = build_options(&args, config)?;
    let (corpus, _lock) = match (&args.name, args.targets.as_slice()) {
        (None, [one]) => {
            let mut c = corpus::find(ws, &one.to_string_lossy()).map_err(find_error)?;
            let l = lock(ws, c.name(), args.wait)?;
            let asked = args.shards.map(usize::from);
            if asked.is_some() && asked != c.def.shards.or(Some(1)) {
                c.def.shards = asked.filter(|n| *n > 1);
                let saved = corpus::save_user_def(ws, &c.def)?;
                crate::errln!(
                    "corpus `{}` now keeps its index in {} (saved in {})",
                    c.name(),
                    crate::lang::cli::SHARDS.count("en", asked.unwrap_or(1) as u64),
                    saved.display()
                );
            }
            let before = c.def.layout();
            set_layout(&mut c.def, &args);
            if c.def.layout() != before {
                let saved = corpus::save_user_def(ws, &c.def)?;
                crate::errln!(
                    "corpus `{}` now keeps {} and a store compressed with {} (saved in {})",
                    c.name(),
                    if c.def.stems_only {
                        "stemmed words only"
                    } else {
                        "stemmed and unstemmed words"
                    },
                    c.def.store_compression.as_str(),
                    saved.display()
                );
            }
            (c, l)
        }
        (None, [_, _, ..]) => {
            return Err(usage(
                "several paths given without --name: name the new corpus with --name <name>",
            ))
        }
        (Some(_), []) => return Err(usage("--name needs the files or folders to index")),
        (Some(name), _) => {
            corpus::check_name(name).map_err(|e| usage(e.to_string()))?;
            let l = lock(ws, name, args.wait)?;
            let mut paths = Vec::new();
            for p in &args.targets {
                let abs = std::fs::canonicalize(p).map_err(|e| {
                    usage(format!("{}: no such file or folder ({e})", p.display()))
                })?;
                paths.push(abs.to_string_lossy().into_owned());
            }
            let mut def = CorpusDef {
                lang: args.lang.clone(),
                shards: args.shards.map(usize::from).filter(|n| *n > 1),
                ..CorpusDef::new(name, guess_kind(args.format), args.format, paths)
            };
            set_layout(&mut def, &args);
            let saved = corpus::save_user_def(ws, &def)?;
            crate::errln!("defined corpus `{name}` in {}", saved.display());
            (corpus::find(ws, name).map_err(find_error)?, l)
        }
        (None, []) => {
            return Err(usage(
                "name a corpus to index (`tisc index demo`), or define one with --name, --format and paths",
            ))
        }
    };
    let report = build_with_progress(ws, &corpus, &options)?;
    if args.json {
        crate::outln!("{}", crate::cli::output::json_pretty(&report)?);
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
            "{}; the first: {}",
            cli::FILES_UNSAFE.count("en", refused.len() as u64),
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
        "{skipped} skipped while indexing ({}, {}, {}); the first:{}",
        cli::MALFORMED_RECORDS.count("en", r.malformed_count),
        cli::FILES_NOT_READ.count("en", r.failed_files.len() as u64),
        cli::DAMAGED_FILES.count("en", r.damaged_files.len() as u64),
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
/// The caller holds the corpus's lock.
pub fn build_with_progress(
    ws: &Workspace,
    corpus: &Corpus,
    options: &BuildOptions,
) -> anyhow::Result<BuildReport> {
    let bar = progress_bar(
        "{prefix} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
        format!("indexing {}", corpus.name()),
    );
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
    let report = corpus::build_with(ws, corpus, options, &progress)
        .with_context(|| format!("indexing corpus `{}`", corpus.name()))?;
    bar.finish_and_clear();
    Ok(report)
}

/// `n` with thousands separated by commas (`1,234`).
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n new files` (`1 new file`).
fn new_files(n: usize) -> String {
    cli::NEW_FILES.count("en", n as u64)
}

/// The first line of the summary: what was done to the index.
fn headline(r: &BuildReport) {
    let mb = r.source_bytes as f64 / 1e6;
    let secs = r.seconds.max(0.001);
    match r.mode {
        BuildMode::UpToDate => crate::outln!(
            "{} is up to date: no file added, changed or removed since the last indexing ({}); `tisc index --rebuild {}` reads every file again",
            r.corpus,
            cli::DOCUMENTS.count_shown("en", r.meta.documents, &thousands(r.meta.documents)),
            r.corpus
        ),
        BuildMode::Incremental => crate::outln!(
            "updated {}: {}, {} changed, {} removed: +{}, \u{2212}{}; {} in the index, in {:.1} s — {:.0} docs/s, {:.1} MB/s; index {}",
            r.corpus,
            new_files(r.files_new),
            r.files_changed,
            r.files_removed,
            cli::DOCUMENTS.count_shown("en", r.indexed, &thousands(r.indexed)),
            thousands(r.documents_removed),
            cli::DOCUMENTS.count_shown("en", r.meta.documents, &thousands(r.meta.documents)),
            r.seconds,
            r.parsed as f64 / secs,
            mb / secs,
            human_bytes(r.index_bytes)
        ),
        BuildMode::Full => {
            if let Some(why) = &r.rebuild_reason {
                crate::outln!("rebuilt the whole index of {}: {why}", r.corpus);
            }
            crate::outln!(
                "indexed {}: {} from {} ({}) in {:.1} s — {:.0} docs/s, {:.1} MB/s; index {}",
                r.corpus,
                cli::DOCUMENTS.count("en", r.indexed),
                cli::FILES.count("en", r.files_read as u64),
                human_bytes(r.source_bytes),
                r.seconds,
                r.parsed as f64 / secs,
                mb / secs,
                human_bytes(r.index_bytes)
            )
        }
    }
}

pub fn print_summary(r: &BuildReport) {
    headline(r);
    if r.malformed_count > 0 {
        crate::outln!(
            "{}",
            cli::MALFORMED_DOCUMENTS.count("en", r.malformed_count)
        );
        for p in r.malformed.iter().take(5) {
            crate::outln!("  {}", truncate(&p.to_string(), 160));
        }
    }
    for (why, n) in &r.not_documents {
        crate::outln!("not documents: {n} × {why}");
    }
    if r.duplicates > 0 {
        crate::outln!("{}", cli::DUPLICATES.count("en", r.duplicates));
    }
    if r.deleted > 0 {
        crate::outln!("{}", cli::DELETED_IDS.count("en", r.deleted));
    }
    if !r.skipped_files.is_empty() {
        crate::outln!(
            "{}",
            cli::FILES_WITHOUT_DOCUMENTS.count("en", r.skipped_files.len() as u64)
        );
        for (p, why) in r.skipped_files.iter().take(10) {
            crate::outln!("  {}: {why}", p.display());
        }
        if r.skipped_files.len() > 10 {
            crate::outln!("  … and {} more", r.skipped_files.len() - 10);
        }
    }
    for (p, why) in &r.failed_files {
        crate::outln!("could not read {}: {why}", p.display());
    }
    for d in &r.damaged_files {
        crate::outln!(
            "damaged {}: the documents before byte {} were kept; {}",
            d.file,
            d.offset,
            d.reason
        );
    }
    if !r.unreadable_values.is_empty() {
        let counts: Vec<String> = r
            .unreadable_values
            .iter()
            .map(|(what, n)| format!("{n} × {what}"))
            .collect();
        crate::outln!(
            "unreadable values (documents kept without them): {}; the first ones:",
            counts.join(", ")
        );
        for p in r.unreadable_examples.iter().take(5) {
            crate::outln!("  {}", truncate(&p.to_string(), 160));
        }
    }
}

/// `tisc` with no command: index the demo corpus on first run, then show a demo search.
pub fn demo(ws: &Workspace) -> anyhow::Result<()> {
    let demo = corpus::find(ws, "demo").map_err(find_error)?;
    let dir = ws.index_dir("demo");
    let fresh = || crate::index::is_current(&dir);
    // Another first run may be indexing the demo at this moment: wait for it (a minute at
    // most), then index only if it has not.
    let lock = if fresh() {
        None
    } else {
        Some(lock(ws, "demo", Some(60))?)
    };
    if !fresh() {
        crate::errln!(
            "First run: indexing the demo corpus into {} …",
            ws.home.display()
        );
        let report = build_with_progress(ws, &demo, &BuildOptions::default())?;
        print_summary(&report);
        crate::outln!();
    }
    drop(lock);
    let query = "(solar OR photovoltaic) NEAR/3 pump*";
    crate::outln!("Demo search on the demo corpus: \"{query}\"\n");
    super::search::print_query(ws, "demo", query, 10, super::search::OutFormat::Table, None)?;
    crate::outln!(
        "\nTry your own: tisc search --corpus demo \"ti:(cassava AND grat*)\"\n\
         See how a strategy is read: tisc explain --corpus demo \"drip NEAR/3 emitter*\"\n\
         List corpora: tisc corpora    Help: tisc --help"
    );
    Ok(())
}
