//! JATS / NLM Journal Archiving full text (`article`, one per `.nxml`; also the articles of
//! an E-utilities `pmc-articleset`).
//!
//! Read: the ids (`article-id` pmid, pmc/pmcid, doi), titles and translated titles,
//! abstracts and translated abstracts (structured ones as `Background: …`), authors, journal,
//! publication date, and the body as a flat list of paragraphs: each section title becomes a
//! heading paragraph, each `p` a paragraph, figure/table/supplement captions a paragraph of
//! their own; nested sections are flattened in document order. Appendices (`back/app-group`)
//! are read like the body; references, acknowledgements and footnotes are not. Table cells
//! and sub-articles (reviews, translations) are skipped; a display formula or a graphic
//! standing in the body leaves a paragraph of its own (`[formula] (1)`, `[image]`), the
//! formula's MathML text in place of the placeholder when it has some.

use super::pubmed::pmc_number;
use super::xml::{Element, Node};
use super::{Record, RecordError};
use crate::model::{
    Biblio, Date, Description, DocKind, Document, Lang, LangText, Paragraph, SourceRef,
};

/// Elements that float out of the text: read as captions, not as running text.
const FLOATS: &[&str] = &["fig", "fig-group", "table-wrap", "supplementary-material"];

/// Block elements of a body that carry no readable running text.
const SKIP_BLOCKS: &[&str] = &[
    "ref-list",
    "fn-group",
    "table",
    "media",
    "alternatives",
    "object-id",
    "sub-article",
    "response",
];

pub fn parse(root: &Element, src: &SourceRef) -> Result<Record, RecordError> {
    if root.name != "article" {
        return Err(RecordError::wrong_root(&root.name, "a JATS article"));
    }
    let front = root
        .child("front")
        .ok_or(RecordError::missing("article without front matter"))?;
    let meta = front
        .child("article-meta")
        .ok_or(RecordError::missing("article without article-meta"))?;
    let lang = Lang::new(root.attr("lang").unwrap_or("en"));

    let id_of = |kinds: &[&str]| {
        meta.children_named("article-id")
            .find(|e| e.attr("pub-id-type").is_some_and(|t| kinds.contains(&t)))
            .and_then(Element::text_opt)
    };
    let pmid = id_of(&["pmid"]);
    let pmcid = id_of(&["pmc", "pmcid"]).and_then(|p| pmc_number(&p));
    let doi = id_of(&["doi"]);
    let id = Document::article_id(pmid.as_deref(), pmcid.as_deref(), doi.as_deref()).ok_or(
        RecordError::missing("article without pmid, pmc or doi article-id"),
    )?;

    let mut doc = Document {
        biblio: Biblio {
            id,
            kind: DocKind::Article,
            lang: lang.clone(),
            doi,
            pmid,
            pmcid,
            ..Biblio::default()
        },
        source: src.clone(),
        ..Document::default()
    };
    doc.biblio.titles = titles(meta, &lang);
    doc.biblio.abstracts = abstracts(meta, &lang);
    doc.biblio.authors = authors(meta);
    doc.biblio.journal = front.child("journal-meta").and_then(|jm| {
        jm.text_at("journal-title-group/journal-title")
            .or_else(|| jm.text_at("journal-title"))
            .or_else(|| {
                jm.children_named("journal-id")
                    .find(|j| j.attr("journal-id-type") == Some("nlm-ta"))
                    .and_then(Element::text_opt)
            })
    });
    doc.biblio.publication_date = publication_date(meta);

    let mut paragraphs = Vec::new();
    if let Some(body) = root.child("body") {
        walk(body, &mut paragraphs);
    }
    if let Some(back) = root.child("back") {
        for apps in back.children_named("app-group") {
            walk(apps, &mut paragraphs);
        }
    }
    if let Some(floats) = root.child("floats-group") {
        walk(floats, &mut paragraphs);
    }
    if !paragraphs.is_empty() {
        doc.description.push(Description { lang, paragraphs });
    }

    if doc.biblio.titles.is_empty() && doc.biblio.abstracts.is_empty() && doc.description.is_empty()
    {
        return Err(RecordError::NoText {
            id: Some(doc.biblio.id),
            missing: "no title, abstract or body",
        });
    }
    Ok(Record::Doc(Box::new(doc)))
}

fn lang_of(e: &Element, default: &Lang) -> Lang {
    e.attr("lang")
        .map(Lang::new)
        .unwrap_or_else(|| default.clone())
}

/// The article title, then translated titles (JATS `trans-title-group`, or NLM 2.x
/// `trans-title` directly in the title group).
fn titles(meta: &Element, lang: &Lang) -> Vec<LangText> {
    let Some(group) = meta.child("title-group") else {
        return Vec::new();
    };
    let main = group
        .children_named("article-title")
        .take(1)
        .map(|t| (t, lang.clone()));
    let grouped = group.children_named("trans-title-group").flat_map(|tg| {
        let group_lang = lang_of(tg, &Lang::und());
        tg.children_named("trans-title")
            .map(move |t| (t, group_lang.clone()))
    });
    let bare = group
        .children_named("trans-title")
        .map(|t| (t, Lang::und()));
    main.chain(grouped)
        .chain(bare)
        .filter_map(|(t, default)| {
            t.text_opt().map(|text| LangText {
                lang: lang_of(t, &default),
                text,
            })
        })
        .collect()
}

/// Abstracts: the plain ones first (in the article language unless marked), then typed ones
/// (author summaries…), then translated abstracts.
fn abstracts(meta: &Element, lang: &Lang) -> Vec<LangText> {
    let plain = meta
        .children_named("abstract")
        .filter(|a| a.attr("abstract-type").is_none());
    let typed = meta
        .children_named("abstract")
        .filter(|a| a.attr("abstract-type").is_some());
    let mut out: Vec<LangText> = plain
        .chain(typed)
        .filter_map(|a| {
            abstract_text(a).map(|text| LangText {
                lang: lang_of(a, lang),
                text,
            })
        })
        .collect();
    out.extend(meta.children_named("trans-abstract").filter_map(|a| {
        abstract_text(a).map(|text| LangText {
            lang: lang_of(a, &Lang::und()),
            text,
        })
    }));
    out
}

/// An abstract's text; a structured abstract's section titles become prefixes
/// (`Background: …`). The abstract's own title (`Author Summary`) is dropped.
fn abstract_text(abs: &Element) -> Option<String> {
    let mut parts = Vec::new();
    for child in abs.elements() {
        match child.name.as_str() {
            "title" | "label" | "object-id" => {}
            "sec" => {
                let Some(body) = abstract_text(child) else {
                    continue;
                };
                let heading = child
                    .text_at("title")
                    .map(|t| t.trim_end_matches([':', '.', ' ']).to_string())
                    .filter(|t| !t.is_empty());
                parts.push(match heading {
                    Some(h) => format!("{h}: {body}"),
                    None => body,
                });
            }
            _ => {
                if let Some(t) = child.text_opt() {
                    parts.push(t);
                }
            }
        }
    }
    Some(parts.join(" ")).filter(|t| !t.is_empty())
}

/// `Surname Given-names` of each author (or the group name of a `collab`).
fn authors(meta: &Element) -> Vec<String> {
    meta.find_all("contrib-group/contrib")
        .into_iter()
        .filter(|c| c.attr("contrib-type") == Some("author"))
        .filter_map(|c| {
            let name = c
                .child("name")
                .or_else(|| c.find("name-alternatives/name"))
                .and_then(|n| {
                    let surname = n.text_at("surname");
                    let given = n.text_at("given-names");
                    match (surname, given) {
                        (Some(s), Some(g)) => Some(format!("{s} {g}")),
                        (Some(s), None) => Some(s),
                        (None, g) => g,
                    }
                });
            name.or_else(|| c.text_at("string-name")).or_else(|| {
                c.child("collab")
                    .or_else(|| c.find("collab-alternatives/collab"))
                    .and_then(|g| without(g, &["contrib-group", "xref"]).text_opt())
            })
        })
        .collect()
}

/// The publication date: the earliest complete date among the publication dates (`epub`,
/// `ppub`, `date-type="pub"`), else the earliest partial one, else any `pub-date`.
fn publication_date(meta: &Element) -> Option<Date> {
    let dated = |e: &Element| -> Option<(bool, Date)> {
        let year = e.text_at("year")?;
        let month = e.text_at("month");
        let day = e.text_at("day");
        let full = month.is_some() && day.is_some();
        super::read_date_parts("publication date", &year, month.as_deref(), day.as_deref())
            .map(|d| (full, d))
    };
    let best = |dates: Vec<(bool, Date)>| -> Option<Date> {
        let full = dates.iter().filter(|(f, _)| *f).map(|(_, d)| *d).min();
        full.or_else(|| dates.iter().map(|(_, d)| *d).min())
    };
    let all: Vec<&Element> = meta.children_named("pub-date").collect();
    let is_pub = |e: &Element| {
        matches!(
            e.attr("pub-type"),
            Some("epub" | "ppub" | "epub-ppub" | "epreprint")
        ) || e.attr("date-type") == Some("pub")
    };
    // Each date is read (and, when unreadable, noted) once.
    let read: Vec<(bool, Option<(bool, Date)>)> =
        all.iter().map(|e| (is_pub(e), dated(e))).collect();
    let primary: Vec<(bool, Date)> = read
        .iter()
        .filter(|(p, _)| *p)
        .filter_map(|(_, d)| *d)
        .collect();
    best(primary).or_else(|| best(read.iter().filter_map(|(_, d)| *d).collect()))
}

/// A copy of `e` without the descendants named in `drop`.
fn without(e: &Element, drop: &[&str]) -> Element {
    Element {
        name: e.name.clone(),
        attrs: Vec::new(),
        children: e
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Elem(c) if drop.contains(&c.name.as_str()) => None,
                Node::Elem(c) => Some(Node::Elem(without(c, drop))),
                Node::Text(t) => Some(Node::Text(t.clone())),
            })
            .collect(),
    }
}

fn push(out: &mut Vec<Paragraph>, text: String, heading: bool) {
    if !text.is_empty() {
        out.push(Paragraph {
            num: None,
            heading,
            text,
        });
    }
}

/// `label` and `part` (`title`, `caption`) joined: `2.1 Methods`, `Figure 1 Lysis time…`.
fn labelled(e: &Element, part: &str) -> String {
    let label = e.text_at("label").unwrap_or_default();
    let text = e.text_at(part).unwrap_or_default();
    crate::model::normalize_ws(&format!("{label} {text}"))
}

/// Floats (figures, tables) anywhere inside `e`, in document order.
fn floats_in<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    for c in e.elements() {
        if FLOATS.contains(&c.name.as_str()) {
            out.push(c);
        } else {
            floats_in(c, out);
        }
    }
}

/// Flatten a body-like container into paragraphs, in document order.
/// The `label` and `title` of a section are its heading paragraph, pushed by the caller.
fn walk(container: &Element, out: &mut Vec<Paragraph>) {
    let sectioned = matches!(container.name.as_str(), "sec" | "app" | "boxed-text");
    for child in container.elements() {
        match child.name.as_str() {
            "title" | "label" if sectioned => {}
            "sec" | "app" | "boxed-text" => {
                push(out, labelled(child, "title"), true);
                walk(child, out);
            }
            "title" => push(out, child.text(), true),
            "label" => {}
            "p" => {
                push(out, without(child, FLOATS).text(), false);
                let mut floats = Vec::new();
                floats_in(child, &mut floats);
                for f in floats {
                    float(f, out);
                }
            }
            name if FLOATS.contains(&name) => float(child, out),
            "disp-formula-group" => walk(child, out),
            "disp-formula" => {
                let label = child.text_at("label").unwrap_or_default();
                let body = without(child, &["label"]);
                let text = if body.has_readable_text() {
                    body.text()
                } else {
                    super::xml::FORMULA.to_string()
                };
                push(
                    out,
                    crate::model::normalize_ws(&format!("{text} {label}")),
                    false,
                );
            }
            "graphic" => push(out, super::xml::IMAGE.to_string(), false),
            name if SKIP_BLOCKS.contains(&name) => {}
            _ if has_blocks(child) => walk(child, out),
            _ => push(out, child.text(), false),
        }
    }
}

/// A float's label and caption as one paragraph; a figure group's figures after it.
fn float(f: &Element, out: &mut Vec<Paragraph>) {
    push(out, labelled(f, "caption"), false);
    if f.name == "fig-group" {
        for fig in f.children_named("fig") {
            float(fig, out);
        }
    }
}

/// Whether `e` holds paragraphs or sections (then it is walked, not read as one text).
fn has_blocks(e: &Element) -> bool {
    e.elements().any(|c| {
        matches!(
            c.name.as_str(),
            "p" | "sec" | "title" | "list-item" | "list"
        ) || FLOATS.contains(&c.name.as_str())
            || has_blocks(c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_all, Format};
    use std::path::PathBuf;

    fn data_dir() -> Option<PathBuf> {
        crate::ingest::shared_test_data("pubmed-pmc-xml")
    }

    fn one(dir: &std::path::Path, name: &str) -> Document {
        let (mut docs, report) = read_all(&dir.join(name), Format::Jats).unwrap();
        assert!(
            report.malformed.is_empty(),
            "{name}: {:?}",
            report.malformed
        );
        assert_eq!(docs.len(), 1, "{name}");
        docs.remove(0)
    }

    fn paragraphs(d: &Document) -> &[Paragraph] {
        d.description
            .first()
            .map(|x| x.paragraphs.as_slice())
            .unwrap_or(&[])
    }

    fn headings(d: &Document) -> Vec<&str> {
        paragraphs(d)
            .iter()
            .filter(|p| p.heading)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn hand_written_article() {
        let xml = r#"<!DOCTYPE article PUBLIC "-//NLM//DTD JATS" "x.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xml:lang="fr" article-type="research-article">
<front><journal-meta><journal-id journal-id-type="nlm-ta">Rev Ex</journal-id>
<journal-title-group><journal-title>Revue d&#x2019;exemple</journal-title></journal-title-group></journal-meta>
<article-meta><article-id pub-id-type="pmc">PMC123</article-id><article-id pub-id-type="doi">10.1/AB</article-id>
<title-group><article-title>&#xc9;tude <italic>in vitro</italic></article-title>
<trans-title-group xml:lang="en"><trans-title>In vitro study</trans-title></trans-title-group></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Dupont</surname><given-names>Marie</given-names></name></contrib>
<contrib contrib-type="editor"><name><surname>Editor</surname><given-names>E</given-names></name></contrib>
<contrib contrib-type="author"><collab>Groupe X<contrib-group><contrib><name><surname>M</surname></name></contrib></contrib-group></collab></contrib></contrib-group>
<pub-date pub-type="ppub"><month>3</month><year>2020</year></pub-date>
<pub-date date-type="pub" publication-format="electronic"><day>15</day><month>4</month><year>2020</year></pub-date>
<pub-date pub-type="collection"><year>2019</year></pub-date>
<abstract><sec><title>Contexte :</title><p>Pourquoi.</p></sec><sec><title>R&#xe9;sultats</title><p>Bien.</p></sec></abstract>
<trans-abstract xml:lang="en"><title>Abstract</title><p>Why and how.</p></trans-abstract>
</article-meta></front>
<body><p>Intro.</p><sec><label>1.</label><title>M&#xe9;thodes</title><p>Texte <xref ref-type="bibr" rid="b1">[1]</xref>.<fig id="f1"><label>Figure 1</label><caption><p>Un sch&#xe9;ma.</p></caption><graphic xlink:href="f1.tif"/></fig></p>
<sec><title>Sous-section</title><list><list-item><p>Un.</p></list-item><list-item><p>Deux.</p></list-item></list>
<table-wrap><label>Tableau 1</label><caption><p>Valeurs</p></caption><table><tr><td>42</td></tr></table></table-wrap>
<disp-formula><tex-math>x</tex-math></disp-formula></sec></sec></body>
<back><ack><p>Merci.</p></ack><ref-list><ref><mixed-citation>Ref one.</mixed-citation></ref></ref-list>
<app-group><app><title>Annexe A</title><p>Compl&#xe9;ment.</p></app></app-group></back></article>"#;
        let root = crate::ingest::xml::parse(xml.as_bytes()).unwrap();
        let Record::Doc(d) = parse(&root, &SourceRef::default()).unwrap() else {
            panic!("not a document");
        };
        assert_eq!(d.biblio.id, "PMC123");
        assert_eq!(d.biblio.kind, DocKind::Article);
        assert_eq!(d.biblio.lang, Lang::fr());
        assert_eq!(d.biblio.pmid, None);
        assert_eq!(d.biblio.doi.as_deref(), Some("10.1/AB"));
        assert_eq!(d.biblio.title_in(&Lang::fr()), Some("Étude in vitro"));
        assert_eq!(d.biblio.title(), "In vitro study");
        let abstracts: Vec<(&str, &str)> = d
            .biblio
            .abstracts
            .iter()
            .map(|a| (a.lang.as_str(), a.text.as_str()))
            .collect();
        assert_eq!(
            abstracts,
            [
                ("fr", "Contexte: Pourquoi. Résultats: Bien."),
                ("en", "Why and how.")
            ]
        );
        assert_eq!(d.biblio.authors, ["Dupont Marie", "Groupe X"]);
        assert_eq!(d.biblio.journal.as_deref(), Some("Revue d\u{2019}exemple"));
        assert_eq!(d.biblio.publication_date, Date::new(2020, 4, 15));
        let texts: Vec<(bool, &str)> = paragraphs(&d)
            .iter()
            .map(|p| (p.heading, p.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (false, "Intro."),
                (true, "1. Méthodes"),
                (false, "Texte [1]."),
                (false, "Figure 1 Un schéma."),
                (true, "Sous-section"),
                (false, "Un."),
                (false, "Deux."),
                (false, "Tableau 1 Valeurs"),
                (false, "[formula]"),
                (true, "Annexe A"),
                (false, "Complément."),
            ]
        );
        assert_eq!(d.description[0].lang, Lang::fr());
    }

    #[test]
    fn non_articles_and_id_less_articles_are_errors() {
        let root = crate::ingest::xml::parse(b"<book><front/></book>").unwrap();
        assert!(parse(&root, &SourceRef::default()).is_err());
        let root = crate::ingest::xml::parse(
            b"<article><front><article-meta><title-group><article-title>T</article-title>\
              </title-group></article-meta></front></article>",
        )
        .unwrap();
        assert!(parse(&root, &SourceRef::default()).is_err());
    }

    #[test]
    fn bmc_microbiology_article() {
        let Some(dir) = data_dir() else { return };
        let d = one(&dir, "pmc-jats/1471-2180-11-174.nxml");
        assert_eq!(d.biblio.id, "PMID:21810267");
        assert_eq!(d.biblio.pmid.as_deref(), Some("21810267"));
        assert_eq!(d.biblio.pmcid.as_deref(), Some("PMC3166277"));
        assert_eq!(d.biblio.doi.as_deref(), Some("10.1186/1471-2180-11-174"));
        assert_eq!(
            d.biblio.title(),
            "Factors influencing lysis time stochasticity in bacteriophage \u{3bb}"
        );
        assert_eq!(d.biblio.journal.as_deref(), Some("BMC Microbiology"));
        // epub 2011-08-02 (the collection date, 2011, is not a publication date)
        assert_eq!(d.biblio.publication_date, Date::new(2011, 8, 2));
        assert!(d.biblio.authors.iter().any(|a| a == "Dennehy John J"));
        let abs = d.biblio.abstract_text().unwrap();
        assert!(
            abs.starts_with("Background: Despite identical genotypes"),
            "{abs}"
        );
        assert!(abs.contains(" Results: Individual lysis events"));
        let h = headings(&d);
        assert_eq!(h.first(), Some(&"Background"));
        assert!(h.contains(&"Effect of allelic variation in holin sequence"));
        let paras = paragraphs(&d);
        assert!(paras.iter().filter(|p| !p.heading).count() > 40);
        assert!(paras[1]
            .text
            .starts_with("Some phenotypic variation arises from randomness in cellular processes"));
        assert!(paras.iter().any(|p| p
            .text
            .starts_with("Figure 1 Schematic presentation of two models of holin hole formation")));
        // Nothing from the reference list.
        assert!(!paras.iter().any(|p| p.heading && p.text == "References"));
    }

    #[test]
    fn accented_title_author_summary_and_dates() {
        let Some(dir) = data_dir() else { return };
        let d = one(&dir, "pmc-jats/pntd.0002065.nxml");
        assert_eq!(d.biblio.id, "PMID:23469300");
        assert_eq!(d.biblio.pmcid.as_deref(), Some("PMC3585041"));
        assert_eq!(
            d.biblio.doi.as_deref(),
            Some("10.1371/journal.pntd.0002065")
        );
        assert_eq!(
            d.biblio.title(),
            "Serological Evidence of Rift Valley Fever Virus Circulation in Sheep and Goats \
             in Zambézia Province, Mozambique"
        );
        assert_eq!(
            d.biblio.authors.first().map(String::as_str),
            Some("Fafetine José")
        );
        assert_eq!(
            d.biblio.journal.as_deref(),
            Some("PLoS Neglected Tropical Diseases")
        );
        assert_eq!(d.biblio.publication_date, Date::new(2013, 2, 28));
        assert_eq!(d.biblio.abstracts.len(), 2);
        assert!(d.biblio.abstracts[0]
            .text
            .starts_with("Rift Valley fever (RVF) is endemic in most parts of Africa"));
        assert!(d.biblio.abstracts[1]
            .text
            .starts_with("Rift Valley fever (RVF) is a mosquito-borne disease"));
        assert!(headings(&d).contains(&"Materials and Methods"));

        // ppub 2013-03 has no day; the earliest full date is the epub one.
        let d = one(&dir, "pmc-jats/mds526.nxml");
        assert_eq!(d.biblio.publication_date, Date::new(2012, 11, 12));
        assert_eq!(d.biblio.journal.as_deref(), Some("Annals of Oncology"));
        let d = one(&dir, "pmc-jats/6605965a.nxml");
        assert_eq!(d.biblio.publication_date, Date::new(2010, 11, 2));

        // A meeting abstract without a PMID is identified by its PMCID.
        let d = one(&dir, "pmc-jats/cc11003.nxml");
        assert_eq!(d.biblio.id, "PMC3363814");
        assert_eq!(d.biblio.pmid, None);
        assert!(d.biblio.authors.iter().any(|a| a == "López JL"));
        assert_eq!(
            headings(&d),
            ["Introduction", "Methods", "Results", "Conclusion"]
        );

        let d = one(&dir, "pmc-jats/ehp-116-1694.nxml");
        assert!(d.biblio.title().starts_with(
            "Dietary Exposure to 2,2\u{2032},4,4\u{2032}-Tetrabromodiphenyl Ether (PBDE-47)"
        ));
    }

    #[test]
    fn efetch_pmc_articleset() {
        let Some(dir) = data_dir() else { return };
        let d = one(&dir, "biopython-tests/efetch_pmc.xml");
        assert_eq!(d.biblio.id, "PMID:34527728");
        assert_eq!(d.biblio.pmcid.as_deref(), Some("PMC8435807"));
        assert_eq!(d.biblio.doi.as_deref(), Some("10.1183/23120541.50193-2021"));
        assert_eq!(d.biblio.journal.as_deref(), Some("ERJ Open Research"));
        assert_eq!(d.biblio.publication_date, Date::new(2021, 9, 13));
        assert!(d.biblio.title().starts_with(
            "\u{201c}Lung diffusing capacity for nitric oxide measured by two commercial devices"
        ));
        assert_eq!(paragraphs(&d).len(), 1);
        assert!(paragraphs(&d)[0]
            .text
            .starts_with("This article was originally published with an error in table 2."));
    }

    #[test]
    fn every_sample_file_parses_cleanly() {
        let Some(dir) = data_dir() else { return };
        let expected = [
            ("1471-2180-11-174", "PMC3166277"),
            ("1472-6831-8-11", "PMC2329613"),
            ("6605965a", "PMC2994229"),
            ("cc11003", "PMC3363814"),
            ("ehp-116-1694", "PMC2599765"),
            ("mds526", "PMC3574550"),
            ("pntd.0002065", "PMC3585041"),
            ("pone.0000217", "PMC1790863"),
            ("pone.0046493", "PMC3460867"),
        ];
        for (name, pmc) in expected {
            let d = one(&dir, &format!("pmc-jats/{name}.nxml"));
            assert_eq!(d.biblio.pmcid.as_deref(), Some(pmc), "{name}");
            assert!(!d.biblio.title().is_empty(), "{name}");
            assert!(d.biblio.publication_date.is_some(), "{name}");
            assert!(d.biblio.journal.is_some(), "{name}");
            assert!(!d.biblio.authors.is_empty(), "{name}");
            assert!(!headings(&d).is_empty(), "{name}");
            assert!(paragraphs(&d).iter().any(|p| !p.heading), "{name}");
            if name != "cc11003" {
                assert!(d.biblio.abstract_text().is_some(), "{name}");
            }
        }
    }
}
