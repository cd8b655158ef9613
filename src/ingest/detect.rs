//! Format detection: which format a file is in, from its name and first bytes, and the reason
//! when it holds no documents tisc reads (a README, a DTD, binary data, an unknown root).

use super::{archive, encoding, open, Format, IngestError};
use std::io::Read;
use std::path::Path;

/// Decide the format of a file from its name and first bytes. `Err` carries the reason a
/// file holds no documents tisc reads (a README, a DTD, an HTML report, an unknown root).
/// An archive (zip, tar, tar.gz) has the format of its first document member.
pub fn detect(path: &Path) -> Result<Format, IngestError> {
    let not = |reason: String| IngestError::NotDocuments {
        path: path.to_path_buf(),
        reason,
    };
    if let Some(kind) = archive::kind_of(path) {
        return archive::detect_first(path, kind);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(reason) = not_a_document_by_name(&name) {
        return Err(not(reason));
    }
    let mut head = Vec::with_capacity(HEAD_BYTES);
    let mut r = open(path).map_err(|source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    r.by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|source| IngestError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    detect_head(&head).map_err(|e| not(e.to_string()))
}

/// How many leading bytes [`detect_head`] looks at.
pub const HEAD_BYTES: usize = 8192;

/// The reason a file (or archive member) named `name` holds no documents, judged by its
/// extension alone (`.md`, `.dtd`, `.pdf`…); `None` when its content must be looked at.
pub fn not_a_document_by_name(name: &str) -> Option<String> {
    let name = name.to_ascii_lowercase();
    let stem = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = stem.rsplit('.').next().unwrap_or("");
    match ext {
        "md" | "txt" | "html" | "htm" | "dtd" | "pdf" | "tif" | "tiff" | "png" | "jpg" | "csv"
        | "tsv" | "toml" | "ent" | "xsd" | "css" | "js" | "md5" | "sha256" => {
            Some(format!("not a document file (.{ext})"))
        }
        _ => None,
    }
}

/// Why the first bytes of a stream are not a format tisc reads ([`detect_head`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnknownFormat {
    #[error("binary data, not text")]
    Binary,
    /// A JSON object first, without the keys of either JSON-lines format.
    #[error("JSON lines without `_id` (BEIR) or `id`+`kind` (tisc) keys")]
    JsonKeys,
    #[error("neither XML nor JSON lines")]
    NeitherXmlNorJson,
    /// A `<` followed by no element name: `after` is what follows it (escaped, 20 characters
    /// at most).
    #[error("not text or not XML (binary data?): `<` is followed by no element name (`{after}`)")]
    NoElementName { after: String },
    #[error("HTML page")]
    Html,
    /// Well-formed enough to have a root element, but not one of a format tisc reads.
    #[error("XML with root <{root}>, not a format tisc reads")]
    UnknownRoot { root: String },
    #[error("no root element in the first 8 KiB")]
    NoRoot,
}

/// Decide a format from the first bytes of a (decompressed) stream ([`HEAD_BYTES`] suffice).
/// `Err` says why the stream holds no documents tisc reads.
pub fn detect_head(head: &[u8]) -> Result<Format, UnknownFormat> {
    if encoding::looks_binary(head) {
        return Err(UnknownFormat::Binary);
    }
    let text = encoding::head_text(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        let first = trimmed.lines().next().unwrap_or("");
        return if first.contains("\"_id\"") {
            Ok(Format::Beir)
        } else if first.contains("\"id\"") && first.contains("\"kind\"") {
            Ok(Format::Jsonl)
        } else {
            Err(UnknownFormat::JsonKeys)
        };
    }
    if !trimmed.starts_with('<') {
        return Err(UnknownFormat::NeitherXmlNorJson);
    }
    match root_name(trimmed) {
        Some(root) if !is_xml_name(&root) => Err(UnknownFormat::NoElementName {
            after: root
                .chars()
                .take(20)
                .flat_map(char::escape_default)
                .collect(),
        }),
        Some(root) => match root.as_str() {
            "us-patent-grant" | "us-patent-application" | "sequence-cwu" => Ok(Format::Uspto),
            "ep-patent-document" => Ok(Format::Ep),
            "exch:exchange-documents"
            | "exch:exchange-document"
            | "exchange-documents"
            | "exchange-document" => Ok(Format::Docdb),
            "PubmedArticleSet" | "MedlineCitationSet" | "PubmedArticle" | "MedlineCitation" => {
                Ok(Format::Pubmed)
            }
            "article" | "pmc-articleset" => Ok(Format::Jats),
            "html" => Err(UnknownFormat::Html),
            other => Err(UnknownFormat::UnknownRoot {
                root: other.to_string(),
            }),
        },
        None => Err(UnknownFormat::NoRoot),
    }
}

/// Whether `name` can be an element name: a letter, `_` or `:` first, then letters,
/// digits, `-`, `.`, `_` and `:`.
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | ':'))
}

/// The name of the first element, skipping the declaration, DOCTYPE, comments and PIs.
fn root_name(s: &str) -> Option<String> {
    let mut rest = s;
    loop {
        let i = rest.find('<')?;
        rest = rest.get(i..).unwrap_or_default();
        if rest.starts_with("<?") {
            rest = rest.get(rest.find("?>")? + 2..).unwrap_or_default();
        } else if rest.starts_with("<!--") {
            rest = rest.get(rest.find("-->")? + 3..).unwrap_or_default();
        } else if rest.starts_with("<!") {
            // DOCTYPE, possibly with an internal subset.
            let close = match (rest.find('['), rest.find('>')) {
                (Some(b), Some(g)) if b < g => rest.find("]>").map(|p| p + 2)?,
                (_, Some(g)) => g + 1,
                _ => return None,
            };
            rest = rest.get(close..).unwrap_or_default();
        } else {
            let name: String = rest
                .get(1..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            return Some(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_names_skip_prolog() {
        assert_eq!(
            root_name("<?xml version='1.0'?>\n<!DOCTYPE a SYSTEM 'a.dtd'>\n<!-- c --><us-patent-grant lang='EN'>").as_deref(),
            Some("us-patent-grant")
        );
        assert_eq!(
            root_name("<!DOCTYPE x [ <!ENTITY a 'b'> ]><exch:exchange-documents>").as_deref(),
            Some("exch:exchange-documents")
        );
    }

    #[test]
    fn binary_junk_is_described_as_binary_not_as_an_xml_root() {
        for junk in [
            &b"<\x8b]2\xff\xfeS>"[..],
            b"\x1f\x8b\x08\x00\x00\x00binary\x00",
        ] {
            let why = detect_head(junk).unwrap_err();
            assert!(
                matches!(
                    why,
                    UnknownFormat::Binary | UnknownFormat::NoElementName { .. }
                ),
                "{why:?}"
            );
            assert!(why.to_string().contains("binary"), "{why}");
        }
        let utf16: Vec<u8> = "<PubmedArticleSet>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(detect_head(&utf16), Ok(Format::Pubmed));
    }

    #[test]
    fn each_reason_is_its_own_variant_with_the_same_message() {
        let cases: [(&[u8], UnknownFormat, &str); 5] = [
            (
                b"{\"a\": 1}",
                UnknownFormat::JsonKeys,
                "JSON lines without `_id` (BEIR) or `id`+`kind` (tisc) keys",
            ),
            (
                b"hello",
                UnknownFormat::NeitherXmlNorJson,
                "neither XML nor JSON lines",
            ),
            (b"<html><body>", UnknownFormat::Html, "HTML page"),
            (
                b"<?xml version='1.0'?><catalog>",
                UnknownFormat::UnknownRoot {
                    root: "catalog".into(),
                },
                "XML with root <catalog>, not a format tisc reads",
            ),
            (
                b"<?xml version='1.0'?>",
                UnknownFormat::NoRoot,
                "no root element in the first 8 KiB",
            ),
        ];
        for (head, want, text) in cases {
            let got = detect_head(head).unwrap_err();
            assert_eq!(got, want);
            assert_eq!(got.to_string(), text);
        }
    }
}
