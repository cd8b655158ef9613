//! The manifest of a mirrored corpus: one entry per remote file, saying where it came from,
//! what was received (size, checksum, validators), when, and whether it is in the index.
//! It lives beside the files as `.tisc-manifest.json` and is written atomically after every
//! change, so an interrupted sync loses nothing it had finished.

use super::MirrorError;
use crate::model::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File name of the manifest in `$TISC_HOME/mirror/<corpus>/`.
pub const MANIFEST_FILE: &str = ".tisc-manifest.json";

/// HTTP validators of a response, sent back for conditional and resumed requests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// What is known of one remote file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub url: String,
    /// The local file is whole and verified. Never true for a partial download.
    #[serde(default)]
    pub complete: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Checksum of the local file as received, `md5:<hex>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
    /// Checksum published beside the file (`md5:<hex>` or `sha256:<hex>`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_checksum: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When the current local copy was received (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<Timestamp>,
    /// When the current local copy was ingested into the index; `None` = still to ingest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingested_at: Option<Timestamp>,
    /// Why the last sync could not fetch this file (the local copy, if any, is older).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why the last ingest of this file failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingest_error: Option<String>,
    /// Why the last download was refused (a login page, no records where the live copy has
    /// some…): it was set aside as `.tisc-rejected-<name>` and the live copy kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected: Option<String>,
    /// Validators of the response a `.part` file is being filled from, for resuming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<Validators>,
}

/// Every remote file of a corpus, by local file name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub corpus: String,
    #[serde(default)]
    pub files: BTreeMap<String, Entry>,
}

impl Manifest {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(MANIFEST_FILE)
    }

    /// The manifest in `dir`, or an empty one when there is none yet.
    pub fn load(dir: &Path, corpus: &str) -> Result<Manifest, MirrorError> {
        let path = Self::path(dir);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| MirrorError::Manifest {
                path,
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest {
                corpus: corpus.to_string(),
                files: BTreeMap::new(),
            }),
            Err(source) => Err(MirrorError::Io { path, source }),
        }
    }

    /// Write the manifest atomically.
    pub fn save(&self, dir: &Path) -> Result<(), MirrorError> {
        let path = Self::path(dir);
        let json = serde_json::to_vec_pretty(self).map_err(|e| MirrorError::Manifest {
            path: path.clone(),
            message: e.to_string(),
        })?;
        crate::fsutil::write_atomic(&path, &json).map_err(|source| MirrorError::Io { path, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_round_trips_and_starts_empty() {
        let dir = tempfile::tempdir().unwrap();
        let empty = Manifest::load(dir.path(), "c").unwrap();
        assert!(empty.files.is_empty());
        let mut m = empty.clone();
        m.files.insert(
            "a.xml.gz".into(),
            Entry {
                url: "http://127.0.0.1/a.xml.gz".into(),
                complete: true,
                size: Some(3),
                checksum: Some("md5:900150983cd24fb0d6963f7d28e17f72".into()),
                etag: Some("\"x\"".into()),
                ..Entry::default()
            },
        );
        m.save(dir.path()).unwrap();
        assert_eq!(Manifest::load(dir.path(), "c").unwrap(), m);
        std::fs::write(Manifest::path(dir.path()), b"{not json").unwrap();
        let e = Manifest::load(dir.path(), "c").unwrap_err().to_string();
        assert!(e.contains("unreadable manifest"), "{e}");
    }
}
