//! Generated strategies, hostile ones included (deep parentheses, unbalanced quotes, history
//! references with cycles, truncations, proximity, field codes, dates, weights, non-ASCII
//! text and control characters): none makes parsing, explaining or searching panic or
//! overflow a worker's stack, and every error points inside the query.

mod common;

use common::{Rng, TestEnv};
use tisc::query::explain::explain;
use tisc::query::lower::Lowering;
use tisc::query::{parse, HistoryError};
use tisc::search::{SearchError, Session};

const WORDS: &[&str] = &[
    "solar",
    "pump",
    "panel",
    "water",
    "lifting",
    "device",
    "breathing",
    "sensor",
    "transformer",
    "claim",
    "wells",
    "compressor",
    "photovoltaic",
    "haute",
    "tension",
];
const TRUNCATED: &[&str] = &[
    "pump*", "so*", "*ing", "colo?r", "w?ter", "*o*", "p*", "*", "?", "ph*ic", "é*", "tr?n*",
];
const FIELDS: &[&str] = &[
    "ti:", "ab:", "cl:", "de:", "txt:", "pa:", "in:", "au:", "jo:", "ipc:", "cpc:", "pn:", "cc:",
    "lang:", "doi:", "pmid:", "cl_fr:", "ti_en:", "tl:", "ti=", "xx_yy:", "ti<",
];
const CLASSES: &[&str] = &[
    "A61K",
    "A61K36/06",
    "A61K36/06*",
    "A61M15/08",
    "F04B*",
    "A€",
    "Y02E10/44",
    "H",
    "A61M0015080000",
    "Z99",
    "A61€/0",
    "ä",
    "A61K36/",
];
const DATES: &[&str] = &[
    "pd<2015",
    "pd<=2012-06-30",
    "pd>=2010",
    "ad:2014",
    "pr:[2010 TO 2015]",
    "pd:[2016 TO 2010]",
    "pd<20x5",
    "pd:2015-13",
    "pd>",
    "pd:[2010 TO",
    "pr>=2011-06",
    "ad:20120501",
    "pd:[2010-01-01 TO 2015-12-31]",
];
const OPS: &[&str] = &[
    "AND", "OR", "NOT", "NEAR/3", "ADJ/1", "SAME", "NEAR/0", "NEAR/101", "NEAR", "ADJ/x", "and",
    "or", "TO",
];
const ODD: &[&str] = &[
    "é",
    "€",
    "日本語",
    "🌞",
    "e\u{301}",
    "\u{0}",
    "\u{1b}[31m",
    "\t",
    "\r\n",
    "\u{2028}",
    "\u{3000}",
    "\u{feff}",
    "\"",
    "(",
    ")",
    "[",
    "]",
    "^",
    "^2",
    "^0",
    "^1e9",
    "#",
    "#0",
    ":",
    "=",
    "<",
    "\\",
    "ǅ",
    "\u{202e}",
];

fn term(r: &mut Rng, budget: &mut usize) -> String {
    *budget = budget.saturating_sub(1);
    match r.below(12) {
        0..=3 => r.pick(WORDS).to_string(),
        4 => r.pick(TRUNCATED).to_string(),
        5 => format!("\"{} {}\"", r.pick(WORDS), r.pick(WORDS)),
        6 => format!("{}{}", r.pick(FIELDS), r.pick(WORDS)),
        7 => format!("ipc:{}", r.pick(CLASSES)),
        8 => r.pick(DATES).to_string(),
        9 => format!("#{}", r.below(12)),
        10 => r.pick(ODD).to_string(),
        _ if *budget > 0 => format!("({})", strategy(r, budget)),
        _ => r.pick(WORDS).to_string(),
    }
}

fn strategy(r: &mut Rng, budget: &mut usize) -> String {
    let mut s = term(r, budget);
    for _ in 0..r.below(4) {
        if *budget == 0 {
            break;
        }
        match r.below(6) {
            0 => s.push(' '),
            1 => s.push_str(&format!("^{}", r.below(4))),
            _ => {
                s.push(' ');
                s.push_str(r.pick::<&str>(OPS));
                s.push(' ');
            }
        }
        s.push_str(&term(r, budget));
    }
    s
}

/// One strategy: mostly small ones, some wrapped in deep parentheses or long chains, some
/// cut at a random character.
fn generate(r: &mut Rng) -> String {
    let mut budget = 6;
    let s = strategy(r, &mut budget);
    match r.below(10) {
        0 => {
            let n = r.below(300);
            let close = if r.below(3) == 0 { n / 2 } else { n };
            format!("{}{s}{}", "(".repeat(n), ")".repeat(close))
        }
        1 => {
            let op = r.pick(&["NOT", "NEAR/2", "AND", "OR", "SAME"]);
            let n = r.below(200);
            format!("{s}{}", format!(" {op} {}", r.pick(WORDS)).repeat(n))
        }
        2 => {
            let cut = r.below(s.chars().count() + 1);
            s.chars().take(cut).collect()
        }
        3 => format!("{}{s}", "ti: ".repeat(r.below(150))),
        _ => s,
    }
}

/// History for `#n`: a few plain steps, a chain, a cycle, a step that no longer parses.
fn history(n: u32) -> Result<String, HistoryError> {
    Ok(match n {
        1 => "solar OR pump*".into(),
        2 => "#1 AND panel".into(),
        3 => "#2 OR #2 OR #1".into(),
        4 => "#5 OR water".into(),
        5 => "ti:#4".into(),
        6 => "(((unclosed".into(),
        7 => "ipc:A€".into(),
        8 => "#3 NOT #7".into(),
        _ => return Err(HistoryError::NotInHistory { n, len: 8 }),
    })
}

fn check_error_span(q: &str, span: &std::ops::Range<usize>) {
    assert!(
        span.start <= span.end && span.end <= q.len().max(1),
        "{q:?}: span {span:?}"
    );
}

#[test]
fn two_thousand_generated_strategies_parse_explain_and_search_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let idx = std::sync::Arc::new(common::fixture_index(dir.path(), "fx"));
    let outcome = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let session = Session::new(&idx).unwrap();
            let mut r = Rng(0x5eed_cafe_f00d_1234);
            let (mut ran, mut refused, mut matched) = (0, 0, 0);
            for _ in 0..2000 {
                let q = generate(&mut r);
                match parse(&q) {
                    Ok(ast) => {
                        let low = Lowering::new(&idx, &session.searcher, &history);
                        let shown = explain(&q, &ast, Some((&low, "fx")));
                        assert!(shown.starts_with("query:"), "{q:?}");
                        assert_eq!(
                            parse(&ast.to_query()).map(|a| a.without_spans()),
                            Ok(ast.without_spans()),
                            "{q:?} printed as {:?}",
                            ast.to_query()
                        );
                    }
                    Err(e) => {
                        check_error_span(&q, &e.span);
                        let _ = e.render(&q);
                    }
                }
                match session.query(&q, 10, &history) {
                    Ok((hits, info)) => {
                        ran += 1;
                        assert!(hits.len() <= info.count, "{q:?}");
                        matched += usize::from(info.count > 0);
                    }
                    Err(SearchError::Query { query, error }) => {
                        refused += 1;
                        assert_eq!(query, q);
                        check_error_span(&q, &error.span);
                        let shown = error.render(&q);
                        assert!(shown.contains('^'), "{q:?}: {shown}");
                    }
                    Err(other) => panic!("{q:?}: {other}"),
                }
            }
            (ran, refused, matched)
        })
        .unwrap()
        .join()
        .expect("no strategy panics or overflows a 2 MiB stack");
    let (ran, refused, matched) = outcome;
    // The generator reaches both sides: strategies that run (and find something) and
    // strategies refused with an error.
    assert!(ran > 300 && refused > 300 && matched > 100, "{outcome:?}");
}

#[test]
fn generated_strategies_through_the_cli_exit_0_or_2_and_never_crash() {
    let env = TestEnv::new();
    let mut r = Rng(0x0dd_ba11);
    for _ in 0..200 {
        let q = generate(&mut r);
        if q.contains('\u{0}') || q.starts_with('-') {
            // Not passable as a program argument / read as an option.
            continue;
        }
        let out = env.tisc().args(["explain", "--", &q]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 2)),
            "{q:?}: {:?} {err}",
            out.status
        );
        assert!(!err.contains("panicked"), "{q:?}: {err}");
    }
}
