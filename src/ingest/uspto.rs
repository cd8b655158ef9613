//! USPTO full-text XML: grants (`us-patent-grant`, DTD v4.0–v4.7) and pre-grant
//! publications (`us-patent-application`).
//!
//! Weekly bulk files are many documents concatenated, each with its own declaration; the
//! splitter cuts them apart and this module reads one. Sequence listings (`sequence-cwu`)
//! travel inside bulk files as separate documents: they are counted, not errors. The older
//! `PATDOC` (v2.5), pre-2005 application, Green Book and BRS formats are not read; with
//! `--format auto` such files are listed as skipped with their root element named.

use super::xml::Element;
use super::{Record, RecordError};
use crate::model::{
    Claim, ClaimSet, ClassCode, Description, Document, Lang, LangText, Paragraph, PatentNumber,
    Priority, SourceRef,
};

pub fn parse(root: &Element, src: &SourceRef) -> Result<Record, RecordError> {
    let biblio = match root.name.as_str() {
        "us-patent-grant" => root.child("us-bibliographic-data-grant"),
        "us-patent-application" => root.child("us-bibliographic-data-application"),
        "sequence-cwu" => return Ok(Record::NotADocument("sequence listing".into())),
        other => {
            return Err(RecordError::wrong_root(
                other,
                "a USPTO grant or application",
            ))
        }
    }
    .ok_or(RecordError::missing("no us-bibliographic-data block"))?;

    let pub_id = biblio
        .find("publication-reference/document-id")
        .ok_or(RecordError::missing("no publication-reference"))?;
    let country = pub_id.text_at("country").unwrap_or_else(|| "US".into());
    let doc_number = pub_id.text_at("doc-number").ok_or(RecordError::missing(
        "publication-reference without doc-number",
    ))?;
    let kind = pub_id.text_at("kind");
    let number = PatentNumber::new(&country, &doc_number, kind.as_deref())?;
    let lang = Lang::new(root.attr("lang").unwrap_or("en"));

    let mut doc = super::patent_document(number, &lang, src);
    doc.biblio.publication_date = pub_id
        .text_at("date")
        .and_then(|d| super::read_date("publication date", &d))
        .or_else(|| {
            root.attr("date-publ")
                .and_then(|d| super::read_date("publication date", d))
        });
    if let Some(app) = biblio.find("application-reference/document-id") {
        doc.biblio.application_number = app.text_at("doc-number");
        doc.biblio.filing_date = app
            .text_at("date")
            .and_then(|d| super::read_date("filing date", &d));
    }
    if let Some(prios) = biblio.child("priority-claims") {
        for p in prios.children_named("priority-claim") {
            let (Some(country), Some(number)) = (p.text_at("country"), p.text_at("doc-number"))
            else {
                continue;
            };
            doc.priorities.push(Priority {
                country,
                number,
                date: p
                    .text_at("date")
                    .and_then(|d| super::read_date("priority date", &d)),
            });
        }
    }

    if let Some(t) = biblio.text_at("invention-title") {
        doc.biblio.titles.push(LangText {
            lang: lang.clone(),
            text: t,
        });
    }
    if let Some(a) = root.child("abstract").and_then(Element::text_opt) {
        doc.biblio.abstracts.push(LangText {
            lang: lang.clone(),
            text: a,
        });
    }
    doc.biblio.ipc = ipc_codes(biblio);
    doc.biblio.cpc = biblio
        .descendants("classification-cpc")
        .into_iter()
        .filter_map(|e| class_from_parts(e, "CPC code"))
        .fold(Vec::new(), dedup_push);
    parties(biblio, &mut doc);

    if let Some(desc) = root.child("description") {
        let mut paragraphs = Vec::new();
        collect_paragraphs(desc, &mut paragraphs);
        if !paragraphs.is_empty() {
            doc.description.push(Description {
                lang: lang.clone(),
                paragraphs,
            });
        }
    }
    if let Some(claims) = root.child("claims") {
        let claims = read_claims(claims);
        if !claims.is_empty() {
            doc.claims.push(ClaimSet { lang, claims });
        }
    }
    if doc.biblio.titles.is_empty() && doc.claims.is_empty() && doc.biblio.abstracts.is_empty() {
        return Err(RecordError::NoText {
            id: None,
            missing: "no title, abstract or claims",
        });
    }
    Ok(Record::Doc(Box::new(doc)))
}

fn dedup_push(mut v: Vec<ClassCode>, c: ClassCode) -> Vec<ClassCode> {
    if !v.contains(&c) {
        v.push(c);
    }
    v
}

/// A code split into parts (`section`, `class`…), noted as an unreadable `what` when the
/// parts make no code.
pub(crate) fn class_from_parts(e: &Element, what: &'static str) -> Option<ClassCode> {
    let part = |n: &str| e.text_at(n).unwrap_or_default();
    let parts = [
        part("section"),
        part("class"),
        part("subclass"),
        part("main-group"),
        part("subgroup"),
    ];
    let code = ClassCode::from_parts(&parts[0], &parts[1], &parts[2], &parts[3], &parts[4]);
    if code.is_err() {
        super::note_unreadable(what, &parts.join(" "));
    }
    code.ok()
}

/// IPCR (`classifications-ipcr`, split into parts) or, in v4.0–4.1, the edition-7
/// `classification-ipc` text form `A43B 1314` (subclass, main group in 3 columns, subgroup).
fn ipc_codes(biblio: &Element) -> Vec<ClassCode> {
    let mut out: Vec<ClassCode> = biblio
        .descendants("classification-ipcr")
        .into_iter()
        .filter_map(|e| class_from_parts(e, "IPC code"))
        .fold(Vec::new(), dedup_push);
    if let Some(old) = biblio.child("classification-ipc") {
        for e in old
            .children_named("main-classification")
            .chain(old.children_named("further-classification"))
        {
            let text = e.text();
            let code = old_ipc(&text);
            if code.is_none() {
                super::note_unreadable("IPC code", &text);
            }
            if let Some(c) = code {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

fn old_ipc(s: &str) -> Option<ClassCode> {
    let s = s.trim_end();
    if s.len() < 4 || !s.is_ascii() {
        return ClassCode::parse(s).ok();
    }
    let (sub, rest) = s.split_at(4);
    if rest.trim().is_empty() {
        return ClassCode::parse(sub).ok();
    }
    if rest.len() >= 5 && !rest.contains('/') {
        let (mg, sg) = rest.split_at(3);
        return ClassCode::parse(&format!("{sub}{}/{}", mg.trim(), sg.trim())).ok();
    }
    ClassCode::parse(s).ok()
}

fn person_name(book: &Element) -> Option<String> {
    if let Some(org) = book.text_at("orgname") {
        return Some(org);
    }
    let last = book.text_at("last-name");
    let first = book.text_at("first-name");
    match (last, first) {
        (Some(l), Some(f)) => Some(format!("{l}, {f}")),
        (Some(l), None) => Some(l),
        (None, Some(f)) => Some(f),
        (None, None) => book.text_at("name"),
    }
}

fn parties(biblio: &Element, doc: &mut Document) {
    let parties = biblio
        .child("us-parties")
        .or_else(|| biblio.child("parties"));
    let mut applicants = Vec::new();
    let mut inventors = Vec::new();
    if let Some(p) = parties {
        let apps = p.child("us-applicants").or_else(|| p.child("applicants"));
        for a in apps.iter().flat_map(|a| a.elements()) {
            let Some(name) = a.child("addressbook").and_then(person_name) else {
                continue;
            };
            let is_inventor = a.attr("app-type").is_some_and(|t| t.contains("inventor"));
            if is_inventor {
                push_unique(&mut inventors, name);
            } else {
                push_unique(&mut applicants, name);
            }
        }
        let invs = p.child("inventors");
        for i in invs.iter().flat_map(|i| i.elements()) {
            if let Some(name) = i.child("addressbook").and_then(person_name) {
                push_unique(&mut inventors, name);
            }
        }
    }
    if let Some(invs) = biblio.child("inventors") {
        for i in invs.elements() {
            if let Some(name) = i.child("addressbook").and_then(person_name) {
                push_unique(&mut inventors, name);
            }
        }
    }
    // The assignee is who holds the patent: it leads the applicants field.
    let mut holders = Vec::new();
    if let Some(assignees) = biblio.child("assignees") {
        for a in assignees.children_named("assignee") {
            let name = a
                .child("addressbook")
                .and_then(person_name)
                .or_else(|| person_name(a));
            if let Some(n) = name {
                push_unique(&mut holders, n);
            }
        }
    }
    for a in applicants {
        push_unique(&mut holders, a);
    }
    if holders.is_empty() {
        // Individual inventors are their own applicants.
        holders = inventors.clone();
    }
    doc.biblio.applicants = holders;
    doc.biblio.inventors = inventors;
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Headings and paragraphs of the description in document order, at any depth (the
/// description of drawings nests its paragraphs).
fn collect_paragraphs(e: &Element, out: &mut Vec<Paragraph>) {
    for c in e.elements() {
        match c.name.as_str() {
            "p" | "heading" => {
                let text = c.text();
                if !text.is_empty() {
                    out.push(Paragraph {
                        num: c.attr("num").map(str::to_string),
                        heading: c.name == "heading",
                        text,
                    });
                }
            }
            _ => collect_paragraphs(c, out),
        }
    }
}

/// Trailing digits of an id such as `CLM-00012` → 12.
pub(crate) fn trailing_number(id: &str) -> Option<u32> {
    let digits: String = id
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

fn read_claims(claims: &Element) -> Vec<Claim> {
    let mut out = Vec::new();
    for (i, c) in claims.children_named("claim").enumerate() {
        let num = super::claim_number(c, i, trailing_number);
        let mut text = c.text();
        // v4.0 claims repeat their number in the text ("1. Shoe structure…").
        let prefix = format!("{num}.");
        if let Some(rest) = text.strip_prefix(&prefix) {
            text = rest.trim_start().to_string();
        }
        let mut depends_on: Vec<u32> = c
            .descendants("claim-ref")
            .into_iter()
            .filter_map(|r| r.attr("idref").and_then(trailing_number))
            .filter(|n| *n != num)
            .collect();
        depends_on.sort_unstable();
        depends_on.dedup();
        if !text.is_empty() {
            out.push(Claim {
                num,
                text,
                depends_on,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_all, Format};

    fn data(rel: &str) -> Option<std::path::PathBuf> {
        crate::ingest::shared_test_data(rel)
    }

    #[test]
    fn weekly_grant_file_v40_reads_biblio_claims_and_old_ipc() {
        let Some(p) = data("uspto-patent-xml/grants-weekly-excerpts/ipg050104.small.xml") else {
            return;
        };
        let (docs, report) = read_all(&p, Format::Uspto).unwrap();
        assert_eq!(report.parsed, 25);
        assert!(report.malformed.is_empty(), "{:?}", report.malformed);
        let d = docs.iter().find(|d| d.biblio.id == "US6836979B2").unwrap();
        assert_eq!(d.biblio.title(), "Shoe structure");
        assert_eq!(d.biblio.kind_code(), Some("B2"));
        assert_eq!(d.biblio.publication_date.unwrap().to_string(), "2005-01-04");
        assert_eq!(d.biblio.filing_date.unwrap().to_string(), "2003-05-10");
        assert_eq!(d.priorities[0].country, "IT");
        assert_eq!(d.priorities[0].number, "BG2002A000039");
        assert_eq!(d.priorities[0].date.unwrap().to_string(), "2002-11-27");
        let ipc: Vec<String> = d.biblio.ipc.iter().map(|c| c.to_string()).collect();
        assert_eq!(ipc, ["A43B13/14", "A43B23/00"]);
        let claims = &d.claims[0].claims;
        assert!(claims[0]
            .text
            .starts_with("Shoe structure comprising a first subset"));
        assert!(claims[0].is_independent());
        assert_eq!(claims[1].depends_on, [1]);
        assert!(!d.description.is_empty());
    }

    #[test]
    fn sequence_listings_are_counted_not_errors() {
        let Some(p) = data("uspto-patent-xml/grants-weekly-excerpts/ipg060103.small.xml") else {
            return;
        };
        let (docs, report) = read_all(&p, Format::Uspto).unwrap();
        assert_eq!(docs.len(), 25);
        assert_eq!(report.not_documents.len(), 2);
        assert!(report.malformed.is_empty());
    }

    #[test]
    fn every_weekly_excerpt_parses_cleanly() {
        let Some(dir) = data("uspto-patent-xml/grants-weekly-excerpts") else {
            return;
        };
        let mut total = 0;
        for f in crate::ingest::walk(&[dir]).unwrap() {
            if f.extension().is_some_and(|e| e == "xml") {
                let (docs, report) = read_all(&f, Format::Uspto).unwrap();
                assert!(
                    report.malformed.is_empty(),
                    "{}: {:?}",
                    f.display(),
                    report.malformed
                );
                assert!(docs.iter().all(|d| !d.biblio.title().is_empty()));
                total += docs.len();
            }
        }
        assert!(total >= 420, "{total}");
    }

    #[test]
    fn design_patents_have_title_and_one_claim() {
        let Some(p) = data("uspto-patent-xml/grants-weekly-excerpts/ipg130416.small.xml") else {
            return;
        };
        let (docs, _) = read_all(&p, Format::Uspto).unwrap();
        let d = docs.iter().find(|d| d.biblio.id == "USD680199S1").unwrap();
        assert_eq!(d.biblio.title(), "Faucet spout");
        assert_eq!(d.claims[0].claims.len(), 1);
    }

    #[test]
    fn applications_parse() {
        let Some(p) = data("uspto-patent-xml/applications/ipa130117.one.xml") else {
            return;
        };
        let (docs, report) = read_all(&p, Format::Uspto).unwrap();
        assert_eq!(docs.len(), 2, "{:?}", report.malformed);
        assert!(docs.iter().all(|d| d.biblio.kind_code() == Some("A1")));
        assert!(docs.iter().all(|d| d.biblio.id.starts_with("US2013")));
    }

    #[test]
    fn old_ipc_text_form() {
        assert_eq!(old_ipc("A43B 1314").unwrap().to_string(), "A43B13/14");
        assert_eq!(old_ipc("H04N  5232").unwrap().to_string(), "H04N5/232");
        assert_eq!(old_ipc("A61K").unwrap().to_string(), "A61K");
    }

    #[test]
    fn truncated_document_in_bulk_file_is_skipped_and_rest_survives() {
        let good = "<?xml version=\"1.0\"?>\n<us-patent-grant lang=\"EN\"><us-bibliographic-data-grant><publication-reference><document-id><country>US</country><doc-number>07000001</doc-number><kind>B1</kind><date>20060101</date></document-id></publication-reference><invention-title>Solar pump</invention-title></us-bibliographic-data-grant></us-patent-grant>\n";
        let bad = "<?xml version=\"1.0\"?>\n<us-patent-grant><us-bibliographic-data-grant><invention-title>cut";
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("ipg.xml");
        std::fs::write(&f, format!("{good}{bad}\n{good}")).unwrap();
        let (docs, report) = read_all(&f, Format::Uspto).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(report.malformed.len(), 1);
        assert_eq!(report.malformed[0].offset, good.len() as u64);
    }
}
