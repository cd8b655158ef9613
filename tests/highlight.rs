//! Result snippets and the document viewer mark the same words: over real patents (English,
//! German and French texts), every text of the document is highlighted by the snippet
//! highlighter and laid out by the viewer, and the marks must be the same.

mod common;

use tisc::ingest::{read_all, Format};
use tisc::model::{Document, Lang};
use tisc::search::snippet::Highlighter;
use tisc::tui::highlight::{layout, DocLine};
use tisc::tui::strings::UiLang;

const QUERIES: &[&str] = &[
    "pump",
    "photo*",
    "solar NEAR/3 pump*",
    "ti:(water OR wasser)",
    "verfahren NOT vorrichtung",
    "procédé OR procede",
    "vorrichtung*",
    "\"fuel cell\"",
    "a*e*",
    "pd<2015 AND ipc:F04B AND ti:solar",
    "e-mail OR self-locking",
    "heat* NEAR/2 exchang*",
    "cl:(device AND method*)",
    "?ystem*",
    "für OR fur",
    "élément OR elements",
    "co?or",
    "*tion",
    "trägers",
    "semiconductor* AND wafer",
    "ab:signal",
];

/// Every text of `doc` that the viewer shows with highlights, with its language.
fn texts(doc: &Document) -> Vec<(&str, &Lang)> {
    let mut out: Vec<(&str, &Lang)> = Vec::new();
    out.extend(doc.biblio.titles.iter().map(|t| (t.text.as_str(), &t.lang)));
    out.extend(
        doc.biblio
            .abstracts
            .iter()
            .map(|a| (a.text.as_str(), &a.lang)),
    );
    for set in &doc.claims {
        out.extend(set.claims.iter().map(|c| (c.text.as_str(), &set.lang)));
    }
    for d in &doc.description {
        out.extend(d.paragraphs.iter().map(|p| (p.text.as_str(), &d.lang)));
    }
    out
}

/// The viewer's marks within `text`, found as the end of one of its lines (claims and
/// paragraphs are shown after their number).
fn viewer_marks(lines: &[DocLine], text: &str) -> Option<Vec<[usize; 2]>> {
    let line = lines
        .iter()
        .find(|l| l.text.ends_with(text) && !text.is_empty())?;
    let shift = line.text.len() - text.len();
    Some(
        line.matches
            .iter()
            .filter(|(s, _)| *s >= shift)
            .map(|(s, e)| [s - shift, e - shift])
            .collect(),
    )
}

#[test]
fn snippets_and_the_viewer_mark_the_same_words_of_real_patents() {
    let Some(dir) = common::shared("epo-ep-patent-xml/grant") else {
        return;
    };
    let mut docs = Vec::new();
    for f in ["v1-0-B2.xml", "v1-3-B2.xml", "v1-4-B1.xml"] {
        let (d, _) = read_all(&dir.join(f), Format::Ep).expect("read");
        docs.extend(d);
    }
    assert!(!docs.is_empty());
    let mut compared = 0;
    let mut marked = 0;
    for q in QUERIES {
        let ast = tisc::query::parse(q).expect("the queries parse");
        let h = Highlighter::from_ast(&ast);
        for doc in &docs {
            let lines = layout(doc, q, UiLang::En.strings());
            for (text, lang) in texts(doc) {
                let Some(viewer) = viewer_marks(&lines, text) else {
                    continue;
                };
                let snippet = h.highlight(text, lang);
                assert_eq!(
                    snippet, viewer,
                    "query {q:?}, document {}, text {text:?}",
                    doc.biblio.id
                );
                compared += 1;
                marked += snippet.len();
            }
        }
    }
    assert!(compared > 100, "only {compared} texts compared");
    assert!(marked > 100, "only {marked} words marked");
}
