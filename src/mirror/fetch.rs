//! Downloading one file, patiently: into a `.part` file that is resumed with an HTTP Range
//! request (guarded by `If-Range`) after any interruption, restarted cleanly when the server
//! answers the whole file instead, retried with exponential backoff on 5xx, timeouts and
//! dropped connections, checked against the published checksum, and renamed into place only
//! once whole and verified ([`Staged::install`]). A file that has not changed upstream is not fetched again: the
//! request carries `If-None-Match` / `If-Modified-Since` and a 304 ends it. A body must be
//! exactly as long as its `Content-Length`, and none may pass `max_body` (a body without
//! `Content-Length` is broken off there); a redirect to another scheme than http(s) is refused.

use super::checksum::{Checksum, Digests};
use super::manifest::{Entry, Validators};
use super::options::MirrorOptions;
use super::throttle::Throttle;
use super::Event;
use reqwest::blocking::{Client, Response};
use reqwest::header::{self, HeaderMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why one file could not be fetched.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP {status} {}", reason_phrase(*status))]
    Status { status: u16 },
    #[error("checksum mismatch: published {expected}, received {actual}")]
    Checksum { expected: String, actual: String },
    #[error("{0}")]
    Transport(String),
    #[error("connection closed after {got} of {expected} bytes")]
    Truncated { got: u64, expected: u64 },
    /// The server sent more than it announced.
    #[error("received more than the announced {announced} bytes")]
    Overlong { announced: u64 },
    /// A body larger than the cap (`max_body`), announced or found so while streaming.
    #[error("{}", too_large(*limit, *announced))]
    TooLarge { limit: u64, announced: Option<u64> },
    /// A listing page or checksum file larger than tisc reads of one.
    #[error("more than {limit} bytes, the most read of a listing page or checksum file")]
    Oversized { limit: u64 },
    /// A redirect to something other than http(s).
    #[error("redirect to an unsupported scheme: {location}")]
    BadRedirect { location: String },
    /// A redirect without a usable `Location`.
    #[error("HTTP {status} {} without a usable Location", reason_phrase(*status))]
    Redirect { status: u16 },
    /// The checksum file published beside a data file could not be had; the data file was
    /// not fetched.
    #[error("checksum file {url}: {reason}")]
    Companion { url: String, reason: String },
    #[error("local file: {0}")]
    Local(String),
    #[error("{last} (gave up after {attempts} attempts)")]
    GaveUp {
        attempts: u32,
        last: Box<FetchError>,
    },
}

fn too_large(limit: u64, announced: Option<u64>) -> String {
    match announced {
        Some(n) => format!(
            "the server announces {n} bytes, more than the cap of {limit} bytes (raise it with --max-body or max_body in [mirror] of config.toml)"
        ),
        None => format!(
            "the body passed the cap of {limit} bytes without a Content-Length and was broken off (raise it with --max-body or max_body in [mirror] of config.toml)"
        ),
    }
}

fn reason_phrase(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

impl FetchError {
    /// Worth trying again: server errors, throttling, timeouts, drops, corrupt transfers.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Status { status } => matches!(status, 408 | 425 | 429 | 500..=599),
            FetchError::Checksum { .. }
            | FetchError::Transport(_)
            | FetchError::Truncated { .. }
            | FetchError::Overlong { .. } => true,
            FetchError::TooLarge { .. }
            | FetchError::Oversized { .. }
            | FetchError::BadRedirect { .. }
            | FetchError::Redirect { .. }
            | FetchError::Companion { .. }
            | FetchError::Local(_)
            | FetchError::GaveUp { .. } => false,
        }
    }
}

/// The error for a response whose status is not one that carries the file: a redirect
/// reqwest did not follow (to another scheme, or without a Location) or an error status.
fn status_error(resp: &Response) -> FetchError {
    let status = resp.status().as_u16();
    if (300..400).contains(&status) {
        let location = header_text(resp.headers(), header::LOCATION);
        return match location {
            Some(l) => {
                let resolved = resp
                    .url()
                    .join(l.trim())
                    .map_or_else(|_| l.trim().to_string(), |u| u.to_string());
                let scheme = resolved
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if scheme == "http" || scheme == "https" {
                    FetchError::Redirect { status }
                } else {
                    FetchError::BadRedirect { location: resolved }
                }
            }
            None => FetchError::Redirect { status },
        };
    }
    FetchError::Status { status }
}

/// An error with its chain of causes, as one line.
pub(crate) fn describe(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        cause = c.source();
    }
    s
}

fn local(path: &Path, e: std::io::Error) -> FetchError {
    FetchError::Local(format!("{}: {e}", path.display()))
}

/// One file to bring up to date.
pub(crate) struct Job<'a> {
    pub url: &'a str,
    pub name: Arc<str>,
    pub dest: PathBuf,
    pub part: PathBuf,
    /// The manifest entry from the previous sync, if any.
    pub previous: Option<&'a Entry>,
    pub published: Option<Checksum>,
}

/// What a fetch ended with.
#[derive(Debug)]
pub(crate) enum Fetched {
    /// The server says the local copy is current.
    NotModified,
    /// A new copy is whole and verified in its `.part` file; [`Staged::install`] puts it
    /// in place.
    Downloaded {
        size: u64,
        md5: String,
        validators: Validators,
        staged: Staged,
    },
}

/// A verified download waiting to be flushed to disk and renamed into place. Installing is
/// left to the caller so that the next download need not wait for the disk.
#[derive(Debug)]
pub(crate) struct Staged {
    file: File,
    part: PathBuf,
    dest: PathBuf,
}

impl Staged {
    /// The `.part` file holding the download.
    pub fn part(&self) -> &Path {
        &self.part
    }

    /// Keep the download out of the way at `aside` (replacing what was there) instead of
    /// putting it in place.
    pub fn set_aside(self, aside: &Path) -> Result<(), FetchError> {
        drop(self.file);
        std::fs::rename(&self.part, aside).map_err(|e| local(aside, e))
    }

    /// Flush the part to disk, rename it to its final name, flush the folder.
    pub fn install(self) -> Result<(), FetchError> {
        self.file.sync_all().map_err(|e| local(&self.part, e))?;
        drop(self.file);
        std::fs::rename(&self.part, &self.dest).map_err(|e| local(&self.dest, e))?;
        if let Some(dir) = self.dest.parent() {
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

/// The `.part` file being filled, and the digests of what it holds.
struct Part {
    path: PathBuf,
    file: File,
    have: u64,
    digests: Digests,
    published: Option<Checksum>,
}

impl Part {
    /// Open `path`, keeping its bytes when `keep` (they are hashed again), else empty.
    fn open(path: &Path, keep: bool, published: Option<Checksum>) -> Result<Part, FetchError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| local(dir, e))?;
        }
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| local(path, e))?;
        let mut digests = Digests::new(published.as_ref());
        let mut have = 0;
        if keep {
            let mut buf = vec![0u8; 1 << 18];
            loop {
                let n = file.read(&mut buf).map_err(|e| local(path, e))?;
                if n == 0 {
                    break;
                }
                digests.update(&buf[..n]);
                have += n as u64;
            }
        } else {
            file.set_len(0).map_err(|e| local(path, e))?;
        }
        Ok(Part {
            path: path.to_path_buf(),
            file,
            have,
            digests,
            published,
        })
    }

    fn reset(&mut self) -> Result<(), FetchError> {
        self.file.set_len(0).map_err(|e| local(&self.path, e))?;
        self.file
            .seek(SeekFrom::Start(0))
            .map_err(|e| local(&self.path, e))?;
        self.have = 0;
        self.digests = Digests::new(self.published.as_ref());
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), FetchError> {
        self.file
            .write_all(bytes)
            .map_err(|e| local(&self.path, e))?;
        self.digests.update(bytes);
        self.have += bytes.len() as u64;
        Ok(())
    }
}

/// How one request ended.
enum Attempt {
    NotModified,
    Complete,
}

pub(crate) struct Fetcher<'a> {
    pub client: &'a Client,
    pub opts: &'a MirrorOptions,
    pub throttle: Option<&'a Throttle>,
    pub events: &'a (dyn Fn(Event) + Sync),
}

fn header_text(h: &HeaderMap, name: header::HeaderName) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn validators_of(resp: &Response) -> Validators {
    Validators {
        etag: header_text(resp.headers(), header::ETAG),
        last_modified: header_text(resp.headers(), header::LAST_MODIFIED),
    }
}

/// `bytes START-END/TOTAL` → (START, TOTAL if stated).
fn content_range(resp: &Response) -> Option<(u64, Option<u64>)> {
    let v = header_text(resp.headers(), header::CONTENT_RANGE)?;
    let rest = v.trim().strip_prefix("bytes ")?;
    let (range, total) = rest.split_once('/')?;
    let start = range.split_once('-')?.0.trim().parse().ok()?;
    Some((start, total.trim().parse().ok()))
}

impl Fetcher<'_> {
    fn retrying(&self, name: &Arc<str>, attempt: u32, err: &FetchError) -> bool {
        let attempts = self.opts.retry.attempts;
        if !err.is_transient() || attempt >= attempts {
            return false;
        }
        let delay = self.opts.retry.delay(attempt);
        (self.events)(Event::Retrying {
            file: name.clone(),
            attempt,
            attempts,
            delay,
            reason: err.to_string(),
        });
        std::thread::sleep(delay);
        true
    }

    fn give_up(&self, attempt: u32, err: FetchError) -> FetchError {
        if attempt > 1 && err.is_transient() {
            FetchError::GaveUp {
                attempts: attempt,
                last: Box::new(err),
            }
        } else {
            err
        }
    }

    /// GET a small file (a listing page, a checksum companion) with retries; `Ok(None)` when
    /// the server says it does not exist (404, 410).
    pub fn get_small(
        &self,
        url: &str,
        name: &Arc<str>,
        limit: u64,
    ) -> Result<Option<Vec<u8>>, FetchError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = self.get_small_once(url, limit);
            match result {
                Err(e) if self.retrying(name, attempt, &e) => continue,
                Err(e) => return Err(self.give_up(attempt, e)),
                Ok(r) => return Ok(r),
            }
        }
    }

    fn get_small_once(&self, url: &str, limit: u64) -> Result<Option<Vec<u8>>, FetchError> {
        let resp = self
            .client
            .get(url)
            .send()
            .map_err(|e| FetchError::Transport(describe(&e)))?;
        match resp.status().as_u16() {
            200 => {}
            404 | 410 => return Ok(None),
            _ => return Err(status_error(&resp)),
        }
        let expected = resp.content_length();
        if expected.is_some_and(|n| n > limit) {
            return Err(FetchError::Oversized { limit });
        }
        let mut body = Vec::new();
        resp.take(limit.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| FetchError::Transport(describe(&e)))?;
        if body.len() as u64 > limit {
            return Err(FetchError::Oversized { limit });
        }
        if let Some(n) = expected.filter(|&n| n != body.len() as u64) {
            return Err(FetchError::Truncated {
                got: body.len() as u64,
                expected: n,
            });
        }
        Ok(Some(body))
    }

    /// Bring `job.dest` up to date. `on_partial` is told the validators of a new `.part`
    /// file as soon as its first response arrives, so that a later run can resume it.
    pub fn fetch(
        &self,
        job: &Job<'_>,
        on_partial: &dyn Fn(&Validators),
    ) -> Result<Fetched, FetchError> {
        let previous_complete = job
            .previous
            .filter(|e| e.complete && job.dest.exists() && e.url == job.url);
        // Resume a part only when it can be proven to be of the same file: a validator for
        // If-Range, or a published checksum that will judge the result.
        let mut validators = job
            .previous
            .filter(|e| e.url == job.url)
            .and_then(|e| e.partial.clone())
            .unwrap_or_default();
        let resumable = job.part.exists() && (!validators.is_empty() || job.published.is_some());
        let mut part = Part::open(&job.part, resumable, job.published.clone())?;
        let same_checksum = match (&job.published, previous_complete) {
            (Some(p), Some(e)) => e.published_checksum.as_deref() == Some(p.to_string().as_str()),
            (None, _) => true,
            _ => false,
        };
        let mut conditional = previous_complete.filter(|_| same_checksum && part.have == 0);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = self.attempt(job, &mut part, conditional, &mut validators, on_partial);
            conditional = None;
            let err = match result {
                Ok(Attempt::NotModified) => {
                    drop(part);
                    let _ = std::fs::remove_file(&job.part);
                    return Ok(Fetched::NotModified);
                }
                Ok(Attempt::Complete) => match self.verify(job, &part) {
                    Ok(()) => return Ok(self.staged(job, part, validators)),
                    Err(e) => {
                        part.reset()?;
                        e
                    }
                },
                Err(e) => e,
            };
            if !self.retrying(&job.name, attempt, &err) {
                // Keep received bytes for the next sync to resume; leave no empty part, and
                // nothing of a body that went past the cap.
                if part.have == 0 || matches!(err, FetchError::TooLarge { .. }) {
                    drop(part);
                    let _ = std::fs::remove_file(&job.part);
                }
                return Err(self.give_up(attempt, err));
            }
        }
    }

    fn verify(&self, job: &Job<'_>, part: &Part) -> Result<(), FetchError> {
        match &job.published {
            Some(p) => {
                let actual = part.digests.as_published(p);
                if &actual == p {
                    Ok(())
                } else {
                    Err(FetchError::Checksum {
                        expected: p.to_string(),
                        actual: actual.to_string(),
                    })
                }
            }
            None => Ok(()),
        }
    }

    /// A verified part, ready to be installed.
    fn staged(&self, job: &Job<'_>, part: Part, validators: Validators) -> Fetched {
        Fetched::Downloaded {
            size: part.have,
            md5: format!("md5:{}", part.digests.md5_hex()),
            validators,
            staged: Staged {
                file: part.file,
                part: job.part.clone(),
                dest: job.dest.clone(),
            },
        }
    }

    fn attempt(
        &self,
        job: &Job<'_>,
        part: &mut Part,
        conditional: Option<&Entry>,
        validators: &mut Validators,
        on_partial: &dyn Fn(&Validators),
    ) -> Result<Attempt, FetchError> {
        let mut req = self.client.get(job.url);
        if part.have > 0 {
            req = req.header(header::RANGE, format!("bytes={}-", part.have));
            let strong_etag = validators.etag.as_ref().filter(|e| !e.starts_with("W/"));
            if let Some(v) = strong_etag.or(validators.last_modified.as_ref()) {
                req = req.header(header::IF_RANGE, v.as_str());
            }
        } else if let Some(prev) = conditional {
            if let Some(e) = &prev.etag {
                req = req.header(header::IF_NONE_MATCH, e.as_str());
            }
            if let Some(lm) = &prev.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, lm.as_str());
            }
        }
        let mut resp = req
            .send()
            .map_err(|e| FetchError::Transport(describe(&e)))?;
        let status = resp.status().as_u16();
        let total = match status {
            304 if conditional.is_some() => return Ok(Attempt::NotModified),
            206 if part.have > 0 => match content_range(&resp) {
                Some((start, total)) if start == part.have => total,
                _ => {
                    part.reset()?;
                    return Err(FetchError::Transport(
                        "the server answered another range than asked; starting over".into(),
                    ));
                }
            },
            200 => {
                if part.have > 0 {
                    (self.events)(Event::Restarted {
                        file: job.name.clone(),
                        reason: "the server sent the whole file instead of the rest".into(),
                    });
                }
                part.reset()?;
                *validators = validators_of(&resp);
                on_partial(validators);
                resp.content_length()
            }
            416 => {
                part.reset()?;
                return Err(FetchError::Transport(
                    "the server refused the resume range; starting over".into(),
                ));
            }
            _ => return Err(status_error(&resp)),
        };
        let limit = self.opts.max_body;
        let announced = total.or_else(|| resp.content_length().map(|n| n + part.have));
        if let Some(n) = announced.filter(|&n| n > limit) {
            part.reset()?;
            return Err(FetchError::TooLarge {
                limit,
                announced: Some(n),
            });
        }
        // The body of this response must be exactly what its Content-Length says.
        let body_length = resp.content_length();
        let body_start = part.have;
        (self.events)(Event::Started {
            file: job.name.clone(),
            size: total,
            from: part.have,
        });
        let mut buf = vec![0u8; 1 << 18];
        loop {
            let n = match resp.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let of = total.map_or("?".to_string(), |t| t.to_string());
                    return Err(FetchError::Transport(format!(
                        "transfer broken off after {} of {of} bytes: {}",
                        part.have,
                        describe(&e)
                    )));
                }
            };
            if let Some(t) = self.throttle {
                t.take(n);
            }
            if part.have + n as u64 > limit {
                part.reset()?;
                return Err(FetchError::TooLarge {
                    limit,
                    announced: None,
                });
            }
            part.write(&buf[..n])?;
            (self.events)(Event::Received {
                file: job.name.clone(),
                bytes: n as u64,
            });
        }
        let body = part.have - body_start;
        match (body_length, total) {
            (Some(l), _) if body > l => {
                part.reset()?;
                Err(FetchError::Overlong { announced: l })
            }
            (_, Some(t)) if part.have > t => {
                part.reset()?;
                Err(FetchError::Overlong { announced: t })
            }
            (Some(l), _) if body < l => Err(FetchError::Truncated {
                got: part.have,
                expected: body_start + l,
            }),
            (_, Some(t)) if part.have < t => Err(FetchError::Truncated {
                got: part.have,
                expected: t,
            }),
            _ => Ok(Attempt::Complete),
        }
    }
}
