//! An independent brute-force oracle: generated strategies are evaluated directly on parsed
//! real documents (scanning every claim, paragraph, title and abstract word by word) and the
//! hit set must equal the index's. Real data: USPTO grants from ../shared/data. The oracle
//! and the generator live in `common::oracle` (the conformance suite runs them too, through
//! the search boundary).

mod common;

use common::oracle::Oracle;
use std::collections::BTreeSet;
use tisc::query::parse;
use tisc::search::{no_history, Session};

#[test]
fn index_hit_sets_equal_a_brute_force_scan() {
    let Some((oracle, _home, index)) = Oracle::shared_uspto("oracle") else {
        return;
    };
    let session = Session::new(&index).unwrap();
    let n = index.num_docs() as usize;
    let mut nonempty = 0;
    for (i, q) in oracle.queries(300).iter().enumerate() {
        let ast = parse(q).unwrap_or_else(|e| panic!("generated query does not parse: {q}: {e}"));
        let expected = oracle.expected(&ast);
        let (ranked, info) = session.query(q, n, &no_history).unwrap();
        let got: BTreeSet<String> = ranked
            .iter()
            .map(|(a, _)| session.id_of(*a).unwrap())
            .collect();
        assert_eq!(got, expected, "query #{i}: {q}");
        assert_eq!(info.count, expected.len());
        nonempty += usize::from(!expected.is_empty());
    }
    eprintln!("300 generated queries agree with the oracle ({nonempty} with hits)");
    assert!(
        nonempty >= 60,
        "the generator should produce queries with hits: {nonempty}"
    );
}
