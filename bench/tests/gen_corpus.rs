//! `tisc-bench gen-corpus` as a user runs it: help, summary, exit codes; and the committed
//! tables against what `scripts/make_vocab.py` makes from the shared data.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn bench() -> Command {
    Command::cargo_bin("tisc-bench").expect("tisc-bench binary")
}

/// The workspace root (the parent of `bench/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ has a parent")
        .to_path_buf()
}

/// Say that a test cannot run here: a failure under `TISC_REQUIRE_DATA=1` (as in CI), else
/// the reason is printed and the test returns.
fn skip(reason: &str) {
    if std::env::var("TISC_REQUIRE_DATA").is_ok_and(|v| !v.is_empty() && v != "0") {
        panic!("TISC_REQUIRE_DATA is set, and this test cannot run: {reason}");
    }
    eprintln!("skipping: {reason}");
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_explains_every_option() {
    let out = bench().args(["gen-corpus", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for option in [
        "--docs",
        "--seed",
        "--out",
        "--format",
        "--profile",
        "--first-id",
        "--per-file",
        "--threads",
        "uspto",
        "jsonl",
        "patent",
        "biblio",
        "article",
        "mixed",
    ] {
        assert!(help.contains(option), "--help lacks {option}:\n{help}");
    }
}

#[test]
fn a_run_prints_one_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = bench()
        .args([
            "gen-corpus",
            "--docs",
            "20",
            "--seed",
            "4",
            "--per-file",
            "8",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    for part in [
        "20 documents",
        "(patent, uspto)",
        "3 files",
        "bytes",
        "docs/s",
        "MB/s",
    ] {
        assert!(err.contains(part), "summary lacks {part}: {err}");
    }
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[test]
fn articles_as_uspto_xml_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for profile in ["article", "mixed"] {
        let out = bench()
            .args(["gen-corpus", "--docs", "5", "--profile", profile, "--out"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("--format jsonl"),
            "{}",
            stderr_of(&out)
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn ids_a_folder_already_holds_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let run = |first: &str| {
        bench()
            .args([
                "gen-corpus",
                "--docs",
                "10",
                "--format",
                "jsonl",
                "--first-id",
                first,
            ])
            .arg("--out")
            .arg(dir.path())
            .output()
            .unwrap()
    };
    assert!(run("0").status.success());
    let again = run("5");
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr_of(&again).contains("--first-id 10"),
        "{}",
        stderr_of(&again)
    );
    assert!(run("10").status.success());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn the_committed_tables_are_what_the_script_makes() {
    let data = std::env::var_os("TISC_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/data"));
    if !data.join("uspto-patent-xml").exists() {
        skip(&format!(
            "{} is absent (set TISC_SHARED_DATA to the shared data folder)",
            data.display()
        ));
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let run = std::process::Command::new("python3")
        .arg(root().join("scripts/make_vocab.py"))
        .arg("--out")
        .arg(out.path())
        .env("TISC_SHARED_DATA", &data)
        .output();
    let run = match run {
        Ok(r) => r,
        Err(e) => {
            skip(&format!("python3 cannot be run: {e}"));
            return;
        }
    };
    assert!(run.status.success(), "{}", stderr_of(&run));
    let mut made: Vec<PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    made.sort();
    assert!(made.len() >= 10, "{made:?}");
    for table in made {
        let name = table.file_name().unwrap();
        let committed = root().join("bench/data").join(name);
        assert!(
            std::fs::read(&committed).ok() == std::fs::read(&table).ok(),
            "bench/data/{} differs from what scripts/make_vocab.py makes now",
            name.to_string_lossy()
        );
        assert!(std::fs::metadata(&table).unwrap().len() < 300_000);
    }
}
