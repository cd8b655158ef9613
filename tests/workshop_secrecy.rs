//! The curious trainee: before submitting, no command a trainee can run prints a gold
//! document of the exercise — not the help texts, not `workshop list/show/start/check`
//! (without --trainer), not `case show/list/check/export`, not `report` in any format. Only
//! the trainee's own searches may show a gold document (finding it is the exercise), so their
//! output is not checked. The case folder written by `workshop start` holds no gold either.

mod common;

use common::TestEnv;
use std::path::{Path, PathBuf};

/// The shipped pack `name` in the repository.
fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("queries/workshops")
        .join(name)
}

/// What betrays a gold document in any spelling: the digits of its serial number (so
/// `US6920979B2`, `US 6,920,979`, `us6920979` and `EP 1 474 560 A1` are all caught), in the
/// output once spaces, commas and dots are removed.
fn needles(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(n) = tisc::model::PatentNumber::parse(doc) {
        let digits: String = n.number.chars().filter(char::is_ascii_digit).collect();
        out.push(digits.trim_start_matches('0').to_string());
        out.push(digits);
    } else if let Some(pmid) = doc.strip_prefix("PMID:") {
        out.push(pmid.to_string());
    } else {
        out.push(doc.to_ascii_uppercase());
    }
    out.sort();
    out.dedup();
    assert!(
        out.iter().all(|n| n.len() >= 6),
        "{doc}: a needle this short could match by chance: {out:?}"
    );
    out
}

fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\u{202f}'))
        .collect::<String>()
        .to_ascii_uppercase()
}

/// The gold needles of every exercise of a pack.
fn gold_needles(pack: &Path) -> Vec<(String, Vec<String>)> {
    let gold = tisc::workshop::gold::load(pack).unwrap().unwrap();
    gold.exercises
        .iter()
        .flat_map(|e| e.citations.iter())
        .map(|c| (c.doc.clone(), needles(&c.doc)))
        .collect()
}

/// Whether any gold document shows in `text`; the first one found.
fn leak(text: &str, gold: &[(String, Vec<String>)]) -> Option<String> {
    let s = squeezed(text);
    gold.iter()
        .find(|(_, ns)| ns.iter().any(|n| s.contains(n.as_str())))
        .map(|(doc, _)| doc.clone())
}

/// Run a command; its stdout and stderr together (it may fail: a refusal must not leak either).
fn run(env: &TestEnv, args: &[&str]) -> String {
    let out = env.tisc().args(args).output().expect("run tisc");
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The exercise each shipped pack is tried on, a strategy that finds a gold document, and a
/// document that is not gold, to cite.
const PACKS: [(&str, &str, &str, &str); 3] = [
    (
        "beginner",
        "float-switch",
        "float* NEAR/5 sand*",
        "US7276977B1",
    ),
    (
        "intermediate",
        "fertigation-kit",
        "membrane NEAR/5 pressure AND emitter*",
        "US6806238B2",
    ),
    (
        "advanced",
        "cassava-detox",
        "ipc:A23N15 AND pd<2005-06-01",
        "PMID:39900072",
    ),
];

#[test]
fn the_detector_finds_gold_where_it_is_shown() {
    // The check below would pass vacuously if the needles never matched: they must catch the
    // trainer's view and the spellings a leak could take.
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    for (name, ..) in PACKS {
        let gold = gold_needles(&shipped(name));
        assert!(!gold.is_empty(), "{name} has gold");
        let trainer = run(&env, &["workshop", "check", name, "--trainer"]);
        assert!(leak(&trainer, &gold).is_some(), "{name}: {trainer}");
    }
    let one = vec![("US6920979B2".to_string(), needles("US6920979B2"))];
    for spelling in [
        "US6920979B2",
        "us 6,920,979",
        "U.S. Pat. No. 6.920.979",
        "US6920979",
    ] {
        assert!(leak(spelling, &one).is_some(), "{spelling}");
    }
    let ep = vec![("EP1474560A1".to_string(), needles("EP1474560A1"))];
    assert!(leak("EP 1 474 560 A1", &ep).is_some());
    let pmid = vec![("PMID:39900009".to_string(), needles("PMID:39900009"))];
    assert!(leak("pmid 39900009", &pmid).is_some());
}

#[test]
fn the_documentation_gives_away_no_shipped_answer() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut files = Vec::new();
    all_files(&docs, &mut files);
    files.retain(|f| f.extension().is_some_and(|e| e == "md"));
    assert!(
        files.iter().any(|f| f.ends_with("workshops.md")),
        "{files:?}"
    );
    for (name, ..) in PACKS {
        let gold = gold_needles(&shipped(name));
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            if let Some(doc) = leak(&text, &gold) {
                panic!("{} gives away {doc}, gold of the {name} pack", f.display());
            }
        }
    }
}

#[test]
fn a_curious_trainee_sees_no_gold_before_submitting() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let help: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec!["-h"],
        vec!["help", "workshop"],
        vec!["workshop", "--help"],
        vec!["workshop", "list", "--help"],
        vec!["workshop", "show", "--help"],
        vec!["workshop", "start", "--help"],
        vec!["workshop", "check", "--help"],
        vec!["workshop", "import-qrels", "--help"],
        vec!["case", "--help"],
        vec!["case", "cite", "--help"],
        vec!["report", "--help"],
        vec!["man"],
        vec!["workshop", "list"],
    ];
    for (name, exercise, strategy, other) in PACKS {
        let gold = gold_needles(&shipped(name));
        let mut seen: Vec<(String, String)> = Vec::new();
        for args in &help {
            seen.push((args.join(" "), run(&env, args)));
        }
        for args in [
            vec!["workshop", "show", name],
            vec!["workshop", "check", name],
        ] {
            seen.push((args.join(" "), run(&env, &args)));
        }
        let started = env.ok(&["workshop", "start", name, exercise, "--trainee", "Curious"]);
        let case = started.trim_end().lines().last().unwrap().to_string();
        seen.push((format!("workshop start {name}"), started));
        // Starting again is refused: the refusal must not leak either.
        seen.push((
            "workshop start again".into(),
            run(
                &env,
                &["workshop", "start", name, exercise, "--trainee", "Curious"],
            ),
        ));
        // The trainee's own search finds a gold document: legitimate, so not checked.
        let found = env.ok(&["search", "--case", &case, strategy]);
        assert!(
            leak(&found, &gold).is_some(),
            "{name}: the strategy `{strategy}` should find a gold document: {found}"
        );
        // Citing another document, then everything a trainee looks at.
        env.ok(&[
            "case",
            "cite",
            &case,
            other,
            "--category",
            "A",
            "--claims",
            "1",
        ]);
        let c = case.as_str();
        for args in [
            vec!["case", "show", c],
            vec!["case", "show", c, "--format", "json"],
            vec!["case", "list"],
            vec!["case", "check", c],
            vec!["case", "export", c, "--format", "csv"],
            vec!["case", "export", c, "--format", "ris"],
            vec!["report", c, "--format", "md"],
            vec!["report", c, "--format", "html"],
            vec!["report", c, "--format", "json"],
            vec!["report", c, "--format", "md", "--lang", "fr"],
            vec!["workshop", "show", name],
            vec!["workshop", "check", name],
        ] {
            seen.push((args.join(" "), run(&env, &args)));
        }
        for (what, text) in &seen {
            assert!(
                !text.trim().is_empty(),
                "{name}: `{what}` printed nothing, so it proves nothing"
            );
            if let Some(doc) = leak(text, &gold) {
                panic!("{name}: `tisc {what}` shows the gold document {doc}:\n{text}");
            }
        }
        // The case on disk holds no gold either: start copied none of gold.toml.
        let mut files = Vec::new();
        all_files(&env.path().join("cases"), &mut files);
        assert!(
            !files.is_empty(),
            "no case files under {}",
            env.path().display()
        );
        for f in files {
            let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
            // The search history records the strategy, not its hits; the citation is `other`.
            if let Some(doc) = leak(&text, &gold) {
                panic!(
                    "{name}: the case file {} holds the gold document {doc}",
                    f.display()
                );
            }
        }
    }
}
