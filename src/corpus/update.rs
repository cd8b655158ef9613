//! Updating a corpus's index in place, file by file: the documents of each given file are
//! replaced by what the file holds now. `tisc mirror sync` uses it to ingest only what is
//! new or changed; a file that cannot be read leaves none of its documents behind.

use super::build::{corpus_files, ingest_one, total_bytes};
use super::{build, unpack_embedded, BuildReport, Corpus, CorpusError, Progress, Workspace};
use crate::index::{dir_size, IndexUpdater};
use crate::model::Lang;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Re-ingest `files` (which must belong to `corpus`) into its existing index: each file's
/// previous documents are removed and its current ones added, in one commit. With no index
/// yet, the whole corpus is built instead. Files of the list that the corpus does not hold
/// are reported in `failed_files`.
pub fn update_files(
    ws: &Workspace,
    corpus: &Corpus,
    files: &[PathBuf],
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport, CorpusError> {
    let name = corpus.name().to_string();
    if let Some(reason) = &corpus.unavailable {
        return Err(CorpusError::Unavailable {
            name,
            reason: reason.clone(),
        });
    }
    let dir = ws.index_dir(&name);
    let current = crate::index::is_current(&dir);
    if !current {
        return build(ws, corpus, progress);
    }
    if let Some(e) = &corpus.def.embedded {
        unpack_embedded(ws, e)?;
    }
    let all = corpus_files(corpus)?;
    // Use the corpus's own spelling of each path: it is what `src` holds in the index.
    let by_canonical: HashMap<PathBuf, &PathBuf> = all.iter().map(|p| (canonical(p), p)).collect();
    let mut report = BuildReport {
        corpus: name.clone(),
        ..BuildReport::default()
    };
    let mut selected = Vec::new();
    for f in files {
        match by_canonical.get(&canonical(f)) {
            Some(p) => selected.push((*p).clone()),
            None => report
                .failed_files
                .push((f.clone(), "not a file of this corpus".into())),
        }
    }
    selected.sort();
    selected.dedup();
    let total = total_bytes(&selected);
    progress(Progress::Start {
        files: selected.len(),
        bytes: total,
    });
    let updater = IndexUpdater::open(&dir, &name, 200_000_000)?;
    let default_lang = corpus.def.lang.as_deref().map(Lang::new);
    let format = corpus.def.format;
    let first_error = Mutex::new(None);
    let mut deleted = 0;
    let keep_error = |e: crate::index::IndexError| {
        if let Ok(mut slot) = first_error.lock() {
            slot.get_or_insert(e);
        }
    };

    // Files one after the other, in name order (records within a file are parsed in
    // parallel): a later file's version of a document wins, as PubMed update files need.
    for path in &selected {
        let src = path.display().to_string();
        if let Err(e) = updater.remove_source(&src) {
            keep_error(e);
            break;
        }
        let add = |doc: &crate::model::Document| {
            if let Err(e) = updater.add(doc) {
                keep_error(e);
            }
        };
        let result = ingest_one(
            path,
            format,
            default_lang.as_ref(),
            &add,
            &|| updater.added(),
            progress,
        );
        if result.is_err() {
            // Leave nothing of a file that could not be read to the end.
            if let Err(e) = updater.remove_source(&src) {
                keep_error(e);
            }
        }
        let ids = report.add_file(path, result);
        deleted += updater.delete_ids(&ids);
    }
    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e.into());
    }
    progress(Progress::Committing);
    let added = updater.added();
    let meta = updater.finish(total_bytes(&all))?;
    report.indexed = added;
    report.deleted = deleted;
    report.seconds = meta.seconds;
    report.index_bytes = dir_size(&dir);
    report.sort_problems();
    report.meta = meta;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{find, save_user_def, CorpusDef, CorpusKind};
    use crate::ingest::Format;

    use tisc_test_kit::tar_bytes;

    const USPTO: &str = include_str!("../../tests/fixtures/mirror/ipg240102.xml");

    #[test]
    fn a_changed_file_replaces_its_documents_and_a_broken_one_leaves_none() {
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        let data = home.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        let file = data.join("week.tar");
        std::fs::write(&file, tar_bytes(&[("a.xml", USPTO.as_bytes())])).unwrap();
        let def = CorpusDef {
            name: "weekly".into(),
            kind: CorpusKind::Patent,
            format: Format::Auto,
            lang: None,
            description: None,
            paths: vec![data.display().to_string()],
            embedded: None,
            remote: None,
        };
        save_user_def(&ws, &def).unwrap();
        let corpus = find(&ws, "weekly").unwrap();
        // No index yet: a full build.
        let r = update_files(&ws, &corpus, std::slice::from_ref(&file), &|_| {}).unwrap();
        assert_eq!(r.meta.documents, 2);
        // The same grants under another member name: replaced, not added.
        std::fs::write(&file, tar_bytes(&[("renamed.xml", USPTO.as_bytes())])).unwrap();
        let r = update_files(&ws, &corpus, std::slice::from_ref(&file), &|_| {}).unwrap();
        assert_eq!((r.files_read, r.indexed, r.meta.documents), (1, 2, 2));
        // A good member, then an unsafe one: the file fails and none of it stays.
        let broken = tar_bytes(&[("b.xml", USPTO.as_bytes()), ("../evil.xml", b"<x/>")]);
        std::fs::write(&file, broken).unwrap();
        let r = update_files(&ws, &corpus, std::slice::from_ref(&file), &|_| {}).unwrap();
        assert_eq!(r.failed_files.len(), 1);
        assert!(r.failed_files[0].1.contains("unsafe name"));
        assert_eq!(r.meta.documents, 0);
        let outside = home.path().join("elsewhere.xml");
        std::fs::write(&outside, USPTO).unwrap();
        let r = update_files(&ws, &corpus, &[outside], &|_| {}).unwrap();
        assert_eq!(r.failed_files[0].1, "not a file of this corpus");
    }
}
