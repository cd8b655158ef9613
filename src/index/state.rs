//! Whether an index folder holds an index this tisc can search: the one answer every
//! command, the workbench and the mirror use to decide between searching, updating in
//! place and rebuilding.

use super::{read_meta, IndexMeta, SCHEMA_VERSION};
use std::path::Path;

/// Whether index folder `dir` holds an index this tisc can search as it is: its live
/// generation has readable metadata written with this schema version. Anything else
/// (no index, unreadable metadata, another schema) means the corpus must be (re)built.
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
}

impl IndexState {
    /// The recorded metadata, current or not.
    pub fn meta(&self) -> Option<&IndexMeta> {
        match self {
            IndexState::Missing => None,
            IndexState::Stale(m) | IndexState::Current(m) => Some(m),
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

/// The state of the live index of index folder `dir`.
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
