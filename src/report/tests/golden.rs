//! One report in Portuguese and in Arabic, whole, as golden snapshots (markdown), and the
//! Arabic HTML report's direction: `lang`/`dir` on the root, Latin ids, dates and claim
//! numbers isolated left to right, a layout written in logical CSS properties.

use super::isr::{isr_case, render};
use crate::report::{Format, ReportLang};

#[test]
fn the_report_in_portuguese_and_arabic_reads_as_reviewed() {
    let case = isr_case();
    insta::assert_snapshot!(
        "report_pt_md",
        render(&case, ReportLang::Pt, Format::Markdown)
    );
    insta::assert_snapshot!(
        "report_ar_md",
        render(&case, ReportLang::Ar, Format::Markdown)
    );
}

#[test]
fn the_arabic_html_report_is_right_to_left_with_latin_runs_isolated() {
    let case = isr_case();
    let ar = render(&case, ReportLang::Ar, Format::Html);
    assert!(
        ar.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{}",
        &ar[..200]
    );
    // The case id and its dates read left to right.
    assert!(ar.contains("<dd><bdi dir=\"ltr\">c1</bdi></dd>"));
    assert!(ar.contains("<dd><bdi dir=\"ltr\">2020-01-01</bdi></dd>"));
    // Cited publication numbers, claim numbers and family members.
    assert!(ar.contains("<bdi dir=\"ltr\">US 1 B2</bdi>"));
    assert!(ar.contains(
        "<td class=\"claims\"><bdi dir=\"ltr\">1</bdi>; لم تعد موجودة في الملف: <bdi dir=\"ltr\">5</bdi></td>"
    ));
    // A citation takes its own direction from its first letter.
    assert!(ar.contains("<td><div dir=\"auto\">US 1 B2 (SUN &amp; WATER LTD)"));
    assert!(ar.contains("<td><bdi dir=\"ltr\">EP 9 A1</bdi></td>"));
    // Claims listed in part 2 keep their number and its point together.
    assert!(ar.contains("<strong><bdi dir=\"ltr\">1.</bdi></strong>"));
    // Fixed labels are written as they are.
    assert!(ar.contains("<h2>الجزء 1 — تقرير البحث</h2>"));
    // The running header starts on the right.
    assert!(ar.contains("@top-right { content: \"c1"));
    // No physical left/right in the layout: it mirrors with the direction.
    for physical in [
        "padding-left",
        "border-left",
        "text-align: left",
        "text-align: right",
    ] {
        assert!(!ar.contains(physical), "{physical}");
    }
    assert!(ar.contains("bdi[dir=\"ltr\"] { unicode-bidi: isolate; }"));

    let pt = render(&case, ReportLang::Pt, Format::Html);
    assert!(pt.contains("<html lang=\"pt\">"));
    assert!(pt.contains("<td>EP 9 A1</td>"));
    assert!(pt.contains("@top-left { content: \"c1"));
    assert!(pt.contains("Relatório de pesquisa do estado da técnica"));
}

/// Writes the HTML reports of the fixture case for viewing (`TISC_WRITE_REPORTS=dir`).
#[test]
fn write_reports_for_viewing_when_asked() {
    let Ok(dir) = std::env::var("TISC_WRITE_REPORTS") else {
        return;
    };
    for lang in ReportLang::ALL {
        let path = std::path::Path::new(&dir).join(format!("report_{}.html", lang.code()));
        std::fs::write(&path, render(&isr_case(), lang, Format::Html)).unwrap();
        assert!(path.exists());
    }
}
