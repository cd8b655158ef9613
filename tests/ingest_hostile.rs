//! 200 malformed and hostile XML files — real records mutated (bytes flipped, ranges cut or
//! repeated, markup sprinkled in, truncated, nested thousands deep, false encoding
//! declarations, NUL bytes, gzipped and cut) — through `tisc index` as a child process: it
//! must finish (exit 0 or 3, never a signal) with a peak memory of at most 1 GB.
//!
//! The only test of its binary, so that the peak resident size of waited-for children
//! (`getrusage(RUSAGE_CHILDREN)`) is that of this one `tisc` run.

mod common;

use common::Rng;

use std::path::PathBuf;
use tisc_test_kit::gz;

const USPTO: &str = include_str!("fixtures/mirror/ipg240102.xml");
const PUBMED: &str = include_str!("fixtures/mirror/pubmed24n0001.xml");

/// Real records to mutate: the fixtures, and the first records of the shared data sets
/// when they are present.
fn samples() -> Vec<Vec<u8>> {
    let mut out = vec![USPTO.as_bytes().to_vec(), PUBMED.as_bytes().to_vec()];
    for rel in [
        "uspto-patent-xml/grants-weekly-excerpts/ipg090106.small.xml",
        "epo-ep-patent-xml/grant/v1-5-B1.xml",
        "epo-docdb-xml/WO-2022259205-A1_544370561.xml",
        "pubmed-pmc-xml/pmc-jats/cc11003.nxml",
    ] {
        let path = common::shared_root().join(rel);
        if let Ok(mut bytes) = std::fs::read(&path) {
            bytes.truncate(60_000);
            out.push(bytes);
        }
    }
    out
}

const MARKUP: &[&str] = common::HOSTILE_MARKUP;

fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    let len = bytes.len().max(1);
    match rng.below(10) {
        0 => {
            let i = rng.below(len);
            if let Some(b) = bytes.get_mut(i) {
                *b ^= (rng.next() as u8) | 1;
            }
        }
        1 => {
            let s = rng.below(len).min(bytes.len());
            let e = (s + 1 + rng.below(400)).min(bytes.len());
            bytes.drain(s..e);
        }
        2 => {
            let s = rng.below(len).min(bytes.len());
            let e = (s + 1 + rng.below(400)).min(bytes.len());
            let piece = bytes[s..e].to_vec();
            bytes.splice(e..e, piece);
        }
        3 => {
            let at = rng.below(len).min(bytes.len());
            let m = MARKUP[rng.below(MARKUP.len())];
            bytes.splice(at..at, m.bytes());
        }
        4 => bytes.truncate(rng.below(len)),
        5 => {
            // Nesting far past the limit, inside the record.
            let at = rng.below(len).min(bytes.len());
            let depth = 2_000 + rng.below(30_000);
            let deep = format!("{}{}", "<n>".repeat(depth), "</n>".repeat(depth));
            bytes.splice(at..at, deep.bytes());
        }
        6 => {
            // A declaration that lies about the encoding.
            let label = [
                "UTF-16",
                "ISO-8859-1",
                "X-NOSUCH",
                "UTF-16BE",
                "windows-1252",
            ][rng.below(5)];
            let decl = format!("<?xml version=\"1.0\" encoding=\"{label}\"?>");
            bytes.splice(0..0, decl.bytes());
        }
        7 => {
            let at = rng.below(len).min(bytes.len());
            bytes.splice(at..at, std::iter::repeat_n(0u8, 1 + rng.below(64)));
        }
        8 => {
            // A long attribute value.
            let at = bytes.iter().position(|&b| b == b'>').unwrap_or(0);
            let attr = format!(" big=\"{}\"", "v".repeat(1 + rng.below(200_000)));
            bytes.splice(at..at, attr.bytes());
        }
        _ => {
            let at = rng.below(len).min(bytes.len());
            bytes.splice(at..at, b"\xFE\xFF\xC3".iter().copied());
        }
    }
}

fn write_files(dir: &std::path::Path) -> usize {
    let samples = samples();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..200 {
        let mut bytes = samples[i % samples.len()].clone();
        for _ in 0..1 + rng.below(5) {
            mutate(&mut bytes, &mut rng);
        }
        let (name, data) = match rng.below(8) {
            0 => (format!("f{i:03}.xml.gz"), gz(&bytes)),
            1 => {
                let z = gz(&bytes);
                let cut = z.len() / 2 + 1;
                (format!("f{i:03}.xml.gz"), z[..cut].to_vec())
            }
            _ => (format!("f{i:03}.xml"), bytes),
        };
        std::fs::write(dir.join(name), data).unwrap();
    }
    samples.len()
}

#[cfg(unix)]
fn peak_child_rss_kib() -> i64 {
    // SAFETY: getrusage fills the zeroed struct it is given; RUSAGE_CHILDREN is valid.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage), 0);
        usage.ru_maxrss
    }
}

#[cfg(unix)]
#[test]
fn two_hundred_malformed_files_index_without_a_crash_within_1_gb() {
    use std::os::unix::process::ExitStatusExt;
    let env = common::TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let kinds = write_files(dir.path());
    let started = std::time::Instant::now();
    let out = env
        .tisc()
        .args(["index", "--name", "hostile", "--format", "auto", "--json"])
        .arg(PathBuf::from(dir.path()))
        .output()
        .expect("run tisc");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.signal().is_none(),
        "tisc died of signal {:?}: {stderr}",
        out.status.signal()
    );
    let code = out.status.code();
    assert!(matches!(code, Some(0) | Some(3)), "exit {code:?}: {stderr}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON summary");
    let seen = summary["files_read"].as_u64().unwrap_or(0)
        + summary["skipped_files"]
            .as_array()
            .map_or(0, |a| a.len() as u64)
        + summary["failed_files"]
            .as_array()
            .map_or(0, |a| a.len() as u64);
    assert_eq!(seen, 200, "every file is accounted for: {summary}");
    assert!(
        summary["malformed_count"].as_u64().unwrap_or(0) > 0,
        "the mutations are found malformed: {summary}"
    );
    let peak_kib = peak_child_rss_kib();
    eprintln!(
        "200 hostile files from {kinds} real samples: exit {code:?}, {} documents, {} malformed, {:.1} s, peak RSS {} MiB",
        summary["indexed"],
        summary["malformed_count"],
        took.as_secs_f64(),
        peak_kib / 1024
    );
    assert!(peak_kib > 0, "the child's peak memory was measured");
    assert!(
        peak_kib <= 1024 * 1024,
        "peak memory {peak_kib} KiB is over 1 GB"
    );
}
