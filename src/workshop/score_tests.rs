use super::*;
use crate::workshop::{SubmittedCitation, SubmittedStrategy, SUBMISSION_FORMAT};

fn cats(s: &str) -> Categories {
    Categories::parse(s).unwrap()
}

fn gold(entries: &[(&str, &str)]) -> Vec<GoldCitation> {
    entries
        .iter()
        .map(|(doc, c)| GoldCitation {
            doc: doc.to_string(),
            category: cats(c),
            claims: vec![1],
        })
        .collect()
}

fn strategy(number: u32, top: &[&str]) -> SubmittedStrategy {
    SubmittedStrategy {
        number,
        query: format!("query {number}"),
        hits: top.len() as u64,
        top: top.iter().map(|s| s.to_string()).collect(),
        top_families: vec![None; top.len()],
        run_at: "2026-01-01T00:00:00Z".into(),
    }
}

pub(crate) fn submission(
    trainee: &str,
    cited: &[(&str, &str)],
    strategies: Vec<SubmittedStrategy>,
) -> Submission {
    Submission {
        format: SUBMISSION_FORMAT,
        tisc_version: "test".into(),
        pack: "p".into(),
        pack_title: "P".into(),
        exercise: "e1".into(),
        trainee: trainee.into(),
        case_id: format!("case-{trainee}"),
        started_at: "2026-01-01T00:00:00Z".into(),
        submitted_at: "2026-01-01T00:10:00Z".into(),
        elapsed_secs: 600,
        time_limit_secs: 3600,
        late: false,
        citations: cited
            .iter()
            .map(|(doc, c)| SubmittedCitation {
                doc: doc.to_string(),
                family: None,
                category: cats(c),
                claims: vec![1],
            })
            .collect(),
        strategies,
        corpora: Vec::new(),
        case_export: serde_json::Value::Null,
    }
}

fn close(got: f64, expect: f64) {
    assert!((got - expect).abs() < 1e-12, "got {got}, expected {expect}");
}

#[test]
fn classes_of_categories() {
    // P,X is X published in the priority interval; E alone a conflicting earlier
    // application (X); E,Y stays Y; a qualifier alone is A.
    assert_eq!(class_of(&cats("P,X")), Class::X);
    assert_eq!(class_of(&cats("E")), Class::X);
    assert_eq!(class_of(&cats("E,Y")), Class::Y);
    assert_eq!(class_of(&cats("Y")), Class::Y);
    assert_eq!(class_of(&cats("P")), Class::A);
    assert_eq!(class_of(&cats("D,A")), Class::A);
    assert_eq!(class_of(&cats("L")), Class::A);
}

#[test]
fn families_categories_and_strategies_match_hand_computation() {
    // Gold: five families. US1 and EP1 are one family (F1), US2 and US2B another (F2).
    let g = gold(&[
        ("US1", "X"),
        ("US2", "Y"),
        ("US3", "Y"),
        ("EP4", "E"),
        ("US5", "P,X"),
    ]);
    let mut fam = Families::new();
    fam.insert("US1", "F1");
    fam.insert("EP1", "F1");
    fam.insert("US2", "F2");
    fam.insert("US2B", "F2");
    let sub = submission(
        "ana",
        &[
            ("EP1", "X"),  // family member of gold US1 (X): found, X agrees
            ("US2", "X"),  // gold Y, cited X
            ("EP4", "X"),  // gold E (class X): X agrees, qualifier E missing
            ("US5", "X"),  // gold P,X: X agrees, qualifier P missing
            ("US9", "A"),  // not in gold
            ("US10", "Y"), // not in gold
            ("US11", "A"), // not in gold
        ],
        vec![
            // Families: US9, F1 (EP1; US1 drops as the same family), X1, US3, X2.
            // Gold families at ranks 2 (F1) and 4 (US3).
            strategy(1, &["US9", "EP1", "US1", "X1", "US3", "X2"]),
            // Gold families F2, US5, EP4 at ranks 1, 2, 3.
            strategy(2, &["US2B", "US5", "EP4"]),
        ],
    );
    let s = score(&g, &fam, &sub);
    assert_eq!(s.gold_families, 5);
    // Cited families: F1, F2, EP4, US5, US9, US10, US11 = 7; of them in the gold: 4.
    assert_eq!(s.cited_families, 7);
    assert_eq!(s.cited_gold_families, 4);
    close(s.recall, 4.0 / 5.0);
    close(s.precision, 4.0 / 7.0);
    // F1 = 2 · (4/7) · (4/5) / (4/7 + 4/5) = (32/35) / (48/35) = 2/3.
    close(s.f1, 2.0 / 3.0);
    // Table rows (gold class) × columns (X, Y, A, not cited):
    // X: F1, EP4 (E), US5 (P,X) all cited X → [3, 0, 0, 0]
    // Y: F2 cited X, US3 not cited → [1, 0, 0, 1]
    // A: none → [0, 0, 0, 0]; not in gold: US9 A, US10 Y, US11 A → [0, 1, 2, 0].
    assert_eq!(s.categories.x.cells(), [3, 0, 0, 0]);
    assert_eq!(s.categories.y.cells(), [1, 0, 0, 1]);
    assert_eq!(s.categories.a.cells(), [0, 0, 0, 0]);
    assert_eq!(s.categories.not_in_gold.cells(), [0, 1, 2, 0]);
    assert_eq!(s.categories.agreeing(), 3);
    // Qualifiers agree for F1 and F2 (none either side), not for EP4 (E) nor US5 (P).
    assert_eq!(s.qualifiers_agree, 2);
    assert_eq!(s.missed, ["US3"]);

    // Strategy #1: AP = (1/2 + 2/4) / 5 = 0.2. PRES@100: found at 2 and 4, the three
    // missing at 100+3, 100+4, 100+5: Σr = 318, 318/5 = 63.6, (n+1)/2 = 3,
    // PRES = 1 − (63.6 − 3)/100 = 0.394. Recall in top 100: 2/5.
    let s1 = &s.per_strategy[0];
    close(s1.ap, 0.2);
    close(s1.pres, 0.394);
    close(s1.recall, 0.4);
    // Strategy #2: AP = (1/1 + 2/2 + 3/3) / 5 = 0.6. PRES: ranks 1, 2, 3, 104, 105:
    // Σr = 215, 215/5 = 43, PRES = 1 − (43 − 3)/100 = 0.6. Recall 3/5.
    let s2 = &s.per_strategy[1];
    close(s2.ap, 0.6);
    close(s2.pres, 0.6);
    close(s2.recall, 0.6);
    // The best strategy is #2 (PRES 0.6 > 0.394).
    assert_eq!(s.best_strategy, Some(2));
    close(s.pres, 0.6);
    close(s.map, 0.6);
    // Together the strategies found all five gold families; US3 was found (#1) and not cited.
    close(s.found_recall, 1.0);
    assert_eq!(s.found_not_cited, ["US3"]);
    assert_eq!(s.strategies, 2);
    assert_eq!(s.elapsed_secs, 600);
}

#[test]
fn best_strategy_ties_on_pres_go_to_the_higher_ap() {
    let g = gold(&[("G1", "X"), ("G2", "Y")]);
    let fam = Families::new();
    // #1: gold at ranks 2 and 3; #2: at ranks 1 and 4. Σr = 5 for both, so
    // PRES = 1 − (5/2 − 3/2)/100 = 0.99 for both; AP #1 = (1/2 + 2/3)/2 = 7/12,
    // AP #2 = (1/1 + 2/4)/2 = 3/4: #2 is best though listed second.
    let sub = submission(
        "bo",
        &[("G1", "X")],
        vec![
            strategy(1, &["a", "G1", "G2", "b"]),
            strategy(2, &["G1", "a", "b", "G2"]),
        ],
    );
    let s = score(&g, &fam, &sub);
    close(s.per_strategy[0].pres, 0.99);
    close(s.per_strategy[1].pres, 0.99);
    close(s.per_strategy[0].ap, 7.0 / 12.0);
    assert_eq!(s.best_strategy, Some(2));
    close(s.map, 0.75);
    // One of two gold families cited, one family cited: recall 1/2, precision 1,
    // F1 = 2 · 1 · 0.5 / 1.5 = 2/3.
    close(s.recall, 0.5);
    close(s.precision, 1.0);
    close(s.f1, 2.0 / 3.0);
    // The gold family G2 was found but not cited.
    assert_eq!(s.found_not_cited, ["G2"]);
}

#[test]
fn nothing_cited_nor_searched_scores_zero() {
    let g = gold(&[("G1", "X")]);
    let s = score(&g, &Families::new(), &submission("cy", &[], Vec::new()));
    assert_eq!(
        (s.recall, s.precision, s.f1, s.pres, s.map),
        (0.0, 0.0, 0.0, 0.0, 0.0)
    );
    assert_eq!(s.best_strategy, None);
    assert_eq!(s.categories.x.cells(), [0, 0, 0, 1]);
    assert_eq!(s.missed, ["G1"]);
    assert!(s.found_not_cited.is_empty());
}

#[test]
fn a_family_id_never_equals_a_document_id() {
    // Family "D1" and document "D1" (without a family) are different families.
    let mut fam = Families::new();
    fam.insert("US7", "D1");
    assert_ne!(fam.key("US7"), fam.key("D1"));
    let s = score(
        &gold(&[("D1", "X")]),
        &fam,
        &submission("di", &[("US7", "X")], Vec::new()),
    );
    assert_eq!(s.recall, 0.0);
}

fn ranked(trainee: &str, exercise: &str, f1: f64, recall: f64, pres: f64, secs: u64) -> Score {
    let mut s = score(&[], &Families::new(), &submission(trainee, &[], Vec::new()));
    s.exercise = exercise.into();
    (s.f1, s.recall, s.pres, s.elapsed_secs) = (f1, recall, pres, secs);
    s
}

#[test]
fn ranking_is_f1_then_recall_then_pres_then_time() {
    let mut v = vec![
        ranked("a", "e1", 0.5, 0.5, 0.5, 100),
        ranked("other", "e2", 0.1, 0.1, 0.1, 1),
        ranked("b", "e1", 0.5, 0.6, 0.1, 900), // higher recall beats a
        ranked("c", "e1", 0.5, 0.5, 0.5, 100), // tied with a
        ranked("d", "e1", 0.5, 0.5, 0.5, 50),  // faster than a
        ranked("e", "e1", 0.5, 0.5, 0.7, 999), // higher PRES beats d
        ranked("f", "e1", 0.9, 0.1, 0.0, 999), // highest F1
    ];
    rank(&mut v);
    let got: Vec<(&str, usize)> = v.iter().map(|s| (s.trainee.as_str(), s.rank)).collect();
    assert_eq!(
        got,
        [
            ("f", 1),
            ("b", 2),
            ("e", 3),
            ("d", 4),
            ("a", 5),
            ("c", 5),
            ("other", 1)
        ]
    );
}

#[test]
fn a_family_counts_once_and_qualifiers_are_compared_apart() {
    // Gold: US1 and EP1 (one family F1, listed twice: X and P,X), US3 as E, US4 as A.
    // Three gold families: F1 (class X, the first of its strongest citations: plain X),
    // US3 (E: class X with the E qualifier), US4 (A).
    let g = gold(&[("US1", "X"), ("EP1", "P,X"), ("US3", "E"), ("US4", "A")]);
    let mut fam = Families::new();
    fam.insert("US1", "F1");
    fam.insert("EP1", "F1");
    fam.insert("WO1", "F1");
    let sub = submission(
        "eva",
        &[
            ("WO1", "P,X"), // a third member of F1: F1 found, class X, qualifier P (gold: none)
            ("EP1", "Y"),   // F1 again: one family, its strongest citation (X) counts
            ("US3", "E"),   // gold E cited E: class X, qualifier E agrees
            ("US4", "Y"),   // gold A cited Y
        ],
        vec![
            // 101 hits, the gold family US4 at rank 101: beyond the first 100, not found.
            // F1 (WO1) at rank 1, US3 at rank 3. Families: WO1→F1, n1, US3, n3…n99, US4.
            strategy(
                1,
                &{
                    let mut v: Vec<String> = vec!["WO1".into(), "n1".into(), "US3".into()];
                    v.extend((3..100).map(|i| format!("n{i}")));
                    v.push("US4".into());
                    v
                }
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            ),
        ],
    );
    let s = score(&g, &fam, &sub);
    assert_eq!(s.gold_families, 3);
    // Cited families: F1, US3, US4 = 3, all in the gold.
    assert_eq!((s.cited_families, s.cited_gold_families), (3, 3));
    close(s.recall, 1.0);
    close(s.precision, 1.0);
    close(s.f1, 1.0);
    // X row: F1 cited X (WO1, P,X), US3 (E) cited X (E) → [2, 0, 0, 0]; A row: US4 cited Y.
    assert_eq!(s.categories.x.cells(), [2, 0, 0, 0]);
    assert_eq!(s.categories.a.cells(), [0, 1, 0, 0]);
    assert_eq!(s.categories.agreeing(), 2);
    // Qualifiers: F1 gold none (its X citation is the first strongest) vs trainee P: differ;
    // US3 E vs E: agree; US4 none vs none: agree.
    assert_eq!(s.qualifiers_agree, 2);
    // The strategy: gold families at ranks 1 and 3 in its first 100; US4 at 101 is missing
    // and takes rank 100 + 3 = 103. Σr = 1 + 3 + 103 = 107, n = 3:
    // PRES = 1 − (107/3 − 2)/100 = 1 − (101/3)/100 = 1 − 101/300 = 199/300.
    // AP = (1/1 + 2/3)/3 = 5/9. Recall in the first 100: 2/3.
    close(s.pres, 199.0 / 300.0);
    close(s.map, 5.0 / 9.0);
    close(s.per_strategy[0].recall, 2.0 / 3.0);
    close(s.found_recall, 2.0 / 3.0);
    // US4 was cited, so it is not "found but not cited" although the strategy missed it.
    assert!(s.found_not_cited.is_empty());
    assert!(s.missed.is_empty());
}

/// `doc` (the documented value) matches `got` (what the code computes): numbers to the four
/// decimals the documentation shows, anything else exactly; an object's documented keys only.
fn matches_doc(path: &str, doc: &serde_json::Value, got: &serde_json::Value) {
    use serde_json::Value;
    match (doc, got) {
        (Value::Object(d), Value::Object(g)) => {
            for (k, v) in d {
                let g = g
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: not in the score"));
                matches_doc(&format!("{path}.{k}"), v, g);
            }
        }
        (Value::Array(d), Value::Array(g)) => {
            assert_eq!(d.len(), g.len(), "{path}: {doc} against {got}");
            for (i, (d, g)) in d.iter().zip(g).enumerate() {
                matches_doc(&format!("{path}[{i}]"), d, g);
            }
        }
        (Value::Number(d), Value::Number(g)) => {
            let (d, g) = (d.as_f64().unwrap(), g.as_f64().unwrap());
            assert!(
                (d - g).abs() <= 0.00005 + 1e-12,
                "{path}: the documentation says {d}, the code computes {g}"
            );
        }
        _ => assert_eq!(doc, got, "{path}"),
    }
}

#[test]
fn the_documented_worked_example_is_what_the_code_computes() {
    // The example of docs/workshops.md, "Worked example".
    let g = gold(&[
        ("US8000001B2", "X"),
        ("EP2000003A1", "Y"),
        ("US8000004B2", "Y"),
        ("EP2000005A1", "E"),
    ]);
    let mut fam = Families::new();
    fam.insert("US8000001B2", "F");
    fam.insert("EP2000002B1", "F");
    let sub = submission(
        "trainee",
        &[
            ("EP2000002B1", "X"),
            ("EP2000003A1", "X"),
            ("EP2000005A1", "X"),
            ("US8000009B2", "A"),
            ("US8000010B2", "A"),
        ],
        vec![
            strategy(
                1,
                &[
                    "US8000009B2",
                    "EP2000002B1",
                    "US8000001B2",
                    "US8000010B2",
                    "EP2000003A1",
                ],
            ),
            strategy(2, &["EP2000005A1", "US8000011B2", "US8000004B2"]),
        ],
    );
    let got = serde_json::to_value(score(&g, &fam, &sub)).unwrap();

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/workshops.md");
    let text = std::fs::read_to_string(path).unwrap();
    let marker = "<!-- worked-example";
    let after = &text[text.find(marker).expect("the worked example's marker")..];
    let start = after.find("```json\n").expect("its JSON block") + "```json\n".len();
    let end = start
        + after[start..]
            .find("```")
            .expect("the end of its JSON block");
    let doc: serde_json::Value = serde_json::from_str(&after[start..end]).unwrap();
    assert!(doc.as_object().is_some_and(|o| o.len() >= 10), "{doc}");
    matches_doc("score", &doc, &got);
    // And the per-strategy figures the prose gives.
    let per = &got["per_strategy"];
    matches_doc(
        "per_strategy",
        &serde_json::json!([
            { "number": 1, "recall": 0.5, "pres": 0.4925, "ap": 0.25 },
            { "number": 2, "recall": 0.5, "pres": 0.4975, "ap": 0.4167 }
        ]),
        per,
    );
}
