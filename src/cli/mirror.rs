//! `tisc mirror add|sync|status|verify`: keeping local copies of public bulk collections.

use super::output::{human_bytes, stderr_is_terminal, truncate, Pad};
use super::{partial, usage};
use crate::config::Config;
use crate::corpus::{Progress, Workspace};
use crate::ingest::Format;
use crate::lang::cli;
use crate::mirror::{
    self, Event, FileState, MirrorError, MirrorOptions, Outcome, RemoteSpec, StatusReport,
    SyncReport,
};
use anyhow::Context;
use clap::{Args, Subcommand};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Args, Debug)]
pub struct MirrorArgs {
    #[command(subcommand)]
    pub what: MirrorCommand,
}

#[derive(Subcommand, Debug)]
pub enum MirrorCommand {
    /// Define where a corpus's files come from (creates or updates its definition)
    #[command(
        long_about = "Define where a corpus's files come from.\n\n\
Creates the corpus (in $TISC_HOME/corpora/<corpus>.toml) or updates it: URLs are added to\n\
its list, the other options replace what was set. Files are stored under their remote name\n\
in $TISC_HOME/mirror/<corpus>/, which becomes one of the corpus's paths. A listing page is a\n\
web server's folder index; its links whose file names match --pattern are fetched.",
        after_help = "Examples:\n  tisc mirror add uspto-2024 --format uspto --url https://bulkdata.uspto.gov/data/patent/grant/redbook/fulltext/2024/ipg240102.zip\n  tisc mirror add pubmed-baseline --list-url https://ftp.ncbi.nlm.nih.gov/pubmed/baseline/ --pattern 'pubmed*n0001.xml.gz' --checksum-suffix .md5"
    )]
    Add(AddArgs),
    /// Fetch what is new or changed, then ingest it into the corpus's index
    #[command(
        long_about = "Bring a corpus's mirror up to date, then ingest what is new.\n\n\
Unchanged files are not fetched again (conditional requests). Interrupted downloads resume\n\
where they stopped, transient failures (5xx, timeouts, dropped connections) are retried with\n\
growing pauses, files are checked against published checksums and put in place only when\n\
whole. A download that is an HTML page (a login or error page), or that holds no records\n\
where the live copy does, is refused and kept aside as .tisc-rejected-NAME: the live copy\n\
stays in place and in the index. A file that cannot be fetched is reported and the rest of\n\
the sync completes. Bodies must match their Content-Length; none may pass --max-body\n\
(default 64GiB). Only new or changed files are ingested; a changed file replaces its\n\
documents, and records skipped by the ingest are listed (file and byte offset).\n\n\
Defaults come from [mirror] in $TISC_HOME/config.toml; HTTPS_PROXY/HTTP_PROXY are honoured.\n\
Exit code 1 when a listing page cannot be read or no file could be fetched; 3 when some\n\
files failed or were refused, or records or files were skipped at ingest.",
        after_help = "Examples:\n  tisc mirror sync pubmed-baseline\n  tisc mirror sync uspto-weekly --max-rate 2MB/s --parallel 2\n  tisc mirror sync pmc-oa-comm --no-index --proxy http://proxy.example.org:3128"
    )]
    Sync(SyncArgs),
    /// Show each mirrored file: indexed, complete, partial or failed (and why)
    #[command(
        after_help = "Examples:\n  tisc mirror status pubmed-baseline\n  tisc mirror status pubmed-baseline --json"
    )]
    Status(StatusArgs),
    /// Re-check the local copies against their checksums
    #[command(
        long_about = "Re-check every complete file of a mirror against the checksum recorded when it was\n\
received (and the published one). A file that is missing or changed is marked for the next\n\
`tisc mirror sync` to fetch again. Files whose last download was refused are listed.\n\
Exit code 1 when a file is bad, 3 when a download was refused but the live copies are good.",
        after_help = "Example:\n  tisc mirror verify pubmed-baseline"
    )]
    Verify(StatusArgs),
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// The corpus to define or update (letters, digits, - and _)
    pub corpus: String,
    /// URL of a file to mirror (repeat for several)
    #[arg(long = "url", value_name = "URL", num_args = 1..)]
    pub urls: Vec<String>,
    /// A listing page (folder index) whose matching links are mirrored
    #[arg(long, value_name = "URL", requires = "pattern")]
    pub list_url: Option<String>,
    /// Glob on the file names of the listing's links, e.g. 'ipg24*.zip'
    #[arg(long, value_name = "GLOB", requires = "list_url")]
    pub pattern: Option<String>,
    /// Suffix of the published checksum beside each file, e.g. .md5
    #[arg(long, value_name = "SUFFIX")]
    pub checksum_suffix: Option<String>,
    /// Format of the files (default for a new corpus: auto)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

#[derive(Args, Debug)]
pub struct SyncArgs {
    /// The corpus to mirror (see `tisc corpora`)
    pub corpus: String,
    /// Fetch only; do not ingest into the index
    #[arg(long)]
    pub no_index: bool,
    /// Files downloaded at once
    #[arg(long, value_name = "N")]
    pub parallel: Option<usize>,
    /// Bandwidth cap for the whole sync, e.g. 2MB/s or 500k
    #[arg(long, value_name = "RATE")]
    pub max_rate: Option<String>,
    /// Proxy URL, or `none`; default: HTTPS_PROXY / HTTP_PROXY, or [mirror] proxy
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Tries per file before it is reported as failed
    #[arg(long, value_name = "N")]
    pub attempts: Option<u32>,
    /// Pause before the first retry, in milliseconds (doubles each time)
    #[arg(long, value_name = "MS")]
    pub retry_delay_ms: Option<u64>,
    /// Seconds without data before a transfer is retried
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,
    /// Largest body accepted, e.g. 64GiB or 500MB (default 64GiB, or [mirror] max_body)
    #[arg(long, value_name = "SIZE")]
    pub max_body: Option<String>,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
    /// When another run is changing this corpus (mirroring or indexing it), wait up to SECS
    /// seconds for it to finish instead of stopping at once
    #[arg(long, value_name = "SECS")]
    pub wait: Option<u64>,
}

#[derive(Args, Debug)]
pub struct StatusArgs {
    /// The mirrored corpus
    pub corpus: String,
    /// Print as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(ws: &Workspace, args: MirrorArgs, config: &Config) -> anyhow::Result<()> {
    match args.what {
        MirrorCommand::Add(a) => add(ws, a),
        MirrorCommand::Sync(a) => sync(ws, a, &config.mirror),
        MirrorCommand::Status(a) => status(ws, a),
        MirrorCommand::Verify(a) => verify(ws, a),
    }
}

/// Usage mistakes exit with code 2; the rest are runtime failures.
fn classify(e: MirrorError) -> anyhow::Error {
    match e {
        MirrorError::Usage(_) | MirrorError::BadUrl { .. } | MirrorError::NoRemote { .. } => {
            usage(e.to_string())
        }
        MirrorError::Corpus(
            crate::corpus::CorpusError::BadName(_)
            | crate::corpus::CorpusError::Unknown { .. }
            | crate::corpus::CorpusError::BadDefinition { .. },
        ) => usage(e.to_string()),
        other => anyhow::Error::new(other),
    }
}

fn add(ws: &Workspace, a: AddArgs) -> anyhow::Result<()> {
    let spec = RemoteSpec {
        urls: a.urls,
        list_url: a.list_url,
        pattern: a.pattern,
        checksum_suffix: a.checksum_suffix,
        format: a.format,
    };
    let (path, def) = mirror::add(ws, &a.corpus, &spec).map_err(classify)?;
    let remote = def.remote.unwrap_or_default();
    crate::outln!("corpus `{}` defined in {}", def.name, path.display());
    crate::outln!(
        "  {} file URLs, {} listing pages; format {}; files go to {}",
        remote.urls.len(),
        usize::from(remote.list_url.is_some()) + remote.lists.len(),
        def.format.as_str(),
        ws.mirror_dir(&def.name).display()
    );
    crate::outln!("next: tisc mirror sync {}", def.name);
    Ok(())
}

/// The options of a sync: those of `config.toml`, overridden by the command line.
fn options(configured: &MirrorOptions, a: &SyncArgs) -> anyhow::Result<MirrorOptions> {
    let mut o = configured.clone();
    if let Some(p) = a.parallel {
        o.parallel = p.clamp(1, 64);
    }
    if let Some(r) = &a.max_rate {
        o.max_rate = Some(mirror::parse_rate(r).map_err(|e| usage(e.to_string()))?);
    }
    if let Some(p) = &a.proxy {
        o.proxy = mirror::parse_proxy(p);
    }
    if let Some(n) = a.attempts {
        o.retry.attempts = n.max(1);
    }
    if let Some(ms) = a.retry_delay_ms {
        o.retry.first_delay = Duration::from_millis(ms);
    }
    if let Some(s) = a.timeout {
        o.read_timeout = Duration::from_secs(s.max(1));
    }
    if let Some(m) = &a.max_body {
        o.max_body = mirror::parse_size(m).map_err(|e| usage(format!("--max-body: {e}")))?;
    }
    o.lock_wait = a.wait.map(Duration::from_secs);
    Ok(o)
}

/// Progress bars for a sync: one line for the whole sync, one per file in flight, one for
/// the index update.
struct Bars {
    multi: MultiProgress,
    overall: ProgressBar,
    files: Mutex<HashMap<Arc<str>, ProgressBar>>,
    index: Mutex<Option<ProgressBar>>,
    visible: bool,
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl Bars {
    fn new(corpus: &str) -> Bars {
        let visible = stderr_is_terminal();
        let multi = MultiProgress::with_draw_target(if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        });
        let overall = multi.add(ProgressBar::new(0));
        overall.set_style(style(
            "{prefix} [{elapsed_precise}] {pos}/{len} files {msg}",
        ));
        overall.set_prefix(format!("mirror {corpus}"));
        if visible {
            overall.enable_steady_tick(Duration::from_millis(250));
        }
        Bars {
            multi,
            overall,
            files: Mutex::new(HashMap::new()),
            index: Mutex::new(None),
            visible,
        }
    }

    /// A line that stays: above the bars on a terminal, plain on stderr otherwise.
    fn note(&self, line: String) {
        if self.visible {
            let _ = self.multi.println(crate::sanitize::escape_line(&line));
        } else {
            crate::errln!("{line}");
        }
    }

    fn on_event(&self, e: Event) {
        match e {
            Event::Listing { url } => self
                .overall
                .set_message(crate::sanitize::escape_line(&format!("reading {url}")).into_owned()),
            Event::Planned { files } => {
                self.overall.set_length(files as u64);
                self.overall.set_message("");
            }
            Event::Started { file, size, from } => {
                let Ok(mut files) = self.files.lock() else {
                    return;
                };
                let bar = files.entry(file.clone()).or_insert_with(|| {
                    let b = self.multi.add(ProgressBar::new(0));
                    b.set_style(style(
                        "  {prefix:30} {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
                    ));
                    b.set_prefix(truncate(&crate::sanitize::escape_line(&file), 30));
                    b
                });
                bar.set_length(size.unwrap_or(0));
                bar.set_position(from);
                if from > 0 {
                    bar.reset_eta();
                }
            }
            Event::Received { file, bytes } => {
                if let Some(b) = self.files.lock().ok().and_then(|f| f.get(&file).cloned()) {
                    b.inc(bytes);
                }
            }
            Event::Restarted { file, reason } => self.note(format!("{file}: {reason}")),
            Event::Retrying {
                file,
                attempt,
                attempts,
                delay,
                reason,
            } => self.note(format!(
                "{file}: {reason} — try {} of {attempts} in {:.1} s",
                attempt + 1,
                delay.as_secs_f64()
            )),
            Event::Finished { file, outcome } => {
                if let Some(b) = self.files.lock().ok().and_then(|mut f| f.remove(&file)) {
                    b.finish_and_clear();
                    self.multi.remove(&b);
                }
                self.overall.inc(1);
                match outcome {
                    Outcome::Failed { reason } => self.note(format!("failed: {file} — {reason}")),
                    Outcome::Rejected { reason, .. } => {
                        self.note(format!("rejected: {file} — {reason}"))
                    }
                    _ => {}
                }
            }
            Event::Indexing(p) => self.on_index(p),
        }
    }

    fn on_index(&self, p: Progress) {
        let Ok(mut slot) = self.index.lock() else {
            return;
        };
        let bar = slot.get_or_insert_with(|| {
            let b = self.multi.add(ProgressBar::new(0));
            b.set_style(style(
                "  indexing [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}",
            ));
            b
        });
        match p {
            Progress::Start { bytes, .. } => bar.set_length(bytes),
            Progress::Advance { bytes, docs } => {
                bar.inc(bytes);
                bar.set_message(format!("{docs} docs"));
            }
            Progress::Committing => bar.set_message("committing the index…"),
        }
    }

    fn finish(&self) {
        if let Ok(slot) = self.index.lock() {
            if let Some(b) = slot.as_ref() {
                b.finish_and_clear();
            }
        }
        self.overall.finish_and_clear();
    }
}

fn sync(ws: &Workspace, a: SyncArgs, configured: &MirrorOptions) -> anyhow::Result<()> {
    let opts = options(configured, &a)?;
    if let (Some(w), Some(holder)) = (a.wait, crate::corpus::CorpusLock::holder(ws, &a.corpus)) {
        crate::errln!(
            "corpus `{}` is being changed by another tisc run ({holder}); waiting up to {w} s…",
            a.corpus
        );
    }
    let bars = Bars::new(&a.corpus);
    let result = mirror::sync(ws, &a.corpus, &opts, !a.no_index, &|e| bars.on_event(e));
    bars.finish();
    let report = result
        .map_err(classify)
        .with_context(|| format!("mirroring corpus `{}`", a.corpus))?;
    if a.json {
        crate::outln!("{}", crate::cli::output::json_pretty(&report)?);
    } else {
        print_sync(&report);
    }
    let failed = report.failed() + report.rejected();
    let corpus = &report.corpus;
    if !report.listing_errors.is_empty() {
        anyhow::bail!(
            "{} — the files listed there were not brought up to date",
            report.listing_errors.join("; ")
        );
    }
    if failed > 0 && failed == report.files.len() {
        anyhow::bail!(
            "no file could be fetched — `tisc mirror status {corpus}` shows why; the next sync tries again"
        );
    }
    if report.incomplete() {
        let mut parts = Vec::new();
        if failed > 0 {
            parts.push(cli::FILES_NOT_FETCHED.count("en", failed as u64));
        }
        let (records, _) = report.skipped_records();
        if records > 0 {
            parts.push(cli::RECORDS_SKIPPED.count("en", records));
        }
        let files = report.ingest_failures.len() + report.ingest_skipped.len();
        if files > 0 {
            parts.push(cli::FILES_NOT_INGESTED.count("en", files as u64));
        }
        if !report.problems.is_empty() {
            parts.push(cli::OTHER_PROBLEMS.count("en", report.problems.len() as u64));
        }
        return Err(partial(format!(
            "mirror {corpus} is partly up to date: {} — `tisc mirror status {corpus}` shows each file",
            parts.join(", ")
        )));
    }
    Ok(())
}

/// How many skipped records are listed one by one.
const SHOWN_PROBLEMS: usize = 5;

fn print_sync(r: &SyncReport) {
    let count = |f: &dyn Fn(&Outcome) -> bool| r.files.iter().filter(|x| f(&x.outcome)).count();
    let secs = r.seconds.max(0.001);
    crate::outln!(
        "mirror {}: {} new, {} updated, {} unchanged, {} failed, {} rejected — {} received in {:.1} s ({}/s)",
        r.corpus,
        count(&|o| matches!(o, Outcome::New { .. })),
        count(&|o| matches!(o, Outcome::Updated { .. })),
        count(&|o| matches!(o, Outcome::Unchanged)),
        r.failed(),
        r.rejected(),
        human_bytes(r.received_bytes),
        r.seconds,
        human_bytes((r.received_bytes as f64 / secs) as u64),
    );
    for f in &r.files {
        match &f.outcome {
            Outcome::Failed { reason } => crate::outln!("  failed: {} — {reason} ({})", f.name, f.url),
            Outcome::Rejected { reason, kept } => crate::outln!(
                "  rejected: {} — {reason}; the download is kept in {}, the live copy stays in place",
                f.name,
                kept.display()
            ),
            _ => {}
        }
    }
    for l in &r.listing_errors {
        crate::outln!("  failed: {l}");
    }
    for p in &r.problems {
        crate::outln!("  problem: {p}");
    }
    if let Some(b) = &r.index {
        crate::outln!(
            "  index: {}, {}; {} in the index",
            cli::FILES_READ.count("en", b.files_read as u64),
            cli::DOCUMENTS_ADDED.count("en", b.indexed),
            cli::DOCUMENTS.count("en", b.meta.documents)
        );
    }
    for (name, why) in r.ingest_failures.iter().chain(&r.ingest_skipped) {
        crate::outln!("  not ingested: {name} — {why}");
    }
    let (skipped, first) = r.skipped_records();
    if skipped > 0 {
        crate::outln!(
            "  skipped at ingest: {} (malformed){}",
            cli::RECORDS.count("en", skipped),
            if skipped as usize > SHOWN_PROBLEMS {
                format!(", the first {SHOWN_PROBLEMS}:")
            } else {
                ":".into()
            }
        );
        for p in first.iter().take(SHOWN_PROBLEMS) {
            crate::outln!("    {p}");
        }
    }
}

fn status(ws: &Workspace, a: StatusArgs) -> anyhow::Result<()> {
    let r = mirror::status(ws, &a.corpus).map_err(classify)?;
    if a.json {
        crate::outln!("{}", crate::cli::output::json_pretty(&r)?);
        return Ok(());
    }
    print_status(&r);
    Ok(())
}

fn state_word(s: &FileState) -> &'static str {
    match s {
        FileState::Indexed => "indexed",
        FileState::Complete => "complete",
        FileState::Partial => "partial",
        FileState::Failed => "failed",
        FileState::Missing => "missing",
        FileState::Rejected => "rejected",
    }
}

fn print_status(r: &StatusReport) {
    crate::outln!(
        "mirror {} in {}: {} — {} indexed, {} complete, {} partial, {} failed, {} missing, {} rejected; {} on disk",
        r.corpus,
        r.dir.display(),
        cli::FILES.count("en", r.files.len() as u64),
        r.count(&FileState::Indexed),
        r.count(&FileState::Complete),
        r.count(&FileState::Partial),
        r.count(&FileState::Failed),
        r.count(&FileState::Missing),
        r.count(&FileState::Rejected),
        human_bytes(r.complete_bytes)
    );
    crate::outln!(
        "{:<36} {:<9} {:>16}  {:<20}  note",
        "file",
        "state",
        "size",
        "fetched"
    );
    for f in &r.files {
        let size = match (f.state.clone(), f.partial_bytes, f.size) {
            (FileState::Partial, Some(p), _) => format!("{} so far", human_bytes(p)),
            (_, _, Some(s)) => human_bytes(s),
            _ => "-".into(),
        };
        let mut note = Vec::new();
        if f.rejected.is_some() {
            note.push(if f.live && f.ingested_at.is_some() {
                "live copy kept, indexed".to_string()
            } else if f.live {
                "live copy kept".to_string()
            } else {
                "no live copy".to_string()
            });
            if let Some(p) = &f.rejected_copy {
                note.push(format!("download kept in {}", p.display()));
            }
        }
        if let Some(e) = &f.error {
            note.push(format!("last sync: {e}"));
        }
        if let Some(e) = &f.ingest_error {
            note.push(format!("ingest: {e}"));
        }
        crate::outln!(
            "{:<36} {:<9} {:>16}  {:<20}  {}",
            Pad(&truncate(&f.name, 36)),
            state_word(&f.state),
            size,
            f.fetched_at
                .map_or_else(|| "-".to_string(), |t| t.to_string()),
            note.join("; ")
        );
    }
}

fn verify(ws: &Workspace, a: StatusArgs) -> anyhow::Result<()> {
    let bar = if stderr_is_terminal() {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    let r = mirror::verify(ws, &a.corpus, &|name| {
        bar.set_message(crate::sanitize::escape_line(&format!("checking {name}")).into_owned())
    })
    .map_err(classify)?;
    bar.finish_and_clear();
    if a.json {
        crate::outln!("{}", crate::cli::output::json_pretty(&r)?);
    } else {
        crate::outln!(
            "verified {}: {} ({}), {} bad, {} rejected",
            r.corpus,
            cli::FILES_CHECKED.count("en", r.checked as u64),
            human_bytes(r.bytes),
            r.bad.len(),
            r.rejected.len()
        );
        for (name, why) in &r.bad {
            crate::outln!("  bad: {name} — {why}");
        }
        for (name, why) in &r.rejected {
            crate::outln!("  rejected: {name} — last download refused: {why}; the live copy is the one checked");
        }
    }
    if !r.bad.is_empty() {
        anyhow::bail!(
            "{} — `tisc mirror sync {}` fetches them again",
            cli::FILES_MISMATCHED.count("en", r.bad.len() as u64),
            r.corpus
        );
    }
    if !r.rejected.is_empty() {
        return Err(partial(format!(
            "{} — `tisc mirror status {}` shows why",
            cli::FILES_REFUSED.count("en", r.rejected.len() as u64),
            r.corpus
        )));
    }
    Ok(())
}
