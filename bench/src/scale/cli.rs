//! The command line of `tisc-bench scale` and of its hidden child, `scale-child`: for each
//! size, generate the collection, derive the query set, ingest and serve it in one child
//! process per system and step, summarise, print, and remove the size's data unless kept.

use super::queries::{self, Class, Query};
use super::report::{self, ScaleReport, SizeReport, SystemReport, FTS5_NOT_BUILT};
use super::{IngestFigures, ServeFigures, SizeDirs, Step, System};
use crate::fileio::io_err;
use crate::gen::{self, tables::Tables, GenArgs, Profile};
use anyhow::Context;
use clap::Args;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use tisc::cli::usage;

#[derive(Args, Debug)]
pub struct ScaleArgs {
    /// Collection sizes in documents, comma-separated (e.g. 30000,100000)
    #[arg(long, value_delimiter = ',', required = true)]
    pub docs: Vec<u64>,
    /// What the documents are (patent and biblio: USPTO XML; article and mixed: JSON lines)
    #[arg(long, value_enum, default_value_t = Profile::Patent)]
    pub profile: Profile,
    /// Seed of the collection and of the query set
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder for the generated collections, indexes and databases
    #[arg(long, default_value = "bench-data/scale")]
    pub work: PathBuf,
    /// Keep each size's files and indexes (default: removed once measured)
    #[arg(long)]
    pub keep: bool,
    /// Strategies per class
    #[arg(long, default_value_t = 20)]
    pub queries: usize,
    /// Warm passes over the strategies (after the cold one)
    #[arg(long, default_value_t = 3)]
    pub reps: usize,
    /// Index writer memory for tisc and the twin, e.g. 400MB (default: tisc's default)
    #[arg(long)]
    pub memory: Option<String>,
    /// Leave SQLite FTS5 out even when built with --features peers
    #[arg(long)]
    pub skip_fts5: bool,
    /// Index tisc's texts stemmed only (as `tisc index --stems-only`)
    #[arg(long)]
    pub stems_only: bool,
    /// Compress tisc's document store so (as `tisc index --store-compression`)
    #[arg(long, value_enum, default_value = "lz4")]
    pub store_compression: tisc::index::StoreCompression,
    /// Also write every figure as JSON to this file
    #[arg(long)]
    pub json: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ChildArgs {
    #[arg(long, value_enum)]
    pub system: System,
    #[arg(long, value_enum)]
    pub step: Step,
    /// The size's folder
    #[arg(long)]
    pub dir: PathBuf,
    #[arg(long, value_enum)]
    pub profile: Profile,
    #[arg(long)]
    pub memory: usize,
    #[arg(long)]
    pub reps: usize,
    #[arg(long)]
    pub stems_only: bool,
    #[arg(long, value_enum, default_value = "lz4")]
    pub store_compression: tisc::index::StoreCompression,
    /// Serve only the strategies of this class (e.g. boolean), to profile one class by hand
    #[arg(long)]
    pub only: Option<String>,
}

/// The child side: one system, one step, one JSON line on stdout.
pub fn child(a: ChildArgs) -> anyhow::Result<()> {
    let dirs = SizeDirs { root: a.dir };
    let (_, format, kind) = super::format_of(a.profile);
    let line = match a.step {
        Step::Ingest => {
            let layout = tisc::index::Layout {
                stems_only: a.stems_only,
                store_compression: a.store_compression,
            };
            let figures = super::ingest(a.system, &dirs, format, kind, a.memory, layout)?;
            serde_json::to_string(&figures)?
        }
        Step::Serve => {
            let only = a.only.as_deref();
            serde_json::to_string(&super::serve(a.system, &dirs, a.reps, only)?)?
        }
    };
    println!("{line}");
    Ok(())
}

fn memory_of(text: Option<&str>) -> anyhow::Result<usize> {
    let Some(text) = text else {
        return Ok(tisc::index::WRITER_MEMORY_BUDGET);
    };
    let bytes = tisc::mirror::parse_size(text).map_err(|e| usage(format!("--memory: {e}")))?;
    tisc::index::check_writer_memory(bytes, text).map_err(|e| usage(format!("--memory: {e}")))
}

pub fn run(a: ScaleArgs) -> anyhow::Result<()> {
    if a.docs.contains(&0) || a.queries == 0 || a.reps == 0 {
        return Err(usage(
            "--docs sizes, --queries and --reps must be at least 1",
        ));
    }
    if let Some(j) = &a.json {
        if j.is_dir() {
            return Err(usage(format!(
                "--json {}: a folder, not a file",
                j.display()
            )));
        }
    }
    let memory = memory_of(a.memory.as_deref())?;
    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build; build with --release for meaningful figures");
    }
    std::fs::create_dir_all(&a.work).with_context(|| format!("creating {}", a.work.display()))?;
    let work = std::fs::canonicalize(&a.work)
        .with_context(|| format!("{}: no such folder", a.work.display()))?;
    let exe = std::env::current_exe().context("locating the tisc-bench executable")?;
    let tables = Tables::load().context("the compiled-in tables are damaged")?;
    let fts5 = cfg!(feature = "peers") && !a.skip_fts5;
    let mut report = ScaleReport {
        machine: crate::ingest::machine(),
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        profile: profile_name(a.profile).into(),
        seed: a.seed,
        queries_per_class: a.queries,
        warm_passes: a.reps,
        writer_memory_bytes: memory,
        stems_only: a.stems_only,
        store_compression: a.store_compression.as_str(),
        sizes: Vec::new(),
    };
    for &docs in &a.docs {
        let dirs = SizeDirs {
            root: work.join(format!("{}-{docs}", profile_name(a.profile))),
        };
        let size = measure(&a, &exe, &tables, &dirs, docs, memory, fts5)
            .with_context(|| format!("size {docs}"))?;
        report::print_size(&size);
        report.sizes.push(size);
        if !a.keep {
            std::fs::remove_dir_all(&dirs.root).map_err(io_err(&dirs.root))?;
        }
        // Written after each size, so that a failure at a larger size keeps the smaller ones.
        if let Some(path) = &a.json {
            std::fs::write(path, serde_json::to_string_pretty(&report)?)
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    if let Some(path) = &a.json {
        eprintln!("figures written to {}", path.display());
    }
    Ok(())
}

fn profile_name(p: Profile) -> &'static str {
    match p {
        Profile::Patent => "patent",
        Profile::Biblio => "biblio",
        Profile::Article => "article",
        Profile::Mixed => "mixed",
    }
}

/// The generated collection of a size: reused when a kept run made it with the same
/// arguments (its stamp says so), else written anew.
fn collection(a: &ScaleArgs, dirs: &SizeDirs, docs: u64) -> anyhow::Result<(u64, usize, f64)> {
    let stamp = dirs.root.join("collection.txt");
    let want = format!(
        "docs={docs} seed={} profile={}",
        a.seed,
        profile_name(a.profile)
    );
    let corpus = dirs.corpus();
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        let files =
            tisc::corpus::input_files(std::slice::from_ref(&corpus)).map_err(io_err(&corpus))?;
        let mut bytes = 0;
        for f in &files {
            bytes += std::fs::metadata(f).map_err(io_err(f))?.len();
        }
        eprintln!("reusing the collection in {}", corpus.display());
        return Ok((bytes, files.len(), 0.0));
    }
    crate::fileio::fresh_dir(&dirs.root)?;
    let (out_format, _, _) = super::format_of(a.profile);
    let args = GenArgs {
        docs,
        seed: a.seed,
        out: corpus,
        format: out_format,
        profile: a.profile,
        first_id: 0,
        per_file: 5000,
        threads: None,
    };
    let t = Instant::now();
    let summary = match gen::generate(&args) {
        Ok(s) => s,
        Err(gen::GenError::Usage(m)) => return Err(usage(m)),
        Err(e) => return Err(e.into()),
    };
    std::fs::write(&stamp, want).map_err(io_err(&stamp))?;
    Ok((
        summary.bytes,
        summary.files.len(),
        t.elapsed().as_secs_f64(),
    ))
}

fn write_queries(dirs: &SizeDirs, queries: &[Query]) -> anyhow::Result<()> {
    let path = dirs.queries();
    std::fs::write(&path, serde_json::to_string(queries)?).map_err(io_err(&path))?;
    Ok(())
}

/// The OR of query by example's terms in the twin's and FTS5's syntaxes.
pub fn qbe_peers(q: &mut Query, terms: &[String]) {
    let plain: Vec<&String> = terms
        .iter()
        .filter(|t| t.chars().all(char::is_alphanumeric))
        .collect();
    q.twin = plain
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    q.fts5 = if plain.is_empty() {
        String::new()
    } else {
        format!(
            "{{title abstract claims}} : ({})",
            plain
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" OR ")
        )
    };
}

fn measure(
    a: &ScaleArgs,
    exe: &Path,
    tables: &Tables,
    dirs: &SizeDirs,
    docs: u64,
    memory: usize,
    fts5: bool,
) -> anyhow::Result<SizeReport> {
    eprintln!(
        "size {docs}: generating the collection ({}) …",
        profile_name(a.profile)
    );
    let (raw_bytes, files, generate_seconds) = collection(a, dirs, docs)?;
    let mut qs = queries::build(tables, a.profile, a.seed, a.queries);
    write_queries(dirs, &qs)?;
    let child = |system: System, step: Step| -> Command {
        let mut c = Command::new(exe);
        c.arg("scale-child")
            .args(["--system", system.name()])
            .args([
                "--step",
                if step == Step::Ingest {
                    "ingest"
                } else {
                    "serve"
                },
            ])
            .arg("--dir")
            .arg(&dirs.root)
            .args(["--profile", profile_name(a.profile)])
            .args(["--memory", &memory.to_string()])
            .args(["--reps", &a.reps.to_string()])
            .args(["--store-compression", a.store_compression.as_str()])
            .env("TISC_HOME", dirs.home());
        if a.stems_only {
            c.arg("--stems-only");
        }
        c
    };
    let mut systems = Vec::new();
    let mut tisc_serve: Option<ServeFigures> = None;
    for system in [System::Tisc, System::Twin, System::Fts5] {
        if system == System::Fts5 && !fts5 {
            let note = if cfg!(feature = "peers") {
                "skipped (--skip-fts5)"
            } else {
                FTS5_NOT_BUILT
            };
            systems.push(SystemReport::new(
                system.name(),
                raw_bytes,
                None,
                None,
                Some(note.into()),
            ));
            continue;
        }
        eprintln!("size {docs}: {} ingest …", system.name());
        let ingest: IngestFigures = run_child(child(system, Step::Ingest), system, "ingest")?;
        eprintln!(
            "  {} documents in {:.1} s, index {:.1} MB",
            ingest.documents,
            ingest.seconds,
            ingest.index_bytes as f64 / 1e6
        );
        if system == System::Twin {
            // The peers run query by example as the OR of the terms tisc selected.
            if let Some(t) = &tisc_serve {
                let mut terms = t.qbe_terms.iter();
                for q in qs.iter_mut().filter(|q| q.class == Class::Qbe) {
                    qbe_peers(q, terms.next().map_or(&[][..], Vec::as_slice));
                }
                write_queries(dirs, &qs)?;
            }
        }
        eprintln!("size {docs}: {} queries …", system.name());
        let serve: ServeFigures = run_child(child(system, Step::Serve), system, "serve")?;
        if system == System::Tisc {
            tisc_serve = Some(serve.clone());
        }
        systems.push(SystemReport::new(
            system.name(),
            raw_bytes,
            Some(ingest),
            Some(serve),
            None,
        ));
    }
    let find = |n: &str| {
        systems
            .iter()
            .find(|s| s.system == n)
            .cloned()
            .unwrap_or_default()
    };
    let (t, w, f) = (find("tisc"), find("twin"), find("fts5"));
    let q = |s: &SystemReport| {
        s.serve
            .as_ref()
            .map(|x| x.queries.clone())
            .unwrap_or_default()
    };
    let agreement = report::agreement(&q(&t), &q(&w));
    let ratios = report::ratios(&t, &w, &f);
    let serve = t.serve.clone().unwrap_or_default();
    Ok(SizeReport {
        docs,
        raw_bytes,
        files,
        generate_seconds,
        ratios,
        agreement,
        job: serve.job,
        tui: serve.tui,
        systems,
    })
}

/// Run a child (its stderr passes through) and read the JSON it printed last.
fn run_child<T: DeserializeOwned>(
    mut cmd: Command,
    system: System,
    step: &str,
) -> anyhow::Result<T> {
    let what = format!("{} {step}", system.name());
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("{what}: could not start the child process"))?;
    if !out.status.success() {
        anyhow::bail!("{what}: the child process failed ({})", out.status);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .with_context(|| format!("{what}: the child printed no result"))?;
    serde_json::from_str(last).with_context(|| format!("{what}: unreadable result"))
}
