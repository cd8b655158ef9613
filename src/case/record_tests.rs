//! Removing and correcting strategies and citations: what the history shows, what the case
//! file keeps, and which numbers are given next.

use super::store::tests::store;
use super::CaseError;

fn hits(n: u64) -> Vec<(String, u64, Option<super::Coverage>)> {
    vec![("demo".into(), n, None)]
}

#[test]
fn a_removed_strategy_is_kept_and_its_number_never_given_again() {
    let (_d, s) = store();
    let mut w = s.open_write("c1").unwrap();
    assert_eq!(w.record_search("solar", &hits(5)).unwrap(), 1);
    assert_eq!(w.record_search("pump*", &hits(3)).unwrap(), 2);
    let removed = w.forget(2).unwrap();
    assert_eq!(removed.query, "pump*");
    assert_eq!(
        w.record_search("float", &hits(1)).unwrap(),
        3,
        "#2 not reused"
    );
    // Killed before compaction: the journal alone holds the removal, as a version 4 line
    // (older tiscs refuse it rather than replaying the case without it).
    std::mem::forget(w);
    let journal =
        std::fs::read_to_string(s.case_dir("c1").unwrap().join(super::store::JOURNAL_FILE))
            .unwrap();
    let forget = journal
        .lines()
        .find(|l| l.contains("\"forget\""))
        .expect("a forget line");
    assert!(forget.starts_with("{\"v\":4,"), "{forget}");
    let c = s.open("c1").unwrap();
    let live: Vec<u32> = c.history.iter().map(|h| h.number).collect();
    assert_eq!(live, [1, 3]);
    assert_eq!(c.removed_history.len(), 1);
    assert_eq!(c.removed_history[0].strategy.query, "pump*");
    assert!(!c.removed_history[0].amended);
    assert!(c.was_removed(2));
    assert_eq!(c.next_number(), 4);
}

#[test]
fn a_set_used_by_another_strategy_cannot_be_removed() {
    let (_d, s) = store();
    let mut w = s.open_write("c1").unwrap();
    w.record_search("solar", &hits(5)).unwrap();
    w.record_search("pump*", &hits(3)).unwrap();
    w.record_search("(#1 OR float) AND NOT #2", &hits(2))
        .unwrap();
    match w.forget(2) {
        Err(CaseError::SetInUse { n: 2, by: 3, .. }) => {}
        other => panic!("expected a refusal naming #3, got {other:?}"),
    }
    let e = w.forget(1).unwrap_err().to_string();
    assert!(e.contains("#1 is used by #3"), "{e}");
    assert!(matches!(
        w.forget(9),
        Err(CaseError::NoStrategy { n: 9, .. })
    ));
    assert_eq!(w.case().history.len(), 3, "nothing removed");
    // Once #3 is gone, #2 can go.
    w.forget(3).unwrap();
    w.forget(2).unwrap();
    assert_eq!(w.case().history.len(), 1);
}

#[test]
fn a_corrected_strategy_keeps_its_number_and_the_old_version() {
    let (_d, s) = store();
    let mut w = s.open_write("c1").unwrap();
    w.record_search("solar", &hits(5)).unwrap();
    w.record_search("pmup*", &hits(0)).unwrap();
    w.record_search("#1 AND #2", &hits(0)).unwrap();
    let old = w.amend(2, "pump*", &hits(3)).unwrap();
    assert_eq!(old.query, "pmup*");
    assert!(matches!(
        w.amend(2, "#2 OR #3", &hits(3)),
        Err(CaseError::LaterSet { n: 2, refers: 2 })
    ));
    w.close().unwrap();
    let c = s.open("c1").unwrap();
    let two = c.strategy(2).unwrap();
    assert_eq!((two.query.as_str(), two.total()), ("pump*", 3));
    assert_eq!(c.history.len(), 3);
    assert_eq!(c.removed_history.len(), 1);
    assert!(c.removed_history[0].amended);
    assert_eq!(c.removed_history[0].strategy.query, "pmup*");
    assert!(!c.was_removed(2));
    assert_eq!(c.next_number(), 4);
}

#[test]
fn an_uncited_document_is_kept_as_a_removed_citation() {
    let (_d, s) = store();
    let mut w = s.open_write("c1").unwrap();
    // A citation as the case file of schema 1 holds it.
    let v1: super::Case =
        serde_json::from_str(include_str!("../../tests/fixtures/case-v1/case.json")).unwrap();
    let citation = v1.citations[0].clone();
    assert_eq!(citation.doc.id, "US7000001B2");
    w.cite(citation).unwrap();
    w.uncite("US7000001B2").unwrap();
    w.close().unwrap();
    let c = s.open("c1").unwrap();
    assert!(c.citations.is_empty());
    assert_eq!(c.removed_citations.len(), 1);
    assert_eq!(c.removed_citations[0].citation.doc.id, "US7000001B2");
    assert!(!c.removed_citations[0].removed_at.is_empty());
}
