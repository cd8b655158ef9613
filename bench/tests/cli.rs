//! The `tisc-bench` command line: one entry point with a `--help` per benchmark, the ingest
//! benchmark's phases re-run by this binary as child processes, the workbench benchmark on
//! a fresh workspace, and bad options refused with exit code 2.

use std::path::Path;
use std::process::{Command, Output};

fn bench() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tisc-bench"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "tisc-bench failed ({}): {}",
        out.status,
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn every_benchmark_is_a_subcommand_with_its_own_help() {
    let top = ok(bench().arg("--help").output().unwrap());
    for what in ["ingest", "query", "mirror", "tui"] {
        assert!(top.contains(&format!("  {what} ")), "{what} missing: {top}");
        let help = ok(bench().args([what, "--help"]).output().unwrap());
        assert!(
            help.contains(&format!("Usage: tisc-bench {what}")),
            "{what}: {help}"
        );
        assert!(
            help.contains(&format!("cargo run --release -p tisc-bench -- {what}")),
            "{what} has no example: {help}"
        );
    }
    // The child side of `ingest` is not offered to users.
    assert!(!top.contains("ingest-phase"), "{top}");
}

#[test]
fn bad_options_are_usage_errors() {
    let out = bench().args(["ingest", "--runs", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--target-mb and --runs must be at least 1"));
    let out = bench().arg("no-such-benchmark").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ingest_runs_each_phase_in_a_child_of_tisc_bench() {
    let source = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mirror/ipg240102.xml");
    std::fs::copy(&fixture, source.path().join("ipg240102.xml")).unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = bench()
        .args(["ingest", "--target-mb", "1", "--json", "--source"])
        .arg(source.path())
        .arg("--work")
        .arg(work.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_str(&ok(out)).unwrap();
    let documents = report["corpus"]["documents"].as_u64().unwrap();
    assert!(documents > 0, "{report}");
    for phase in ["end_to_end", "tantivy_only"] {
        assert_eq!(
            report[phase]["documents"].as_u64(),
            Some(documents),
            "{phase}: {report}"
        );
    }
    assert_eq!(report["runs"].as_array().map(Vec::len), Some(2), "{report}");
    // Without --keep the two indexes are gone and the scaled corpus stays.
    assert!(work.path().join("uspto-scaled").is_dir());
    assert!(!work.path().join("ws-end-to-end").exists());
}

#[test]
fn tui_measures_keys_and_the_first_frame_on_a_fresh_workspace() {
    let home = tempfile::tempdir().unwrap();
    let out = bench()
        .args(["tui", "--results", "200", "--keys", "50"])
        .env("TISC_HOME", home.path())
        .output()
        .unwrap();
    let stdout = ok(out);
    assert!(
        stdout.contains("keystroke (update + render 120×40, 200 results, 50 keys): p50 "),
        "{stdout}"
    );
    assert!(stdout.contains("time to first frame: "), "{stdout}");
    assert!(
        stdout.contains("search round trip (demo corpus, "),
        "{stdout}"
    );
    // The demo corpus was indexed into that workspace first.
    assert!(tisc::index::is_current(
        &tisc::corpus::Workspace::at(home.path()).index_dir("demo")
    ));
}
