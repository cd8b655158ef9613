//! One run at a time changes a corpus: a second `tisc index` or `tisc mirror sync` of the
//! same corpus is refused at once, naming the run that holds it (or waits with `--wait`),
//! and the index stays searchable meanwhile. Also: a broken corpus definition is named.

mod common;
mod mirror_support;

use common::{assert_contains, Run, TestEnv};
use mirror_support::uspto_zip;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tisc_test_kit::serve::Server;

/// Wait until `cond` holds (or fail after 60 s).
fn wait_for(what: &str, cond: impl Fn() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The line a lock holder wrote into the lock file of `corpus`.
fn lock_line(env: &TestEnv, corpus: &str) -> String {
    std::fs::read_to_string(env.path().join("locks").join(format!("{corpus}.lock")))
        .unwrap_or_default()
}

/// Start `tisc` with this environment's workspace, its output captured.
fn spawn(env: &TestEnv, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("tisc"))
        .env("TISC_HOME", env.path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start tisc")
}

fn finish(child: Child) -> (bool, String) {
    let out = child.wait_with_output().expect("wait for tisc");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A run whose stderr is read as it comes, to see when it starts waiting for the lock.
struct Watched {
    child: Child,
    stderr: Arc<Mutex<String>>,
    reader: std::thread::JoinHandle<()>,
}

impl Watched {
    fn start(env: &TestEnv, args: &[&str]) -> Watched {
        let mut child = spawn(env, args);
        let pipe = child.stderr.take().expect("stderr is piped");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&line);
                    s.push('\n');
                }
            }
        });
        Watched {
            child,
            stderr,
            reader,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Wait until the run says it is waiting for the lock.
    fn waiting(&self) {
        wait_for("the run to wait for the lock", || {
            self.stderr().contains("waiting up to")
        });
    }

    fn finish(self) -> (bool, String) {
        let (ok, _) = finish(self.child);
        let _ = self.reader.join();
        let err = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        (ok, err)
    }
}

/// A named pipe: a build that reads it waits until something is written into it, holding
/// the corpus's lock meanwhile.
fn fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// Write one document into the pipe `times` times (each time a reader opens it).
fn feed(pipe: PathBuf, times: usize) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        for i in 0..times {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(&pipe)
                .expect("open the pipe");
            let line = serde_json::json!({"_id": format!("slow-{i}"), "title": "Treadle pump", "text": "A treadle pump lifts water."});
            writeln!(f, "{line}").expect("write the pipe");
        }
    })
}

#[test]
fn a_second_index_run_is_refused_naming_the_first_and_waits_with_wait() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("a.jsonl");
    std::fs::write(
        &file,
        serde_json::json!({"_id": "d1", "title": "Solar pump", "text": "A solar water pump."})
            .to_string()
            + "\n",
    )
    .unwrap();
    let pipe = data.path().join("slow.jsonl");
    fifo(&pipe);
    let writer = feed(pipe.clone(), 1);
    env.ok(&[
        "index",
        "--name",
        "slow",
        "--format",
        "beir",
        file.to_str().unwrap(),
        pipe.to_str().unwrap(),
    ]);
    writer.join().unwrap();
    assert_eq!(env.search_json("slow", "solar", 5).len(), 1);

    // The first run takes the lock, then waits on the pipe.
    let first = spawn(&env, &["index", "slow"]);
    let pid = first.id();
    wait_for("the first run to hold the lock", || {
        lock_line(&env, "slow").starts_with(&format!("pid {pid}:"))
    });
    let stderr = env.tisc().args(["index", "slow"]).ends(1);
    assert!(
        stderr.contains(&format!("pid {pid}: tisc index slow")) && stderr.contains("--wait"),
        "{stderr}"
    );
    // Meanwhile the index answers.
    assert_eq!(env.search_json("slow", "solar", 5).len(), 1);

    // With --wait, the second run waits for the first, then builds.
    let waiting = Watched::start(&env, &["index", "slow", "--wait", "60"]);
    waiting.waiting();
    assert!(
        waiting
            .stderr()
            .contains(&format!("(pid {pid}: tisc index slow); waiting")),
        "{}",
        waiting.stderr()
    );
    let writer = feed(pipe.clone(), 1);
    let (ok, err) = finish(first);
    assert!(ok, "{err}");
    writer.join().unwrap();
    // The first run has closed the pipe: the next document goes to the second.
    let writer = feed(pipe, 1);
    let (ok, err) = waiting.finish();
    assert!(ok, "{err}");
    writer.join().unwrap();
    assert_eq!(env.search_json("slow", "solar OR treadle", 5).len(), 2);
    let index = env.path().join("index/slow");
    let gens = std::fs::read_dir(&index)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(gens, 1, "one generation left");
}

#[test]
fn a_second_sync_is_refused_while_the_first_runs_and_waits_with_wait() {
    let env = TestEnv::new();
    let server = Server::start().unwrap();
    let path = "d/ipg240102.zip";
    server.put(path, uspto_zip());
    // About four seconds per download, so that the runs overlap.
    server.trickle(path, 10_000, Duration::from_millis(100));
    env.ok(&["mirror", "add", "weekly", "--url", &server.url(path)]);
    let sync = ["mirror", "sync", "weekly", "--proxy", "none"];

    let first = spawn(&env, &sync);
    wait_for("the first sync to start downloading", || {
        !server.requests_for(path).is_empty()
    });
    let stderr = env.tisc().args(sync).ends(1);
    assert_contains(
        &stderr,
        &format!("pid {}: tisc mirror sync weekly", first.id()),
    );
    let (ok, err) = finish(first);
    assert!(ok, "{err}");
    let status = env.ok(&["mirror", "status", "weekly"]);
    assert!(
        status.contains("1 indexed") && status.contains("0 failed"),
        "{status}"
    );

    // A changed file makes the next sync download again; a second one waits for it.
    let mut changed = uspto_zip();
    changed.extend_from_slice(b"\0");
    server.put(path, changed);
    server.trickle(path, 10_000, Duration::from_millis(100));
    let before = server.requests_for(path).len();
    let first = spawn(&env, &sync);
    wait_for("the next sync to start downloading", || {
        server.requests_for(path).len() > before
    });
    let mut waiting: Vec<&str> = sync.to_vec();
    waiting.extend(["--wait", "60"]);
    let second = Watched::start(&env, &waiting);
    second.waiting();
    let (ok, err) = finish(first);
    assert!(ok, "{err}");
    let (ok, err) = second.finish();
    assert!(ok, "{err}");
    let status = env.ok(&["mirror", "status", "weekly"]);
    assert_contains(&status, "0 failed");
}

#[test]
fn a_broken_corpus_definition_is_named_with_its_file_and_line() {
    let env = TestEnv::new();
    let dir = env.path().join("corpora");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "name = \"bad\"\npaths = [\"x\"\nformat = \"auto\"\n").unwrap();
    let stderr = env.tisc().args(["index", "bad"]).ends(2);
    assert!(
        stderr.contains(&bad.display().to_string()) && stderr.contains("line "),
        "{stderr}"
    );
    assert!(!stderr.contains("no corpus named"), "{stderr}");

    std::fs::write(&bad, "name = \"bad\"\nformat = \"word\"\npaths = [\"x\"]\n").unwrap();
    let stderr = env
        .tisc()
        .args(["mirror", "sync", "bad", "--proxy", "none"])
        .ends(2);
    assert!(
        stderr.contains("bad.toml") && stderr.contains("word"),
        "{stderr}"
    );
}
