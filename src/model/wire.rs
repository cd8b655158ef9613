//! The JSON form of [`Document`] and [`DocHead`]: the flat object the index has always
//! stored, its bibliographic fields interleaved with the others.
//!
//! Writing goes through [`DocumentOut`], a struct of references in the stored field order
//! with the same skip rules; reading goes through owned flat structs whose fields are moved,
//! not copied, into the nested form. `#[serde(flatten)]` would do neither: it writes the
//! shared fields together (a different order) and buffers the whole object when reading.

use super::{
    Biblio, ClaimSet, ClassCode, Date, Description, DocHead, DocKind, Document, Lang, LangText,
    PatentNumber, Priority, SourceRef,
};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// For `skip_serializing_if` on borrowed lists (here and in case snapshots).
pub(crate) fn empty_slice<T>(list: &&[T]) -> bool {
    list.is_empty()
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    id: &'a str,
    kind: DocKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a PatentNumber>,
    lang: &'a Lang,
    #[serde(skip_serializing_if = "empty_slice")]
    titles: &'a [LangText],
    #[serde(skip_serializing_if = "empty_slice")]
    abstracts: &'a [LangText],
    #[serde(skip_serializing_if = "empty_slice")]
    claims: &'a [ClaimSet],
    #[serde(skip_serializing_if = "empty_slice")]
    description: &'a [Description],
    #[serde(skip_serializing_if = "empty_slice")]
    applicants: &'a [String],
    #[serde(skip_serializing_if = "empty_slice")]
    inventors: &'a [String],
    #[serde(skip_serializing_if = "empty_slice")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    journal: Option<&'a str>,
    #[serde(skip_serializing_if = "empty_slice")]
    ipc: &'a [ClassCode],
    #[serde(skip_serializing_if = "empty_slice")]
    cpc: &'a [ClassCode],
    #[serde(skip_serializing_if = "Option::is_none")]
    publication_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filing_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_number: Option<&'a str>,
    #[serde(skip_serializing_if = "empty_slice")]
    priorities: &'a [Priority],
    #[serde(skip_serializing_if = "Option::is_none")]
    family_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pmid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pmcid: Option<&'a str>,
    source: &'a SourceRef,
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = &self.biblio;
        DocumentOut {
            id: &b.id,
            kind: b.kind,
            number: b.number.as_ref(),
            lang: &b.lang,
            titles: &b.titles,
            abstracts: &b.abstracts,
            claims: &self.claims,
            description: &self.description,
            applicants: &b.applicants,
            inventors: &b.inventors,
            authors: &b.authors,
            journal: b.journal.as_deref(),
            ipc: &b.ipc,
            cpc: &b.cpc,
            publication_date: b.publication_date,
            filing_date: b.filing_date,
            application_number: b.application_number.as_deref(),
            priorities: &self.priorities,
            family_id: b.family_id.as_deref(),
            doi: b.doi.as_deref(),
            pmid: b.pmid.as_deref(),
            pmcid: b.pmcid.as_deref(),
            source: &self.source,
        }
        .serialize(s)
    }
}

/// The stored object, read flat. Its claims, description and source are `C`, `D` and `S`:
/// their own types for a whole [`Document`], [`IgnoredAny`] for a [`DocHead`], which skips
/// them unread (most of a patent's bytes) without building anything.
#[derive(Deserialize)]
struct DocumentIn<C, D, S> {
    id: String,
    kind: DocKind,
    #[serde(default)]
    number: Option<PatentNumber>,
    lang: Lang,
    #[serde(default)]
    titles: Vec<LangText>,
    #[serde(default)]
    abstracts: Vec<LangText>,
    #[serde(default)]
    claims: C,
    #[serde(default)]
    description: D,
    #[serde(default)]
    applicants: Vec<String>,
    #[serde(default)]
    inventors: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    journal: Option<String>,
    #[serde(default)]
    ipc: Vec<ClassCode>,
    #[serde(default)]
    cpc: Vec<ClassCode>,
    #[serde(default)]
    publication_date: Option<Date>,
    #[serde(default)]
    filing_date: Option<Date>,
    #[serde(default)]
    application_number: Option<String>,
    #[serde(default)]
    priorities: Vec<Priority>,
    #[serde(default)]
    family_id: Option<String>,
    #[serde(default)]
    doi: Option<String>,
    #[serde(default)]
    pmid: Option<String>,
    #[serde(default)]
    pmcid: Option<String>,
    #[serde(default)]
    source: S,
}

impl<C, D, S> DocumentIn<C, D, S> {
    /// Move the fields into their owners: (bibliographic data, claims, description,
    /// priorities, source).
    fn into_parts(self) -> (Biblio, C, D, Vec<Priority>, S) {
        let biblio = Biblio {
            id: self.id,
            kind: self.kind,
            number: self.number,
            lang: self.lang,
            titles: self.titles,
            abstracts: self.abstracts,
            applicants: self.applicants,
            inventors: self.inventors,
            authors: self.authors,
            journal: self.journal,
            ipc: self.ipc,
            cpc: self.cpc,
            publication_date: self.publication_date,
            filing_date: self.filing_date,
            application_number: self.application_number,
            family_id: self.family_id,
            doi: self.doi,
            pmid: self.pmid,
            pmcid: self.pmcid,
        };
        (
            biblio,
            self.claims,
            self.description,
            self.priorities,
            self.source,
        )
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<De: Deserializer<'de>>(d: De) -> Result<Document, De::Error> {
        let wire: DocumentIn<Vec<ClaimSet>, Vec<Description>, SourceRef> =
            DocumentIn::deserialize(d)?;
        let (biblio, claims, description, priorities, source) = wire.into_parts();
        Ok(Document {
            biblio,
            claims,
            description,
            priorities,
            source,
        })
    }
}

impl<'de> Deserialize<'de> for DocHead {
    fn deserialize<De: Deserializer<'de>>(d: De) -> Result<DocHead, De::Error> {
        let wire: DocumentIn<IgnoredAny, IgnoredAny, IgnoredAny> = DocumentIn::deserialize(d)?;
        let (biblio, _, _, priorities, _) = wire.into_parts();
        Ok(DocHead { biblio, priorities })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, Paragraph};

    /// The JSON tisc stored for [`full_document`] before its bibliographic fields were
    /// gathered into [`Biblio`]: every index built since must keep reading, and be written,
    /// byte for byte like this.
    const FULL_DOCUMENT_JSON: &str = r#"{"id":"EP3000002B1","kind":"patent","number":{"country":"EP","number":"3000002","kind":"B1"},"lang":"fr","titles":[{"lang":"fr","text":"Pompe \"solaire\""},{"lang":"en","text":"Solar pump ☀"}],"abstracts":[{"lang":"en","text":"A pump.\nTwo lines."}],"claims":[{"lang":"en","claims":[{"num":1,"text":"A pump."},{"num":2,"text":"The pump of claim 1.","depends_on":[1]}]}],"description":[{"lang":"en","paragraphs":[{"heading":true,"text":"BACKGROUND"},{"num":"0001","text":"Pumps exist."}]}],"applicants":["Société Sahélienne"],"inventors":["Fall, Aïssatou","Ba, Cheikh"],"authors":["Quispe Lucía"],"journal":"Journal of Pumps","ipc":["F04B17/00"],"cpc":["F04B17/006","Y02E10/50"],"publication_date":"2016-03-23","filing_date":"2014-02-01","application_number":"14700001.2","priorities":[{"country":"FR","number":"1352000","date":"2013-03-01"},{"country":"US","number":"61/000001"}],"family_id":"77","doi":"10.5555/x.1","pmid":"123","pmcid":"PMC456","source":{"file":"ep/EP3000002-B1.xml","offset":4096}}"#;

    fn full_document() -> Document {
        let t = |l: &str, s: &str| LangText {
            lang: Lang::new(l),
            text: s.into(),
        };
        let class = |c: &str| ClassCode::parse(c).unwrap();
        Document {
            biblio: Biblio {
                id: "EP3000002B1".into(),
                kind: DocKind::Patent,
                number: Some(PatentNumber {
                    country: "EP".into(),
                    number: "3000002".into(),
                    kind: Some("B1".into()),
                }),
                lang: Lang::new("fr"),
                titles: vec![t("fr", "Pompe \"solaire\""), t("en", "Solar pump ☀")],
                abstracts: vec![t("en", "A pump.\nTwo lines.")],
                applicants: vec!["Société Sahélienne".into()],
                inventors: vec!["Fall, Aïssatou".into(), "Ba, Cheikh".into()],
                authors: vec!["Quispe Lucía".into()],
                journal: Some("Journal of Pumps".into()),
                ipc: vec![class("F04B 17/00")],
                cpc: vec![class("F04B17/006"), class("Y02E10/50")],
                publication_date: Date::parse("2016-03-23").ok(),
                filing_date: Date::parse("2014-02-01").ok(),
                application_number: Some("14700001.2".into()),
                family_id: Some("77".into()),
                doi: Some("10.5555/x.1".into()),
                pmid: Some("123".into()),
                pmcid: Some("PMC456".into()),
            },
            claims: vec![ClaimSet {
                lang: Lang::en(),
                claims: vec![
                    Claim {
                        num: 1,
                        text: "A pump.".into(),
                        depends_on: vec![],
                    },
                    Claim {
                        num: 2,
                        text: "The pump of claim 1.".into(),
                        depends_on: vec![1],
                    },
                ],
            }],
            description: vec![Description {
                lang: Lang::en(),
                paragraphs: vec![
                    Paragraph {
                        num: None,
                        heading: true,
                        text: "BACKGROUND".into(),
                    },
                    Paragraph {
                        num: Some("0001".into()),
                        heading: false,
                        text: "Pumps exist.".into(),
                    },
                ],
            }],
            priorities: vec![
                Priority {
                    country: "FR".into(),
                    number: "1352000".into(),
                    date: Date::parse("2013-03-01").ok(),
                },
                Priority {
                    country: "US".into(),
                    number: "61/000001".into(),
                    date: None,
                },
            ],
            source: SourceRef {
                file: "ep/EP3000002-B1.xml".into(),
                offset: 4096,
            },
        }
    }

    #[test]
    fn a_document_with_every_field_is_written_and_read_as_before() {
        let doc = full_document();
        assert_eq!(serde_json::to_string(&doc).unwrap(), FULL_DOCUMENT_JSON);
        let back: Document = serde_json::from_str(FULL_DOCUMENT_JSON).unwrap();
        assert_eq!(back, doc);
        let head: DocHead = serde_json::from_str(FULL_DOCUMENT_JSON).unwrap();
        assert_eq!(head.biblio, doc.biblio);
        assert_eq!(head.priorities, doc.priorities);
    }

    #[test]
    fn empty_fields_are_left_out_and_defaulted_back() {
        let empty = r#"{"id":"","kind":"patent","lang":"und","source":{"file":"","offset":0}}"#;
        assert_eq!(serde_json::to_string(&Document::default()).unwrap(), empty);
        let back: Document = serde_json::from_str(empty).unwrap();
        assert_eq!(back, Document::default());
        // `id`, `kind` and `lang` are required, `source` is not.
        let bare: Document =
            serde_json::from_str(r#"{"id":"x","kind":"article","lang":"en"}"#).unwrap();
        assert_eq!(bare.source, SourceRef::default());
        let e = serde_json::from_str::<Document>(r#"{"kind":"article","lang":"en"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing field `id`"), "{e}");
        assert!(serde_json::from_str::<DocHead>(r#"{"id":"x","lang":"en"}"#).is_err());
    }

    #[test]
    fn a_head_skips_the_texts_even_when_they_are_not_what_a_document_holds() {
        // Claims and description are skipped unread: the head does not depend on their shape.
        let json = r#"{"id":"x","kind":"patent","lang":"en","claims":"?","description":7,"source":null,"family_id":"9"}"#;
        let head: DocHead = serde_json::from_str(json).unwrap();
        assert_eq!(head.biblio.family_id.as_deref(), Some("9"));
        assert!(serde_json::from_str::<Document>(json).is_err());
    }
}
