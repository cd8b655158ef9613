//! `tisc index` on input that is not plain UTF-8 or not safe: declared encodings are
//! honoured, ids keep their digits, unsafe archives are refused whole, symbolic links are
//! followed (loops reported), damaged and hostile files fail alone, and the exit code says
//! whether the build was complete (0), partial (3) or refused input (2).

mod common;

use common::{assert_contains, TestEnv};
use std::path::Path;
use std::time::{Duration, Instant};
use tisc_test_kit::{gz, tar_bytes};

const USPTO: &str = include_str!("fixtures/mirror/ipg240102.xml");
const PUBMED: &str = include_str!("fixtures/mirror/pubmed24n0001.xml");

/// A PubMed file of one article, with `title` as its title (the declaration is the caller's).
fn pubmed_one(decl: &str, pmid: u32, title: &[u8]) -> Vec<u8> {
    let mut out = decl.as_bytes().to_vec();
    out.extend_from_slice(
        format!("\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>")
            .as_bytes(),
    );
    out.extend_from_slice(title);
    out.extend_from_slice(
        b"</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n",
    );
    out
}

/// `tisc index --name <name> --format <format> --json <path>`: exit code, summary, stderr.
fn index(env: &TestEnv, name: &str, format: &str, path: &Path) -> (i32, serde_json::Value, String) {
    let out = env
        .tisc()
        .args(["index", "--name", name, "--format", format, "--json"])
        .arg(path)
        .output()
        .expect("run tisc");
    let summary = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap_or(-1),
        summary,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn titles(env: &TestEnv, corpus: &str, query: &str) -> Vec<String> {
    env.search_json(corpus, query, 20)
        .iter()
        .map(|h| h["title"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn iso_8859_1_and_windows_1252_declarations_are_honoured() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, &str, &[u8]); 2] = [
        (
            "latin1.xml",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
            b"Caf\xe9 na\xefve pump",
        ),
        (
            "cp1252.xml",
            "<?xml version='1.0' encoding='windows-1252'?>",
            b"\x93Smart\x94 pump \x80 price",
        ),
    ];
    for (n, (name, declaration, title)) in (1..).zip(files) {
        std::fs::write(dir.path().join(name), pubmed_one(declaration, n, title)).unwrap();
    }
    let (code, summary, err) = index(&env, "enc", "auto", dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary["indexed"], 2);
    let mut got = titles(&env, "enc", "pump");
    got.sort();
    assert_eq!(
        got,
        ["Café naïve pump", "\u{201c}Smart\u{201d} pump € price"]
    );
}

#[test]
fn utf16_files_le_and_be_with_or_without_a_mark_are_read() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    for le in [true, false] {
        for bom in [true, false] {
            n += 1;
            let text = String::from_utf8(pubmed_one(
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
                n,
                format!("Bomba número {n} für Wasser").as_bytes(),
            ))
            .unwrap();
            let mut bytes = Vec::new();
            if bom {
                bytes.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
            }
            for u in text.encode_utf16() {
                bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            std::fs::write(dir.path().join(format!("u{n}.xml")), bytes).unwrap();
        }
    }
    let (code, summary, err) = index(&env, "u16", "auto", dir.path());
    assert_eq!(code, 0, "{err} {summary}");
    assert_eq!(summary["indexed"], 4, "{summary}");
    let mut got = titles(&env, "u16", "Wasser");
    got.sort();
    let want: Vec<String> = (1..=4)
        .map(|n| format!("Bomba número {n} für Wasser"))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_23_digit_beir_id_keeps_every_digit() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpus.jsonl");
    std::fs::write(
        &file,
        "{\"_id\": 12345678901234567890123, \"title\": \"Solar pump\", \"text\": \"x\"}\n\
         {\"_id\": 7, \"title\": \"Wind pump\", \"text\": \"y\"}\n",
    )
    .unwrap();
    let (code, _, err) = index(&env, "ids", "beir", &file);
    assert_eq!(code, 0, "{err}");
    let mut ids: Vec<String> = env
        .search_json("ids", "pump", 10)
        .iter()
        .map(|h| h["id"].as_str().unwrap_or("").to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["12345678901234567890123", "7"]);
}

#[test]
fn a_tar_with_a_parent_member_is_refused_whole_before_anything_is_indexed() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    // Good members first: nothing of them may reach the index.
    let members: &[(&str, &[u8])] = &[
        ("week/ipg240102.xml", USPTO.as_bytes()),
        ("../../escape.xml", PUBMED.as_bytes()),
    ];
    std::fs::write(dir.path().join("evil.tar"), tar_bytes(members)).unwrap();
    std::fs::write(dir.path().join("evil.tar.gz"), gz(&tar_bytes(members))).unwrap();
    std::fs::write(dir.path().join("other.xml"), PUBMED).unwrap();
    let (code, summary, err) = index(&env, "tars", "auto", dir.path());
    assert_eq!(code, 2, "unsafe input is refused: {err}");
    assert!(
        err.contains("evil.tar") && err.contains("`../../escape.xml`"),
        "names the archive and the member: {err}"
    );
    assert_eq!(summary["refused_files"].as_array().map(Vec::len), Some(2));
    // Only the plain file's two articles: no grant of the refused archives.
    assert_eq!(summary["indexed"], 2, "{summary}");
    assert!(titles(&env, "tars", "borehole OR cassava").is_empty());
}

#[cfg(unix)]
#[test]
fn symlinked_folders_are_followed_and_a_loop_is_reported() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    let top = dir.path().join("top");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::create_dir_all(&top).unwrap();
    std::fs::write(real.join("grants.xml"), USPTO).unwrap();
    std::os::unix::fs::symlink(&real, top.join("linked")).unwrap();
    let (code, summary, err) = index(&env, "links", "auto", &top);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        summary["indexed"], 2,
        "the linked folder is read: {summary}"
    );

    std::os::unix::fs::symlink(&top, top.join("loop")).unwrap();
    let (code, summary, err) = index(&env, "loops", "auto", &top);
    assert_eq!(code, 3, "a loop makes the build partial: {err}");
    assert_eq!(summary["indexed"], 2, "{summary}");
    assert_contains(&err, "symbolic link loop");
    let failed = summary["failed_files"].to_string();
    assert_contains(&failed, "loop");
}

#[test]
fn a_corrupt_gz_keeps_the_documents_before_the_damage_and_exits_3() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let records: String = (1..=3000)
        .map(|i| {
            format!(
                "<PubmedArticle><MedlineCitation><PMID>{i}</PMID><Article><ArticleTitle>\
                 Pump study {i} {}</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n",
                i * 7919 % 10007
            )
        })
        .collect();
    let xml =
        format!("<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n{records}</PubmedArticleSet>\n");
    let whole = gz(xml.as_bytes());
    // Cut in the middle: the first half of the articles can be read.
    std::fs::write(dir.path().join("cut.xml.gz"), &whole[..whole.len() / 2]).unwrap();
    let (code, summary, err) = index(&env, "cut", "pubmed", dir.path());
    assert_eq!(code, 3, "{err}");
    let indexed = summary["indexed"].as_u64().unwrap_or(0);
    assert!(
        (500..3000).contains(&indexed),
        "the documents before the damage are kept: {indexed}"
    );
    let damaged = &summary["damaged_files"][0];
    assert!(damaged["file"]
        .as_str()
        .unwrap_or("")
        .ends_with("cut.xml.gz"));
    assert!(damaged["offset"].as_u64().unwrap_or(0) > 0, "{damaged}");
    assert!(
        err.contains("damaged") && err.contains("cut.xml.gz"),
        "{err}"
    );
}

/// A USPTO grant whose dates (publication, in both places it is given) and IPC code cannot
/// be read.
fn uspto_with_bad_values() -> String {
    let first_end = USPTO.find("</us-patent-grant>").unwrap() + "</us-patent-grant>".len();
    USPTO[..first_end]
        .replace("date-publ=\"20240102\"", "date-publ=\"2024-13-45\"")
        .replace(
            "<kind>B2</kind><date>20240102</date>",
            "<kind>B2</kind><date>2024-13-45</date>",
        )
        .replace("<section>F</section>", "<section>Q</section>")
}

#[test]
fn unreadable_dates_and_codes_are_counted_and_the_date_is_unknown_against_a_cutoff() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let bad = uspto_with_bad_values();
    assert!(bad.contains("2024-13-45") && bad.contains("<section>Q</section>"));
    std::fs::write(dir.path().join("bad.xml"), &bad).unwrap();
    let (code, summary, err) = index(&env, "vals", "uspto", dir.path());
    assert_eq!(code, 0, "the document is indexed: {err}");
    assert_eq!(summary["indexed"], 1);
    assert_eq!(
        summary["unreadable_values"]["publication date"], 2,
        "{summary}"
    );
    assert_eq!(summary["unreadable_values"]["IPC code"], 1, "{summary}");
    let examples = summary["unreadable_examples"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(examples
        .iter()
        .all(|e| e["file"].as_str().unwrap_or("").ends_with("bad.xml")));
    let reasons: Vec<&str> = examples
        .iter()
        .filter_map(|e| e["reason"].as_str())
        .collect();
    assert!(
        reasons.contains(&"unreadable publication date `2024-13-45`"),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.starts_with("unreadable IPC code")),
        "{reasons:?}"
    );

    let hits = env.search_hits("vals", &["--cutoff", "2020-01-01", "borehole"]);
    assert_eq!(hits.len(), 1);
    assert!(hits[0]["after_cutoff"].is_null(), "{}", hits[0]);
    assert!(hits[0]["date"].is_null());
    let table = env.search("vals", &["--cutoff", "2020-01-01", "borehole"]);
    assert_contains(&table, "? publication date unknown");
    assert!(
        table
            .lines()
            .any(|l| l.contains("US11900001B2") && l.split_whitespace().any(|t| t == "?")),
        "{table}"
    );
    // Without a cutoff there is nothing to be unknown against.
    let hits = env.search_json("vals", "borehole", 5);
    assert_eq!(hits[0]["after_cutoff"], false);
}

#[test]
fn deep_nesting_is_skipped_as_malformed_and_the_rest_is_indexed() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "<?xml version=\"1.0\"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>{}{}</MedlineCitation></PubmedArticle>\
         <PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>Shallow pump</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n",
        "<x>".repeat(25_000),
        "</x>".repeat(25_000)
    );
    std::fs::write(dir.path().join("deep.xml"), deep).unwrap();
    std::fs::write(dir.path().join("other.xml"), PUBMED).unwrap();
    let (code, summary, err) = index(&env, "deep", "pubmed", dir.path());
    assert_eq!(code, 3, "{err}");
    assert_eq!(summary["indexed"], 3, "{summary}");
    let reason = summary["malformed"][0]["reason"].as_str().unwrap_or("");
    assert_contains(reason, "nested deeper than 1000");
    assert!(summary["malformed"][0]["file"]
        .as_str()
        .unwrap_or("")
        .ends_with("deep.xml"));
    // The limit can be raised, but not past what a worker thread's stack holds.
    let out = env
        .tisc()
        .env("TISC_XML_MAX_DEPTH", "30000")
        .args(["index", "deep", "--rebuild", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let bad = env
        .tisc()
        .env("TISC_XML_MAX_DEPTH", "lots")
        .args(["index", "deep"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("TISC_XML_MAX_DEPTH=lots"));
}

#[test]
fn a_gzip_bomb_is_refused_quickly_and_the_other_files_are_indexed() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    // 200 gzip members of 10 MB of spaces each: about 2 MB that expand to 2 GB.
    let member = gz(&vec![b' '; 10 << 20]);
    let mut bomb = Vec::with_capacity(member.len() * 200);
    for _ in 0..200 {
        bomb.extend_from_slice(&member);
    }
    std::fs::write(dir.path().join("bomb.xml.gz"), &bomb).unwrap();
    std::fs::write(dir.path().join("good.xml"), PUBMED).unwrap();
    let started = Instant::now();
    let (code, summary, err) = index(&env, "bomb", "pubmed", dir.path());
    let took = started.elapsed();
    assert_eq!(code, 3, "{err}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert_eq!(summary["indexed"], 2);
    let failed = summary["failed_files"].to_string();
    assert!(
        failed.contains("bomb.xml.gz") && failed.contains("decompression bomb"),
        "{failed}"
    );
}

#[test]
fn binary_junk_is_described_as_binary() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("junk.xml"), b"<\x8b]2\xff\xfeS>\x01\x02").unwrap();
    let mut noise = vec![b'<'];
    let mut x: u32 = 12345;
    for _ in 0..4000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        noise.push((x >> 16) as u8);
    }
    std::fs::write(dir.path().join("noise.xml"), noise).unwrap();
    std::fs::write(dir.path().join("good.xml"), PUBMED).unwrap();
    let (code, summary, err) = index(&env, "junk", "auto", dir.path());
    assert_eq!(code, 0, "files that hold no documents are not skips: {err}");
    let skipped = summary["skipped_files"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(skipped.len(), 2, "{summary}");
    for s in skipped {
        let why = s[1].as_str().unwrap_or("");
        assert_contains(why, "binary");
        assert!(!why.contains("XML with root"), "{why}");
    }
}

#[test]
fn unreadable_pubmed_and_jats_dates_are_counted() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let pubmed = r#"<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>901</PMID><Article>
<Journal><JournalIssue><PubDate><Year>20x9</Year><Month>Mar</Month></PubDate></JournalIssue>
<Title>J</Title></Journal><ArticleTitle>Solar pump trial</ArticleTitle>
<Abstract><AbstractText>A solar pump was tested.</AbstractText></Abstract></Article>
</MedlineCitation></PubmedArticle>
<PubmedArticle><MedlineCitation><PMID>902</PMID><Article>
<Journal><JournalIssue><PubDate><MedlineDate>sometime soon</MedlineDate></PubDate></JournalIssue>
<Title>J</Title></Journal><ArticleTitle>Drip emitter trial</ArticleTitle>
<Abstract><AbstractText>An emitter was tested.</AbstractText></Abstract></Article>
</MedlineCitation></PubmedArticle></PubmedArticleSet>
"#;
    std::fs::write(dir.path().join("p.xml"), pubmed).unwrap();
    let (code, summary, err) = index(&env, "pm", "pubmed", dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary["indexed"], 2, "{summary}");
    assert_eq!(
        summary["unreadable_values"]["publication date"], 2,
        "{summary}"
    );

    let jdir = tempfile::tempdir().unwrap();
    let jats = r#"<?xml version="1.0"?>
<article><front><journal-meta><journal-title-group><journal-title>J</journal-title></journal-title-group></journal-meta>
<article-meta><article-id pub-id-type="pmc">PMC77</article-id>
<title-group><article-title>Cassava grater</article-title></title-group>
<pub-date pub-type="epub"><day>40</day><month>13</month><year>2019</year></pub-date>
<abstract><p>A grater for cassava.</p></abstract></article-meta></front></article>
"#;
    std::fs::write(jdir.path().join("a.nxml"), jats).unwrap();
    let (code, summary, err) = index(&env, "jt", "jats", jdir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary["indexed"], 1, "{summary}");
    assert_eq!(
        summary["unreadable_values"]["publication date"], 1,
        "{summary}"
    );
}
