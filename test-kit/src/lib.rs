//! The test kit of tisc: what tisc's tests and benchmarks use but the product does not ship.
//!
//! - [`serve`]: a loopback HTTP server with fault injection, for the mirror's tests and the
//!   mirror benchmark;
//! - [`embedder`]: test doubles of the sentence-embedding model (a hashed bag of words);
//! - [`fixtures`]: made-up hits, documents, cases and workbench states;
//! - [`archive`]: tar and gzip archives built in memory ([`tar_bytes`], [`gz`]), free of tisc types so that
//!   tisc's own unit tests can use them too;
//! - the crash tests: the tisc command line built with fault points
//!   (`examples/tisc-failpoints.rs`, with tisc's `failpoints` feature) and a temporary
//!   workspace to run it in ([`Kit`]). The tests in `tests/` kill it at each step of the index
//!   swap and check what a user finds afterwards.
//!
//! The fault-point binary is an example, not a `[[bin]]`, so that tisc's `failpoints`
//! feature stays a dev-dependency feature and never reaches `cargo build` or `cargo run`
//! (see Cargo.toml). [`failpoints_binary`] builds it on first use with the cargo that runs
//! the tests, into the same target folder, so it is never stale.

pub mod archive;
pub mod embedder;
pub mod fixtures;
pub mod serve;

pub use archive::{gz, tar_bytes};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The path of the `tisc-failpoints` example, built (or found up to date) on first call.
///
/// # Panics
/// When it cannot be built: the tests that need it cannot run without it.
pub fn failpoints_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(build_failpoints_binary).clone()
}

fn build_failpoints_binary() -> PathBuf {
    // A test runs from `<target>/<profile>/deps/<test>-<hash>`.
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test binary lies in <target>/<profile>/deps");
    let target = profile_dir.parent().expect("a target folder");
    let profile = profile_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "debug".into());
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let mut cmd = Command::new(cargo);
    // The variables cargo sets for a running test describe this package; build scripts of
    // dependencies watch some of them, so passing them on would make the inner build and
    // the next outer one rebuild those dependencies each time.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if set_for_tests(&key) {
            cmd.env_remove(&*key);
        }
    }
    cmd.args(["build", "--quiet", "--package", "tisc-test-kit"])
        .args(["--example", "tisc-failpoints", "--target-dir"])
        .arg(target)
        .arg("--manifest-path")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    match profile.as_str() {
        "debug" => {}
        "release" => {
            cmd.arg("--release");
        }
        other => {
            cmd.args(["--profile", other]);
        }
    }
    let status = cmd.status().expect("run cargo to build tisc-failpoints");
    assert!(
        status.success(),
        "building tisc-failpoints failed: {status}"
    );
    let bin = profile_dir
        .join("examples")
        .join(format!("tisc-failpoints{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.is_file(), "{} was not built", bin.display());
    bin
}

/// Whether cargo sets environment variable `key` for the test it runs (rather than the user
/// setting it to configure cargo).
fn set_for_tests(key: &str) -> bool {
    const CONFIG: [&str; 11] = [
        "CARGO_HOME",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_",
        "CARGO_PROFILE_",
        "CARGO_NET_",
        "CARGO_HTTP_",
        "CARGO_REGISTRIES_",
        "CARGO_REGISTRY_",
        "CARGO_TERM_",
        "CARGO_INCREMENTAL",
        "CARGO_ENCODED_RUSTFLAGS",
    ];
    key == "OUT_DIR" || (key.starts_with("CARGO_") && !CONFIG.iter().any(|c| key.starts_with(c)))
}

/// A temporary `TISC_HOME` and the fault-point tisc pointed at it.
pub struct Kit {
    pub home: tempfile::TempDir,
}

impl Kit {
    pub fn new() -> Kit {
        Kit {
            home: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.home.path()
    }

    /// The index folder of `corpus` in this workspace.
    pub fn index_dir(&self, corpus: &str) -> PathBuf {
        self.home.path().join("index").join(corpus)
    }

    /// tisc with this workspace; `failpoint` names the fault point to stop at, if any.
    pub fn tisc(&self, failpoint: Option<&str>) -> Command {
        let mut c = Command::new(failpoints_binary());
        c.env("TISC_HOME", self.home.path());
        c.env_remove("TISC_FAILPOINT");
        if let Some(p) = failpoint {
            c.env("TISC_FAILPOINT", p);
        }
        c
    }

    /// Run tisc without a fault point and return its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.tisc(None).args(args).output().expect("run tisc")
    }

    /// Run tisc without a fault point; fail with its stderr unless it succeeds.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "tisc {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The ids `tisc search` finds for `query` in `corpus` (at most `limit`), sorted, with
    /// duplicates kept so that a test can see them.
    pub fn search_ids(&self, corpus: &str, query: &str, limit: usize) -> Vec<String> {
        let limit = limit.to_string();
        let out = self.ok(&[
            "search", "--corpus", corpus, "--format", "json", "--limit", &limit, query,
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON hits");
        let mut ids: Vec<String> = v
            .as_array()
            .expect("an array of hits")
            .iter()
            .map(|h| h["id"].as_str().unwrap_or_default().to_string())
            .collect();
        ids.sort();
        ids
    }
}

impl Default for Kit {
    fn default() -> Self {
        Kit::new()
    }
}

/// The names in `dir` (sorted), or none when it does not exist.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
