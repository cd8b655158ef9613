//! Report tests: the model built from a case, escaping in every format, JSON round trip,
//! languages, and a summary that says only what the citations say.

use super::*;
use crate::case::{Case, Categories, Citation, CorpusHits, NewCase, Note, Strategy};
use crate::model::{Biblio, Date, DocKind, Document, Lang, LangText, PatentNumber};

const HOSTILE_TITLE: &str = "Pump <script>alert(1)</script>";
const HOSTILE_NOTE: &str = "\"><img src=x onerror=alert(1)> see claim 1 | *bold*";

fn doc(id: &str, title: &str, date: Date) -> Document {
    let number = PatentNumber::parse(id).ok();
    Document {
        biblio: Biblio {
            id: id.into(),
            kind: if number.is_some() {
                DocKind::Patent
            } else {
                DocKind::Article
            },
            number,
            lang: Lang::en(),
            titles: vec![LangText {
                lang: Lang::en(),
                text: title.into(),
            }],
            abstracts: vec![LangText {
                lang: Lang::en(),
                text: format!("Abstract of {title}."),
            }],
            applicants: vec!["Sun & Water Ltd".into()],
            publication_date: Some(date),
            ..Biblio::default()
        },
        ..Document::default()
    }
}

fn case_with(cites: &[(&str, &str, &str, &[u32])]) -> Case {
    let mut case = Case::new(
        "c1",
        NewCase {
            title: "Solar pump <b>".into(),
            cutoff: Date::new(2020, 1, 1),
            ..NewCase::default()
        },
        "2026-01-01T00:00:00Z",
    );
    case.history.push(Strategy {
        number: 1,
        query: "solar AND pump | `x`".into(),
        hits: vec![CorpusHits {
            corpus: "demo".into(),
            hits: 12,
            coverage: None,
        }],
        at: "2026-01-02T00:00:00Z".into(),
    });
    for (id, title, cats, claims) in cites {
        let d = doc(id, title, Date::new(2019, 5, 1).unwrap());
        case.citations.push(Citation::new(
            &d,
            "demo",
            Categories::parse(cats).unwrap(),
            claims.to_vec(),
            &["Abstract of".to_string()],
            Some(HOSTILE_NOTE.into()),
            "2026-01-03T00:00:00Z",
        ));
    }
    case.notes.push(Note {
        text: "<i>checked</i>".into(),
        at: "2026-01-04T00:00:00Z".into(),
    });
    case
}

#[test]
fn citations_are_ordered_x_y_then_others_and_collections_counted() {
    let case = case_with(&[
        ("US1A1", "Background", "A", &[]),
        ("US2B2", "Close", "P,X", &[1, 3]),
        ("US3B2", "Combined", "Y", &[2]),
    ]);
    let r = Report::build(&case, ReportLang::En, "now");
    let order: Vec<&str> = r.citations.iter().map(|c| c.doc.id.as_str()).collect();
    assert_eq!(order, ["US2B2", "US3B2", "US1A1"]);
    assert_eq!(r.collections.len(), 1);
    assert_eq!(
        (
            r.collections[0].strategies.clone(),
            r.collections[0].hits.clone()
        ),
        (
            vec![1],
            vec![StrategyHits {
                strategy: 1,
                hits: 12
            }]
        )
    );
}

#[test]
fn html_escapes_every_case_and_document_string() {
    let case = case_with(&[("US2B2", HOSTILE_TITLE, "X", &[1])]);
    let html = Report::build(&case, ReportLang::En, "now")
        .render(Format::Html)
        .unwrap();
    assert!(!html.contains("<script"), "raw script tag");
    assert!(!html.contains("<img"), "raw img tag");
    assert!(!html.contains("<b>") && !html.contains("<i>checked"));
    assert!(html.contains("Pump &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Sun &amp; Water"));
    assert!(html.contains("@page { size: A4"));
    // Self-contained: nothing is loaded from elsewhere (public pages are written as text).
    for loader in [" src=\"", "<link", "@import", "url(", "href=\"http"] {
        assert!(!html.contains(loader), "self-contained: {loader}");
    }
    assert!(html.contains("https://worldwide.espacenet.com/patent/search?q=pn%3DUS2B2"));
}

#[test]
fn markdown_escapes_markup_and_keeps_tables_whole() {
    let case = case_with(&[("US2B2", HOSTILE_TITLE, "X", &[1])]);
    let md = Report::build(&case, ReportLang::En, "now")
        .render(Format::Markdown)
        .unwrap();
    let unescaped = md.replace("\\<", "");
    assert!(!unescaped.contains("<script") && !unescaped.contains("<img"));
    assert!(md.contains("\\<script\\>"));
    let row = md.lines().find(|l| l.starts_with("| **X** |")).unwrap();
    assert_eq!(row.matches(" | ").count(), 2, "{row}");
    assert!(
        md.contains("`` solar AND pump \\| `x` ``"),
        "query kept whole"
    );
}

#[test]
fn json_round_trips() {
    let case = case_with(&[("US2B2", HOSTILE_TITLE, "P,X", &[1, 2, 3])]);
    let r = Report::build(&case, ReportLang::Fr, "now");
    let json = r.render(Format::Json).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "tisc-report");
    assert_eq!(v["citations"][0]["categories"], "P,X");
    assert_eq!(v["lang"], "fr");
}

#[test]
fn labels_follow_the_report_language() {
    let case = case_with(&[("US2B2", "Close", "X", &[1])]);
    let fr = Report::build(&case, ReportLang::Fr, "now")
        .render(Format::Html)
        .unwrap();
    assert!(fr.contains("<html lang=\"fr\">"));
    assert!(fr.contains("Résumé pour l&#39;inventeur") || fr.contains("Résumé pour l'inventeur"));
    assert!(fr.contains("N° des revendications visées"));
    let es = Report::build(&case, ReportLang::Es, "now")
        .render(Format::Markdown)
        .unwrap();
    assert!(es.contains("Relevante para las reivindicaciones nº"));
}

#[test]
fn summary_says_only_what_the_categories_say() {
    let none = case_with(&[("US1A1", "Background", "A", &[])]);
    let s = Report::build(&none, ReportLang::En, "now").summary;
    assert!(s.appears_new.iter().any(|p| p.contains("appears new")));
    assert!(s
        .next_steps
        .iter()
        .any(|p| p.contains("widening the search")));

    let x = case_with(&[("US2B2", "Close", "X", &[1, 2, 3])]);
    let s = Report::build(&x, ReportLang::En, "now").summary;
    assert!(s.appears_new[0].contains("US2B2") && s.appears_new[0].contains("claims 1-3"));
    assert!(!s.appears_new.iter().any(|p| p.contains("appears new")));
    assert_eq!(s.closest[0].note.as_deref(), Some(HOSTILE_NOTE));

    let mut empty = case_with(&[]);
    empty.history.clear();
    let s = Report::build(&empty, ReportLang::En, "now").summary;
    assert!(s.next_steps[0].contains("No strategy is recorded"));
}

#[test]
fn classification_is_suggested_from_cited_documents_when_not_given() {
    let mut case = case_with(&[]);
    let mut d = doc("US2B2", "Close", Date::new(2019, 1, 1).unwrap());
    d.biblio.ipc = vec![crate::model::ClassCode::parse("F04B 17/00").unwrap()];
    case.citations.push(Citation::new(
        &d,
        "demo",
        Categories::parse("X").unwrap(),
        vec![],
        &[],
        None,
        "t",
    ));
    let r = Report::build(&case, ReportLang::En, "now");
    assert_eq!(r.classification.source, ClassSource::Suggested);
    assert_eq!(ipc_display(&r.classification.ipc[0]), "F04B 17/00");
}

#[test]
fn a_citation_of_unknown_date_is_not_counted_as_anticipating() {
    let mut case = case_with(&[
        ("US2B2", "Dated", "X", &[1]),
        ("US3B2", "Undated", "X", &[2]),
    ]);
    case.citations[1].snapshot.biblio.publication_date = None;
    let s = Report::build(&case, ReportLang::En, "now").summary;
    assert!(
        s.appears_new[0].contains("US2B2") && !s.appears_new[0].contains("US3B2"),
        "{:?}",
        s.appears_new
    );
    let undated = s.closest.iter().find(|c| c.id == "US3B2").unwrap();
    assert!(
        undated
            .reasons
            .iter()
            .any(|r| r.contains("publication date is unknown") && r.contains("1\u{a0}January 2020")),
        "{:?}",
        undated.reasons
    );
    assert!(s
        .next_steps
        .iter()
        .any(|p| p.contains("Check the publication date of US3B2")));

    // Alone, it leaves nothing shown to anticipate the invention.
    case.citations.remove(0);
    let s = Report::build(&case, ReportLang::En, "now").summary;
    assert!(!s.appears_new.iter().any(|p| p.contains("US3B2")));
}

#[test]
fn dates_inside_sentences_are_written_in_words_in_each_language() {
    let mut case = case_with(&[("US2B2", "Late", "X", &[1])]);
    case.citations[0].snapshot.biblio.publication_date = Date::new(2021, 3, 7);
    for (lang, published, cutoff) in [
        (ReportLang::En, "7\u{a0}March 2021", "1\u{a0}January 2020"),
        (
            ReportLang::Fr,
            "7\u{a0}mars\u{a0}2021",
            "1er\u{a0}janvier\u{a0}2020",
        ),
        (ReportLang::Es, "7 de marzo de 2021", "1 de enero de 2020"),
    ] {
        let s = Report::build(&case, lang, "now").summary;
        let late = s.closest[0]
            .reasons
            .iter()
            .find(|r| r.contains(published))
            .unwrap_or_else(|| panic!("{lang:?}: {:?}", s.closest[0].reasons));
        assert!(late.contains(cutoff), "{lang:?}: {late}");
        assert!(
            !late.contains("2021-03-07") && !late.contains("2020-01-01"),
            "{late}"
        );
    }
}

#[test]
fn one_document_or_claim_is_spoken_of_in_the_singular() {
    let case = case_with(&[("US2B2", "Close", "X", &[2]), ("US3B2", "Other", "Y", &[1])]);
    let s = Report::build(&case, ReportLang::En, "now").summary;
    let text = [s.appears_new.join(" "), s.next_steps.join(" ")].join(" ");
    assert!(
        text.contains(
            "Document that appears to disclose the invention on its own: US2B2 (claim 2)."
        ),
        "{text}"
    );
    assert!(
        text.contains("when combined with another document"),
        "{text}"
    );
    assert!(!text.contains("in combination, make"), "{text}");
    assert!(text.contains("Compare claim 2 with US2B2"), "{text}");
    assert!(
        !text.contains("claims 2") && !text.contains("claims 1 "),
        "{text}"
    );

    let fr = Report::build(&case, ReportLang::Fr, "now").summary;
    let text = fr.next_steps.join(" ");
    assert!(
        text.contains("Comparer la revendication 2 avec US2B2"),
        "{text}"
    );
    assert!(text.contains("que ce document ne montre pas"), "{text}");
}

#[test]
fn french_reports_space_their_colons_and_quote_with_guillemets() {
    let case = case_with(&[("US2B2", "Close", "X", &[1])]);
    let r = Report::build(&case, ReportLang::Fr, "now");
    let md = r.render(Format::Markdown).unwrap();
    let html = r.render(Format::Html).unwrap();
    for (text, quoted) in [
        (&md, "«\u{a0}Abstract of\u{a0}»"),
        (&html, "«\u{a0}<bdi>Abstract of</bdi>\u{a0}»"),
    ] {
        assert!(text.contains("Note\u{a0}:"), "labelled note: {text}");
        assert!(text.contains(quoted), "quoted passage: {text}");
        assert!(!text.contains('“'));
    }
    assert!(md.contains("Rapport de recherche d'antériorités\u{a0}: "));
    assert!(md.contains("Catégories spéciales de documents cités\u{a0}:"));
    let en = Report::build(&case, ReportLang::En, "now")
        .render(Format::Markdown)
        .unwrap();
    assert!(en.contains("*Note:*") && en.contains("“Abstract of”"));
}

mod golden;
mod isr;
mod languages;
mod signing;
