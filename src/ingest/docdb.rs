//! EPO DOCDB bibliographic exchange XML (`exch:exchange-document`, one per record).
//!
//! A record carries its number in the root attributes (`country`, `doc-number`, `kind`,
//! `date-publ`, `family-id`) and repeats most facts in several `data-format`s: `docdb`
//! (EPO-normalised), `epodoc` and `original` (as the office printed it), `docdba` (full party
//! names, titles and abstracts). Titles and abstracts come in every language present; DE
//! backfile records have German titles only. CPC comes from `patent-classifications` (scheme
//! `CPC…`), given either as a `classification-symbol` line or as separate parts. Records with
//! `status="D"` are deletions, not documents.

use super::ep::{class_noted, push_new};
use super::xml::Element;
use super::{Record, RecordError};
use crate::model::{ClassCode, Document, Lang, LangText, PatentNumber, Priority, SourceRef};

pub fn parse(root: &Element, src: &SourceRef) -> Result<Record, RecordError> {
    let rec = match root.name.as_str() {
        "exchange-document" => root,
        "exchange-documents" => match root.child("exchange-document") {
            Some(r) => r,
            None => {
                return Ok(Record::NotADocument(
                    "DOCDB exchange file without documents".into(),
                ))
            }
        },
        other => return Err(RecordError::wrong_root(other, "a DOCDB exchange-document")),
    };
    let biblio = rec.child("bibliographic-data");
    let attr = |name: &str| {
        rec.attr(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    };
    let pub_id = biblio.and_then(|b| {
        preferred(b, "publication-reference", &["docdb"]).and_then(|p| p.child("document-id"))
    });
    let from_pub = |name: &str| pub_id.and_then(|d| d.text_at(name));

    let country = attr("country").or_else(|| from_pub("country"));
    let doc_number = attr("doc-number").or_else(|| from_pub("doc-number"));
    let kind = attr("kind").or_else(|| from_pub("kind"));
    let (Some(country), Some(doc_number)) = (country, doc_number) else {
        return Err(RecordError::missing(
            "no publication number (country and doc-number attributes missing)",
        ));
    };
    let number = PatentNumber::new(&country, &doc_number, kind.as_deref()).map_err(|source| {
        RecordError::UnreadableNumber {
            number: format!("{country}{doc_number}"),
            source,
        }
    })?;
    let id = number.canonical();

    if let Some(status) = attr("status").filter(|s| s.eq_ignore_ascii_case("D")) {
        return Ok(Record::NotADocument(format!(
            "{id}: deleted DOCDB record (status=\"{status}\")"
        )));
    }
    let Some(biblio) = biblio else {
        return Ok(Record::NotADocument(format!(
            "{id}: DOCDB record without bibliographic data"
        )));
    };

    let titles_raw = biblio.children_named("invention-title").collect::<Vec<_>>();
    let lang = biblio
        .text_at("language-of-publication")
        .or_else(|| pub_id.and_then(|d| d.attr("lang")).map(String::from))
        .or_else(|| biblio.text_at("language-of-filing"))
        .or_else(|| {
            titles_raw
                .iter()
                .find_map(|t| t.attr("lang"))
                .map(String::from)
        })
        .map(|l| Lang::new(&l))
        .unwrap_or_default();

    let mut doc = super::patent_document(number, &lang, src);
    doc.biblio.family_id = attr("family-id");
    doc.biblio.publication_date = attr("date-publ")
        .or_else(|| from_pub("date"))
        .and_then(|d| super::read_date("publication date", &d));
    doc.biblio.titles = texts(titles_raw, &lang);
    doc.biblio.abstracts = texts(
        rec.children_named("abstract")
            .chain(biblio.children_named("abstract"))
            .collect(),
        &lang,
    );
    application(biblio, &mut doc);
    doc.priorities = priorities(biblio);
    doc.biblio.applicants = parties(biblio, "applicants/applicant", "applicant-name");
    doc.biblio.inventors = parties(biblio, "inventors/inventor", "inventor-name");
    doc.biblio.ipc = ipc(biblio);
    doc.biblio.cpc = cpc(biblio);
    Ok(Record::Doc(Box::new(doc)))
}

/// The first child `name` whose `data-format` comes earliest in `formats`, else the first one.
fn preferred<'a>(parent: &'a Element, name: &'a str, formats: &[&str]) -> Option<&'a Element> {
    let all: Vec<&Element> = parent.children_named(name).collect();
    formats
        .iter()
        .find_map(|f| all.iter().find(|e| e.attr("data-format") == Some(f)))
        .or(all.first())
        .copied()
}

/// One text per language, in document order; a text without `lang` is in the document
/// language and is dropped when that language already has one (DOCDB repeats an abstract
/// as `data-format="original"` without a language).
fn texts(elements: Vec<&Element>, main: &Lang) -> Vec<LangText> {
    let mut out: Vec<LangText> = Vec::new();
    let (with_lang, without): (Vec<&Element>, Vec<&Element>) = elements
        .into_iter()
        .partition(|e| e.attr("lang").is_some_and(|l| !l.trim().is_empty()));
    for e in with_lang.into_iter().chain(without) {
        let lang = e
            .attr("lang")
            .map(Lang::new)
            .unwrap_or_else(|| main.clone());
        if out.iter().any(|t| t.lang == lang) {
            continue;
        }
        if let Some(text) = e.text_opt() {
            out.push(LangText { lang, text });
        }
    }
    out
}

/// Application number (as the office printed it when given) and filing date.
fn application(biblio: &Element, doc: &mut Document) {
    let docdb =
        preferred(biblio, "application-reference", &["docdb"]).and_then(|a| a.child("document-id"));
    doc.biblio.filing_date = docdb
        .and_then(|d| d.text_at("date"))
        .and_then(|d| super::read_date("filing date", &d));
    let original = biblio
        .children_named("application-reference")
        .find(|a| a.attr("data-format") == Some("original"))
        .and_then(|a| a.text_at("document-id/doc-number"));
    doc.biblio.application_number = original.or_else(|| {
        let d = docdb?;
        let number = d.text_at("doc-number")?;
        Some(format!(
            "{}{number}",
            d.text_at("country").unwrap_or_default()
        ))
    });
}

/// Priority claims, from the `docdb` format when present (country, number, date).
fn priorities(biblio: &Element) -> Vec<Priority> {
    let all = biblio.find_all("priority-claims/priority-claim");
    let docdb: Vec<&Element> = all
        .iter()
        .copied()
        .filter(|p| p.attr("data-format") == Some("docdb"))
        .collect();
    let chosen = if docdb.is_empty() { all } else { docdb };
    let mut out: Vec<Priority> = Vec::new();
    for p in chosen {
        let Some(id) = p.child("document-id") else {
            continue;
        };
        let Some(number) = id.text_at("doc-number") else {
            continue;
        };
        let prio = Priority {
            country: id.text_at("country").unwrap_or_default(),
            number,
            date: id
                .text_at("date")
                .and_then(|d| super::read_date("priority date", &d)),
        };
        if !out.contains(&prio) {
            out.push(prio);
        }
    }
    out
}

/// Party names in one data format: `docdb`, else `original`, else `docdba`, else any.
fn parties(biblio: &Element, path: &str, name_el: &str) -> Vec<String> {
    let all = biblio.find_all(&format!("parties/{path}"));
    let format_of = |e: &Element| e.attr("data-format").unwrap_or("").to_string();
    let chosen = ["docdb", "original", "docdba"]
        .iter()
        .find(|f| all.iter().any(|e| format_of(e) == **f))
        .map(|f| f.to_string())
        .or_else(|| all.first().map(|e| format_of(e)));
    let mut out: Vec<String> = Vec::new();
    for e in all {
        if Some(format_of(e)) != chosen {
            continue;
        }
        let name = e
            .find(&format!("{name_el}/name"))
            .or_else(|| e.child(name_el))
            .and_then(Element::text_opt);
        if let Some(n) = name {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// IPCR lines, then the pre-2006 `classification-ipc` main and further classifications.
fn ipc(biblio: &Element) -> Vec<ClassCode> {
    let mut out = Vec::new();
    for t in biblio.find_all("classifications-ipcr/classification-ipcr/text") {
        push_new(&mut out, class_noted("IPC code", &t.text()));
    }
    for old in biblio.children_named("classification-ipc") {
        for e in old.elements() {
            if e.name == "main-classification" || e.name == "further-classification" {
                push_new(&mut out, class_noted("IPC code", &e.text()));
            }
        }
    }
    out
}

/// CPC symbols from `patent-classifications` whose scheme is CPC (or not given).
fn cpc(biblio: &Element) -> Vec<ClassCode> {
    let mut out = Vec::new();
    for pc in biblio.find_all("patent-classifications/patent-classification") {
        let scheme = pc
            .child("classification-scheme")
            .and_then(|s| s.attr("scheme"))
            .unwrap_or("CPC");
        if !scheme.to_ascii_uppercase().starts_with("CPC") {
            continue;
        }
        let code = match pc.text_at("classification-symbol") {
            Some(sym) => class_noted("CPC code", &sym),
            None => super::uspto::class_from_parts(pc, "CPC code"),
        };
        push_new(&mut out, code);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{detect, read_all, xml, Format};
    use crate::model::Date;
    use std::path::PathBuf;

    fn data(name: &str) -> Option<PathBuf> {
        crate::ingest::shared_test_data(&format!("epo-docdb-xml/{name}"))
    }

    fn read(name: &str) -> Option<Vec<Document>> {
        let (docs, report) = read_all(&data(name)?, Format::Docdb).unwrap();
        assert!(report.malformed.is_empty(), "{:?}", report.malformed);
        Some(docs)
    }

    fn text<'a>(texts: &'a [LangText], l: &str) -> &'a str {
        texts
            .iter()
            .find(|t| t.lang == Lang::new(l))
            .map(|t| t.text.as_str())
            .unwrap_or("")
    }

    fn class(s: &str) -> ClassCode {
        ClassCode::parse(s).unwrap()
    }

    #[test]
    fn wo_publication_with_english_and_french() {
        let Some(docs) = read("WO-2022259205-A1_544370561.xml") else {
            return;
        };
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.biblio.id, "WO2022259205A1");
        assert_eq!(d.biblio.lang, Lang::en());
        assert_eq!(d.biblio.family_id.as_deref(), Some("82558028"));
        assert_eq!(
            text(&d.biblio.titles, "en"),
            "SELF-EMULSIFYING COMPOSITION, PRODUCTION METHODS AND USES THEREOF"
        );
        assert_eq!(
            text(&d.biblio.titles, "fr"),
            "COMPOSITION AUTO-ÉMULSIFIANTE, SES PROCÉDÉS DE PRODUCTION ET SES UTILISATIONS"
        );
        assert!(text(&d.biblio.abstracts, "fr")
            .starts_with("La présente divulgation concerne une composition auto-émulsifiante"));
        assert!(text(&d.biblio.abstracts, "en").starts_with("The present disclosure relates"));
        assert_eq!(d.biblio.applicants, ["UNIV DA BEIRA INTERIOR"]);
        assert_eq!(d.biblio.inventors.len(), 8);
        assert_eq!(d.biblio.inventors[0], "OLIVEIRA DOS SANTOS ADRIANA");
        assert_eq!(d.biblio.ipc.len(), 11);
        assert!(d.biblio.ipc.contains(&class("A61K 9/00")));
        assert!(d.biblio.ipc.contains(&class("A61K 31/4166")));
        assert_eq!(d.biblio.cpc[0], class("A61K 9/1075"));
        assert!(d.biblio.cpc.contains(&class("A61K 2800/10")));
        assert_eq!(d.biblio.cpc.len(), 16);
        assert_eq!(d.biblio.publication_date, Date::new(2022, 12, 15));
        assert_eq!(d.biblio.filing_date, Date::new(2022, 6, 9));
        assert_eq!(
            d.biblio.application_number.as_deref(),
            Some("IB2022/055385")
        );
        assert_eq!(
            d.priorities,
            [Priority {
                country: "PT".into(),
                number: "11728321".into(),
                date: Date::new(2021, 6, 11),
            }]
        );
    }

    #[test]
    fn de_backfile_has_ten_german_only_records() {
        let Some(docs) = read("DE-backfile.xml") else {
            return;
        };
        assert_eq!(docs.len(), 10);
        for d in &docs {
            assert_eq!(d.biblio.titles.len(), 1, "{}", d.biblio.id);
            assert_eq!(d.biblio.titles[0].lang, Lang::de());
            assert_eq!(d.biblio.lang, Lang::de());
            assert!(d.biblio.abstracts.is_empty());
            assert_eq!(d.biblio.publication_date, Date::new(1968, 1, 4));
        }
        let d = &docs[0];
        assert_eq!(d.biblio.id, "DE1258188B");
        assert_eq!(d.biblio.family_id.as_deref(), Some("6979546"));
        assert_eq!(
            d.biblio.title(),
            "Kraftstoffeinspritzpumpe fuer mehrzylindrige Brennkraftmaschinen"
        );
        assert_eq!(d.biblio.applicants, ["BOSCH GMBH ROBERT"]);
        assert_eq!(d.biblio.filing_date, Date::new(1964, 7, 10));
        assert_eq!(d.priorities[0].date, Date::new(1964, 7, 10));
        assert_eq!(
            d.biblio.ipc,
            [
                class("F02M 41/12"),
                class("F02M 59/34"),
                class("F02M 59/36")
            ]
        );
        assert!(d.biblio.cpc.contains(&class("F02M 2700/1358")));
        assert_eq!(
            docs[4].biblio.title(),
            "Andrehvorrichtung fuer Brennkraftmaschinen"
        );
        assert_eq!(docs[4].biblio.applicants, ["BERTIN & CIE"]);
        assert_eq!(
            docs[6].biblio.applicants,
            [
                "FRANCE ETAT",
                "DELEGATION MINISTERIELLE POUR",
                "DIRECTION DES ETUDES ET FABRIC",
                "RECH S BALISTIQUES ET AERODYNA"
            ]
        );
        assert_eq!(docs[9].biblio.id, "DE1258197B");
        assert_eq!(docs[9].priorities[0].country, "FR");
        assert_eq!(docs[9].priorities[0].date, Date::new(1964, 11, 3));
    }

    #[test]
    fn yugoslav_and_aripo_records() {
        if let Some(docs) = read("YU-6701-A_381353354.xml") {
            let d = &docs[0];
            assert_eq!(d.biblio.id, "YU6701A");
            assert_eq!(d.biblio.lang, Lang::new("sh"));
            assert_eq!(
                text(&d.biblio.titles, "sh"),
                "TRICIKLIČNI SULFONAMIDI I NJIHOVI DERIVATI KAO INHIBITORI MATRIČNIH METALOPROTEINAZA"
            );
            // sh + en; the language-less "original" abstract repeats the sh one.
            assert_eq!(d.biblio.abstracts.len(), 2);
            assert!(text(&d.biblio.abstracts, "en").starts_with("Tricyclic sulfonamide compounds"));
            assert_eq!(d.biblio.applicants, ["WARNER LAMBERT CO"]);
            assert_eq!(d.biblio.inventors[0], "O'BRIEN PATRICK MICHAEL");
            assert_eq!(d.priorities[0].date, Date::new(1998, 7, 30));
        }
        if let Some(docs) = read("AP-1206-A_302101161.xml") {
            let d = &docs[0];
            assert_eq!(d.biblio.id, "AP1206A");
            assert_eq!(d.biblio.family_id.as_deref(), Some("22179393"));
            assert_eq!(
                d.biblio.title(),
                "Enteric coated pharmaceutical composition and method of manufacturing."
            );
            assert_eq!(d.biblio.applicants, ["BRISTOL MYERS SQUIBB CO"]);
            assert!(d.biblio.ipc.contains(&class("A61K 9/16")));
            assert!(d.biblio.cpc.contains(&class("A61K 9/1652")));
            assert_eq!(d.priorities.len(), 2);
            assert_eq!(d.priorities[0].country, "US");
            assert_eq!(d.priorities[0].date, Date::new(1998, 5, 22));
        }
    }

    #[test]
    fn every_sample_parses_and_is_detected() {
        let Some(dir) = data("") else {
            return;
        };
        let mut total = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("xml") {
                assert!(detect(&path).is_err(), "{}", path.display());
                continue;
            }
            assert_eq!(detect(&path).unwrap(), Format::Docdb, "{}", path.display());
            let (docs, report) = read_all(&path, Format::Docdb).unwrap();
            assert!(report.malformed.is_empty(), "{:?}", report.malformed);
            assert!(
                report.not_documents.is_empty(),
                "{:?}",
                report.not_documents
            );
            for d in &docs {
                assert!(!d.biblio.titles.is_empty(), "{}", d.biblio.id);
                assert!(d.biblio.family_id.is_some(), "{}", d.biblio.id);
                assert!(!d.biblio.applicants.is_empty(), "{}", d.biblio.id);
                assert!(
                    !d.biblio.ipc.is_empty() && !d.biblio.cpc.is_empty(),
                    "{}",
                    d.biblio.id
                );
            }
            total += docs.len();
        }
        assert_eq!(total, 14);
    }

    #[test]
    fn fixture_parts_cpc_deleted_and_missing_number() {
        let xml = br#"<exch:exchange-document xmlns:exch="http://www.epo.org/exchange" country="EP" doc-number="1000000" kind="A1" date-publ="20000614" family-id="42">
<exch:bibliographic-data>
<exch:patent-classifications><patent-classification><classification-scheme office="EP" scheme="CPC"/>
<section>A</section><class>61</class><subclass>M</subclass><main-group>15</main-group><subgroup>08</subgroup></patent-classification>
<patent-classification><classification-scheme scheme="FI"/><classification-symbol>A61M15/00@A</classification-symbol></patent-classification></exch:patent-classifications>
<exch:parties><exch:applicants><exch:applicant data-format="original"><exch:applicant-name><name>Acme &amp; Co</name></exch:applicant-name></exch:applicant>
<exch:applicant data-format="original"><exch:applicant-name><name>Acme &amp; Co</name></exch:applicant-name></exch:applicant></exch:applicants></exch:parties>
<exch:invention-title lang="de">Inhalator</exch:invention-title><exch:invention-title lang="en">Inhaler</exch:invention-title>
</exch:bibliographic-data></exch:exchange-document>"#;
        let root = xml::parse(xml).unwrap();
        let Record::Doc(d) = parse(&root, &SourceRef::default()).unwrap() else {
            panic!("not a document");
        };
        assert_eq!(d.biblio.id, "EP1000000A1");
        assert_eq!(d.biblio.cpc, [class("A61M 15/08")]);
        assert_eq!(d.biblio.applicants, ["Acme & Co"]);
        assert_eq!(d.biblio.title(), "Inhaler");
        assert_eq!(d.biblio.lang, Lang::de()); // no language element: the first title's
        assert!(
            d.biblio.ipc.is_empty() && d.priorities.is_empty() && d.biblio.filing_date.is_none()
        );

        let deleted = br#"<exchange-document country="EP" doc-number="1" kind="A1" status="D"/>"#;
        let root = xml::parse(deleted).unwrap();
        match parse(&root, &SourceRef::default()).unwrap() {
            Record::NotADocument(why) => assert!(why.contains("deleted"), "{why}"),
            other => panic!("{other:?}"),
        }
        crate::ingest::assert_no_number(
            parse,
            br#"<exchange-document kind="A1"/>"#,
            "no publication number (country and doc-number attributes missing)",
        );
    }
}
