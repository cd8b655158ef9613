//! Unit tests of archive reading: every kind, member detection, unsafe names and bombs.

use super::*;
use std::io::Write;
use std::sync::Mutex;
use tisc_test_kit::{gz, tar_bytes};

const USPTO: &str = include_str!("../../tests/fixtures/mirror/ipg240102.xml");
const PUBMED: &str = include_str!("../../tests/fixtures/mirror/pubmed24n0001.xml");

fn zip_with(path: &Path, members: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in members {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
}

fn ingest(path: &Path, limits: &Limits) -> Result<(Vec<Document>, FileReport), IngestError> {
    let docs = Mutex::new(Vec::new());
    let kind = kind_of(path).unwrap();
    let r = ingest_archive(
        path,
        kind,
        Format::Auto,
        limits,
        &|d| docs.lock().unwrap().push(d),
        &|_| {},
    )?;
    let mut docs = docs.into_inner().unwrap();
    docs.sort_by(|a, b| a.biblio.id.cmp(&b.biblio.id));
    Ok((docs, r))
}

fn refusal(e: IngestError) -> String {
    match e {
        IngestError::Io { source, .. } => source.to_string(),
        IngestError::Refused { reason, .. } => reason,
        other => panic!("expected a refusal, got {other}"),
    }
}

#[test]
fn zip_tar_and_tar_gz_members_are_read_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let members: &[(&str, &[u8])] = &[
        ("ipg240102/ipg240102.xml", USPTO.as_bytes()),
        ("ipg240102/README.txt", b"about this file"),
        ("pubmed24n0001.xml.gz", &gz(PUBMED.as_bytes())),
    ];
    let zip_path = dir.path().join("ipg240102.zip");
    zip_with(&zip_path, members);
    let tar_path = dir.path().join("set.tar");
    std::fs::write(&tar_path, tar_bytes(members)).unwrap();
    let tgz_path = dir.path().join("set.tar.gz");
    std::fs::write(&tgz_path, gz(&tar_bytes(members))).unwrap();
    for path in [&zip_path, &tar_path, &tgz_path] {
        let (docs, report) = ingest(path, &Limits::default()).unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.biblio.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "PMID:90000001",
                "PMID:90000002",
                "US11900001B2",
                "US11900002B1"
            ],
            "{}",
            path.display()
        );
        assert_eq!(report.parsed, 4);
        assert_eq!(
            report.not_documents,
            ["archive member: not a document file (.txt)"]
        );
        let us = docs.iter().find(|d| d.biblio.id == "US11900001B2").unwrap();
        assert_eq!(
            us.source.file,
            format!("{}!ipg240102/ipg240102.xml", path.display())
        );
    }
    assert_eq!(
        crate::ingest::detect(&zip_path).unwrap(),
        Format::Uspto,
        "an archive has the format of its first document"
    );
}

#[test]
fn traversal_and_absolute_member_names_refuse_the_archive() {
    for bad in [
        "../evil.xml",
        "a/../../evil.xml",
        "/etc/evil.xml",
        "..\\evil.xml",
        "C:/evil.xml",
    ] {
        assert!(check_member_name(bad).is_err(), "{bad}");
    }
    for good in ["a.xml", "dir/a.xml", "dir/../a.xml", "./a.xml"] {
        check_member_name(good).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("evil.zip");
    zip_with(
        &zip_path,
        &[("good.xml", USPTO.as_bytes()), ("../evil.xml", b"<x/>")],
    );
    let docs = Mutex::new(0);
    let err = ingest_archive(
        &zip_path,
        ArchiveKind::Zip,
        Format::Auto,
        &Limits::default(),
        &|_| *docs.lock().unwrap() += 1,
        &|_| {},
    )
    .unwrap_err();
    assert!(refusal(err).contains("`../evil.xml` has an unsafe name"));
    assert_eq!(
        *docs.lock().unwrap(),
        0,
        "zip names are checked before any member is read"
    );
    let tar_path = dir.path().join("evil.tar");
    std::fs::write(&tar_path, tar_bytes(&[("../evil.xml", USPTO.as_bytes())])).unwrap();
    let err = ingest(&tar_path, &Limits::default()).unwrap_err();
    assert!(refusal(err).contains("unsafe name"));
}

#[test]
fn zip_bombs_are_refused_from_the_directory_and_while_streaming() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = vec![b' '; 40 << 20];
    let zip_path = dir.path().join("bomb.zip");
    zip_with(&zip_path, &[("bomb.xml", &zeros)]);
    assert!(std::fs::metadata(&zip_path).unwrap().len() < 1 << 20);
    let err = ingest(&zip_path, &Limits::default()).unwrap_err();
    let msg = refusal(err);
    assert!(
        msg.contains("decompression bomb") && msg.contains("bomb.xml"),
        "{msg}"
    );

    // A tar.gz declares nothing: the guard catches it while the stream expands.
    let mut doc = USPTO.as_bytes().to_vec();
    doc.extend(std::iter::repeat_n(b' ', 4 << 20));
    let tgz = dir.path().join("bomb.tar.gz");
    std::fs::write(&tgz, gz(&tar_bytes(&[("big.xml", &doc)]))).unwrap();
    let strict = Limits {
        max_total: 1 << 30,
        max_ratio: 50,
        ratio_floor: 1 << 20,
    };
    // The stream is checked as the member names are, before any member is ingested.
    let msg = refusal(ingest(&tgz, &strict).unwrap_err());
    assert!(
        msg.contains("expands") && msg.contains("bomb.tar.gz"),
        "{msg}"
    );
    let small = Limits {
        max_total: 1 << 20,
        max_ratio: 10_000,
        ratio_floor: 1 << 20,
    };
    let msg = refusal(ingest(&tgz, &small).unwrap_err());
    assert!(msg.contains("past 1048576 bytes"), "{msg}");
    // Within the limits the same archive reads.
    let (docs, _) = ingest(&tgz, &Limits::default()).unwrap();
    assert_eq!(docs.len(), 2);
}

#[test]
fn a_corrupt_archive_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken.zip");
    std::fs::write(&p, b"PK\x03\x04 not really a zip").unwrap();
    let msg = refusal(ingest(&p, &Limits::default()).unwrap_err());
    assert!(msg.contains("not a readable zip archive"), "{msg}");
    let t = dir.path().join("broken.tar");
    let mut bytes = tar_bytes(&[("a.xml", USPTO.as_bytes())]);
    bytes[100] ^= 0x55;
    std::fs::write(&t, bytes).unwrap();
    let msg = refusal(ingest(&t, &Limits::default()).unwrap_err());
    assert!(msg.contains("bad header checksum"), "{msg}");
}
