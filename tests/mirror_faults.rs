//! Mirroring against servers that misbehave without failing outright: a login page instead
//! of the file, junk where records were, a body without end, a Content-Length that lies, a
//! redirect to `file://`, a broken checksum companion, a missing listing page. The live copy
//! must survive, and the sync must say what went wrong and exit non-zero.

mod common;
mod mirror_support;

use common::{assert_contains, TestEnv};
use mirror_support::*;
use std::process::Output;
use tisc::corpus::Workspace;
use tisc::ingest::Format;
use tisc::mirror::{self, part_path, rejected_path, FileState, Outcome, RemoteSpec};
use tisc_test_kit::serve::{Fault, Server, LOGIN_PAGE};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `tisc mirror sync CORPUS` with quick retries and no proxy, plus `extra`.
fn sync(env: &TestEnv, corpus: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "mirror",
        "sync",
        corpus,
        "--retry-delay-ms",
        "10",
        "--attempts",
        "2",
        "--proxy",
        "none",
    ];
    args.extend_from_slice(extra);
    env.tisc().args(&args).output().unwrap()
}

fn add(env: &TestEnv, corpus: &str, format: &str, urls: &[String]) {
    let mut args = vec!["mirror", "add", corpus, "--format", format, "--url"];
    args.extend(urls.iter().map(String::as_str));
    env.ok(&args);
}

/// A PubMed file of `n` citations, PMIDs 91000001…
fn pubmed_set(n: usize) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n");
    for i in 1..=n {
        xml.push_str(&format!(
            "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{}</PMID>\
             <Article PubModel=\"Print\"><ArticleTitle>Solar water pump study number {i}.</ArticleTitle>\
             <Abstract><AbstractText>Irrigation with a photovoltaic pump, trial {i}.</AbstractText></Abstract>\
             <Language>eng</Language></Article></MedlineCitation></PubmedArticle>\n",
            91_000_000 + i
        ));
    }
    xml.push_str("</PubmedArticleSet>\n");
    xml
}

#[test]
fn a_login_page_or_junk_never_replaces_a_good_copy() {
    let env = TestEnv::new();
    let server = Server::start().unwrap();
    let good = gz(PUBMED.as_bytes());
    server.put("d/pubmed24n0001.xml.gz", good.clone());
    server.put("d/ipg240102.zip", uspto_zip());
    let urls = [
        server.url("d/pubmed24n0001.xml.gz"),
        server.url("d/ipg240102.zip"),
    ];
    add(&env, "bulk", "auto", &urls);
    let first = sync(&env, "bulk", &[]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));

    // The server answers the next request with a login page.
    server.fault("d/pubmed24n0001.xml.gz", Fault::LoginPage);
    let out = sync(&env, "bulk", &[]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(3), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("1 rejected")
            && stdout.contains("rejected: pubmed24n0001.xml.gz — the server sent an HTML page"),
        "{stdout}"
    );
    assert_contains(&stderr, "1 file not fetched or refused");
    let dir = env.path().join("mirror/bulk");
    assert_eq!(read(&dir.join("pubmed24n0001.xml.gz")), good);
    assert_eq!(
        read(&rejected_path(&dir, "pubmed24n0001.xml.gz")),
        LOGIN_PAGE.as_bytes()
    );
    let hits = env.search_json("bulk", "paper-based rapid diagnostic malaria", 5);
    assert_eq!(hits[0]["id"], "PMID:90000001", "documents stay searchable");
    let status = env.ok(&["mirror", "status", "bulk"]);
    assert!(
        status.contains("1 indexed") && status.contains("1 rejected"),
        "{status}"
    );
    assert_contains(&status, "live copy kept, indexed");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["mirror", "status", "bulk", "--json"])).unwrap();
    let pm = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "pubmed24n0001.xml.gz")
        .unwrap()
        .clone();
    assert_eq!(pm["state"], "rejected");
    assert_eq!(pm["live"], true);
    let verify = env
        .tisc()
        .args(["mirror", "verify", "bulk"])
        .output()
        .unwrap();
    let vout = text(&verify.stdout);
    assert_eq!(verify.status.code(), Some(3), "{vout}");
    assert_contains(&vout, "0 bad, 1 rejected");
    assert_contains(&vout, "rejected: pubmed24n0001.xml.gz");

    // The server is itself again: the next sync finds the file unchanged, the refusal is
    // cleared and the set-aside copy removed.
    let again = sync(&env, "bulk", &[]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
    assert!(!rejected_path(&dir, "pubmed24n0001.xml.gz").exists());
    assert!(env.ok(&["mirror", "status", "bulk"]).contains("2 indexed"));
}

#[test]
fn a_download_without_records_keeps_the_live_copy_and_its_documents() {
    let server = Server::start().unwrap();
    let good = pubmed_set(20);
    server.put("j/pubmed24n0020.xml", good.clone().into_bytes());
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let spec = RemoteSpec {
        urls: vec![server.url("j/pubmed24n0020.xml")],
        format: Some(Format::Pubmed),
        ..RemoteSpec::default()
    };
    mirror::add(&ws, "junk", &spec).unwrap();
    let r = mirror::sync(&ws, "junk", &fast(), true, &|_| {}).unwrap();
    assert!(!r.incomplete(), "{r:?}");
    assert_eq!(num_docs(&ws, "junk"), 20);
    // Upstream now serves an XML error document under the file's name.
    server.put(
        "j/pubmed24n0020.xml",
        b"<?xml version=\"1.0\"?>\n<Error><Code>SlowDown</Code></Error>\n".to_vec(),
    );
    let r = mirror::sync(&ws, "junk", &fast(), true, &|_| {}).unwrap();
    let Outcome::Rejected { reason, kept } = &r.files[0].outcome else {
        panic!("junk must be refused: {:?}", r.files)
    };
    assert!(
        reason.contains("no records") && reason.contains("live copy holds 20 records"),
        "{reason}"
    );
    let dir = ws.mirror_dir("junk");
    assert_eq!(kept, &rejected_path(&dir, "pubmed24n0020.xml"));
    assert_eq!(read(&dir.join("pubmed24n0020.xml")), good.as_bytes());
    assert!(r.incomplete());
    assert_eq!(num_docs(&ws, "junk"), 20, "the live copy's documents stay");
    assert_eq!(count_id(&ws, "junk", "PMID:91000007"), 1);
    let status = mirror::status(&ws, "junk").unwrap();
    assert_eq!(status.files[0].state, FileState::Rejected);
    assert!(status.files[0].ingested_at.is_some());
    let v = mirror::verify(&ws, "junk", &|_| {}).unwrap();
    assert!(v.bad.is_empty());
    assert_eq!(v.rejected.len(), 1);
}

#[test]
fn a_short_content_length_and_the_records_it_costs_are_reported() {
    let env = TestEnv::new();
    let server = Server::start().unwrap();
    let xml = pubmed_set(50);
    server.put("s/pubmed24n0050.xml", xml.clone().into_bytes());
    // The server announces 60 bytes fewer than it has: the last citation is cut.
    server.fault("s/pubmed24n0050.xml", Fault::ShortLength(60));
    add(
        &env,
        "short",
        "pubmed",
        &[server.url("s/pubmed24n0050.xml")],
    );
    let out = sync(&env, "short", &[]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(3), "{stdout}\n{stderr}");
    let last = xml.rfind("<PubmedArticle>").unwrap();
    assert!(
        stdout.contains("skipped at ingest: 1 record (malformed):")
            && stdout.contains(&format!("pubmed24n0050.xml at byte {last}")),
        "{stdout}"
    );
    assert_contains(&stderr, "1 record skipped at ingest");
    let hits = env.search_json("short", "photovoltaic pump", 100);
    assert_eq!(hits.len(), 49);
}

#[test]
fn a_body_without_end_is_cut_at_the_cap() {
    let env = TestEnv::new();
    let server = Server::start().unwrap();
    server.put("e/pubmed24n0001.xml.gz", gz(PUBMED.as_bytes()));
    server.put("e/pubmed24n0002.xml.gz", gz(PUBMED.as_bytes()));
    server.fault("e/pubmed24n0002.xml.gz", Fault::Endless);
    let urls = [
        server.url("e/pubmed24n0001.xml.gz"),
        server.url("e/pubmed24n0002.xml.gz"),
    ];
    add(&env, "endless", "pubmed", &urls);
    let started = std::time::Instant::now();
    let out = sync(&env, "endless", &["--max-body", "1MiB"]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(started.elapsed().as_secs() < 60);
    assert!(
        stdout.contains(
            "failed: pubmed24n0002.xml.gz — the body passed the cap of 1048576 bytes without a Content-Length"
        ),
        "{stdout}"
    );
    let dir = env.path().join("mirror/endless");
    assert!(!dir.join("pubmed24n0002.xml.gz").exists());
    assert!(!part_path(&dir, "pubmed24n0002.xml.gz").exists());
    assert_eq!(
        server.requests_for("e/pubmed24n0002.xml.gz").len(),
        1,
        "a body past the cap is not tried again"
    );
    let status = env.ok(&["mirror", "status", "endless"]);
    assert!(
        status.contains("1 indexed") && status.contains("1 failed"),
        "{status}"
    );
    // The cap also comes from config.toml; a file announced above it is refused unread.
    std::fs::write(
        env.path().join("config.toml"),
        "[mirror]\nmax_body = \"100\"\n",
    )
    .unwrap();
    let out = sync(&env, "endless", &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    assert!(
        stdout.contains("the server announces")
            && stdout.contains("more than the cap of 100 bytes"),
        "{stdout}"
    );
}

#[test]
fn a_missing_or_unreachable_listing_page_fails_the_sync() {
    let env = TestEnv::new();
    let server = Server::start().unwrap();
    server.put("f/pubmed24n0001.xml.gz", gz(PUBMED.as_bytes()));
    server.fault("gone/", Fault::Status(404));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/list/", closed.local_addr().unwrap());
    drop(closed);
    let listing = server.url("gone/");
    env.ok(&[
        "mirror",
        "add",
        "listed",
        "--format",
        "pubmed",
        "--url",
        &server.url("f/pubmed24n0001.xml.gz"),
        "--list-url",
        &listing,
        "--pattern",
        "*.xml.gz",
    ]);
    let out = sync(&env, "listed", &[]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_contains(&stderr, &format!("listing {listing}: HTTP 404 Not Found"));
    assert!(
        stdout.contains("1 new"),
        "the listed file is fetched: {stdout}"
    );
    env.ok(&[
        "mirror",
        "add",
        "listed",
        "--list-url",
        &dead,
        "--pattern",
        "*.xml.gz",
    ]);
    let out = sync(&env, "listed", &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_contains(&stderr, &format!("listing {dead}: "));
}

#[test]
fn a_failed_checksum_companion_is_named_and_the_file_left_alone() {
    let server = Server::start().unwrap();
    server.put("c/a.xml.gz", gz(PUBMED.as_bytes()));
    server.put("c/b.xml.gz", gz(PUBMED_UPDATE.as_bytes()));
    server.put("c/b.xml.gz.md5", b"placeholder".to_vec());
    for _ in 0..5 {
        server.fault("c/a.xml.gz.md5", Fault::Status(500));
    }
    server.fault("c/b.xml.gz.md5", Fault::LoginPage);
    server.put("c/c.xml.gz", gz(PUBMED.as_bytes()));
    server.put("c/c.xml.gz.md5", vec![b'0'; 2 << 20]);
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let spec = RemoteSpec {
        urls: vec![
            server.url("c/a.xml.gz"),
            server.url("c/b.xml.gz"),
            server.url("c/c.xml.gz"),
        ],
        checksum_suffix: Some(".md5".into()),
        ..RemoteSpec::default()
    };
    mirror::add(&ws, "sums", &spec).unwrap();
    let r = mirror::sync(&ws, "sums", &fast(), false, &|_| {}).unwrap();
    let reason = |name: &str| match &r.files.iter().find(|f| f.name == name).unwrap().outcome {
        Outcome::Failed { reason } => reason.clone(),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(
        reason("a.xml.gz"),
        format!(
            "checksum file {}: HTTP 500 Internal Server Error (gave up after 5 attempts)",
            server.url("c/a.xml.gz.md5")
        )
    );
    assert_eq!(
        reason("b.xml.gz"),
        format!(
            "checksum file {}: an HTML page, not a checksum (a login or error page?)",
            server.url("c/b.xml.gz.md5")
        )
    );
    assert_eq!(
        reason("c.xml.gz"),
        format!(
            "checksum file {}: more than 1048576 bytes, the most read of a listing page or checksum file",
            server.url("c/c.xml.gz.md5")
        )
    );
    assert!(server.requests_for("c/a.xml.gz").is_empty());
    assert!(server.requests_for("c/b.xml.gz").is_empty());
}

#[test]
fn a_redirect_to_a_file_url_is_refused_by_name() {
    let server = Server::start().unwrap();
    server.put("r/pubmed24n0001.xml.gz", gz(PUBMED.as_bytes()));
    server.fault(
        "r/pubmed24n0001.xml.gz",
        Fault::Redirect("file:///etc/passwd".into()),
    );
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let spec = RemoteSpec {
        urls: vec![server.url("r/pubmed24n0001.xml.gz")],
        ..RemoteSpec::default()
    };
    mirror::add(&ws, "redir", &spec).unwrap();
    let r = mirror::sync(&ws, "redir", &fast(), false, &|_| {}).unwrap();
    assert_eq!(
        r.files[0].outcome,
        Outcome::Failed {
            reason: "redirect to an unsupported scheme: file:///etc/passwd".into()
        }
    );
    assert_eq!(server.requests_for("r/pubmed24n0001.xml.gz").len(), 1);
    assert!(!ws.mirror_dir("redir").join("pubmed24n0001.xml.gz").exists());
}

#[test]
fn real_bulk_files_pass_the_content_check_and_their_login_pages_do_not() {
    let cases = [
        (
            "pubmed-pmc-xml/pubmed/medline16n0902.xml.gz",
            Format::Pubmed,
        ),
        (
            "uspto-patent-xml/grants-weekly-excerpts/ipg120327.196.xml",
            Format::Uspto,
        ),
        ("beir-scifact/corpus.jsonl", Format::Auto),
    ];
    for (rel, format) in cases {
        let Some(path) = common::shared(rel) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = read(&path);
        let server = Server::start().unwrap();
        let remote = format!("real/{name}");
        server.put(&remote, bytes.clone());
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        let spec = RemoteSpec {
            urls: vec![server.url(&remote)],
            format: Some(format),
            ..RemoteSpec::default()
        };
        mirror::add(&ws, "real", &spec).unwrap();
        let r = mirror::sync(&ws, "real", &fast(), false, &|_| {}).unwrap();
        assert!(matches!(r.files[0].outcome, Outcome::New { .. }), "{rel}");
        // A revised copy (the same records and a little more) replaces it.
        let mut revised = bytes.clone();
        if name.ends_with(".gz") {
            revised.extend(gz(b""));
        } else {
            revised.extend(b"\n");
        }
        server.put(&remote, revised.clone());
        let r = mirror::sync(&ws, "real", &fast(), false, &|_| {}).unwrap();
        assert!(
            matches!(r.files[0].outcome, Outcome::Updated { .. }),
            "{rel}: {:?}",
            r.files[0].outcome
        );
        // Junk under the file's name: refused because the live copy has records.
        let junk: &[u8] = if name.ends_with(".jsonl") {
            b"{\"error\": \"quota exceeded\"}\n"
        } else {
            b"<?xml version=\"1.0\"?><Error>quota exceeded</Error>\n"
        };
        server.put(
            &remote,
            if name.ends_with(".gz") {
                gz(junk)
            } else {
                junk.to_vec()
            },
        );
        let r = mirror::sync(&ws, "real", &fast(), false, &|_| {}).unwrap();
        match &r.files[0].outcome {
            Outcome::Rejected { reason, .. } => {
                assert!(
                    reason.contains("where the live copy holds"),
                    "{rel}: {reason}"
                )
            }
            other => panic!("{rel}: {other:?}"),
        }
        server.fault(&remote, Fault::LoginPage);
        server.put(&remote, bytes.clone());
        let r = mirror::sync(&ws, "real", &fast(), false, &|_| {}).unwrap();
        match &r.files[0].outcome {
            Outcome::Rejected { reason, .. } => {
                assert!(reason.contains("HTML page"), "{rel}: {reason}")
            }
            other => panic!("{rel}: {other:?}"),
        }
        assert_eq!(read(&ws.mirror_dir("real").join(&name)), revised, "{rel}");
    }
}
