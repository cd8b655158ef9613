//! The HTML report's style sheet: the screen and A4 layout, and the printed page's margin
//! boxes (running header, page numbers) written per report in its language.

use super::strings::Labels;
use super::Report;
use crate::lang::long_date;
use std::fmt::Write;

/// Screen and print layout (inline in the report: no external resource). Margins, padding and
/// alignment are logical (`inline-start`, `start`, `end`), so an Arabic report
/// (`dir="rtl"`) mirrors its layout without rules of its own beyond the font and the
/// letter-spacing Arabic cannot take.
pub const CSS: &str = r#"
@page { size: A4; margin: 18mm 15mm 18mm; }
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
th, td { border: 1px solid var(--line); padding: 3pt 5pt; vertical-align: top; text-align: start; }
td { overflow-wrap: break-word; }
th { background: #f2f4f8; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.num { text-align: end; white-space: nowrap; width: 1%; }
.nowrap { white-space: nowrap; }
th.nowrap, td.nowrap { width: 1%; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.8pt; white-space: pre-wrap; overflow-wrap: anywhere; }
td.cat { width: 1%; text-align: center; }
td.claims { width: 1%; min-width: 5em; }
.badge { display: inline-block; min-width: 2.3em; text-align: center; font-weight: 700; padding: 0 4pt; border: 1.5px solid currentColor; border-radius: 3pt; }
.cat-x { color: #a61b1b; } .cat-y { color: #b35c00; } .cat-q { color: #1f4e79; } .cat-a { color: #4a5a6a; }
.passages { margin: 3pt 0 0; padding-inline-start: 1.1em; }
.passages li { margin: 1pt 0; }
.place { color: var(--muted); white-space: nowrap; }
.note { margin: 4pt 0 0; font-size: 9pt; background: #fff8e1; padding: 2pt 5pt; border-inline-start: 3px solid #d9a400; }
.legend { font-size: 8pt; color: var(--muted); margin-top: 4pt; }
.legend dl { display: grid; grid-template-columns: 1.4em 1fr; gap: 1pt 5pt; margin: 2pt 0 0; }
.legend dt { font-weight: 700; color: var(--ink); }
blockquote { margin: 0 0 .6em; padding: 3pt 10pt; border-inline-start: 3px solid var(--line); }
ol.closest > li { margin-bottom: 6pt; break-inside: avoid; }
ol.closest ul { margin: 2pt 0; padding-inline-start: 1.1em; }
.disclaimer { font-size: 8.5pt; color: var(--muted); font-style: italic; border-top: 1px solid var(--line); padding-top: 4pt; margin-top: 10pt; }
.appendix { break-before: page; }
article.doc { border-top: 1px solid var(--line); padding-top: 6pt; margin-top: 8pt; }
article.doc h3 { overflow-wrap: anywhere; }
dl.biblio { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; font-size: 9pt; margin: 0 0 4pt; }
footer { font-size: 8pt; color: var(--muted); margin-top: 12pt; }
.draft-banner { border: 2px dashed #a61b1b; color: #a61b1b; font-weight: 700; padding: 4pt 8pt; margin: 0 0 8pt; }
.mark { color: #a61b1b; font-weight: 700; }
.combined { font-style: italic; margin: 2pt 0 0; }
.continued { font-style: italic; color: var(--muted); }
.coverage { font-size: 9pt; }
ul.claims-cover > li { margin-bottom: 4pt; }
.verdict { color: var(--muted); }
.verdict.open { color: #1d6b2f; font-weight: 600; }
.signature dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; margin: 0; }
.pre { white-space: pre-line; }
bdi[dir="ltr"] { unicode-bidi: isolate; }
html[dir="rtl"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "DejaVu Sans", Tahoma, "Segoe UI", sans-serif; line-height: 1.6; }
html[dir="rtl"] .kicker { letter-spacing: 0; text-transform: none; }
html[dir="rtl"] .disclaimer, html[dir="rtl"] .combined, html[dir="rtl"] .continued { font-style: normal; }
@media print {
  html { background: none; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { margin: 0; padding: 0; box-shadow: none; max-width: none; }
}
"#;

/// A CSS string literal holding `text`: quotes, backslashes, line breaks, controls and the
/// characters that could close the `<style>` element are written as CSS escapes.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_control() || matches!(c, '"' | '\\' | '<' | '>' | '&') {
            let _ = write!(out, "\\{:x} ", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// The printed page's margin boxes: the case id and title as a running header, draft or
/// completion on the right, and `Page 2 of 5` in the report language at the foot.
pub fn page_css(r: &Report, l: &Labels) -> String {
    let head = css_string(&format!("{} — {}", r.case.id, r.case.title));
    let state = match r.completed_on {
        Some(d) => css_string(&long_date(r.lang.code(), d)),
        None => css_string(l.draft),
    };
    // `Page {page} of {pages}` becomes "Page " counter(page) " of " counter(pages).
    let mut footer = Vec::new();
    let mut rest = l.page_of;
    while let Some(i) = rest.find('{') {
        let (text, tail) = rest.split_at(i);
        if !text.is_empty() {
            footer.push(css_string(text));
        }
        if let Some(t) = tail.strip_prefix("{pages}") {
            footer.push("counter(pages)".to_string());
            rest = t;
        } else if let Some(t) = tail.strip_prefix("{page}") {
            footer.push("counter(page)".to_string());
            rest = t;
        } else {
            footer.push(css_string("{"));
            rest = tail.get(1..).unwrap_or_default();
        }
    }
    if !rest.is_empty() {
        footer.push(css_string(rest));
    }
    // The running header starts on the side the language starts on.
    let (start, end) = if r.lang.is_rtl() {
        ("top-right", "top-left")
    } else {
        ("top-left", "top-right")
    };
    format!(
        "@page {{\n  @{start} {{ content: {head}; font-size: 8pt; color: #5b6475; }}\n  @{end} {{ content: {state}; font-size: 8pt; color: #5b6475; }}\n  @bottom-center {{ content: {}; font-size: 8pt; color: #5b6475; }}\n}}\n",
        footer.join(" ")
    )
}
