//! The case store: creating, opening, listing and deleting case folders, and the one writer
//! allowed per case.
//!
//! Guarantees:
//! - **Nothing acknowledged is lost.** A change is appended to `journal.jsonl` and fsynced
//!   before [`CaseWriter`] returns; `case.json` is only ever replaced whole (temporary file,
//!   fsync, rename). Opening replays journal entries newer than `case.json`; a writer then
//!   folds them into `case.json` (compaction) and empties the journal. A kill at any moment
//!   leaves `case.json` old or new and the journal holding whatever `case.json` lacks.
//! - **One writer.** [`CaseStore::open_write`] takes an exclusive OS advisory lock (`flock`)
//!   on the case's `lock` file. The kernel drops it when the process ends, however it ends,
//!   so a kill never leaves a stale lock. A second writer is refused at once with
//!   [`CaseError::Locked`], naming the holder's pid; it changes nothing.
//! - **Readers need no lock.** [`CaseStore::open`] reads the journal *before* `case.json`:
//!   `case.json` only ever gains what the journal held, so the pair read in that order is
//!   always consistent, even while a writer compacts.

use super::journal::{self, Op};
use super::migrate::migrate;
use super::{
    check_id, Case, CaseEdit, CaseError, Citation, ClaimSetEdit, ClaimsKind, Coverage,
    InventionClaim, NewCase, Note,
};
use crate::model::Date;
use fs4::fs_std::FileExt;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const CASE_FILE: &str = "case.json";
pub const JOURNAL_FILE: &str = "journal.jsonl";
pub const LOCK_FILE: &str = "lock";
pub const EXPORTS_DIR: &str = "exports";

/// A long-lived writer folds its journal into `case.json` after this many changes.
const COMPACT_AFTER: usize = 64;

/// Whether `cite` added a citation or updated one already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteOutcome {
    Added,
    Updated,
}

/// The folder holding every case (`$TISC_HOME/cases`).
#[derive(Debug, Clone)]
pub struct CaseStore {
    root: PathBuf,
}

fn io_err(id: &str, path: &Path) -> impl Fn(std::io::Error) -> CaseError {
    let (id, path) = (id.to_string(), path.to_path_buf());
    move |source| CaseError::Io {
        id: id.clone(),
        path: path.clone(),
        source,
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

impl CaseStore {
    pub fn new(root: impl Into<PathBuf>) -> CaseStore {
        CaseStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of case `id` (the id is checked: no separators, no dots).
    pub fn case_dir(&self, id: &str) -> Result<PathBuf, CaseError> {
        check_id(id)?;
        Ok(self.root.join(id))
    }

    pub fn exists(&self, id: &str) -> bool {
        self.case_dir(id).is_ok_and(|d| d.join(CASE_FILE).is_file())
    }

    /// Make a new case folder. It appears whole or not at all: it is built under a
    /// temporary name and renamed into place.
    pub fn create(&self, id: &str, new: NewCase) -> Result<Case, CaseError> {
        let dir = self.case_dir(id)?;
        if dir.exists() {
            return Err(CaseError::Exists(id.to_string()));
        }
        let tmp = self
            .root
            .join(format!(".creating-{id}-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(io_err(id, &tmp))?;
        }
        std::fs::create_dir_all(&tmp).map_err(io_err(id, &tmp))?;
        let case = Case::new(id, new, &crate::model::time::now().to_string());
        let written = write_case(&tmp, &case)
            .and_then(|()| File::create(tmp.join(JOURNAL_FILE)).map_err(io_err(id, &tmp)))
            .and_then(|_| File::create(tmp.join(LOCK_FILE)).map_err(io_err(id, &tmp)));
        if let Err(e) = written {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        sync_dir(&tmp);
        if let Err(e) = std::fs::rename(&tmp, &dir) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(if dir.exists() {
                CaseError::Exists(id.to_string())
            } else {
                io_err(id, &dir)(e)
            });
        }
        sync_dir(&self.root);
        Ok(case)
    }

    /// Read a case without locking it: `case.json` plus any journal entries it lacks.
    pub fn open(&self, id: &str) -> Result<Case, CaseError> {
        let dir = self.case_dir(id)?;
        Ok(load(&dir, id)?.0)
    }

    /// Open a case for changing it, taking its lock; refused if another process holds it.
    pub fn open_write(&self, id: &str) -> Result<CaseWriter, CaseError> {
        let dir = self.case_dir(id)?;
        if !dir.join(CASE_FILE).is_file() {
            return Err(CaseError::Missing(id.to_string()));
        }
        let lock_path = dir.join(LOCK_FILE);
        let mut lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io_err(id, &lock_path))?;
        let acquired = FileExt::try_lock_exclusive(&lock).map_err(io_err(id, &lock_path))?;
        if !acquired {
            let mut text = String::new();
            let _ = lock.read_to_string(&mut text);
            let holder = text
                .trim()
                .strip_prefix("pid ")
                .map(|p| format!(" (pid {p})"))
                .unwrap_or_default();
            return Err(CaseError::Locked {
                id: id.to_string(),
                holder,
            });
        }
        // Who holds the lock, for the message another process shows. Best effort.
        let _ = lock
            .set_len(0)
            .and_then(|()| writeln!(lock, "pid {}", std::process::id()));
        remove_stale_temporaries(&dir);
        let (case, replay, migrated_from) = load(&dir, id)?;
        let journal_path = dir.join(JOURNAL_FILE);
        let journal = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&journal_path)
            .map_err(io_err(id, &journal_path))?;
        let mut writer = CaseWriter {
            dir,
            case,
            journal,
            pending: 0,
            _lock: lock,
        };
        if replay.total_len > 0 || migrated_from < u64::from(super::CASE_SCHEMA_VERSION) {
            writer.compact()?;
        }
        Ok(writer)
    }

    /// Every case, sorted by id; a case that cannot be read is an error entry.
    pub fn list(&self) -> Vec<Result<Case, CaseError>> {
        let mut ids: Vec<String> = std::fs::read_dir(&self.root)
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| check_id(n).is_ok())
                    .collect()
            })
            .unwrap_or_default();
        ids.sort();
        ids.iter().map(|id| self.open(id)).collect()
    }

    /// Delete a case folder and everything in it. Refused while another process writes it.
    pub fn delete(&self, id: &str) -> Result<(), CaseError> {
        let writer = self.open_write(id)?;
        let trash = self
            .root
            .join(format!(".deleted-{id}-{}", std::process::id()));
        std::fs::rename(&writer.dir, &trash).map_err(io_err(id, &writer.dir))?;
        sync_dir(&self.root);
        drop(writer);
        std::fs::remove_dir_all(&trash).map_err(io_err(id, &trash))?;
        Ok(())
    }

    /// Save an exported report in the case's `exports/` folder (atomically).
    pub fn save_export(&self, id: &str, name: &str, bytes: &[u8]) -> Result<PathBuf, CaseError> {
        let dir = self.case_dir(id)?.join(EXPORTS_DIR);
        let path = dir.join(name);
        crate::fsutil::write_atomic(&path, bytes).map_err(io_err(id, &path))?;
        Ok(path)
    }
}

/// Temporary files of `case.json` writes cut short by a kill.
fn remove_stale_temporaries(dir: &Path) {
    let prefix = format!(".{CASE_FILE}.tmp.");
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn write_case(dir: &Path, case: &Case) -> Result<(), CaseError> {
    let path = dir.join(CASE_FILE);
    let mut json = serde_json::to_vec_pretty(case).map_err(|e| CaseError::Corrupt {
        id: case.id.clone(),
        path: path.clone(),
        message: e.to_string(),
    })?;
    json.push(b'\n');
    crate::fsutil::write_atomic(&path, &json).map_err(io_err(&case.id, &path))
}

/// Read the journal, then `case.json`, migrate it, and replay the entries it lacks.
/// Returns the case, what the journal held, and the schema version found on disk.
fn load(dir: &Path, id: &str) -> Result<(Case, journal::Replay, u64), CaseError> {
    let case_path = dir.join(CASE_FILE);
    let journal_path = dir.join(JOURNAL_FILE);
    let journal_bytes = match std::fs::read(&journal_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io_err(id, &journal_path)(e)),
    };
    let text = match std::fs::read(&case_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CaseError::Missing(id.to_string()));
        }
        Err(e) => return Err(io_err(id, &case_path)(e)),
    };
    let corrupt = |message: String| CaseError::Corrupt {
        id: id.to_string(),
        path: case_path.clone(),
        message,
    };
    let mut value: serde_json::Value =
        serde_json::from_slice(&text).map_err(|e| corrupt(e.to_string()))?;
    let found = migrate(&mut value, id)?;
    let mut case: Case = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
    case.id = id.to_string();
    super::migrate::pad_ids(&mut case);
    let replay = journal::parse(&journal_bytes).map_err(|v| CaseError::NewerSchema {
        id: id.to_string(),
        found: u64::from(v),
        supported: journal::JOURNAL_VERSION,
    })?;
    for (seq, at, op) in &replay.entries {
        if *seq == case.journal_seq + 1 {
            let mut op = op.clone();
            super::migrate::pad_op(&mut op);
            case.apply(&op, at);
            case.journal_seq = *seq;
        }
    }
    Ok((case, replay, found))
}

/// The one process allowed to change a case, holding its lock until dropped.
pub struct CaseWriter {
    dir: PathBuf,
    case: Case,
    journal: File,
    pending: usize,
    _lock: File,
}

impl CaseWriter {
    pub fn case(&self) -> &Case {
        &self.case
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Journal a change (fsynced), then apply it. When this returns `Ok` the change survives
    /// any crash or kill.
    pub fn commit(&mut self, mut op: Op) -> Result<(), CaseError> {
        super::migrate::pad_op(&mut op);
        let at = crate::model::time::now().to_string();
        let seq = self.case.journal_seq + 1;
        let path = self.dir.join(JOURNAL_FILE);
        journal::append(&mut self.journal, seq, &at, &op).map_err(io_err(&self.case.id, &path))?;
        self.case.apply(&op, &at);
        self.case.journal_seq = seq;
        self.pending += 1;
        if self.pending >= COMPACT_AFTER {
            // The change is safe in the journal; a failed compaction is retried by `close`.
            let _ = self.compact();
        }
        Ok(())
    }

    /// Cite a document, or update its citation if it is already cited.
    pub fn cite(&mut self, citation: Citation) -> Result<CiteOutcome, CaseError> {
        let mut citation = citation;
        super::migrate::pad_citation(&mut citation);
        let outcome = if self.case.citation(&citation.doc.id).is_some() {
            CiteOutcome::Updated
        } else {
            CiteOutcome::Added
        };
        self.commit(Op::Cite(Box::new(citation)))?;
        Ok(outcome)
    }

    /// Remove the citation of document `doc_id` (canonical id); returns what was removed.
    pub fn uncite(&mut self, doc_id: &str) -> Result<Citation, CaseError> {
        let doc_id = &crate::model::PatentNumber::padded_id(doc_id);
        let Some(c) = self.case.citation(doc_id).cloned() else {
            return Err(CaseError::NotCited {
                id: self.case.id.clone(),
                doc: doc_id.to_string(),
            });
        };
        self.commit(Op::Uncite {
            id: doc_id.to_string(),
        })?;
        Ok(c)
    }

    /// Add a free note to the case.
    pub fn add_note(&mut self, text: &str) -> Result<(), CaseError> {
        self.commit(Op::Note(Note {
            text: text.to_string(),
            at: crate::model::time::now().to_string(),
        }))
    }

    /// Record a strategy and its hit count in each corpus it ran on; returns its history
    /// number (`#1`, `#2`…).
    pub fn record_search(
        &mut self,
        strategy: &str,
        per_corpus_hits: &[(String, u64, Option<Coverage>)],
    ) -> Result<u32, CaseError> {
        let number = self.case.next_number();
        self.commit(Op::Search(super::removal::strategy_of(
            number,
            strategy,
            per_corpus_hits,
        )))?;
        Ok(number)
    }

    /// Replace the invention's claims (or key features); the set replaced is kept in
    /// `previous_claims`.
    pub fn set_claims(
        &mut self,
        kind: ClaimsKind,
        claims: Vec<InventionClaim>,
    ) -> Result<(), CaseError> {
        self.commit(Op::Claims(ClaimSetEdit { kind, claims }))
    }

    /// Mark the search completed on `on`, or back to draft (`None`).
    pub fn complete(&mut self, on: Option<Date>) -> Result<(), CaseError> {
        self.commit(Op::Complete { on })
    }

    /// Change the title, client, disclosure, cutoff or report language. Only the fields that
    /// differ from the case are journaled; returns them (empty: nothing was written).
    pub fn edit(&mut self, edit: &CaseEdit) -> Result<CaseEdit, CaseError> {
        let changes = edit.against(&self.case);
        if !changes.is_empty() {
            self.commit(Op::Edit(changes.clone()))?;
        }
        Ok(changes)
    }

    /// Bind the case to a workshop exercise, or replace its binding.
    pub fn bind_exercise(
        &mut self,
        binding: crate::workshop::ExerciseBinding,
    ) -> Result<(), CaseError> {
        self.commit(Op::Exercise(Box::new(binding)))
    }

    /// Fold the journal into `case.json` (atomic replace), then empty the journal.
    pub fn compact(&mut self) -> Result<(), CaseError> {
        self.case.schema_version = super::CASE_SCHEMA_VERSION;
        write_case(&self.dir, &self.case)?;
        let path = self.dir.join(JOURNAL_FILE);
        self.journal
            .set_len(0)
            .and_then(|()| self.journal.sync_all())
            .map_err(io_err(&self.case.id, &path))?;
        self.pending = 0;
        Ok(())
    }

    /// Compact and release the lock; returns the final state.
    pub fn close(mut self) -> Result<Case, CaseError> {
        self.compact()?;
        Ok(self.case.clone())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A store in a temporary folder holding one case, `c1` (also used by the record tests).
    pub(in crate::case) fn store() -> (tempfile::TempDir, CaseStore) {
        let dir = tempfile::tempdir().unwrap();
        let s = CaseStore::new(dir.path().join("cases"));
        s.create(
            "c1",
            NewCase {
                title: "Solar pump".into(),
                ..NewCase::default()
            },
        )
        .unwrap();
        (dir, s)
    }

    #[test]
    fn a_second_writer_is_refused_and_the_lock_ends_with_the_first() {
        let (_d, s) = store();
        let mut w = s.open_write("c1").unwrap();
        let e = s.open_write("c1").err().unwrap();
        assert!(matches!(e, CaseError::Locked { .. }), "{e}");
        assert!(e.to_string().contains("read-only"), "{e}");
        assert!(
            e.to_string()
                .contains(&format!("pid {}", std::process::id())),
            "{e}"
        );
        w.add_note("first").unwrap();
        drop(w);
        let mut w = s.open_write("c1").unwrap();
        w.add_note("second").unwrap();
        let case = w.close().unwrap();
        assert_eq!(case.notes.len(), 2);
    }

    #[test]
    fn journal_entries_survive_without_compaction_and_readers_see_them() {
        let (_d, s) = store();
        let mut w = s.open_write("c1").unwrap();
        assert_eq!(
            w.record_search("solar pump", &[("demo".into(), 7, None)])
                .unwrap(),
            1
        );
        assert_eq!(
            w.record_search("pv AND pump", &[("demo".into(), 2, None)])
                .unwrap(),
            2
        );
        // Simulate a kill: the writer vanishes without compacting.
        std::mem::forget(w);
        let seen = s.open("c1").unwrap();
        assert_eq!(seen.history.len(), 2);
        assert_eq!(seen.history[1].hits[0].hits, 2);
        // Readers replay the journal; case.json itself has not been rewritten yet.
        let on_disk: Case = serde_json::from_slice(
            &std::fs::read(s.case_dir("c1").unwrap().join(CASE_FILE)).unwrap(),
        )
        .unwrap();
        assert!(on_disk.history.is_empty(), "not compacted yet");
    }

    #[test]
    fn a_torn_journal_tail_is_cut_and_later_changes_follow_cleanly() {
        let (_d, s) = store();
        let dir = s.case_dir("c1").unwrap();
        let mut w = s.open_write("c1").unwrap();
        w.add_note("kept").unwrap();
        let journal_path = dir.join(JOURNAL_FILE);
        std::mem::forget(w);
        // Half a line, as a kill during the append would leave.
        let mut f = OpenOptions::new().append(true).open(&journal_path).unwrap();
        f.write_all(b"{\"v\":1,\"seq\":2,\"at\":\"x\",\"op\":{\"note\":{\"te")
            .unwrap();
        drop(f);
        // A different store object in the same process still conflicts with the leaked
        // lock (flock is per open file), so release it by removing and recreating the file.
        std::fs::remove_file(dir.join(LOCK_FILE)).unwrap();
        let mut w = s.open_write("c1").unwrap();
        assert_eq!(w.case().notes.len(), 1);
        assert_eq!(
            std::fs::metadata(&journal_path).unwrap().len(),
            0,
            "compacted"
        );
        w.add_note("after").unwrap();
        drop(w);
        let case = s.open("c1").unwrap();
        let texts: Vec<&str> = case.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["kept", "after"]);
    }

    #[test]
    fn a_hand_written_case_is_migrated_and_rewritten_by_the_first_writer() {
        let (_d, s) = store();
        let dir = s.root().join("old");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(CASE_FILE), r#"{"title": "Written by hand"}"#).unwrap();
        assert_eq!(s.open("old").unwrap().title, "Written by hand");
        let w = s.open_write("old").unwrap();
        drop(w);
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(CASE_FILE)).unwrap()).unwrap();
        assert_eq!(v["schema_version"], super::super::CASE_SCHEMA_VERSION);
        assert_eq!(v["id"], "old");
    }

    #[test]
    fn create_refuses_duplicates_and_bad_names_and_delete_removes() {
        let (_d, s) = store();
        assert!(matches!(
            s.create("c1", NewCase::default()),
            Err(CaseError::Exists(_))
        ));
        assert!(matches!(
            s.create("../evil", NewCase::default()),
            Err(CaseError::BadId(_))
        ));
        assert!(matches!(s.open("nope"), Err(CaseError::Missing(_))));
        let w = s.open_write("c1").unwrap();
        assert!(matches!(s.delete("c1"), Err(CaseError::Locked { .. })));
        drop(w);
        s.delete("c1").unwrap();
        assert!(!s.exists("c1"));
        assert!(s.list().is_empty());
    }

    fn date(s: &str) -> crate::model::Date {
        crate::model::Date::parse(s).unwrap()
    }

    #[test]
    fn an_edit_survives_reopen_and_journal_replay() {
        let (_d, s) = store();
        let mut w = s.open_write("c1").unwrap();
        let changed = w
            .edit(&CaseEdit {
                title: Some("Solar pump with float".into()),
                client: Some(Some("A. Inventor".into())),
                disclosure: Some(Some("A pump.\nWith a float.".into())),
                cutoff: Some(Some(date("2024-03-01"))),
                language: Some(super::super::ReportLang::Fr),
                ..CaseEdit::default()
            })
            .unwrap();
        assert!(!changed.is_empty());
        // Killed before compaction: only the journal holds the edit.
        std::mem::forget(w);
        let on_disk: Case = serde_json::from_slice(
            &std::fs::read(s.case_dir("c1").unwrap().join(CASE_FILE)).unwrap(),
        )
        .unwrap();
        assert_eq!(on_disk.title, "Solar pump", "not compacted yet");
        let replayed = s.open("c1").unwrap();
        assert_eq!(replayed.title, "Solar pump with float");
        assert_eq!(replayed.client.as_deref(), Some("A. Inventor"));
        assert_eq!(
            replayed.disclosure.as_deref(),
            Some("A pump.\nWith a float.")
        );
        assert_eq!(replayed.cutoff, Some(date("2024-03-01")));
        assert_eq!(replayed.language, super::super::ReportLang::Fr);
        // A writer folds it into case.json; it is still there after reopening.
        std::fs::remove_file(s.case_dir("c1").unwrap().join(LOCK_FILE)).unwrap();
        s.open_write("c1").unwrap().close().unwrap();
        assert_eq!(s.open("c1").unwrap(), replayed);
    }

    #[test]
    fn a_partial_edit_leaves_the_other_fields_untouched() {
        let (_d, s) = store();
        let mut w = s.open_write("c1").unwrap();
        w.edit(&CaseEdit {
            client: Some(Some("A. Inventor".into())),
            cutoff: Some(Some(date("2024-03-01"))),
            ..CaseEdit::default()
        })
        .unwrap();
        w.add_note("kept").unwrap();
        let changed = w
            .edit(&CaseEdit {
                title: Some("Renamed".into()),
                client: Some(None),
                cutoff: Some(Some(date("2024-03-01"))),
                ..CaseEdit::default()
            })
            .unwrap();
        assert!(
            changed.cutoff.is_none(),
            "unchanged fields are not journaled"
        );
        assert!(w
            .edit(&CaseEdit {
                title: Some("Renamed".into()),
                ..CaseEdit::default()
            })
            .unwrap()
            .is_empty());
        drop(w);
        let c = s.open("c1").unwrap();
        assert_eq!(c.title, "Renamed");
        assert_eq!(c.client, None, "removed");
        assert_eq!(c.cutoff, Some(date("2024-03-01")));
        assert_eq!(c.disclosure, None);
        assert_eq!(c.language, super::super::ReportLang::En);
        assert_eq!(c.notes.len(), 1);
    }
}
