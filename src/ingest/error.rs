//! Why one record could not be read: [`RecordError`], returned by every format's parser and
//! by [`super::parse_record`]. The ingest report shows its message with the file and byte
//! offset of the record ([`super::Problem`]); callers that need the kind match on the variant.

use super::encoding::UnknownEncoding;
use super::xml::XmlError;
use crate::model::NumberError;

/// A record that could not be read, and why.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The record declares an encoding tisc cannot decode.
    #[error(transparent)]
    Encoding(#[from] UnknownEncoding),
    /// The record is not well-formed XML (or nests too deeply).
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// The root element is not one the format's records have (`<foo>` in a USPTO file).
    #[error("<{root}> is not {expected}")]
    WrongRoot {
        root: String,
        /// What the format expects, with its article: `a USPTO grant or application`.
        expected: &'static str,
    },
    /// A part every record of the format must have is missing (`no publication-reference`);
    /// `id` names the record when it is already known (`PMID 123`).
    #[error("{}", with_id(.id.as_deref(), .what))]
    Missing {
        id: Option<String>,
        what: &'static str,
    },
    /// The record's publication number cannot be read (as the parser's message says).
    #[error(transparent)]
    Number(#[from] NumberError),
    /// The record's publication number, as written, cannot be read.
    #[error("unreadable publication number `{number}`: {source}")]
    UnreadableNumber {
        number: String,
        #[source]
        source: NumberError,
    },
    /// The record has none of the text a document needs (`no title, abstract or claims`).
    #[error("{}", no_text(.id.as_deref(), .missing))]
    NoText {
        id: Option<String>,
        missing: &'static str,
    },
    /// A JSON line that does not parse as the format's object.
    #[error("bad JSON line: {0}")]
    Json(#[source] serde_json::Error),
    /// A BEIR `_id` string that does not decode.
    #[error("bad `_id`: {0}")]
    BadId(#[source] serde_json::Error),
    /// A BEIR `_id` that is neither a string nor a number (`[1]`, `null`).
    #[error("`_id` is neither a string nor a number")]
    IdNotStringOrNumber,
    /// An empty id (`key` is `_id` or `id`).
    #[error("empty `{key}`")]
    EmptyId { key: &'static str },
    /// A record whose closing tag never comes (a truncated file): `tag` is its element name.
    #[error("<{tag}> is never closed (truncated file?)")]
    Unclosed { tag: String },
    /// `Auto` reached a parser: the caller did not detect the format first.
    #[error("format not resolved")]
    FormatNotResolved,
    /// The parser panicked on this record (a bug, contained to the record).
    #[error("internal parser error (please report)")]
    Panicked,
}

impl RecordError {
    /// A missing part, before the record's id is known.
    pub(crate) fn missing(what: &'static str) -> RecordError {
        RecordError::Missing { id: None, what }
    }

    /// The root element `root` where the format expects `expected`.
    pub(crate) fn wrong_root(root: &str, expected: &'static str) -> RecordError {
        RecordError::WrongRoot {
            root: root.to_string(),
            expected,
        }
    }
}

fn with_id(id: Option<&str>, what: &str) -> String {
    match id {
        Some(id) => format!("{id}: {what}"),
        None => what.to_string(),
    }
}

fn no_text(id: Option<&str>, missing: &str) -> String {
    match id {
        Some(id) => format!("{id}: {missing}"),
        None => format!("document has {missing}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{parse_record, Format};
    use crate::model::SourceRef;

    fn parse(format: Format, bytes: &[u8]) -> RecordError {
        parse_record(format, bytes, &SourceRef::default()).unwrap_err()
    }

    #[test]
    fn each_failure_is_its_own_variant_with_the_same_message() {
        let e = parse(Format::Ep, b"<ep-patent-document><SDOBI>");
        match &e {
            RecordError::Xml(x) => {
                assert!(!x.too_deep, "{x:?}");
                assert_eq!(
                    e.to_string(),
                    format!(
                        "malformed XML at byte {} of the record: {}",
                        x.offset, x.message
                    )
                );
            }
            other => panic!("{other:?}"),
        }

        let e = parse(Format::Uspto, b"<foo/>");
        match &e {
            RecordError::WrongRoot { root, .. } => assert_eq!(root, "foo"),
            other => panic!("{other:?}"),
        }
        assert_eq!(e.to_string(), "<foo> is not a USPTO grant or application");

        let e = parse(Format::Pubmed, b"<PubmedArticle/>");
        assert!(matches!(e, RecordError::Missing { id: None, .. }), "{e:?}");
        assert_eq!(e.to_string(), "PubmedArticle without MedlineCitation");

        let e = parse(
            Format::Pubmed,
            b"<MedlineCitation><PMID>7</PMID></MedlineCitation>",
        );
        assert_eq!(e.to_string(), "PMID 7: no Article element");

        let e = parse(
            Format::Pubmed,
            b"<MedlineCitation><PMID>7</PMID><Article/></MedlineCitation>",
        );
        assert!(matches!(e, RecordError::NoText { .. }), "{e:?}");
        assert_eq!(e.to_string(), "PMID 7: no title and no abstract");

        let e = parse(
            Format::Pubmed,
            br#"<?xml version="1.0" encoding="x-nonsense"?><a/>"#,
        );
        assert!(matches!(e, RecordError::Encoding(_)), "{e:?}");

        let e = parse(Format::Beir, b"{not json");
        match &e {
            RecordError::Json(j) => assert_eq!(e.to_string(), format!("bad JSON line: {j}")),
            other => panic!("{other:?}"),
        }
        let e = parse(Format::Beir, br#"{"_id": null}"#);
        assert!(matches!(e, RecordError::IdNotStringOrNumber), "{e:?}");
        let e = parse(Format::Beir, br#"{"_id": ""}"#);
        assert_eq!(e.to_string(), "empty `_id`");
        let e = parse(Format::Auto, b"x");
        assert!(matches!(e, RecordError::FormatNotResolved), "{e:?}");
    }
}
