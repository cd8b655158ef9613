//! `tisc-bench scale`: tisc beside a plain-tantivy twin ([`twin`]) and SQLite FTS5
//! ([`fts5`], with the `peers` feature) on the same synthetic collection and the same
//! strategies ([`queries`]), for each collection size.
//!
//! Every system's ingest and every system's serving run in a child process of their own
//! (`tisc-bench scale-child`, hidden), so that peak RSS, CPU seconds and RSS while serving
//! are that system's alone; a child prints one JSON line, read back by [`cli`]. This file
//! holds the child side and the figures it reports; [`report`] summarises and prints.

pub mod cli;
#[cfg(feature = "peers")]
mod fts5;
pub mod queries;
pub mod report;
#[cfg(test)]
mod tests;
mod twin;

use crate::fileio::{fresh_dir, PathIoError};
use crate::ingest::{cpu_seconds, current_rss, peak_rss};
use queries::{Class, Query};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tisc::corpus::{self, BuildOptions, Corpus, CorpusDef, CorpusKind, Workspace};
use tisc::ingest::Format;

/// Name of the corpus in the size's workspace (and of its second copy for the job).
pub const CORPUS: &str = "scale";

/// Hits collected per strategy, as the workbench's list.
pub const TOP: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum ScaleError {
    #[error(transparent)]
    Io(#[from] PathIoError),
    #[error(transparent)]
    Corpus(#[from] tisc::corpus::CorpusError),
    #[error(transparent)]
    Index(#[from] tisc::index::IndexError),
    #[error(transparent)]
    Ingest(#[from] tisc::ingest::IngestError),
    #[error(transparent)]
    Search(#[from] tisc::search::SearchError),
    #[error(transparent)]
    Job(#[from] tisc::search::job::JobError),
    #[error("tantivy twin {}: {source}", dir.display())]
    Twin {
        dir: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error("tantivy twin query: {0}")]
    TwinQuery(#[source] tantivy::TantivyError),
    #[cfg(feature = "peers")]
    #[error("SQLite FTS5 {}: {message}", path.display())]
    Fts5 { path: PathBuf, message: String },
    #[error("{0}")]
    Other(String),
}

impl ScaleError {
    fn twin(dir: &Path) -> impl Fn(tantivy::TantivyError) -> ScaleError + '_ {
        move |source| ScaleError::Twin {
            dir: dir.to_path_buf(),
            source,
        }
    }
}

/// The systems compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum System {
    Tisc,
    Twin,
    Fts5,
}

impl System {
    pub fn name(self) -> &'static str {
        match self {
            System::Tisc => "tisc",
            System::Twin => "twin",
            System::Fts5 => "fts5",
        }
    }
}

/// What the child does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Step {
    Ingest,
    Serve,
}

/// The folders of one collection size under the work folder.
#[derive(Debug, Clone)]
pub struct SizeDirs {
    pub root: PathBuf,
}

impl SizeDirs {
    pub fn corpus(&self) -> PathBuf {
        self.root.join("corpus")
    }
    pub fn home(&self) -> PathBuf {
        self.root.join("tisc-home")
    }
    pub fn twin(&self) -> PathBuf {
        self.root.join("twin-index")
    }
    pub fn fts5(&self) -> PathBuf {
        self.root.join("fts5.sqlite")
    }
    pub fn queries(&self) -> PathBuf {
        self.root.join("queries.json")
    }
}

/// One strategy's answer.
#[derive(Debug, Clone, Copy)]
pub struct Measured {
    pub count: u64,
    pub top: usize,
}

/// What an ingest child measured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IngestFigures {
    pub system: String,
    pub documents: u64,
    pub seconds: f64,
    /// User + system CPU seconds of the child, all threads, over the timed part.
    pub cpu_seconds: f64,
    /// Peak resident set size of the child (`VmHWM`).
    pub peak_rss_bytes: Option<u64>,
    pub index_bytes: u64,
}

/// One strategy run by one system: the cold (first) time and the warm ones.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueryTiming {
    pub class: Class,
    /// The strategy as this system ran it.
    pub query: String,
    /// Matching documents (`None`: ranked retrieval, counted by nobody).
    pub count: Option<u64>,
    pub top: usize,
    pub cold_ms: f64,
    pub warm_ms: Vec<f64>,
}

/// The search job over two corpora and the workbench, measured on tisc's side.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct JobFigures {
    pub strategies: usize,
    pub corpora: usize,
    pub rows: usize,
    pub cold_ms: f64,
    pub warm_ms: Vec<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TuiFigures {
    /// From opening the workspace to the first frame drawn.
    pub first_frame_ms: f64,
    /// To the first frame with the corpora listed.
    pub corpora_listed_ms: f64,
    /// From submitting a strategy to its result list drawn.
    pub first_results_ms: f64,
    pub strategy: String,
    pub hits: usize,
}

/// What a serving child measured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ServeFigures {
    pub system: String,
    pub documents: u64,
    pub queries: Vec<QueryTiming>,
    /// `VmRSS` of the child after every query ran (before the job and the workbench).
    pub rss_serving_bytes: Option<u64>,
    /// tisc only: the OR of the terms query by example selected, for the peers to run.
    #[serde(default)]
    pub qbe_terms: Vec<Vec<String>>,
    #[serde(default)]
    pub job: Option<JobFigures>,
    #[serde(default)]
    pub tui: Option<TuiFigures>,
}

/// The input format and corpus kind of a profile.
pub fn format_of(profile: crate::gen::Profile) -> (crate::gen::OutFormat, Format, CorpusKind) {
    use crate::gen::{OutFormat, Profile};
    match profile {
        Profile::Patent | Profile::Biblio => (OutFormat::Uspto, Format::Uspto, CorpusKind::Patent),
        Profile::Article => (OutFormat::Jsonl, Format::Jsonl, CorpusKind::Literature),
        Profile::Mixed => (OutFormat::Jsonl, Format::Jsonl, CorpusKind::Mixed),
    }
}

/// Define the corpus over the generated files in `ws`, as `tisc index --name scale DIR`
/// does (a definition the workbench lists), and read it back.
fn define_corpus(
    ws: &Workspace,
    dir: &Path,
    format: Format,
    kind: CorpusKind,
    layout: tisc::index::Layout,
) -> Result<Corpus, ScaleError> {
    let def = CorpusDef {
        description: Some("synthetic collection (scale benchmark)".into()),
        stems_only: layout.stems_only,
        store_compression: layout.store_compression,
        ..CorpusDef::new(
            CORPUS,
            kind,
            format,
            vec![dir.to_string_lossy().into_owned()],
        )
    };
    corpus::save_user_def(ws, &def)?;
    Ok(corpus::find(ws, CORPUS)?)
}

/// The generated files, as `tisc index` would read them.
fn files(dir: &Path) -> Result<Vec<PathBuf>, ScaleError> {
    Ok(tisc::corpus::input_files(&[dir.to_path_buf()]).map_err(crate::fileio::io_err(dir))?)
}

/// Ingest the size's collection into `system` (in this process).
pub fn ingest(
    system: System,
    dirs: &SizeDirs,
    format: Format,
    kind: CorpusKind,
    memory: usize,
    layout: tisc::index::Layout,
) -> Result<IngestFigures, ScaleError> {
    let files = files(&dirs.corpus())?;
    let (cpu0, t0) = (cpu_seconds(), Instant::now());
    let (documents, index_bytes) = match system {
        System::Tisc => {
            let home = dirs.home();
            fresh_dir(&home)?;
            let ws = Workspace::at(&home);
            let corpus = define_corpus(&ws, &dirs.corpus(), format, kind, layout)?;
            let options = BuildOptions {
                memory,
                ..BuildOptions::default()
            };
            let r = corpus::build_with(&ws, &corpus, &options, &|_| {})?;
            if r.malformed_count > 0 || !r.skipped_files.is_empty() {
                return Err(ScaleError::Other(format!(
                    "tisc skipped {} malformed documents and {} files of the generated collection",
                    r.malformed_count,
                    r.skipped_files.len()
                )));
            }
            (r.indexed, r.index_bytes)
        }
        System::Twin => {
            let dir = dirs.twin();
            fresh_dir(&dir)?;
            let (threads, total) = tisc::index::writer_plan(memory);
            let n = twin::ingest(&files, format, &dir, threads, total)?;
            (n, tisc::index::dir_size(&dir))
        }
        System::Fts5 => fts5_ingest(&files, format, &dirs.fts5())?,
    };
    let seconds = t0.elapsed().as_secs_f64();
    Ok(IngestFigures {
        system: system.name().into(),
        documents,
        seconds,
        cpu_seconds: cpu_seconds().zip(cpu0).map_or(0.0, |(b, a)| b - a),
        peak_rss_bytes: peak_rss(),
        index_bytes,
    })
}

#[cfg(feature = "peers")]
fn fts5_ingest(files: &[PathBuf], format: Format, db: &Path) -> Result<(u64, u64), ScaleError> {
    for p in [db.to_path_buf(), db.with_extension("sqlite-wal")] {
        if p.exists() {
            std::fs::remove_file(&p).map_err(crate::fileio::io_err(&p))?;
        }
    }
    let n = fts5::ingest(files, format, db)?;
    let size = std::fs::metadata(db)
        .map_err(crate::fileio::io_err(db))?
        .len();
    Ok((n, size))
}

#[cfg(not(feature = "peers"))]
fn fts5_ingest(_: &[PathBuf], _: Format, _: &Path) -> Result<(u64, u64), ScaleError> {
    Err(ScaleError::Other(report::FTS5_NOT_BUILT.into()))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Run every query once cold, then `reps` warm passes, timing each run with `run`.
fn time_all(
    queries: &[Query],
    reps: usize,
    text: impl Fn(&Query) -> String,
    mut run: impl FnMut(&Query) -> Result<(Option<u64>, usize), ScaleError>,
) -> Result<Vec<QueryTiming>, ScaleError> {
    let mut out = Vec::with_capacity(queries.len());
    for q in queries {
        let t = Instant::now();
        let (count, top) = run(q)?;
        out.push(QueryTiming {
            class: q.class,
            query: text(q),
            count,
            top,
            cold_ms: ms(t.elapsed()),
            warm_ms: Vec::with_capacity(reps),
        });
    }
    for _ in 0..reps {
        for (q, timing) in queries.iter().zip(out.iter_mut()) {
            let t = Instant::now();
            run(q)?;
            timing.warm_ms.push(ms(t.elapsed()));
        }
    }
    Ok(out)
}

/// Serve the size's queries from `system` (in this process); with `only`, the strategies
/// of that class alone.
pub fn serve(
    system: System,
    dirs: &SizeDirs,
    reps: usize,
    only: Option<&str>,
) -> Result<ServeFigures, ScaleError> {
    let path = dirs.queries();
    let text = std::fs::read_to_string(&path).map_err(crate::fileio::io_err(&path))?;
    let mut queries: Vec<Query> = serde_json::from_str(&text)
        .map_err(|e| ScaleError::Other(format!("{}: {e}", path.display())))?;
    if let Some(class) = only {
        queries.retain(|q| q.class.name() == class);
        if queries.is_empty() {
            return Err(ScaleError::Other(format!("--only {class}: no such class")));
        }
    }
    match system {
        System::Tisc => serve_tisc::serve(dirs, &queries, reps),
        System::Twin => {
            let twin = twin::Twin::open(&dirs.twin())?;
            let text = |q: &Query| q.twin.clone();
            serve_peer(system, twin.num_docs(), queries, reps, text, |q| {
                twin.run(q, TOP)
            })
        }
        System::Fts5 => fts5_serve(dirs, queries, reps),
    }
}

#[cfg(feature = "peers")]
fn fts5_serve(
    dirs: &SizeDirs,
    queries: Vec<Query>,
    reps: usize,
) -> Result<ServeFigures, ScaleError> {
    let db = fts5::Fts5::open(&dirs.fts5())?;
    let text = |q: &Query| q.fts5.clone();
    serve_peer(System::Fts5, db.num_docs()?, queries, reps, text, |q| {
        db.run(q, TOP)
    })
}

/// Time a peer's strategies (those it has a translation for: `text` not empty) and report
/// them with the serving process's memory; ranked classes have no count to compare.
fn serve_peer(
    system: System,
    documents: u64,
    queries: Vec<Query>,
    reps: usize,
    text: impl Fn(&Query) -> String,
    mut run: impl FnMut(&Query) -> Result<Measured, ScaleError>,
) -> Result<ServeFigures, ScaleError> {
    let queries: Vec<Query> = queries
        .into_iter()
        .filter(|q| !text(q).is_empty())
        .collect();
    let timings = time_all(&queries, reps, &text, |q| {
        let m = run(q)?;
        let ranked = matches!(q.class, Class::FreeText | Class::Qbe);
        Ok(((!ranked).then_some(m.count), m.top))
    })?;
    Ok(ServeFigures {
        system: system.name().into(),
        documents,
        queries: timings,
        rss_serving_bytes: current_rss(),
        ..ServeFigures::default()
    })
}

#[cfg(not(feature = "peers"))]
fn fts5_serve(_: &SizeDirs, _: Vec<Query>, _: usize) -> Result<ServeFigures, ScaleError> {
    Err(ScaleError::Other(report::FTS5_NOT_BUILT.into()))
}

mod serve_tisc;
