//! Limits of the query language: nesting depth (safe on the workbench's 2 MiB worker
//! stacks, refused beyond with a caret), history chains that stay linear, the cap on
//! expanded terms, and classification symbols that are not ASCII.

mod common;

use common::{assert_contains, Run, TestEnv};
use tisc::query::explain::explain;
use tisc::query::limits::{DEFAULT_MAX_DEPTH, MAX_MAX_DEPTH};
use tisc::query::lower::Lowering;
use tisc::query::{parse, parse_with, Limits, ParseError};
use tisc::search::job::{self, Generation, JobRequest, Strategy};
use tisc::search::{no_history, Session};

fn chain(first: &str, op: &str, next: &str, links: usize) -> String {
    let mut q = first.to_string();
    for _ in 0..links {
        q.push(' ');
        q.push_str(op);
        q.push(' ');
        q.push_str(next);
    }
    q
}

/// Strategies exactly `d` levels deep, one of each kind of nesting.
fn deepest(d: usize) -> Vec<(&'static str, String)> {
    let nested_or = |d: usize| format!("{}solar{}", "(pump OR ".repeat(d), ")".repeat(d));
    vec![
        ("nested OR groups", nested_or(d)),
        (
            "nested parentheses",
            format!("{}solar{}", "(".repeat(d), ")".repeat(d)),
        ),
        ("NOT chain", chain("solar", "NOT", "wind", d)),
        ("NEAR chain", chain("solar", "NEAR/3", "pump", d)),
        ("ADJ chain", chain("solar", "ADJ/2", "panel", d)),
        ("SAME chain", chain("pump", "SAME", "solar", d)),
        ("weights", format!("solar{}", "^1.5".repeat(d))),
        ("field codes", format!("{}solar", "cl: ".repeat(d))),
        (
            "OR groups inside proximity",
            format!("{} NEAR/3 panel", nested_or(d - 1)),
        ),
        (
            "NOT groups",
            format!("{}solar{}", "(pump NOT ".repeat(d), ")".repeat(d)),
        ),
    ]
}

/// Run `f` on a thread with the workbench's worker stack size.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic and no overflow on a 2 MiB stack")
}

#[test]
fn the_deepest_allowed_queries_parse_lower_explain_and_search_on_a_2_mib_stack() {
    let dir = tempfile::tempdir().unwrap();
    let idx = std::sync::Arc::new(common::fixture_index(dir.path(), "fx"));
    for (what, q) in deepest(DEFAULT_MAX_DEPTH) {
        let too_deep = match what {
            "field codes" => format!("cl: {q}"),
            "weights" => format!("{q}^2"),
            "nested OR groups" | "nested parentheses" | "NOT groups" => format!("({q})"),
            _ => format!("{q} AND x"),
        };
        let idx = std::sync::Arc::clone(&idx);
        let count = on_small_stack(move || {
            let ast = parse(&q).unwrap_or_else(|e| panic!("{what}: {}", e.render(&q)));
            let e = parse(&too_deep).unwrap_err();
            assert!(e.message.contains("nests too deeply"), "{what}: {e}");
            let session = Session::new(&idx).unwrap();
            let (_, info) = session
                .query(&q, 10, &no_history)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let low = Lowering::new(&idx, &session.searcher, &no_history);
            let shown = explain(&q, &ast, Some((&low, "fx")));
            assert!(shown.contains("lowered (tantivy)"), "{what}: {shown}");
            assert_eq!(
                parse(&ast.to_query()).unwrap().without_spans(),
                ast.without_spans()
            );
            // A whole job: every list, fusion, snippets highlighted from the tree.
            let req = JobRequest {
                strategies: Strategy::numbered(&[q.as_str()], 1),
                per_list: 10,
                limit: 10,
                cutoff: None,
                group: true,
                snippets: true,
                merge: Default::default(),
                meaning: None,
            };
            let g = Generation::new();
            let mine = g.advance();
            let r = job::run(&[&*idx], &req, &g, mine, &no_history, &|_, _| {})
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(r.counts[0].count, info.count);
            info.count
        });
        // The nestings keep their meaning: each of these finds the solar documents.
        if !matches!(
            what,
            "NOT chain" | "ADJ chain" | "NEAR chain" | "SAME chain"
        ) {
            assert!(count > 0, "{what}");
        }
    }
}

#[test]
fn the_largest_depth_the_environment_may_set_is_safe_on_a_2_mib_stack() {
    let dir = tempfile::tempdir().unwrap();
    let idx = std::sync::Arc::new(common::fixture_index(dir.path(), "fx"));
    let limits = Limits {
        max_depth: MAX_MAX_DEPTH,
        ..Limits::default()
    };
    for (what, q) in deepest(MAX_MAX_DEPTH) {
        let idx = std::sync::Arc::clone(&idx);
        on_small_stack(move || {
            let ast = parse_with(&q, &limits).unwrap_or_else(|e| panic!("{what}: {e}"));
            let session = Session::new(&idx).unwrap();
            let low = Lowering::new(&idx, &session.searcher, &no_history).with_limits(limits);
            let lowered = low.lower(&ast).unwrap_or_else(|e| panic!("{what}: {e}"));
            let n = session
                .searcher
                .search(&lowered, &tantivy::collector::Count)
                .unwrap();
            let _ = explain(&q, &ast, Some((&low, "fx")));
            let _ = ast.to_query();
            drop(ast);
            n
        });
    }
}

#[test]
fn hundreds_and_thousands_of_parentheses_are_a_usage_error_with_a_caret() {
    let env = TestEnv::new();
    for n in [800, 5000] {
        let q = format!("{}solar{}", "(".repeat(n), ")".repeat(n));
        let err = env.tisc().args(["search", "--corpus", "none", &q]).ends(2);
        assert!(err.contains("nests too deeply"), "{n}: {err}");
        // The caret is under the 101st parenthesis.
        let caret = format!("\n  {}^\n", " ".repeat(DEFAULT_MAX_DEPTH));
        assert!(err.contains(&caret), "{n}: {err}");
        // `explain` says the same, without a corpus.
        let out = env.tisc().args(["explain", &q]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("nests too deeply"));
    }
    // A long proximity chain without a parenthesis is as deep.
    let q = chain("solar", "NEAR/3", "pump", 5000);
    let out = env.tisc().args(["explain", &q]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The environment moves the limit, and a bad value is named.
    let q = format!("{}solar{}", "(".repeat(120), ")".repeat(120));
    env.tisc()
        .env("TISC_MAX_QUERY_DEPTH", "128")
        .args(["explain", &q])
        .succeeds();
    let err = env
        .tisc()
        .env("TISC_MAX_QUERY_DEPTH", "deep")
        .args(["explain", "solar"])
        .ends(2);
    assert_contains(
        &err,
        "TISC_MAX_QUERY_DEPTH must be a whole number from 1 to 128, not `deep`",
    );
}

#[test]
fn a_query_that_expands_past_its_term_cap_names_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let idx = common::fixture_index(dir.path(), "fx");
    let session = Session::new(&idx).unwrap();
    let ast = parse("pump AND (pu* OR wa* OR so*)").unwrap();
    let open = Lowering::new(&idx, &session.searcher, &no_history);
    open.lower(&ast).unwrap();
    let all = open.expanded_terms();
    assert!(all >= 3, "{all}");
    let capped = Limits {
        max_terms: all - 1,
        ..Limits::default()
    };
    let low = Lowering::new(&idx, &session.searcher, &no_history).with_limits(capped);
    let e = low.lower(&ast).unwrap_err();
    assert!(
        e.message.starts_with(&format!(
            "the query expands to more than {} terms: `",
            all - 1
        )),
        "{}",
        e.message
    );
    assert_contains(&e.message, "TISC_MAX_QUERY_TERMS");
    // The caret is on the word that went past the cap: the last one.
    assert_eq!(e.span, 24..27, "{}", e.message);
    // One word's cap leaves words out, with a warning, and is no error.
    let one = Limits {
        max_expansions: 1,
        ..Limits::default()
    };
    let low = Lowering::new(&idx, &session.searcher, &no_history).with_limits(one);
    low.lower(&parse("*ol*").unwrap()).unwrap();
    assert!(low.expansions.borrow().iter().all(|e| e.words.len() <= 1));
    assert!(
        low.warnings.borrow()[0].contains("only the first 1 are searched"),
        "{:?}",
        low.warnings.borrow()
    );
}

#[test]
fn the_cli_refuses_too_many_expanded_terms_and_non_ascii_class_symbols() {
    let env = TestEnv::new();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/query-fixture.jsonl");
    env.index("fx", "jsonl", &fixture);
    let err = env
        .tisc()
        .env("TISC_MAX_QUERY_TERMS", "2")
        .args(["search", "--corpus", "fx", "pu* OR so* OR wa*"])
        .ends(2);
    assert_contains(&err, "the query expands to more than 2 terms");
    // Without the cap the same query runs.
    env.search("fx", &["pu* OR so* OR wa*"]);
    for (q, symbol) in [
        ("ipc:A€", "A€"),
        ("ipc:A61€", "A61€"),
        ("cpc:Ä01B", "Ä01B"),
        ("ipc:A€*", "A€*"),
        ("ipc:(A61K OR Y€2E)", "Y€2E"),
    ] {
        let err = env.tisc().args(["search", "--corpus", "fx", q]).ends(2);
        assert!(err.contains("not a classification symbol"), "{q}: {err}");
        let column = q.find(symbol).map(|b| q[..b].chars().count()).unwrap();
        let caret = format!(
            "\n  {}{}\n",
            " ".repeat(column),
            "^".repeat(symbol.chars().count())
        );
        assert!(err.contains(&caret), "{q}: caret under the symbol: {err}");
        assert!(!err.contains("panicked"), "{q}: {err}");
    }
}

fn nested(depth: usize) -> String {
    format!("{}solar{}", "(a OR ".repeat(depth), ")".repeat(depth))
}

fn limit(max_depth: usize) -> Limits {
    Limits {
        max_depth,
        ..Limits::default()
    }
}

#[test]
fn nesting_is_limited_with_the_caret_on_the_first_level_too_many() {
    let l = limit(100);
    // 100 groups of `a OR (…)`: 100 levels of OR, 100 parentheses.
    assert!(parse_with(&nested(100), &l).is_ok());
    let q = nested(101);
    let e = parse_with(&q, &l).unwrap_err();
    assert_contains(&e.message, "nests too deeply");
    assert_contains(&e.message, "TISC_MAX_QUERY_DEPTH");
    // The 101st parenthesis is where it goes past 100 levels.
    assert_eq!(e.span, 600..601, "{}", e.render(&q));
    // Bare parentheses nest too: the 101st is refused.
    let q = format!("{}solar{}", "(".repeat(5000), ")".repeat(5000));
    let e = parse_with(&q, &l).unwrap_err();
    assert_eq!(e.span, 100..101);
    let q = format!("{}solar{}", "(".repeat(100), ")".repeat(100));
    assert!(parse_with(&q, &l).is_ok());
    // Chains without parentheses count one level a link.
    let chain = |op: &str, n: usize| {
        let mut q = "w0".to_string();
        for i in 1..=n {
            q.push_str(&format!(" {op} w{i}"));
        }
        q
    };
    for op in ["NOT", "NEAR/2", "ADJ/1", "SAME"] {
        assert!(parse_with(&chain(op, 100), &l).is_ok(), "{op}");
        let q = chain(op, 101);
        let e = parse_with(&q, &l).unwrap_err();
        let at = q.rfind(op).unwrap();
        assert_eq!(e.span, at..at + op.len(), "{op}");
    }
    // Wide is not deep: long AND/OR lists are one level.
    assert!(parse_with(&chain("OR", 5000), &l).is_ok());
    assert!(parse_with(&chain("AND", 5000), &l).is_ok());
    let weights = format!("solar{}", "^2".repeat(101));
    let e = parse_with(&weights, &l).unwrap_err();
    assert_eq!(e.span, 205..207);
    let fields = format!("{}solar", "ti: ".repeat(101));
    let e = parse_with(&fields, &l).unwrap_err();
    assert_eq!(e.span, 400..403);
    assert!(parse_with(&format!("{}solar", "ti: ".repeat(100)), &l).is_ok());
    // A lower limit applies as set.
    assert!(parse_with(&nested(3), &limit(3)).is_ok());
    assert!(parse_with(&nested(4), &limit(3)).is_err());
}

#[test]
fn carets_stay_on_characters_whatever_the_text() {
    // The query ends in a three-byte space: the caret goes under the last character.
    let q = "pd<\u{3000}";
    let e = parse(q).unwrap_err();
    assert_eq!(e.span, 3..6);
    let r = e.render(q);
    assert!(r.contains("\n     ^\n"), "{r:?}");
    // A span inside a character widens to it instead of panicking.
    let e = ParseError {
        span: 1..2,
        message: "x".into(),
    };
    assert!(e.render("é").contains("\n  ^\n"), "{:?}", e.render("é"));
    let e = ParseError {
        span: 40..50,
        message: "x".into(),
    };
    assert!(e.render("éé").contains("\n    ^\n"), "{:?}", e.render("éé"));
    assert!(parse("pd:2015-€1").is_err());
    assert!(parse("ti:é^€").is_err());
    assert!(parse("#€").is_err());
}
