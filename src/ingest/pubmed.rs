//! PubMed/MEDLINE citation XML: `PubmedArticle` (current DTD, E-utilities and baseline
//! files), bare `MedlineCitation` (the pre-2017 `MedlineCitationSet` files), `DeleteCitation`
//! and `PubmedBookArticle`.
//!
//! The splitter hands over one record at a time. Only the bibliographic core is read: ids,
//! titles, abstracts, authors, journal, language and publication date. MeSH headings,
//! keywords, chemicals, grants and the reference list are not part of the document model.
//! MEDLINE titles and abstracts are in English (a translated title is given in brackets);
//! the original-language title (`VernacularTitle`) and publishers' abstracts in other
//! languages (`OtherAbstract`) are kept as extra texts in their own language.

use super::xml::Element;
use super::{Record, RecordError};
use crate::model::{Biblio, Date, DocKind, Document, Lang, LangText, SourceRef};

/// The text NLM puts in an `OtherAbstract` when it only points to the publisher.
const PLACEHOLDER_ABSTRACT: &str = "Abstract available from the publisher.";

pub fn parse(root: &Element, src: &SourceRef) -> Result<Record, RecordError> {
    let (citation, pubmed_data) = match root.name.as_str() {
        "PubmedArticle" => (
            root.child("MedlineCitation").ok_or(RecordError::missing(
                "PubmedArticle without MedlineCitation",
            ))?,
            root.child("PubmedData"),
        ),
        "MedlineCitation" => (root, None),
        "DeleteCitation" => return Ok(Record::Delete(deleted_ids(root))),
        "PubmedBookArticle" => return Ok(Record::NotADocument("PubMed book record".into())),
        other => return Err(RecordError::wrong_root(other, "a PubMed record")),
    };
    let pmid = citation
        .text_at("PMID")
        .ok_or(RecordError::missing("MedlineCitation without PMID"))?;
    let article = citation
        .child("Article")
        .ok_or_else(|| RecordError::Missing {
            id: Some(format!("PMID {pmid}")),
            what: "no Article element",
        })?;

    let doi = article_id(pubmed_data, "doi").or_else(|| {
        article
            .children_named("ELocationID")
            .find(|e| e.attr("EIdType") == Some("doi") && e.attr("ValidYN") != Some("N"))
            .and_then(Element::text_opt)
    });
    let pmcid = article_id(pubmed_data, "pmc")
        .as_deref()
        .and_then(pmc_number)
        .or_else(|| {
            citation
                .children_named("OtherID")
                .filter_map(Element::text_opt)
                .find_map(|t| pmc_number(&t))
        });

    let lang = article
        .text_at("Language")
        .map(|l| Lang::new(&l))
        .unwrap_or_default();
    let mut doc = Document {
        biblio: Biblio {
            id: Document::article_id(Some(&pmid), pmcid.as_deref(), doi.as_deref())
                .unwrap_or_else(|| format!("PMID:{pmid}")),
            kind: DocKind::Article,
            lang: lang.clone(),
            doi,
            pmid: Some(pmid.clone()),
            pmcid,
            ..Biblio::default()
        },
        source: src.clone(),
        ..Document::default()
    };

    if let Some(t) = article.text_at("ArticleTitle") {
        doc.biblio.titles.push(LangText {
            lang: Lang::en(),
            text: t,
        });
    }
    if let Some(t) = article.text_at("VernacularTitle") {
        doc.biblio.titles.push(LangText {
            lang: lang.clone(),
            text: t,
        });
    }
    if let Some(text) = article.child("Abstract").and_then(abstract_text) {
        doc.biblio.abstracts.push(LangText {
            lang: Lang::en(),
            text,
        });
    }
    for other in citation.children_named("OtherAbstract") {
        let Some(text) = abstract_text(other) else {
            continue;
        };
        if text.eq_ignore_ascii_case(PLACEHOLDER_ABSTRACT) {
            continue;
        }
        let lang = other
            .attr("Language")
            .map(Lang::new)
            .unwrap_or_else(|| lang.clone());
        doc.biblio.abstracts.push(LangText { lang, text });
    }

    doc.biblio.authors = article
        .find_all("AuthorList/Author")
        .into_iter()
        .filter(|a| a.attr("ValidYN") != Some("N"))
        .filter_map(author_name)
        .collect();
    doc.biblio.journal = article
        .text_at("Journal/Title")
        .or_else(|| citation.text_at("MedlineJournalInfo/MedlineTA"));
    doc.biblio.publication_date = article
        .find("Journal/JournalIssue/PubDate")
        .and_then(pub_date)
        .or_else(|| article.child("ArticleDate").and_then(ymd))
        .or_else(|| citation.child("DateCompleted").and_then(ymd))
        .or_else(|| citation.child("DateCreated").and_then(ymd));

    if doc.biblio.titles.is_empty() && doc.biblio.abstracts.is_empty() {
        return Err(RecordError::NoText {
            id: Some(format!("PMID {pmid}")),
            missing: "no title and no abstract",
        });
    }
    Ok(Record::Doc(Box::new(doc)))
}

/// The canonical ids of the citations a `DeleteCitation` removes.
fn deleted_ids(root: &Element) -> Vec<String> {
    root.children_named("PMID")
        .filter_map(Element::text_opt)
        .map(|p| format!("PMID:{p}"))
        .collect()
}

/// `PubmedData/ArticleIdList/ArticleId[@IdType=kind]` (not the ids of cited references,
/// which sit deeper under `ReferenceList`).
fn article_id(pubmed_data: Option<&Element>, kind: &str) -> Option<String> {
    pubmed_data?
        .find_all("ArticleIdList/ArticleId")
        .into_iter()
        .find(|e| e.attr("IdType") == Some(kind))
        .and_then(|e| e.text_opt())
}

/// `PMC4380289`, `PMC4369467 [Available on 03/01/16]`, `4380289` → `PMC4380289`; other ids
/// (`NIHMS…`) → `None`. Also used for JATS `article-id`s.
pub(super) fn pmc_number(s: &str) -> Option<String> {
    let t = s.trim();
    let rest = t
        .strip_prefix("PMC")
        .or_else(|| t.strip_prefix("pmc"))
        .unwrap_or(t);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || (rest.len() == t.len() && digits.len() != t.len()) {
        return None;
    }
    Some(format!("PMC{digits}"))
}

/// All `AbstractText` of an `Abstract` or `OtherAbstract`, each prefixed with its label
/// (`BACKGROUND: …`); `UNLABELLED` sections get no prefix.
fn abstract_text(abs: &Element) -> Option<String> {
    let parts: Vec<String> = abs
        .children_named("AbstractText")
        .filter_map(|a| {
            let text = a.text_opt()?;
            match a.attr("Label").map(str::trim) {
                Some(label) if !label.is_empty() && !label.eq_ignore_ascii_case("UNLABELLED") => {
                    Some(format!("{label}: {text}"))
                }
                _ => Some(text),
            }
        })
        .collect();
    Some(parts.join(" ")).filter(|t| !t.is_empty())
}

/// `LastName ForeName` (initials when there is no fore name), or a collective name.
fn author_name(a: &Element) -> Option<String> {
    if let Some(last) = a.text_at("LastName") {
        return Some(
            match a.text_at("ForeName").or_else(|| a.text_at("Initials")) {
                Some(first) => format!("{last} {first}"),
                None => last,
            },
        );
    }
    a.text_at("CollectiveName")
}

/// A `Year`/`Month`/`Day` date element (`ArticleDate`, `DateCompleted`…).
/// A date that is stated but cannot be read is noted (counted in the ingest report).
fn ymd(e: &Element) -> Option<Date> {
    let year = e.text_at("Year")?;
    super::read_date_parts(
        "publication date",
        &year,
        e.text_at("Month").as_deref(),
        e.text_at("Day").as_deref(),
    )
}

/// `PubDate`: structured, or a free-text `MedlineDate` (noted when it cannot be read).
fn pub_date(e: &Element) -> Option<Date> {
    ymd(e).or_else(|| {
        let m = e.text_at("MedlineDate")?;
        let date = medline_date(&m);
        if date.is_none() {
            super::note_unreadable("publication date", &m);
        }
        date
    })
}

/// The start of a free-text `MedlineDate`: `2016 Mar-Apr` → 2016-03, `1998 Dec-1999 Jan` →
/// 1998-12, `2000 Spring` → 2000-03, `1999 Jan 4-10` → 1999-01-04, `2000-2001` → 2000.
fn medline_date(s: &str) -> Option<Date> {
    let mut tokens = s.split_whitespace();
    let first = tokens.next()?;
    let year = first
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    let Some(month_tok) = tokens.next() else {
        return Date::from_parts(year, None, None);
    };
    let month_word: String = month_tok
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let season = match month_word.to_ascii_lowercase().as_str() {
        "spring" => Some("3"),
        "summer" => Some("6"),
        "fall" | "autumn" => Some("9"),
        "winter" => Some("12"),
        _ => None,
    };
    let month = season.unwrap_or(&month_word);
    let day: Option<String> = tokens
        .next()
        .map(|d| d.chars().take_while(char::is_ascii_digit).collect());
    Date::from_parts(year, Some(month), day.as_deref())
        .or_else(|| Date::from_parts(year, None, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_all, Format};
    use std::path::PathBuf;

    fn data_dir() -> Option<PathBuf> {
        crate::ingest::shared_test_data("pubmed-pmc-xml")
    }

    fn parse_str(xml: &str) -> Record {
        let root = crate::ingest::xml::parse(xml.as_bytes()).unwrap();
        parse(&root, &SourceRef::default()).unwrap()
    }

    fn doc_of(r: Record) -> Document {
        match r {
            Record::Doc(d) => *d,
            other => panic!("expected a document, got {other:?}"),
        }
    }

    fn date(y: i32, m: u8, d: u8) -> Option<Date> {
        Date::new(y, m, d)
    }

    #[test]
    fn hand_written_citation_with_medline_date_and_labels() {
        let xml = r#"<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">
            <PMID Version="1">123456</PMID>
            <DateCompleted><Year>2016</Year><Month>05</Month><Day>02</Day></DateCompleted>
            <Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print">
              <PubDate><MedlineDate>2016 Mar-Apr</MedlineDate></PubDate></JournalIssue>
              <Title>Journal of Examples</Title></Journal>
            <ArticleTitle>[A <i>test</i> of H<sub>2</sub>O &amp; more].</ArticleTitle>
            <ELocationID EIdType="doi" ValidYN="Y">10.1000/XYZ.1</ELocationID>
            <Abstract>
              <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Why we did it.</AbstractText>
              <AbstractText Label="RESULTS" NlmCategory="RESULTS">It  worked.</AbstractText>
              <AbstractText Label="UNLABELLED">Plain.</AbstractText>
            </Abstract>
            <AuthorList CompleteYN="Y">
              <Author ValidYN="Y"><LastName>Müller</LastName><ForeName>Anna B</ForeName></Author>
              <Author ValidYN="Y"><LastName>Doe</LastName><Initials>J</Initials></Author>
              <Author ValidYN="N"><LastName>Wrong</LastName><ForeName>Name</ForeName></Author>
              <Author ValidYN="Y"><CollectiveName>Example Study Group</CollectiveName></Author>
            </AuthorList>
            <Language>ger</Language>
            <VernacularTitle>Ein Test.</VernacularTitle>
            </Article>
            <MedlineJournalInfo><MedlineTA>J Ex</MedlineTA></MedlineJournalInfo>
            <OtherID Source="NLM">PMC777 [Available on 01/01/17]</OtherID>
            <OtherAbstract Language="ger" Type="Publisher"><AbstractText>Deutsch.</AbstractText></OtherAbstract>
            <OtherAbstract Language="fre" Type="Publisher"><AbstractText>Abstract available from the publisher.</AbstractText></OtherAbstract>
            </MedlineCitation>
            <PubmedData><ArticleIdList><ArticleId IdType="pubmed">123456</ArticleId></ArticleIdList>
            <ReferenceList><Reference><ArticleIdList><ArticleId IdType="doi">10.9/ref</ArticleId>
            </ArticleIdList></Reference></ReferenceList></PubmedData></PubmedArticle>"#;
        let d = doc_of(parse_str(xml));
        assert_eq!(d.biblio.id, "PMID:123456");
        assert_eq!(d.biblio.kind, DocKind::Article);
        assert_eq!(d.biblio.pmid.as_deref(), Some("123456"));
        assert_eq!(d.biblio.pmcid.as_deref(), Some("PMC777"));
        assert_eq!(d.biblio.doi.as_deref(), Some("10.1000/XYZ.1"));
        assert_eq!(d.biblio.lang, Lang::de());
        assert_eq!(d.biblio.title(), "[A test of H2O & more].");
        assert_eq!(d.biblio.title_in(&Lang::de()), Some("Ein Test."));
        assert_eq!(
            d.biblio.abstract_text(),
            Some("BACKGROUND: Why we did it. RESULTS: It worked. Plain.")
        );
        assert_eq!(d.biblio.abstracts.len(), 2);
        assert_eq!(d.biblio.abstracts[1].lang, Lang::de());
        assert_eq!(d.biblio.abstracts[1].text, "Deutsch.");
        assert_eq!(
            d.biblio.authors,
            ["Müller Anna B", "Doe J", "Example Study Group"]
        );
        assert_eq!(d.biblio.journal.as_deref(), Some("Journal of Examples"));
        assert_eq!(d.biblio.publication_date, date(2016, 3, 1));
    }

    #[test]
    fn medline_date_spellings() {
        assert_eq!(medline_date("2016 Mar-Apr"), date(2016, 3, 1));
        assert_eq!(medline_date("2015 Oct-Dec"), date(2015, 10, 1));
        assert_eq!(medline_date("1998 Dec-1999 Jan"), date(1998, 12, 1));
        assert_eq!(medline_date("2000 Spring"), date(2000, 3, 1));
        assert_eq!(medline_date("1999 Jan 4-10"), date(1999, 1, 4));
        assert_eq!(medline_date("2000-2001"), date(2000, 1, 1));
        assert_eq!(medline_date("Spring"), None);
    }

    #[test]
    fn pmc_numbers_are_normalised() {
        assert_eq!(pmc_number("PMC421563").as_deref(), Some("PMC421563"));
        assert_eq!(
            pmc_number("PMC4369467 [Available on 03/01/16]").as_deref(),
            Some("PMC4369467")
        );
        assert_eq!(pmc_number("3166277").as_deref(), Some("PMC3166277"));
        assert_eq!(pmc_number("PMC8435807").as_deref(), Some("PMC8435807"));
        assert_eq!(pmc_number("NIHMS672708"), None);
        assert_eq!(pmc_number("x12"), None);
    }

    #[test]
    fn delete_book_and_bare_citation_records() {
        let r = parse_str(
            "<DeleteCitation><PMID Version=\"1\">1</PMID><PMID Version=\"1\">22</PMID></DeleteCitation>",
        );
        assert!(matches!(r, Record::Delete(ids) if ids == ["PMID:1", "PMID:22"]));
        let r = parse_str("<PubmedBookArticle><BookDocument/></PubmedBookArticle>");
        assert!(matches!(r, Record::NotADocument(why) if why == "PubMed book record"));
        let root =
            crate::ingest::xml::parse(b"<MedlineCitation><Article/></MedlineCitation>").unwrap();
        assert!(parse(&root, &SourceRef::default()).is_err());
    }

    #[test]
    fn medline_2016_file_counts_and_first_citation() {
        let Some(dir) = data_dir() else { return };
        let path = dir.join("pubmed/medline16n0902.xml.gz");
        let (docs, report) = read_all(&path, Format::Pubmed).unwrap();
        assert!(report.malformed.is_empty(), "{:?}", report.malformed);
        assert_eq!(docs.len(), 604);
        assert_eq!(report.parsed, 604);
        assert_eq!(report.deleted, ["PMID:26432306"]);
        let with_english_abstract = docs
            .iter()
            .filter(|d| d.biblio.abstracts.iter().any(|a| a.lang == Lang::en()))
            .count();
        assert_eq!(with_english_abstract, 526);
        // The 21 publisher placeholders ("Abstract available from the publisher.") are dropped.
        assert!(docs.iter().all(|d| d.biblio.abstracts.len() <= 1));

        let d = &docs[0];
        assert_eq!(d.biblio.id, "PMID:17942999");
        assert_eq!(
            d.biblio.title(),
            "Neuroplasticity in the processing of pitch dimensions: a multidimensional \
             scaling analysis of the mismatch negativity."
        );
        assert!(d
            .biblio
            .abstract_text()
            .unwrap()
            .starts_with("PURPOSE: An auditory electrophysiological study was conducted"));
        assert!(d
            .biblio
            .abstract_text()
            .unwrap()
            .contains(" RESULTS: Two pitch dimensions"));
        assert_eq!(
            d.biblio.authors,
            [
                "Chandrasekaran Bharath",
                "Gandour Jackson T",
                "Krishnan Ananthanarayan"
            ]
        );
        assert_eq!(
            d.biblio.journal.as_deref(),
            Some("Restorative neurology and neuroscience")
        );
        assert_eq!(d.biblio.publication_date, date(2007, 1, 1));
        assert_eq!(d.biblio.pmcid.as_deref(), Some("PMC4380289"));
        assert_eq!(d.biblio.lang, Lang::en());

        // Italian editorial with its vernacular title; MedlineDate ranges give the first month.
        let it = docs
            .iter()
            .find(|d| d.biblio.title() == "[Vaccines are drugs].")
            .unwrap();
        assert_eq!(it.biblio.lang.as_str(), "it");
        assert_eq!(
            it.biblio.title_in(&Lang::new("ita")),
            Some("I vaccini sono farmaci.")
        );
        let quarterly = docs
            .iter()
            .filter(|d| d.biblio.publication_date == date(2015, 10, 1))
            .count();
        assert!(quarterly >= 59, "{quarterly}");
        assert!(docs.iter().filter(|d| d.biblio.doi.is_some()).count() >= 579);
    }

    #[test]
    fn current_dtd_records() {
        let Some(dir) = data_dir() else { return };
        let (docs, _) = read_all(&dir.join("pubmed/pubmed2.xml.gz"), Format::Pubmed).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.biblio.id, "PMID:892436");
        assert_eq!(d.biblio.lang.as_str(), "ru");
        assert_eq!(
            d.biblio.title(),
            "[Mutants of the plaque microbe defective in the dark repair system]."
        );
        assert_eq!(
            d.biblio.title_in(&Lang::new("ru")),
            Some("Mutanty chumnogo mikroba, defektnye po sisteme temnovoĭ reparatsii.")
        );
        assert_eq!(d.biblio.authors, ["Temiralieva G A"]);
        assert_eq!(d.biblio.journal.as_deref(), Some("Genetika"));
        assert_eq!(d.biblio.publication_date, date(1977, 1, 1));

        let (docs, _) = read_all(&dir.join("pubmed/pubmed4.xml.gz"), Format::Pubmed).unwrap();
        let d = &docs[0];
        assert_eq!(d.biblio.id, "PMID:669788");
        assert_eq!(
            d.biblio.doi.as_deref(),
            Some("10.1128/iai.20.1.136-141.1978")
        );
        assert_eq!(d.biblio.pmcid.as_deref(), Some("PMC421563"));
        assert_eq!(
            d.biblio.title(),
            "In vitro and in vivo photosensitized inactivation of dermatophyte fungi by \
             heterotricyclic dyes."
        );
        assert_eq!(d.biblio.authors, ["Propst C", "Lubin L"]);
        assert_eq!(d.biblio.journal.as_deref(), Some("Infection and immunity"));
        assert_eq!(d.biblio.publication_date, date(1978, 4, 1));
        assert!(d
            .biblio
            .abstract_text()
            .unwrap()
            .starts_with("The ability of three heterotricyclic dyes"));

        let path = dir.join("biopython-tests/pubmed7.xml");
        let (docs, _) = read_all(&path, Format::Pubmed).unwrap();
        let d = &docs[0];
        assert_eq!(d.biblio.id, "PMID:29963580");
        assert_eq!(d.biblio.doi.as_deref(), Some("10.1117/1.JMI.5.2.026002"));
        assert_eq!(d.biblio.pmcid.as_deref(), Some("PMC6022861"));
        assert!(d
            .biblio
            .authors
            .iter()
            .any(|a| a == "Canadian Respiratory Research Network"));
    }

    #[test]
    fn every_sample_file_parses_cleanly() {
        let Some(dir) = data_dir() else { return };
        let expected = [
            ("pubmed/medline16n0902.xml.gz", 604),
            ("pubmed/test_current_medline.xml.gz", 4),
            ("pubmed/pubmed-29768149.xml", 1),
            ("pubmed/pubmed1.xml.gz", 5),
            ("pubmed/pubmed2.xml.gz", 1),
            ("pubmed/pubmed3.xml.gz", 4),
            ("pubmed/pubmed4.xml.gz", 1),
            ("pubmed/pubmed5.xml.gz", 1),
            ("biopython-tests/pubmed1.xml", 2),
            ("biopython-tests/pubmed2.xml", 2),
            ("biopython-tests/pubmed4.xml", 1),
            ("biopython-tests/pubmed5.xml", 1),
            ("biopython-tests/pubmed6.xml", 1),
            ("biopython-tests/pubmed7.xml", 1),
        ];
        for (name, count) in expected {
            let (docs, report) = read_all(&dir.join(name), Format::Pubmed).unwrap();
            assert!(
                report.malformed.is_empty(),
                "{name}: {:?}",
                report.malformed
            );
            assert_eq!(docs.len(), count, "{name}");
            for d in &docs {
                assert!(d.biblio.id.starts_with("PMID:"), "{name}: {}", d.biblio.id);
                assert!(
                    !d.biblio.title().is_empty(),
                    "{name}: {} has no title",
                    d.biblio.id
                );
                assert!(
                    d.biblio.publication_date.is_some(),
                    "{name}: {} undated",
                    d.biblio.id
                );
                assert!(
                    d.biblio.journal.is_some(),
                    "{name}: {} has no journal",
                    d.biblio.id
                );
            }
        }
    }
}
