//! Tests of the worker's jobs that need no terminal.

use super::*;

fn write_meta(ws: &Workspace, name: &str, schema_version: u32) {
    let dir = ws.index_dir(name);
    std::fs::create_dir_all(&dir).unwrap();
    let meta = index::IndexMeta {
        schema_version,
        corpus: name.into(),
        built_at: "2026-01-02T03:04:05Z".parse().unwrap(),
        documents: 7,
        ..index::IndexMeta::default()
    };
    std::fs::write(
        dir.join(index::META_FILE),
        serde_json::to_string(&meta).unwrap(),
    )
    .unwrap();
}

#[test]
fn corpora_rows_count_only_a_current_index() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let row = |ws: &Workspace| corpora(ws).into_iter().find(|r| r.name == "demo").unwrap();
    let r = row(&ws);
    assert!(!r.indexed && r.documents == 0 && r.index_bytes == 0);

    write_meta(&ws, "demo", index::SCHEMA_VERSION + 1);
    let r = row(&ws);
    assert!(!r.indexed, "an index of another schema is not indexed here");
    assert_eq!((r.documents, r.index_bytes, r.built_at), (0, 0, None));
    assert!(!indexed_corpora(&ws).contains(&"demo".to_string()));

    write_meta(&ws, "demo", index::SCHEMA_VERSION);
    let r = row(&ws);
    assert!(r.indexed);
    assert_eq!(r.documents, 7);
    assert!(r.index_bytes > 0);
    assert_eq!(r.built_at.as_deref(), Some("2026-01-02T03:04:05Z"));
    assert!(indexed_corpora(&ws).contains(&"demo".to_string()));
}
