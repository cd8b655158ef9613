//! The worker's part in editing the search record: snippets of combined sets, and removals.

use super::*;
use crate::case::NewCase;
use crate::tui::action::Removal;

#[test]
fn the_snippets_of_a_combined_set_mark_the_words_of_its_strategies() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let demo = corpus::find(&ws, "demo").unwrap();
    corpus::build(&ws, &demo, &|_| {}).unwrap();
    let store = CaseStore::new(ws.cases_dir());
    let cache = IndexCache::default();
    let cancel = Generation::new().start();
    let history = [(1, "solar".to_string()), (2, "pump*".to_string())];
    let req = SearchRequest {
        query: "#1 AND #2",
        cutoff: None,
        case: None,
        history: &history,
        limit: 10,
        corrects: None,
        meaning: false,
        example: None,
    };
    let out = search(&ws, &cache, &store, &cancel, vec!["demo".into()], req).unwrap();
    assert!(!out.hits.is_empty());
    for h in &out.hits {
        let snippet = h.snippet.as_ref().expect("a snippet on every row");
        assert!(!snippet.highlights.is_empty(), "{snippet:?}");
    }
}

#[test]
fn a_removal_keeps_the_entry_in_the_case_and_a_used_set_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let store = CaseStore::new(ws.cases_dir());
    store
        .create(
            "r",
            NewCase {
                title: "Pump".into(),
                ..NewCase::default()
            },
        )
        .unwrap();
    {
        let mut w = store.open_write("r").unwrap();
        w.record_search("solar", &[("demo".into(), 4, None)])
            .unwrap();
        w.record_search("#1 AND pump", &[("demo".into(), 2, None)])
            .unwrap();
        w.close().unwrap();
    }
    let refused = remove(&store, "r", &Removal::Strategy(1)).unwrap_err();
    assert!(
        refused.to_string().contains("#1 is used by #2"),
        "{refused}"
    );
    let after = remove(&store, "r", &Removal::Strategy(2)).unwrap();
    assert_eq!(after.history.len(), 1);
    assert_eq!(after.removed_history[0].strategy.number, 2);
    assert_eq!(store.open("r").unwrap(), *after);
    let missing = remove(&store, "r", &Removal::Citation("US1".into())).unwrap_err();
    assert!(matches!(missing, CaseError::NotCited { .. }), "{missing}");
}

#[test]
fn a_correction_is_recorded_under_its_number_and_the_old_version_kept() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let demo = corpus::find(&ws, "demo").unwrap();
    corpus::build(&ws, &demo, &|_| {}).unwrap();
    let store = CaseStore::new(ws.cases_dir());
    store
        .create(
            "r",
            NewCase {
                title: "Pump".into(),
                ..NewCase::default()
            },
        )
        .unwrap();
    {
        let mut w = store.open_write("r").unwrap();
        w.record_search("solar", &[("demo".into(), 4, None)])
            .unwrap();
        w.record_search("valve", &[("demo".into(), 2, None)])
            .unwrap();
        w.close().unwrap();
    }
    let cache = IndexCache::default();
    let cancel = Generation::new().start();
    let history = [(1, "solar".to_string())];
    let req = SearchRequest {
        query: "#1 AND pump*",
        cutoff: None,
        case: Some("r".into()),
        history: &history,
        limit: 10,
        corrects: Some(2),
        meaning: false,
        example: None,
    };
    let out = search(&ws, &cache, &store, &cancel, vec!["demo".into()], req).unwrap();
    assert_eq!(out.recorded, Some(2));
    assert!(out.hits.iter().all(|h| h.strategies.contains_key("2")));
    let case = store.open("r").unwrap();
    let numbers: Vec<(u32, &str)> = case
        .history
        .iter()
        .map(|s| (s.number, s.query.as_str()))
        .collect();
    assert_eq!(numbers, [(1, "solar"), (2, "#1 AND pump*")]);
    assert_eq!(case.removed_history.len(), 1);
    assert!(case.removed_history[0].amended);
    assert_eq!(case.removed_history[0].strategy.query, "valve");
    assert_eq!(case.next_number(), 3);

    // As `tisc case amend`: a correction may not name its own or a later set.
    let history = [(1, "solar".to_string()), (2, "#1 AND pump*".to_string())];
    let req = SearchRequest {
        query: "#2 OR pump",
        cutoff: None,
        case: Some("r".into()),
        history: &history,
        limit: 10,
        corrects: Some(2),
        meaning: false,
        example: None,
    };
    let refused = search(&ws, &cache, &store, &cancel, vec!["demo".into()], req).unwrap_err();
    assert!(refused.to_string().contains("#2"), "{refused}");
    assert_eq!(store.open("r").unwrap().history[1].query, "#1 AND pump*");
}
