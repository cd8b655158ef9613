//! Splitting a stream into records without holding the whole file in memory.
//!
//! USPTO weekly files are many XML documents concatenated, each with its own declaration;
//! PubMed and DOCDB files wrap many records in one root; JSONL has one record a line. A
//! splitter reads the stream in blocks and yields each record's bytes with the byte offset at
//! which it starts, so that a bad record can be reported by position and skipped.

use super::RecordError;
use memchr::memmem;
use std::io::{self, BufRead};

const BLOCK: usize = 1 << 20;

/// One record's bytes and where they start in the (decompressed) stream.
#[derive(Debug)]
pub struct Chunk {
    pub offset: u64,
    pub bytes: Vec<u8>,
}

/// How a stream is cut into records.
#[derive(Debug, Clone, Copy)]
pub enum Splitter {
    /// Each record starts with `<?xml` (USPTO bulk files).
    XmlDecl,
    /// Each record is an element with one of these (qualified) names.
    Tags(&'static [&'static str]),
    /// One record per non-empty line.
    Lines,
}

/// What a splitter yields: a record, or a problem at an offset (e.g. an unclosed record at the
/// end of a truncated file) after which splitting goes on where it can.
#[derive(Debug)]
pub enum Piece {
    Record(Chunk),
    Broken { offset: u64, reason: RecordError },
}

/// Iterate over the records of `reader`.
pub fn records<R: BufRead>(reader: R, how: Splitter) -> Records<R> {
    Records {
        reader,
        how,
        buf: Vec::new(),
        base: 0,
        eof: false,
        done: false,
        error: None,
    }
}

pub struct Records<R> {
    reader: R,
    how: Splitter,
    buf: Vec<u8>,
    /// Stream offset of `buf[0]`.
    base: u64,
    eof: bool,
    done: bool,
    /// A read error met after some bytes of a block: the records before it are yielded
    /// first, then the error (a damaged stream keeps what could be read).
    error: Option<io::Error>,
}

impl<R: BufRead> Records<R> {
    fn fill(&mut self) -> io::Result<()> {
        let start = self.buf.len();
        self.buf.resize(start + BLOCK, 0);
        let mut filled = start;
        while filled < self.buf.len() {
            let n = match self.reader.read(&mut self.buf[filled..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(filled);
                    if filled == start {
                        return Err(e);
                    }
                    self.error = Some(e);
                    self.eof = true;
                    return Ok(());
                }
            };
            if n == 0 {
                self.eof = true;
                break;
            }
            filled += n;
        }
        self.buf.truncate(filled);
        Ok(())
    }

    fn take(&mut self, start: usize, end: usize) -> Chunk {
        let bytes = self.buf[start..end].to_vec();
        let offset = self.base + start as u64;
        self.drain(end);
        Chunk { offset, bytes }
    }

    fn drain(&mut self, n: usize) {
        self.buf.drain(..n);
        self.base += n as u64;
    }

    fn next_line(&mut self) -> io::Result<Option<Piece>> {
        loop {
            let mut line = Vec::new();
            let offset = self.base;
            let n = self.reader.read_until(b'\n', &mut line)?;
            if n == 0 {
                return Ok(None);
            }
            self.base += n as u64;
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Ok(Some(Piece::Record(Chunk {
                offset,
                bytes: line,
            })));
        }
    }

    /// Records start at `<?xml`; bytes before the first declaration (a document written
    /// without one) form a record of their own.
    fn next_decl(&mut self) -> io::Result<Option<Piece>> {
        const DECL: &[u8] = b"<?xml";
        loop {
            let Some(f) = self.buf.iter().position(|b| !b.is_ascii_whitespace()) else {
                if self.eof {
                    return Ok(None);
                }
                let n = self.buf.len();
                self.drain(n);
                self.fill()?;
                continue;
            };
            if self.buf.len() - f < DECL.len() && !self.eof {
                self.fill()?;
                continue;
            }
            let from = if self.buf[f..].starts_with(DECL) {
                f + DECL.len()
            } else {
                f
            };
            match memmem::find(&self.buf[from..], DECL) {
                Some(next) => return Ok(Some(Piece::Record(self.take(f, from + next)))),
                // Cut off by a read error: the error says so.
                None if self.eof && self.error.is_some() => return Ok(None),
                None if self.eof => {
                    let end = self.buf.len();
                    return Ok(Some(Piece::Record(self.take(f, end))));
                }
                None => self.fill()?,
            }
        }
    }

    fn next_tagged(&mut self, tags: &[&str]) -> io::Result<Option<Piece>> {
        loop {
            match find_open(&self.buf, 0, tags) {
                None if self.eof => {
                    self.done = true;
                    return Ok(None);
                }
                None => {
                    let keep = self.buf.len().saturating_sub(64);
                    self.drain(keep);
                    self.fill()?;
                }
                Some((s, tag)) => match find_close(&self.buf, s, tag) {
                    Some(end) => return Ok(Some(Piece::Record(self.take(s, end)))),
                    // Cut off by a read error: the error says so, once.
                    None if self.eof && self.error.is_some() => return Ok(None),
                    None if self.eof => {
                        let offset = self.base + s as u64;
                        self.done = true;
                        return Ok(Some(Piece::Broken {
                            offset,
                            reason: RecordError::Unclosed {
                                tag: tag.to_string(),
                            },
                        }));
                    }
                    None => self.fill()?,
                },
            }
        }
    }
}

fn is_delim(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')
}

/// The earliest `<tag` (followed by a delimiter) at or after `from`, for any of `tags`.
fn find_open<'t>(buf: &[u8], from: usize, tags: &[&'t str]) -> Option<(usize, &'t str)> {
    let mut pos = from;
    while let Some(i) = memchr::memchr(b'<', &buf[pos..]) {
        let at = pos + i;
        for tag in tags {
            let t = tag.as_bytes();
            let end = at + 1 + t.len();
            if end < buf.len() && &buf[at + 1..end] == t && is_delim(buf[end]) {
                return Some((at, tag));
            }
        }
        pos = at + 1;
    }
    None
}

/// The end (exclusive) of the element opened at `start`, counting nested same-name elements.
fn find_close(buf: &[u8], start: usize, tag: &str) -> Option<usize> {
    let t = tag.as_bytes();
    // An element written as `<tag …/>` closes itself.
    let gt = memchr::memchr(b'>', &buf[start..])? + start;
    if gt > start && buf[gt - 1] == b'/' {
        return Some(gt + 1);
    }
    let mut depth = 1usize;
    let mut pos = gt + 1;
    while let Some(i) = memchr::memchr(b'<', &buf[pos..]) {
        let at = pos + i;
        if buf.get(at + 1) == Some(&b'/') {
            let end = at + 2 + t.len();
            if end < buf.len()
                && &buf[at + 2..end] == t
                && matches!(buf[end], b'>' | b' ' | b'\t' | b'\n' | b'\r')
            {
                depth -= 1;
                if depth == 0 {
                    let close = memchr::memchr(b'>', &buf[end..])? + end;
                    return Some(close + 1);
                }
            }
        } else {
            let end = at + 1 + t.len();
            if end < buf.len() && &buf[at + 1..end] == t && is_delim(buf[end]) {
                let gt = memchr::memchr(b'>', &buf[end..])? + end;
                if buf[gt - 1] != b'/' {
                    depth += 1;
                }
            }
        }
        pos = at + 1;
    }
    None
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = io::Result<Piece>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return self.error.take().map(Err);
        }
        let r = match self.how {
            Splitter::Lines => self.next_line(),
            Splitter::XmlDecl => self.next_decl(),
            Splitter::Tags(tags) => self.next_tagged(tags),
        };
        match r {
            Ok(Some(p)) => Some(Ok(p)),
            Ok(None) => {
                self.done = true;
                self.error.take().map(Err)
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &[u8], how: Splitter) -> Vec<(u64, String)> {
        records(input, how)
            .map(|p| match p.unwrap() {
                Piece::Record(c) => (c.offset, String::from_utf8(c.bytes).unwrap()),
                Piece::Broken { offset, reason } => (offset, format!("BROKEN {reason}")),
            })
            .collect()
    }

    #[test]
    fn concatenated_documents_split_on_declarations() {
        let input = b"<?xml version=\"1.0\"?>\n<a>1</a>\n<?xml version=\"1.0\"?>\n<b>2</b>\n";
        let got = collect(input, Splitter::XmlDecl);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, 0);
        assert!(got[1].1.starts_with("<?xml") && got[1].1.contains("<b>2</b>"));
        assert_eq!(got[1].0, 31);
    }

    #[test]
    fn a_document_without_declaration_is_still_a_record() {
        let got = collect(b"<a>1</a>\n<?xml version=\"1.0\"?><b/>", Splitter::XmlDecl);
        assert_eq!(
            got,
            vec![
                (0, "<a>1</a>\n".into()),
                (9, "<?xml version=\"1.0\"?><b/>".into())
            ]
        );
    }

    #[test]
    fn tagged_records_handle_nesting_and_similar_names() {
        let input =
            b"<Set><Rec id='1'><Rec>inner</Rec></Rec><Records/><Rec id='2'/><Rec>3</Rec></Set>";
        let got = collect(input, Splitter::Tags(&["Rec"]));
        let texts: Vec<&str> = got.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(
            texts,
            [
                "<Rec id='1'><Rec>inner</Rec></Rec>",
                "<Rec id='2'/>",
                "<Rec>3</Rec>"
            ]
        );
        assert_eq!(got[0].0, 5);
    }

    #[test]
    fn truncated_record_is_reported_with_offset() {
        let got = collect(b"<S><R>ok</R><R>cut", Splitter::Tags(&["R"]));
        assert_eq!(got[0].1, "<R>ok</R>");
        assert_eq!(
            got[1],
            (12, "BROKEN <R> is never closed (truncated file?)".into())
        );
    }

    #[test]
    fn records_larger_than_a_block_survive() {
        let big = "x".repeat(3 * BLOCK);
        let input = format!("<S><R>{big}</R><R>2</R></S>");
        let got = collect(input.as_bytes(), Splitter::Tags(&["R"]));
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, "<R>2</R>");
    }

    /// Reads `data`, then fails.
    struct Failing<'a>(&'a [u8]);

    impl io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("corrupt stream"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn records_before_a_read_error_are_yielded_then_the_error() {
        let data = b"<S><R>1</R><R>2</R><R>cut";
        for how in [Splitter::Tags(&["R"]), Splitter::XmlDecl] {
            let got: Vec<_> = records(io::BufReader::new(Failing(data)), how).collect();
            let last = got.last().unwrap();
            assert!(matches!(last, Err(e) if e.to_string() == "corrupt stream"));
            if let Splitter::Tags(_) = how {
                assert_eq!(got.len(), 3, "two records, then the error");
                assert!(matches!(&got[1], Ok(Piece::Record(c)) if c.bytes == b"<R>2</R>"));
            } else {
                assert_eq!(got.len(), 1, "the cut-off document is not yielded");
            }
        }
    }

    #[test]
    fn lines_skip_blank_ones() {
        let got = collect(b"{\"a\":1}\n\n{\"b\":2}\n", Splitter::Lines);
        assert_eq!(
            got,
            vec![(0, "{\"a\":1}\n".into()), (9, "{\"b\":2}\n".into())]
        );
    }
}
