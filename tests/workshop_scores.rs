//! Workshop submissions and results end to end through the command line: three trainees on
//! one exercise of a test pack with a 1 s time limit (one perfect, one partial, one late),
//! their submissions, the leaderboard in every format, a resubmission, a changed corpus.
//!
//! The demo corpus is indexed in a temporary `TISC_HOME`. Strategies search publication
//! numbers (`pn:`), so each hit list is known exactly and the scores can be computed by hand.
//! The two trainees on time run with `SOURCE_DATE_EPOCH` pinned (start and submission at known
//! instants: 0 s and 1 s taken); the late one works in real time and waits past the limit.

mod common;

use common::{assert_contains, Run, TestEnv};
use serde_json::Value;
use std::path::Path;

/// 2026-01-01T00:00:00Z, the pinned clock of the trainees on time.
const T0: u64 = 1_767_225_600;

/// A pack of one exercise with a 1 s limit, and its gold: three families. US8523407B2 (X) is
/// one family with EP2374522B1; EP1728489A1 (Y) and US9241879B2 (Y) are families of their own.
fn pack(dir: &Path) {
    std::fs::write(
        dir.join("pack.toml"),
        r#"title = "Scoring pack"
language = "en"
instructions = "Search the solar pump and cite what anticipates it."
corpora = ["demo"]

[[exercise]]
id = "pump"
title = "Solar pump"
disclosure = "A surface pump driven by a solar panel, for irrigation."
cutoff = "2030-01-01"
time_limit = "1s"
claims = "1. A pump driven by a solar panel."
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("gold.toml"),
        r#"[pump]
citations = [
    { doc = "US8523407B2", category = "X", claims = [1] },
    { doc = "EP1728489A1", category = "Y", claims = [1] },
    { doc = "US9241879B2", category = "Y", claims = [1] },
]
"#,
    )
    .unwrap();
}

/// The last line of a command's output.
fn last_line(out: &str) -> String {
    out.trim_end()
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

struct Course {
    env: TestEnv,
    pack: tempfile::TempDir,
    subs: tempfile::TempDir,
}

impl Course {
    fn new() -> Course {
        let env = TestEnv::new();
        env.ok(&["index", "demo"]);
        let pack_dir = tempfile::tempdir().unwrap();
        pack(pack_dir.path());
        Course {
            env,
            pack: pack_dir,
            subs: tempfile::tempdir().unwrap(),
        }
    }

    fn pack_arg(&self) -> &str {
        self.pack.path().to_str().unwrap()
    }

    fn to(&self) -> &str {
        self.subs.path().to_str().unwrap()
    }

    /// `tisc args` with the clock at `at` (seconds after T0), or the real clock: stdout.
    fn at(&self, at: Option<u64>, args: &[&str]) -> String {
        let mut cmd = self.env.tisc();
        match at {
            Some(s) => cmd.env("SOURCE_DATE_EPOCH", (T0 + s).to_string()),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        cmd.args(args).succeeds()
    }

    /// Start the exercise for `trainee`: the case id.
    fn start(&self, at: Option<u64>, trainee: &str) -> String {
        let out = self.at(
            at,
            &[
                "workshop",
                "start",
                self.pack_arg(),
                "pump",
                "--trainee",
                trainee,
            ],
        );
        last_line(&out)
    }

    fn search(&self, at: Option<u64>, case: &str, query: &str) {
        self.at(at, &["search", "--case", case, query]);
    }

    fn cite(&self, at: Option<u64>, case: &str, doc: &str, category: &str) {
        self.at(
            at,
            &[
                "case",
                "cite",
                case,
                doc,
                "--category",
                category,
                "--claims",
                "1",
            ],
        );
    }

    fn submit(&self, at: Option<u64>, case: &str) -> String {
        self.at(at, &["workshop", "submit", case, "--to", self.to()])
    }

    /// `tisc workshop results PACK DIR --format F [more]`: stdout and stderr.
    fn results(&self, format: &str, more: &[&str]) -> (String, String) {
        let mut args = vec![
            "workshop",
            "results",
            self.pack_arg(),
            self.to(),
            "--format",
            format,
        ];
        args.extend_from_slice(more);
        self.env.tisc().args(&args).succeeds_both()
    }

    fn submission(&self, file: &str) -> Value {
        let text = std::fs::read_to_string(self.subs.path().join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        serde_json::from_str(&text).unwrap()
    }
}

fn close(got: &Value, expect: f64, what: &str) {
    let got = got
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: not a number: {got}"));
    assert!(
        (got - expect).abs() < 1e-9,
        "{what}: got {got}, expected {expect}"
    );
}

#[test]
fn three_trainees_are_submitted_scored_and_ranked() {
    let c = Course::new();

    // ada, perfect: one strategy whose three hits are the three gold families; all three
    // cited in the gold's categories. Started and submitted at T0: 0 s taken.
    let ada = c.start(Some(0), "ada");
    assert_eq!(ada, "pump-ada");
    c.search(
        Some(0),
        &ada,
        "pn:US8523407 OR pn:EP1728489 OR pn:US9241879",
    );
    c.cite(Some(0), &ada, "US8523407B2", "X");
    c.cite(Some(0), &ada, "EP1728489A1", "Y");
    c.cite(Some(0), &ada, "US9241879B2", "Y");
    let out = c.submit(Some(0), &ada);
    assert_contains(&out, "ada--pump.json");
    assert_contains(&out, "on time");

    // bea, partial, submits twice. First at T0 with strategy #1 (one hit, EP2374522B1, the
    // family of gold US8523407B2) and nothing cited; then she cites EP2374522B1 as X and
    // US11144623B1 (not in the gold) as A, runs #2 (one hit, US11144623B1) and submits again
    // at T0 + 1 s: 1 s taken, which is the limit, so on time.
    let bea = c.start(Some(0), "bea");
    c.search(Some(0), &bea, "pn:EP2374522");
    let first = c.submit(Some(0), &bea);
    assert!(!first.contains("kept"), "{first}");
    c.cite(Some(1), &bea, "EP2374522B1", "X");
    c.cite(Some(1), &bea, "US11144623B1", "A");
    c.search(Some(1), &bea, "pn:US11144623");
    let again = c.submit(Some(1), &bea);
    assert_contains(&again, "bea--pump.1.json");
    assert_contains(&again, "on time");

    // cy, late, in real time: one strategy with two gold families as its two hits; cites
    // US8523407B2 as X, EP1728489A1 as X (the gold says Y) and US11144623B1 as A; waits
    // past the 1 s limit before submitting.
    let cy = c.start(None, "cy");
    c.search(None, &cy, "pn:US8523407 OR pn:EP1728489");
    c.cite(None, &cy, "US8523407B2", "X");
    c.cite(None, &cy, "EP1728489A1", "X");
    c.cite(None, &cy, "US11144623B1", "A");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let out = c.submit(None, &cy);
    assert_contains(&out, "LATE");

    // The submission files: the case export, each strategy's first hits, timings, the tisc
    // version and the corpus's fingerprint.
    let a = c.submission("ada--pump.json");
    assert_eq!(a["trainee"], "ada");
    assert_eq!(a["exercise"], "pump");
    assert_eq!(a["tisc_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(a["started_at"], "2026-01-01T00:00:00Z");
    assert_eq!(a["submitted_at"], "2026-01-01T00:00:00Z");
    assert_eq!(
        (a["elapsed_secs"].as_u64(), a["late"].as_bool()),
        (Some(0), Some(false))
    );
    assert_eq!(a["time_limit_secs"], 1);
    let mut top: Vec<&str> = a["strategies"][0]["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    top.sort_unstable();
    assert_eq!(top, ["EP1728489A1", "US8523407B2", "US9241879B2"]);
    assert_eq!(a["strategies"][0]["number"], 1);
    assert_eq!(a["citations"].as_array().unwrap().len(), 3);
    assert!(a["case_export"].is_object(), "{}", a["case_export"]);
    assert_contains(&a["case_export"].to_string(), "US9241879B2");
    let fp = &a["corpora"][0];
    assert_eq!(fp["name"], "demo");
    assert!(fp["documents"].as_u64().unwrap() > 0, "{fp}");
    assert!(!fp["generation"].as_str().unwrap().is_empty(), "{fp}");
    // bea's earlier submission is kept beside the latest.
    let kept = c.submission("bea--pump.1.json");
    assert_eq!(kept["citations"].as_array().unwrap().len(), 0);
    assert_eq!(kept["strategies"].as_array().unwrap().len(), 1);
    let b = c.submission("bea--pump.json");
    assert_eq!(
        (b["elapsed_secs"].as_u64(), b["late"].as_bool()),
        (Some(1), Some(false))
    );
    assert_eq!(b["strategies"].as_array().unwrap().len(), 2);
    let y = c.submission("cy--pump.json");
    assert_eq!(y["late"], true);
    assert!(
        y["elapsed_secs"].as_u64().unwrap() >= 2,
        "{}",
        y["elapsed_secs"]
    );

    // The leaderboard as JSON: one object per trainee and exercise, best first.
    let (json, err) = c.results("json", &[]);
    assert!(!err.contains("warning"), "{err}");
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    let order: Vec<(&str, u64)> = rows
        .iter()
        .map(|r| (r["trainee"].as_str().unwrap(), r["rank"].as_u64().unwrap()))
        .collect();
    assert_eq!(order, [("ada", 1), ("cy", 2), ("bea", 3)], "{json}");
    for r in &rows {
        assert_eq!(r["exercise"], "pump");
    }
    let (ra, ry, rb) = (&rows[0], &rows[1], &rows[2]);

    // ada: 3 of 3 gold families cited, 3 families cited: recall = precision = F1 = 1. Her
    // strategy's list is the three gold families at ranks 1, 2, 3: AP = (1/1 + 2/2 + 3/3)/3
    // = 1; PRES@100 = 1 − (Σr/n − (n+1)/2)/100 = 1 − (6/3 − 2)/100 = 1.
    for (k, v) in [
        ("recall", 1.0),
        ("precision", 1.0),
        ("f1", 1.0),
        ("pres", 1.0),
        ("map", 1.0),
    ] {
        close(&ra[k], v, &format!("ada {k}"));
    }
    assert_eq!(ra["late"], false);
    assert_eq!(ra["categories"]["X"]["X"], 1);
    assert_eq!(ra["categories"]["Y"]["Y"], 2);

    // cy: families cited US8523407B2, EP1728489A1 (gold) and US11144623B1 (not):
    // recall 2/3, precision 2/3, F1 2/3. Her strategy finds gold at ranks 1 and 2, the third
    // missing at rank 100 + 3: Σr = 106, PRES = 1 − (106/3 − 2)/100 = 1 − (100/3)/100 = 2/3;
    // AP = (1/1 + 2/2)/3 = 2/3. Late, and still ranked by her scores.
    for (k, v) in [
        ("recall", 2.0 / 3.0),
        ("precision", 2.0 / 3.0),
        ("f1", 2.0 / 3.0),
        ("pres", 2.0 / 3.0),
        ("map", 2.0 / 3.0),
    ] {
        close(&ry[k], v, &format!("cy {k}"));
    }
    assert_eq!(ry["late"], true);
    // Category agreement: gold X cited X; gold Y EP1728489A1 cited X, US9241879B2 not cited;
    // US11144623B1 cited A outside the gold.
    assert_eq!(ry["categories"]["X"]["X"], 1);
    assert_eq!(ry["categories"]["Y"]["X"], 1);
    assert_eq!(ry["categories"]["Y"]["not_cited"], 1);
    assert_eq!(ry["categories"]["not_in_gold"]["A"], 1);

    // bea: EP2374522B1 cites the family of gold US8523407B2; US11144623B1 is not in the gold:
    // recall 1/3, precision 1/2, F1 = 2 · (1/2) · (1/3) / (1/2 + 1/3) = 2/5. Strategy #1 has
    // the gold family at rank 1 and misses two (ranks 102, 103): Σr = 206,
    // PRES = 1 − (206/3 − 2)/100 = 1 − (200/3)/100 = 1/3, AP = (1/1)/3 = 1/3. Strategy #2
    // finds no gold: PRES = 1 − (306/3 − 2)/100 = 0, AP = 0. The best is #1.
    for (k, v) in [
        ("recall", 1.0 / 3.0),
        ("precision", 0.5),
        ("f1", 0.4),
        ("pres", 1.0 / 3.0),
        ("map", 1.0 / 3.0),
    ] {
        close(&rb[k], v, &format!("bea {k}"));
    }
    assert_eq!(rb["late"], false);
    assert_eq!(rb["best_strategy"], 1);
    assert_eq!(rb["strategies"], 2);
    close(&rb["per_strategy"][1]["pres"], 0.0, "bea #2 pres");

    // The table: both leaderboards, the late mark and the most missed gold document
    // (US9241879B2, cited by ada only: missed by 2 of 3).
    let (table, _) = c.results("table", &["--lang", "en"]);
    assert_contains(&table, "Leaderboard by exercise");
    assert_contains(&table, "Leaderboard by trainee");
    assert_contains(&table, "MAP");
    assert_contains(&table, "US9241879B2 (Y): missed by 2 of 3");
    assert_contains(&table, "cy (late)");
    assert!(!table.contains("bea (late)"), "{table}");
    // Times taken 0 s, 1 s and at least 2 s: the median is 1 s; one submission late.
    assert_contains(&table, "Median time: 1s");
    assert_contains(&table, "Late submissions: 1");
    let ranked: Vec<&str> = table
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            match (w.next(), w.next()) {
                (Some("1" | "2" | "3"), Some(t)) => Some(t),
                _ => None,
            }
        })
        .collect();
    assert_eq!(&ranked[..3], ["ada", "cy", "bea"], "{table}");

    // In French.
    let (fr, _) = c.results("table", &["--lang", "fr"]);
    assert_contains(&fr, "Classement par exercice");
    assert_contains(&fr, "manqué par 2 sur 3");

    // CSV: the header and one record per trainee, in rank order.
    let (csv, _) = c.results("csv", &[]);
    let records: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(records.len(), 4, "{csv}");
    assert!(records[0].starts_with("exercise,rank,trainee,f1"), "{csv}");
    assert!(records[1].starts_with("pump,1,ada,1"), "{csv}");
    assert!(records[2].starts_with("pump,2,cy,"), "{csv}");
    assert!(records[3].starts_with("pump,3,bea,0.4"), "{csv}");

    // HTML: one page with the trainees in order.
    let (html, _) = c.results("html", &["--lang", "es"]);
    assert_contains(&html, "<html");
    assert_contains(&html, "Clasificación por ejercicio");
    let pos = |t: &str| {
        html.find(&format!(">{t}"))
            .unwrap_or_else(|| panic!("{t}: {html}"))
    };
    assert!(pos("ada") < pos("cy") && pos("cy") < pos("bea"), "{html}");
}

#[test]
fn a_missing_folder_is_refused_unless_made_and_a_changed_corpus_is_warned() {
    let c = Course::new();
    let ada = c.start(Some(0), "ada");
    c.search(Some(0), &ada, "pn:US8523407");
    c.cite(Some(0), &ada, "US8523407B2", "X");

    // A folder that does not exist: exit 2 naming it, unless --mkdir.
    let missing = c.subs.path().join("not-yet");
    let missing_arg = missing.to_str().unwrap();
    let err = c
        .env
        .tisc()
        .env("SOURCE_DATE_EPOCH", T0.to_string())
        .args(["workshop", "submit", &ada, "--to", missing_arg])
        .ends_saying(2, "not-yet");
    assert_contains(&err, "--mkdir");
    assert!(!missing.exists());
    c.at(
        Some(0),
        &["workshop", "submit", &ada, "--to", missing_arg, "--mkdir"],
    );
    assert!(missing.join("ada--pump.json").is_file());

    // A case that is not an exercise cannot be submitted.
    c.env.ok(&["case", "new", "plain", "--title", "Plain"]);
    c.env
        .tisc()
        .args(["workshop", "submit", "plain", "--to", c.to()])
        .ends_saying(2, "not a workshop exercise");

    // The results of that folder: no warning while the corpus is as it was searched.
    let results = |dir: &str| {
        c.env
            .tisc()
            .args(["workshop", "results", c.pack_arg(), dir, "--format", "json"])
            .succeeds_both()
    };
    let (json, err) = results(missing_arg);
    assert!(!err.contains("warning"), "{err}");
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 1);
    // Strategy #1 finds gold US8523407B2 at rank 1 of 3 gold families: PRES = 1/3.
    close(&rows[0]["pres"], 1.0 / 3.0, "pres");

    // The submission says the corpus had one document more: the results warn, naming it.
    let file = missing.join("ada--pump.json");
    let mut sub: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let docs = sub["corpora"][0]["documents"].as_u64().unwrap();
    sub["corpora"][0]["documents"] = Value::from(docs + 1);
    std::fs::write(&file, serde_json::to_string_pretty(&sub).unwrap()).unwrap();
    let (json, err) = results(missing_arg);
    assert_contains(&err, "warning");
    assert_contains(&err, "ada--pump.json");
    assert_contains(&err, &format!("{} documents", docs + 1));
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 1);

    // A file that is not a submission is skipped and named: the others are still scored,
    // and the command ends as partial (exit code 3).
    std::fs::write(missing.join("notes.json"), "not a submission\n").unwrap();
    let (json, err) = c
        .env
        .tisc()
        .args([
            "workshop",
            "results",
            c.pack_arg(),
            missing_arg,
            "--format",
            "json",
        ])
        .ends_both(3, "1 file skipped");
    assert_contains(&err, "notes.json");
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["trainee"], "ada");

    // A pack without its gold cannot be scored: exit 2.
    let no_gold = tempfile::tempdir().unwrap();
    std::fs::copy(
        c.pack.path().join("pack.toml"),
        no_gold.path().join("pack.toml"),
    )
    .unwrap();
    c.env
        .tisc()
        .args([
            "workshop",
            "results",
            no_gold.path().to_str().unwrap(),
            missing_arg,
        ])
        .ends_saying(2, "gold.toml");

    // The results of a folder that does not exist: exit 2.
    c.env
        .tisc()
        .args([
            "workshop",
            "results",
            c.pack_arg(),
            c.subs.path().join("nowhere").to_str().unwrap(),
        ])
        .ends_saying(2, "nowhere");
}
