//! Running `tisc` and checking how it ended: the checks every CLI test makes, in one place.

use super::TestEnv;
use assert_cmd::Command;
use std::path::Path;
use std::process::Output;

/// A finished run's check, on a prepared `tisc` command (extra environment, stdin, …).
pub trait Run {
    /// Run, fail the test with stderr unless it succeeded, and return stdout.
    fn succeeds(&mut self) -> String;
    /// As [`Run::succeeds`], returning stdout and stderr.
    fn succeeds_both(&mut self) -> (String, String);
    /// Run, fail the test unless it ended with exit code `code`, and return stderr.
    fn ends(&mut self, code: i32) -> String;
    /// As [`Run::ends`], and stderr must also contain `needle`.
    fn ends_saying(&mut self, code: i32, needle: &str) -> String;
    /// As [`Run::ends_saying`], returning stdout and stderr.
    fn ends_both(&mut self, code: i32, needle: &str) -> (String, String);
}

/// The captured run, or the test fails saying the binary could not start.
fn output(cmd: &mut Command) -> Output {
    cmd.output().expect("run tisc")
}

/// Stdout as text (lossy: the checks compare text).
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stderr as text (lossy).
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

impl Run for Command {
    fn succeeds(&mut self) -> String {
        self.succeeds_both().0
    }

    fn succeeds_both(&mut self) -> (String, String) {
        let out = output(self);
        let err = stderr(&out);
        assert!(out.status.success(), "tisc failed: {err}");
        (stdout(&out), err)
    }

    fn ends(&mut self, code: i32) -> String {
        self.ends_both(code, "").1
    }

    fn ends_saying(&mut self, code: i32, needle: &str) -> String {
        self.ends_both(code, needle).1
    }

    fn ends_both(&mut self, code: i32, needle: &str) -> (String, String) {
        let out = output(self);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{err}");
        assert!(err.contains(needle), "expected `{needle}` in: {err}");
        (stdout(&out), err)
    }
}

impl TestEnv {
    /// Run `tisc args`, check it ends with exit code `code`, and return stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        self.tisc().args(args).ends(code)
    }

    /// Run `tisc args`, check it ends with exit code `code` saying `needle` on stderr, and
    /// return stderr.
    pub fn fails_saying(&self, args: &[&str], code: i32, needle: &str) -> String {
        self.tisc().args(args).ends_saying(code, needle)
    }

    /// `tisc search --corpus <corpus> <args>`, which must succeed: its stdout.
    pub fn search(&self, corpus: &str, args: &[&str]) -> String {
        let mut all = vec!["search", "--corpus", corpus];
        all.extend_from_slice(args);
        self.ok(&all)
    }

    /// The TREC run of the batch of queries in `queries` over `corpus`, `limit` hits each.
    pub fn batch_run(&self, corpus: &str, queries: &Path, limit: usize) -> String {
        let queries = queries.to_str().expect("a UTF-8 path");
        let limit = limit.to_string();
        self.search(
            corpus,
            &["--batch", queries, "--format", "trec", "--limit", &limit],
        )
    }

    /// [`TestEnv::search`] with `--format json`: the hits.
    pub fn search_hits(&self, corpus: &str, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let out = self.search(corpus, &all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("search {args:?}: {e}: {out}"))
    }

    /// Run `tisc args`, whatever its end: exit code, stdout and stderr.
    pub fn run(&self, args: &[&str]) -> (Option<i32>, String, String) {
        let out = output(self.tisc().args(args));
        (out.status.code(), stdout(&out), stderr(&out))
    }

    /// Run `tisc args`, check it ends with exit code `code`, and return stdout and stderr.
    pub fn exits(&self, args: &[&str], code: i32) -> (String, String) {
        self.tisc().args(args).ends_both(code, "")
    }

    /// Run `tisc args` (which must succeed) and parse its stdout as JSON.
    pub fn ok_json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("tisc {args:?}: {e}: {out}"))
    }
}

/// Fail the test, showing `haystack` whole, unless it contains `needle`.
#[track_caller]
pub fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected `{needle}` in: {haystack}"
    );
}
