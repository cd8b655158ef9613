//! A sync: plan the remote files, fetch them on worker threads (a parallelism limit, one
//! shared bandwidth cap), record each outcome in the manifest as it happens, then ingest
//! what is new or changed into the corpus's index.

use super::check;
use super::checksum::{parse_companion, Checksum};
use super::fetch::{describe, FetchError, Fetched, Fetcher, Job};
use super::listing::{plan, Plan, RemoteFile};
use super::manifest::{Entry, Manifest, Validators};
use super::options::{MirrorOptions, ProxySetting};
use super::throttle::Throttle;
use super::{Event, MirrorError};
use crate::corpus::{self, BuildReport, Workspace};
use crate::ingest::{Format, Problem};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What became of one remote file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Outcome {
    /// Fetched for the first time.
    New { bytes: u64 },
    /// Changed upstream and fetched again.
    Updated { bytes: u64 },
    /// Current already (304, or the same bytes again).
    Unchanged,
    /// Could not be fetched; the reason names the cause (HTTP status, checksum…).
    Failed { reason: String },
    /// Fetched, but refused (a login page, no records where the live copy has some): set
    /// aside at `kept`; the live copy, if any, stays in place and in the index.
    Rejected { reason: String, kept: PathBuf },
}

#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    pub name: String,
    pub url: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What a sync did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct SyncReport {
    pub corpus: String,
    pub dir: PathBuf,
    pub files: Vec<FileResult>,
    /// Listing pages that could not be read, naming the URL and the cause.
    pub listing_errors: Vec<String>,
    /// Other problems outside single files: bad URLs, listings without matching files.
    pub problems: Vec<String>,
    /// Bytes received over the network.
    pub received_bytes: u64,
    pub seconds: f64,
    /// The index update, unless indexing was skipped or there was nothing to ingest.
    pub index: Option<BuildReport>,
    /// Files whose ingest failed, with the reason.
    pub ingest_failures: Vec<(String, String)>,
    /// Files that hold no documents tisc reads, with the reason.
    pub ingest_skipped: Vec<(String, String)>,
}

impl SyncReport {
    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Failed { .. }))
            .count()
    }

    pub fn rejected(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Rejected { .. }))
            .count()
    }

    /// Records skipped by the ingest (malformed), and the first of them (file and offset).
    pub fn skipped_records(&self) -> (u64, &[Problem]) {
        match &self.index {
            Some(b) => (b.malformed_count, &b.malformed),
            None => (0, &[]),
        }
    }

    /// Whether anything fell short: a file not fetched or refused, a problem, a file or
    /// record not ingested.
    pub fn incomplete(&self) -> bool {
        self.failed() > 0
            || self.rejected() > 0
            || !self.listing_errors.is_empty()
            || !self.problems.is_empty()
            || !self.ingest_failures.is_empty()
            || !self.ingest_skipped.is_empty()
            || self.skipped_records().0 > 0
    }
}

/// The HTTP client of a sync: rustls, no automatic decompression, the configured proxy.
pub fn client(opts: &MirrorOptions) -> Result<reqwest::blocking::Client, MirrorError> {
    let mut b = reqwest::blocking::Client::builder()
        .user_agent(opts.user_agent.clone())
        .connect_timeout(opts.connect_timeout)
        .timeout(opts.read_timeout)
        .tcp_nodelay(true)
        // A redirect to another scheme (file://, ftp://) is not followed: the 3xx comes back
        // and is reported as such.
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if !matches!(attempt.url().scheme(), "http" | "https") {
                attempt.stop()
            } else if attempt.previous().len() >= 10 {
                attempt.error("more than 10 redirects")
            } else {
                attempt.follow()
            }
        }));
    b = match &opts.proxy {
        ProxySetting::FromEnv => b,
        ProxySetting::Off => b.no_proxy(),
        ProxySetting::Url(u) => {
            let p = reqwest::Proxy::all(u)
                .map_err(|e| MirrorError::Client(format!("proxy `{u}`: {}", describe(&e))))?;
            b.proxy(p)
        }
    };
    b.build().map_err(|e| MirrorError::Client(describe(&e)))
}

/// The `.part` file a download is written to before it is verified.
pub fn part_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".tisc-{name}.part"))
}

/// Where a refused download of `name` is kept for inspection (tisc's `.tisc*` files are
/// never ingested).
pub fn rejected_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".tisc-rejected-{name}"))
}

/// Mirror a corpus: fetch what is new or changed, then (with `index`) ingest it.
pub fn sync(
    ws: &Workspace,
    name: &str,
    opts: &MirrorOptions,
    index: bool,
    events: &(dyn Fn(Event) + Sync),
) -> Result<SyncReport, MirrorError> {
    let started = Instant::now();
    let corpus = corpus::find(ws, name)?;
    // One sync (or build) of a corpus at a time: held until the sync returns.
    let _lock =
        corpus::CorpusLock::acquire(ws, name, opts.lock_wait).map_err(corpus::CorpusError::from)?;
    let remote = corpus
        .def
        .remote
        .clone()
        .ok_or_else(|| MirrorError::NoRemote {
            corpus: name.to_string(),
        })?;
    let dir = ws.mirror_dir(name);
    std::fs::create_dir_all(&dir).map_err(|source| MirrorError::Io {
        path: dir.clone(),
        source,
    })?;
    let manifest = Mutex::new(Manifest::load(&dir, name)?);
    let client = client(opts)?;
    let throttle = opts.max_rate.map(Throttle::new);
    let fetcher = Fetcher {
        client: &client,
        opts,
        throttle: throttle.as_ref(),
        events,
    };
    let format = corpus.def.format;
    let Plan {
        files,
        listing_errors,
        problems,
    } = plan(&remote, &fetcher);
    events(Event::Planned { files: files.len() });
    let jobs = Mutex::new(files.iter().collect::<Vec<_>>().into_iter());
    let results = Mutex::new(Vec::new());
    let first_error = Mutex::new(None);
    let received = std::sync::atomic::AtomicU64::new(0);
    let counting = |e: Event| {
        if let Event::Received { bytes, .. } = &e {
            received.fetch_add(*bytes, std::sync::atomic::Ordering::Relaxed);
        }
        events(e);
    };
    let fetcher = Fetcher {
        events: &counting,
        ..fetcher
    };
    let workers = opts.parallel.clamp(1, 64).min(files.len().max(1));
    let keep_error = |e: MirrorError| {
        if let Ok(mut slot) = first_error.lock() {
            slot.get_or_insert(e);
        }
    };
    let record = |r: FileResult| {
        events(Event::Finished {
            file: Arc::from(r.name.as_str()),
            outcome: r.outcome.clone(),
        });
        if let Ok(mut v) = results.lock() {
            v.push(r);
        }
    };
    // Workers download and verify; one finisher flushes verified files to disk and puts them
    // in place, so that a worker goes on to its next file without waiting for the disk.
    let (to_install, installs) = crossbeam_channel::bounded::<Install<'_>>(workers);
    std::thread::scope(|s| {
        s.spawn(|| {
            for install in installs {
                match install() {
                    Ok(r) => record(r),
                    Err(e) => keep_error(e),
                }
            }
        });
        let (jobs, fetcher, dir, manifest) = (&jobs, &fetcher, dir.as_path(), &manifest);
        let (record, keep_error) = (&record, &keep_error);
        for _ in 0..workers {
            let to_install = to_install.clone();
            s.spawn(move || loop {
                let next = jobs.lock().ok().and_then(|mut j| j.next());
                let Some(file) = next else { break };
                match fetch_one(fetcher, dir, file, manifest, format) {
                    Ok(Step::Done(r)) => record(r),
                    Ok(Step::Install(i)) => {
                        if to_install.send(i).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        keep_error(e);
                        break;
                    }
                }
            });
        }
        drop(to_install);
    });
    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e);
    }
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.name.cmp(&b.name));
    let mut manifest = manifest.into_inner().unwrap_or_default();
    let mut report = SyncReport {
        corpus: name.to_string(),
        dir: dir.clone(),
        files: results,
        listing_errors,
        problems,
        received_bytes: received.into_inner(),
        ..SyncReport::default()
    };
    if index {
        ingest_pending(ws, name, &dir, &mut manifest, &mut report, events)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The rest of a verified download: install it and record it in the manifest.
type Install<'a> = Box<dyn FnOnce() -> Result<FileResult, MirrorError> + Send + 'a>;

/// How far a worker took a file.
enum Step<'a> {
    Done(FileResult),
    Install(Install<'a>),
}

/// Change the manifest entry of `file` and save the manifest.
fn update_entry(
    manifest: &Mutex<Manifest>,
    dir: &Path,
    file: &RemoteFile,
    f: &dyn Fn(&mut Entry),
) -> Result<(), MirrorError> {
    let mut m = manifest
        .lock()
        .map_err(|_| MirrorError::Client("a download worker panicked".into()))?;
    let entry = m.files.entry(file.name.clone()).or_insert_with(|| Entry {
        url: file.url.clone(),
        ..Entry::default()
    });
    f(entry);
    m.save(dir)
}

fn result(file: &RemoteFile, outcome: Outcome) -> FileResult {
    FileResult {
        name: file.name.clone(),
        url: file.url.clone(),
        outcome,
    }
}

fn failed(
    manifest: &Mutex<Manifest>,
    dir: &Path,
    file: &RemoteFile,
    e: FetchError,
) -> Result<FileResult, MirrorError> {
    let reason = e.to_string();
    update_entry(manifest, dir, file, &|entry| {
        entry.url = file.url.clone();
        entry.error = Some(reason.clone());
    })?;
    Ok(result(file, Outcome::Failed { reason }))
}

/// The checksum published beside `file`: `Ok(None)` when none is named or the companion
/// does not exist (404); a companion that cannot be read, or holds no checksum, is an error
/// that names it.
fn published_checksum(
    fetcher: &Fetcher<'_>,
    file: &RemoteFile,
    name: &Arc<str>,
) -> Result<Option<Checksum>, FetchError> {
    let Some(url) = &file.checksum_url else {
        return Ok(None);
    };
    let companion = |reason: String| FetchError::Companion {
        url: url.clone(),
        reason,
    };
    let body = fetcher
        .get_small(url, name, 1 << 20)
        .map_err(|e| companion(e.to_string()))?;
    let Some(body) = body else { return Ok(None) };
    match parse_companion(&String::from_utf8_lossy(&body), &file.name) {
        Some(c) => Ok(Some(c)),
        None if check::looks_like_html(&body) => Err(companion(
            "an HTML page, not a checksum (a login or error page?)".into(),
        )),
        None => Err(companion("no MD5 or SHA-256 checksum in it".into())),
    }
}

/// Fetch one file and record the outcome, or hand back the installation of a verified
/// download. `Err` only for a manifest that cannot be saved.
fn fetch_one<'a>(
    fetcher: &Fetcher<'_>,
    dir: &'a Path,
    file: &'a RemoteFile,
    manifest: &'a Mutex<Manifest>,
    format: Format,
) -> Result<Step<'a>, MirrorError> {
    let name: Arc<str> = Arc::from(file.name.as_str());
    let previous = manifest
        .lock()
        .ok()
        .and_then(|m| m.files.get(&file.name).cloned());
    let published = published_checksum(fetcher, file, &name);
    let fetched = published.clone().and_then(|published| {
        let job = Job {
            url: &file.url,
            name: name.clone(),
            dest: dir.join(&file.name),
            part: part_path(dir, &file.name),
            previous: previous.as_ref(),
            published,
        };
        let save_partial = |v: &Validators| {
            let v = v.clone();
            let _ = update_entry(manifest, dir, file, &|e: &mut Entry| {
                e.partial = Some(v.clone())
            });
        };
        fetcher.fetch(&job, &save_partial)
    });
    let published = published.ok().flatten().map(|c| c.to_string());
    let aside = rejected_path(dir, &file.name);
    match fetched {
        Ok(Fetched::NotModified) => {
            update_entry(manifest, dir, file, &|e| {
                e.error = None;
                e.partial = None;
                e.rejected = None;
            })?;
            let _ = std::fs::remove_file(&aside);
            Ok(Step::Done(result(file, Outcome::Unchanged)))
        }
        Ok(Fetched::Downloaded {
            size,
            md5,
            validators,
            staged,
        }) => {
            let live = dir.join(&file.name);
            if let Err(reason) = check::judge(staged.part(), Some(&live), &file.name, format) {
                return reject(manifest, dir, file, staged, reason.to_string()).map(Step::Done);
            }
            Ok(Step::Install(Box::new(move || {
                if let Err(e) = staged.install() {
                    return failed(manifest, dir, file, e);
                }
                let _ = std::fs::remove_file(&aside);
                let was = previous.as_ref().filter(|p| p.complete);
                let same = was.is_some_and(|p| p.checksum.as_deref() == Some(md5.as_str()));
                let now = crate::model::time::now();
                update_entry(manifest, dir, file, &|e| {
                    let keep_ingest = same.then_some(e.ingested_at).flatten();
                    *e = Entry {
                        url: file.url.clone(),
                        complete: true,
                        size: Some(size),
                        checksum: Some(md5.clone()),
                        published_checksum: published.clone(),
                        etag: validators.etag.clone(),
                        last_modified: validators.last_modified.clone(),
                        fetched_at: Some(now),
                        ingested_at: keep_ingest,
                        ..Entry::default()
                    };
                })?;
                Ok(result(
                    file,
                    match (was, same) {
                        (_, true) => Outcome::Unchanged,
                        (Some(_), false) => Outcome::Updated { bytes: size },
                        (None, _) => Outcome::New { bytes: size },
                    },
                ))
            })))
        }
        Err(e) => failed(manifest, dir, file, e).map(Step::Done),
    }
}

/// Set a refused download aside and record why; the live copy and its entry (checksum,
/// validators, ingest) stay as they were.
fn reject(
    manifest: &Mutex<Manifest>,
    dir: &Path,
    file: &RemoteFile,
    staged: super::fetch::Staged,
    reason: String,
) -> Result<FileResult, MirrorError> {
    let aside = rejected_path(dir, &file.name);
    if let Err(e) = staged.set_aside(&aside) {
        return failed(manifest, dir, file, e);
    }
    let note = format!("rejected: {reason}");
    update_entry(manifest, dir, file, &|e| {
        e.error = Some(note.clone());
        e.rejected = Some(reason.clone());
        e.partial = None;
    })?;
    Ok(result(
        file,
        Outcome::Rejected {
            reason,
            kept: aside,
        },
    ))
}

/// Ingest the complete files not yet in the index: incrementally when the index exists,
/// with a full build otherwise. Records `ingested_at` / `ingest_error` per file.
fn ingest_pending(
    ws: &Workspace,
    name: &str,
    dir: &Path,
    manifest: &mut Manifest,
    report: &mut SyncReport,
    events: &(dyn Fn(Event) + Sync),
) -> Result<(), MirrorError> {
    let pending: Vec<String> = manifest
        .files
        .iter()
        .filter(|(n, e)| e.complete && e.ingested_at.is_none() && dir.join(n).exists())
        .map(|(n, _)| n.clone())
        .collect();
    let index_dir = ws.index_dir(name);
    let index_current = crate::index::is_current(&index_dir);
    if pending.is_empty() && index_current {
        return Ok(());
    }
    if !manifest.files.values().any(|e| e.complete) && !index_current {
        return Ok(());
    }
    // Re-resolve: the mirror folder may only now exist.
    let corpus = corpus::find(ws, name)?;
    let progress = |p: corpus::Progress| events(Event::Indexing(p));
    // Only new and changed files are read when the index can be updated in place; the
    // index then matches every complete file.
    let build = corpus::build(ws, &corpus, &progress)?;
    let ingested: Vec<String> = manifest
        .files
        .iter()
        .filter(|(n, e)| e.complete && dir.join(n).exists())
        .map(|(n, _)| n.clone())
        .collect();
    let now = crate::model::time::now();
    let failures: Vec<(String, String)> = build
        .failed_files
        .iter()
        .filter_map(|(p, why)| {
            let n = p.file_name()?.to_string_lossy().into_owned();
            ingested.contains(&n).then_some((n, why.clone()))
        })
        .collect();
    for n in &ingested {
        if let Some(e) = manifest.files.get_mut(n) {
            match failures.iter().find(|(f, _)| f == n) {
                Some((_, why)) => {
                    e.ingest_error = Some(why.clone());
                    e.ingested_at = None;
                }
                None => {
                    e.ingest_error = None;
                    e.ingested_at = Some(now);
                }
            }
        }
    }
    manifest.save(dir)?;
    report.ingest_skipped = build
        .skipped_files
        .iter()
        .filter_map(|(p, why)| {
            let n = p.file_name()?.to_string_lossy().into_owned();
            ingested.contains(&n).then_some((n, why.clone()))
        })
        .collect();
    report.ingest_failures = failures;
    report.index = Some(build);
    Ok(())
}
