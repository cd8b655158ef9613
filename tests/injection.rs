//! Hostile text in documents and cases is shown, never acted on: terminal escapes are made
//! visible in every text output, bidirectional overrides stay inside the text that holds
//! them in HTML, and `-o` writes into what is there.

mod common;

use common::{assert_contains, TestEnv};

const HOSTILE_TITLE: &str =
    "Solar pump\u{1b}]0;owned\u{7}\u{1b}[2J with\u{9b}31m float \u{202e}valve reversed";

/// A corpus of one document whose title and text carry terminal escapes and a bidi override,
/// and a case that cites it with a hostile passage and note.
fn hostile_case(env: &TestEnv) -> tempfile::TempDir {
    let data = env.beir_corpus(
        "hostile",
        &[
            (
                "D1",
                HOSTILE_TITLE,
                "A solar pump\u{1b}[31m with a float valve.",
            ),
            ("D2", "Wind turbine", "A rotor and a mast."),
        ],
    );
    env.ok(&[
        "case",
        "new",
        "pump",
        "--title",
        "Pump\u{1b}[2J case",
        "--cutoff",
        "2030-01-01",
    ]);
    env.ok(&[
        "case",
        "cite",
        "pump",
        "D1",
        "--corpus",
        "hostile",
        "--category",
        "X",
        "--passage",
        "float\u{1b}]52;c;ZXZpbA==\u{7}",
        "--note",
        "see\u{9b}2J",
    ]);
    data
}

/// No byte a terminal would act on: ESC, BEL, CSI (U+009B) and the other C0/C1 controls,
/// line feeds and tabs excepted.
fn assert_inert(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(
        bad.is_empty(),
        "{what} wrote control characters {bad:?}:\n{text}"
    );
}

#[test]
fn terminal_escapes_in_documents_are_shown_not_acted_on() {
    let env = TestEnv::new();
    let _data = hostile_case(&env);
    let table = env.search("hostile", &["solar"]);
    assert_contains(&table, "Solar pump");
    assert!(table.contains('\u{241b}'), "ESC shown as ␛: {table}");
    assert_inert("search (table)", &table);
    let json = env.search("hostile", &["--format", "json", "solar"]);
    assert_inert("search (json)", &json);
    let hits: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    // JSON keeps the data: the title decodes to what the document holds.
    assert_eq!(hits[0]["title"].as_str(), Some(HOSTILE_TITLE), "{json}");
    for args in [
        &["case", "show", "pump"][..],
        &["case", "list"][..],
        &["report", "pump", "--format", "md"][..],
        &["report", "pump", "--format", "json"][..],
        &["report", "pump", "--format", "html"][..],
    ] {
        let out = env.ok(args);
        assert_inert(&format!("{args:?}"), &out);
    }
    // A strategy holding escapes is quoted inert, in the explanation or in the error.
    let explain = env
        .tisc()
        .args(["explain", "solar\u{1b}[2J"])
        .output()
        .expect("run");
    assert_inert("explain", &String::from_utf8_lossy(&explain.stdout));
    assert_inert("explain", &String::from_utf8_lossy(&explain.stderr));
    // An error message quoting hostile text is inert too.
    let err = env
        .tisc()
        .args(["search", "--corpus", "hostile", "(solar\u{1b}[2J"])
        .output()
        .expect("run");
    assert_eq!(err.status.code(), Some(2));
    assert_inert("error", &String::from_utf8_lossy(&err.stderr));
}

#[test]
fn a_bidi_override_in_a_title_reverses_only_that_title_in_html() {
    let env = TestEnv::new();
    let _data = hostile_case(&env);
    let html = env.ok(&["report", "pump", "--format", "html"]);
    // The override is kept (it may be the author's) but closed right after the title.
    assert_contains(&html, "\u{202e}valve reversed\u{202c}");
    let opened = html.matches('\u{202e}').count();
    let closed = html.matches('\u{202c}').count();
    assert!(
        opened > 0 && closed >= opened,
        "{opened} opened, {closed} closed"
    );
    assert!(html.contains("<bdi>"), "titles are isolated");
}

#[cfg(unix)]
#[test]
fn report_output_writes_into_a_symlink_fifo_or_device() {
    use std::os::unix::fs::FileTypeExt;
    let env = TestEnv::new();
    let _data = hostile_case(&env);
    let dir = tempfile::tempdir().expect("temp dir");

    // Through a symlink: the file it points to gets the report, the link stays a link.
    let real = dir.path().join("real.html");
    std::fs::write(&real, "old").expect("write");
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    env.ok(&[
        "report",
        "pump",
        "--format",
        "html",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("<html"));

    // Into a FIFO: a reader gets the report, the FIFO stays a FIFO.
    let fifo = dir.path().join("pipe");
    let st = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(st.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap_or_default())
    };
    env.ok(&[
        "report",
        "pump",
        "--format",
        "md",
        "-o",
        fifo.to_str().unwrap(),
    ]);
    assert!(reader.join().unwrap().contains("pump"));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());

    // The null device stays a device (as root, renaming over it would replace it).
    env.ok(&["report", "pump", "--format", "md", "-o", "/dev/null"]);
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    // A folder is refused with a clear message.
    let out = env
        .tisc()
        .args(["report", "pump", "-o", dir.path().to_str().unwrap()])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the report"));
}
