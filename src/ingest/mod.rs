//! Parsers for real patent and journal formats, and streaming a file into [`Document`]s.
//!
//! One module per format (`uspto`, `ep`, `docdb`, `pubmed`, `jats`, `jsonl`); each turns one
//! record's element tree into a [`Record`]. This module owns format detection, splitting
//! bulk files into records ([`split`]), decompression, and parallel parsing with rayon. A
//! malformed record is skipped and reported with its file and byte offset; the rest of the
//! file still ingests. Ingest knows nothing of the index: callers pass a sink.

pub mod archive;
mod detect;
pub mod docdb;
pub mod encoding;
pub mod entities;
pub mod ep;
mod error;
pub mod jats;
pub mod jsonl;
pub mod limit;
pub mod pubmed;
pub mod split;
pub mod uspto;
mod walk;
pub mod xml;

#[cfg(test)]
mod placeholder_tests;

pub use detect::{detect, detect_head, not_a_document_by_name, UnknownFormat, HEAD_BYTES};
pub use error::RecordError;
pub use walk::{walk, walk_all, Walked};

use crate::model::{Document, SourceRef};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use split::{Piece, Splitter};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The formats tisc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// USPTO full-text XML, grants and applications (bulk weekly files or single documents).
    Uspto,
    /// EPO publication-server XML (`ep-patent-document`).
    Ep,
    /// EPO DOCDB bibliographic exchange XML.
    Docdb,
    /// PubMed/MEDLINE citation XML (`PubmedArticleSet`, `MedlineCitationSet`; `.gz` read directly).
    Pubmed,
    /// JATS/NLM full-text articles (`.nxml`, PMC).
    Jats,
    /// BEIR-style JSON lines: `{"_id", "title", "text"}`.
    Beir,
    /// tisc's own document model as JSON lines.
    Jsonl,
    /// Detect per file from its root element or first line.
    Auto,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Uspto => "uspto",
            Format::Ep => "ep",
            Format::Docdb => "docdb",
            Format::Pubmed => "pubmed",
            Format::Jats => "jats",
            Format::Beir => "beir",
            Format::Jsonl => "jsonl",
            Format::Auto => "auto",
        }
    }

    fn splitter(self) -> Splitter {
        match self {
            Format::Uspto => Splitter::XmlDecl,
            Format::Ep => Splitter::Tags(&["ep-patent-document"]),
            Format::Docdb => Splitter::Tags(&["exch:exchange-document", "exchange-document"]),
            Format::Pubmed => Splitter::Tags(&[
                "PubmedArticle",
                "MedlineCitation",
                "DeleteCitation",
                "PubmedBookArticle",
            ]),
            Format::Jats => Splitter::Tags(&["article"]),
            Format::Beir | Format::Jsonl | Format::Auto => Splitter::Lines,
        }
    }
}

/// What one record turned out to be.
#[derive(Debug)]
pub enum Record {
    Doc(Box<Document>),
    /// PubMed `DeleteCitation`: these canonical ids are to be removed from the index.
    Delete(Vec<String>),
    /// Not a document of interest (a sequence listing inside a USPTO bulk file, a book
    /// record…): counted, not an error.
    NotADocument(String),
}

thread_local! {
    /// Values the record being parsed on this thread could not read (see [`note_unreadable`]).
    static UNREADABLE: std::cell::RefCell<Vec<(&'static str, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Note that the record being parsed holds a value that could not be read (`what`: `publication
/// date`, `IPC code`…): the document is kept without it, and the ingest report counts it.
/// Parsers call this instead of dropping the value silently; [`parse_record`] collects the
/// notes of each record. Empty values are not noted (an empty element says nothing).
pub(crate) fn note_unreadable(what: &'static str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let value: String = value.chars().take(60).collect();
    UNREADABLE.with(|u| u.borrow_mut().push((what, value)));
}

/// Parse a date a record states as `what`, noting it when it cannot be read.
pub(crate) fn read_date(what: &'static str, text: &str) -> Option<crate::model::Date> {
    match crate::model::Date::parse(text) {
        Ok(d) => Some(d),
        Err(_) => {
            note_unreadable(what, text);
            None
        }
    }
}

/// The number of claim `c`, the `i`th (from 0) of its claims: the trailing number of its
/// `num` attribute (read by `trailing`), else of its `id`, else its place.
pub(crate) fn claim_number(
    c: &xml::Element,
    i: usize,
    trailing: impl Fn(&str) -> Option<u32>,
) -> u32 {
    c.attr("num")
        .and_then(&trailing)
        .or_else(|| c.attr("id").and_then(&trailing))
        .unwrap_or(i as u32 + 1)
}

/// The patent document a record starts: its number (which gives the id), language and source;
/// the parser fills in the rest.
pub(crate) fn patent_document(
    number: crate::model::PatentNumber,
    lang: &crate::model::Lang,
    src: &SourceRef,
) -> Document {
    Document {
        biblio: crate::model::Biblio {
            id: number.canonical(),
            kind: crate::model::DocKind::Patent,
            number: Some(number),
            lang: lang.clone(),
            ..crate::model::Biblio::default()
        },
        source: src.clone(),
        ..Document::default()
    }
}

/// A date a record states in parts (`year`, `month`, `day`: PubMed, JATS), noted as `what`
/// with its parts as written when it cannot be read.
pub(crate) fn read_date_parts(
    what: &'static str,
    year: &str,
    month: Option<&str>,
    day: Option<&str>,
) -> Option<crate::model::Date> {
    let date = crate::model::Date::from_parts(year, month, day);
    if date.is_none() {
        let stated: Vec<&str> = [Some(year), month, day].into_iter().flatten().collect();
        note_unreadable(what, &stated.join(" "));
    }
    date
}

fn take_unreadable() -> Vec<(&'static str, String)> {
    UNREADABLE.with(|u| std::mem::take(&mut *u.borrow_mut()))
}

/// A record that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub file: String,
    pub offset: u64,
    /// The message the user is shown (a [`RecordError`]'s text, or what a value or a damaged
    /// stream was): a report line, serialized as is, so a `String`.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}: {}", self.file, self.offset, self.reason)
    }
}

/// The outcome of ingesting one file.
#[derive(Debug, Default, Clone, Serialize)]
pub struct FileReport {
    pub parsed: u64,
    pub bytes: u64,
    pub malformed: Vec<Problem>,
    /// Records that were not documents, with the reason (counted per reason by callers).
    pub not_documents: Vec<String>,
    pub deleted: Vec<String>,
    /// The format the file was read as.
    pub format: Option<Format>,
    /// Values of parsed documents that could not be read (a date, a classification code):
    /// what they were (`publication date`, `IPC code`…) and where, with the value. The
    /// documents were kept without them.
    pub unreadable: Vec<(String, Problem)>,
    /// Reading stopped early at damage (a corrupt `.gz`): where, and why. The documents
    /// before it were kept.
    pub damaged: Option<Problem>,
}

/// Why a whole file was not read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not a document file of a known format (with `--format auto`): listed, not an error.
    #[error("{path}: {reason}")]
    NotDocuments { path: PathBuf, reason: String },
    /// Refused as unsafe input (an archive member named `../x` or `/x`): nothing of it was
    /// read.
    #[error("{path}: {reason}")]
    Refused { path: PathBuf, reason: String },
}

/// Open a file for reading, decompressing `.gz` transparently under the expansion
/// [`limit::Limits`] of the environment.
pub fn open(path: &Path) -> std::io::Result<Box<dyn BufRead + Send>> {
    open_limited(path, limit::Limits::from_env())
}

/// [`open`] with given limits: a `.gz` that expands past them fails with a
/// [`limit::LimitError`] (see [`limit::is_limit`]).
pub fn open_limited(
    path: &Path,
    limits: limit::Limits,
) -> std::io::Result<Box<dyn BufRead + Send>> {
    let f = File::open(path)?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if gz {
        let counters = std::sync::Arc::new(limit::Counters::default());
        let counting = limit::Counting {
            inner: f,
            counters: counters.clone(),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expanded =
            flate2::read::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, counting));
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            limit::Guard::new(expanded, &name, limits, counters, 0),
        )))
    } else {
        Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
    }
}

/// Parse one record of a known format. Its bytes are decoded from the encoding its own XML
/// declaration names, if any (see [`encoding::record_to_utf8`]).
pub fn parse_record(format: Format, bytes: &[u8], src: &SourceRef) -> Result<Record, RecordError> {
    parse_noting(format, bytes, src).0
}

/// [`parse_record`], with the values the record holds that could not be read (what, value).
fn parse_noting(
    format: Format,
    bytes: &[u8],
    src: &SourceRef,
) -> (Result<Record, RecordError>, Vec<(&'static str, String)>) {
    take_unreadable();
    let parsed = match format {
        Format::Beir => jsonl::parse_beir(bytes, src),
        Format::Jsonl => jsonl::parse_tisc(bytes, src),
        Format::Auto => Err(RecordError::FormatNotResolved),
        xml_format => parse_xml_record(xml_format, bytes, src),
    };
    (parsed, take_unreadable())
}

fn parse_xml_record(format: Format, bytes: &[u8], src: &SourceRef) -> Result<Record, RecordError> {
    parse_xml_record_at(format, bytes, src, limit::max_xml_depth())
}

/// Parse one XML record allowing `max_depth` levels of nesting.
pub(crate) fn parse_xml_record_at(
    format: Format,
    bytes: &[u8],
    src: &SourceRef,
    max_depth: usize,
) -> Result<Record, RecordError> {
    let bytes = encoding::record_to_utf8(bytes)?;
    let root = xml::parse_with_depth(&bytes, max_depth)?;
    match format {
        Format::Uspto => uspto::parse(&root, src),
        Format::Ep => ep::parse(&root, src),
        Format::Docdb => docdb::parse(&root, src),
        Format::Pubmed => pubmed::parse(&root, src),
        Format::Jats => jats::parse(&root, src),
        _ => Err(RecordError::FormatNotResolved),
    }
}

/// Stream one file, parse its records in parallel and hand every document to `sink` (called
/// from worker threads). `format` of `Auto` detects it. `on_bytes` is told how far the
/// (decompressed) stream has been read, for progress.
///
/// An archive (zip, tar, tar.gz) is read member by member without unpacking it to disk
/// ([`archive`]); its documents' source is `archive.zip!member.xml`.
pub fn ingest_file(
    path: &Path,
    format: Format,
    sink: &(dyn Fn(Document) + Sync),
    on_bytes: &(dyn Fn(u64) + Sync),
) -> Result<FileReport, IngestError> {
    if let Some(kind) = archive::kind_of(path) {
        let limits = limit::Limits::from_env();
        return archive::ingest_archive(path, kind, format, &limits, sink, on_bytes);
    }
    let format = match format {
        Format::Auto => detect(path)?,
        f => {
            // A README or a DTD beside the documents is not a malformed document of `f`.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(reason) = not_a_document_by_name(&name) {
                return Err(IngestError::NotDocuments {
                    path: path.to_path_buf(),
                    reason,
                });
            }
            f
        }
    };
    let reader = open(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    ingest_reader(reader, &path.display().to_string(), format, sink, on_bytes).map_err(|source| {
        IngestError::Io {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Stream records from `reader` (already decompressed), parse them in parallel and hand
/// every document to `sink`. `file` names the source in documents and problems (a path, or
/// `archive.zip!member.xml`); `format` must be resolved (not `Auto`). The stream is read in
/// the encoding it declares ([`encoding::to_utf8`]).
///
/// A stream that breaks off (a corrupt `.gz`) keeps the documents read before the damage;
/// the report's `damaged` says where. A stream cut off by an expansion [`limit`] (a
/// decompression bomb) is an error.
pub fn ingest_reader<R: BufRead + Send>(
    reader: R,
    file: &str,
    format: Format,
    sink: &(dyn Fn(Document) + Sync),
    on_bytes: &(dyn Fn(u64) + Sync),
) -> std::io::Result<FileReport> {
    let file = file.to_string();
    let report = std::sync::Mutex::new(FileReport {
        format: Some(format),
        ..FileReport::default()
    });
    let io_error = std::sync::Mutex::new(None);
    let splitter = format.splitter();
    let per_record = matches!(splitter, Splitter::XmlDecl | Splitter::Lines);
    let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let decoded = encoding::to_utf8(reader, per_record)?;
    let counted = BufReader::with_capacity(
        1 << 16,
        CountRead {
            inner: decoded,
            read: read.clone(),
        },
    );
    split::records(counted, splitter)
        .par_bridge()
        .for_each(|piece| {
            let piece = match piece {
                Ok(p) => p,
                Err(e) => {
                    if let Ok(mut slot) = io_error.lock() {
                        slot.get_or_insert(e);
                    }
                    return;
                }
            };
            let outcome = match piece {
                Piece::Broken { offset, reason } => Err((offset, reason)),
                Piece::Record(chunk) => {
                    on_bytes(chunk.bytes.len() as u64);
                    let src = SourceRef {
                        file: file.clone(),
                        offset: chunk.offset,
                    };
                    // A parser bug must not take the whole ingest down: contain it to the record.
                    let (parsed, unreadable) =
                        std::panic::catch_unwind(|| parse_noting(format, &chunk.bytes, &src))
                            .unwrap_or_else(|_| (Err(RecordError::Panicked), Vec::new()));
                    if !unreadable.is_empty() && matches!(parsed, Ok(Record::Doc(_))) {
                        if let Ok(mut r) = report.lock() {
                            for (what, value) in unreadable {
                                r.unreadable.push((
                                    what.to_string(),
                                    Problem {
                                        file: file.clone(),
                                        offset: chunk.offset,
                                        reason: format!("unreadable {what} `{value}`"),
                                    },
                                ));
                            }
                        }
                    }
                    match parsed {
                        Ok(r) => Ok((r, chunk.bytes.len() as u64)),
                        Err(e) => Err((chunk.offset, e)),
                    }
                }
            };
            match outcome {
                Ok((Record::Doc(doc), n)) => {
                    sink(*doc);
                    if let Ok(mut r) = report.lock() {
                        r.parsed += 1;
                        r.bytes += n;
                    }
                }
                Ok((Record::Delete(ids), n)) => {
                    if let Ok(mut r) = report.lock() {
                        r.deleted.extend(ids);
                        r.bytes += n;
                    }
                }
                Ok((Record::NotADocument(why), n)) => {
                    if let Ok(mut r) = report.lock() {
                        r.not_documents.push(why);
                        r.bytes += n;
                    }
                }
                Err((offset, reason)) => {
                    if let Ok(mut r) = report.lock() {
                        // The report keeps the message: it is what the user is shown.
                        r.malformed.push(Problem {
                            file: file.clone(),
                            offset,
                            reason: reason.to_string(),
                        });
                    }
                }
            }
        });
    let mut report = report.into_inner().unwrap_or_default();
    if let Some(source) = io_error.into_inner().ok().flatten() {
        if limit::is_limit(&source) {
            return Err(source);
        }
        report.damaged = Some(Problem {
            file: file.clone(),
            offset: read.load(std::sync::atomic::Ordering::Relaxed),
            reason: format!("reading stopped: {source}"),
        });
    }
    report.malformed.sort_by_key(|p| p.offset);
    report
        .unreadable
        .sort_by(|a, b| (a.1.offset, &a.0).cmp(&(b.1.offset, &b.0)));
    Ok(report)
}

/// Counts the bytes read from a (decoded) stream: where it broke off, when it does.
struct CountRead<R> {
    inner: R,
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for CountRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Parse every record of a file into memory (tests, tools and small files).
pub fn read_all(path: &Path, format: Format) -> Result<(Vec<Document>, FileReport), IngestError> {
    let docs = std::sync::Mutex::new(Vec::new());
    let report = ingest_file(
        path,
        format,
        &|d| {
            if let Ok(mut v) = docs.lock() {
                v.push(d);
            }
        },
        &|_| {},
    )?;
    let mut docs = docs.into_inner().unwrap_or_default();
    docs.sort_by_key(|d| d.source.offset);
    Ok((docs, report))
}

/// A path under the shared data sets, or `None` (with the reason printed) when it is absent:
/// for tests that read real data and skip without it.
#[cfg(test)]
pub(crate) fn shared_test_data(rel: &str) -> Option<PathBuf> {
    let root = std::env::var_os("TISC_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let p = root.join(rel);
    if p.exists() {
        Some(p)
    } else {
        let why = format!("{} not found (set TISC_SHARED_DATA)", p.display());
        if std::env::var("TISC_REQUIRE_DATA").is_ok_and(|v| !v.is_empty() && v != "0") {
            panic!("TISC_REQUIRE_DATA is set, and this test cannot run: {why}");
        }
        eprintln!("skipping: {why}");
        None
    }
}

/// Check that the record `xml` is refused for want of a publication number, with `message`.
#[cfg(test)]
pub(crate) fn assert_no_number(
    parse: impl Fn(&xml::Element, &SourceRef) -> Result<Record, RecordError>,
    xml: &[u8],
    message: &str,
) {
    let root = xml::parse(xml).expect("the test record is well-formed XML");
    let err = parse(&root, &SourceRef::default()).expect_err("a record without a number");
    assert!(
        matches!(err, RecordError::Missing { id: None, .. }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), message);
}
