//! Cases and reports as a user meets them: creating a case, recording strategies, citing
//! documents, exporting reports in three formats and two languages; bad input; kills in the
//! middle of a write; two processes writing one case.
//!
//! The corpus is the small fixture in `tests/fixtures/case/` (USPTO and PubMed formats).

mod common;

use common::{assert_contains, Run, TestEnv};
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tisc::case::{Case, CaseStore};
use tisc::report::Report;

const HOSTILE_TITLE: &str = "Solar pump <script>alert('t')</script>";
const HOSTILE_NOTE: &str = "Same float switch as claim 1 \"><img src=x onerror=alert(1)>";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case")
}

/// A workspace with the fixture corpus indexed as `fix`.
fn env_with_corpus() -> TestEnv {
    let env = TestEnv::new();
    let summary = env.index("fix", "auto", &fixtures());
    assert_eq!(summary["indexed"], 6, "{summary}");
    env
}

fn new_case(env: &TestEnv, id: &str) {
    env.ok(&[
        "case",
        "new",
        id,
        "--title",
        "Solar pump",
        "--corpus",
        "fix",
    ]);
}

/// Arguments without spaces, written as one line.
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

fn case_json(env: &TestEnv, id: &str) -> Case {
    let out = env.ok(&["case", "show", id, "--format", "json"]);
    serde_json::from_str(&out).expect("case show --format json is a case")
}

fn case_file(env: &TestEnv, id: &str) -> Vec<u8> {
    std::fs::read(env.path().join("cases").join(id).join("case.json")).expect("case.json")
}

/// `tisc` as a plain process (for killing it and for running several at once).
fn spawn(env: &TestEnv, args: &[&str]) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("tisc"))
        .env("TISC_HOME", env.path())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start tisc")
}

/// The hit count `tisc case record` printed: `#2 recorded in case `x`: 3 hits in fix`.
fn recorded_hits(out: &str) -> u64 {
    let tail = out.split(": ").nth(1).expect("count after the colon");
    tail.split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of hits")
}

#[test]
fn a_case_from_creation_to_reports_in_three_formats_and_two_languages() {
    let env = env_with_corpus();
    let disclosure = env.path().join("disclosure.txt");
    std::fs::write(
        &disclosure,
        "A pump driven by a solar panel fills a tank.\n\nA magnetic float stops it when full.",
    )
    .unwrap();
    env.ok(&[
        "case",
        "new",
        "pump",
        "--title",
        HOSTILE_TITLE,
        "--client",
        "A. Inventor <b>",
        "--disclosure",
        disclosure.to_str().unwrap(),
        "--cutoff",
        "2012-06-01",
        // Category P (cited below) needs the filing date.
        "--filing-date",
        "2013-06-01",
        "--lang",
        "en",
        "--ipc",
        "F04B 17/00",
        "--corpus",
        "fix",
    ]);

    // Three strategies, each recorded with its hit count.
    let strategies = [
        "solar pump",
        "photovoltaic AND float",
        "cassava OR \"water level\"",
    ];
    let mut counts = Vec::new();
    for (i, q) in strategies.iter().enumerate() {
        let out = env.ok(&["case", "record", "pump", "--corpus", "fix", q]);
        assert!(out.starts_with(&format!("#{} recorded", i + 1)), "{out}");
        counts.push(recorded_hits(&out));
    }
    assert!(counts.iter().all(|n| *n > 0), "{counts:?}");

    // Four citations: different categories, spellings, passages.
    let out = env.ok(&[
        "case",
        "cite",
        "pump",
        "US 7,000,001 B2",
        "--category",
        "X",
        "--claims",
        "1,3",
        "--passage",
        "a float switch that stops the motor",
        "--note",
        HOSTILE_NOTE,
    ]);
    assert_contains(&out, "cited US7000001B2 as X");
    env.ok(&[
        "case",
        "cite",
        "pump",
        "us7000004",
        "--category",
        "P,X",
        "--claims",
        "2",
        "--passage",
        "figure 2",
    ]);
    env.ok(&[
        "case",
        "cite",
        "pump",
        "PMID:31000001",
        "--category",
        "Y",
        "--claims",
        "1",
        "--passage",
        "elevated storage tank and no battery",
    ]);
    env.ok(&[
        "case",
        "cite",
        "pump",
        "US7000003B2",
        "--category",
        "A",
        "--passage",
        "Two electrodes at different depths sense the water level",
    ]);
    let case = case_json(&env, "pump");
    assert_eq!(case.history.len(), 3);
    assert_eq!(case.citations.len(), 4);
    let x = case.citation("US7000001B2").unwrap();
    assert_eq!(
        (x.passages[0].claim, x.claims.clone()),
        (Some(1), vec![1, 3])
    );
    let a = case.citation("US7000003B2").unwrap();
    assert_eq!(a.passages[0].paragraph.as_deref(), Some("0003"));
    assert_eq!(
        a.snapshot.biblio.title_in(&tisc::model::Lang::en()),
        Some("Pump <script>alert(1)</script> controller for boreholes")
    );

    let out_dir = tempfile::tempdir().unwrap();
    for lang in ["en", "fr"] {
        for format in ["md", "html", "json"] {
            let file = out_dir.path().join(format!("report.{lang}.{format}"));
            env.ok(&[
                "report",
                "pump",
                "--format",
                format,
                "--lang",
                lang,
                "-o",
                file.to_str().unwrap(),
            ]);
        }
    }
    let read = |name: &str| std::fs::read_to_string(out_dir.path().join(name)).unwrap();
    let hits = |n: u64| format!("{n} {}", if n == 1 { "hit" } else { "hits" });

    // HTML: category table, every strategy with its count, escaping.
    let html = read("report.en.html");
    assert!(html.contains("<th>Category*</th>") && html.contains("<th>Relevant to claim No.</th>"));
    for cat in ["X", "P,X", "Y", "A"] {
        assert!(
            html.contains(&format!("\">{cat}</span>")),
            "category {cat} in the table"
        );
    }
    for (q, n) in strategies.iter().zip(&counts) {
        let q = q.replace('"', "&quot;");
        assert!(
            html.contains(&format!(
                "<code dir=\"auto\">{q}</code></td><td class=\"nowrap\">fix:&nbsp;{}</td>",
                hits(*n)
            )),
            "{q}"
        );
    }
    assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"));
    assert!(html.contains("Solar pump &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Pump &lt;script&gt;alert(1)&lt;/script&gt; controller"));
    assert!(html.contains("(claim 1)") && html.contains("(paragraph [0003])"));

    // Markdown: the same content, escaped for Markdown.
    let md = read("report.en.md");
    assert!(md.contains("| Category* | Citation of document"));
    assert!(md
        .lines()
        .any(|l| l.starts_with("| **P,X**") && l.contains("| US 7000004 B2 (LAKESIDE ENERGY)")));
    for (q, n) in strategies.iter().zip(&counts) {
        assert!(
            md.contains(&format!("| `{q}` | fix: {} |", hits(*n))),
            "{q}"
        );
    }
    let unescaped = md.replace("\\<", "");
    assert!(!unescaped.contains("<script") && !unescaped.contains("<img"));
    assert!(md.contains("\\<script\\>"));

    // French labels.
    let fr_html = read("report.fr.html");
    let fr_md = read("report.fr.md");
    for label in [
        "Catégorie*",
        "N° des revendications visées",
        "Partie 2 — Résumé pour l",
        "Stratégies de recherche",
        "(revendication 1)",
        "(paragraphe \\[0003\\])",
    ] {
        assert!(fr_md.contains(label), "{label} in French Markdown");
    }
    assert!(
        fr_html.contains("<html lang=\"fr\">")
            && fr_html.contains("Documents considérés comme pertinents")
    );
    assert!(!fr_html.contains("Relevant to claim No."));

    // JSON: round-trips through the library type and carries the same facts.
    for lang in ["en", "fr"] {
        let text = read(&format!("report.{lang}.json"));
        let report: Report = serde_json::from_str(&text).expect("JSON report parses");
        let again = serde_json::to_string_pretty(&report).unwrap();
        assert_eq!(serde_json::from_str::<Report>(&again).unwrap(), report);
        assert_eq!(report.lang.code(), lang);
        let cats: Vec<String> = report
            .citations
            .iter()
            .map(|c| c.categories.to_string())
            .collect();
        assert_eq!(cats, ["X", "P,X", "Y", "A"]);
        let hits: Vec<u64> = report.strategies.iter().map(|s| s.total()).collect();
        assert_eq!(hits, counts);
        assert_eq!(report.citations[0].note.as_deref(), Some(HOSTILE_NOTE));
    }

    // Without -o the report goes to stdout, in the case's language; a copy is kept.
    let stdout = env.ok(&["report", "pump", "--format", "md"]);
    assert!(stdout.starts_with("# Draft — Prior-art search report: Solar pump"));
    assert!(env.path().join("cases/pump/exports/report-en.md").is_file());
}

#[test]
fn bad_input_is_refused_clearly_and_changes_nothing() {
    let env = env_with_corpus();
    new_case(&env, "c");
    env.ok(&["case", "cite", "c", "US7000001B2", "--category", "X"]);
    let before = case_file(&env, "c");
    let run = |line: &str, code: i32, says: &str| {
        let args = words(line);
        env.tisc()
            .args(&args)
            .write_stdin("")
            .assert()
            .code(code)
            .stderr(predicate::str::contains(says));
        assert_eq!(case_file(&env, "c"), before, "{args:?} changed the case");
    };
    run(
        "case cite c US9999999B2 --category X",
        2,
        "no document `US9999999B2` in fix",
    );
    run("case cite c US7000002B2 --category Z", 2, "not a category");
    run(
        "case cite c US7000002B2 --category X,A",
        2,
        "at most one of X, Y and A",
    );
    run(
        "case cite c US7000002B2 --category X --claims 1-x",
        2,
        "claim numbers",
    );
    run("case cite ../c US7000002B2 --category X", 2, "not allowed");
    run("case new a/b --title t", 2, "not allowed");
    run("case new .. --title t", 2, "not allowed");
    run("case new c --title again", 2, "already exists");
    run("case new d --title t --cutoff 2024", 2, "YYYY-MM-DD");
    run(
        "case new d --title t --lang de",
        2,
        "use en, fr, es, pt or ar",
    );
    run(
        "case cite nosuch US7000002B2 --category X",
        2,
        "no case named `nosuch`",
    );
    run("case uncite c US7000002B2", 2, "is not cited");
    run("report nosuch", 2, "no case named `nosuch`");
    run("case delete c", 2, "add --yes");
    assert!(!env.path().join("cases/d").exists());

    // Uncite in another spelling; delete for real.
    env.ok(&["case", "uncite", "c", "US 7,000,001"]);
    assert!(case_json(&env, "c").citations.is_empty());
    assert!(env.ok(&["case", "list"]).contains("c "));
    env.ok(&["case", "delete", "c", "--yes"]);
    assert!(!env.path().join("cases/c").exists());
    assert!(env.ok(&["case", "list"]).contains("no cases yet"));
}

#[test]
fn edit_changes_only_the_fields_given_and_a_bad_date_changes_nothing() {
    let env = TestEnv::new();
    env.ok(&words(
        "case new e --title Solar --client Someone --lang en",
    ));
    env.ok(&words("case note e kept"));
    let disclosure = env.path().join("disclosure.txt");
    std::fs::write(&disclosure, "A pump.\nWith a float.\n").unwrap();
    let out = env.ok(&[
        "case",
        "edit",
        "e",
        "--title",
        "Solar pump with float",
        "--cutoff",
        "2024-03-01",
        "--lang",
        "fr",
        "--disclosure",
        disclosure.to_str().unwrap(),
    ]);
    assert_contains(
        &out,
        "updated case `e`: title, disclosure, cutoff, language",
    );
    let shown = env.ok(&["case", "show", "e"]);
    assert_contains(&shown, "case e — Solar pump with float");
    assert_contains(&shown, "client:   Someone");
    assert_contains(&shown, "language: fr    cutoff: 2024-03-01");
    let c = case_json(&env, "e");
    assert_eq!(c.disclosure.as_deref(), Some("A pump.\nWith a float.\n"));
    assert_eq!(c.notes.len(), 1);

    let before = case_file(&env, "e");
    for (line, says) in [
        ("case edit e --cutoff 2024-13-01", "YYYY-MM-DD"),
        ("case edit e --lang de", "use en, fr, es, pt or ar"),
        ("case edit e", "required"),
        ("case edit ../e --title x", "not allowed"),
    ] {
        env.tisc()
            .args(words(line))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
        assert_eq!(case_file(&env, "e"), before, "{line} changed the case");
    }
    env.fails_saying(&["case", "edit", "e", "--title", " "], 2, "title is empty");
    env.tisc()
        .args(words("case edit nosuch --title x"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no case named `nosuch`"));
    assert_eq!(case_file(&env, "e"), before);

    // Remove the client and the cutoff; the rest stays.
    let out = env.ok(&["case", "edit", "e", "--client", "", "--cutoff", "none"]);
    assert_contains(&out, "client, cutoff");
    let c = case_json(&env, "e");
    assert_eq!((c.client, c.cutoff), (None, None));
    assert_eq!(c.title, "Solar pump with float");
    assert_eq!(c.language.code(), "fr");
    let out = env.ok(&words("case edit e --lang fr"));
    assert_contains(&out, "unchanged");
}

#[test]
fn an_id_found_in_two_corpora_needs_corpus() {
    let env = env_with_corpus();
    env.index("fix2", "auto", &fixtures());
    env.ok(&["case", "new", "amb", "--title", "Ambiguous"]);
    env.tisc()
        .args(["case", "cite", "amb", "US7000002B2", "--category", "A"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("matches several documents")
                .and(predicate::str::contains("--corpus")),
        );
    env.ok(&words(
        "case cite amb US7000002B2 --category A --corpus fix2",
    ));
    assert_eq!(case_json(&env, "amb").citations[0].doc.corpus, "fix2");
}

#[test]
fn every_case_command_has_help_with_an_example() {
    let env = TestEnv::new();
    for sub in [
        "case",
        "case new",
        "case edit",
        "case list",
        "case show",
        "case cite",
        "case uncite",
        "case note",
        "case delete",
        "report",
    ] {
        let out = env
            .tisc()
            .args(sub.split(' '))
            .arg("--help")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("Example"),
            "{sub}: {text}"
        );
    }
}

#[test]
fn strategies_recorded_through_the_library_get_history_numbers() {
    let env = env_with_corpus();
    new_case(&env, "lib");
    let store = CaseStore::new(env.path().join("cases"));
    let mut w = store.open_write("lib").unwrap();
    assert_eq!(
        w.record_search(
            "solar pump",
            &[("fix".into(), 2, None), ("other".into(), 5, None)]
        )
        .unwrap(),
        1
    );
    assert_eq!(
        w.record_search("#1 AND float", &[("fix".into(), 1, None)])
            .unwrap(),
        2
    );
    w.close().unwrap();
    let case = case_json(&env, "lib");
    assert_eq!(case.history[0].total(), 7);
    assert_eq!(case.history[1].query, "#1 AND float");
    let md = env.ok(&["report", "lib", "--format", "md"]);
    // Each corpus's own count; strategies and corpora are never summed in the report.
    assert_contains(&md, "fix: 2 hits, other: 5 hits |");
    assert!(!md.contains("total 7"));
}

/// Kill `tisc case cite` at random moments; every citation reported done must be there.
#[test]
fn citations_reported_done_survive_sigkill_at_any_moment() {
    let env = env_with_corpus();
    new_case(&env, "k");
    let docs = [
        "US7000001B2",
        "US7000002B2",
        "US7000003B2",
        "US7000004B2",
        "PMID:31000001",
        "PMID:31000002",
    ];
    let cite = |doc: &str, note: &str| {
        vec![
            "case".to_string(),
            "cite".into(),
            "k".into(),
            doc.into(),
            "--category".into(),
            "A".into(),
            "--note".into(),
            note.into(),
        ]
    };
    // How long one citation takes here, to spread the kills over its whole life.
    let t = Instant::now();
    let warm = spawn(
        &env,
        &cite(docs[0], "attempt 0")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )
    .wait_with_output()
    .unwrap();
    assert!(warm.status.success());
    let typical = t.elapsed().as_micros().max(1000) as u64;

    let mut seed = (u64::from(std::process::id()) ^ (t.elapsed().as_nanos() as u64)) | 1;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut attempts: Vec<(usize, bool)> = vec![(0, true)];
    let (mut killed, started) = (0, Instant::now());
    let mut i = 1;
    while started.elapsed() < Duration::from_secs(5) && i <= 60 {
        let doc = docs[i % docs.len()];
        let args = cite(doc, &format!("attempt {i}"));
        let mut child = spawn(&env, &args.iter().map(String::as_str).collect::<Vec<_>>());
        std::thread::sleep(Duration::from_micros(next() % (typical * 13 / 10)));
        if child.try_wait().unwrap().is_none() {
            let _ = child.kill(); // SIGKILL
            killed += 1;
        }
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let acked = stdout.contains("cited ") || stdout.contains("updated the citation");
        if out.status.code().is_some() && !out.status.success() {
            panic!(
                "cite failed without being killed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        attempts.push((i, acked));
        i += 1;
    }
    eprintln!(
        "{} attempts, {killed} killed, {} acknowledged; one cite ≈ {} ms",
        attempts.len(),
        attempts.iter().filter(|a| a.1).count(),
        typical / 1000
    );

    // The case opens, and for each document the note is from its last acknowledged attempt
    // or a later one (a later attempt may have been saved but killed before it said so).
    let case = case_json(&env, "k");
    for (d, doc) in docs.iter().enumerate() {
        let last_acked = attempts
            .iter()
            .filter(|(n, ok)| *ok && n % docs.len() == d)
            .map(|(n, _)| *n)
            .max();
        let Some(last) = last_acked else { continue };
        let id = doc.to_string();
        let c = case
            .citation(&id)
            .unwrap_or_else(|| panic!("{doc} acknowledged but missing"));
        let n: usize = c
            .note
            .as_deref()
            .unwrap()
            .trim_start_matches("attempt ")
            .parse()
            .unwrap();
        assert!(
            n >= last && n % docs.len() == d,
            "{doc}: note from attempt {n}, acknowledged {last}"
        );
    }
    // No stale lock: the case can be written at once.
    env.ok(&["case", "note", "k", "after the kills"]);
}

#[test]
fn a_second_writer_is_refused_cleanly_and_nothing_is_lost() {
    let env = env_with_corpus();
    new_case(&env, "w");
    let store = CaseStore::new(env.path().join("cases"));
    let mut first = store.open_write("w").unwrap();
    first.add_note("held by the first writer").unwrap();
    let before = store.open("w").unwrap();
    env.tisc()
        .args(["case", "cite", "w", "US7000001B2", "--category", "X"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("read-only").and(predicate::str::contains(format!(
                "pid {}",
                std::process::id()
            ))),
        );
    env.tisc()
        .args(["case", "note", "w", "second"])
        .assert()
        .code(1);
    // Reading needs no lock: reports work while the case is held.
    assert!(env
        .ok(&["report", "w", "--format", "json"])
        .contains("held by the first writer"));
    assert_eq!(store.open("w").unwrap(), before);
    first.close().unwrap();
    env.ok(&["case", "cite", "w", "US7000001B2", "--category", "X"]);
    let case = case_json(&env, "w");
    assert_eq!(case.notes.len(), 1);
    assert_eq!(case.citations.len(), 1);

    // Several processes at once: each one either says it is done or is refused; the notes
    // that were acknowledged are exactly the ones in the case.
    let children: Vec<_> = (0..6)
        .map(|i| spawn(&env, &["case", "note", "w", &format!("race {i}")]))
        .collect();
    let mut acked = Vec::new();
    for (i, c) in children.into_iter().enumerate() {
        let out = c.wait_with_output().unwrap();
        if out.status.success() {
            acked.push(format!("race {i}"));
        } else {
            assert_eq!(out.status.code(), Some(1));
            assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
        }
    }
    assert!(!acked.is_empty());
    let mut notes: Vec<String> = case_json(&env, "w")
        .notes
        .into_iter()
        .map(|n| n.text)
        .filter(|t| t.starts_with("race"))
        .collect();
    notes.sort();
    acked.sort();
    assert_eq!(notes, acked);
}

#[test]
fn source_date_epoch_pins_case_and_report_timestamps() {
    let env = TestEnv::new();
    let pinned = |args: &[&str]| {
        env.tisc()
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .args(args)
            .succeeds()
    };
    pinned(&["case", "new", "epoch", "--title", "Pinned clock"]);
    let first = pinned(&["report", "epoch", "--format", "json"]);
    let second = pinned(&["report", "epoch", "--format", "json"]);
    assert_eq!(first, second, "a pinned clock gives the same report twice");
    let report: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(report["generated_at"], "2023-11-14T22:13:20Z");
    assert_eq!(report["case"]["created_at"], "2023-11-14T22:13:20Z");

    env.tisc()
        .env("SOURCE_DATE_EPOCH", "last tuesday")
        .args(["report", "epoch", "--format", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SOURCE_DATE_EPOCH=`last tuesday`"));
}
