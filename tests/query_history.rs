//! History references: each referenced strategy is evaluated once, however often and however
//! deeply it is named; chains of any length work; cycles are refused by name; scores are
//! those of the strategy itself.

mod common;

use common::{assert_contains, TestEnv};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, TopDocs};
use tisc::query::lower::Lowering;
use tisc::query::{parse, HistoryError};
use tisc::search::Session;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/query-fixture.jsonl")
}

/// A resolver over numbered strategies.
fn resolver(h: HashMap<u32, String>) -> impl Fn(u32) -> Result<String, HistoryError> + Sync {
    move |n| {
        h.get(&n)
            .cloned()
            .ok_or(HistoryError::NotInHistory { n, len: h.len() })
    }
}

/// `#1 = first`, `#k = #(k-1) OR #(k-1) …` (`fanout` times) up to `#last`.
fn doubling(first: &str, fanout: usize, last: u32) -> HashMap<u32, String> {
    let mut h = HashMap::from([(1, first.to_string())]);
    for k in 2..=last {
        h.insert(k, vec![format!("#{}", k - 1); fanout].join(" OR "));
    }
    h
}

fn count(session: &Session, low: &Lowering, q: &str) -> (usize, usize, usize) {
    let lowered = low
        .lower(&parse(q).unwrap())
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    let n = session.searcher.search(&lowered, &Count).unwrap();
    (n, low.history_evaluations(), format!("{lowered:?}").len())
}

#[test]
fn a_chain_of_or_of_itself_evaluates_each_step_once() {
    let dir = tempfile::tempdir().unwrap();
    let idx = common::fixture_index(dir.path(), "fx");
    let session = Session::new(&idx).unwrap();
    let solar = session
        .query("solar", 10, &tisc::search::no_history)
        .unwrap()
        .1
        .count;
    assert!(solar > 0);
    for (fanout, last) in [(2, 6), (20, 6), (2, 20), (20, 20)] {
        let history = resolver(doubling("solar", fanout, last));
        let low = Lowering::new(&idx, &session.searcher, &history);
        let q = format!("#{last} OR #{last}");
        let (n, evaluations, shown) = count(&session, &low, &q);
        assert_eq!(n, solar, "{fanout}×{last}");
        // One evaluation per step, however many times each step names the previous one
        // (inlined, #20 with fan-out 20 would be 20^19 copies of `solar`).
        assert_eq!(evaluations, last as usize, "{fanout}×{last}");
        assert!(shown < 500, "{fanout}×{last}: {shown} characters");
    }
}

#[test]
fn a_fifty_step_chain_works_in_any_field_scope_on_a_small_stack() {
    let dir = tempfile::tempdir().unwrap();
    let idx = std::sync::Arc::new(common::fixture_index(dir.path(), "fx"));
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let mut h = HashMap::from([(1, "pump".to_string())]);
            for k in 2..=50u32 {
                h.insert(k, format!("#{} AND (pump OR solar{k})", k - 1));
            }
            let history = resolver(h);
            let session = Session::new(&idx).unwrap();
            let pump = session.search("pump", 100).unwrap();
            let (ranked, info) = session.query("#50", 100, &history).unwrap();
            assert_eq!(info.count, pump.len());
            let mut a: Vec<_> = ranked.iter().map(|r| r.0).collect();
            let mut b: Vec<_> = pump.iter().map(|r| r.0).collect();
            a.sort();
            b.sort();
            assert_eq!(a, b);
            // In a field scope, the whole chain is searched in that field.
            let cl = session.search("cl:pump", 100).unwrap().len();
            let ti = session.search("ti:pump", 100).unwrap().len();
            assert_eq!(session.query("cl:#50", 100, &history).unwrap().1.count, cl);
            assert_eq!(
                session.query("ti:(#50)", 100, &history).unwrap().1.count,
                ti
            );
            assert_ne!(cl, ti);
            // A step is evaluated once per field scope: the chain in titles, in claims, and
            // up to #49 in the default fields; naming a step again costs nothing.
            let low = Lowering::new(&idx, &session.searcher, &history);
            low.lower(&parse("ti:#50 OR cl:#50 OR ti:#50 OR #49").unwrap())
                .unwrap();
            assert_eq!(low.history_evaluations(), 50 + 50 + 49);
        })
        .unwrap()
        .join()
        .expect("a 50-step chain runs on a 2 MiB stack");
}

#[test]
fn a_history_step_scores_as_its_strategy_does() {
    let dir = tempfile::tempdir().unwrap();
    let idx = common::fixture_index(dir.path(), "fx");
    let session = Session::new(&idx).unwrap();
    let history = resolver(HashMap::from([
        (1, "solar OR pump^2 OR \"water lifting\"".to_string()),
        (2, "#1 NOT transformer".to_string()),
    ]));
    let pairs = [
        (
            "#1 AND (panel OR device)",
            "(solar OR pump^2 OR \"water lifting\") AND (panel OR device)",
        ),
        (
            "#2^3 OR claim",
            "((solar OR pump^2 OR \"water lifting\") NOT transformer)^3 OR claim",
        ),
    ];
    for (with_history, inlined) in pairs {
        let low = Lowering::new(&idx, &session.searcher, &history);
        let a = low.lower(&parse(with_history).unwrap()).unwrap();
        let b = low.lower(&parse(inlined).unwrap()).unwrap();
        let top = TopDocs::with_limit(20);
        let ra = session.searcher.search(&a, &top).unwrap();
        let rb = session.searcher.search(&b, &top).unwrap();
        assert!(!ra.is_empty(), "{with_history}");
        assert_eq!(ra.len(), rb.len(), "{with_history}");
        for ((sa, da), (sb, db)) in ra.iter().zip(&rb) {
            assert_eq!(da, db, "{with_history}");
            assert!(
                (sa - sb).abs() <= 1e-4 * sb.abs().max(1.0),
                "{with_history}: {sa} vs {sb}"
            );
        }
    }
}

#[test]
fn cycles_and_broken_steps_are_named_at_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let idx = common::fixture_index(dir.path(), "fx");
    let session = Session::new(&idx).unwrap();
    let history = resolver(HashMap::from([
        (1, "#2 OR solar".to_string()),
        (2, "ti:#3".to_string()),
        (3, "pump AND #1".to_string()),
        (4, "#4".to_string()),
        (5, "pd<20x5".to_string()),
        (6, "ipc:A€".to_string()),
        (7, "pump OR #6".to_string()),
        (8, "solar".to_string()),
    ]));
    let err = |q: &str| {
        let low = Lowering::new(&idx, &session.searcher, &history);
        low.lower(&parse(q).unwrap()).unwrap_err()
    };
    let e = err("pump AND #1");
    assert_eq!(e.span, 9..11);
    assert_contains(&e.message, "#1 refers back to itself (#1 → #2 → #3 → #1)");
    let e = err("#8 OR #4");
    assert_eq!(e.span, 6..8);
    assert_contains(&e.message, "#4 refers back to itself (#4 → #4)");
    let e = err("#5");
    assert_contains(&e.message, "#5 (pd<20x5) no longer parses");
    let e = err("solar OR #7");
    assert_eq!(e.span, 9..11);
    assert_contains(&e.message, "in #6 (ipc:A€): not a classification symbol");
    let e = err("#9");
    assert_eq!(e.message, "#9 is not in the history (it has 8 strategies)");
}

#[test]
fn a_case_history_longer_than_nine_steps_builds_on_itself() {
    let env = TestEnv::new();
    env.index("fx", "jsonl", &fixture());
    env.ok(&["case", "new", "c", "--title", "Chain"]);
    let run = |q: &str| {
        env.ok(&[
            "search", "--case", "c", "--corpus", "fx", "--format", "json", q,
        ])
    };
    let first: Vec<serde_json::Value> = serde_json::from_str(&run("pump")).unwrap();
    let mut last: Vec<serde_json::Value> = Vec::new();
    for k in 1..=12 {
        last = serde_json::from_str(&run(&format!("#{k} OR #{k}"))).unwrap();
    }
    assert!(!first.is_empty());
    assert_eq!(last.len(), first.len());
}
