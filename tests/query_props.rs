//! Properties of the parser: no input makes it panic, and printing a parsed tree gives text
//! that parses back to the same tree.

use proptest::prelude::*;
use tisc::query::parse;

const PIECES: &[&str] = &[
    "solar",
    "pump*",
    "colo?r",
    "*phosphate",
    "\"drip line\"",
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    "NEAR/3",
    "ADJ/1",
    "NEAR/0",
    "NEAR",
    "SAME",
    "ti:",
    "cl_fr:",
    "tl:",
    "pd<",
    "pd:",
    "pr>=",
    "2015",
    "2012-06-30",
    "[",
    "TO",
    "]",
    "ipc:",
    "A61K36",
    "A61K36/06*",
    "#2",
    "#",
    "=",
    ":",
    "\"",
    "and",
    "near",
    "pn:",
    "\"US 7,640,932 B2\"",
    "é",
    "x",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PIECES), any::<bool>()), 0..12).prop_map(|v| {
        let mut s = String::new();
        for (p, space) in v {
            s.push_str(p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,40}") {
        let _ = parse(&s);
    }

    #[test]
    fn token_soup_never_panics_and_round_trips(s in soup()) {
        if let Ok(ast) = parse(&s) {
            let printed = ast.to_query();
            let again = parse(&printed).map_err(|e| TestCaseError::fail(format!("{s:?} printed as {printed:?}: {e}")))?;
            prop_assert_eq!(again.without_spans(), ast.without_spans(), "{:?} printed as {:?}", s, printed);
            // Printing is stable.
            prop_assert_eq!(again.to_query(), printed);
        }
    }
}
