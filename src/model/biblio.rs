//! The bibliographic data of a document: what it is, what it is called, who made it, how it
//! is classified and dated, and the identifiers that tie it to other records.
//!
//! [`Biblio`] is held by a whole [`super::Document`], by the [`super::DocHead`] read for a
//! result row, and by the snapshot a case keeps of a cited document; the accessors that choose
//! a title or an abstract in a language live here, once. `Biblio` has no JSON form of its own:
//! each holder writes the fields in the order its format has always had (see `wire`).

use super::{ClassCode, Date, DocKind, Lang, LangText, PatentNumber};

/// The bibliographic fields shared by documents, result heads and case snapshots.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Biblio {
    /// Canonical id: `US7640932B2`, `EP3404678B1`, `PMID:123`, `PMC456`, `doi:…`, or a
    /// collection's own id (JSONL `_id`) kept verbatim.
    pub id: String,
    pub kind: DocKind,
    /// The publication number (patents only).
    pub number: Option<PatentNumber>,
    /// The main language of the document (language of filing / of the article).
    pub lang: Lang,
    pub titles: Vec<LangText>,
    pub abstracts: Vec<LangText>,
    pub applicants: Vec<String>,
    pub inventors: Vec<String>,
    pub authors: Vec<String>,
    pub journal: Option<String>,
    pub ipc: Vec<ClassCode>,
    pub cpc: Vec<ClassCode>,
    pub publication_date: Option<Date>,
    pub filing_date: Option<Date>,
    /// Application number as printed by the office (patents only).
    pub application_number: Option<String>,
    pub family_id: Option<String>,
    pub doi: Option<String>,
    pub pmid: Option<String>,
    pub pmcid: Option<String>,
}

impl Biblio {
    /// The kind code (`B2`, `A1`…) of a patent; `None` for articles.
    pub fn kind_code(&self) -> Option<&str> {
        self.number.as_ref().and_then(|n| n.kind.as_deref())
    }

    /// The title in `lang` if present, else in the document language, else the first one.
    pub fn title_in(&self, lang: &Lang) -> Option<&str> {
        pick(&self.titles, lang, &self.lang)
    }

    /// The title to show by default (English preferred, as most users read it); empty when
    /// the document has none.
    pub fn title(&self) -> &str {
        self.title_in(&Lang::en()).unwrap_or("")
    }

    /// The abstract in `lang` if present, else in the document language, else the first one.
    pub fn abstract_in(&self, lang: &Lang) -> Option<&str> {
        pick(&self.abstracts, lang, &self.lang)
    }

    /// The abstract to show by default (English preferred, as most users read it).
    pub fn abstract_text(&self) -> Option<&str> {
        self.abstract_in(&Lang::en())
    }

    /// Publication number spellings: canonical and without kind code.
    pub fn number_forms(&self) -> Vec<String> {
        self.number
            .iter()
            .flat_map(|n| [n.canonical(), n.without_kind()])
            .collect()
    }
}

/// The text in `want`, else in `main`, else the first one.
fn pick<'a>(texts: &'a [LangText], want: &Lang, main: &Lang) -> Option<&'a str> {
    texts
        .iter()
        .find(|t| &t.lang == want)
        .or_else(|| texts.iter().find(|t| &t.lang == main))
        .or_else(|| texts.first())
        .map(|t| t.text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lang: &str, t: &str) -> LangText {
        LangText {
            lang: Lang::new(lang),
            text: t.into(),
        }
    }

    #[test]
    fn titles_and_abstracts_prefer_the_language_asked_then_the_documents_own() {
        let b = Biblio {
            lang: Lang::fr(),
            titles: vec![text("de", "Pumpe"), text("fr", "Pompe"), text("en", "Pump")],
            abstracts: vec![text("de", "Eine Pumpe."), text("fr", "Une pompe.")],
            ..Biblio::default()
        };
        assert_eq!(b.title(), "Pump");
        assert_eq!(b.title_in(&Lang::de()), Some("Pumpe"));
        assert_eq!(b.title_in(&Lang::new("es")), Some("Pompe"));
        assert_eq!(b.abstract_text(), Some("Une pompe."));
        let other = Biblio {
            lang: Lang::new("es"),
            ..b.clone()
        };
        assert_eq!(other.abstract_in(&Lang::new("it")), Some("Eine Pumpe."));
        let bare = Biblio::default();
        assert_eq!((bare.title(), bare.abstract_text()), ("", None));
    }

    #[test]
    fn number_forms_and_kind_code_come_from_the_publication_number() {
        let b = Biblio {
            number: Some(PatentNumber {
                country: "US".into(),
                number: "7000001".into(),
                kind: Some("B2".into()),
            }),
            ..Biblio::default()
        };
        assert_eq!(b.kind_code(), Some("B2"));
        assert_eq!(b.number_forms(), ["US7000001B2", "US7000001"]);
        assert!(Biblio::default().number_forms().is_empty());
    }
}
