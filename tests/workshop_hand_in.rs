//! Handing in an exercise: `tisc workshop submit` and the workbench's worker call the same
//! library function, and write the same submission (the strategies run again for their
//! first hits, the corpus fingerprint); a folder that is not there is bad input.

mod common;

use common::TestEnv;
use std::path::Path;
use tisc::tui::action::{Effect, JobDone};
use tisc::tui::strings::UiLang;
use tisc::workshop::Submission;

fn pack(dir: &Path) {
    std::fs::write(
        dir.join("pack.toml"),
        r#"title = "Hand-in pack"
language = "en"
instructions = "Search and cite."
corpora = ["demo"]

[[exercise]]
id = "pump"
title = "Solar pump"
disclosure = "A pump driven by a solar panel, with a float switch."
cutoff = "2012-06-30"
time_limit = "45m"
claims = "1. A pump driven by a solar panel."
"#,
    )
    .expect("pack.toml");
}

fn read(path: &Path) -> Submission {
    serde_json::from_str(&std::fs::read_to_string(path).expect("submission file"))
        .expect("a submission")
}

#[test]
fn the_command_and_the_workbench_hand_in_the_same_submission() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let p = tempfile::tempdir().expect("pack folder");
    pack(p.path());
    let out = env.ok(&[
        "workshop",
        "start",
        p.path().to_str().expect("utf-8 path"),
        "pump",
        "--trainee",
        "ada",
    ]);
    assert_eq!(out.trim_end().lines().last(), Some("pump-ada"), "{out}");
    env.ok(&["search", "--case", "pump-ada", "solar AND pump*"]);

    // Bad folders are bad input (exit code 2), named.
    let folder = tempfile::tempdir().expect("trainer's folder");
    let missing = folder.path().join("later");
    let out = env
        .tisc()
        .args(["workshop", "submit", "pump-ada", "--to"])
        .arg(&missing)
        .output()
        .expect("run tisc");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no such folder (give --mkdir"), "{err}");
    let file = folder.path().join("notes.txt");
    std::fs::write(&file, "x").expect("a file");
    let out = env
        .tisc()
        .args(["workshop", "submit", "pump-ada", "--to"])
        .arg(&file)
        .output()
        .expect("run tisc");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));

    // The command.
    let out = env.ok(&[
        "workshop",
        "submit",
        "pump-ada",
        "--to",
        missing.to_str().expect("utf-8 path"),
        "--mkdir",
    ]);
    assert!(out.contains("on time"), "{out}");
    let main = missing.join("ada--pump.json");
    let by_cli = read(&main);
    assert_eq!(by_cli.strategies.len(), 1);
    assert!(!by_cli.strategies[0].top.is_empty(), "{by_cli:?}");
    assert_eq!(by_cli.corpora.len(), 1);
    assert_eq!(by_cli.corpora[0].name, "demo");
    assert!(by_cli.corpora[0].documents > 0);

    // The workbench's worker, into the same folder: the earlier file is kept beside it.
    let ws = tisc::corpus::Workspace::at(env.path());
    let (tx, _rx) = crossbeam_channel::unbounded();
    let done = tisc::tui::worker::perform(
        &ws,
        &tisc::tui::worker::IndexCache::default(),
        &tisc::search::job::Generation::new().start(),
        Effect::Submit {
            gen: 1,
            case: "pump-ada".into(),
            dir: missing.clone(),
            lang: UiLang::En,
        },
        &tx,
    );
    let outcome = match done {
        JobDone::Submitted(Ok(o)) => o,
        other => panic!("{other:?}"),
    };
    assert_eq!(outcome.path, main);
    assert_eq!(outcome.kept, Some(missing.join("ada--pump.1.json")));
    assert_eq!(read(&missing.join("ada--pump.1.json")), by_cli);
    let by_tui = read(&main);
    assert_eq!(by_tui.strategies, by_cli.strategies);
    assert_eq!(by_tui.corpora, by_cli.corpora);
    assert_eq!(by_tui.citations, by_cli.citations);
    assert!(by_tui.submitted_at >= by_cli.submitted_at);
}
