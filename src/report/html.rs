//! The HTML report: one self-contained file (inline CSS, no scripts, no external resources)
//! laid out for A4 paper. Every string that comes from a case or a document goes through
//! [`escape`]; only the fixed markup of this module is written raw.

use super::bidi::directed;
use super::css::CSS;
pub use super::css::{css_string, page_css};
use super::markdown::markers;
use super::strings::{labels, Labels};
use super::view::{claim_lines, family_rows, legend_markers, searched_lines};
use super::{
    citation_line, claims_cell, combination, count, coverage_line, disclosure_shown, ipc_display,
    number_display, passage_place, strategy_hits, typo, Cited, ClassSource, Report,
};
use crate::case::{Categories, Category};
use std::fmt::Write;

/// Escape text for HTML element content and quoted attribute values: markup characters as
/// entities, control characters (other than line feeds and tabs) as visible stand-ins, and
/// every bidirectional override the text opens closed at its end.
pub fn escape(s: &str) -> String {
    let s = crate::sanitize::close_bidi(s);
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if c.is_control() => crate::sanitize::push_visible(&mut out, c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Keep ISO dates (`2010-01-05`) on one line: a table cell must not break them at a hyphen.
/// Takes escaped text (dates contain nothing that escaping changes).
fn nowrap_dates(escaped: &str) -> String {
    let b = escaped.as_bytes();
    let is_date = |i: usize| {
        b.len() >= i + 10
            && b[i..i + 10].iter().enumerate().all(|(k, c)| {
                if k == 4 || k == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    };
    let mut out = String::with_capacity(escaped.len() + 32);
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        if is_date(i) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            out.push_str(escaped.get(last..i).unwrap_or_default());
            out.push_str("<span class=\"nowrap\">");
            out.push_str(escaped.get(i..i + 10).unwrap_or_default());
            out.push_str("</span>");
            i += 10;
            last = i;
        } else {
            i += 1;
        }
    }
    out.push_str(escaped.get(last..).unwrap_or_default());
    out
}

/// Generated text as the report's language prints it: escaped, and in a right-to-left
/// language with its Latin runs (ids, dates, claim numbers) isolated left to right.
fn esc(r: &Report, s: &str) -> String {
    directed(r.lang, escape(s))
}

fn badge(c: &Categories) -> String {
    let class = if c.contains(Category::X) {
        "cat-x"
    } else if c.contains(Category::Y) {
        "cat-y"
    } else if c.contains(Category::A) {
        "cat-a"
    } else {
        "cat-q"
    };
    format!(
        "<span class=\"badge {class}\">{}</span>",
        escape(&c.to_string())
    )
}

fn citation_cell(o: &mut String, r: &Report, c: &Cited, l: &Labels) {
    // A citation is mostly Latin: its own direction, from its first letter.
    let line = nowrap_dates(&escape(&citation_line(c, r.lang)));
    let _ = write!(o, "<div dir=\"auto\">{line}</div>");
    if let Some(with) = combination(r, l, c) {
        let _ = write!(o, "<p class=\"combined\">{}</p>", esc(r, &with));
    }
    if !c.passages.is_empty() {
        o.push_str("<ul class=\"passages\">");
        for p in &c.passages {
            let place = passage_place(p, l)
                .map(|x| format!(" <span class=\"place\">({})</span>", esc(r, &x)))
                .unwrap_or_default();
            let _ = write!(
                o,
                "<li>{}<bdi>{}</bdi>{}{place}</li>",
                l.quote_open,
                escape(&p.text),
                l.quote_close
            );
        }
        o.push_str("</ul>");
    }
    if let Some(n) = &c.note {
        note(o, r, l, n);
    }
}

/// A searcher's note on a citation, labelled.
fn note(o: &mut String, r: &Report, l: &Labels, text: &str) {
    let _ = write!(
        o,
        "<p class=\"note\"><strong>{}</strong> <bdi>{}</bdi></p>",
        typo(r.lang, &format!("{}:", l.note)),
        escape(text)
    );
}

fn part1(o: &mut String, r: &Report, l: &Labels) {
    let _ = write!(
        o,
        "<section class=\"part1\" id=\"part1\"><h2>{}</h2>",
        l.part1
    );
    let _ = write!(o, "<div class=\"box\"><h3>{}</h3><p>", l.classification);
    if r.classification.ipc.is_empty() {
        let _ = write!(
            o,
            "{}<span class=\"muted\">{}</span>",
            typo(r.lang, &format!("{}: ", l.ipc)),
            l.not_given
        );
    } else {
        let codes: Vec<String> = r
            .classification
            .ipc
            .iter()
            .map(|c| escape(&ipc_display(c)))
            .collect();
        let source = match r.classification.source {
            ClassSource::Given => l.class_given,
            _ => l.class_suggested,
        };
        let _ = write!(
            o,
            "{}<strong>{}</strong> <span class=\"muted\">({source})</span>",
            typo(r.lang, &format!("{}: ", l.ipc)),
            directed(r.lang, codes.join("; "))
        );
    }
    o.push_str("</p></div>");

    let _ = write!(
        o,
        "<div class=\"box\" id=\"fields\"><h3>{}</h3><h4>{}</h4>",
        l.fields_searched, l.class_searched
    );
    if r.classification.searched.is_empty() {
        let _ = write!(o, "<p class=\"muted\">{}</p>", l.class_none_searched);
    } else {
        o.push_str("<ul class=\"class-searched\">");
        for line in searched_lines(r, l) {
            let _ = write!(o, "<li>{}</li>", esc(r, &line));
        }
        o.push_str("</ul>");
    }
    let _ = write!(o, "<h4>{}</h4>", l.databases);
    if !r.collections.is_empty() {
        let _ = write!(o, "<table class=\"collections\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>", l.col_collection, l.col_coverage, l.col_strategies);
        for c in &r.collections {
            let desc = c
                .description
                .as_deref()
                .map(|d| format!("<br><bdi>{}</bdi>", escape(d)))
                .unwrap_or_default();
            let _ = write!(
                o,
                "<tr><td><strong>{}</strong>{desc}</td><td class=\"coverage\">{}</td><td>{}</td></tr>",
                esc(r, &c.corpus),
                nowrap_dates(&esc(r, &coverage_line(l, r.lang, c))),
                strategy_hits(l, r.lang, c)
                    .iter()
                    .map(|h| format!("<span class=\"nowrap\">{}</span>", esc(r, h)))
                    .collect::<Vec<_>>()
                    .join("<br>")
            );
        }
        o.push_str("</tbody></table>");
    }
    let _ = write!(o, "<h4>{}</h4>", l.strategies);
    if r.strategies.is_empty() {
        let _ = write!(o, "<p class=\"muted\">{}</p>", l.no_strategies);
    } else {
        let _ = write!(o, "<table class=\"strategies\"><thead><tr><th class=\"num\">#</th><th>{}</th><th class=\"nowrap\">{}</th><th class=\"nowrap\">{}</th></tr></thead><tbody>", l.col_query, l.col_hits, l.col_date);
        for s in &r.strategies {
            let hits: Vec<String> = s
                .hits
                .iter()
                .map(|h| {
                    format!(
                        "{}:&nbsp;{}",
                        esc(r, &h.corpus),
                        esc(r, &count(r.lang, h.hits, l.hits.one, l.hits.other))
                    )
                })
                .collect();
            let date = s.at.get(..10).unwrap_or(&s.at);
            let _ = write!(o, "<tr><td class=\"num\">{}</td><td><code dir=\"auto\">{}</code></td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td></tr>", s.number, escape(&s.query), hits.join("<br>"), esc(r, date));
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</div>");

    let _ = write!(
        o,
        "<div class=\"box\" id=\"documents\"><h3>{}</h3>",
        l.documents
    );
    if r.citations.is_empty() {
        let _ = write!(o, "<p class=\"muted\">{}</p>", l.no_documents);
    } else {
        let _ = write!(o, "<table class=\"citations\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>", l.col_category, l.col_citation, l.col_claims);
        for c in &r.citations {
            let marks = markers(c);
            let marks = if marks.is_empty() {
                marks
            } else {
                format!("<span class=\"mark\">{marks}</span>")
            };
            let late = if c.after_cutoff { " after-cutoff" } else { "" };
            let _ = write!(
                o,
                "<tr class=\"cited{late}\"><td class=\"cat\">{}{marks}</td><td>",
                badge(&c.categories)
            );
            citation_cell(o, r, c, l);
            let _ = write!(
                o,
                "</td><td class=\"claims\">{}</td></tr>",
                esc(r, &claims_cell(l, r.lang, c))
            );
        }
        o.push_str("</tbody></table>");
    }
    let _ = write!(
        o,
        "<div class=\"legend\"><p>{}</p><dl>",
        escape(&typo(r.lang, l.legend))
    );
    for cat in Category::ALL {
        let _ = write!(
            o,
            "<dt>{}</dt><dd>{}</dd>",
            cat.letter(),
            escape(&typo(r.lang, l.meaning(cat)))
        );
    }
    for (mark, text) in legend_markers(r, l) {
        let _ = write!(
            o,
            "<dt class=\"mark\">{mark}</dt><dd>{}</dd>",
            esc(r, &text)
        );
    }
    o.push_str("</dl></div></div>");
    signature(o, r, l);
    o.push_str("</section>");
}

/// The completion box closing part 1: date of completion (or draft), organisation, searcher.
fn signature(o: &mut String, r: &Report, l: &Labels) {
    o.push_str("<div class=\"box signature\"><dl>");
    signature_rows(o, r, l);
    o.push_str("</dl></div>");
}

/// The date of completion (or "draft"), organisation and searcher as `<dt>`/`<dd>` rows: in
/// the header and in the box closing part 1.
fn signature_rows(o: &mut String, r: &Report, l: &Labels) {
    for (label, value, typed) in super::view::signature(r, l) {
        let value = escape(&value);
        if typed {
            let _ = write!(o, "<dt>{label}</dt><dd><bdi>{value}</bdi></dd>");
        } else {
            let _ = write!(o, "<dt>{label}</dt><dd>{value}</dd>");
        }
    }
}

fn part2(o: &mut String, r: &Report, l: &Labels) {
    let _ = write!(
        o,
        "<section class=\"part2\" id=\"part2\"><h2>{}</h2><h3>{}</h3>",
        l.part2, l.closest
    );
    if r.summary.closest.is_empty() {
        let _ = write!(o, "<p class=\"muted\">{}</p>", l.none_close);
    } else {
        o.push_str("<ol class=\"closest\">");
        for c in &r.summary.closest {
            let _ = write!(
                o,
                "<li><p>{} <strong>{}</strong> — <bdi>{}</bdi></p><ul>",
                badge(&c.categories),
                esc(r, &c.id),
                escape(&c.title)
            );
            for why in &c.reasons {
                let _ = write!(o, "<li>{}</li>", esc(r, why));
            }
            o.push_str("</ul>");
            if let Some(n) = &c.note {
                note(o, r, l, n);
            }
            o.push_str("</li>");
        }
        o.push_str("</ol>");
    }
    if !r.claims.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3><ul class=\"claims-cover\">",
            l.claims_heading_for(r.claims_kind)
        );
        for (line, claim) in claim_lines(r, l).iter().zip(&r.claims) {
            let open = if claim.covered { "" } else { " open" };
            let _ = write!(
                o,
                "<li><strong><bdi dir=\"ltr\">{}.</bdi></strong> <bdi class=\"pre\">{}</bdi><br><span class=\"verdict{open}\">{}</span></li>",
                line.number,
                escape(&line.text),
                esc(r, &line.verdict)
            );
        }
        o.push_str("</ul>");
    }
    let _ = write!(o, "<h3>{}</h3>", l.appears_new);
    for p in &r.summary.appears_new {
        let _ = write!(o, "<p>{}</p>", esc(r, p));
    }
    let _ = write!(o, "<h3>{}</h3><ol>", l.next_steps);
    for s in &r.summary.next_steps {
        let _ = write!(o, "<li>{}</li>", esc(r, s));
    }
    o.push_str("</ol>");
    if !r.notes.is_empty() {
        let _ = write!(o, "<h3>{}</h3><ul>", l.searcher_notes);
        for n in &r.notes {
            let _ = write!(
                o,
                "<li><span class=\"muted\">{}</span> — <bdi>{}</bdi></li>",
                esc(r, n.at.get(..10).unwrap_or(&n.at)),
                escape(&n.text)
            );
        }
        o.push_str("</ul>");
    }
    let _ = write!(
        o,
        "<p class=\"disclaimer\">{}</p></section>",
        escape(&typo(r.lang, l.disclaimer))
    );
}

fn family_annex(o: &mut String, r: &Report, l: &Labels) {
    if r.citations.is_empty() {
        return;
    }
    let _ = write!(
        o,
        "<section class=\"family\" id=\"family\"><h2>{}</h2>",
        l.family_annex
    );
    let rows = family_rows(r);
    if rows.is_empty() {
        let _ = write!(o, "<p class=\"muted\">{}</p></section>", l.no_family);
        return;
    }
    let _ = write!(o, "<table class=\"family\"><thead><tr><th>{}</th><th>{}</th><th class=\"nowrap\">{}</th><th>{}</th></tr></thead><tbody>", l.col_cited, l.col_member, l.publication_date, l.found_in);
    for row in rows {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td></tr>",
            esc(r, &row.cited),
            esc(r, &row.member),
            esc(r, &row.date),
            esc(r, &row.corpus)
        );
    }
    o.push_str("</tbody></table></section>");
}

/// Paragraphs of a long text, line breaks kept.
fn paragraphs(o: &mut String, text: &str) {
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let _ = write!(
            o,
            "<p dir=\"auto\" class=\"pre\">{}</p>",
            escape(para.trim())
        );
    }
}

fn appendix(o: &mut String, r: &Report, l: &Labels) {
    let full = r
        .case
        .disclosure
        .as_deref()
        .filter(|d| disclosure_shown(d).1);
    if r.citations.is_empty() && full.is_none() {
        return;
    }
    let _ = write!(
        o,
        "<section class=\"appendix\" id=\"appendix\"><h2>{}</h2>",
        l.appendix
    );
    if let Some(d) = full {
        let _ = write!(
            o,
            "<article class=\"doc\" id=\"subject-full\"><h3>{}</h3><blockquote>",
            l.subject_full
        );
        paragraphs(o, d);
        o.push_str("</blockquote></article>");
    }
    for c in &r.citations {
        let s = &c.snapshot.biblio;
        let lang = r.lang.as_lang();
        let _ = write!(
            o,
            "<article class=\"doc\"><h3>{} {} — <bdi>{}</bdi></h3><dl class=\"biblio\">",
            badge(&c.categories),
            esc(r, &number_display(c)),
            escape(s.title_in(&lang).unwrap_or(""))
        );
        for (label, value) in super::biblio_fields(c, l) {
            let _ = write!(
                o,
                "<dt>{}</dt><dd><bdi>{}</bdi></dd>",
                escape(label),
                esc(r, &value)
            );
        }
        o.push_str("</dl>");
        let abs = s.abstract_in(&lang).unwrap_or("");
        if abs.is_empty() {
            let _ = write!(o, "<p class=\"muted\">{}</p>", l.no_abstract);
        } else {
            let _ = write!(o, "<h4>{}</h4>", l.abstract_);
            paragraphs(o, abs);
        }
        o.push_str("</article>");
    }
    o.push_str("</section>");
}

/// Render a report as one HTML file.
pub fn render(r: &Report) -> String {
    let l = labels(r.lang);
    let mut o = String::with_capacity(16 * 1024);
    let draft = r.completed_on.is_none();
    let title = if draft {
        format!("{} — {}", l.draft, l.report_title)
    } else {
        l.report_title.to_string()
    };
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"{}>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>{CSS}{}</style>\n</head>\n<body class=\"{}\">\n<main>\n",
        r.lang.code(),
        if r.lang.is_rtl() { " dir=\"rtl\"" } else { "" },
        title,
        escape(&r.case.title),
        page_css(r, l),
        if draft { "draft" } else { "completed" }
    );
    let _ = write!(
        o,
        "<header><p class=\"kicker\">{}</p><h1><bdi>{}</bdi></h1>",
        title,
        escape(&r.case.title)
    );
    if draft {
        let _ = write!(
            o,
            "<p class=\"draft-banner\">{}</p>",
            escape(&typo(r.lang, l.draft_notice))
        );
    }
    let _ = write!(
        o,
        "<dl class=\"meta\"><dt>{}</dt><dd>{}</dd>",
        l.case,
        esc(r, &r.case.id)
    );
    if let Some(c) = &r.case.client {
        let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", l.client, escape(c));
    }
    for (label, date) in [
        (l.priority_date_case, r.case.priority_date),
        (l.filing_date_case, r.case.filing_date),
    ] {
        if let Some(d) = date {
            let _ = write!(o, "<dt>{label}</dt><dd>{}</dd>", esc(r, &d.to_string()));
        }
    }
    let cutoff = r
        .case
        .cutoff
        .map_or(l.not_given.to_string(), |d| d.to_string());
    let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", l.cutoff, esc(r, &cutoff));
    signature_rows(&mut o, r, l);
    o.push_str("</dl></header>\n");
    if let Some(d) = r
        .case
        .disclosure
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        let _ = write!(
            o,
            "<section class=\"subject\"><h2>{}</h2><blockquote>",
            l.subject
        );
        let (shown, cut) = disclosure_shown(d);
        paragraphs(&mut o, &shown);
        if cut {
            let _ = write!(
                o,
                "<p class=\"continued\"><a href=\"#subject-full\">{}</a></p>",
                l.continued
            );
        }
        o.push_str("</blockquote></section>\n");
    }
    part1(&mut o, r, l);
    o.push('\n');
    part2(&mut o, r, l);
    o.push('\n');
    family_annex(&mut o, r, l);
    o.push('\n');
    appendix(&mut o, r, l);
    let _ = write!(
        o,
        "\n<footer>{} {} · {}</footer>\n</main>\n</body>\n</html>\n",
        l.generated,
        esc(r, &r.generator),
        esc(r, &r.generated_at)
    );
    o
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_kept_whole_and_nothing_else_changes() {
        assert_eq!(
            super::nowrap_dates("US 1 B2 2010-01-05 — x 12010-01-05"),
            "US 1 B2 <span class=\"nowrap\">2010-01-05</span> — x 12010-01-05"
        );
        assert_eq!(
            super::nowrap_dates("é 2009-09-01"),
            "é <span class=\"nowrap\">2009-09-01</span>"
        );
        assert_eq!(
            super::escape("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
        );
    }
}
