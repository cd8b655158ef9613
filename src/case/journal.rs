//! The case journal: one JSON line per acknowledged change, appended and fsynced before the
//! change is reported, replayed on open, emptied once folded into `case.json`.
//!
//! A line is `{"v":1,"seq":7,"at":"…","op":{…}}`. A process killed mid-append leaves at
//! most one incomplete last line; reading stops at the first line that is not a complete,
//! well-formed entry following its predecessor, and a writer cuts the file back to there
//! before appending, so a torn line can never be glued to the next change.

use super::{CaseEdit, Citation, ClaimSetEdit, Note, Strategy};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Write;

/// Version of the journal line format: the newest this tisc reads. Each entry carries the
/// oldest version able to read it (see [`Op::version`]), so a journal without the newer
/// kinds of change stays readable by older tiscs, and one with them is refused by older
/// tiscs instead of being cut short as if torn.
pub const JOURNAL_VERSION: u32 = 5;

/// One change to a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Cite a document (or update its citation when it is already cited).
    Cite(Box<Citation>),
    /// Remove the citation of a document (by canonical id).
    Uncite { id: String },
    /// Add a note to the case.
    Note(Note),
    /// Record a strategy in the history.
    Search(Strategy),
    /// Change the title, client, disclosure, cutoff or report language (journal version 2);
    /// the priority or filing date (version 3).
    Edit(CaseEdit),
    /// Replace the invention's claims or features; the old set is kept (version 3).
    Claims(ClaimSetEdit),
    /// Mark the search completed on a date, or (`None`) back to draft (version 3).
    Complete { on: Option<crate::model::Date> },
    /// Remove strategy `#number` from the history; it is kept as removed (version 4).
    Forget { number: u32 },
    /// Replace the query and hits of the strategy of the same number; the old version is kept
    /// (version 4).
    Amend(Strategy),
    /// Bind the case to a workshop exercise, or replace its binding (e.g. with the time of a
    /// submission) (version 5).
    Exercise(Box<crate::workshop::ExerciseBinding>),
}

impl Op {
    /// The journal version an entry holding this change is written with.
    pub fn version(&self) -> u32 {
        match self {
            Op::Exercise(_) => 5,
            Op::Forget { .. } | Op::Amend(_) => 4,
            Op::Claims(_) | Op::Complete { .. } => 3,
            Op::Edit(e) if e.priority_date.is_some() || e.filing_date.is_some() => 3,
            Op::Cite(c) if !c.combined_with.is_empty() || !c.family.is_empty() => 3,
            Op::Search(s) if s.hits.iter().any(|h| h.coverage.is_some()) => 3,
            Op::Edit(_) => 2,
            Op::Cite(_) | Op::Uncite { .. } | Op::Note(_) | Op::Search(_) => 1,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Entry {
    v: u32,
    seq: u64,
    at: String,
    op: Op,
}

/// What reading a journal found.
#[derive(Debug, Default)]
pub struct Replay {
    /// `(seq, time, change)` in order.
    pub entries: Vec<(u64, String, Op)>,
    /// Bytes up to the end of the last good entry.
    pub valid_len: u64,
    /// Bytes in the file.
    pub total_len: u64,
}

/// Read journal bytes. `Err(v)` when an entry was written by a newer tisc (journal version
/// `v`): replaying past it would lose changes that tisc does not understand.
pub fn parse(bytes: &[u8]) -> Result<Replay, u32> {
    let mut out = Replay {
        total_len: bytes.len() as u64,
        ..Replay::default()
    };
    let mut pos = 0usize;
    let mut prev: Option<u64> = None;
    while let Some(nl) = memchr::memchr(b'\n', &bytes[pos..]) {
        let line = &bytes[pos..pos + nl];
        let Ok(entry) = serde_json::from_slice::<Entry>(line) else {
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(line) {
                let version = v.get("v").and_then(serde_json::Value::as_u64).unwrap_or(0);
                if version > u64::from(JOURNAL_VERSION) {
                    return Err(u32::try_from(version).unwrap_or(u32::MAX));
                }
            }
            break;
        };
        if entry.v > JOURNAL_VERSION {
            return Err(entry.v);
        }
        if prev.is_some_and(|p| entry.seq != p + 1) {
            break;
        }
        prev = Some(entry.seq);
        pos += nl + 1;
        out.valid_len = pos as u64;
        out.entries.push((entry.seq, entry.at, entry.op));
    }
    Ok(out)
}

/// Append one entry and fsync it. On failure the file is cut back to its previous length, so
/// a half-written line never stays in front of the next one.
pub fn append(file: &mut File, seq: u64, at: &str, op: &Op) -> std::io::Result<()> {
    let entry = Entry {
        v: op.version(),
        seq,
        at: at.to_string(),
        op: op.clone(),
    };
    let mut line = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
    line.push(b'\n');
    let before = file.metadata()?.len();
    let written = file.write_all(&line).and_then(|()| file.sync_data());
    if let Err(e) = written {
        let _ = file.set_len(before);
        let _ = file.sync_data();
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> Op {
        Op::Note(Note {
            text: text.into(),
            at: "2026-01-01T00:00:00Z".into(),
        })
    }

    /// The bytes of a journal file with `ops` appended in order (seq 1, 2, …).
    fn journal_of(ops: &[Op]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .unwrap();
        for (i, op) in ops.iter().enumerate() {
            append(&mut f, i as u64 + 1, "t", op).unwrap();
        }
        std::fs::read(&path).unwrap()
    }

    fn journal_with(notes: &[&str]) -> Vec<u8> {
        journal_of(&notes.iter().map(|t| note(t)).collect::<Vec<_>>())
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_marked_for_cutting() {
        let full = journal_with(&["one", "two"]);
        let whole = parse(&full).unwrap();
        assert_eq!(whole.entries.len(), 2);
        assert_eq!(whole.valid_len, full.len() as u64);
        for cut in 1..full.len() {
            let r = parse(&full[..cut]).unwrap();
            let first_end = full.iter().position(|b| *b == b'\n').unwrap() + 1;
            let expect = if cut >= first_end { 1 } else { 0 };
            assert_eq!(r.entries.len(), expect, "cut at {cut}");
            assert!(r.valid_len <= cut as u64);
        }
    }

    #[test]
    fn garbage_or_a_gap_stops_the_replay() {
        let mut bytes = journal_with(&["one"]);
        bytes.extend_from_slice(b"\0\0\0\n");
        bytes.extend_from_slice(&journal_with(&["x", "y"])[..]);
        let r = parse(&bytes).unwrap();
        assert_eq!(r.entries.len(), 1);
        let newer = b"{\"v\":9,\"seq\":1,\"at\":\"t\",\"op\":{\"future\":1}}\n";
        assert_eq!(parse(newer).unwrap_err(), 9);
    }

    #[test]
    fn an_edit_is_written_as_version_2_and_replayed() {
        let edit = Op::Edit(CaseEdit {
            title: Some("New title".into()),
            client: Some(None),
            ..CaseEdit::default()
        });
        let bytes = journal_of(&[note("one"), edit.clone()]);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("{\"v\":1,"), "{}", lines[0]);
        assert!(lines[1].starts_with("{\"v\":2,"), "{}", lines[1]);
        assert!(lines[1].contains("\"client\":null"), "{}", lines[1]);
        assert!(!lines[1].contains("cutoff"), "{}", lines[1]);
        let r = parse(&bytes).unwrap();
        assert_eq!(r.entries.len(), 2);
        assert_eq!(r.entries[1].2, edit);
    }

    #[test]
    fn an_exercise_binding_is_written_as_version_5_and_replayed() {
        let binding = crate::workshop::ExerciseBinding {
            pack: "beginner".into(),
            pack_dir: "/packs/beginner".into(),
            pack_title: "Beginner".into(),
            exercise: "float-switch".into(),
            trainee: "ada".into(),
            started_at: "2026-01-01T00:00:00Z".into(),
            time_limit_secs: 2700,
            submitted_at: None,
        };
        let op = Op::Exercise(Box::new(binding.clone()));
        let bytes = journal_of(&[note("one"), op.clone()]);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let second = text.lines().nth(1).unwrap();
        assert!(second.starts_with("{\"v\":5,"), "{second}");
        let r = parse(&bytes).unwrap();
        assert_eq!(r.entries[1].2, op);
        let mut case = crate::case::Case::new("c", crate::case::NewCase::default(), "t");
        case.apply(&op, "t2");
        assert_eq!(case.exercise, Some(binding));
    }
}
