//! Mirroring against a loopback server with faults injected: drops, 5xx, wrong checksums,
//! Range ignored, trickles and stalls, 404, a zip bomb and `../` member names. Every test
//! checks the files against the source byte for byte, and the index for duplicates.

mod common;
mod mirror_support;

use common::{assert_contains, Run};
use mirror_support::*;
use std::sync::Mutex;
use std::time::Duration;
use tisc::corpus::Workspace;
use tisc::mirror::{
    self, part_path, Event, FileState, MirrorOptions, Outcome, ProxySetting, RemoteSpec,
};
use tisc_test_kit::serve::{Fault, Server};

fn define(ws: &Workspace, corpus: &str, server: &Server, files: &[&str], suffix: Option<&str>) {
    let spec = RemoteSpec {
        urls: files.iter().map(|f| server.url(f)).collect(),
        checksum_suffix: suffix.map(str::to_string),
        ..RemoteSpec::default()
    };
    mirror::add(ws, corpus, &spec).unwrap();
}

/// Serve `bytes` at `path` with a correct `.md5` companion.
fn publish(server: &Server, path: &str, bytes: Vec<u8>) {
    let name = path.rsplit('/').next().unwrap();
    server.put(
        &format!("{path}.md5"),
        format!("MD5({name})= {}\n", md5_hex(&bytes)).into_bytes(),
    );
    server.put(path, bytes);
}

fn outcome<'a>(r: &'a mirror::SyncReport, name: &str) -> &'a Outcome {
    &r.files.iter().find(|f| f.name == name).unwrap().outcome
}

#[test]
fn drops_and_server_errors_are_retried_resumed_and_ingested_once() {
    let server = Server::start().unwrap();
    let zip = uspto_zip();
    let gz1 = gz(PUBMED.as_bytes());
    publish(&server, "uspto/ipg240102.zip", zip.clone());
    publish(&server, "pubmed/pubmed24n0001.xml.gz", gz1.clone());
    server.fault("uspto/ipg240102.zip", Fault::DropAfter(150_000));
    server.fault("uspto/ipg240102.zip", Fault::DropAfter(100_000));
    server.fault("pubmed/pubmed24n0001.xml.gz", Fault::Status(500));
    server.fault("pubmed/pubmed24n0001.xml.gz", Fault::Status(503));
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let files = ["uspto/ipg240102.zip", "pubmed/pubmed24n0001.xml.gz"];
    define(&ws, "bulk", &server, &files, Some(".md5"));
    let retries = Mutex::new(0);
    let r = mirror::sync(&ws, "bulk", &fast(), true, &|e| {
        if let Event::Retrying { .. } = e {
            *retries.lock().unwrap() += 1;
        }
    })
    .unwrap();
    assert_eq!(r.failed(), 0, "{:?}", r.files);
    assert_eq!(*retries.lock().unwrap(), 4);
    let dir = ws.mirror_dir("bulk");
    assert_eq!(read(&dir.join("ipg240102.zip")), zip);
    assert_eq!(read(&dir.join("pubmed24n0001.xml.gz")), gz1);
    let ranges: Vec<_> = server
        .requests_for("uspto/ipg240102.zip")
        .iter()
        .map(|q| (q.range.clone(), q.status))
        .collect();
    assert_eq!(
        ranges,
        [
            (None, 200),
            (Some("bytes=150000-".into()), 206),
            (Some("bytes=250000-".into()), 206)
        ]
    );
    let statuses: Vec<u16> = server
        .requests_for("pubmed/pubmed24n0001.xml.gz")
        .iter()
        .map(|q| q.status)
        .collect();
    assert_eq!(statuses, [500, 503, 200]);
    assert!(!part_path(&dir, "ipg240102.zip").exists());
    for id in [
        "US11900001B2",
        "US11900002B1",
        "PMID:90000001",
        "PMID:90000002",
    ] {
        assert_eq!(count_id(&ws, "bulk", id), 1, "{id}");
    }
    assert_eq!(num_docs(&ws, "bulk"), 4);

    // A second sync: 304 for both, nothing ingested again.
    let again = mirror::sync(&ws, "bulk", &fast(), true, &|_| {}).unwrap();
    assert!(again.files.iter().all(|f| f.outcome == Outcome::Unchanged));
    let last = server.requests_for("uspto/ipg240102.zip");
    assert!(last.last().unwrap().conditional && last.last().unwrap().status == 304);
    assert!(again.index.is_none(), "nothing new to ingest");
    assert_eq!(num_docs(&ws, "bulk"), 4);

    // The PubMed file changes upstream: its documents are replaced, not duplicated.
    let revised = PUBMED.replace(
        "Field accuracy of a paper-based",
        "Revised field accuracy of a paper-based",
    );
    publish(
        &server,
        "pubmed/pubmed24n0001.xml.gz",
        gz(revised.as_bytes()),
    );
    let third = mirror::sync(&ws, "bulk", &fast(), true, &|_| {}).unwrap();
    assert!(matches!(
        outcome(&third, "pubmed24n0001.xml.gz"),
        Outcome::Updated { .. }
    ));
    assert_eq!(*outcome(&third, "ipg240102.zip"), Outcome::Unchanged);
    assert_eq!(third.index.as_ref().unwrap().files_read, 1);
    assert_eq!(num_docs(&ws, "bulk"), 4);
    assert_eq!(count_id(&ws, "bulk", "PMID:90000001"), 1);
    assert!(title_of(&ws, "bulk", "PMID:90000001").starts_with("Revised"));
    let status = mirror::status(&ws, "bulk").unwrap();
    assert!(status.files.iter().all(|f| f.state == FileState::Indexed));
}

#[test]
fn a_server_that_ignores_range_restarts_the_file_cleanly() {
    let server = Server::start().unwrap();
    let body = noise(600_000, 3);
    server.put("x/archive.bin", body.clone());
    server.ignore_range("x/archive.bin");
    server.fault("x/archive.bin", Fault::DropAfter(200_000));
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    define(&ws, "raw", &server, &["x/archive.bin"], None);
    let restarted = Mutex::new(Vec::new());
    let r = mirror::sync(&ws, "raw", &fast(), false, &|e| {
        if let Event::Restarted { reason, .. } = e {
            restarted.lock().unwrap().push(reason);
        }
    })
    .unwrap();
    assert_eq!(r.failed(), 0);
    assert_eq!(read(&ws.mirror_dir("raw").join("archive.bin")), body);
    let reqs = server.requests_for("x/archive.bin");
    assert_eq!(reqs[1].range.as_deref(), Some("bytes=200000-"));
    assert_eq!(reqs[1].status, 200, "the server answered the whole file");
    assert_eq!(restarted.lock().unwrap().len(), 1);
    assert_eq!(r.received_bytes, 200_000 + 600_000);
}

#[test]
fn wrong_checksum_and_404_fail_alone_and_nothing_partial_is_complete() {
    let server = Server::start().unwrap();
    let good = gz(PUBMED.as_bytes());
    publish(&server, "p/pubmed24n0001.xml.gz", good.clone());
    server.put("p/pubmed24n0002.xml.gz", gz(PUBMED_UPDATE.as_bytes()));
    server.put(
        "p/pubmed24n0002.xml.gz.md5",
        b"MD5(pubmed24n0002.xml.gz)= 00000000000000000000000000000000\n".to_vec(),
    );
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let files = [
        "p/pubmed24n0001.xml.gz",
        "p/pubmed24n0002.xml.gz",
        "p/pubmed24n0003.xml.gz",
    ];
    define(&ws, "pm", &server, &files, Some(".md5"));
    let r = mirror::sync(&ws, "pm", &fast(), true, &|_| {}).unwrap();
    assert_eq!(r.failed(), 2);
    let Outcome::Failed { reason } = outcome(&r, "pubmed24n0002.xml.gz") else {
        panic!("checksum mismatch must fail")
    };
    assert!(
        reason.contains("checksum mismatch") && reason.contains("gave up after 5 attempts"),
        "{reason}"
    );
    let Outcome::Failed { reason } = outcome(&r, "pubmed24n0003.xml.gz") else {
        panic!("404 must fail")
    };
    assert_eq!(reason, "HTTP 404 Not Found");
    assert_eq!(
        server.requests_for("p/pubmed24n0003.xml.gz").len(),
        1,
        "a 404 is not retried"
    );
    assert_eq!(server.requests_for("p/pubmed24n0002.xml.gz").len(), 5);
    let dir = ws.mirror_dir("pm");
    assert_eq!(read(&dir.join("pubmed24n0001.xml.gz")), good);
    assert!(!dir.join("pubmed24n0002.xml.gz").exists());
    assert!(!part_path(&dir, "pubmed24n0002.xml.gz").exists());
    let manifest = mirror::Manifest::load(&dir, "pm").unwrap();
    assert!(!manifest.files["pubmed24n0002.xml.gz"].complete);
    assert!(!manifest.files["pubmed24n0003.xml.gz"].complete);
    assert_eq!(num_docs(&ws, "pm"), 2, "the good file is indexed");
    let status = mirror::status(&ws, "pm").unwrap();
    let state = |n: &str| status.files.iter().find(|f| f.name == n).unwrap().clone();
    assert_eq!(state("pubmed24n0001.xml.gz").state, FileState::Indexed);
    assert_eq!(state("pubmed24n0002.xml.gz").state, FileState::Failed);
    assert!(state("pubmed24n0002.xml.gz")
        .error
        .unwrap()
        .contains("checksum mismatch"));
    assert_eq!(
        state("pubmed24n0003.xml.gz").error.as_deref(),
        Some("HTTP 404 Not Found")
    );
}

#[test]
fn trickles_complete_and_stalls_resume_after_the_timeout() {
    let server = Server::start().unwrap();
    let slow = noise(120_000, 11);
    let stalled = noise(300_000, 12);
    server.put("s/slow.bin", slow.clone());
    server.trickle("s/slow.bin", 4096, Duration::from_millis(3));
    server.put("s/stalled.bin", stalled.clone());
    server.fault("s/stalled.bin", Fault::StallAfter(90_000));
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    define(&ws, "slow", &server, &["s/slow.bin", "s/stalled.bin"], None);
    let opts = MirrorOptions {
        read_timeout: Duration::from_millis(700),
        ..fast()
    };
    let r = mirror::sync(&ws, "slow", &opts, false, &|_| {}).unwrap();
    assert_eq!(r.failed(), 0, "{:?}", r.files);
    let dir = ws.mirror_dir("slow");
    assert_eq!(read(&dir.join("slow.bin")), slow);
    assert_eq!(read(&dir.join("stalled.bin")), stalled);
    assert_eq!(
        server.requests_for("s/slow.bin").len(),
        1,
        "a trickle is not a stall"
    );
    let reqs = server.requests_for("s/stalled.bin");
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].range.as_deref(), Some("bytes=90000-"));
}

#[test]
fn a_bandwidth_cap_paces_the_whole_sync() {
    let server = Server::start().unwrap();
    for name in ["c/a.bin", "c/b.bin"] {
        server.put(name, noise(250_000, 5));
    }
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    define(&ws, "capped", &server, &["c/a.bin", "c/b.bin"], None);
    let opts = MirrorOptions {
        max_rate: Some(1_000_000),
        ..fast()
    };
    let started = std::time::Instant::now();
    let r = mirror::sync(&ws, "capped", &opts, false, &|_| {}).unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(r.failed(), 0);
    // 500 kB at 1 MB/s for both files together: half a second, less the burst credit.
    assert!((0.35..5.0).contains(&secs), "{secs} s");
}

#[test]
fn an_interrupted_sync_resumes_its_part_file_in_the_next_run() {
    let server = Server::start().unwrap();
    let zip = uspto_zip();
    publish(&server, "w/ipg240102.zip", zip.clone());
    for n in [50_000, 50_000] {
        server.fault("w/ipg240102.zip", Fault::DropAfter(n));
    }
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    define(&ws, "weekly", &server, &["w/ipg240102.zip"], Some(".md5"));
    let two_tries = MirrorOptions {
        retry: tisc::mirror::RetryPolicy {
            attempts: 2,
            ..fast().retry
        },
        ..fast()
    };
    let r = mirror::sync(&ws, "weekly", &two_tries, true, &|_| {}).unwrap();
    let Outcome::Failed { reason } = outcome(&r, "ipg240102.zip") else {
        panic!("two drops with two tries must fail")
    };
    assert_contains(reason, "after 100000 of");
    let dir = ws.mirror_dir("weekly");
    assert!(!dir.join("ipg240102.zip").exists());
    let status = mirror::status(&ws, "weekly").unwrap();
    assert_eq!(status.files[0].state, FileState::Partial);
    assert_eq!(status.files[0].partial_bytes, Some(100_000));
    assert!(tisc::index::CorpusIndex::open(&ws.index_dir("weekly"), "weekly").is_err());

    let r = mirror::sync(&ws, "weekly", &fast(), true, &|_| {}).unwrap();
    assert!(matches!(outcome(&r, "ipg240102.zip"), Outcome::New { .. }));
    assert_eq!(r.received_bytes, zip.len() as u64 - 100_000);
    let last = server.requests_for("w/ipg240102.zip").pop().unwrap();
    assert_eq!(last.range.as_deref(), Some("bytes=100000-"));
    assert!(last.if_range.is_some(), "the resume is guarded by If-Range");
    assert_eq!(read(&dir.join("ipg240102.zip")), zip);
    assert_eq!(num_docs(&ws, "weekly"), 2);
}

#[test]
fn bombs_and_traversal_archives_download_but_are_refused_at_ingest() {
    let server = Server::start().unwrap();
    let bomb = zip(&[("ipg240109.xml", &vec![b' '; 40 << 20])], true);
    let evil = zip(
        &[
            ("ipg240116.xml", USPTO.as_bytes()),
            ("../../etc/cron.d/evil.xml", USPTO.as_bytes()),
        ],
        true,
    );
    server.put("u/ipg240102.zip", uspto_zip());
    server.put("u/ipg240109.zip", bomb.clone());
    server.put("u/ipg240116.zip", evil.clone());
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let files = ["u/ipg240102.zip", "u/ipg240109.zip", "u/ipg240116.zip"];
    define(&ws, "arch", &server, &files, None);
    let r = mirror::sync(&ws, "arch", &fast(), true, &|_| {}).unwrap();
    assert_eq!(r.failed(), 0);
    assert_eq!(read(&ws.mirror_dir("arch").join("ipg240109.zip")), bomb);
    let failures: Vec<_> = r.ingest_failures.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(failures, ["ipg240109.zip", "ipg240116.zip"]);
    assert!(r.ingest_failures[0].1.contains("decompression bomb"));
    assert!(r.ingest_failures[1].1.contains("unsafe name"));
    assert_eq!(num_docs(&ws, "arch"), 2, "only the sound archive's grants");
    let status = mirror::status(&ws, "arch").unwrap();
    let evil_status = status
        .files
        .iter()
        .find(|f| f.name == "ipg240116.zip")
        .unwrap();
    assert_eq!(evil_status.state, FileState::Complete);
    assert!(evil_status
        .ingest_error
        .as_ref()
        .unwrap()
        .contains("../../etc"));
}

#[test]
fn listing_pages_with_patterns_are_followed_through_a_proxy() {
    let server = Server::start().unwrap();
    publish(
        &server,
        "pubmed/baseline/pubmed24n0001.xml.gz",
        gz(PUBMED.as_bytes()),
    );
    server.put("pubmed/baseline/README.txt", b"about".to_vec());
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    // The origin (127.0.0.2:9) has nothing listening: only the proxy can answer.
    let origin = "http://127.0.0.2:9/pubmed";
    std::fs::create_dir_all(ws.corpora_dir()).unwrap();
    std::fs::write(
        ws.corpora_dir().join("med.toml"),
        format!(
            "name = \"med\"\nformat = \"pubmed\"\npaths = [\"${{TISC_HOME}}/mirror/med\"]\n\
             [remote]\nlist_url = \"{origin}/baseline/\"\npattern = \"pubmed24n*.xml.gz\"\nchecksum_suffix = \".md5\"\n\
             [[remote.lists]]\nurl = \"{origin}/updatefiles/\"\npattern = \"pubmed24n*.xml.gz\"\n"
        ),
    )
    .unwrap();
    let opts = MirrorOptions {
        proxy: ProxySetting::Url(server.url("")),
        ..fast()
    };
    let r = mirror::sync(&ws, "med", &opts, true, &|_| {}).unwrap();
    let names: Vec<_> = r.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["pubmed24n0001.xml.gz"]);
    assert_eq!(
        r.problems,
        [format!(
            "listing {origin}/updatefiles/: no file matches `pubmed24n*.xml.gz`"
        )]
    );
    assert_eq!(num_docs(&ws, "med"), 2);

    // An update file appears: it revises PMID 90000001 and adds 90000003.
    publish(
        &server,
        "pubmed/updatefiles/pubmed24n1001.xml.gz",
        gz(PUBMED_UPDATE.as_bytes()),
    );
    let r = mirror::sync(&ws, "med", &opts, true, &|_| {}).unwrap();
    assert_eq!(r.failed(), 0, "{:?} {:?}", r.files, r.problems);
    assert!(matches!(
        outcome(&r, "pubmed24n1001.xml.gz"),
        Outcome::New { .. }
    ));
    assert!(server.requests().iter().all(|q| q.proxied));
    assert_eq!(num_docs(&ws, "med"), 3);
    assert_eq!(count_id(&ws, "med", "PMID:90000001"), 1);
    assert!(title_of(&ws, "med", "PMID:90000001").starts_with("Revised"));
}

#[test]
fn the_cli_adds_syncs_reports_failures_and_verifies() {
    let env = common::TestEnv::new();
    let server = Server::start().unwrap();
    let zip = uspto_zip();
    publish(&server, "d/ipg240102.zip", zip.clone());
    publish(&server, "d/pubmed24n0001.xml.gz", gz(PUBMED.as_bytes()));
    let out = env.ok(&[
        "mirror",
        "add",
        "fixtures",
        "--url",
        &server.url("d/ipg240102.zip"),
        &server.url("d/pubmed24n0001.xml.gz"),
        &server.url("d/gone.zip"),
        "--checksum-suffix",
        ".md5",
    ]);
    assert_contains(&out, "corpus `fixtures` defined");
    let corpora = env.ok(&["corpora"]);
    assert_contains(&corpora, "tisc mirror sync uspto-weekly");
    let sync = |extra: &[&str]| {
        let mut args = vec![
            "mirror",
            "sync",
            "fixtures",
            "--retry-delay-ms",
            "10",
            "--proxy",
            "none",
        ];
        args.extend_from_slice(extra);
        env.tisc().args(&args).output().unwrap()
    };
    let first = sync(&[]);
    assert_eq!(first.status.code(), Some(3), "some files synced: partial");
    let stdout = String::from_utf8_lossy(&first.stdout);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        stdout.contains("2 new") && stdout.contains("1 failed"),
        "{stdout}"
    );
    assert_contains(&stdout, "failed: gone.zip — HTTP 404 Not Found");
    assert_contains(&stderr, "1 file not fetched or refused");
    let status = env.ok(&["mirror", "status", "fixtures"]);
    assert!(
        status.contains("2 indexed") && status.contains("1 failed"),
        "{status}"
    );
    let hits = env.search_json("fixtures", "photovoltaic borehole pump", 5);
    assert_eq!(hits[0]["id"], "US11900001B2");

    // A damaged local copy is found by verify and fetched again by the next sync.
    let local = env.path().join("mirror/fixtures/ipg240102.zip");
    std::fs::write(&local, b"damaged").unwrap();
    let (verified, _) = env.exits(&["mirror", "verify", "fixtures"], 1);
    assert_contains(&verified, "bad: ipg240102.zip");
    sync(&[]);
    assert_eq!(read(&local), zip);
    assert!(env.ok(&["mirror", "verify", "fixtures"]).contains("0 bad"));
    let hits = env.search_json("fixtures", "cassava grating drum", 10);
    let ids: Vec<_> = hits.iter().filter(|h| h["id"] == "US11900002B1").collect();
    assert_eq!(ids.len(), 1, "re-fetched archive replaced its documents");
}

#[test]
fn the_cli_honours_http_proxy_from_the_environment() {
    let env = common::TestEnv::new();
    let server = Server::start().unwrap();
    server.put("e/pubmed24n0001.xml.gz", gz(PUBMED.as_bytes()));
    env.ok(&[
        "mirror",
        "add",
        "viaproxy",
        "--url",
        "http://127.0.0.2:9/e/pubmed24n0001.xml.gz",
    ]);
    let out = env
        .tisc()
        .args(["mirror", "sync", "viaproxy", "--no-index", "--json"])
        .env("HTTP_PROXY", server.url(""))
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .succeeds();
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["files"][0]["state"], "new");
    assert!(server.requests().iter().all(|q| q.proxied));
    for sub in ["add", "sync", "status", "verify"] {
        let help = env.ok(&["mirror", sub, "--help"]);
        assert!(help.contains("Example"), "{sub}: {help}");
    }
}
