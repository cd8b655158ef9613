//! What a mirror holds (`tisc mirror status`) and whether its files are still what was
//! received (`tisc mirror verify`).

use super::checksum::md5_file;
use super::manifest::Manifest;
use super::sync::{part_path, rejected_path};
use super::MirrorError;
use crate::corpus::Workspace;
use crate::model::time::Timestamp;
use serde::Serialize;
use std::path::PathBuf;

/// The state of one mirrored file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileState {
    /// Whole, verified and in the index.
    Indexed,
    /// Whole and verified, not yet ingested (or its ingest failed: see `ingest_error`).
    Complete,
    /// A `.part` file holds the bytes received so far.
    Partial,
    /// Never fetched whole; the last sync failed (see `error`).
    Failed,
    /// The local copy is gone or no longer matches its checksum.
    Missing,
    /// The last download was refused (see `rejected`) and set aside; the live copy, if
    /// any, is kept (and stays indexed).
    Rejected,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileStatus {
    pub name: String,
    pub url: String,
    pub state: FileState,
    pub size: Option<u64>,
    /// Bytes in the `.part` file, for a partial download.
    pub partial_bytes: Option<u64>,
    pub checksum: Option<String>,
    pub published_checksum: Option<String>,
    pub fetched_at: Option<Timestamp>,
    pub ingested_at: Option<Timestamp>,
    /// Why the last sync could not fetch it.
    pub error: Option<String>,
    pub ingest_error: Option<String>,
    /// Why the last download was refused.
    pub rejected: Option<String>,
    /// Where the refused download is kept.
    pub rejected_copy: Option<PathBuf>,
    /// Whether a live copy is in place (and indexed) beside a refused download.
    pub live: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub corpus: String,
    pub dir: PathBuf,
    pub files: Vec<FileStatus>,
    pub complete_bytes: u64,
}

impl StatusReport {
    pub fn count(&self, state: &FileState) -> usize {
        self.files.iter().filter(|f| &f.state == state).count()
    }

    /// Files whose last sync or ingest failed.
    pub fn problems(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.error.is_some() || f.ingest_error.is_some())
            .count()
    }
}

fn mirror_of(ws: &Workspace, corpus: &str) -> Result<(PathBuf, Manifest), MirrorError> {
    crate::corpus::find(ws, corpus)?;
    let dir = ws.mirror_dir(corpus);
    if !Manifest::path(&dir).exists() {
        return Err(MirrorError::NotMirrored {
            corpus: corpus.to_string(),
        });
    }
    let manifest = Manifest::load(&dir, corpus)?;
    Ok((dir, manifest))
}

/// The state of every file of a corpus's mirror, from its manifest and folder.
pub fn status(ws: &Workspace, corpus: &str) -> Result<StatusReport, MirrorError> {
    let (dir, manifest) = mirror_of(ws, corpus)?;
    let mut files = Vec::new();
    let mut complete_bytes = 0;
    for (name, e) in &manifest.files {
        let present = dir.join(name).is_file();
        let part = std::fs::metadata(part_path(&dir, name))
            .ok()
            .map(|m| m.len())
            .filter(|&n| n > 0);
        let state = match (e.complete, present, part) {
            _ if e.rejected.is_some() => FileState::Rejected,
            (true, true, _) if e.ingested_at.is_some() => FileState::Indexed,
            (true, true, _) => FileState::Complete,
            (_, _, Some(_)) => FileState::Partial,
            (true, false, _) => FileState::Missing,
            (false, _, None) => FileState::Failed,
        };
        if e.complete && present {
            complete_bytes += e.size.unwrap_or(0);
        }
        files.push(FileStatus {
            name: name.clone(),
            url: e.url.clone(),
            state,
            size: e.size,
            partial_bytes: part,
            checksum: e.checksum.clone(),
            published_checksum: e.published_checksum.clone(),
            fetched_at: e.fetched_at,
            ingested_at: e.ingested_at,
            error: e.error.clone(),
            ingest_error: e.ingest_error.clone(),
            rejected: e.rejected.clone(),
            rejected_copy: Some(rejected_path(&dir, name)).filter(|p| p.is_file()),
            live: e.complete && present,
        });
    }
    Ok(StatusReport {
        corpus: corpus.to_string(),
        dir,
        files,
        complete_bytes,
    })
}

/// The outcome of checking the local copies.
#[derive(Debug, Clone, Serialize, Default)]
pub struct VerifyReport {
    pub corpus: String,
    pub checked: usize,
    pub bytes: u64,
    /// Files that are missing or changed, with what is wrong; they are marked incomplete so
    /// that the next sync fetches them again.
    pub bad: Vec<(String, String)>,
    /// Files whose last download was refused, with the reason (their live copies are
    /// checked like the others).
    pub rejected: Vec<(String, String)>,
}

/// Recompute the checksum of every complete file and compare it with the manifest (and the
/// published checksum). A file that fails is marked incomplete, for the next sync to fetch.
pub fn verify(
    ws: &Workspace,
    corpus: &str,
    on_file: &(dyn Fn(&str) + Sync),
) -> Result<VerifyReport, MirrorError> {
    let (dir, mut manifest) = mirror_of(ws, corpus)?;
    let mut report = VerifyReport {
        corpus: corpus.to_string(),
        ..VerifyReport::default()
    };
    report.rejected = manifest
        .files
        .iter()
        .filter_map(|(n, e)| Some((n.clone(), e.rejected.clone()?)))
        .collect();
    for (name, e) in manifest.files.iter_mut().filter(|(_, e)| e.complete) {
        on_file(name);
        let path = dir.join(name.as_str());
        let problem = match (std::fs::metadata(&path), md5_file(&path)) {
            (Err(_), _) | (_, Err(_)) => Some("missing from the mirror folder".to_string()),
            (Ok(m), Ok(sum)) => {
                report.checked += 1;
                report.bytes += m.len();
                if e.size.is_some_and(|s| s != m.len()) {
                    Some(format!(
                        "size is {} bytes, {} were received",
                        m.len(),
                        e.size.unwrap_or(0)
                    ))
                } else if e.checksum.as_ref().is_some_and(|c| c != &sum) {
                    Some(format!(
                        "checksum is {sum}, {} was received",
                        e.checksum.as_deref().unwrap_or("")
                    ))
                } else if e
                    .published_checksum
                    .as_ref()
                    .is_some_and(|p| p.starts_with("md5:") && p != &sum)
                {
                    Some(format!(
                        "checksum is {sum}, {} is published",
                        e.published_checksum.as_deref().unwrap_or("")
                    ))
                } else {
                    None
                }
            }
        };
        if let Some(why) = problem {
            e.complete = false;
            e.etag = None;
            e.last_modified = None;
            e.error = Some(format!("verify: {why}"));
            report.bad.push((name.clone(), why));
        }
    }
    if !report.bad.is_empty() {
        manifest.save(&dir)?;
    }
    Ok(report)
}
