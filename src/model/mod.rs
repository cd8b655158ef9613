//! The document model shared by every corpus: patents and journal articles alike.
//!
//! Parsers in `ingest` produce [`Document`]s; the index stores and searches them; reports
//! snapshot them. Their bibliographic data is one [`Biblio`], held alike by a document, by
//! the [`DocHead`] read for a result row and by a case's snapshot of a cited document. The
//! parse-once types ([`PatentNumber`], [`ClassCode`], [`Date`], [`Lang`]) normalise the many
//! spellings found in real data so that the rest of tisc compares like with like.

/// JSON (and any serde form) of a parse-once type: its `Display` text, read back through
/// `$parse`, whose error becomes the deserializer's message.
macro_rules! serde_as_text {
    ($t:ty, $parse:expr) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                ($parse)(s.as_str()).map_err(serde::de::Error::custom)
            }
        }
    };
}

mod biblio;
mod class;
mod date;
mod lang;
mod number;
pub mod time;
mod wire;

pub use biblio::Biblio;
pub use class::{ClassCode, ClassError};
pub use date::{Date, DateError};
pub use lang::Lang;
pub use number::{NumberError, PatentNumber};
pub(crate) use wire::empty_slice;

use serde::{Deserialize, Serialize};

/// Whether a document is a patent publication or a piece of literature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    #[default]
    Patent,
    Article,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Patent => "patent",
            DocKind::Article => "article",
        }
    }
}

/// A piece of text in a known language (a title, an abstract).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LangText {
    pub lang: Lang,
    pub text: String,
}

/// One numbered claim. `depends_on` lists the claims it refers to; empty means independent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub num: u32,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<u32>,
}

impl Claim {
    pub fn is_independent(&self) -> bool {
        self.depends_on.is_empty()
    }
}

/// The claims of a document in one language (EP grants carry en, de and fr sets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimSet {
    pub lang: Lang,
    pub claims: Vec<Claim>,
}

/// One paragraph of a description (or a heading, which is kept as its own paragraph).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph number as printed in the source (`0012`, `[0012]`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub heading: bool,
    pub text: String,
}

/// The description of a document in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Description {
    pub lang: Lang,
    pub paragraphs: Vec<Paragraph>,
}

/// A priority claim: the earlier filing a patent claims the date of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Priority {
    pub country: String,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// Where a document came from: the file and the byte offset of its record in that file
/// (offset in the decompressed stream for `.gz` files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourceRef {
    pub file: String,
    pub offset: u64,
}

/// A patent publication or an article, whatever format it came from: its bibliographic data
/// and the texts and links only a whole document has.
///
/// Its JSON (the form stored in the index) is one flat object, written and read in `wire`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub biblio: Biblio,
    pub claims: Vec<ClaimSet>,
    pub description: Vec<Description>,
    pub priorities: Vec<Priority>,
    pub source: SourceRef,
}

/// What a result row needs of a stored [`Document`] before its text: its bibliographic data
/// and the priority claims that tie it to other documents. Read from the same stored JSON,
/// whose other fields (claims, description: most of a patent's bytes) are skipped unread.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocHead {
    pub biblio: Biblio,
    pub priorities: Vec<Priority>,
}

impl Document {
    /// The earliest priority date, or the filing date when no priority is claimed.
    pub fn earliest_priority(&self) -> Option<Date> {
        self.priorities
            .iter()
            .filter_map(|p| p.date)
            .min()
            .or(self.biblio.filing_date)
    }

    /// Every language any text field is in, main language first.
    pub fn languages(&self) -> Vec<Lang> {
        let b = &self.biblio;
        let mut out = vec![b.lang.clone()];
        let all = b
            .titles
            .iter()
            .map(|t| &t.lang)
            .chain(b.abstracts.iter().map(|t| &t.lang))
            .chain(self.claims.iter().map(|c| &c.lang))
            .chain(self.description.iter().map(|d| &d.lang));
        for l in all {
            if !out.contains(l) {
                out.push(l.clone());
            }
        }
        out
    }

    /// Canonical id for an article: `PMID:<n>`, else `PMC<n>`, else `doi:<doi>`.
    pub fn article_id(
        pmid: Option<&str>,
        pmcid: Option<&str>,
        doi: Option<&str>,
    ) -> Option<String> {
        if let Some(p) = pmid.filter(|p| !p.is_empty()) {
            return Some(format!("PMID:{p}"));
        }
        if let Some(p) = pmcid.filter(|p| !p.is_empty()) {
            let digits = p.trim_start_matches("PMC").trim_start_matches("pmc");
            return Some(format!("PMC{digits}"));
        }
        doi.filter(|d| !d.is_empty())
            .map(|d| format!("doi:{}", d.to_ascii_lowercase()))
    }
}

/// Collapse runs of whitespace into one space and trim the ends.
pub fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending = !out.is_empty();
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_reads_the_same_values_as_the_whole_document() {
        let text = |lang: &str, t: &str| LangText {
            lang: Lang::new(lang),
            text: t.into(),
        };
        let doc = Document {
            biblio: Biblio {
                id: "EP3000002B1".into(),
                kind: DocKind::Patent,
                number: Some(PatentNumber {
                    country: "EP".into(),
                    number: "3000002".into(),
                    kind: Some("B1".into()),
                }),
                lang: Lang::new("fr"),
                titles: vec![text("fr", "Transformateur"), text("en", "Transformer")],
                abstracts: vec![text("fr", "Un transformateur.")],
                publication_date: Date::parse("2016-03-23").ok(),
                family_id: Some("77".into()),
                ..Biblio::default()
            },
            description: vec![Description {
                lang: Lang::new("fr"),
                paragraphs: vec![Paragraph {
                    num: Some("0001".into()),
                    heading: false,
                    text: "Texte \"cité\" et long.".into(),
                }],
            }],
            priorities: vec![Priority {
                country: "FR".into(),
                number: "1352000".into(),
                date: None,
            }],
            ..Document::default()
        };
        let json = serde_json::to_string(&doc).unwrap();
        let head: DocHead = serde_json::from_str(&json).unwrap();
        assert_eq!(head.biblio, doc.biblio);
        assert_eq!(head.biblio.kind_code(), Some("B1"));
        assert_eq!(head.biblio.title(), "Transformer");
        assert_eq!(head.priorities, doc.priorities);
        assert_eq!(head.biblio.family_id.as_deref(), Some("77"));
        assert_eq!((head.biblio.doi, head.biblio.pmid), (None, None));
    }

    #[test]
    fn article_ids_prefer_pmid_then_pmc_then_doi() {
        assert_eq!(
            Document::article_id(Some("123"), Some("PMC9"), Some("10.1/x")).as_deref(),
            Some("PMID:123")
        );
        assert_eq!(
            Document::article_id(None, Some("PMC9"), None).as_deref(),
            Some("PMC9")
        );
        assert_eq!(
            Document::article_id(None, None, Some("10.1/X")).as_deref(),
            Some("doi:10.1/x")
        );
        assert_eq!(Document::article_id(None, None, None), None);
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(normalize_ws("  a \n\t b  c "), "a b c");
    }
}
