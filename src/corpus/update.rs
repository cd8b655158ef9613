//! Bringing a corpus's index up to date in place: the documents of each new or changed file
//! replace what the index held of it, the documents of removed files go, all in one commit;
//! then the record of indexed files is written. `tisc index` (by default) and
//! `tisc mirror sync` come here through [`super::build_with`] when the index can be updated.

use super::build::{ingest_one, total_bytes, BuildMode, BuildOptions};
use super::{BuildReport, Corpus, CorpusError, Progress, Workspace};
use crate::index::files::file_key;
use crate::index::{dir_size, generation, read_meta, FileManifest, IndexUpdater};
use crate::ingest;
use crate::model::Lang;
use std::sync::Mutex;

/// Update the live index of `corpus` to `walked` (its files as they are now), given the
/// record of the files it was built from: the documents of removed files are removed; each
/// new or changed file, in name order, has its previous documents removed and its current
/// ones added (records in parallel; a later file's version of a document wins, as PubMed
/// update files need); one commit; then the record is written. A file that cannot be read
/// leaves none of its documents and stays out of the record, so the next run tries it
/// again.
pub(super) fn grow(
    ws: &Workspace,
    corpus: &Corpus,
    options: &BuildOptions,
    walked: ingest::Walked,
    recorded: &FileManifest,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport, CorpusError> {
    let name = corpus.name().to_string();
    let dir = ws.index_dir(&name);
    // What an interrupted rebuild left beside the live generation goes now (as a rebuild
    // would remove it); a leftover that cannot be removed yet does not stop the update.
    let _ = generation::remove_stale(&dir);
    let changes = recorded.changes(&walked.files);
    let mut report = BuildReport {
        corpus: name.clone(),
        mode: BuildMode::Incremental,
        failed_files: walked.problems,
        files_new: changes.new.len(),
        files_changed: changes.changed.len(),
        files_removed: changes.removed.len(),
        ..BuildReport::default()
    };
    let mut selected: Vec<_> = changes
        .new
        .iter()
        .chain(&changes.changed)
        .cloned()
        .collect();
    selected.sort_by(|a, b| a.0.cmp(&b.0));
    let paths: Vec<_> = selected.iter().map(|(p, _)| p.clone()).collect();
    progress(Progress::Start {
        files: selected.len(),
        bytes: total_bytes(&paths),
    });
    let before = read_meta(&dir).unwrap_or_default();
    if changes.is_empty() {
        report.mode = BuildMode::UpToDate;
        report.index_bytes = dir_size(&dir);
        report.meta = before;
        report.sort_problems();
        return Ok(report);
    }
    let mut updater = IndexUpdater::open(&dir, &name, options.memory)?;
    if let Some(bound) = options.docs_in_flight {
        updater.set_in_flight_bound(bound);
    }
    let default_lang = corpus.def.lang.as_deref().map(Lang::new);
    let format = corpus.def.format;
    let first_error = Mutex::new(None);
    let keep_error = |e: crate::index::IndexError| {
        if let Ok(mut slot) = first_error.lock() {
            slot.get_or_insert(e);
        }
    };
    for key in &changes.removed {
        if let Err(e) = updater.remove_source(key) {
            keep_error(e);
        }
    }
    let mut deleted = 0;
    let mut next = recorded.clone();
    for key in &changes.removed {
        next.files.remove(key);
    }
    for (path, stamp) in &selected {
        let src = file_key(path);
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
        let failed = matches!(
            result,
            Err(ingest::IngestError::Io { .. } | ingest::IngestError::Refused { .. })
        );
        if failed {
            next.files.remove(&src);
        } else {
            next.files.insert(src, *stamp);
        }
        let ids = report.add_file(path, result);
        deleted += updater.delete_ids(&ids);
    }
    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e.into());
    }
    progress(Progress::Committing);
    let added = updater.added();
    let window = (updater.window().high_water(), updater.window().bound());
    let meta = updater.finish(total_bytes(&walked.files))?;
    // After the commit: killed before this, the next run reads these files again.
    crate::fail::point("grow.committed");
    let live = generation::live_dir(&dir);
    next.write_in(&live).map_err(|source| CorpusError::Io {
        path: live.clone(),
        source,
    })?;
    report.indexed = added;
    report.deleted = deleted;
    report.documents_removed = (before.documents + added).saturating_sub(meta.documents);
    report.docs_in_flight_max = window.0;
    report.docs_in_flight_bound = window.1;
    report.seconds = meta.seconds;
    report.index_bytes = dir_size(&dir);
    report.sort_problems();
    report.meta = meta;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{build, find, save_user_def, CorpusDef, CorpusKind};
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
        let def = CorpusDef::new(
            "weekly",
            CorpusKind::Patent,
            Format::Auto,
            vec![data.display().to_string()],
        );
        save_user_def(&ws, &def).unwrap();
        let corpus = find(&ws, "weekly").unwrap();
        let build = || build(&ws, &corpus, &|_| {}).unwrap();
        // No index yet: a full build.
        let r = build();
        assert_eq!((r.mode, r.meta.documents), (BuildMode::Full, 2));
        // The same grants under another member name: replaced, not added.
        std::fs::write(&file, tar_bytes(&[("renamed.xml", USPTO.as_bytes())])).unwrap();
        bump_mtime(&file);
        let r = build();
        assert_eq!(r.mode, BuildMode::Incremental);
        assert_eq!((r.files_changed, r.files_read, r.indexed), (1, 1, 2));
        assert_eq!((r.meta.documents, r.documents_removed), (2, 2));
        // A good member, then an unsafe one: the file fails and none of it stays; it stays
        // out of the record, so the next run reads it again.
        let broken = tar_bytes(&[("b.xml", USPTO.as_bytes()), ("../evil.xml", b"<x/>")]);
        std::fs::write(&file, broken).unwrap();
        bump_mtime(&file);
        let r = build();
        assert_eq!(r.failed_files.len(), 1);
        assert!(r.failed_files[0].1.contains("unsafe name"));
        assert_eq!(r.meta.documents, 0);
        let r = build();
        assert_eq!(
            (r.mode, r.files_new, r.failed_files.len()),
            (BuildMode::Incremental, 1, 1)
        );
    }

    /// Move a file's modification time a second on, so that a rewrite within the same clock
    /// tick still counts as a change.
    fn bump_mtime(path: &std::path::Path) {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        let t = f.metadata().unwrap().modified().unwrap() + std::time::Duration::from_secs(1);
        f.set_modified(t).unwrap();
    }
}
