//! Judging a download before it replaces the live copy of a file: a login or error page
//! served in place of the data (HTML where XML or JSON lines were expected), an empty body,
//! or a file that holds no records of the corpus's format while the live copy does, is not
//! put in place. Only a bounded sample of each file is parsed ([`SAMPLE_BYTES`]
//! decompressed; an archive is judged by its first document member), so the check costs
//! little beside the download.

use crate::ingest::{self, archive, Format};
use std::io::{BufReader, Read};
use std::path::Path;

/// How much of a (decompressed) file is parsed to count its records.
pub const SAMPLE_BYTES: u64 = 8 << 20;

/// What a sample of a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// Records of a format tisc reads (documents, deletions, recognised non-documents).
    pub records: u64,
    /// Why no record was found, when none was.
    pub reason: Option<String>,
}

/// Whether the first bytes of a body are an HTML page.
pub fn looks_like_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = t.chars().take(64).collect::<String>().to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<title",
        "<meta",
        "<form",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// The first KiB of a file, and of its decompressed content when `name` says `.gz` (empty
/// when that does not decompress).
fn heads_of(path: &Path, name: &str) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut raw = Vec::with_capacity(1024);
    std::fs::File::open(path)?
        .take(1024)
        .read_to_end(&mut raw)?;
    let mut inner = Vec::new();
    if name.to_ascii_lowercase().ends_with(".gz") {
        let gz = flate2::read::MultiGzDecoder::new(std::fs::File::open(path)?);
        let _ = gz.take(1024).read_to_end(&mut inner);
    }
    Ok((raw, inner))
}

/// Count the records in the first [`SAMPLE_BYTES`] of the file at `path`, read as a file
/// named `name` (its name decides decompression and archive handling) in `format`.
pub fn sample(path: &Path, name: &str, format: Format) -> Sample {
    let none = |reason: String| Sample {
        records: 0,
        reason: Some(reason),
    };
    if let Some(kind) = archive::kind_of(Path::new(name)) {
        return match archive::detect_first(path, kind) {
            Ok(_) => Sample {
                records: 1,
                reason: None,
            },
            Err(e) => none(strip_path(&e.to_string(), path)),
        };
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return none(e.to_string()),
    };
    let gz = name.to_ascii_lowercase().ends_with(".gz");
    let reader: Box<dyn Read + Send> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(file)
    };
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(SAMPLE_BYTES).read_to_end(&mut bytes) {
        // A damaged stream still shows what came before the damage.
        if bytes.is_empty() {
            return none(format!("unreadable: {e}"));
        }
    }
    if bytes.is_empty() {
        return none("empty".into());
    }
    let head = &bytes[..bytes.len().min(ingest::HEAD_BYTES)];
    if looks_like_html(head) {
        return none("an HTML page".into());
    }
    let format = match format {
        Format::Auto => match ingest::detect_head(head) {
            Ok(f) => f,
            Err(reason) => return none(reason.to_string()),
        },
        f => f,
    };
    let counted =
        ingest::ingest_reader(std::io::Cursor::new(bytes), name, format, &|_| {}, &|_| {});
    match counted {
        Ok(r) => {
            let records = r.parsed + r.deleted.len() as u64 + r.not_documents.len() as u64;
            let reason = (records == 0).then(|| match r.malformed.first() {
                Some(p) => format!("no {} record: {}", format.as_str(), p.reason),
                None => format!("no {} record", format.as_str()),
            });
            Sample { records, reason }
        }
        Err(e) => none(e.to_string()),
    }
}

/// Drop the path of the staged file from a message: it names a temporary file.
fn strip_path(message: &str, path: &Path) -> String {
    let shown = path.display().to_string();
    message
        .strip_prefix(&shown)
        .map(|m| m.trim_start_matches([':', ' ']).to_string())
        .unwrap_or_else(|| message.to_string())
}

/// Why a download may not replace the live copy.
#[derive(Debug, thiserror::Error)]
pub enum Rejection {
    #[error("the server sent an empty file where the live copy has {live_bytes} bytes")]
    Empty { live_bytes: u64 },
    #[error("cannot read the download: {0}")]
    Unreadable(std::io::Error),
    #[error(
        "the server sent an HTML page ({bytes} bytes), not {expected} — a login or error page?"
    )]
    Html { bytes: u64, expected: String },
    #[error(
        "the download holds no records ({why}; {bytes} bytes) where the live copy holds {held}"
    )]
    NoRecords {
        /// What reading the download found instead (`none found`, or the first problem).
        why: String,
        bytes: u64,
        /// What the live copy holds (`documents`, or `N records in its first 8 MiB`).
        held: String,
    },
}

/// Decide whether the download at `new` (to be stored as `name`) may replace the live copy
/// at `live` (if there is one). `Err` says why it is refused.
pub fn judge(new: &Path, live: Option<&Path>, name: &str, format: Format) -> Result<(), Rejection> {
    // Companions, READMEs and other files that are not documents by name are not judged.
    if ingest::not_a_document_by_name(name).is_some() {
        return Ok(());
    }
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let live = live.filter(|p| p.is_file());
    let new_size = size(new);
    if new_size == 0 {
        if let Some(l) = live.filter(|l| size(l) > 0) {
            return Err(Rejection::Empty {
                live_bytes: size(l),
            });
        }
    }
    let (raw, inner) = heads_of(new, name).map_err(Rejection::Unreadable)?;
    if looks_like_html(&raw) || looks_like_html(&inner) {
        let expected = match format {
            Format::Auto => "a data file".to_string(),
            f => format!("a {} file", f.as_str()),
        };
        return Err(Rejection::Html {
            bytes: new_size,
            expected,
        });
    }
    let Some(live) = live else {
        return Ok(());
    };
    let got = sample(new, name, format);
    if got.records > 0 {
        return Ok(());
    }
    let had = sample(live, name, format);
    if had.records == 0 {
        return Ok(());
    }
    let held = if archive::kind_of(Path::new(name)).is_some() {
        "documents".to_string()
    } else {
        format!(
            "{} in its first {} MiB",
            crate::lang::cli::RECORDS.count("en", had.records),
            SAMPLE_BYTES >> 20
        )
    };
    Err(Rejection::NoRecords {
        why: got.reason.unwrap_or_else(|| "none found".to_string()),
        bytes: new_size,
        held,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tisc_test_kit::gz;

    const PUBMED: &str = include_str!("../../tests/fixtures/mirror/pubmed24n0001.xml");

    #[test]
    fn html_pages_are_recognised() {
        assert!(looks_like_html(
            b"\n  <!DOCTYPE html><html><body>Log in</body></html>"
        ));
        assert!(looks_like_html(b"<HTML><form action=login>"));
        assert!(!looks_like_html(
            b"<?xml version=\"1.0\"?><PubmedArticleSet>"
        ));
        assert!(!looks_like_html(b"{\"_id\": \"1\", \"title\": \"<html>\"}"));
        assert!(!looks_like_html(&[0x1f, 0x8b, 8, 0]));
    }

    #[test]
    fn samples_count_records_of_plain_and_compressed_files() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("staged");
        std::fs::write(&plain, PUBMED).unwrap();
        let s = sample(&plain, "pubmed24n0001.xml", Format::Pubmed);
        assert_eq!((s.records, s.reason), (2, None));
        std::fs::write(&plain, gz(PUBMED.as_bytes())).unwrap();
        assert_eq!(sample(&plain, "p.xml.gz", Format::Auto).records, 2);
        std::fs::write(&plain, b"<html><body>Please log in</body></html>").unwrap();
        let s = sample(&plain, "p.xml", Format::Pubmed);
        assert_eq!(s.records, 0);
        assert_eq!(s.reason.as_deref(), Some("an HTML page"));
        std::fs::write(&plain, b"<error>quota exceeded</error>").unwrap();
        assert_eq!(sample(&plain, "p.xml.gz", Format::Pubmed).records, 0);
        assert_eq!(sample(&plain, "p.zip", Format::Auto).records, 0);
    }

    #[test]
    fn judging_keeps_the_live_copy_from_bad_downloads_only() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("live.xml");
        let new = dir.path().join("new");
        std::fs::write(&live, PUBMED).unwrap();
        std::fs::write(&new, PUBMED.replace("Field", "Revised field")).unwrap();
        assert!(judge(&new, Some(&live), "p.xml", Format::Pubmed).is_ok());
        std::fs::write(&new, b"<!DOCTYPE html><title>Sign in</title>").unwrap();
        let e = judge(&new, None, "p.xml", Format::Pubmed)
            .unwrap_err()
            .to_string();
        assert!(e.contains("HTML page") && e.contains("pubmed"), "{e}");
        std::fs::write(&new, gz(b"<html><body>Sign in</body></html>")).unwrap();
        let e = judge(&new, None, "p.xml.gz", Format::Pubmed)
            .unwrap_err()
            .to_string();
        assert!(e.contains("HTML page"), "{e}");
        std::fs::write(&new, b"").unwrap();
        let e = judge(&new, Some(&live), "p.xml", Format::Pubmed)
            .unwrap_err()
            .to_string();
        assert!(e.contains("empty"), "{e}");
        assert!(judge(&new, None, "p.xml", Format::Pubmed).is_ok());
        std::fs::write(&new, b"<Status>maintenance</Status>").unwrap();
        let e = judge(&new, Some(&live), "p.xml", Format::Pubmed)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no records") && e.contains("holds 2 records"),
            "{e}"
        );
        // The live copy is no better: nothing to protect.
        std::fs::write(&live, b"<Status>old</Status>").unwrap();
        assert!(judge(&new, Some(&live), "p.xml", Format::Pubmed).is_ok());
        // Files that are not documents by name are not judged.
        std::fs::write(&new, b"<html></html>").unwrap();
        assert!(judge(&new, None, "README.txt", Format::Auto).is_ok());
    }
}
