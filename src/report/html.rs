//! The HTML report: one self-contained file (inline CSS, no scripts, no external resources)
//! laid out for A4 paper. Every string that comes from a case or a document goes through
//! [`escape`]; only the fixed markup of this module is written raw.

use super::strings::{labels, Labels};
use super::{
    citation_line, excerpt, ipc_display, number_display, passage_place, ClassSource, Report,
};
use crate::case::{format_claims, Categories, Category, Citation};
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

const CSS: &str = r#"
@page { size: A4; margin: 16mm 15mm 18mm; }
:root { --ink: #1d2330; --muted: #5b6475; --line: #c9cfd9; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { font: 10.5pt/1.45 "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); background: #eef1f5; }
body { margin: 0; }
main { max-width: 190mm; margin: 10mm auto; background: #fff; padding: 12mm 14mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-size: 18pt; line-height: 1.2; margin: .15em 0 .5em; overflow-wrap: anywhere; }
h2 { font-size: 13pt; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 2pt; margin: 1.4em 0 .6em; break-after: avoid; }
h3 { font-size: 11pt; margin: .2em 0 .45em; break-after: avoid; }
h4 { font-size: 10pt; margin: .9em 0 .35em; break-after: avoid; }
p { margin: .3em 0 .5em; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: var(--muted); margin: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; margin: 0; font-size: 9.5pt; }
dl.meta dt, .muted { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.box { border: 1px solid var(--line); border-radius: 3pt; padding: 7pt 9pt 5pt; margin: 0 0 9pt; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; margin: .3em 0 .6em; }
th, td { border: 1px solid var(--line); padding: 3pt 5pt; vertical-align: top; text-align: left; }
td { overflow-wrap: break-word; }
th { background: #f2f4f8; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; width: 1%; }
.nowrap { white-space: nowrap; }
th.nowrap, td.nowrap { width: 1%; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.8pt; white-space: pre-wrap; overflow-wrap: anywhere; }
td.cat { width: 1%; text-align: center; }
td.claims { width: 1%; min-width: 5em; }
.badge { display: inline-block; min-width: 2.3em; text-align: center; font-weight: 700; padding: 0 4pt; border: 1.5px solid currentColor; border-radius: 3pt; }
.cat-x { color: #a61b1b; } .cat-y { color: #b35c00; } .cat-q { color: #1f4e79; } .cat-a { color: #4a5a6a; }
.passages { margin: 3pt 0 0; padding-left: 1.1em; }
.passages li { margin: 1pt 0; }
.place { color: var(--muted); white-space: nowrap; }
.note { margin: 4pt 0 0; font-size: 9pt; background: #fff8e1; padding: 2pt 5pt; border-left: 3px solid #d9a400; }
.legend { font-size: 8pt; color: var(--muted); margin-top: 4pt; }
.legend dl { display: grid; grid-template-columns: 1.4em 1fr; gap: 1pt 5pt; margin: 2pt 0 0; }
.legend dt { font-weight: 700; color: var(--ink); }
blockquote { margin: 0 0 .6em; padding: 3pt 10pt; border-left: 3px solid var(--line); }
ol.closest > li { margin-bottom: 6pt; break-inside: avoid; }
ol.closest ul { margin: 2pt 0; padding-left: 1.1em; }
.disclaimer { font-size: 8.5pt; color: var(--muted); font-style: italic; border-top: 1px solid var(--line); padding-top: 4pt; margin-top: 10pt; }
.appendix { break-before: page; }
article.doc { border-top: 1px solid var(--line); padding-top: 6pt; margin-top: 8pt; }
article.doc h3 { overflow-wrap: anywhere; }
dl.biblio { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; font-size: 9pt; margin: 0 0 4pt; }
footer { font-size: 8pt; color: var(--muted); margin-top: 12pt; }
@media print {
  html { background: none; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { margin: 0; padding: 0; box-shadow: none; max-width: none; }
}
"#;

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

fn citation_cell(o: &mut String, r: &Report, c: &Citation, l: &Labels) {
    let line = nowrap_dates(&escape(&citation_line(c, r.lang)));
    let _ = write!(o, "<div>{line}</div>");
    if !c.passages.is_empty() {
        o.push_str("<ul class=\"passages\">");
        for p in &c.passages {
            let place = passage_place(p, l)
                .map(|x| format!(" <span class=\"place\">({})</span>", escape(&x)))
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
        note(o, l, n);
    }
}

/// A searcher's note on a citation, labelled.
fn note(o: &mut String, l: &Labels, text: &str) {
    let _ = write!(
        o,
        "<p class=\"note\"><strong>{}{}</strong> <bdi>{}</bdi></p>",
        l.note,
        l.colon,
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
            "{}{} <span class=\"muted\">{}</span>",
            l.ipc, l.colon, l.not_given
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
            "{}{} <strong>{}</strong> <span class=\"muted\">({source})</span>",
            l.ipc,
            l.colon,
            codes.join("; ")
        );
    }
    o.push_str("</p></div>");

    let _ = write!(
        o,
        "<div class=\"box\"><h3>{}</h3><p class=\"muted\">{}</p>",
        l.fields_searched, l.databases
    );
    if !r.collections.is_empty() {
        let _ = write!(o, "<table class=\"collections\"><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>", l.col_collection, l.col_strategies, l.col_hits);
        for c in &r.collections {
            let nums: Vec<String> = c.strategies.iter().map(|n| format!("#{n}")).collect();
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&c.corpus),
                nums.join(", "),
                c.hits
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
            let mut hits: Vec<String> = s
                .hits
                .iter()
                .map(|h| format!("{}:&nbsp;{}", escape(&h.corpus), h.hits))
                .collect();
            if s.hits.len() > 1 {
                hits.push(format!("{}:&nbsp;{}", l.total, s.total()));
            }
            let date = s.at.get(..10).unwrap_or(&s.at);
            let _ = write!(o, "<tr><td class=\"num\">{}</td><td><code>{}</code></td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td></tr>", s.number, escape(&s.query), hits.join("<br>"), escape(date));
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
            let _ = write!(o, "<tr><td class=\"cat\">{}</td><td>", badge(&c.categories));
            citation_cell(o, r, c, l);
            let claims = if c.claims.is_empty() {
                "—".to_string()
            } else {
                format_claims(&c.claims)
            };
            let _ = write!(o, "</td><td class=\"claims\">{claims}</td></tr>");
        }
        o.push_str("</tbody></table>");
    }
    let _ = write!(o, "<div class=\"legend\"><p>{}</p><dl>", l.legend);
    for cat in Category::ALL {
        let _ = write!(
            o,
            "<dt>{}</dt><dd>{}</dd>",
            cat.letter(),
            escape(l.meaning(cat))
        );
    }
    o.push_str("</dl></div></div></section>");
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
                escape(&c.id),
                escape(&c.title)
            );
            for why in &c.reasons {
                let _ = write!(o, "<li>{}</li>", escape(why));
            }
            o.push_str("</ul>");
            if let Some(n) = &c.note {
                note(o, l, n);
            }
            o.push_str("</li>");
        }
        o.push_str("</ol>");
    }
    let _ = write!(o, "<h3>{}</h3>", l.appears_new);
    for p in &r.summary.appears_new {
        let _ = write!(o, "<p>{}</p>", escape(p));
    }
    let _ = write!(o, "<h3>{}</h3><ol>", l.next_steps);
    for s in &r.summary.next_steps {
        let _ = write!(o, "<li>{}</li>", escape(s));
    }
    o.push_str("</ol>");
    if !r.notes.is_empty() {
        let _ = write!(o, "<h3>{}</h3><ul>", l.searcher_notes);
        for n in &r.notes {
            let _ = write!(
                o,
                "<li><span class=\"muted\">{}</span> — <bdi>{}</bdi></li>",
                escape(n.at.get(..10).unwrap_or(&n.at)),
                escape(&n.text)
            );
        }
        o.push_str("</ul>");
    }
    let _ = write!(
        o,
        "<p class=\"disclaimer\">{}</p></section>",
        escape(l.disclaimer)
    );
}

fn appendix(o: &mut String, r: &Report, l: &Labels) {
    if r.citations.is_empty() {
        return;
    }
    let _ = write!(
        o,
        "<section class=\"appendix\" id=\"appendix\"><h2>{}</h2>",
        l.appendix
    );
    for c in &r.citations {
        let s = &c.snapshot.biblio;
        let lang = r.lang.as_lang();
        let _ = write!(
            o,
            "<article class=\"doc\"><h3>{} {} — <bdi>{}</bdi></h3><dl class=\"biblio\">",
            badge(&c.categories),
            escape(&number_display(c)),
            escape(s.title_in(&lang).unwrap_or(""))
        );
        for (label, value) in super::biblio_fields(c, l) {
            let _ = write!(
                o,
                "<dt>{}</dt><dd><bdi>{}</bdi></dd>",
                escape(label),
                escape(&value)
            );
        }
        o.push_str("</dl>");
        let abs = s.abstract_in(&lang).unwrap_or("");
        if abs.is_empty() {
            let _ = write!(o, "<p class=\"muted\">{}</p>", l.no_abstract);
        } else {
            let _ = write!(
                o,
                "<h4>{}</h4><p dir=\"auto\">{}</p>",
                l.abstract_,
                escape(abs)
            );
        }
        o.push_str("</article>");
    }
    o.push_str("</section>");
}

/// Render a report as one HTML file.
pub fn render(r: &Report) -> String {
    let l = labels(r.lang);
    let mut o = String::with_capacity(16 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        r.lang.code(),
        l.report_title,
        escape(&r.case.title)
    );
    let _ = write!(
        o,
        "<header><p class=\"kicker\">{}</p><h1>{}</h1><dl class=\"meta\">",
        l.report_title,
        escape(&r.case.title)
    );
    let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", l.case, escape(&r.case.id));
    if let Some(c) = &r.case.client {
        let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", l.client, escape(c));
    }
    let cutoff = r
        .case
        .cutoff
        .map_or(l.not_given.to_string(), |d| d.to_string());
    let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", l.cutoff, escape(&cutoff));
    let _ = writeln!(
        o,
        "<dt>{}</dt><dd>{}, {}</dd></dl></header>",
        l.generated,
        escape(&r.generator),
        escape(&r.generated_at)
    );
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
        for para in excerpt(d, 1500)
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
        {
            let _ = write!(o, "<p dir=\"auto\">{}</p>", escape(para.trim()));
        }
        o.push_str("</blockquote></section>\n");
    }
    part1(&mut o, r, l);
    o.push('\n');
    part2(&mut o, r, l);
    o.push('\n');
    appendix(&mut o, r, l);
    let _ = write!(
        o,
        "\n<footer>{} · {}</footer>\n</main>\n</body>\n</html>\n",
        escape(&r.generator),
        escape(&r.generated_at)
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
