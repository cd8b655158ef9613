//! `case.json` schema versions and the migrations between them, applied on open.
//!
//! Version 0 is a `case.json` without a `schema_version` field: a hand-written file (only
//! `title` is required) or one from before versioning. Each step takes the JSON of one
//! version to the next; a file from a newer tisc is refused rather than half-read.

use super::{CaseError, CASE_SCHEMA_VERSION};
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
}
