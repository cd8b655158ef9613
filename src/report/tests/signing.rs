//! The report's state and signature: draft until completed, the date of completion in
//! words, searcher and organisation, the printed page's margin boxes, and the placeholders
//! of the sentences these use.

use super::isr::{date, isr_case, json, render, LANGS};
use crate::case::Op;
use crate::report::html::{css_string, page_css};
use crate::report::strings::labels;
use crate::report::{Format, Report, ReportLang};

#[test]
fn a_draft_says_so_until_completed_and_the_export_time_is_not_the_report_date() {
    let mut case = isr_case();
    for lang in LANGS {
        let l = labels(lang);
        let md = render(&case, lang, Format::Markdown);
        assert!(
            md.starts_with(&format!("# {} — {}", l.draft, l.report_title)),
            "{lang:?}"
        );
        let html = render(&case, lang, Format::Html);
        assert!(html.contains("<body class=\"draft\">") && html.contains("class=\"draft-banner\""));
        // The generation time only in the footer, labelled as such.
        let (head, foot) = md.split_once("\n---\n").unwrap();
        assert!(!head.contains("2026-03-01T00:00:00Z") && foot.contains("2026-03-01T00:00:00Z"));
    }
    case.apply(
        &Op::Complete {
            on: Some(date("2026-12-07")),
        },
        "2026-12-07T00:00:00Z",
    );
    for (lang, words) in [
        (ReportLang::En, "7\u{a0}December 2026"),
        (ReportLang::Fr, "7\u{a0}décembre\u{a0}2026"),
        (ReportLang::Es, "7 de diciembre de 2026"),
    ] {
        let l = labels(lang);
        let md = render(&case, lang, Format::Markdown);
        assert!(
            md.starts_with(&format!("# {}{} ", l.report_title, l.colon)),
            "{lang:?}"
        );
        assert!(
            md.contains(&format!("| **{}** | {words} |", l.completed_on)),
            "{lang:?}"
        );
        let html = render(&case, lang, Format::Html);
        assert!(
            html.contains("<body class=\"completed\">") && !html.contains("class=\"draft-banner\"")
        );
        assert!(html.contains(words));
    }
    assert_eq!(json(&case)["completed_on"], "2026-12-07");
}

#[test]
fn searcher_and_organisation_are_printed_in_each_language() {
    let case = isr_case();
    for (lang, word) in [
        (ReportLang::En, "Searcher"),
        (ReportLang::Fr, "Documentaliste"),
        (ReportLang::Es, "Documentalista"),
    ] {
        let r = Report::build(&case, lang, "now")
            .signed(Some("A. <Martin>".into()), Some("TTO".into()));
        let md = r.render(Format::Markdown).unwrap();
        assert!(
            md.contains(&format!("| **{word}** | A. \\<Martin\\> |")),
            "{lang:?}"
        );
        let html = r.render(Format::Html).unwrap();
        assert!(html.contains(&format!(
            "<dt>{word}</dt><dd><bdi>A. &lt;Martin&gt;</bdi></dd>"
        )));
        assert!(html.contains("TTO"));
    }
    let r = Report::build(&case, ReportLang::En, "now").signed(Some(" ".into()), None);
    assert_eq!(r.searcher, None);
}

#[test]
fn the_printed_page_has_numbers_and_an_escaped_running_header() {
    let case = isr_case();
    let html = render(&case, ReportLang::En, Format::Html);
    assert!(
        html.contains("@bottom-center { content: \"Page \" counter(page) \" of \" counter(pages);"),
        "{html}"
    );
    // Case id and title as a CSS string: the quote and `</style>` escaped.
    assert!(
        html.contains("@top-left { content: \"c1 — Solar pump \\22 v2\\22  \\3c /style\\3e \";")
    );
    assert_eq!(html.matches("</style>").count(), 1);
    assert!(html.contains("@top-right { content: \"Draft\";"));
    let fr = page_css(
        &Report::build(&case, ReportLang::Fr, "now"),
        labels(ReportLang::Fr),
    );
    assert!(fr.contains("\"Page \" counter(page) \" sur \" counter(pages)"));
    let es = page_css(
        &Report::build(&case, ReportLang::Es, "now"),
        labels(ReportLang::Es),
    );
    assert!(es.contains("\"Página \" counter(page) \" de \" counter(pages)"));
    assert_eq!(css_string("a\"b\\c\nd"), "\"a\\22 b\\5c c\\a d\"");
}

#[test]
fn every_language_keeps_the_placeholders_of_the_new_sentences() {
    for lang in LANGS {
        let l = labels(lang);
        for (name, template, holes) in [
            ("combines_one", l.combines.one, &["{docs}"][..]),
            ("combines_other", l.combines.other, &["{docs}"]),
            ("late_x_one", l.late_x.one, &["{docs}"]),
            ("late_x_other", l.late_x.other, &["{docs}"]),
            ("uncovered_one", l.uncovered.one, &["{what}"]),
            ("uncovered_other", l.uncovered.other, &["{what}"]),
            ("stale_claims", l.stale_claims, &["{claims}"]),
            ("legend_after_cutoff", l.legend_after_cutoff, &["{cutoff}"]),
            ("coverage_changed", l.coverage_changed, &["{n}"]),
            ("page_of", l.page_of, &["{page}", "{pages}"]),
            ("docs_one", l.docs.one, &["{n}"]),
            ("docs_other", l.docs.other, &["{n}"]),
            ("hits_one", l.hits.one, &["{n}"]),
            ("hits_other", l.hits.other, &["{n}"]),
            ("claim_one", l.claim_numbers.one, &["{claims}"]),
            ("claim_other", l.claim_numbers.other, &["{claims}"]),
            ("feature_one", l.feature.one, &["{claims}"]),
            ("feature_other", l.feature.other, &["{claims}"]),
            ("subject_claim_one", l.subject_claim.one, &["{claims}"]),
            ("subject_claim_other", l.subject_claim.other, &["{claims}"]),
            ("subject_feature_one", l.subject_feature.one, &["{claims}"]),
            (
                "subject_feature_other",
                l.subject_feature.other,
                &["{claims}"],
            ),
        ] {
            for hole in holes {
                assert!(template.contains(hole), "{lang:?} {name} lacks {hole}");
            }
        }
    }
}
