//! The shape of the workspace: the product (`tisc`) never depends on the test kit or the
//! benchmarks, except the test kit as a dev-dependency; and the other members use tisc
//! without features, so that `cargo run` and release builds never get fault points.

use serde_json::Value;
use std::process::Command;

/// `cargo metadata` of this workspace (its own members only).
fn metadata() -> Value {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

fn package<'a>(meta: &'a Value, name: &str) -> &'a Value {
    meta["packages"]
        .as_array()
        .expect("a package list")
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("package {name} is not in the workspace"))
}

/// (name, kind) of each dependency of `package`; kind is "normal", "dev" or "build".
fn dependencies(package: &Value) -> Vec<(String, String)> {
    package["dependencies"]
        .as_array()
        .expect("a dependency list")
        .iter()
        .map(|d| {
            let name = d["name"].as_str().expect("a dependency name").to_string();
            let kind = d["kind"].as_str().unwrap_or("normal").to_string();
            (name, kind)
        })
        .collect()
}

#[test]
fn the_product_depends_on_neither_the_test_kit_nor_the_benchmarks() {
    let meta = metadata();
    let deps = dependencies(package(&meta, "tisc"));
    let shipped: Vec<&(String, String)> = deps
        .iter()
        .filter(|(name, kind)| kind != "dev" && (name == "tisc-test-kit" || name == "tisc-bench"))
        .collect();
    assert!(
        shipped.is_empty(),
        "tisc ships test or benchmark code: {shipped:?}"
    );
    // The test kit is there for the tests: the check above looked at a real entry.
    assert!(
        deps.contains(&("tisc-test-kit".to_string(), "dev".to_string())),
        "tisc's tests use tisc-test-kit as a dev-dependency: {deps:?}"
    );
}

#[test]
fn the_other_members_use_tisc_without_features_outside_their_tests() {
    let meta = metadata();
    for member in ["tisc-test-kit", "tisc-bench"] {
        let p = package(&meta, member);
        let on_tisc: Vec<&Value> = p["dependencies"]
            .as_array()
            .expect("a dependency list")
            .iter()
            .filter(|d| d["name"] == "tisc" && d["kind"].is_null())
            .collect();
        assert_eq!(
            on_tisc.len(),
            1,
            "{member} depends on tisc once: {on_tisc:?}"
        );
        let features = on_tisc[0]["features"].as_array().expect("a feature list");
        assert!(
            features.is_empty(),
            "{member} turns on tisc features {features:?} in every build, `cargo run` too"
        );
    }
}

#[test]
fn the_product_command_line_has_no_benchmark_commands() {
    let cmd = tisc::cli::command();
    let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
    assert!(names.contains(&"index"), "{names:?}");
    let bench: Vec<&&str> = names.iter().filter(|n| n.starts_with("bench")).collect();
    assert!(bench.is_empty(), "tisc still has {bench:?}");
}
