//! The real binary in a real (tmux) terminal (a module of `tests/tui.rs`): pastes, Esc and
//! drafts, query-open-cite-export, and the whole search record — paste, run, cite, remove,
//! correct, restart — checked in the case file and the report.

use crate::common::assert_contains;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", &self.session])
            .output();
        out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    /// Poll the screen until it shows `text` (or panic with what it shows after `secs`).
    fn wait_for(&self, text: &str, secs: u64) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                panic!("`{text}` did not appear within {secs} s; the screen shows:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", &self.session])
            .args(keys)
            .status();
        assert!(status.is_ok_and(|s| s.success()), "tmux send-keys {keys:?}");
        // Let the workbench read each burst on its own: an Esc followed at once by a
        // letter would read as Alt-letter.
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Send `keys`, then wait for the screen to show `text` (see [`Tmux::wait_for`]).
    fn press(&self, keys: &[&str], text: &str, secs: u64) -> String {
        self.keys(keys);
        self.wait_for(text, secs)
    }

    fn text(&self, text: &str) {
        self.keys(&["-l", text]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

fn has_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Start the workbench on an empty `TISC_HOME` in a 120×40 tmux session, twice in a
/// row: `TISC-EXITED-<code>` after the first run, `TISC-AGAIN-<code>` after the second.
fn start_twice(t: &Tmux, home: &std::path::Path) {
    let bin = env!("CARGO_BIN_EXE_tisc");
    let run = format!("TISC_HOME='{}' '{bin}'", home.display());
    start(
        t,
        &format!("{run}; echo TISC-EXITED-$?; {run}; echo TISC-AGAIN-$?; sleep 120"),
    );
}

/// Run `script` with `sh -c` in a new 120×40 tmux session.
fn start(t: &Tmux, script: &str) {
    let started = t
        .cmd()
        .args([
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
            "-s",
            &t.session,
            "sh",
            "-c",
            script,
        ])
        .env("TERM", "xterm-256color")
        .status();
    assert!(started.is_ok_and(|s| s.success()), "tmux new-session");
}

#[test]
fn a_pasted_strategy_runs_whole_esc_reaches_the_history_and_a_restart_reopens_the_case() {
    if !has_tmux() {
        super::common::skip("tmux is not installed (.ci/run installs it)");
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let t = Tmux {
        socket: format!("tisc-paste-{}", std::process::id()),
        session: "wb".into(),
    };
    start_twice(&t, home.path());
    t.wait_for("indexed demo: 211 documents", 120);
    t.wait_for("Type a strategy", 10);
    t.keys(&["Escape"]);
    t.press(&["C"], "No cases yet", 10);
    t.press(&["n"], "New case", 10);
    t.text("paste-e2e");
    t.keys(&["Tab"]);
    t.text("Pasted strategies");
    t.press(&["Enter"], "Case paste-e2e", 10);

    // A two-line strategy, pasted with bracketed paste: both lines in the editor,
    // nothing run.
    t.keys(&["/"]);
    let set = t
        .cmd()
        .args([
            "set-buffer",
            "-b",
            "p",
            "(solar OR photovoltaic*)\nAND pump*",
        ])
        .status();
    assert!(set.is_ok_and(|s| s.success()), "tmux set-buffer");
    t.keys(&["C-u"]);
    let pasted = t
        .cmd()
        .args(["paste-buffer", "-p", "-b", "p", "-t", &t.session])
        .status();
    assert!(pasted.is_ok_and(|s| s.success()), "tmux paste-buffer");
    let editor = t.wait_for("AND pump*", 10);
    assert_contains(&editor, "(solar OR photovoltaic*)");
    // Enter runs the whole strategy.
    t.press(&["Enter"], " in demo", 30);

    // Esc: the history has the focus, so `C` is a command, not query text.
    t.keys(&["Escape"]);
    t.press(&["C"], "Strategies", 10);
    t.keys(&["Escape"]);
    // Enter on the history line shows set #1 again without recording it.
    t.press(&["Enter"], "#1 shown again (not recorded)", 30);

    // Pasted as keys (no bracketed paste): the line break does not run a partial
    // strategy and the `q` of the second line is text, not quit.
    t.keys(&["/"]);
    t.text("\nAND zebraqx");
    let draft = t.wait_for("AND zebraqx", 10);
    assert!(!draft.contains("TISC-EXITED"), "{draft}");
    // The draft is not dropped silently: q from the history asks, n keeps it.
    t.keys(&["Escape"]);
    t.press(&["q"], "Discard draft? y/n", 10);
    t.keys(&["n"]);
    t.press(&["q"], "Discard draft? y/n", 10);
    t.keys(&["y"]);

    // The restart reopens the case, on the history (the discarded draft is gone).
    let again = t.wait_for("Case: paste-e2e", 30);
    assert_contains(&again, "AND pump*");
    assert!(!again.contains("zebraqx"), "{again}");
    let ended = t.press(&["q"], "TISC-AGAIN-0", 10);
    assert_contains(&ended, "TISC-EXITED-0");

    let case =
        std::fs::read_to_string(home.path().join("cases/paste-e2e/case.json")).expect("case.json");
    let case: serde_json::Value = serde_json::from_str(&case).expect("case.json is JSON");
    let history = case["history"].as_array().expect("a history");
    assert_eq!(history.len(), 1, "only the strategy that ran: {case}");
    assert_eq!(
        history[0]["query"], "(solar OR photovoltaic*) AND pump*",
        "{case}"
    );
}

#[test]
fn query_open_cite_export_and_quit_in_a_real_terminal() {
    if !has_tmux() {
        super::common::skip("tmux is not installed (.ci/run installs it)");
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let bin = env!("CARGO_BIN_EXE_tisc");
    let t = Tmux {
        socket: format!("tisc-test-{}", std::process::id()),
        session: "wb".into(),
    };
    start(
        &t,
        &format!(
            "TISC_HOME='{}' '{bin}'; echo TISC-EXITED-$?; sleep 120",
            home.path().display()
        ),
    );

    // First start: the demo corpus is indexed, then the query editor waits.
    t.wait_for("indexed demo: 211 documents", 120);
    t.wait_for("Type a strategy", 10);

    // A case to cite in: Esc leaves the editor, C lists the cases, n makes one.
    t.keys(&["Escape"]);
    t.press(&["C"], "No cases yet", 10);
    t.press(&["n"], "New case", 10);
    t.text("pump-e2e");
    t.keys(&["Tab"]);
    t.text("Solar pump with float switch");
    // Client, cutoff, language, then the disclosure (for query by example below).
    t.keys(&["Tab", "Tab", "Tab", "Tab"]);
    t.text("A solar water pump whose float switch is ballasted with sand.");
    t.press(&["Enter"], "Case pump-e2e", 10);

    // The query, on every indexed corpus of the case (the demo).
    t.keys(&["/"]);
    t.text("\"sand-ballasted float switch\"");
    let results = t.press(&["Enter"], "1 hit in demo", 30);
    assert_contains(&results, "US6920979B2");

    // Open the first document; its matches are counted.
    let doc = t.press(&["Enter"], "matches", 30);
    assert!(
        doc.contains("US6920979B2") && doc.contains("Claims (en)"),
        "{doc}"
    );
    t.keys(&["n"]);

    // Cite it: X, claims 1,2.
    t.press(&["c"], "Category", 10);
    t.text("X");
    t.keys(&["Tab"]);
    t.text("1,2");
    t.press(&["Enter"], "cited US6920979B2 in case pump-e2e", 30);

    // The report: preview, export, quit.
    t.press(&["R"], "Prior-art search report", 30);
    let exported = t.press(&["e"], "exported to", 30);
    assert_contains(&exported, "report-en.md");

    // Query by example: back to the case, x puts the disclosure's key terms in the
    // editor without running them; Enter runs them as strategy #2.
    t.press(&["C"], "pump-e2e", 10);
    t.press(&["Enter"], "x query by example", 10);
    let editor = t.press(&["x"], "key terms weighted over demo", 30);
    assert_contains(&editor, " OR ");
    let results = t.press(&["Enter"], "#2 ", 30);
    assert_contains(&results, "US6920979B2");
    t.press(&["q"], "TISC-EXITED-0", 10);

    let report_path = home.path().join("cases/pump-e2e/exports/report-en.md");
    let report = std::fs::read_to_string(&report_path)
        .unwrap_or_else(|e| panic!("{}: {e}", report_path.display()));
    assert_contains(&report, "US6920979B2");
    assert!(
        report.contains("sand-ballasted float switch"),
        "the strategy is in the report: {report}"
    );
    let case =
        std::fs::read_to_string(home.path().join("cases/pump-e2e/case.json")).expect("case.json");
    let case: serde_json::Value = serde_json::from_str(&case).expect("case.json is JSON");
    let cited = &case["citations"][0];
    assert_eq!(cited["doc"]["id"], "US6920979B2", "{case}");
    assert_eq!(cited["claims"], serde_json::json!([1, 2]), "{case}");
    assert_eq!(
        case["history"][0]["query"], "\"sand-ballasted float switch\"",
        "{case}"
    );
    let by_example = case["history"][1]["query"].as_str().unwrap_or_default();
    assert!(
        by_example.contains("sand") && by_example.contains(" OR "),
        "{case}"
    );
}

/// `tisc` with `TISC_HOME` at `home`: its output, panicking (with stderr) when it fails.
fn tisc(home: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tisc"))
        .env("TISC_HOME", home)
        .args(args)
        .output()
        .expect("tisc runs");
    assert!(
        out.status.success(),
        "tisc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `case.json` of case `id`, once `ready` holds for it (or panic with it after `secs`).
fn case_when(
    home: &std::path::Path,
    id: &str,
    secs: u64,
    ready: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let path = home.join("cases").join(id).join("case.json");
    let start = Instant::now();
    loop {
        let case = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok());
        match case {
            Some(c) if ready(&c) => return c,
            other if start.elapsed() > Duration::from_secs(secs) => {
                panic!(
                    "{} not as expected within {secs} s: {other:?}",
                    path.display()
                )
            }
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The queries of a JSON list of strategies (`history`, or `strategy` of `removed_history`).
fn queries(list: &serde_json::Value, inner: Option<&str>) -> Vec<(u64, String)> {
    list.as_array()
        .map(|a| {
            a.iter()
                .map(|s| inner.map_or(s, |k| &s[k]))
                .map(|s| {
                    (
                        s["number"].as_u64().unwrap_or(0),
                        s["query"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_search_record_is_edited_in_a_real_terminal_and_the_report_shows_the_final_one() {
    if !has_tmux() {
        super::common::skip("tmux is not installed (.ci/run installs it)");
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let h = home.path();
    tisc(h, &["index", "demo"]);
    tisc(
        h,
        &[
            "case",
            "new",
            "rec-e2e",
            "--title",
            "Solar pump record",
            "--corpus",
            "demo",
        ],
    );
    let t = Tmux {
        socket: format!("tisc-record-{}", std::process::id()),
        session: "wb".into(),
    };
    start_twice(&t, h);
    t.wait_for("Type a strategy", 20);
    // Open the case from the list of cases.
    t.keys(&["Escape"]);
    t.press(&["C"], "rec-e2e", 10);
    t.press(&["Enter"], "opened case rec-e2e", 10);

    // #1: a two-line strategy pasted with bracketed paste, run whole and recorded whole.
    t.keys(&["/"]);
    let set = t
        .cmd()
        .args([
            "set-buffer",
            "-b",
            "p",
            "(solar OR photovoltaic*)\nAND pump*",
        ])
        .status();
    assert!(set.is_ok_and(|s| s.success()), "tmux set-buffer");
    let pasted = t
        .cmd()
        .args(["paste-buffer", "-p", "-b", "p", "-t", &t.session])
        .status();
    assert!(pasted.is_ok_and(|s| s.success()), "tmux paste-buffer");
    t.wait_for("AND pump*", 10);
    t.press(&["Enter"], " in demo", 30);
    let case = case_when(h, "rec-e2e", 10, |c| {
        queries(&c["history"], None).len() == 1
    });
    assert_eq!(
        queries(&case["history"], None),
        [(1, "(solar OR photovoltaic*) AND pump*".to_string())]
    );

    // Cite the first result of #1 (the cite form: category, claims).
    t.press(&["c"], "Category", 10);
    t.text("A");
    t.press(&["Enter"], "in case rec-e2e", 30);
    let case = case_when(h, "rec-e2e", 10, |c| {
        c["citations"].as_array().is_some_and(|a| a.len() == 1)
    });
    let cited = case["citations"][0]["doc"]["id"]
        .as_str()
        .expect("a cited id")
        .to_string();

    // #2, typed over #1's two lines (erase the second line, join, erase the first).
    t.keys(&["Escape"]);
    t.keys(&["/"]);
    t.keys(&["C-u", "BSpace", "C-u"]);
    t.text("float* AND switch*");
    t.keys(&["Enter"]);
    case_when(h, "rec-e2e", 30, |c| {
        queries(&c["history"], None).len() == 2
    });
    t.wait_for(" in demo", 30);

    // Esc from the results gives the history the focus: `g` and `d` are commands (top,
    // remove #1), not query text.
    t.keys(&["Escape"]);
    t.keys(&["g"]);
    let asked = t.press(&["d"], "Remove #1 from the history?", 10);
    assert!(!asked.contains("switch*gd"), "{asked}");
    t.press(&["y"], "removed #1", 10);

    // Correct #2 under its number: `c`, change it, Enter.
    t.press(&["c"], "correcting #2", 10);
    t.keys(&["End"]);
    t.text(" AND tank*");
    t.press(&["Enter"], "#2 corrected", 30);
    case_when(h, "rec-e2e", 10, |c| {
        queries(&c["history"], None) == [(2, "float* AND switch* AND tank*".to_string())]
    });

    // Remove the citation from the case view.
    t.keys(&["Escape"]);
    t.press(&["C"], "rec-e2e", 10);
    t.press(&["Enter"], &cited, 10);
    t.press(&["d"], "Remove the citation of", 10);
    t.press(&["y"], &format!("removed {cited}"), 10);

    // Quit; the restart reopens the case on its case view (the status of the first run,
    // with the removal, is gone).
    t.keys(&["q"]);
    let start = Instant::now();
    let removed = format!("removed {cited}");
    loop {
        let shown = t.screen();
        if shown.contains("Case: rec-e2e")
            && shown.contains("Citations (0)")
            && !shown.contains(&removed)
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the restart did not reopen the case:\n{shown}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let ended = t.press(&["q"], "TISC-AGAIN-0", 10);
    assert_contains(&ended, "TISC-EXITED-0");

    // The case file keeps the history; the report shows the final record.
    let case = case_when(h, "rec-e2e", 5, |_| true);
    assert_eq!(
        queries(&case["history"], None),
        [(2, "float* AND switch* AND tank*".to_string())]
    );
    let removed = queries(&case["removed_history"], Some("strategy"));
    assert_eq!(
        removed,
        [
            (1, "(solar OR photovoltaic*) AND pump*".to_string()),
            (2, "float* AND switch*".to_string())
        ]
    );
    assert_eq!(case["removed_history"][1]["amended"], true, "{case}");
    assert_eq!(case["citations"], serde_json::json!([]), "{case}");
    assert_eq!(
        case["removed_citations"][0]["citation"]["doc"]["id"], cited,
        "{case}"
    );
    let report = tisc(h, &["report", "rec-e2e", "--format", "md"]);
    assert_contains(&report, "| 2 | `float* AND switch* AND tank*` |");
    assert_contains(&report, "No document was cited.");
    for gone in ["photovoltaic", "`float* AND switch*`", "| 1 |", &cited] {
        assert!(!report.contains(gone), "`{gone}` in the report:\n{report}");
    }
}
