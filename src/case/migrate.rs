//! `case.json` schema versions and the migrations between them, applied on open.
//!
//! Version 0 is a `case.json` without a `schema_version` field: a hand-written file (only
//! `title` is required) or one from before versioning. Each step takes the JSON of one
//! version to the next; a file from a newer tisc is refused rather than half-read.
//!
//! Independently of the version, document ids are normalised on every open ([`pad_ids`],
//! [`pad_op`]): European numbers cited as `EP546210B2` by an earlier tisc read as
//! `EP0546210B2`, in `case.json` and in the journal entries replayed over it.

use super::journal::Op;
use super::{Case, CaseError, Citation, CASE_SCHEMA_VERSION};
use crate::model::PatentNumber;
use serde_json::Value;

type Step = fn(&mut serde_json::Map<String, Value>, &str);

/// `STEPS[n]` migrates version `n` to `n + 1`.
const STEPS: [Step; CASE_SCHEMA_VERSION as usize] = [v0_to_v1, v1_to_v2];

/// Version 0 → 1: the id comes from the folder name; every other field has a default.
fn v0_to_v1(obj: &mut serde_json::Map<String, Value>, id: &str) {
    obj.insert("id".into(), Value::String(id.to_string()));
    obj.entry("title")
        .or_insert_with(|| Value::String(String::new()));
}

/// Version 1 → 2: strategies and citations can be removed and are then kept in
/// `removed_history` and `removed_citations`; a version 1 file has removed none (its removed
/// citations were dropped), so both lists start empty.
fn v1_to_v2(obj: &mut serde_json::Map<String, Value>, _id: &str) {
    obj.entry("removed_history")
        .or_insert_with(|| Value::Array(Vec::new()));
    obj.entry("removed_citations")
        .or_insert_with(|| Value::Array(Vec::new()));
}

/// Bring the JSON of case `id` to the current version. Returns the version found.
pub fn migrate(value: &mut Value, id: &str) -> Result<u64, CaseError> {
    let Some(obj) = value.as_object_mut() else {
        return Err(CaseError::Corrupt {
            id: id.to_string(),
            path: "case.json".into(),
            message: "not a JSON object".into(),
        });
    };
    let found = obj
        .get("schema_version")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if found > u64::from(CASE_SCHEMA_VERSION) {
        return Err(CaseError::NewerSchema {
            id: id.to_string(),
            found,
            supported: CASE_SCHEMA_VERSION,
        });
    }
    for step in &STEPS[found as usize..] {
        step(obj, id);
    }
    obj.insert("schema_version".into(), Value::from(CASE_SCHEMA_VERSION));
    Ok(found)
}

fn pad(id: &mut String) {
    let padded = PatentNumber::padded_id(id);
    if padded != *id {
        *id = padded;
    }
}

pub(super) fn pad_citation(c: &mut Citation) {
    pad(&mut c.doc.id);
    pad(&mut c.snapshot.biblio.id);
    c.combined_with.iter_mut().for_each(pad);
    for m in &mut c.family {
        pad(&mut m.id);
        // The printed number, `EP 546210 B2` → `EP 0546210 B2`.
        if let Some(printed) = m.number.as_mut() {
            let mut parts: Vec<String> = printed.split(' ').map(str::to_string).collect();
            if let [country, serial, ..] = parts.as_mut_slice() {
                if country == "EP"
                    && !serial.is_empty()
                    && serial.len() < 7
                    && serial.bytes().all(|b| b.is_ascii_digit())
                {
                    *serial = format!("{serial:0>7}");
                    *printed = parts.join(" ");
                }
            }
        }
    }
}

/// Write the ids of every cited document, combination and family member in today's
/// spelling (zero-padded European numbers).
pub fn pad_ids(case: &mut Case) {
    case.citations.iter_mut().for_each(pad_citation);
}

/// The same normalisation for a change read from, or about to be written to, the journal.
pub fn pad_op(op: &mut Op) {
    match op {
        Op::Cite(c) => pad_citation(c),
        Op::Uncite { id } => pad(id),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Case;

    #[test]
    fn a_hand_written_case_without_version_is_migrated() {
        let mut v: Value =
            serde_json::from_str(r#"{"title": "Old case", "ipc": ["F04B 17/00"]}"#).unwrap();
        assert_eq!(migrate(&mut v, "old").unwrap(), 0);
        let case: Case = serde_json::from_value(v).unwrap();
        assert_eq!(case.id, "old");
        assert_eq!(case.schema_version, CASE_SCHEMA_VERSION);
        assert_eq!(case.ipc[0].to_string(), "F04B17/00");
    }

    #[test]
    fn a_case_from_a_newer_tisc_is_refused() {
        let mut v: Value = serde_json::from_str(r#"{"schema_version": 99, "title": "x"}"#).unwrap();
        let e = migrate(&mut v, "new").unwrap_err();
        assert!(e.to_string().contains("newer tisc"), "{e}");
    }

    /// A case written before European numbers were padded: its citations (in `case.json` and
    /// in the journal replayed over it) read in the padded spelling, and the old spelling
    /// still names them.
    #[test]
    fn unpadded_european_citations_read_padded() {
        use crate::case::store::{CaseStore, CASE_FILE, JOURNAL_FILE};
        use crate::case::{Categories, NewCase};
        use crate::model::{Biblio, Document};
        let doc = |id: &str| Document {
            biblio: Biblio {
                id: id.into(),
                number: PatentNumber::parse(id).ok().map(|mut n| {
                    // As an earlier tisc stored it: without the leading zero.
                    n.number = n.number.trim_start_matches('0').to_string();
                    n
                }),
                ..Biblio::default()
            },
            ..Document::default()
        };
        let cite = |id: &str| {
            let cats = Categories::parse("X").unwrap();
            Citation::new(
                &doc(id),
                "ep",
                cats,
                vec![1],
                &[],
                None,
                "2025-01-01T00:00:00Z",
            )
        };
        let dir = tempfile::tempdir().unwrap();
        let store = CaseStore::new(dir.path().join("cases"));
        let mut case = Case::new("old", NewCase::default(), "2025-01-01T00:00:00Z");
        let mut y = cite("EP546210B2");
        y.combined_with = vec!["EP1234B1".into()];
        y.family = vec![crate::case::FamilyMember {
            id: "EP99B1".into(),
            number: Some("EP 99 B1".into()),
            publication_date: None,
            corpus: "ep".into(),
        }];
        case.citations = vec![y, cite("EP1234B1"), cite("US7000001B2")];
        let case_dir = store.case_dir("old").unwrap();
        std::fs::create_dir_all(&case_dir).unwrap();
        let json = serde_json::to_string(&case).unwrap();
        assert!(json.contains("\"EP546210B2\"") && !json.contains("EP0546210"));
        std::fs::write(case_dir.join(CASE_FILE), json).unwrap();
        std::fs::write(
            case_dir.join(JOURNAL_FILE),
            "{\"v\":1,\"seq\":1,\"at\":\"2025-01-02T00:00:00Z\",\"op\":{\"uncite\":{\"id\":\"EP1234B1\"}}}\n",
        )
        .unwrap();

        let read = store.open("old").unwrap();
        let ids: Vec<&str> = read.citations.iter().map(|c| c.doc.id.as_str()).collect();
        assert_eq!(ids, ["EP0546210B2", "US7000001B2"]);
        assert_eq!(read.citations[0].combined_with, ["EP0001234B1"]);
        assert_eq!(read.citations[0].family[0].id, "EP0000099B1");
        assert_eq!(
            read.citations[0].family[0].number.as_deref(),
            Some("EP 0000099 B1")
        );
        let number = read.citations[0].snapshot.biblio.number.as_ref().unwrap();
        assert_eq!(number.canonical(), "EP0546210B2");
        assert!(read.citation("EP0546210B2").is_some());

        // Removing it by its old spelling works too, and the file is written padded.
        let mut w = store.open_write("old").unwrap();
        w.uncite("EP546210B2").unwrap();
        let closed = w.close().unwrap();
        assert_eq!(closed.citations.len(), 1);
        let on_disk = std::fs::read_to_string(case_dir.join(CASE_FILE)).unwrap();
        assert!(!on_disk.contains("EP546210"), "{on_disk}");
    }
}
