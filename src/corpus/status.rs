//! The status of a corpus as `tisc corpora` and the workbench's corpora screen show it:
//! its kind, whether it has an index, a current one or one from another tisc version, how
//! many documents and bytes that index holds, and why its data is unavailable if it is.

use super::{Corpus, CorpusKind, Workspace};
use crate::index::{self, IndexMeta, IndexState};

/// One corpus's status, worked out by [`status`].
#[derive(Debug, Clone)]
pub struct CorpusStatus {
    pub name: String,
    pub kind: CorpusKind,
    /// The index as its metadata and its record of files describe it: missing, stale
    /// (another schema), outdated (files added, changed or removed since) or current.
    pub index: IndexState,
    /// Bytes on disk of the index folder, when it holds an index (current or stale).
    pub index_bytes: Option<u64>,
    /// Why the corpus's data cannot be read here, with a hint; `None` when available.
    pub unavailable: Option<String>,
}

impl CorpusStatus {
    /// The metadata of an index of this tisc's schema (outdated or not), if the corpus has
    /// one.
    pub fn current(&self) -> Option<&IndexMeta> {
        match &self.index {
            IndexState::Current(m) | IndexState::Outdated(m, _) => Some(m),
            _ => None,
        }
    }

    /// Whether the corpus has an index this tisc can search (outdated or not).
    pub fn is_indexed(&self) -> bool {
        self.current().is_some()
    }
}

/// The status of `corpus` in workspace `ws`.
pub fn status(ws: &Workspace, corpus: &Corpus) -> CorpusStatus {
    let dir = ws.index_dir(corpus.name());
    // The files as they are now, to tell an index they have left behind; a corpus whose
    // files cannot be listed is judged by its index alone.
    let state = match super::corpus_files(corpus) {
        Ok(files) if corpus.unavailable.is_none() => index::state_for(&dir, &files),
        _ => index::state(&dir),
    };
    let index_bytes = state.meta().map(|_| index::dir_size(&dir));
    CorpusStatus {
        name: corpus.def.name.clone(),
        kind: corpus.def.kind,
        index: state,
        index_bytes,
        unavailable: corpus.unavailable.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_meta(ws: &Workspace, name: &str, schema_version: u32) {
        let dir = ws.index_dir(name);
        std::fs::create_dir_all(&dir).unwrap();
        let meta = IndexMeta {
            schema_version,
            corpus: name.into(),
            built_at: "2026-01-02T03:04:05Z".parse().unwrap(),
            documents: 7,
            ..IndexMeta::default()
        };
        std::fs::write(
            dir.join(index::META_FILE),
            serde_json::to_string(&meta).unwrap(),
        )
        .unwrap();
    }

    #[test]
    fn status_tells_missing_stale_and_current_indexes_apart() {
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        let demo = super::super::find(&ws, "demo").unwrap();

        let s = status(&ws, &demo);
        assert_eq!(s.name, "demo");
        assert!(matches!(s.index, IndexState::Missing));
        assert!(!s.is_indexed());
        assert_eq!(s.index_bytes, None);

        write_meta(&ws, "demo", index::SCHEMA_VERSION + 1);
        let s = status(&ws, &demo);
        assert!(matches!(&s.index, IndexState::Stale(m) if m.documents == 7));
        assert!(!s.is_indexed());
        assert!(s.index_bytes.is_some_and(|b| b > 0));

        write_meta(&ws, "demo", index::SCHEMA_VERSION);
        let s = status(&ws, &demo);
        assert_eq!(s.current().map(|m| m.documents), Some(7));
        assert_eq!(s.kind, demo.def.kind);
        assert_eq!(s.unavailable, None);
    }
}
