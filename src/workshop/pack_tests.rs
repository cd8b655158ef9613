//! Tests of the pack reader and the time-limit parser.

use super::*;

#[test]
fn time_limits_are_read_strictly() {
    assert_eq!(parse_time_limit("45m"), Ok(45 * 60));
    assert_eq!(parse_time_limit("1h30m"), Ok(5400));
    assert_eq!(parse_time_limit("90s"), Ok(90));
    assert_eq!(parse_time_limit("2h"), Ok(7200));
    assert_eq!(parse_time_limit("1h0m5s"), Ok(3605));
    for bad in [
        "",
        "45",
        "m",
        "1.5h",
        "1h 30m",
        "30m1h",
        "1h1h",
        "0m",
        "0h0s",
        "45min",
        "-5m",
        "h30m",
        "99999999999999999999h",
        "1H",
    ] {
        assert!(parse_time_limit(bad).is_err(), "{bad:?} was accepted");
    }
    assert!(parse_time_limit("30m1h")
        .unwrap_err()
        .contains("order h, m, s"));
}

#[test]
fn time_limits_are_written_back_as_a_pack_writes_them() {
    for (secs, text) in [
        (5400, "1h30m"),
        (90, "1m30s"),
        (7200, "2h"),
        (1, "1s"),
        (0, "0s"),
    ] {
        assert_eq!(format_time_limit(secs), text);
    }
}

const GOOD: &str = r#"title = "Practice pack"
language = "fr"
instructions = "Search, cite, submit."
corpora = ["demo"]

[[exercise]]
id = "pump-1"
title = "Solar pump"
disclosure = "A pump driven by a solar panel."
cutoff = 2012-06-30
time_limit = "45m"
hints = ["Think of float switches."]
claims = """
1. A pump driven by a solar panel.

2. The pump of claim 1 with a float switch.
"""

[[exercise]]
id = "drip-2"
title = "Drip emitter"
disclosure_file = "drip.txt"
cutoff = "2015-01-01"
time_limit = "1h30m"
claims = "1. An emitter."
corpora = ["demo", "other"]
"#;

fn parse_text(text: &str) -> Result<Pack, WorkshopError> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("drip.txt"), "A labyrinth emitter.\n").unwrap();
    std::fs::write(dir.path().join(PACK_FILE), text).unwrap();
    load(dir.path())
}

#[test]
fn a_pack_is_read_with_its_exercises() {
    let p = parse_text(GOOD).unwrap();
    assert_eq!(p.title, "Practice pack");
    assert_eq!(p.language, "fr");
    assert_eq!(p.exercises.len(), 2);
    let e = p.exercise("pump-1").unwrap();
    assert_eq!(e.cutoff.to_string(), "2012-06-30");
    assert_eq!(e.time_limit_secs, 2700);
    assert_eq!(e.claims.len(), 2);
    assert_eq!(e.claims[1].text, "The pump of claim 1 with a float switch.");
    assert_eq!(e.hints, ["Think of float switches."]);
    assert_eq!(p.corpora_of(e), ["demo"]);
    let d = p.exercise("drip-2").unwrap();
    assert_eq!(d.disclosure.trim(), "A labyrinth emitter.");
    assert_eq!(p.corpora_of(d), ["demo", "other"]);
    let unknown = p.exercise("nope").unwrap_err().to_string();
    assert!(unknown.contains("pump-1, drip-2"), "{unknown}");
}

/// The error of `GOOD` with `from` replaced by `to`: it must name pack.toml and `line`.
fn error_of(from: &str, to: &str, line: usize, needle: &str) {
    assert!(GOOD.contains(from), "{from}");
    let e = parse_text(&GOOD.replacen(from, to, 1)).unwrap_err();
    let text = e.to_string();
    assert!(e.is_input(), "{text}");
    assert!(
        text.contains(&format!("pack.toml:{line}: ")),
        "wanted line {line}: {text}"
    );
    assert!(text.contains(needle), "wanted {needle:?}: {text}");
}

#[test]
fn errors_name_the_file_and_line() {
    error_of(
        "time_limit = \"45m\"",
        "time_limit = \"45 min\"",
        11,
        "time limit",
    );
    error_of(
        "cutoff = 2012-06-30",
        "cutoff = \"30/06/2012\"",
        10,
        "YYYY-MM-DD",
    );
    error_of("cutoff = 2012-06-30", "cutoff = \"2012\"", 10, "YYYY-MM-DD");
    error_of("hints =", "hintz =", 12, "hintz");
    error_of("language = \"fr\"", "language = \"French\"", 2, "language");
    error_of("id = \"drip-2\"", "id = \"pump-1\"", 20, "second exercise");
    error_of("id = \"drip-2\"", "id = \"drip 2\"", 20, "exercise id");
    // Claim 2 numbered 3: the claims text's line 3 is the file's line 16.
    error_of("2. The pump", "3. The pump", 16, "claims");
    error_of(
        "disclosure_file = \"drip.txt\"",
        "disclosure_file = \"gone.txt\"",
        22,
        "gone.txt",
    );
    error_of(
        "disclosure_file = \"drip.txt\"",
        "disclosure_file = \"../x.txt\"",
        22,
        "inside the pack",
    );
    error_of("disclosure_file = \"drip.txt\"", "", 19, "no `disclosure`");
    error_of(
        "corpora = [\"demo\", \"other\"]",
        "corpora = [\"a b\"]",
        26,
        "corpus name",
    );
}

#[test]
fn a_folder_without_a_pack_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let e = load(dir.path()).unwrap_err();
    assert!(e.to_string().contains("no pack.toml"), "{e}");
}

#[test]
fn packs_are_found_by_path_then_own_folder_then_shipped() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    // A shipped pack is written out under .shipped and read from there.
    let names = shipped_names();
    assert!(names.contains(&"beginner"), "{names:?}");
    let dir = locate(&ws, "beginner").unwrap();
    assert_eq!(dir, workshops_dir(&ws).join(".shipped").join("beginner"));
    assert!(dir.join(PACK_FILE).is_file());
    // The user's own pack of the same name comes first.
    let own = workshops_dir(&ws).join("beginner");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join(PACK_FILE), GOOD).unwrap();
    std::fs::write(own.join("drip.txt"), "An emitter.").unwrap();
    assert_eq!(locate(&ws, "beginner").unwrap(), own);
    let listed = list(&ws);
    let beginner: Vec<_> = listed.iter().filter(|(n, _)| n == "beginner").collect();
    assert_eq!(beginner.len(), 1);
    assert_eq!(beginner[0].1.as_ref().unwrap().title, "Practice pack");
    // A path is taken as it is.
    assert_eq!(locate(&ws, &own.display().to_string()).unwrap(), own);
    let e = locate(&ws, "no-such-pack").unwrap_err().to_string();
    assert!(e.contains("no workshop pack `no-such-pack`"), "{e}");
}
