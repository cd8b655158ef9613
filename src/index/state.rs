//! Whether an index folder holds an index this tisc can search: the one answer every
//! command, the workbench and the mirror use to decide between searching, updating in
//! place and rebuilding; and, given the corpus's files, whether the index is up to date
//! with them.

use super::{read_meta, FileManifest, IndexMeta, SCHEMA_VERSION};
use std::path::{Path, PathBuf};

/// Whether index folder `dir` holds an index this tisc can search as it is: its live
/// generation has readable metadata written with this schema version. Anything else
/// (no index, unreadable metadata, another schema) means the corpus must be (re)built.
/// The corpus's files are not looked at: [`is_current_for`] also says whether files added,
/// changed or removed since have left the index behind.
pub fn is_current(dir: &Path) -> bool {
    matches!(state(dir), IndexState::Current(_))
}

/// What index folder `dir` holds, as far as its metadata tells.
#[derive(Debug, Clone)]
pub enum IndexState {
    /// No index, or metadata that cannot be read.
    Missing,
    /// An index written by another version of tisc (another schema): it must be rebuilt.
    Stale(IndexMeta),
    /// An index of this tisc's schema.
    Current(IndexMeta),
    /// An index of this tisc's schema that files added, changed or removed since it was
    /// written have left behind: it can be searched, and `tisc index` brings it up to date.
    /// Counts: (new, changed, removed) files.
    Outdated(IndexMeta, (usize, usize, usize)),
}

impl IndexState {
    /// The recorded metadata, current or not.
    pub fn meta(&self) -> Option<&IndexMeta> {
        match self {
            IndexState::Missing => None,
            IndexState::Stale(m) | IndexState::Current(m) | IndexState::Outdated(m, _) => Some(m),
        }
    }

    /// The metadata, only when the index is current.
    pub fn current(&self) -> Option<&IndexMeta> {
        match self {
            IndexState::Current(m) => Some(m),
            _ => None,
        }
    }
}

/// Whether index folder `dir` holds an index of this tisc's schema that is up to date with
/// `files` (the corpus's input files as they are now): no file added, changed or removed
/// since it was written. An index that records no files (built before tisc kept the record)
/// counts as up to date.
pub fn is_current_for(dir: &Path, files: &[PathBuf]) -> bool {
    matches!(state_for(dir, files), IndexState::Current(_))
}

/// [`state`], telling an index of this schema that `files` have left behind
/// ([`IndexState::Outdated`]) from a current one.
pub fn state_for(dir: &Path, files: &[PathBuf]) -> IndexState {
    match state(dir) {
        IndexState::Current(meta) => match FileManifest::read(dir) {
            Some(m) => {
                let changes = m.changes(files);
                if changes.is_empty() {
                    IndexState::Current(meta)
                } else {
                    IndexState::Outdated(meta, changes.counts())
                }
            }
            None => IndexState::Current(meta),
        },
        other => other,
    }
}

/// The state of the live index of index folder `dir`, as its metadata tells (the source
/// files are not looked at: see [`state_for`]).
pub fn state(dir: &Path) -> IndexState {
    match read_meta(dir) {
        None => IndexState::Missing,
        Some(m) if m.schema_version == SCHEMA_VERSION => IndexState::Current(m),
        Some(m) => IndexState::Stale(m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(super::super::META_FILE), text).unwrap();
    }

    fn meta(schema_version: u32) -> String {
        serde_json::to_string(&IndexMeta {
            schema_version,
            corpus: "c".into(),
            documents: 3,
            ..IndexMeta::default()
        })
        .unwrap()
    }

    #[test]
    fn only_readable_metadata_of_this_schema_is_current() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("c");
        assert!(!is_current(&dir), "no folder");
        assert!(matches!(state(&dir), IndexState::Missing));

        write(&dir, "{ not json");
        assert!(!is_current(&dir), "unreadable metadata");
        assert!(matches!(state(&dir), IndexState::Missing));

        write(&dir, &meta(SCHEMA_VERSION + 1));
        assert!(!is_current(&dir), "another schema");
        let s = state(&dir);
        assert!(matches!(s, IndexState::Stale(_)));
        assert_eq!(s.meta().map(|m| m.documents), Some(3));
        assert!(s.current().is_none());

        write(&dir, &meta(SCHEMA_VERSION));
        assert!(is_current(&dir));
        assert_eq!(state(&dir).current().map(|m| m.documents), Some(3));
    }

    #[test]
    fn the_live_generation_decides() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("c");
        let old = super::super::generation::create_next(&dir).unwrap();
        write(&old, &meta(SCHEMA_VERSION));
        super::super::generation::publish(&dir, &old).unwrap();
        assert!(is_current(&dir));
        let new = super::super::generation::create_next(&dir).unwrap();
        write(&new, &meta(SCHEMA_VERSION - 1));
        super::super::generation::publish(&dir, &new).unwrap();
        assert!(!is_current(&dir), "the newly published generation is stale");
    }
}
