use super::*;
use crate::case::Categories;
use crate::workshop::score::{score, Families};
use crate::workshop::{Submission, SubmittedCitation, SUBMISSION_FORMAT};

fn gold(entries: &[(&str, &str)]) -> Vec<GoldCitation> {
    entries
        .iter()
        .map(|(doc, c)| GoldCitation {
            doc: doc.to_string(),
            category: Categories::parse(c).unwrap(),
            claims: Vec::new(),
        })
        .collect()
}

fn sub(trainee: &str, exercise: &str, cited: &[&str], secs: u64, late: bool) -> Submission {
    Submission {
        format: SUBMISSION_FORMAT,
        tisc_version: "test".into(),
        pack: "p".into(),
        pack_title: "P".into(),
        exercise: exercise.into(),
        trainee: trainee.into(),
        case_id: "c".into(),
        started_at: String::new(),
        submitted_at: String::new(),
        elapsed_secs: secs,
        time_limit_secs: 60,
        late,
        citations: cited
            .iter()
            .map(|d| SubmittedCitation {
                doc: d.to_string(),
                family: None,
                category: Categories::parse("X").unwrap(),
                claims: Vec::new(),
            })
            .collect(),
        strategies: Vec::new(),
        corpora: Vec::new(),
        case_export: serde_json::Value::Null,
    }
}

/// Two exercises: e1 with gold G1 (X), G2 (Y); e2 with gold H1 (X).
fn sample() -> Results {
    let exercises = vec![
        ("e1".to_string(), gold(&[("G1", "X"), ("G2", "Y")])),
        ("e2".to_string(), gold(&[("H1", "X")])),
    ];
    let fam = Families::new();
    let subs = [
        sub("ann", "e1", &["G1", "G2"], 100, false), // F1 1
        sub("bob", "e1", &["G1"], 50, false),        // R 1/2, P 1, F1 2/3
        sub("<cy>", "e1", &["Z9"], 300, true),       // F1 0, late
        sub("bob", "e2", &["H1"], 40, false),        // F1 1
    ];
    let scores = subs
        .iter()
        .map(|s| {
            let g = &exercises.iter().find(|(e, _)| *e == s.exercise).unwrap().1;
            score(g, &fam, s)
        })
        .collect();
    build("p", "Pack & co", &exercises, scores)
}

#[test]
fn leaderboards_and_statistics_match_hand_computation() {
    let r = sample();
    let order: Vec<(&str, &str, usize)> = r
        .rows
        .iter()
        .map(|s| (s.exercise.as_str(), s.trainee.as_str(), s.rank))
        .collect();
    assert_eq!(
        order,
        [
            ("e1", "ann", 1),
            ("e1", "bob", 2),
            ("e1", "<cy>", 3),
            ("e2", "bob", 1)
        ]
    );
    // Means over the pack's two exercises: bob (2/3 + 1)/2 = 5/6; ann (1 + 0)/2 = 1/2;
    // cy 0. Recall: bob (1/2 + 1)/2 = 3/4.
    let t: Vec<(&str, usize, usize)> = r
        .trainees
        .iter()
        .map(|t| (t.trainee.as_str(), t.rank, t.exercises))
        .collect();
    assert_eq!(t, [("bob", 1, 2), ("ann", 2, 1), ("<cy>", 3, 1)]);
    assert!((r.trainees[0].mean_f1 - 5.0 / 6.0).abs() < 1e-12);
    assert!((r.trainees[0].mean_recall - 0.75).abs() < 1e-12);
    assert_eq!(r.trainees[0].total_secs, 90);
    assert_eq!(r.trainees[2].late, 1);
    // e1: times 50, 100, 300 → median 100; one late. G2 missed by bob and cy, G1 by cy only:
    // G2 first.
    let e1 = &r.exercises[0];
    assert_eq!(
        (e1.submissions, e1.median_secs, e1.late),
        (3, Some(100.0), 1)
    );
    let missed: Vec<(&str, usize)> = e1
        .missed
        .iter()
        .map(|m| (m.doc.as_str(), m.missed_by))
        .collect();
    assert_eq!(missed, [("G2", 2), ("G1", 1)]);
    assert_eq!(r.exercises[1].median_secs, Some(40.0));
}

#[test]
fn medians_of_even_and_empty_lists() {
    assert_eq!(median(&mut [30, 10, 20, 40]), Some(25.0));
    assert_eq!(median(&mut []), None);
}

#[test]
fn every_format_has_every_row_and_escapes_names() {
    let r = sample();
    let json: serde_json::Value = serde_json::from_str(&json(&r).unwrap()).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for key in [
        "trainee",
        "exercise",
        "recall",
        "precision",
        "f1",
        "pres",
        "map",
        "late",
        "rank",
    ] {
        assert!(rows[0].get(key).is_some(), "{key}");
    }
    assert_eq!(rows[2]["late"], true);

    let csv = csv(&r);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("exercise,rank,trainee,f1"));
    assert!(
        lines[2].starts_with("e1,2,bob,0.6667,0.5000,1.0000"),
        "{}",
        lines[2]
    );

    for lang in ReportLang::ALL {
        let l = labels(lang);
        let t = table(&r, lang);
        assert!(t.contains(l.by_trainee) && t.contains(l.most_missed), "{t}");
        assert!(t.contains(&format!("<cy> ({})", l.late_mark)), "{t}");
        let h = html(&r, lang);
        assert!(h.contains("&lt;cy&gt;") && !h.contains("<cy>"), "{h}");
        assert!(h.contains("Pack &amp; co"));
        assert!(h.contains(l.by_exercise));
    }
    let t = table(&r, ReportLang::En);
    assert!(t.contains("G2 (Y): missed by 2 of 3"), "{t}");
}

#[test]
fn terminal_table_shows_control_characters_as_text() {
    let exercises = vec![("e1".to_string(), gold(&[("G1", "X")]))];
    let s = score(
        &exercises[0].1,
        &Families::new(),
        &sub("evil\u{1b}[2J", "e1", &[], 1, false),
    );
    let t = table(&build("p", "t", &exercises, vec![s]), ReportLang::En);
    assert!(!t.contains('\u{1b}'), "{t:?}");
}

#[test]
fn durations_read_as_hours_minutes_seconds() {
    assert_eq!(duration(6), "6s");
    assert_eq!(duration(245), "4m05s");
    assert_eq!(duration(3723), "1h02m03s");
}
