//! The record of the input files an index was built from (`tisc-files.json`, beside
//! `tisc-index.json` in the live generation): each file's path as the index's `src` field
//! spells it, with its size and modification time when it was read. The next `tisc index`
//! compares it with the files on disk to read only what is new or changed and to remove the
//! documents of files that are gone.
//!
//! It is written after the commit that it describes. A run killed between the two leaves the
//! previous record: the next run sees those files as new or changed again, and since it
//! removes a file's documents before adding them again, it ends with no duplicates.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name of the record, in a generation folder.
pub const FILES_FILE: &str = "tisc-files.json";

/// What tells that a file changed: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Modification time: seconds and nanoseconds since the Unix epoch (negative before).
    pub mtime_secs: i64,
    pub mtime_nanos: u32,
}

impl FileStamp {
    /// The stamp of `path` as it is now.
    pub fn of(path: &Path) -> std::io::Result<FileStamp> {
        let m = std::fs::metadata(path)?;
        let (mtime_secs, mtime_nanos) = match m.modified()?.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => (
                i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                d.subsec_nanos(),
            ),
            Err(e) => {
                let d = e.duration();
                (
                    -i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                    d.subsec_nanos(),
                )
            }
        };
        Ok(FileStamp {
            size: m.len(),
            mtime_secs,
            mtime_nanos,
        })
    }
}

/// The files an index holds the documents of, by the key [`file_key`] gives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileManifest {
    pub files: BTreeMap<String, FileStamp>,
}

/// How a file is named in the record and in the index's `src` field.
pub fn file_key(path: &Path) -> String {
    path.display().to_string()
}

/// How the files on disk differ from the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileChanges {
    /// Files not in the record, with their stamps (in the order given).
    pub new: Vec<(PathBuf, FileStamp)>,
    /// Files whose size or modification time differ, with their new stamps.
    pub changed: Vec<(PathBuf, FileStamp)>,
    /// Recorded files that are no longer there (their keys).
    pub removed: Vec<String>,
}

impl FileChanges {
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// The counts: (new, changed, removed).
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.new.len(), self.changed.len(), self.removed.len())
    }
}

impl FileManifest {
    /// The record in generation folder `dir`; `None` when there is none or it cannot be
    /// read (an index built before tisc kept one).
    pub fn read_in(dir: &Path) -> Option<FileManifest> {
        let text = std::fs::read_to_string(dir.join(FILES_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The record of the live index of index folder `dir`.
    pub fn read(dir: &Path) -> Option<FileManifest> {
        Self::read_in(&super::generation::live_dir(dir))
    }

    /// Write the record into generation folder `dir`, atomically.
    pub fn write_in(&self, dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::fsutil::write_atomic(&dir.join(FILES_FILE), &json)
    }

    /// Compare with `files` as they are on disk now. A file that cannot be examined counts
    /// as changed (or new), so that reading it reports why.
    pub fn changes(&self, files: &[PathBuf]) -> FileChanges {
        let mut out = FileChanges::default();
        let mut present = std::collections::HashSet::new();
        for f in files {
            let key = file_key(f);
            let stamp = FileStamp::of(f).unwrap_or(FileStamp {
                size: u64::MAX,
                mtime_secs: 0,
                mtime_nanos: 0,
            });
            match self.files.get(&key) {
                None => out.new.push((f.clone(), stamp)),
                Some(old) if *old != stamp => out.changed.push((f.clone(), stamp)),
                Some(_) => {}
            }
            present.insert(key);
        }
        out.removed = self
            .files
            .keys()
            .filter(|k| !present.contains(*k))
            .cloned()
            .collect();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_changed_and_removed_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.xml");
        let b = dir.path().join("b.xml");
        let c = dir.path().join("c.xml");
        std::fs::write(&a, "one").unwrap();
        std::fs::write(&b, "two").unwrap();
        let mut m = FileManifest::default();
        for f in [&a, &b] {
            m.files.insert(file_key(f), FileStamp::of(f).unwrap());
        }
        m.files
            .insert("gone.xml".into(), FileStamp::of(&a).unwrap());
        std::fs::write(&b, "two, longer").unwrap();
        std::fs::write(&c, "three").unwrap();
        let ch = m.changes(&[a.clone(), b.clone(), c.clone()]);
        assert_eq!(ch.new.iter().map(|x| &x.0).collect::<Vec<_>>(), [&c]);
        assert_eq!(ch.changed.iter().map(|x| &x.0).collect::<Vec<_>>(), [&b]);
        assert_eq!(ch.removed, ["gone.xml"]);
        m.write_in(dir.path()).unwrap();
        assert_eq!(FileManifest::read_in(dir.path()), Some(m));
    }
}
