//! The conformance suite of the search boundary: what any [`SearchBackend`] must do, run
//! against a backend value. `tests/conformance.rs` runs it on the embedded index; a sharded or
//! remote backend runs the same functions.

use super::oracle::{covers, Oracle};
use std::collections::BTreeSet;
use tisc::query::parse;
use tisc::search::backend::{ListRequest, ListResult, ParsedQuery, SearchBackend};
use tisc::search::{no_history, SearchError};

/// Run `text` on `backend` without history: the whole ranked list (`limit` hits at most).
pub fn run(
    backend: &dyn SearchBackend,
    text: &str,
    limit: usize,
) -> Result<(ListResult, Vec<String>), SearchError> {
    let ast = parse(text).map_err(|error| SearchError::Query {
        query: text.to_string(),
        error,
    })?;
    let list = backend.run(
        ParsedQuery { text, ast: &ast },
        &no_history,
        &ListRequest { limit },
    )?;
    let keys: Vec<_> = list.hits.iter().map(|h| h.0).collect();
    let ids = backend.ids(&keys)?;
    Ok((list, ids))
}

/// The invariants of a ranked list: at most `limit` hits, no more than the count, no
/// document twice, scores not increasing, and equal scores in ascending id order.
pub fn check_order(text: &str, list: &ListResult, ids: &[String], limit: usize) {
    assert!(
        list.hits.len() <= limit,
        "`{text}`: more hits than asked for"
    );
    assert!(
        list.hits.len() <= list.count,
        "`{text}`: more hits than the count"
    );
    assert_eq!(ids.len(), list.hits.len(), "`{text}`: one id per hit");
    let distinct: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(
        distinct.len(),
        ids.len(),
        "`{text}`: a document listed twice"
    );
    for (i, w) in list.hits.windows(2).enumerate() {
        let (a, b) = (w[0].1, w[1].1);
        assert!(a >= b, "`{text}`: score rises at rank {}: {a} < {b}", i + 2);
        if a == b {
            assert!(
                ids[i] < ids[i + 1],
                "`{text}`: equal scores not in id order at rank {}: {} before {}",
                i + 2,
                ids[i],
                ids[i + 1]
            );
        }
    }
}

/// (a) The oracle's `n` generated strategies: each hit set and count equals the brute-force
/// scan's, and each list keeps the order invariants. Returns how many had hits.
pub fn oracle_queries(backend: &dyn SearchBackend, oracle: &Oracle, n: usize) -> usize {
    let all = oracle.docs.len() + 1;
    let mut nonempty = 0;
    let unknown = backend.find_ids(&["no such id"]).expect("find_ids runs");
    assert_eq!(unknown, [None], "an id the corpus does not hold");
    for (i, q) in oracle.queries(n).iter().enumerate() {
        let ast = parse(q).unwrap_or_else(|e| panic!("generated query does not parse: {q}: {e}"));
        let expected = oracle.expected(&ast);
        let (list, ids) = run(backend, q, all).unwrap_or_else(|e| panic!("query #{i} `{q}`: {e}"));
        check_order(q, &list, &ids, all);
        // Every hit is found again by its id (how documents found by meaning join a list).
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let keys: Vec<_> = list.hits.iter().map(|h| Some(h.0)).collect();
        let found = backend
            .find_ids(&refs)
            .unwrap_or_else(|e| panic!("`{q}`: {e}"));
        assert_eq!(found, keys, "find_ids of the hits of `{q}`");
        let got: BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(got, expected, "query #{i}: {q}");
        assert_eq!(list.count, expected.len(), "count of query #{i}: {q}");
        // A cut list is the head of the whole one.
        if expected.len() > 2 {
            let (cut, cut_ids) = run(backend, q, 2).unwrap_or_else(|e| panic!("`{q}`: {e}"));
            check_order(q, &cut, &cut_ids, 2);
            assert_eq!(cut_ids, ids[..2], "the top 2 of `{q}` head its whole list");
        }
        nonempty += usize::from(!expected.is_empty());
    }
    nonempty
}

/// (b) The reference's examples: each parses and runs without error, keeps the order
/// invariants, and where the oracle covers its operators, finds what the oracle finds.
/// Returns how many were checked against the oracle.
pub fn doc_examples(backend: &dyn SearchBackend, oracle: &Oracle, examples: &[String]) -> usize {
    let all = oracle.docs.len() + 1;
    let mut compared = 0;
    for q in examples {
        let (list, ids) = run(backend, q, all)
            .unwrap_or_else(|e| panic!("the reference's example `{q}` fails: {e}"));
        check_order(q, &list, &ids, all);
        let ast = parse(q).unwrap_or_else(|e| panic!("`{q}`: {e}"));
        if covers(&ast) {
            let got: BTreeSet<String> = ids.into_iter().collect();
            assert_eq!(got, oracle.expected(&ast), "the reference's example `{q}`");
            assert_eq!(list.count, got.len(), "count of `{q}`");
            compared += 1;
        }
    }
    compared
}

/// The strategies shown in the tables of docs/query-language.md (at least 45 of them).
pub fn reference_examples() -> Vec<String> {
    let md = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/query-language.md"
    ))
    .expect("docs/query-language.md");
    let examples = table_examples(&md);
    assert!(
        examples.len() >= 45,
        "found only {} examples",
        examples.len()
    );
    examples
}

/// The strategies in the `strategy` or `example` column of every table of a Markdown page
/// (docs/query-language.md).
pub fn table_examples(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut column: Option<usize> = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            column = None;
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        if line.starts_with("|---") {
            continue;
        }
        match column {
            None => {
                column = cells
                    .iter()
                    .position(|c| *c == "strategy" || *c == "example")
            }
            Some(i) => {
                if let Some(cell) = cells.get(i) {
                    if let Some(q) = cell.strip_prefix('`').and_then(|c| c.split('`').next()) {
                        out.push(q.to_string());
                    }
                }
            }
        }
    }
    out
}

/// (c) Two backends over the same documents give the same lists: ids, order, counts and
/// scores to the bit, for every strategy in `queries` (whole lists and a cut at 10).
/// Returns how many strategies had hits.
pub fn identical_lists(a: &dyn SearchBackend, b: &dyn SearchBackend, queries: &[String]) -> usize {
    let mut nonempty = 0;
    for q in queries {
        for limit in [10, 100_000] {
            let (la, ia) = run(a, q, limit).unwrap_or_else(|e| panic!("`{q}`: {e}"));
            let (lb, ib) = run(b, q, limit).unwrap_or_else(|e| panic!("`{q}`: {e}"));
            assert_eq!(la.count, lb.count, "count of `{q}`");
            assert_eq!(ia, ib, "`{q}` top {limit}: ids or order differ");
            let bits = |l: &ListResult| l.hits.iter().map(|h| h.1.to_bits()).collect::<Vec<_>>();
            assert_eq!(
                bits(&la),
                bits(&lb),
                "`{q}` top {limit}: scores differ\n{:?}\n{:?}",
                la.hits.iter().map(|h| h.1).collect::<Vec<_>>(),
                lb.hits.iter().map(|h| h.1).collect::<Vec<_>>()
            );
            if limit == 10 {
                nonempty += usize::from(la.count > 0);
            }
        }
    }
    nonempty
}
