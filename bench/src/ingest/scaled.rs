//! The scaled USPTO corpus: the real utility grants of the weekly excerpts, replicated with
//! renumbered publication numbers into weekly-style bulk files until a target size is reached.
//!
//! Copy 0 of every grant keeps its real number. Copy `k ≥ 1` of the `i`-th grant (in source
//! order, `N` grants in all) gets the 8-digit number `10_000_000 + (k − 1)·N + i`: the real
//! numbers of the excerpts are all below 10,000,000, and distinct `(k, i)` give distinct
//! numbers, so no two documents of the scaled corpus share an id. (Keeping all seven
//! significant digits of the real number would leave room for only nine copies in eight
//! digits; a 1 GB corpus needs about seventy.)

use super::BenchError;
use crate::fileio::io_err;
use memchr::memmem;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tisc::ingest::split::{self, Piece, Splitter};

/// Largest bulk file written (the real weekly files are of this order).
pub const MAX_FILE_BYTES: u64 = 100_000_000;
/// Stamp written once a scaled corpus is complete (`.tisc*` files are never read as documents).
pub const STAMP_FILE: &str = ".tisc-scaled-corpus";
const STAMP_VERSION: &str = "tisc scaled uspto corpus v1";
const FILE_PREFIX: &str = "ipg-scaled-";
const FIRST_RENUMBERED: u64 = 10_000_000;
const LAST_8_DIGIT: u64 = 99_999_999;

/// The folder of real weekly grant excerpts in the shared data sets of the development
/// checkout (`$TISC_SHARED_DATA`, default `../shared/data`): the benchmarks' own default.
pub fn default_source_dir() -> PathBuf {
    std::env::var_os("TISC_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"))
        .join("uspto-patent-xml")
        .join("grants-weekly-excerpts")
}

/// What [`make_scaled_corpus`] produced (or found already there).
#[derive(Debug, Clone, Serialize, Default)]
pub struct ScaledCorpus {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// Documents written (all utility grants).
    pub documents: u64,
    /// Bytes of XML written.
    pub bytes: u64,
    /// Real utility grants the copies were made from.
    pub originals: u64,
    /// Bytes of those originals.
    pub original_bytes: u64,
    /// Source records left out, by kind (`S1` designs, `P2` plants, sequence listings…).
    pub skipped: BTreeMap<String, u64>,
    /// True when a complete corpus of this size was already there and reused.
    pub reused: bool,
}

/// One real utility grant: its bytes and where its publication doc-number sits in them.
struct Template {
    bytes: Vec<u8>,
    number_at: (usize, usize),
}

/// Write (or reuse) a scaled corpus of at least `target_bytes` bytes of XML in `out_dir`.
pub fn make_scaled_corpus(
    source_dir: &Path,
    out_dir: &Path,
    target_bytes: u64,
) -> Result<ScaledCorpus, BenchError> {
    let sources = source_files(source_dir)?;
    let header = stamp_header(&sources, target_bytes);
    if let Some(found) = read_stamp(out_dir, &header) {
        return Ok(found);
    }
    let mut skipped = BTreeMap::new();
    let mut templates = Vec::new();
    for (path, _) in &sources {
        read_templates(path, &mut templates, &mut skipped)?;
    }
    if templates.is_empty() {
        return Err(BenchError::NoSource {
            dir: source_dir.to_path_buf(),
        });
    }
    clear_previous(out_dir)?;
    let mut corpus = write_copies(&templates, out_dir, target_bytes)?;
    corpus.skipped = skipped;
    corpus.originals = templates.len() as u64;
    corpus.original_bytes = templates.iter().map(|t| t.bytes.len() as u64).sum();
    write_stamp(out_dir, &header, &corpus)?;
    Ok(corpus)
}

/// The `.xml` files of the source folder, sorted, with their sizes.
fn source_files(dir: &Path) -> Result<Vec<(PathBuf, u64)>, BenchError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
        let entry = entry.map_err(io_err(dir))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "xml") {
            let len = entry.metadata().map_err(io_err(&path))?.len();
            out.push((path, len));
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(BenchError::NoSource {
            dir: dir.to_path_buf(),
        });
    }
    Ok(out)
}

fn stamp_header(sources: &[(PathBuf, u64)], target_bytes: u64) -> String {
    let mut h = format!("{STAMP_VERSION}\ntarget {target_bytes}\n");
    for (p, len) in sources {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        h.push_str(&format!("source {name} {len}\n"));
    }
    h
}

/// The corpus described by a stamp whose header matches and whose files are all there with
/// the recorded sizes.
fn read_stamp(out_dir: &Path, header: &str) -> Option<ScaledCorpus> {
    let text = std::fs::read_to_string(out_dir.join(STAMP_FILE)).ok()?;
    let body = text.strip_prefix(header)?;
    let mut corpus = ScaledCorpus {
        dir: out_dir.to_path_buf(),
        reused: true,
        ..ScaledCorpus::default()
    };
    for line in body.lines() {
        let (key, rest) = line.split_once(' ')?;
        match key {
            "documents" => corpus.documents = rest.parse().ok()?,
            "originals" => corpus.originals = rest.parse().ok()?,
            "original_bytes" => corpus.original_bytes = rest.parse().ok()?,
            "skipped" => {
                let (kind, n) = rest.rsplit_once(' ')?;
                corpus.skipped.insert(kind.to_string(), n.parse().ok()?);
            }
            "file" => {
                let (name, len) = rest.rsplit_once(' ')?;
                let len: u64 = len.parse().ok()?;
                let path = out_dir.join(name);
                if std::fs::metadata(&path).ok()?.len() != len {
                    return None;
                }
                corpus.bytes += len;
                corpus.files.push(path);
            }
            _ => return None,
        }
    }
    (!corpus.files.is_empty()).then_some(corpus)
}

fn write_stamp(out_dir: &Path, header: &str, c: &ScaledCorpus) -> Result<(), BenchError> {
    let mut text = header.to_string();
    text.push_str(&format!(
        "documents {}\noriginals {}\noriginal_bytes {}\n",
        c.documents, c.originals, c.original_bytes
    ));
    for (kind, n) in &c.skipped {
        text.push_str(&format!("skipped {kind} {n}\n"));
    }
    for f in &c.files {
        let len = std::fs::metadata(f).map_err(io_err(f))?.len();
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        text.push_str(&format!("file {name} {len}\n"));
    }
    let stamp = out_dir.join(STAMP_FILE);
    Ok(tisc::fsutil::write_atomic(&stamp, text.as_bytes()).map_err(io_err(&stamp))?)
}

/// Remove the stamp and the bulk files of an earlier (other-sized or partial) corpus.
fn clear_previous(out_dir: &Path) -> Result<(), BenchError> {
    std::fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
    let stamp = out_dir.join(STAMP_FILE);
    if stamp.exists() {
        std::fs::remove_file(&stamp).map_err(io_err(&stamp))?;
    }
    for entry in std::fs::read_dir(out_dir).map_err(io_err(out_dir))? {
        let path = entry.map_err(io_err(out_dir))?.path();
        let ours = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(FILE_PREFIX));
        if ours && path.is_file() {
            std::fs::remove_file(&path).map_err(io_err(&path))?;
        }
    }
    Ok(())
}

/// Split one weekly file and keep its utility grants; count what is left out by kind.
fn read_templates(
    path: &Path,
    out: &mut Vec<Template>,
    skipped: &mut BTreeMap<String, u64>,
) -> Result<(), BenchError> {
    let reader = tisc::ingest::open(path).map_err(io_err(path))?;
    for piece in split::records(reader, Splitter::XmlDecl) {
        let chunk = match piece.map_err(io_err(path))? {
            Piece::Record(c) => c,
            Piece::Broken { .. } => {
                *skipped.entry("broken".into()).or_default() += 1;
                continue;
            }
        };
        match classify(&chunk.bytes) {
            Ok(number_at) => {
                let mut bytes = chunk.bytes;
                if bytes.last() != Some(&b'\n') {
                    bytes.push(b'\n');
                }
                out.push(Template { bytes, number_at });
            }
            Err(kind) => *skipped.entry(kind).or_default() += 1,
        }
    }
    Ok(())
}

/// The span of the publication doc-number of a utility grant (kind B1 or B2), or what the
/// record is instead.
fn classify(doc: &[u8]) -> Result<(usize, usize), String> {
    if memmem::find(doc, b"<sequence-cwu").is_some() {
        return Err("sequence listing".into());
    }
    if memmem::find(doc, b"<us-patent-grant").is_none() {
        return Err("not a grant".into());
    }
    let start = memmem::find(doc, b"<publication-reference>").ok_or("no publication-reference")?;
    let end = memmem::find(&doc[start..], b"</publication-reference>")
        .map(|e| start + e)
        .ok_or("unclosed publication-reference")?;
    let reference = &doc[start..end];
    let kind = element_span(reference, b"kind")
        .map(|(a, b)| String::from_utf8_lossy(&reference[a..b]).trim().to_string())
        .unwrap_or_else(|| "no kind".into());
    if kind != "B1" && kind != "B2" {
        return Err(kind);
    }
    let (a, b) = element_span(reference, b"doc-number").ok_or("no doc-number")?;
    Ok((start + a, start + b))
}

/// The text span of the first `<name>…</name>` in `s`.
fn element_span(s: &[u8], name: &[u8]) -> Option<(usize, usize)> {
    let open = [b"<", name, b">"].concat();
    let close = [b"</", name, b">"].concat();
    let a = memmem::find(s, &open)? + open.len();
    let b = memmem::find(&s[a..], &close)? + a;
    Some((a, b))
}

/// The doc-number of copy `copy` of template `index` of `count`: the real one for copy 0.
pub fn renumbered(copy: u64, index: u64, count: u64) -> Option<u64> {
    let n = FIRST_RENUMBERED
        .checked_add(copy.checked_sub(1)?.checked_mul(count)?)?
        .checked_add(index)?;
    (n <= LAST_8_DIGIT && index < count).then_some(n)
}

/// Bulk file being written.
struct Out {
    path: PathBuf,
    w: BufWriter<std::fs::File>,
    len: u64,
}

fn open_out(out_dir: &Path, seq: usize) -> Result<Out, BenchError> {
    let path = out_dir.join(format!("{FILE_PREFIX}{seq:04}.xml"));
    let f = std::fs::File::create(&path).map_err(io_err(&path))?;
    Ok(Out {
        w: BufWriter::with_capacity(1 << 20, f),
        path,
        len: 0,
    })
}

fn close_out(out: Out) -> Result<PathBuf, BenchError> {
    let Out { path, w, .. } = out;
    w.into_inner()
        .map_err(|e| e.into_error())
        .and_then(|f| f.sync_all())
        .map_err(io_err(&path))?;
    Ok(path)
}

fn write_copies(
    templates: &[Template],
    out_dir: &Path,
    target_bytes: u64,
) -> Result<ScaledCorpus, BenchError> {
    let count = templates.len() as u64;
    let mut corpus = ScaledCorpus {
        dir: out_dir.to_path_buf(),
        ..ScaledCorpus::default()
    };
    let mut out = open_out(out_dir, 1)?;
    let mut copy = 0u64;
    'copies: loop {
        for (i, t) in templates.iter().enumerate() {
            if corpus.bytes >= target_bytes {
                break 'copies;
            }
            let (a, b) = t.number_at;
            let number = if copy == 0 {
                None
            } else {
                let n = renumbered(copy, i as u64, count).ok_or(BenchError::TooLarge {
                    target_bytes,
                    copies: copy,
                })?;
                Some(format!("{n:08}"))
            };
            let len = match &number {
                None => t.bytes.len(),
                Some(n) => t.bytes.len() - (b - a) + n.len(),
            } as u64;
            if out.len > 0 && out.len + len > MAX_FILE_BYTES {
                let next = corpus.files.len() + 2;
                let full = std::mem::replace(&mut out, open_out(out_dir, next)?);
                corpus.files.push(close_out(full)?);
            }
            let write = |w: &mut BufWriter<std::fs::File>| -> std::io::Result<()> {
                match &number {
                    None => w.write_all(&t.bytes),
                    Some(n) => {
                        w.write_all(&t.bytes[..a])?;
                        w.write_all(n.as_bytes())?;
                        w.write_all(&t.bytes[b..])
                    }
                }
            };
            write(&mut out.w).map_err(io_err(&out.path))?;
            out.len += len;
            corpus.bytes += len;
            corpus.documents += 1;
        }
        copy += 1;
    }
    corpus.files.push(close_out(out)?);
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(number: &str, kind: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE us-patent-grant SYSTEM \"x.dtd\" [ ]>\n\
             <us-patent-grant lang=\"EN\"><us-bibliographic-data-grant><publication-reference>\
             <document-id><country>US</country><doc-number>{number}</doc-number><kind>{kind}</kind>\
             </document-id></publication-reference><invention-title>Pump {number}</invention-title>\
             </us-bibliographic-data-grant></us-patent-grant>\n"
        )
    }

    #[test]
    fn renumbering_never_collides_and_stays_8_digits() {
        let mut seen = std::collections::HashSet::new();
        for copy in 1..200 {
            for i in 0..199 {
                let n = renumbered(copy, i, 199).unwrap();
                assert!((10_000_000..=99_999_999).contains(&n));
                assert!(seen.insert(n));
            }
        }
        assert_eq!(renumbered(0, 3, 199), None);
        assert_eq!(renumbered(1, 199, 199), None);
    }

    #[test]
    fn keeps_utility_grants_and_renumbers_copies() {
        let src = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let week = format!(
            "{}{}{}",
            grant("07123456", "B2"),
            grant("D0512345", "S1"),
            grant("06999999", "B1")
        );
        std::fs::write(src.path().join("ipg070102.xml"), week).unwrap();
        let target = 5 * grant("07123456", "B2").len() as u64;
        let c = make_scaled_corpus(src.path(), out.path(), target).unwrap();
        assert!(!c.reused);
        assert_eq!(c.originals, 2);
        assert_eq!(c.skipped.get("S1"), Some(&1));
        assert!(c.bytes >= target);
        let (docs, report) =
            tisc::ingest::read_all(&c.files[0], tisc::ingest::Format::Uspto).unwrap();
        assert_eq!(report.parsed, c.documents);
        let ids: Vec<&str> = docs.iter().map(|d| d.biblio.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "US7123456B2",
                "US6999999B1",
                "US10000000B2",
                "US10000001B1",
                "US10000002B2"
            ]
        );
        let again = make_scaled_corpus(src.path(), out.path(), target).unwrap();
        assert!(again.reused);
        assert_eq!((again.documents, again.bytes), (c.documents, c.bytes));
        assert_eq!(again.skipped, c.skipped);
    }
}
