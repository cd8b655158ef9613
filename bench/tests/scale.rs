//! `tisc-bench scale` end to end on a tiny collection (debug build): every system ingests
//! and serves in its own child, the figures reach the table and the JSON, the size's data
//! is removed unless kept, and bad options exit with 2.

use assert_cmd::Command;
use serde_json::Value;

fn bench() -> Command {
    Command::cargo_bin("tisc-bench").unwrap()
}

#[test]
fn a_small_run_reports_every_system_and_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    let json = tmp.path().join("scale.json");
    let out = bench()
        .args([
            "scale",
            "--docs",
            "300",
            "--queries",
            "3",
            "--reps",
            "1",
            "--skip-fts5",
        ])
        .arg("--work")
        .arg(&work)
        .arg("--json")
        .arg(&json)
        .env_remove("TISC_HOME")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("== 300 documents"), "{stdout}");
    assert!(
        stdout.contains("ratios tisc / twin and tisc / fts5"),
        "{stdout}"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let size = &v["sizes"][0];
    assert_eq!(size["docs"], 300);
    let systems = size["systems"].as_array().unwrap();
    for name in ["tisc", "twin"] {
        let s = systems.iter().find(|s| s["system"] == name).unwrap();
        assert_eq!(s["ingest"]["documents"], 300, "{name}");
        assert!(s["ingest"]["index_bytes"].as_u64().unwrap() > 0, "{name}");
        assert!(s["rss_serving_bytes"].as_u64().unwrap() > 0, "{name}");
        // Seven classes of strategy, each with its percentiles.
        let classes = s["classes"].as_array().unwrap();
        assert_eq!(classes.len(), 7, "{name}");
        assert!(classes.iter().all(|c| c["p99_ms"].as_f64().unwrap() > 0.0));
    }
    let fts5 = systems.iter().find(|s| s["system"] == "fts5").unwrap();
    assert!(fts5["ingest"].is_null());
    let note = fts5["note"].as_str().unwrap();
    if cfg!(feature = "peers") {
        assert_eq!(note, "skipped (--skip-fts5)");
    } else {
        assert_eq!(note, "not built (--features peers)");
        assert!(stdout.contains("not built (--features peers)"));
    }
    // Boolean hit counts are compared with the twin (and agree at least mostly).
    let boolean = size["agreement"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["class"] == "boolean")
        .unwrap();
    assert_eq!(boolean["total"], 3);
    assert!(boolean["equal"].as_u64().unwrap() >= 1, "{boolean}");
    assert!(size["job"]["rows"].as_u64().unwrap() > 0);
    assert_eq!(size["job"]["corpora"], 2);
    assert_eq!(size["job"]["strategies"], 10);
    assert!(size["tui"]["first_results_ms"].as_f64().unwrap() > 0.0);
    // Not kept: the size's folder is gone.
    assert!(!work.join("patent-300").exists());
}

#[test]
fn bad_options_exit_with_2() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["scale", "--docs", "0"],
        vec!["scale", "--docs", "100", "--memory", "1KB"],
        vec!["scale", "--docs", "100", "--queries", "0"],
        vec!["scale"],
    ] {
        let out = bench()
            .args(&args)
            .arg("--work")
            .arg(tmp.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(!out.stderr.is_empty());
    }
}
