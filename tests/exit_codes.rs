//! The exit-code table every command follows (docs/user-guide.md, "Exit codes"): 0 done,
//! 1 runtime failure, 2 usage error / bad query / unreadable or refused input, 3 partial.

mod common;

use common::{Run, TestEnv};

fn code(env: &TestEnv, args: &[&str]) -> (Option<i32>, String) {
    let (code, _, stderr) = env.run(args);
    (code, stderr)
}

#[test]
fn each_command_ends_with_the_documented_code() {
    let env = TestEnv::new();
    let data = env.beir_corpus(
        "small",
        &[
            (
                "D1",
                "Solar pump",
                "A solar water pump with a float switch.",
            ),
            (
                "D2",
                "Drip emitter",
                "A pressure-compensating drip emitter.",
            ),
        ],
    );
    let missing = data.path().join("missing.txt");
    let missing = missing.to_str().expect("utf-8 path");
    env.ok(&["case", "new", "c", "--title", "Pump"]);

    // A table of (arguments, expected code, words the message must hold).
    let table: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["search", "--corpus", "small", "solar"], 0, ""),
        (vec!["corpora"], 0, ""),
        // 2: usage, bad strategy, unreadable or refused input, names that name nothing.
        (vec!["search", "--corpus", "small", "(solar"], 2, "^"),
        (
            vec!["search", "--corpus", "small", "--disclosure", missing],
            2,
            "cannot read the disclosure",
        ),
        (
            vec!["search", "--corpus", "small", "--batch", missing],
            2,
            "cannot open the query file",
        ),
        (
            vec!["search", "--corpus", "nosuch", "solar"],
            2,
            "no corpus named `nosuch`",
        ),
        (
            vec!["explain", "--corpus", "nosuch", "solar"],
            2,
            "no corpus named `nosuch`",
        ),
        (
            vec!["eval", "--qrels", missing, "--run", missing],
            2,
            "missing.txt",
        ),
        (vec!["index", "nosuch"], 2, "no corpus named `nosuch`"),
        (
            vec!["index", "--name", "x", "--format", "auto", missing],
            2,
            "no such file or folder",
        ),
        (vec!["case", "show", "nosuch"], 2, "no case named `nosuch`"),
        (vec!["report", "nosuch"], 2, "no case named `nosuch`"),
        (
            vec![
                "case",
                "cite",
                "c",
                "D9",
                "--corpus",
                "small",
                "--category",
                "X",
            ],
            2,
            "no document `D9`",
        ),
        (
            vec![
                "case",
                "cite",
                "c",
                "D1",
                "--corpus",
                "small",
                "--category",
                "Q",
            ],
            2,
            "not a category",
        ),
        (
            vec!["mirror", "sync", "nosuch"],
            2,
            "no corpus named `nosuch`",
        ),
        (
            vec!["search", "--corpus", "small", "--nonsense"],
            2,
            "unexpected argument",
        ),
        // 1: a runtime failure — here, a defined corpus whose index is not built.
        (
            vec!["search", "--corpus", "demo", "pump"],
            1,
            "tisc index demo",
        ),
    ];
    for (args, want, says) in &table {
        let (got, stderr) = code(&env, args);
        assert_eq!(got, Some(*want), "tisc {args:?}: {stderr}");
        assert!(
            stderr.contains(says),
            "tisc {args:?} should say {says:?}: {stderr}"
        );
        if *want == 2 || *want == 1 {
            assert_eq!(
                stderr.matches("error:").count(),
                1,
                "one error line: {stderr}"
            );
        }
    }
}

#[test]
fn a_build_that_skipped_records_is_partial_with_the_count_and_reasons() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().expect("temp dir");
    let good = r#"{"_id": "D1", "title": "Solar pump", "text": "A pump."}"#;
    std::fs::write(
        data.path().join("corpus.jsonl"),
        format!("{good}\n{{\"_id\": \"D2\", \"title\": \n"),
    )
    .expect("write");
    let stderr = env
        .tisc()
        .args(["index", "--name", "p", "--format", "beir"])
        .arg(data.path().join("corpus.jsonl"))
        .ends(3);
    assert!(
        stderr.starts_with("partial:") || stderr.contains("\npartial:"),
        "{stderr}"
    );
    assert!(stderr.contains("corpus.jsonl"), "names the file: {stderr}");
    // The document that was read is searchable.
    let hits = env.search_json("p", "solar", 5);
    assert_eq!(hits.len(), 1);
}

#[test]
fn help_shows_the_table_for_every_command() {
    let env = TestEnv::new();
    for cmd in [
        "index", "search", "case", "report", "mirror", "eval", "explain", "corpora",
    ] {
        let out = env.tisc().args([cmd, "--help"]).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Exit codes:") && text.contains("3  partial"),
            "tisc {cmd} --help: {text}"
        );
    }
}

#[test]
fn exports_completions_and_outputs_follow_the_table() {
    let env = TestEnv::new();
    let data = env.beir_corpus(
        "small",
        &[(
            "D1",
            "Solar pump",
            "A solar water pump with a float switch.",
        )],
    );
    let missing = data.path().join("missing.txt");
    let missing = missing.to_str().expect("utf-8 path");
    let no_folder = data.path().join("no/such/folder/out.txt");
    let no_folder = no_folder.to_str().expect("utf-8 path");
    env.ok(&["case", "new", "c", "--title", "Pump", "--corpus", "small"]);
    env.ok(&["case", "cite", "c", "D1", "--category", "X"]);

    let table: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["search", "--corpus", "small", "--format", "csv", "solar"],
            0,
            "",
        ),
        (vec!["case", "export", "c", "--format", "ris"], 0, ""),
        (vec!["case", "export", "c", "--format", "bibtex"], 0, ""),
        (vec!["case", "export", "c", "--format", "csv"], 0, ""),
        (vec!["completions", "bash"], 0, ""),
        (vec!["man"], 0, ""),
        (vec!["report", "c"], 0, ""),
        // 2: a file the user named that cannot be read is bad input, even where the corpus
        // could not be searched anyway (`demo` is defined but not indexed here).
        (
            vec!["search", "--corpus", "demo", "--disclosure", missing],
            2,
            "cannot read the disclosure",
        ),
        (
            vec!["case", "new", "d", "--title", "x", "--disclosure", missing],
            2,
            "cannot read the disclosure",
        ),
        (
            vec!["resources", "add", "ipc-titles", missing],
            2,
            "missing.txt",
        ),
        (
            vec!["case", "export", "nosuch", "--format", "ris"],
            2,
            "no case named `nosuch`",
        ),
        (
            vec!["case", "export", "c", "--format", "endnote"],
            2,
            "invalid value",
        ),
        (
            vec!["case", "export", "c", "--format", "ris", "-o", no_folder],
            2,
            "no such folder",
        ),
        (vec!["report", "c", "-o", no_folder], 2, "no such folder"),
        (vec!["completions", "tcsh"], 2, "invalid value"),
        (vec!["case", "recrod", "c"], 2, "unrecognized subcommand"),
        (
            vec![
                "search", "--corpus", "small", "--format", "csv", "--batch", missing,
            ],
            2,
            "--format csv",
        ),
    ];
    for (args, want, says) in &table {
        let (got, stderr) = code(&env, args);
        assert_eq!(got, Some(*want), "tisc {args:?}: {stderr}");
        assert!(
            stderr.contains(says),
            "tisc {args:?} should say {says:?}: {stderr}"
        );
    }
    // 1: a write that fails at run time (a full device).
    if std::path::Path::new("/dev/full").exists() {
        for args in [
            vec!["report", "c", "-o", "/dev/full"],
            vec!["case", "export", "c", "--format", "ris", "-o", "/dev/full"],
        ] {
            let (got, stderr) = code(&env, &args);
            assert_eq!(got, Some(1), "tisc {args:?}: {stderr}");
            assert!(stderr.contains("/dev/full"), "{stderr}");
        }
    }
}
