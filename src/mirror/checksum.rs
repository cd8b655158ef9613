//! Checksums: the digests computed while a file streams in, and the checksums publishers put
//! beside their files (`pubmed24n0001.xml.gz.md5` holding `MD5(pubmed24n0001.xml.gz)= …`,
//! or `md5sum`/`sha256sum` lines).

use md5::{Digest, Md5};
use sha2::Sha256;
use std::fmt;

/// A published checksum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checksum {
    Md5(String),
    Sha256(String),
}

impl fmt::Display for Checksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Checksum::Md5(h) => write!(f, "md5:{h}"),
            Checksum::Sha256(h) => write!(f, "sha256:{h}"),
        }
    }
}

/// Read a checksum companion file: the hex digest on the line that names `file_name` (or
/// the first one), MD5 (32 hex digits) or SHA-256 (64).
pub fn parse_companion(text: &str, file_name: &str) -> Option<Checksum> {
    let digest_in = |line: &str| {
        line.split(|c: char| !c.is_ascii_hexdigit())
            .find(|w| w.len() == 32 || w.len() == 64)
            .map(|w| {
                let w = w.to_ascii_lowercase();
                if w.len() == 32 {
                    Checksum::Md5(w)
                } else {
                    Checksum::Sha256(w)
                }
            })
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines
        .iter()
        .filter(|l| l.contains(file_name))
        .find_map(|l| digest_in(l.replace(file_name, " ").as_str()))
        .or_else(|| lines.first().and_then(|l| digest_in(l)))
}

/// Digests of a stream: MD5 always (recorded in the manifest, re-checked by `verify`),
/// SHA-256 when a SHA-256 checksum is published.
#[derive(Clone)]
pub struct Digests {
    md5: Md5,
    sha256: Option<Sha256>,
}

impl Digests {
    pub fn new(published: Option<&Checksum>) -> Digests {
        Digests {
            md5: Md5::new(),
            sha256: matches!(published, Some(Checksum::Sha256(_))).then(Sha256::new),
        }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.md5.update(bytes);
        if let Some(s) = &mut self.sha256 {
            s.update(bytes);
        }
    }

    pub fn md5_hex(&self) -> String {
        hex(&self.md5.clone().finalize())
    }

    /// The digest of the stream in the algorithm of `published`.
    pub fn as_published(&self, published: &Checksum) -> Checksum {
        match published {
            Checksum::Md5(_) => Checksum::Md5(self.md5_hex()),
            Checksum::Sha256(_) => Checksum::Sha256(
                self.sha256
                    .as_ref()
                    .map(|s| hex(&s.clone().finalize()))
                    .unwrap_or_default(),
            ),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// MD5 of a file on disk, as `md5:<hex>`.
pub fn md5_file(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut d = Digests::new(None);
    let mut buf = vec![0u8; 1 << 18];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => d.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(format!("md5:{}", d.md5_hex()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companions_in_the_usual_shapes_parse() {
        let md5 = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        for text in [
            format!("MD5(pubmed24n0001.xml.gz)= {md5}\n"),
            format!("{md5}  pubmed24n0001.xml.gz\n"),
            format!("{md5}\n"),
            format!(
                "{}  other.xml.gz\n{md5}  pubmed24n0001.xml.gz\n",
                "a".repeat(32)
            ),
        ] {
            assert_eq!(
                parse_companion(&text, "pubmed24n0001.xml.gz"),
                Some(Checksum::Md5(md5.into())),
                "{text}"
            );
        }
        let sha = "ab".repeat(32);
        assert_eq!(
            parse_companion(&format!("{sha} *f.zip"), "f.zip"),
            Some(Checksum::Sha256(sha))
        );
        assert_eq!(parse_companion("<html>not found</html>", "f.zip"), None);
    }

    #[test]
    fn digests_match_known_values() {
        let mut d = Digests::new(Some(&Checksum::Sha256(String::new())));
        d.update(b"abc");
        assert_eq!(d.md5_hex(), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            d.as_published(&Checksum::Sha256(String::new())),
            Checksum::Sha256(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad".into()
            )
        );
    }
}
