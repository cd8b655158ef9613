//! The snapshot a citation keeps of the cited document: its bibliographic data and abstracts
//! as they were when it was cited, so a report never depends on an index that has since
//! changed or disappeared.
//!
//! In `case.json` a snapshot is one flat object, its earliest priority date between the filing
//! date and the application number. It is written through [`SnapshotOut`] (references, in
//! that order, with the same skip rules) and read through [`SnapshotIn`], whose fields are
//! moved into the nested form.

use crate::model::{Biblio, ClassCode, Date, DocKind, Document, Lang, LangText, PatentNumber};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The bibliographic data and abstracts of a document, copied when it is cited.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    pub biblio: Biblio,
    /// Earliest priority date (the filing date when no priority is claimed).
    pub priority_date: Option<Date>,
}

impl Snapshot {
    pub fn of(doc: &Document) -> Snapshot {
        Snapshot {
            biblio: doc.biblio.clone(),
            priority_date: doc.earliest_priority(),
        }
    }
}

#[derive(Serialize)]
struct SnapshotOut<'a> {
    id: &'a str,
    kind: DocKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a PatentNumber>,
    lang: &'a Lang,
    #[serde(skip_serializing_if = "crate::model::empty_slice")]
    titles: &'a [LangText],
    #[serde(skip_serializing_if = "crate::model::empty_slice")]
    abstracts: &'a [LangText],
    #[serde(skip_serializing_if = "crate::model::empty_slice")]
    applicants: &'a [String],
    #[serde(skip_serializing_if = "crate::model::empty_slice")]
    inventors: &'a [String],
    #[serde(skip_serializing_if = "crate::model::empty_slice")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    journal: Option<&'a str>,
    #[serde(skip_serializing_if = "crate::model::empty_slice")]
    ipc: &'a [ClassCode],
    #[serde(skip_serializing_if = "crate::model::empty_slice")]
    cpc: &'a [ClassCode],
    #[serde(skip_serializing_if = "Option::is_none")]
    publication_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filing_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pmid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pmcid: Option<&'a str>,
}

impl Serialize for Snapshot {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = &self.biblio;
        SnapshotOut {
            id: &b.id,
            kind: b.kind,
            number: b.number.as_ref(),
            lang: &b.lang,
            titles: &b.titles,
            abstracts: &b.abstracts,
            applicants: &b.applicants,
            inventors: &b.inventors,
            authors: &b.authors,
            journal: b.journal.as_deref(),
            ipc: &b.ipc,
            cpc: &b.cpc,
            publication_date: b.publication_date,
            filing_date: b.filing_date,
            priority_date: self.priority_date,
            application_number: b.application_number.as_deref(),
            family_id: b.family_id.as_deref(),
            doi: b.doi.as_deref(),
            pmid: b.pmid.as_deref(),
            pmcid: b.pmcid.as_deref(),
        }
        .serialize(s)
    }
}

#[derive(Deserialize)]
struct SnapshotIn {
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
    priority_date: Option<Date>,
    #[serde(default)]
    application_number: Option<String>,
    #[serde(default)]
    family_id: Option<String>,
    #[serde(default)]
    doi: Option<String>,
    #[serde(default)]
    pmid: Option<String>,
    #[serde(default)]
    pmcid: Option<String>,
}

impl<'de> Deserialize<'de> for Snapshot {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Snapshot, D::Error> {
        let w = SnapshotIn::deserialize(d)?;
        Ok(Snapshot {
            biblio: Biblio {
                id: w.id,
                kind: w.kind,
                number: w.number,
                lang: w.lang,
                titles: w.titles,
                abstracts: w.abstracts,
                applicants: w.applicants,
                inventors: w.inventors,
                authors: w.authors,
                journal: w.journal,
                ipc: w.ipc,
                cpc: w.cpc,
                publication_date: w.publication_date,
                filing_date: w.filing_date,
                application_number: w.application_number,
                family_id: w.family_id,
                doi: w.doi,
                pmid: w.pmid,
                pmcid: w.pmcid,
            },
            priority_date: w.priority_date,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_keeps_its_priority_date_between_filing_date_and_application_number() {
        let snap = Snapshot {
            biblio: Biblio {
                id: "US1B2".into(),
                lang: Lang::en(),
                filing_date: Date::parse("2019-12-22").ok(),
                application_number: Some("16951740".into()),
                doi: Some("10.1/x".into()),
                ..Biblio::default()
            },
            priority_date: Date::parse("2018-12-30").ok(),
        };
        let json = serde_json::to_string(&snap).unwrap();
        assert_eq!(
            json,
            r#"{"id":"US1B2","kind":"patent","lang":"en","filing_date":"2019-12-22","priority_date":"2018-12-30","application_number":"16951740","doi":"10.1/x"}"#
        );
        assert_eq!(serde_json::from_str::<Snapshot>(&json).unwrap(), snap);
        let e = serde_json::from_str::<Snapshot>(r#"{"id":"x","kind":"patent"}"#).unwrap_err();
        assert!(e.to_string().contains("missing field `lang`"), "{e}");
    }
}
