//! Reading text in the encoding its file declares, so that `Café` stays `Café`.
//!
//! Parsers work on UTF-8. Other encodings are turned into UTF-8 before them, with
//! `encoding_rs`:
//! - a stream in UTF-16 (LE or BE, with or without a byte-order mark) is decoded as a whole,
//!   and a UTF-8 byte-order mark is dropped ([`to_utf8`]);
//! - a file whose first XML declaration names another encoding (`ISO-8859-1`,
//!   `windows-1252`…) is decoded as a whole when its records are elements cut out of one
//!   document (their declaration is the file's);
//! - a record that carries its own declaration (USPTO bulk files concatenate documents, each
//!   with its own) is decoded by itself ([`record_to_utf8`]).
//!
//! Offsets reported for a decoded stream are offsets in its UTF-8 form.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Cursor, Read};

/// How many leading bytes are looked at for a byte-order mark and an XML declaration.
const SNIFF_BYTES: usize = 1024;

/// What the first bytes of a stream say about its encoding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sniffed {
    /// UTF-8 (or ASCII) with no other declaration: read as it is.
    Utf8,
    /// UTF-8 with a byte-order mark: read after it.
    Utf8Bom,
    /// UTF-16; `bom` is the length of its byte-order mark (0 or 2).
    Utf16 {
        encoding: &'static Encoding,
        bom: usize,
    },
    /// An XML declaration names this encoding (not UTF-8 nor UTF-16).
    Declared(&'static Encoding),
}

/// An encoding declared that tisc cannot decode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported encoding `{0}` declared in the XML declaration")]
pub struct UnknownEncoding(pub String);

/// Judge the first bytes of a stream (the first 1 KiB suffice).
pub fn sniff(head: &[u8]) -> Result<Sniffed, UnknownEncoding> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(Sniffed::Utf8Bom);
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Ok(Sniffed::Utf16 {
            encoding: UTF_16LE,
            bom: 2,
        });
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Ok(Sniffed::Utf16 {
            encoding: UTF_16BE,
            bom: 2,
        });
    }
    // No mark: `<` and the next character as UTF-16 code units (`<?`, `<a`), ASCII text
    // with every other byte zero.
    if head.len() >= 4 && head[0] == b'<' && head[1] == 0 && head[2] != 0 && head[3] == 0 {
        return Ok(Sniffed::Utf16 {
            encoding: UTF_16LE,
            bom: 0,
        });
    }
    if head.len() >= 4 && head[0] == 0 && head[1] == b'<' && head[2] == 0 && head[3] != 0 {
        return Ok(Sniffed::Utf16 {
            encoding: UTF_16BE,
            bom: 0,
        });
    }
    match declared(head)? {
        Some(e) => Ok(Sniffed::Declared(e)),
        None => Ok(Sniffed::Utf8),
    }
}

/// The encoding an XML declaration at the start of `bytes` names, when it is neither UTF-8
/// nor UTF-16 (UTF-16 in an ASCII-compatible declaration means the text was already
/// decoded).
pub fn declared(bytes: &[u8]) -> Result<Option<&'static Encoding>, UnknownEncoding> {
    let Some(label) = declared_label(bytes) else {
        return Ok(None);
    };
    match Encoding::for_label(label.as_bytes()) {
        Some(e) if e == UTF_8 || e == UTF_16LE || e == UTF_16BE => Ok(None),
        Some(e) => Ok(Some(e)),
        None => Err(UnknownEncoding(label)),
    }
}

/// The `encoding="…"` of an XML declaration at the start of `bytes` (after whitespace).
fn declared_label(bytes: &[u8]) -> Option<String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &bytes[start..];
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let limit = rest.len().min(SNIFF_BYTES);
    let end = memchr::memmem::find(&rest[..limit], b"?>")?;
    let decl = &rest[..end];
    let at = memchr::memmem::find(decl, b"encoding")?;
    let after = &decl[at + "encoding".len()..];
    let eq = after.iter().position(|b| !b.is_ascii_whitespace())?;
    if after[eq] != b'=' {
        return None;
    }
    let after = &after[eq + 1..];
    let q = after.iter().position(|b| !b.is_ascii_whitespace())?;
    let quote = after[q];
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &after[q + 1..];
    let close = value.iter().position(|b| *b == quote)?;
    Some(String::from_utf8_lossy(&value[..close]).trim().to_string())
}

/// One record's bytes as UTF-8: decoded when they start with a UTF-16 mark or pattern, or
/// with a declaration naming another encoding; borrowed as they are otherwise.
pub fn record_to_utf8(bytes: &[u8]) -> Result<Cow<'_, [u8]>, UnknownEncoding> {
    match sniff(bytes)? {
        Sniffed::Utf8 => Ok(Cow::Borrowed(bytes)),
        Sniffed::Utf8Bom => Ok(Cow::Borrowed(&bytes[3..])),
        Sniffed::Utf16 { encoding, bom } => {
            let tail = bytes.get(bom..).unwrap_or_default();
            let (text, _) = encoding.decode_without_bom_handling(tail);
            Ok(Cow::Owned(text.into_owned().into_bytes()))
        }
        Sniffed::Declared(encoding) => {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Ok(Cow::Owned(text.into_owned().into_bytes()))
        }
    }
}

/// The first bytes of a stream as text, for format detection: decoded from UTF-16 or a
/// declared encoding, lossily from UTF-8 otherwise.
pub fn head_text(head: &[u8]) -> Cow<'_, str> {
    match record_to_utf8(head) {
        Ok(Cow::Borrowed(b)) => String::from_utf8_lossy(b),
        Ok(Cow::Owned(b)) => Cow::Owned(String::from_utf8_lossy(&b).into_owned()),
        Err(_) => String::from_utf8_lossy(head),
    }
}

/// Whether the first bytes of a stream are binary data rather than text: NUL bytes (once
/// UTF-16 is ruled out), or many control characters.
pub fn looks_binary(head: &[u8]) -> bool {
    if matches!(sniff(head), Ok(Sniffed::Utf16 { .. })) {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls * 100 > head.len() {
        return true;
    }
    // Bytes that are not UTF-8, in a stream that declares no other encoding: a stray one is
    // a damaged character, many are not text.
    if matches!(sniff(head), Ok(Sniffed::Utf8)) {
        let text = String::from_utf8_lossy(head);
        let bad = text
            .chars()
            .filter(|&c| c == char::REPLACEMENT_CHARACTER)
            .count();
        return bad >= 2 && bad * 50 > text.chars().count();
    }
    false
}

/// Wrap a stream so that it reads as UTF-8 (see the module documentation). `per_record`:
/// records carry their own declarations (USPTO), so a declared single-byte encoding is left
/// to [`record_to_utf8`].
pub fn to_utf8<'r, R: BufRead + Send + 'r>(
    mut reader: R,
    per_record: bool,
) -> io::Result<Box<dyn BufRead + Send + 'r>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    let sniffed = match sniff(&head) {
        Ok(s) => s,
        // Each record's own declaration is judged when it is parsed.
        Err(_) if per_record => Sniffed::Utf8,
        Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
    };
    let replay = |skip: usize| Cursor::new(head.get(skip..).unwrap_or_default().to_vec());
    Ok(match sniffed {
        Sniffed::Utf8 => Box::new(replay(0).chain(reader)),
        Sniffed::Utf8Bom => Box::new(replay(3).chain(reader)),
        Sniffed::Declared(_) if per_record => Box::new(replay(0).chain(reader)),
        Sniffed::Utf16 { encoding, bom } => Box::new(BufReader::with_capacity(
            1 << 16,
            Decode::new(replay(bom).chain(reader), encoding),
        )),
        Sniffed::Declared(encoding) => Box::new(BufReader::with_capacity(
            1 << 16,
            Decode::new(replay(0).chain(reader), encoding),
        )),
    })
}

/// A reader that decodes `inner` from an encoding into UTF-8 as it streams.
struct Decode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    finished: bool,
}

impl<R: Read> Decode<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Decode<R> {
        Decode {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            raw: vec![0; 1 << 16],
            out: Vec::new(),
            pos: 0,
            finished: false,
        }
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.pos < self.out.len() {
                let n = buf.len().min(self.out.len() - self.pos);
                buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.finished {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.raw)?;
            let last = n == 0;
            let room = self
                .decoder
                .max_utf8_buffer_length(n)
                .unwrap_or(n.saturating_mul(3).saturating_add(16));
            self.out.clear();
            self.out.resize(room, 0);
            self.pos = 0;
            let (_, _, written, _) =
                self.decoder
                    .decode_to_utf8(&self.raw[..n], &mut self.out, last);
            self.out.truncate(written);
            self.finished = last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], per_record: bool) -> String {
        let mut out = String::new();
        to_utf8(bytes, per_record)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn utf16_either_way_with_or_without_mark_reads_as_utf8() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>Café naïve 日本</a>";
        for le in [true, false] {
            for bom in [true, false] {
                assert_eq!(read_all(&utf16(text, le, bom), false), text, "{le} {bom}");
                assert_eq!(read_all(&utf16(text, le, bom), true), text, "{le} {bom}");
            }
        }
    }

    #[test]
    fn a_declared_single_byte_encoding_is_decoded() {
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>Caf\xe9 na\xefve</a>";
        assert_eq!(
            read_all(latin1, false),
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>Café naïve</a>"
        );
        // Per record: the stream is left alone, and each record decoded by itself.
        let mut raw = Vec::new();
        to_utf8(&latin1[..], true)
            .unwrap()
            .read_to_end(&mut raw)
            .unwrap();
        assert_eq!(raw, latin1);
        let rec = record_to_utf8(latin1).unwrap();
        assert!(String::from_utf8(rec.into_owned())
            .unwrap()
            .contains("Café naïve"));
        let cp1252 = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x93quoted\x94 \x80</a>";
        assert!(read_all(cp1252, false).contains("\u{201c}quoted\u{201d} \u{20ac}"));
        assert_eq!(
            read_all(b"\xEF\xBB\xBF<a>x</a>", false),
            "<a>x</a>",
            "a UTF-8 mark is dropped"
        );
    }

    #[test]
    fn an_unknown_encoding_is_an_error_naming_it() {
        let e = record_to_utf8(b"<?xml version='1.0' encoding='X-NOSUCH'?><a/>").unwrap_err();
        assert_eq!(e.0, "X-NOSUCH");
        let msg = to_utf8(&b"<?xml version='1.0' encoding='X-NOSUCH'?><a/>"[..], false)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(msg.contains("`X-NOSUCH`"), "{msg}");
    }

    #[test]
    fn binary_is_told_from_text() {
        assert!(looks_binary(b"<\x8b]2\x00\x91S>"));
        assert!(looks_binary(&[0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6]));
        assert!(!looks_binary(b"<?xml version='1.0'?>\n<a>\tx</a>"));
        assert!(!looks_binary(&utf16("<a>x</a>", true, false)));
    }
}
