//! A rebuild killed at each step of the index swap leaves a searchable index, and the next
//! build succeeds and clears what the killed one left; a build that fails (a full disk)
//! removes its own folder; an index in the layout before generations still opens and is
//! replaced cleanly.

use std::path::Path;
use tisc_test_kit::{names_in, Kit};

/// The steps of the swap, in order, as `tisc::fail::point` names them.
const SWAP_POINTS: [&str; 4] = [
    "swap.committed",
    "swap.pointer-written",
    "swap.renamed",
    "swap.cleanup",
];

const QUERY: &str = "solar AND pump*";

/// The demo corpus's row of `tisc corpora --format json`.
fn demo_row(kit: &Kit) -> serde_json::Value {
    let rows: serde_json::Value =
        serde_json::from_str(&kit.ok(&["corpora", "--format", "json"])).expect("JSON corpora");
    rows.as_array()
        .expect("an array")
        .iter()
        .find(|r| r["name"] == "demo")
        .cloned()
        .expect("the demo corpus is listed")
}

/// The ids `tisc search` finds for [`QUERY`] in the demo corpus.
fn hits(kit: &Kit) -> Vec<String> {
    kit.search_ids("demo", QUERY, 50)
}

fn generations(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|n| n.starts_with("gen-"))
        .collect()
}

/// After a clean build: the pointer, one generation, nothing else.
fn assert_clean(kit: &Kit) {
    let dir = kit.index_dir("demo");
    let names = names_in(&dir);
    assert_eq!(names.len(), 2, "left in {}: {names:?}", dir.display());
    assert_eq!(generations(&dir).len(), 1, "{names:?}");
    assert!(names.contains(&"CURRENT".to_string()), "{names:?}");
    let index = kit.path().join("index");
    assert!(
        !index.join(".demo.building").exists() && !index.join("demo.old").exists(),
        "{:?}",
        names_in(&index)
    );
}

#[test]
fn a_rebuild_killed_at_any_step_of_the_swap_leaves_a_searchable_index() {
    for point in SWAP_POINTS {
        let kit = Kit::new();
        kit.ok(&["index", "demo"]);
        let before = hits(&kit);
        assert!(!before.is_empty(), "the demo corpus answers {QUERY}");
        let documents = demo_row(&kit)["documents"].clone();

        let killed = kit
            .tisc(Some(point))
            .args(["index", "demo", "--rebuild"])
            .output()
            .expect("run tisc");
        let stderr = String::from_utf8_lossy(&killed.stderr);
        assert!(
            !killed.status.success() && stderr.contains(&format!("failpoint {point}: aborting")),
            "{point}: {:?} {stderr}",
            killed.status
        );
        // The killed build left its generation behind: two of them are there now.
        assert_eq!(
            generations(&kit.index_dir("demo")).len(),
            2,
            "{point}: {:?}",
            names_in(&kit.index_dir("demo"))
        );

        let row = demo_row(&kit);
        assert_eq!(row["status"], "indexed", "{point}: {row}");
        assert_eq!(row["documents"], documents, "{point}");
        assert_eq!(hits(&kit), before, "{point}");

        kit.ok(&["index", "demo"]);
        assert_clean(&kit);
        assert_eq!(hits(&kit), before, "{point}: after the next build");
    }
}

#[test]
fn a_build_that_fails_removes_its_folder_and_says_why_once() {
    let kit = Kit::new();
    kit.ok(&["index", "demo"]);
    let before = hits(&kit);
    let live = generations(&kit.index_dir("demo"));
    let failed = kit
        .tisc(Some("swap.pointer-write"))
        .args(["index", "demo", "--rebuild"])
        .output()
        .expect("run tisc");
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("no space left on device").count(),
        1,
        "the cause, once: {stderr}"
    );
    // Nothing of the failed build is left; the old index is live and searchable.
    assert_eq!(generations(&kit.index_dir("demo")), live);
    assert_clean(&kit);
    assert_eq!(hits(&kit), before);
}

/// Move the live generation's files up into the index folder, as tisc wrote indexes before
/// generations, and add the leftovers of the swap of that time.
fn make_old_layout(kit: &Kit) {
    let dir = kit.index_dir("demo");
    let generation = dir.join(&generations(&dir)[0]);
    for name in names_in(&generation) {
        std::fs::rename(generation.join(&name), dir.join(&name)).unwrap();
    }
    std::fs::remove_dir(&generation).unwrap();
    std::fs::remove_file(dir.join("CURRENT")).unwrap();
    let building = kit.path().join("index/.demo.building");
    std::fs::create_dir_all(&building).unwrap();
    std::fs::write(building.join("00.store"), b"unfinished").unwrap();
}

#[test]
fn an_index_in_the_old_layout_opens_and_is_replaced_cleanly() {
    let kit = Kit::new();
    kit.ok(&["index", "demo"]);
    let before = hits(&kit);
    make_old_layout(&kit);
    assert_eq!(demo_row(&kit)["status"], "indexed");
    assert_eq!(hits(&kit), before, "the old layout still opens");
    kit.ok(&["index", "demo"]);
    assert_clean(&kit);
    assert_eq!(hits(&kit), before);

    // The old swap cut between its renames left only `demo.old`: still found, then replaced.
    make_old_layout(&kit);
    let index = kit.path().join("index");
    std::fs::rename(index.join("demo"), index.join("demo.old")).unwrap();
    assert_eq!(demo_row(&kit)["status"], "indexed");
    assert_eq!(hits(&kit), before);
    kit.ok(&["index", "demo"]);
    assert_clean(&kit);
    assert_eq!(hits(&kit), before);
}
