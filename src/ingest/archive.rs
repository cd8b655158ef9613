//! Reading documents straight out of archives (zip, tar, tar.gz) without unpacking them.
//!
//! Bulk collections arrive as archives: USPTO weekly full text as `ipgYYMMDD.zip`, PMC
//! open-access sets as `.tar.gz`. Each member is streamed through the same record splitter
//! and parsers as a plain file ([`super::ingest_reader`]); its documents name their source
//! `archive.zip!member.xml`. Nothing is written to disk, and an archive is refused as a whole
//! when a member name is unsafe (absolute, or leading out with `..`) or when it expands past
//! the [`Limits`] — a decompression bomb. Zip archives are checked from their central
//! directory before any member is read; every archive is also checked while it streams, since
//! declared sizes can lie.

use super::limit::{Counters, Counting, Guard, LimitError, ENV_MAX_EXPANDED, ENV_MAX_RATIO};
use super::{
    detect_head, ingest_reader, not_a_document_by_name, Document, FileReport, Format, IngestError,
    HEAD_BYTES,
};
use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The archive formats tisc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Zip,
    Tar,
    TarGz,
}

impl ArchiveKind {
    fn as_str(self) -> &'static str {
        match self {
            ArchiveKind::Zip => "zip",
            ArchiveKind::Tar => "tar",
            ArchiveKind::TarGz => "tar.gz",
        }
    }
}

/// The archive kind of a file, from its name (`.zip`, `.tar`, `.tar.gz`, `.tgz`).
pub fn kind_of(path: &Path) -> Option<ArchiveKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".zip") {
        Some(ArchiveKind::Zip)
    } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        Some(ArchiveKind::TarGz)
    } else if name.ends_with(".tar") {
        Some(ArchiveKind::Tar)
    } else {
        None
    }
}

/// Limits against decompression bombs, per archive (shared with plain `.gz` files).
pub use super::limit::Limits;

/// Why an archive was refused.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("member `{member}` has an unsafe name (absolute, or leading out of the archive with `..`): archive refused")]
    UnsafeName { member: String },
    #[error("not a readable {kind} archive: {reason}")]
    Corrupt { kind: &'static str, reason: String },
}

fn refuse(e: ArchiveError) -> io::Error {
    io::Error::other(e)
}

/// Refuse member names that are absolute or climb out with `..` (also with `\` separators
/// and drive letters), and names holding NUL.
pub fn check_member_name(name: &str) -> Result<(), ArchiveError> {
    let unsafe_name = || ArchiveError::UnsafeName {
        member: name.to_string(),
    };
    let normalized = name.replace('\\', "/");
    let bytes = normalized.as_bytes();
    let drive = bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic();
    if normalized.is_empty() || normalized.starts_with('/') || drive || name.contains('\0') {
        return Err(unsafe_name());
    }
    let mut depth: i64 = 0;
    for part in normalized.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return Err(unsafe_name());
                }
            }
            _ => depth += 1,
        }
    }
    Ok(())
}

/// What a member visitor wants next.
enum Visit {
    Continue,
    Stop,
}

type Member<'r> = Box<dyn Read + Send + 'r>;

/// Call `f` with the name and expanded reader of every regular member, in archive order,
/// after refusing unsafe names. Readers are not yet guarded by the limits.
fn visit(
    path: &Path,
    kind: ArchiveKind,
    limits: &Limits,
    counters: &Arc<Counters>,
    f: &mut dyn FnMut(&str, Member<'_>) -> io::Result<Visit>,
) -> io::Result<()> {
    let file = File::open(path)?;
    let counting = Counting {
        inner: file,
        counters: counters.clone(),
    };
    match kind {
        ArchiveKind::Zip => visit_zip(counting, limits, f),
        ArchiveKind::Tar => visit_tar(BufReader::with_capacity(1 << 16, counting), f),
        ArchiveKind::TarGz => {
            let gz = flate2::read::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, counting));
            visit_tar(BufReader::with_capacity(1 << 16, gz), f)
        }
    }
}

fn visit_zip<R: Read + Seek + Send>(
    reader: R,
    limits: &Limits,
    f: &mut dyn FnMut(&str, Member<'_>) -> io::Result<Visit>,
) -> io::Result<()> {
    let corrupt = |e: zip::result::ZipError| {
        refuse(ArchiveError::Corrupt {
            kind: "zip",
            reason: e.to_string(),
        })
    };
    let mut zip = zip::ZipArchive::new(reader).map_err(corrupt)?;
    // The central directory first: names and declared sizes, before reading any member.
    let mut declared_total: u64 = 0;
    for i in 0..zip.len() {
        let m = zip.by_index_raw(i).map_err(corrupt)?;
        let name = m.name().to_string();
        check_member_name(&name).map_err(refuse)?;
        declared_total = declared_total.saturating_add(m.size());
        if declared_total > limits.max_total {
            return Err(io::Error::other(LimitError::TooLarge {
                what: name,
                limit: limits.max_total,
                var: ENV_MAX_EXPANDED,
            }));
        }
        let ratio = m.size() / m.compressed_size().max(1);
        if m.size() > limits.ratio_floor && ratio > limits.max_ratio {
            return Err(io::Error::other(LimitError::Ratio {
                what: name,
                ratio,
                limit: limits.max_ratio,
                var: ENV_MAX_RATIO,
            }));
        }
    }
    for i in 0..zip.len() {
        let m = zip.by_index(i).map_err(corrupt)?;
        if m.is_dir() || m.is_symlink() {
            continue;
        }
        let name = m.name().to_string();
        if let Visit::Stop = f(&name, Box::new(m))? {
            break;
        }
    }
    Ok(())
}

const BLOCK: u64 = 512;

fn visit_tar<R: Read + Send>(
    mut reader: R,
    f: &mut dyn FnMut(&str, Member<'_>) -> io::Result<Visit>,
) -> io::Result<()> {
    let corrupt = |reason: String| {
        refuse(ArchiveError::Corrupt {
            kind: "tar",
            reason,
        })
    };
    let mut long_name: Option<String> = None;
    let mut block = [0u8; BLOCK as usize];
    loop {
        if !read_block(&mut reader, &mut block)? || block.iter().all(|&b| b == 0) {
            return Ok(());
        }
        let header = tar::Header::from_byte_slice(&block);
        let stored = checksum_of(&block);
        let claimed = header.cksum().map_err(|e| corrupt(e.to_string()))?;
        if stored != claimed {
            return Err(corrupt("bad header checksum".into()));
        }
        let size = header.entry_size().map_err(|e| corrupt(e.to_string()))?;
        let padded = size.div_ceil(BLOCK) * BLOCK;
        let entry_type = header.entry_type();
        let name = long_name
            .take()
            .unwrap_or_else(|| String::from_utf8_lossy(&header.path_bytes()).into_owned());
        if entry_type.is_gnu_longname() || entry_type.is_pax_local_extensions() {
            let mut data = Vec::new();
            (&mut reader)
                .take(size.min(1 << 20))
                .read_to_end(&mut data)?;
            skip(&mut reader, padded - data.len() as u64)?;
            long_name = if entry_type.is_gnu_longname() {
                let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
                Some(String::from_utf8_lossy(&data[..end]).into_owned())
            } else {
                pax_path(&data)
            };
            continue;
        }
        let regular = entry_type.is_file() || entry_type.is_contiguous();
        if !regular {
            skip(&mut reader, padded)?;
            continue;
        }
        check_member_name(&name).map_err(refuse)?;
        let mut member = (&mut reader).take(size);
        let visit = f(&name, Box::new(&mut member))?;
        let left = member.limit();
        if let Visit::Stop = visit {
            return Ok(());
        }
        skip(&mut reader, left + (padded - size))?;
    }
}

/// The header checksum as tar computes it: the byte sum with the checksum field as spaces.
fn checksum_of(block: &[u8; BLOCK as usize]) -> u32 {
    block
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if (148..156).contains(&i) {
                32
            } else {
                u32::from(b)
            }
        })
        .sum()
}

fn pax_path(data: &[u8]) -> Option<String> {
    tar::PaxExtensions::new(data)
        .flatten()
        .find(|e| e.key() == Ok("path"))
        .and_then(|e| e.value().ok().map(str::to_string))
}

/// Read one 512-byte block; `false` at a clean end of stream.
fn read_block<R: Read>(r: &mut R, block: &mut [u8; BLOCK as usize]) -> io::Result<bool> {
    let mut filled = 0;
    while filled < block.len() {
        match r.read(&mut block[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

fn skip<R: Read>(r: &mut R, n: u64) -> io::Result<()> {
    let copied = io::copy(&mut r.take(n), &mut io::sink())?;
    if copied < n {
        return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
    }
    Ok(())
}

fn is_nested_archive(name: &str) -> bool {
    kind_of(Path::new(name)).is_some()
}

/// Wrap a member in gzip decoding when its name says `.gz`.
fn expand<'r>(name: &str, raw: Member<'r>) -> Member<'r> {
    if name.to_ascii_lowercase().ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(raw)))
    } else {
        raw
    }
}

/// Read the first [`HEAD_BYTES`] of a reader and give them back with a reader that replays
/// them before the rest.
fn peek<'r>(mut r: Member<'r>) -> io::Result<(Vec<u8>, Member<'r>)> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut r).take(HEAD_BYTES as u64).read_to_end(&mut head)?;
    let replay = io::Cursor::new(head.clone()).chain(r);
    Ok((head, Box::new(replay)))
}

/// Ingest every document member of an archive. `format` of `Auto` detects each member.
/// Members that are not documents (by name or content) and nested archives are counted in
/// `not_documents`; an unsafe member name or a decompression bomb refuses the archive.
/// `on_bytes` is told how far the archive file itself has been read.
pub fn ingest_archive(
    path: &Path,
    kind: ArchiveKind,
    format: Format,
    limits: &Limits,
    sink: &(dyn Fn(Document) + Sync),
    on_bytes: &(dyn Fn(u64) + Sync),
) -> Result<FileReport, IngestError> {
    let display = path.display().to_string();
    let counters = Arc::new(Counters::default());
    let reported = AtomicU64::new(0);
    let progress = |_: u64| {
        let now = counters.compressed.load(Ordering::Relaxed);
        let before = reported.swap(now, Ordering::Relaxed);
        if now > before {
            on_bytes(now - before);
        }
    };
    if kind != ArchiveKind::Zip {
        prescan_tar(path, kind, limits).map_err(|e| failure(path, e))?;
    }
    let mut total = FileReport {
        format: (format != Format::Auto).then_some(format),
        ..FileReport::default()
    };
    let mut member_fn = |name: &str, raw: Member<'_>| -> io::Result<Visit> {
        if let Some(reason) = not_a_document_by_name(name) {
            total
                .not_documents
                .push(format!("archive member: {reason}"));
            return Ok(Visit::Continue);
        }
        if is_nested_archive(name) {
            total
                .not_documents
                .push("archive member: nested archive (not read)".into());
            return Ok(Visit::Continue);
        }
        let start = counters.compressed_now();
        let guarded: Member<'_> = Box::new(Guard::new(
            expand(name, raw),
            name,
            *limits,
            counters.clone(),
            start,
        ));
        let (member_format, reader) = match format {
            Format::Auto => {
                let (head, reader) = peek(guarded)?;
                match detect_head(&head) {
                    Ok(f) => (f, reader),
                    Err(reason) => {
                        total
                            .not_documents
                            .push(format!("archive member: {reason}"));
                        return Ok(Visit::Continue);
                    }
                }
            }
            f => (f, guarded),
        };
        let file = format!("{display}!{name}");
        let reader = BufReader::with_capacity(1 << 16, reader);
        let r = ingest_reader(reader, &file, member_format, sink, &progress)?;
        total.format.get_or_insert(member_format);
        total.parsed += r.parsed;
        total.bytes += r.bytes;
        total.malformed.extend(r.malformed);
        total.not_documents.extend(r.not_documents);
        total.deleted.extend(r.deleted);
        total.unreadable.extend(r.unreadable);
        if r.damaged.is_some() {
            // The archive's stream broke inside this member: nothing after it can be read.
            total.damaged = r.damaged;
            return Ok(Visit::Stop);
        }
        Ok(Visit::Continue)
    };
    visit(path, kind, limits, &counters, &mut member_fn).map_err(|e| failure(path, e))?;
    progress(0);
    Ok(total)
}

/// A tar's member names are only known by reading it through, and none of its documents may
/// be indexed before an unsafe name refuses it: read the headers once (skipping the data,
/// decompressing a `.tar.gz` under the [`Limits`]) before the members are ingested.
fn prescan_tar(path: &Path, kind: ArchiveKind, limits: &Limits) -> io::Result<()> {
    let counters = Arc::new(Counters::default());
    let counting = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: File::open(path)?,
            counters: counters.clone(),
        },
    );
    let mut names_only = |_: &str, _: Member<'_>| Ok(Visit::Continue);
    match kind {
        ArchiveKind::Zip => Ok(()),
        ArchiveKind::Tar => visit_tar(counting, &mut names_only),
        ArchiveKind::TarGz => {
            let what = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let gz = Guard::new(
                flate2::read::MultiGzDecoder::new(counting),
                &what,
                *limits,
                counters,
                0,
            );
            visit_tar(BufReader::with_capacity(1 << 16, gz), &mut names_only)
        }
    }
}

/// The error for an archive that could not be read through: an unsafe member name refuses
/// it as input (`Refused`); anything else (corrupt, bomb, I/O) is a failure to read it.
fn failure(path: &Path, e: io::Error) -> IngestError {
    let unsafe_name = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ArchiveError>())
        .is_some_and(|a| matches!(a, ArchiveError::UnsafeName { .. }));
    if unsafe_name {
        IngestError::Refused {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    } else {
        IngestError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

/// The format of an archive's first document member.
pub fn detect_first(path: &Path, kind: ArchiveKind) -> Result<Format, IngestError> {
    let limits = Limits::from_env();
    let counters = Arc::new(Counters::default());
    let mut found = None;
    let mut member_fn = |name: &str, raw: Member<'_>| -> io::Result<Visit> {
        if not_a_document_by_name(name).is_some() || is_nested_archive(name) {
            return Ok(Visit::Continue);
        }
        let guarded: Member<'_> = {
            let start = counters.compressed_now();
            Box::new(Guard::new(
                expand(name, raw),
                name,
                limits,
                counters.clone(),
                start,
            ))
        };
        let (head, _) = peek(guarded)?;
        match detect_head(&head) {
            Ok(f) => {
                found = Some(f);
                Ok(Visit::Stop)
            }
            Err(_) => Ok(Visit::Continue),
        }
    };
    visit(path, kind, &limits, &counters, &mut member_fn).map_err(|e| failure(path, e))?;
    found.ok_or_else(|| IngestError::NotDocuments {
        path: path.to_path_buf(),
        reason: format!("{} archive with no document member", kind.as_str()),
    })
}

#[cfg(test)]
#[path = "archive_tests.rs"]
mod tests;
