//! The complete ISR content: claims and what each citation bears on, box B coverage and
//! per-strategy hits, dates checked against the case, Y combinations, the family annex, no
//! text cut without saying so — in every format and language.

use super::doc;
use crate::case::{
    Case, Categories, Citation, ClaimSetEdit, ClaimsKind, CorpusHits, Coverage, FamilyMember,
    InventionClaim, NewCase, Op, Strategy,
};
use crate::model::Date;
use crate::report::bidi::directed;
use crate::report::strings::labels;
use crate::report::{Format, Report, ReportLang, StrategyHits};

pub(super) const LANGS: [ReportLang; 5] = ReportLang::ALL;

pub(super) fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn coverage(documents: u64, description: &str) -> Option<Coverage> {
    Some(Coverage {
        description: Some(description.into()),
        kind: Some("patent".into()),
        documents,
        first_date: Some(date("1990-01-02")),
        last_date: Some(date("2024-12-31")),
        sources: vec!["US".into(), "EP".into()],
        indexed_at: Some("2025-01-02T10:00:00Z".into()),
    })
}

fn strategy(number: u32, query: &str, hits: &[(&str, u64, Option<Coverage>)]) -> Strategy {
    Strategy {
        number,
        query: query.into(),
        hits: hits
            .iter()
            .map(|(corpus, hits, cov)| CorpusHits {
                corpus: (*corpus).into(),
                hits: *hits,
                coverage: cov.clone(),
            })
            .collect(),
        at: format!("2026-02-0{number}T09:00:00Z"),
    }
}

fn cite(case: &mut Case, id: &str, cats: &str, published: &str, claims: &[u32]) {
    let d = doc(id, &format!("Title of {id}"), date(published));
    let c = Citation::new(
        &d,
        "us",
        Categories::parse(cats).unwrap(),
        claims.to_vec(),
        &[],
        None,
        "2026-02-10T00:00:00Z",
    );
    case.apply(&Op::Cite(Box::new(c)), "2026-02-10T00:00:00Z");
}

/// A disclosure of more than 1,500 characters, lines broken, with its last words unique.
fn long_disclosure() -> String {
    let mut d = String::from("A solar pump for wells.\nIt runs without a battery.\n\n");
    for i in 0..40 {
        d.push_str(&format!(
            "Paragraph line {i} about the float switch and panel. "
        ));
    }
    d.push_str("\nLast line: THE-END-OF-THE-DISCLOSURE.");
    d
}

/// Claims 1-3; X on claim 1 (US1B2, with a family member), Y on claim 2 twice (each
/// combined with the other), an X published after the priority date (US4A1), a P,A naming
/// a claim the case no longer has (5). Three strategies on `us`, re-indexed between #1 and
/// #2; the case has a priority date but no filing date.
pub(super) fn isr_case() -> Case {
    let mut case = Case::new(
        "c1",
        NewCase {
            title: "Solar pump \"v2\" </style>".into(),
            priority_date: Some(date("2020-01-01")),
            disclosure: Some(long_disclosure()),
            ipc: vec![crate::model::ClassCode::parse("F04B 49/00").unwrap()],
            ..NewCase::default()
        },
        "2026-01-01T00:00:00Z",
    );
    case.apply(
        &Op::Claims(ClaimSetEdit {
            kind: ClaimsKind::Claims,
            claims: vec![
                InventionClaim {
                    number: 1,
                    text: "A pump driven by a solar panel.".into(),
                },
                InventionClaim {
                    number: 2,
                    text: "The pump of claim 1 with a float switch.".into(),
                },
                InventionClaim {
                    number: 3,
                    text: "The pump of claim 1, wherein the panel\ntracks the sun.".into(),
                },
            ],
        }),
        "2026-01-01T00:00:00Z",
    );
    case.history = vec![
        strategy(
            1,
            "solar AND pump AND ipc:F04B17/00",
            &[("us", 34, coverage(1000, "US grants 1990-2024"))],
        ),
        strategy(
            2,
            "float NEAR/3 switch",
            &[
                ("us", 12, coverage(1200, "US grants 1990-2024")),
                ("pubmed", 1, None),
            ],
        ),
        strategy(
            3,
            "cpc:Y02E10* OR ipc:F04B*",
            &[("us", 2, coverage(1200, "US grants 1990-2024"))],
        ),
        strategy(
            4,
            "#1 OR #2",
            &[("us", 50, coverage(1200, "US grants 1990-2024"))],
        ),
    ];
    cite(&mut case, "US1B2", "X", "2019-05-01", &[1]);
    cite(&mut case, "US2B2", "Y", "2018-03-01", &[2]);
    cite(&mut case, "US3B2", "Y", "2017-03-01", &[2]);
    cite(&mut case, "US4A1", "X", "2021-01-01", &[1]);
    cite(&mut case, "US5A1", "P,A", "2020-02-01", &[1, 5]);
    for c in &mut case.citations {
        match c.doc.id.as_str() {
            "US1B2" => {
                c.family = vec![FamilyMember {
                    id: "EP9A1".into(),
                    number: Some("EP 9 A1".into()),
                    publication_date: Some(date("2019-06-01")),
                    corpus: "ep".into(),
                }]
            }
            "US2B2" => c.combined_with = vec!["US3B2".into()],
            "US3B2" => c.combined_with = vec!["US2B2".into()],
            _ => {}
        }
    }
    case
}

pub(super) fn render(case: &Case, lang: ReportLang, format: Format) -> String {
    Report::build(case, lang, "2026-03-01T00:00:00Z")
        .render(format)
        .unwrap()
}

pub(super) fn json(case: &Case) -> serde_json::Value {
    serde_json::from_str(&render(case, ReportLang::En, Format::Json)).unwrap()
}

#[test]
fn json_version_2_carries_claims_coverage_dates_and_checks() {
    let case = isr_case();
    let text = render(&case, ReportLang::En, Format::Json);
    let back: Report = serde_json::from_str(&text).unwrap();
    assert_eq!(
        back,
        Report::build(&case, ReportLang::En, "2026-03-01T00:00:00Z")
    );
    let v = json(&case);
    assert_eq!(v["format_version"], 2);
    assert_eq!(v["completed_on"], serde_json::Value::Null);
    assert_eq!(v["searcher"], serde_json::Value::Null);
    assert_eq!(v["claims_kind"], "claims");
    assert_eq!(v["case"]["priority_date"], "2020-01-01");
    assert_eq!(v["case"]["filing_date"], serde_json::Value::Null);
    assert_eq!(
        v["claims"],
        serde_json::json!([
            {"number": 1, "text": "A pump driven by a solar panel.",
             "documents": ["US1B2", "US4A1", "US5A1"], "covered": true},
            {"number": 2, "text": "The pump of claim 1 with a float switch.",
             "documents": ["US2B2", "US3B2"], "covered": true},
            {"number": 3, "text": "The pump of claim 1, wherein the panel\ntracks the sun.",
             "documents": [], "covered": false},
        ])
    );
    let cited = |id: &str| {
        v["citations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["doc"]["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(cited("US4A1")["after_cutoff"], true);
    assert_eq!(cited("US1B2")["after_cutoff"], false);
    assert_eq!(cited("US5A1")["p_without_filing_date"], true);
    assert_eq!(cited("US5A1")["stale_claims"], serde_json::json!([5]));
    assert_eq!(
        cited("US2B2")["combined_with"],
        serde_json::json!(["US3B2"])
    );
    assert_eq!(cited("US1B2")["family"][0]["number"], "EP 9 A1");
}

#[test]
fn box_b_gives_coverage_and_each_strategys_own_hits_never_a_sum() {
    let case = isr_case();
    let r = Report::build(&case, ReportLang::En, "now");
    let us = &r.collections[0];
    assert_eq!(us.corpus, "us");
    assert_eq!(
        us.hits,
        [(1, 34), (2, 12), (3, 2), (4, 50)].map(|(strategy, hits)| StrategyHits { strategy, hits })
    );
    assert_eq!(us.description.as_deref(), Some("US grants 1990-2024"));
    // The coverage of the latest strategy, and the change between #1 and #2 said.
    assert_eq!(us.coverage.as_ref().map(|c| c.documents), Some(1200));
    assert_eq!((us.coverage_of, us.coverage_changed), (Some(4), true));
    let pubmed = &r.collections[1];
    assert!(pubmed.coverage.is_none() && !pubmed.coverage_changed);
    for lang in LANGS {
        for format in [Format::Markdown, Format::Html] {
            let out = render(&case, lang, format);
            assert!(
                !out.contains("98"),
                "{lang:?} {format:?}: no sum of strategies"
            );
            let l = labels(lang);
            assert!(
                !out.contains(&format!("{}:", l.total)),
                "{lang:?}: no total"
            );
            assert!(out.contains("US grants 1990-2024"));
            assert!(out.contains("1990-01-02"), "{lang:?} date range");
            assert!(out.contains("US, EP"), "{lang:?} offices");
        }
    }
    let md = render(&case, ReportLang::En, Format::Markdown);
    assert!(
        md.contains(r"\#1 (34 hits), \#2 (12 hits), \#3 (2 hits), \#4 (50 hits)"),
        "{md}"
    );
    assert!(md.contains("pubmed: 1 hit"), "singular");
    assert!(md.contains("1200 documents") && md.contains("re-indexed between the strategies"));
    let fr = render(&case, ReportLang::Fr, Format::Markdown);
    assert!(
        fr.contains(r"\#1 (34 réponses)") && fr.contains(r"\#2 (1 réponse)"),
        "{fr}"
    );
    assert!(fr.contains("1200 documents"));
}

#[test]
fn classification_searched_comes_from_the_strategies_and_the_case() {
    let r = Report::build(&isr_case(), ReportLang::En, "now");
    let searched: Vec<(String, String, Vec<u32>, bool)> = r
        .classification
        .searched
        .iter()
        .map(|s| {
            (
                s.scheme.clone(),
                s.symbol.clone(),
                s.strategies.clone(),
                s.given,
            )
        })
        .collect();
    let row = |scheme: &str, symbol: &str, st: &[u32], given: bool| {
        (scheme.to_string(), symbol.to_string(), st.to_vec(), given)
    };
    assert_eq!(
        searched,
        [
            row("ipc", "F04B17/00", &[1], false),
            row("cpc", "Y02E10", &[3], false),
            row("ipc", "F04B", &[3], false),
            row("ipc", "F04B49/00", &[], true),
        ]
    );
    let md = render(&isr_case(), ReportLang::En, Format::Markdown);
    assert!(
        md.contains(r"- IPC F04B 17/00 (\#1)") && md.contains("- IPC F04B 49/00 (case)"),
        "{md}"
    );
    let es = render(&isr_case(), ReportLang::Es, Format::Html);
    assert!(
        es.contains("Documentación mínima buscada") && es.contains("IPC F04B 49/00 (expediente)")
    );
}

#[test]
fn part_2_says_per_claim_which_documents_bear_on_it_and_what_appears_new() {
    let case = isr_case();
    let expect = [
        (
            ReportLang::En,
            "no X or Y citation: appears new",
            "Claim 3 is named by no X or Y citation: it appears new",
            "US1B2 (X), US4A1 (X), US5A1 (P,A) — named by an X or Y citation",
        ),
        (
            ReportLang::Fr,
            "aucune citation X ou Y\u{a0}: paraît nouvelle",
            "La revendication 3 n'est visée par aucune citation X ou Y\u{a0}: elle paraît nouvelle",
            "US1B2 (X), US4A1 (X), US5A1 (P,A) — visée par une citation X ou Y",
        ),
        (
            ReportLang::Es,
            "ninguna cita X o Y: parece nueva",
            "La reivindicación 3 no está afectada por ninguna cita X o Y: parece nueva",
            "US1B2 (X), US4A1 (X), US5A1 (P,A) — afectada por una cita X o Y",
        ),
    ];
    for (lang, open, sentence, claim1) in expect {
        let s = Report::build(&case, lang, "now").summary;
        assert!(
            s.appears_new.iter().any(|p| p.contains(sentence)),
            "{lang:?}: {:?}",
            s.appears_new
        );
        for format in [Format::Markdown, Format::Html] {
            let out = render(&case, lang, format);
            let out = out.replace("\\", "");
            assert!(out.contains(open), "{lang:?} {format:?}");
            assert!(out.contains(claim1), "{lang:?} {format:?}");
            assert!(
                out.contains(labels(lang).claims_heading),
                "{lang:?} {format:?}"
            );
        }
    }
    // Two uncovered: plural; features: their own words.
    let mut two = isr_case();
    two.citations
        .retain(|c| c.doc.id != "US2B2" && c.doc.id != "US3B2");
    two.claims_kind = ClaimsKind::Features;
    let s = Report::build(&two, ReportLang::En, "now").summary;
    assert!(
        s.appears_new
            .iter()
            .any(|p| p.contains("Features 2-3 are named by no X or Y citation: they appear new")),
        "{:?}",
        s.appears_new
    );
    let s = Report::build(&two, ReportLang::Fr, "now").summary;
    assert!(
        s.appears_new
            .iter()
            .any(|p| p.contains("Les caractéristiques 2-3 ne sont visées")),
        "{:?}",
        s.appears_new
    );
}

#[test]
fn without_claims_the_report_says_they_were_not_recorded() {
    let mut case = isr_case();
    case.claims.clear();
    for lang in LANGS {
        let r = Report::build(&case, lang, "now");
        assert!(r.claims.is_empty());
        let md = render(&case, lang, Format::Markdown);
        assert!(!md.contains(labels(lang).claims_heading));
        assert!(
            r.summary
                .appears_new
                .iter()
                .any(|p| p.contains("(tisc case claims)")),
            "{lang:?}"
        );
        // Stale numbers are only flagged against recorded claims.
        assert!(r.citations.iter().all(|c| c.stale_claims.is_empty()));
    }
}

#[test]
fn an_x_published_after_the_cutoff_is_flagged_and_not_prior_art_on_its_own() {
    let case = isr_case();
    for (lang, legend) in [
        (ReportLang::En, "published on or after the cutoff date of the case (1\u{a0}January 2020)"),
        (ReportLang::Fr, "publié à la date de référence du dossier (1er\u{a0}janvier\u{a0}2020) ou après\u{a0}: pas une antériorité"),
        (ReportLang::Es, "publicado en la fecha de referencia del expediente (1 de enero de 2020) o después"),
    ] {
        let md = render(&case, lang, Format::Markdown);
        let row = md.lines().find(|l| l.contains("US 4 A1")).unwrap();
        assert!(row.starts_with("| **X**† |"), "{row}");
        let row = md.lines().find(|l| l.contains("US 1 B2") && l.starts_with("| ")).unwrap();
        assert!(row.starts_with("| **X** |"), "{row}");
        assert!(md.contains(&format!("- **†** {legend}")), "{lang:?}");
        let html = render(&case, lang, Format::Html);
        assert!(html.contains("<tr class=\"cited after-cutoff\">"));
        assert!(html.contains(legend), "{lang:?}");
        let s = Report::build(&case, lang, "now").summary;
        let alone = &s.appears_new[0];
        assert!(alone.contains("US1B2") && !alone.contains("US4A1"), "{alone}");
    }
    let s = Report::build(&case, ReportLang::En, "now").summary;
    assert!(
        s.appears_new
            .iter()
            .any(|p| p
                == "Published on or after the cutoff date, so not prior art on its own: US4A1."),
        "{:?}",
        s.appears_new
    );
    // One X shown: the singular sentence.
    assert!(
        s.appears_new[0].starts_with(
            "Document that appears to disclose the invention on its own: US1B2 (claim 1)"
        ),
        "{}",
        s.appears_new[0]
    );
}

#[test]
fn p_is_flagged_without_a_filing_date_only() {
    let mut case = isr_case();
    let md = render(&case, ReportLang::En, Format::Markdown);
    assert!(md.lines().any(|l| l.starts_with("| **P,A**†‡ |")), "{md}");
    assert!(md.contains("- **‡** category P given, but the case has no filing date"));
    case.filing_date = Some(date("2021-01-01"));
    let md = render(&case, ReportLang::En, Format::Markdown);
    assert!(md.lines().any(|l| l.starts_with("| **P,A**† |")));
    assert!(!md.contains('‡'));
    assert!(md.contains("| **Filing date** | 2021-01-01 |"));
}

#[test]
fn y_citations_name_what_they_combine_with_singular_or_plural() {
    let mut case = isr_case();
    for lang in LANGS {
        let md = render(&case, lang, Format::Markdown);
        let row = md.lines().find(|l| l.contains("US 2 B2")).unwrap();
        let l = labels(lang);
        assert!(
            row.contains(&l.combines.one.replace("{docs}", "US 3 B2")),
            "{lang:?} {row}"
        );
        let html = render(&case, lang, Format::Html);
        assert!(html.contains(&format!(
            "<p class=\"combined\">{}</p>",
            directed(lang, l.combines.one.replace("{docs}", "US 3 B2"))
        )));
    }
    // Part 2: two Y documents, plural sentence; the combination is a reason.
    let s = Report::build(&case, ReportLang::En, "now").summary;
    assert!(s.appears_new.iter().any(|p| p.starts_with(
        "Documents that may, in combination, make the invention obvious: US2B2, US3B2"
    )));
    let y = s.closest.iter().find(|c| c.id == "US2B2").unwrap();
    assert!(
        y.reasons
            .iter()
            .any(|r| r == "In combination with document US 3 B2."),
        "{:?}",
        y.reasons
    );

    // A third Y combined with both: plural, with "and".
    cite(&mut case, "US6B2", "Y", "2016-01-01", &[2]);
    if let Some(c) = case.citations.iter_mut().find(|c| c.doc.id == "US6B2") {
        c.combined_with = vec!["US2B2".into(), "US3B2".into()];
    }
    for (lang, text) in [
        (
            ReportLang::En,
            "in combination with documents US 2 B2 and US 3 B2",
        ),
        (
            ReportLang::Fr,
            "en combinaison avec les documents US 2 B2 et US 3 B2",
        ),
        (
            ReportLang::Es,
            "en combinación con los documentos US 2 B2 y US 3 B2",
        ),
    ] {
        let md = render(&case, lang, Format::Markdown);
        assert!(
            md.lines()
                .any(|l| l.contains("US 6 B2") && l.contains(text)),
            "{lang:?}"
        );
    }

    // A single Y: the singular sentence, not "documents … in combination".
    let mut single = isr_case();
    single.citations.retain(|c| c.doc.id != "US3B2");
    for (lang, text) in [
        (
            ReportLang::En,
            "Document that may make the invention obvious when combined with another document or with common general knowledge: US2B2",
        ),
        (
            ReportLang::Fr,
            "Document qui, associé à un autre document ou aux connaissances générales, pourrait rendre l'invention évidente\u{a0}: US2B2",
        ),
        (
            ReportLang::Es,
            "Documento que, combinado con otro documento o con los conocimientos generales, podría hacer evidente la invención: US2B2",
        ),
    ] {
        let s = Report::build(&single, lang, "now").summary;
        assert!(
            s.appears_new.iter().any(|p| p.starts_with(text)),
            "{lang:?} {:?}",
            s.appears_new
        );
    }
}

#[test]
fn claim_numbers_the_case_no_longer_has_are_flagged() {
    let case = isr_case();
    for (lang, text) in [
        (ReportLang::En, "1; no longer in the case: 5"),
        (
            ReportLang::Fr,
            "1; n'existent plus dans le dossier\u{a0}: 5",
        ),
        (ReportLang::Es, "1; ya no existen en el expediente: 5"),
    ] {
        let md = render(&case, lang, Format::Markdown);
        let row = md
            .lines()
            .find(|l| l.contains("US 5 A1") && l.starts_with("| "))
            .unwrap();
        assert!(row.ends_with(&format!("| {} |", text)), "{lang:?} {row}");
        let html = render(&case, lang, Format::Html);
        let escaped = super::super::html::escape(text);
        assert!(
            html.contains(&format!("<td class=\"claims\">{escaped}</td>")),
            "{lang:?}"
        );
    }
    // A citation without claims shows a dash.
    let mut none = isr_case();
    none.citations[0].claims.clear();
    let md = render(&none, ReportLang::En, Format::Markdown);
    assert!(md
        .lines()
        .any(|l| l.contains("US 1 B2") && l.ends_with("| — |")));
}

#[test]
fn the_family_annex_lists_each_citations_members() {
    let case = isr_case();
    for lang in LANGS {
        let l = labels(lang);
        let md = render(&case, lang, Format::Markdown);
        assert!(md.contains(&format!("## {}", l.family_annex)), "{lang:?}");
        assert!(
            md.contains("| US 1 B2 | EP 9 A1 | 2019-06-01 | ep |"),
            "{lang:?}"
        );
        let html = render(&case, lang, Format::Html);
        let cell = |s: &str| directed(lang, s.to_string());
        assert!(html.contains(&format!(
            "<td>{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td>",
            cell("US 1 B2"),
            cell("EP 9 A1"),
            cell("2019-06-01"),
            cell("ep")
        )));
    }
    let mut bare = isr_case();
    for c in &mut bare.citations {
        c.family.clear();
    }
    let md = render(&bare, ReportLang::En, Format::Markdown);
    assert!(md.contains("No family member of the cited documents was found"));
}

#[test]
fn a_long_disclosure_is_never_cut_without_saying_so_and_is_whole_in_the_appendix() {
    let case = isr_case();
    for lang in LANGS {
        let l = labels(lang);
        let md = render(&case, lang, Format::Markdown);
        let (top, appendix) = md.split_once(&format!("## {}", l.appendix)).unwrap();
        assert!(top.contains(&format!("*{}*", l.continued)), "{lang:?}");
        assert!(!top.contains("THE\\-END") && !top.contains("THE-END"));
        assert!(appendix.contains(l.subject_full));
        assert!(
            appendix.contains("THE-END-OF-THE-DISCLOSURE."),
            "{lang:?} whole text"
        );
        // Line breaks kept (a hard break in the quote).
        assert!(md.contains("> A solar pump for wells.\\\n> It runs without a battery."));
        // A claim's line breaks too.
        assert!(
            md.contains("wherein the panel\\\n  tracks the sun."),
            "{lang:?}"
        );
        let html = render(&case, lang, Format::Html);
        assert!(html.contains(l.continued) && html.contains("THE-END-OF-THE-DISCLOSURE."));
        assert!(html.contains("A solar pump for wells.\nIt runs without a battery."));
    }
    // A short disclosure: no appendix copy, no continuation.
    let mut short = isr_case();
    short.disclosure = Some("A pump.".into());
    let md = render(&short, ReportLang::En, Format::Markdown);
    assert!(
        !md.contains("(continued in appendix)")
            && !md.contains("Subject of the search (full text)")
    );
}
