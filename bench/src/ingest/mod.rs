//! The ingest benchmark: a scaled USPTO corpus ([`scaled`]), the end-to-end measurement
//! (the very code path of `tisc index`), the tantivy-only measurement (indexing documents
//! already parsed and converted, with the same schema, analyzers, threads and memory budget),
//! and the protocol by which each phase runs in a child process of its own so that its peak
//! RSS is its own.
//!
//! A child runs one phase and writes its [`PhaseResult`] as one JSON line on stdout, last;
//! [`run_in_child`] reads it back. Nothing here prints: [`cli`] (`tisc-bench ingest`) does.

pub mod cli;
pub mod scaled;

pub use scaled::{default_source_dir, make_scaled_corpus, ScaledCorpus};

use crate::fileio::{fresh_dir, io_err};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use tantivy::{Index, TantivyDocument};
use tisc::corpus::{self, Corpus, CorpusDef, CorpusError, CorpusKind, Origin, Workspace};
use tisc::index::{analysis, dir_size, to_tantivy, Fields, IndexError};
use tisc::ingest::{self, Format, IngestError};

/// The lowest acceptable end-to-end / tantivy-only indexing throughput ratio.
pub const TARGET_RATIO: f64 = 0.75;

/// Name of the ad-hoc corpus the end-to-end phase builds.
pub const CORPUS_NAME: &str = "bench-scaled";

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error(transparent)]
    Io(#[from] crate::fileio::PathIoError),
    #[error("no USPTO utility grants (kind B1/B2) found in {} — set TISC_SHARED_DATA to the folder that holds the shared data sets", dir.display())]
    NoSource { dir: PathBuf },
    #[error("a corpus of {target_bytes} bytes needs more than {copies} copies: the renumbered ids would leave 8 digits")]
    TooLarge { target_bytes: u64, copies: u64 },
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error("tantivy-only index {}: {source}", dir.display())]
    Tantivy {
        dir: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error("benchmark phase `{phase}`: {message}")]
    Child { phase: String, message: String },
}

/// The two measured phases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Parse, build documents and index: `corpus::build`, as `tisc index` runs it.
    EndToEnd,
    /// Index documents parsed and converted beforehand (only the indexing is timed).
    TantivyOnly,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::EndToEnd => "end-to-end",
            Phase::TantivyOnly => "tantivy-only",
        }
    }
}

/// Untimed preparation of the tantivy-only phase, timed separately to show where the
/// end-to-end time goes. CPU seconds are user + system of the whole process.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Preparation {
    /// Splitting and parsing the XML into documents (`ingest::read_all`, parallel).
    pub parse_seconds: f64,
    pub parse_cpu_seconds: f64,
    /// `index::to_tantivy` on every document (parallel).
    pub convert_seconds: f64,
    pub convert_cpu_seconds: f64,
}

/// What one phase measured.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PhaseResult {
    pub phase: String,
    pub documents: u64,
    /// Bytes of source XML the documents came from (the same for both phases).
    pub source_bytes: u64,
    /// Wall-clock seconds of the timed part.
    pub seconds: f64,
    /// CPU seconds (user + system, all threads) of the timed part.
    pub cpu_seconds: f64,
    pub docs_per_sec: f64,
    pub mb_per_sec: f64,
    /// Peak resident set size of the phase's process (`VmHWM`).
    pub peak_rss_bytes: Option<u64>,
    /// Resident set size when the timed part began (the tantivy-only phase holds every
    /// converted document in memory by then).
    pub rss_at_start_bytes: Option<u64>,
    pub index_bytes: u64,
    pub writer_threads: usize,
    pub memory_budget: usize,
    pub malformed: u64,
    pub duplicates: u64,
    /// CPU seconds the rest of the machine used during the timed part (all CPUs busy time
    /// from `/proc/stat` minus this process's): near 0 on a quiet machine.
    #[serde(default)]
    pub other_cpu_seconds: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preparation: Option<Preparation>,
}

impl PhaseResult {
    fn rates(mut self) -> PhaseResult {
        let secs = self.seconds.max(1e-9);
        self.docs_per_sec = self.documents as f64 / secs;
        self.mb_per_sec = self.source_bytes as f64 / 1e6 / secs;
        self
    }
}

/// The machine a run was made on.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: Option<String>,
    pub memory_bytes: Option<u64>,
}

/// A whole benchmark run: each phase run one or more times (alternately); the table
/// figures are each phase's median run by wall-clock time.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub machine: Machine,
    pub corpus: ScaledCorpus,
    pub end_to_end: PhaseResult,
    pub tantivy_only: PhaseResult,
    /// End-to-end documents/s over tantivy-only documents/s (median runs).
    pub ratio: f64,
    /// Tantivy-only CPU seconds over end-to-end CPU seconds (median runs): the same ratio
    /// measured in work done, less sensitive to other processes taking the CPUs.
    pub cpu_ratio: f64,
    pub target_ratio: f64,
    pub meets_target: bool,
    /// The ratio of the fastest run of each phase (the least disturbed on a shared machine).
    pub best_ratio: f64,
    /// Every run, in the order made.
    pub runs: Vec<PhaseResult>,
}

/// The fastest run.
pub fn fastest(runs: &[PhaseResult]) -> Option<&PhaseResult> {
    runs.iter().min_by(|a, b| a.seconds.total_cmp(&b.seconds))
}

/// The run with the median wall-clock time (the lower middle one of an even number).
pub fn median(runs: &[PhaseResult]) -> Option<PhaseResult> {
    let mut sorted: Vec<&PhaseResult> = runs.iter().collect();
    sorted.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    sorted
        .get(sorted.len().checked_sub(1)? / 2)
        .map(|r| (*r).clone())
}

impl BenchReport {
    /// Summarise the runs of both phases (`runs` holds each phase at least once).
    pub fn new(corpus: ScaledCorpus, runs: Vec<PhaseResult>) -> Result<BenchReport, BenchError> {
        let pick = |phase: Phase| {
            let of: Vec<PhaseResult> = runs
                .iter()
                .filter(|r| r.phase == phase.as_str())
                .cloned()
                .collect();
            let none = || BenchError::Child {
                phase: phase.as_str().into(),
                message: "no run".into(),
            };
            let best = fastest(&of).map(|r| r.docs_per_sec).ok_or_else(none)?;
            Ok::<_, BenchError>((median(&of).ok_or_else(none)?, best))
        };
        let (end_to_end, best_e2e) = pick(Phase::EndToEnd)?;
        let (tantivy_only, best_tv) = pick(Phase::TantivyOnly)?;
        let ratio = end_to_end.docs_per_sec / tantivy_only.docs_per_sec.max(1e-9);
        let cpu_ratio = tantivy_only.cpu_seconds / end_to_end.cpu_seconds.max(1e-9);
        Ok(BenchReport {
            machine: machine(),
            corpus,
            end_to_end,
            tantivy_only,
            ratio,
            cpu_ratio,
            target_ratio: TARGET_RATIO,
            meets_target: ratio >= TARGET_RATIO,
            best_ratio: best_e2e / best_tv.max(1e-9),
            runs,
        })
    }
}

/// Writer threads as `IndexBuilder::create` chooses them.
pub fn writer_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8)
}

/// Writer memory budget as `IndexBuilder::create` computes it from
/// [`tisc::index::WRITER_MEMORY_BUDGET`].
pub fn writer_budget(threads: usize) -> usize {
    tisc::index::WRITER_MEMORY_BUDGET.max(threads * 20_000_000)
}

/// Folder of the end-to-end phase's TISC workspace under the work folder.
pub fn end_to_end_home(work: &Path) -> PathBuf {
    work.join("ws-end-to-end")
}

/// Folder of the tantivy-only phase's index under the work folder.
pub fn tantivy_only_dir(work: &Path) -> PathBuf {
    work.join("index-tantivy-only")
}

/// Run one phase in this process.
pub fn run_phase(phase: Phase, corpus_dir: &Path, work: &Path) -> Result<PhaseResult, BenchError> {
    match phase {
        Phase::EndToEnd => end_to_end(corpus_dir, work),
        Phase::TantivyOnly => tantivy_only(corpus_dir, work),
    }
}

/// `corpus::build` of an ad-hoc `uspto` corpus over `corpus_dir`, in a fresh workspace.
pub fn end_to_end(corpus_dir: &Path, work: &Path) -> Result<PhaseResult, BenchError> {
    let home = end_to_end_home(work);
    fresh_dir(&home)?;
    let ws = Workspace::at(&home);
    let def = CorpusDef {
        description: Some("scaled USPTO utility grants (benchmark)".into()),
        ..CorpusDef::new(
            CORPUS_NAME,
            CorpusKind::Patent,
            Format::Uspto,
            vec![corpus_dir.to_string_lossy().into_owned()],
        )
    };
    let corpus = Corpus {
        def,
        origin: Origin::User(ws.corpora_dir().join(format!("{CORPUS_NAME}.toml"))),
        inputs: vec![corpus_dir.to_path_buf()],
        unavailable: None,
    };
    let rss_at_start = current_rss();
    let clock = Clock::start();
    let report = corpus::build(&ws, &corpus, &|_| {})?;
    let (seconds, cpu, other) = clock.stop();
    let threads = writer_threads();
    Ok(PhaseResult {
        phase: Phase::EndToEnd.as_str().into(),
        documents: report.indexed,
        source_bytes: report.source_bytes,
        seconds,
        cpu_seconds: cpu,
        other_cpu_seconds: other,
        peak_rss_bytes: peak_rss(),
        rss_at_start_bytes: rss_at_start,
        index_bytes: report.index_bytes,
        writer_threads: threads,
        memory_budget: writer_budget(threads),
        malformed: report.malformed_count,
        duplicates: report.duplicates,
        ..PhaseResult::default()
    }
    .rates())
}

/// The files `corpus::build` would read under `corpus_dir`.
fn corpus_files(corpus_dir: &Path) -> Result<Vec<PathBuf>, BenchError> {
    Ok(tisc::corpus::input_files(&[corpus_dir.to_path_buf()]).map_err(io_err(corpus_dir))?)
}

/// Parse and convert everything (untimed for the ratio), then time a tantivy writer with the
/// builder's schema, analyzers, threads and budget indexing it all, committing and merging.
pub fn tantivy_only(corpus_dir: &Path, work: &Path) -> Result<PhaseResult, BenchError> {
    let fields = Fields::build();
    let mut prep = Preparation::default();
    let mut docs: Vec<TantivyDocument> = Vec::new();
    let mut source_bytes = 0;
    let mut malformed = 0;
    for file in corpus_files(corpus_dir)? {
        source_bytes += std::fs::metadata(&file).map_err(io_err(&file))?.len();
        let (cpu0, t0) = (cpu_seconds(), Instant::now());
        let (parsed, report) = ingest::read_all(&file, Format::Uspto)?;
        malformed += report.malformed.len() as u64;
        let (cpu1, t1) = (cpu_seconds(), Instant::now());
        let converted: Vec<TantivyDocument> =
            parsed.par_iter().map(|d| to_tantivy(&fields, d)).collect();
        drop(parsed);
        let cpu2 = cpu_seconds();
        prep.parse_seconds += (t1 - t0).as_secs_f64();
        prep.convert_seconds += t1.elapsed().as_secs_f64();
        prep.parse_cpu_seconds += cpu1.zip(cpu0).map_or(0.0, |(b, a)| b - a);
        prep.convert_cpu_seconds += cpu2.zip(cpu1).map_or(0.0, |(b, a)| b - a);
        docs.extend(converted);
    }
    let documents = docs.len() as u64;
    let dir = tantivy_only_dir(work);
    fresh_dir(&dir)?;
    let tv = |source| BenchError::Tantivy {
        dir: dir.clone(),
        source,
    };
    let threads = writer_threads();
    let budget = writer_budget(threads);
    let rss_at_start = current_rss();
    let clock = Clock::start();
    let index = Index::create_in_dir(&dir, fields.schema.clone()).map_err(tv)?;
    analysis::register(&index);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, budget)
        .map_err(tv)?;
    for d in docs {
        writer.add_document(d).map_err(tv)?;
    }
    writer.commit().map_err(tv)?;
    writer.wait_merging_threads().map_err(tv)?;
    let (seconds, cpu, other) = clock.stop();
    Ok(PhaseResult {
        phase: Phase::TantivyOnly.as_str().into(),
        documents,
        source_bytes,
        seconds,
        cpu_seconds: cpu,
        other_cpu_seconds: other,
        peak_rss_bytes: peak_rss(),
        rss_at_start_bytes: rss_at_start,
        index_bytes: dir_size(&dir),
        writer_threads: threads,
        memory_budget: budget,
        malformed,
        preparation: Some(prep),
        ..PhaseResult::default()
    }
    .rates())
}

/// Run a child process that runs one phase (its stderr passes through) and read the
/// [`PhaseResult`] it printed as the last line of its stdout.
pub fn run_in_child(phase: Phase, mut cmd: Command) -> Result<PhaseResult, BenchError> {
    let fail = |message: String| BenchError::Child {
        phase: phase.as_str().into(),
        message,
    };
    let out = cmd
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| fail(format!("could not start: {e}")))?;
    if !out.status.success() {
        return Err(fail(format!("child process failed ({})", out.status)));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .ok_or_else(|| fail("child printed no result".into()))?;
    serde_json::from_str(last).map_err(|e| fail(format!("unreadable result `{last}`: {e}")))
}

/// Wall-clock, own CPU and the rest of the machine's CPU over a timed part.
struct Clock {
    wall: Instant,
    own: Option<f64>,
    all: Option<f64>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            own: cpu_seconds(),
            all: machine_busy_seconds(),
            wall: Instant::now(),
        }
    }

    /// (wall seconds, own CPU seconds, other processes' CPU seconds).
    fn stop(&self) -> (f64, f64, Option<f64>) {
        let wall = self.wall.elapsed().as_secs_f64();
        let own = cpu_seconds().zip(self.own).map(|(b, a)| b - a);
        let all = machine_busy_seconds().zip(self.all).map(|(b, a)| b - a);
        let other = all.zip(own).map(|(a, o)| (a - o).max(0.0));
        (wall, own.unwrap_or(0.0), other)
    }
}

/// Busy CPU seconds of the whole machine since boot (`/proc/stat`, 100 ticks/s): user, nice,
/// system, irq, softirq and steal.
pub fn machine_busy_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let v: Vec<f64> = line
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    let busy: f64 = [0, 1, 2, 5, 6, 7].iter().filter_map(|&i| v.get(i)).sum();
    Some(busy / 100.0)
}

/// A `kB` line of `/proc/self/status`, in bytes.
fn status_kb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(key)?.strip_prefix(':')?;
        let kb: u64 = rest.trim().trim_end_matches("kB").trim().parse().ok()?;
        Some(kb * 1024)
    })
}

/// Peak resident set size of this process (`VmHWM`), on Linux.
pub fn peak_rss() -> Option<u64> {
    status_kb("VmHWM")
}

/// Current resident set size (`VmRSS`), on Linux.
pub fn current_rss() -> Option<u64> {
    status_kb("VmRSS")
}

/// User + system CPU seconds of this process, all threads (`/proc/self/stat`, 100 ticks/s).
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.get(stat.rfind(')')? + 2..).unwrap_or_default();
    let mut it = rest.split_whitespace().skip(11);
    let utime: f64 = it.next()?.parse().ok()?;
    let stime: f64 = it.next()?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// CPUs, CPU model and memory of this machine (Linux `/proc`; CPUs everywhere).
pub fn machine() -> Machine {
    let cpu_model = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, m)| m.trim().to_string())
    });
    let memory_bytes = std::fs::read_to_string("/proc/meminfo").ok().and_then(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb * 1024)
    });
    Machine {
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu_model,
        memory_bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_readings_are_plausible_on_linux() {
        if !Path::new("/proc/self/status").exists() {
            return;
        }
        let peak = peak_rss().unwrap();
        assert!(peak >= current_rss().unwrap() / 2 && peak > 1 << 20);
        assert!(cpu_seconds().unwrap() >= 0.0);
        assert!(machine_busy_seconds().unwrap() >= cpu_seconds().unwrap() - 1.0);
        assert!(machine().cpus >= 1);
    }

    #[test]
    fn both_phases_index_the_same_documents() {
        let src = default_source_dir();
        if !src.exists() {
            return;
        }
        let work = tempfile::tempdir().unwrap();
        let corpus = make_scaled_corpus(&src, &work.path().join("corpus"), 3_000_000).unwrap();
        let e2e = end_to_end(&corpus.dir, work.path()).unwrap();
        let tv = tantivy_only(&corpus.dir, work.path()).unwrap();
        assert_eq!(e2e.documents, corpus.documents);
        assert_eq!(tv.documents, corpus.documents);
        assert_eq!((e2e.malformed, e2e.duplicates), (0, 0));
        assert_eq!(e2e.source_bytes, tv.source_bytes);
        let report = BenchReport::new(corpus, vec![e2e, tv]).unwrap();
        assert!(report.ratio > 0.0 && report.cpu_ratio > 0.0);
    }

    #[test]
    fn median_picks_the_middle_run() {
        let run = |seconds: f64| PhaseResult {
            seconds,
            ..PhaseResult::default()
        };
        let runs = [run(3.0), run(1.0), run(2.0), run(9.0)];
        assert_eq!(median(&runs[..3]).unwrap().seconds, 2.0);
        assert_eq!(median(&runs).unwrap().seconds, 2.0);
        assert!(median(&[]).is_none());
    }

    #[test]
    fn child_output_is_read_from_the_last_line() {
        let mut cmd = Command::new("sh");
        cmd.args([
            "-c",
            "echo noise; echo '{\"phase\":\"end-to-end\",\"documents\":3,\"source_bytes\":9,\"seconds\":1.0,\"cpu_seconds\":1.0,\"docs_per_sec\":3.0,\"mb_per_sec\":0.0,\"peak_rss_bytes\":null,\"rss_at_start_bytes\":null,\"index_bytes\":0,\"writer_threads\":2,\"memory_budget\":1,\"malformed\":0,\"duplicates\":0}'",
        ]);
        let r = run_in_child(Phase::EndToEnd, cmd).unwrap();
        assert_eq!(r.documents, 3);
        let mut bad = Command::new("sh");
        bad.args(["-c", "exit 3"]);
        assert!(run_in_child(Phase::TantivyOnly, bad).is_err());
    }
}
