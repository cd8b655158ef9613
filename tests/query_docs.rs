//! Every strategy shown in a table of docs/query-language.md parses and runs on the demo
//! corpus, so the reference never shows an example that does not work.

mod common;

use common::conformance::reference_examples;
use common::TestEnv;

#[test]
fn every_table_example_in_the_reference_runs_on_the_demo_corpus() {
    let examples = reference_examples();
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let mut with_hits = 0;
    for q in &examples {
        let hits = env.search_hits("demo", &["--limit", "3", q]);
        with_hits += usize::from(!hits.is_empty());
    }
    eprintln!(
        "{} examples run; {with_hits} have hits on the demo corpus",
        examples.len()
    );
    assert!(
        with_hits * 2 >= examples.len(),
        "most examples should find something on the demo corpus"
    );
}
