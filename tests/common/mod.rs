//! A test environment: a temporary `TISC_HOME` and the `tisc` binary pointed at it.
#![allow(dead_code)]

pub mod conformance;
pub mod oracle;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

mod run;
#[allow(unused_imports)]
pub use run::{assert_contains, Run};

pub struct TestEnv {
    pub home: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            home: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// `tisc` with this environment's workspace. Data sets are passed to it by path.
    pub fn tisc(&self) -> Command {
        let mut c = Command::cargo_bin("tisc").expect("tisc binary");
        c.env("TISC_HOME", self.home.path());
        c.env_remove("TISC_SHARED_DATA");
        c.env_remove("NO_COLOR");
        c
    }

    pub fn path(&self) -> &Path {
        self.home.path()
    }

    /// Run `tisc` and return stdout, failing the test with stderr if it fails.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.tisc().args(args).output().expect("run tisc");
        assert!(
            out.status.success(),
            "tisc {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Write `docs` — (id, title, text) — as a BEIR corpus in a new temporary folder, index
    /// it as corpus `name`, and return the folder (for query files beside it).
    pub fn beir_corpus(&self, name: &str, docs: &[(&str, &str, &str)]) -> tempfile::TempDir {
        let data = tempfile::tempdir().expect("temp dir");
        let lines: Vec<String> = docs
            .iter()
            .map(|(id, title, text)| {
                serde_json::json!({"_id": id, "title": title, "text": text}).to_string()
            })
            .collect();
        let file = data.path().join("corpus.jsonl");
        std::fs::write(&file, lines.join("\n") + "\n").expect("write corpus");
        self.index(name, "beir", &file);
        data
    }

    /// Define and index an ad-hoc corpus.
    pub fn index(&self, name: &str, format: &str, path: &Path) -> serde_json::Value {
        let out = self.ok(&[
            "index",
            "--name",
            name,
            "--format",
            format,
            "--json",
            path.to_str().expect("utf-8 path"),
        ]);
        serde_json::from_str(&out).expect("index summary is JSON")
    }

    /// Search and return the JSON hits.
    pub fn search_json(&self, corpus: &str, query: &str, limit: usize) -> Vec<serde_json::Value> {
        let out = self.ok(&[
            "search",
            "--corpus",
            corpus,
            "--limit",
            &limit.to_string(),
            "--format",
            "json",
            query,
        ]);
        serde_json::from_str(&out).expect("search output is a JSON array")
    }
}

/// The shared data folder (absolute), wherever the tests run from.
pub fn shared_root() -> PathBuf {
    let p = std::env::var_os("TISC_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    std::fs::canonicalize(&p).unwrap_or(p)
}

/// A data set under the shared folder, or `None` (with the reason printed) when absent.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = shared_root().join(rel);
    if p.exists() {
        Some(p)
    } else {
        skip(&format!(
            "{} is absent (set TISC_SHARED_DATA to the shared data folder)",
            p.display()
        ));
        None
    }
}

/// Say that a test cannot run here. Under `TISC_REQUIRE_DATA=1` (set by `.ci/run`) that is a
/// failure, never a quiet pass; elsewhere the reason is printed and the test returns.
pub fn skip(reason: &str) {
    if require_data() {
        panic!("TISC_REQUIRE_DATA is set, and this test cannot run: {reason}");
    }
    eprintln!("skipping: {reason}");
}

/// The sentence-embedding model's folder the tests run (`TISC_TEST_MODEL`, which `.ci/run`
/// sets to all-MiniLM-L6-v2 fetched from the Python package registry), or `None` with the
/// reason said ([`skip`]).
pub fn test_model() -> Option<PathBuf> {
    match std::env::var_os("TISC_TEST_MODEL") {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => {
            skip("TISC_TEST_MODEL does not name a model folder (all-MiniLM-L6-v2)");
            None
        }
    }
}

/// Whether missing data sets and tools are failures (`TISC_REQUIRE_DATA=1`, as in CI).
pub fn require_data() -> bool {
    std::env::var("TISC_REQUIRE_DATA").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The query fixture (`tests/fixtures/query-fixture.jsonl`) indexed as corpus `name` under
/// `dir`, opened.
pub fn fixture_index(dir: &Path, name: &str) -> tisc::index::CorpusIndex {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/query-fixture.jsonl");
    let (docs, _) = tisc::ingest::read_all(&fixture, tisc::ingest::Format::Jsonl)
        .expect("the query fixture reads");
    let b = tisc::index::IndexBuilder::create(name, &dir.join(name), 50_000_000)
        .expect("index builder");
    for d in &docs {
        b.add(d).expect("add a fixture document");
    }
    b.finish(0).expect("commit the fixture index");
    tisc::index::CorpusIndex::open(&dir.join(name), name).expect("open the fixture index")
}

/// Pieces of markup that break an XML record when spliced into it: the mutations of the
/// malformed-input tests.
pub const HOSTILE_MARKUP: &[&str] = &[
    "<",
    ">",
    "&",
    "&#x;",
    "&#99999999;",
    "</claim>",
    "<claim>",
    "\"",
    "]]>",
    "<![CDATA[",
    "\u{0}",
    "\u{FFFF}",
    "<!--",
    "<?xml",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "&a;",
];

/// A small seeded generator (xorshift64) for the randomised tests: no outside randomness,
/// so that every run sees the same cases and a failure replays.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// One element of `v`, which must not be empty.
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}
