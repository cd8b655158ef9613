//! The records of a vector store's data file: their bytes ([`encode`]), their checksums (by
//! format), and reading them back chunk by chunk with the checksums checked side by side.

use super::Vectors;
use std::io::Read;

/// The record checksum of a store of `format`: CRC-32 (format 2; computed with the
/// processor's carry-less multiply, ~20 times faster than format 1's byte-by-byte FNV-1a,
/// which made checking the records most of the time of opening a large store).
pub(super) fn checksum(format: u32, bytes: &[u8]) -> u32 {
    if format == 1 {
        fnv32(bytes)
    } else {
        crc32fast::hash(bytes)
    }
}

/// FNV-1a, 32 bits: the record checksum of format 1.
fn fnv32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// One record's bytes, in a store of `format`.
pub(super) fn encode(format: u32, id: &str, hash: u64, vector: &[f32], out: &mut Vec<u8>) {
    let start = out.len();
    // Ids are short; a longer one is cut at a character boundary (it then never matches,
    // and the document is ranked by BM25 alone).
    let mut end = id.len().min(u16::MAX as usize);
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    out.extend_from_slice(&(end as u16).to_le_bytes());
    out.extend_from_slice(&id.as_bytes()[..end]);
    out.extend_from_slice(&hash.to_le_bytes());
    for x in vector {
        out.extend_from_slice(&x.to_le_bytes());
    }
    let sum = checksum(format, &out[start..]);
    out.extend_from_slice(&sum.to_le_bytes());
}

/// What [`decode`] read from a slice of records.
struct Decoded {
    /// Bytes of whole, valid records from the start of the slice.
    valid: usize,
    records: u64,
    /// Whether a record failed its checksum (or had an id that is not UTF-8): nothing after
    /// it is read.
    bad: bool,
}

/// Read the records of `bytes` (a store of `format`) into `into`, up to the first bad one or
/// the first incomplete one. The records are found one after another by their lengths,
/// their checksums checked side by side (rayon), and the valid ones read.
fn decode(format: u32, bytes: &[u8], into: &mut Vectors) -> Decoded {
    use rayon::prelude::*;
    let dim = into.dim;
    // (start, id length) of each whole record.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut at = 0usize;
    while let Some(head) = bytes.get(at..at + 2) {
        let id_len = usize::from(u16::from_le_bytes([head[0], head[1]]));
        let whole = 2 + id_len + 8 + 4 * dim + 4;
        if at + whole > bytes.len() {
            break;
        }
        spans.push((at, id_len));
        at += whole;
    }
    let body = |id_len: usize| 2 + id_len + 8 + 4 * dim;
    let valid = spans
        .par_iter()
        .position_first(|&(start, id_len)| {
            let rec = &bytes[start..start + body(id_len) + 4];
            let b = body(id_len);
            let sum = u32::from_le_bytes([rec[b], rec[b + 1], rec[b + 2], rec[b + 3]]);
            checksum(format, &rec[..b]) != sum
        })
        .unwrap_or(spans.len());
    let mut records = 0u64;
    let mut end = 0usize;
    let mut bad = valid < spans.len();
    let mut vector = vec![0f32; dim];
    for &(start, id_len) in &spans[..valid] {
        let rec = &bytes[start..start + body(id_len)];
        let Ok(id) = std::str::from_utf8(&rec[2..2 + id_len]) else {
            bad = true;
            break;
        };
        let mut h = [0u8; 8];
        h.copy_from_slice(&rec[2 + id_len..2 + id_len + 8]);
        for (v, c) in vector.iter_mut().zip(rec[2 + id_len + 8..].chunks_exact(4)) {
            *v = f32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        into.put(id, u64::from_le_bytes(h), &vector);
        records += 1;
        end = start + body(id_len) + 4;
    }
    Decoded {
        valid: end,
        records,
        bad,
    }
}

/// Bytes read from the data file at a time: the records are decoded chunk by chunk, so that
/// opening a large store never holds the whole file in memory besides the vectors (a
/// 146 MiB buffer cost more in page faults and zeroing than the reading itself).
const READ_CHUNK: usize = 8 << 20;

/// Read at most `limit` bytes of records from `file` into `into`; returns (bytes of whole,
/// valid records, count).
pub(super) fn read_records(
    format: u32,
    file: impl Read,
    limit: u64,
    into: &mut Vectors,
) -> std::io::Result<(u64, u64)> {
    // Room for every vector at once (records are at least 14 bytes plus the vector).
    let at_most = usize::try_from(limit / (14 + 4 * into.dim as u64).max(1)).unwrap_or(0);
    into.reserve(at_most);
    let mut file = file.take(limit);
    let mut buf: Vec<u8> = Vec::new();
    let (mut valid, mut records) = (0u64, 0u64);
    loop {
        let got = (&mut file).take(READ_CHUNK as u64).read_to_end(&mut buf)?;
        let d = decode(format, &buf, into);
        valid += d.valid as u64;
        records += d.records;
        if d.bad || got == 0 {
            return Ok((valid, records));
        }
        // An incomplete record at the end waits for the next chunk.
        buf.drain(..d.valid);
    }
}
