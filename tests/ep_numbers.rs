//! European publication numbers are zero-padded to seven digits (`EP0546210B2`) in ids,
//! search results and cases, and every command reads both spellings.

mod common;

use common::TestEnv;
use std::path::Path;

/// Index one EP document numbered 546210 (six digits) as corpus `epx`.
fn env() -> TestEnv {
    let env = TestEnv::new();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/demo/ep/EP1181989-B1.xml");
    let xml = std::fs::read_to_string(demo).expect("demo EP document");
    let xml = xml
        .replace("doc-number=\"1181989\"", "doc-number=\"546210\"")
        .replace("<B110>1181989</B110>", "<B110>546210</B110>")
        .replace("<B130>B1</B130>", "<B130>B2</B130>")
        .replace("kind=\"B1\"", "kind=\"B2\"");
    let dir = env.path().join("data");
    std::fs::create_dir_all(&dir).expect("data folder");
    let file = dir.join("EP546210-B2.xml");
    std::fs::write(&file, xml).expect("write EP document");
    let r = env.index("epx", "ep", &file);
    assert_eq!(r["indexed"], 1);
    env
}

fn ids(env: &TestEnv, q: &str) -> Vec<String> {
    env.search_json("epx", q, 10)
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn pn_queries_find_an_ep_number_in_either_spelling() {
    let env = env();
    assert_eq!(ids(&env, "drip"), ["EP0546210B2"]);
    for q in [
        "pn:EP546210",
        "pn:EP0546210",
        "pn:EP546210B2",
        "pn:EP0546210B2",
        "pn:\"EP 0 546 210 B2\"",
    ] {
        assert_eq!(ids(&env, q), ["EP0546210B2"], "{q}");
    }
    assert!(ids(&env, "pn:EP5462100").is_empty());
}

#[test]
fn cases_cite_and_uncite_an_ep_number_in_either_spelling() {
    let env = env();
    env.ok(&["case", "new", "c", "--title", "Drip", "--corpus", "epx"]);
    env.ok(&["case", "cite", "c", "EP546210B2", "--category", "X"]);
    // Neither the case file nor its journal holds the unpadded spelling.
    let file: String = ["case.json", "journal.jsonl"]
        .iter()
        .filter_map(|f| std::fs::read_to_string(env.path().join("cases/c").join(f)).ok())
        .collect();
    assert!(file.contains("EP0546210B2"), "{file}");
    let shown = env.ok(&["case", "show", "c", "--format", "json"]);
    assert!(shown.contains("\"EP0546210B2\""), "{shown}");
    assert!(!shown.contains("EP546210"), "{shown}");
    assert!(!file.contains("EP546210"), "{file}");
    // Citing it again in the other spelling updates the same citation.
    env.ok(&["case", "cite", "c", "EP 0546210", "--category", "Y"]);
    let case: serde_json::Value =
        serde_json::from_str(&env.ok(&["case", "show", "c", "--format", "json"])).expect("json");
    assert_eq!(
        case["citations"].as_array().map(Vec::len),
        Some(1),
        "{case}"
    );
    env.ok(&["case", "uncite", "c", "EP546210"]);
    let case: serde_json::Value =
        serde_json::from_str(&env.ok(&["case", "show", "c", "--format", "json"])).expect("json");
    assert_eq!(
        case["citations"].as_array().map(Vec::len),
        Some(0),
        "{case}"
    );
}

/// An index built before the padding holds `EP546210` and `EP546210B2` in its `pn` field:
/// a `pn:` query in either spelling asks for both, so such an index still answers.
#[test]
fn pn_queries_ask_for_the_unpadded_spelling_of_an_older_index_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = common::fixture_index(dir.path(), "fx");
    let searcher = index.reader.searcher();
    let no_history = |n: u32| -> Result<String, tisc::query::HistoryError> {
        Err(tisc::query::HistoryError::NeedsCase { n })
    };
    let lowering = tisc::query::lower::Lowering::new(&index, &searcher, &no_history);
    for (q, want) in [
        ("pn:EP546210", ["\"EP0546210\"", "\"EP546210\""]),
        ("pn:EP0546210B2", ["\"EP0546210B2\"", "\"EP546210B2\""]),
    ] {
        let ast = tisc::query::parse(q).expect("parses");
        let lowered = format!("{:?}", lowering.lower(&ast).expect("lowers"));
        for w in want {
            assert!(lowered.contains(w), "{q}: {w} not in {lowered}");
        }
    }
    // Other offices have one spelling.
    let ast = tisc::query::parse("pn:US07640932").expect("parses");
    let lowered = format!("{:?}", lowering.lower(&ast).expect("lowers"));
    assert!(
        lowered.contains("\"US7640932\"") && !lowered.contains("US07640932"),
        "{lowered}"
    );
}
