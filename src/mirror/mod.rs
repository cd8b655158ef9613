//! Mirroring public bulk collections over slow, unreliable links (`tisc mirror`).
//!
//! A corpus definition's `remote` source (explicit URLs, listing pages with a file pattern,
//! checksum companions) is fetched into `$TISC_HOME/mirror/<corpus>/`, each file under its
//! remote name. Downloads run on worker threads with reqwest's blocking client (rustls; no
//! async runtime in tisc's own code) and survive what TISC links do to them: they resume
//! with HTTP Range after a drop, back off and retry on 5xx and timeouts, are verified against
//! published checksums, and are renamed into place only when whole ([`fetch`]). A manifest
//! per corpus ([`Manifest`]) makes every sync incremental — unchanged files are answered by
//! 304 — and records which files the index holds, so that only new or changed files are
//! ingested, a changed file replacing its documents ([`crate::corpus::build`]).
//! A download is judged before it replaces the live copy (`check`): a login page, or a
//! file without records where the live copy has some, is set aside as
//! `.tisc-rejected-<name>` and the live copy stays in place and in the index.
//!
//! Nothing here prints: progress goes out as [`Event`]s for the CLI's bars or the TUI.
//! The loopback HTTP server with fault injection that the tests and the mirror benchmark
//! download from lives in the test kit (`tisc-test-kit`), the benchmark in `tisc-bench`.

mod check;
mod checksum;
mod fetch;
mod listing;
mod manifest;
mod options;
mod status;
mod sync;
mod throttle;

pub use checksum::{parse_companion, Checksum};
pub use fetch::FetchError;
pub use listing::{file_name, links, parse_url, UrlError};
pub use manifest::{Entry, Manifest, Validators, MANIFEST_FILE};
pub use options::{
    parse_proxy, parse_rate, parse_size, AmountError, MirrorOptions, ProxySetting, RetryPolicy,
    DEFAULT_MAX_BODY,
};
pub use status::{status, verify, FileState, FileStatus, StatusReport, VerifyReport};
pub use sync::{part_path, rejected_path, sync, FileResult, Outcome, SyncReport};
pub use throttle::Throttle;

use crate::corpus::{self, CorpusDef, CorpusError, CorpusKind, RemoteSource, Workspace};
use crate::ingest::Format;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Progress of a sync, for a front end to render.
#[derive(Debug, Clone)]
pub enum Event {
    /// Reading a listing page.
    Listing { url: String },
    /// The files to bring up to date are known.
    Planned { files: usize },
    /// A transfer began: `size` is the whole file when the server said, `from` the bytes
    /// already on disk (a resumed download).
    Started {
        file: Arc<str>,
        size: Option<u64>,
        from: u64,
    },
    /// More bytes of a file arrived.
    Received { file: Arc<str>, bytes: u64 },
    /// A partial download is being started over (the server ignored the range).
    Restarted { file: Arc<str>, reason: String },
    /// A try failed for a reason worth trying again; the next one follows after `delay`.
    Retrying {
        file: Arc<str>,
        attempt: u32,
        attempts: u32,
        delay: Duration,
        reason: String,
    },
    /// A file is done, one way or another.
    Finished { file: Arc<str>, outcome: Outcome },
    /// Ingesting what is new into the index.
    Indexing(corpus::Progress),
}

#[derive(Debug, thiserror::Error)]
pub enum MirrorError {
    #[error("corpus `{corpus}` has no remote source — add one with `tisc mirror add {corpus} --url URL`")]
    NoRemote { corpus: String },
    #[error("corpus `{corpus}` has not been mirrored yet — run `tisc mirror sync {corpus}`")]
    NotMirrored { corpus: String },
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: unreadable manifest ({message}) — move it away; the next `tisc mirror sync` checks every file again", path.display())]
    Manifest { path: PathBuf, message: String },
    #[error("HTTP client: {0}")]
    Client(String),
    #[error("`{url}` is not a usable URL: {reason}")]
    BadUrl {
        url: String,
        reason: listing::UrlError,
    },
    #[error("{0}")]
    Usage(String),
}

/// What `tisc mirror add` sets on a corpus's remote source.
#[derive(Debug, Clone, Default)]
pub struct RemoteSpec {
    /// File URLs to add (kept when already there).
    pub urls: Vec<String>,
    pub list_url: Option<String>,
    pub pattern: Option<String>,
    pub checksum_suffix: Option<String>,
    /// The format of the files; a new corpus defaults to `auto`.
    pub format: Option<Format>,
}

/// The `paths` entry that points a definition at its mirror folder.
pub fn mirror_path_entry(corpus: &str) -> String {
    format!("${{TISC_HOME}}/mirror/{corpus}")
}

/// Create or update the user definition of `name` with a remote source: a built-in
/// definition of that name is copied first; URLs are added, the other fields replaced when
/// given. The definition's paths always include the mirror folder.
pub fn add(
    ws: &Workspace,
    name: &str,
    spec: &RemoteSpec,
) -> Result<(PathBuf, CorpusDef), MirrorError> {
    corpus::check_name(name)?;
    for u in spec.urls.iter().chain(&spec.list_url) {
        listing::parse_url(u).map_err(|reason| MirrorError::BadUrl {
            url: u.clone(),
            reason,
        })?;
    }
    if let Some(p) = &spec.pattern {
        glob::Pattern::new(p).map_err(|e| MirrorError::Usage(format!("pattern `{p}`: {e}")))?;
    }
    let mut def = match corpus::find(ws, name) {
        Ok(c) => c.def,
        Err(CorpusError::Unknown { .. }) => {
            if spec.urls.is_empty() && spec.list_url.is_none() {
                return Err(MirrorError::Usage(format!(
                    "corpus `{name}` is new: give its files with --url, or a listing page with --list-url and --pattern"
                )));
            }
            let format = spec.format.unwrap_or(Format::Auto);
            CorpusDef::new(name, CorpusKind::guess(format), format, Vec::new())
        }
        Err(e) => return Err(e.into()),
    };
    let mut remote = def.remote.take().unwrap_or_else(RemoteSource::default);
    for u in &spec.urls {
        let u = u.trim().to_string();
        if !remote.urls.contains(&u) {
            remote.urls.push(u);
        }
    }
    if let Some(l) = &spec.list_url {
        remote.list_url = Some(l.trim().to_string());
    }
    if let Some(p) = &spec.pattern {
        remote.pattern = Some(p.clone());
    }
    if let Some(s) = &spec.checksum_suffix {
        remote.checksum_suffix = (!s.is_empty()).then(|| s.clone());
    }
    if let Some(f) = spec.format {
        def.format = f;
    }
    def.remote = Some(remote);
    let entry = mirror_path_entry(name);
    if !def.paths.contains(&entry) {
        def.paths.push(entry);
    }
    let path = corpus::save_user_def(ws, &def)?;
    Ok((path, def))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_creates_then_updates_a_user_definition() {
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        let spec = RemoteSpec {
            urls: vec!["http://127.0.0.1:1/a.zip".into()],
            ..RemoteSpec::default()
        };
        let (path, def) = add(&ws, "weekly", &spec).unwrap();
        assert!(path.starts_with(ws.corpora_dir()));
        assert_eq!(def.format, Format::Auto);
        assert_eq!(def.paths, ["${TISC_HOME}/mirror/weekly"]);
        let more = RemoteSpec {
            urls: vec![
                "http://127.0.0.1:1/a.zip".into(),
                "http://127.0.0.1:1/b.zip".into(),
            ],
            list_url: Some("http://127.0.0.1:1/".into()),
            pattern: Some("*.zip".into()),
            checksum_suffix: Some(".md5".into()),
            format: Some(Format::Uspto),
        };
        let (_, def) = add(&ws, "weekly", &more).unwrap();
        let remote = def.remote.unwrap();
        assert_eq!(remote.urls.len(), 2);
        assert_eq!(remote.checksum_suffix.as_deref(), Some(".md5"));
        assert_eq!(def.format, Format::Uspto);
        assert_eq!(def.paths.len(), 1);
        let found = corpus::find(&ws, "weekly").unwrap();
        assert!(found
            .unavailable
            .unwrap()
            .contains("tisc mirror sync weekly"));
        assert!(matches!(
            add(&ws, "new-one", &RemoteSpec::default()),
            Err(MirrorError::Usage(_))
        ));
        let bad = RemoteSpec {
            urls: vec!["file:///etc/passwd".into()],
            ..RemoteSpec::default()
        };
        assert!(matches!(
            add(&ws, "x", &bad),
            Err(MirrorError::BadUrl { .. })
        ));
    }
}
