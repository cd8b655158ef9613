//! The Markdown report: CommonMark with GitHub-style tables, so it reads the same on
//! GitHub, GitLab, VS Code and pandoc. Every case and document string is escaped, so no
//! text can turn into markup or raw HTML.

use super::strings::{labels, Labels};
use super::view::{claim_lines, family_rows, legend_markers, searched_lines, signature};
use super::{
    citation_line, claims_cell, combination, count, coverage_line, disclosure_shown, ipc_display,
    number_display, passage_place, strategy_hits_line, typo, Cited, ClassSource, Report,
};
use crate::case::Category;
use std::fmt::Write;

/// Escape text for inline Markdown: every punctuation character with a meaning is
/// backslash-escaped and line breaks become spaces (a table cell is one line).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A code span that survives any content: the fence is longer than any run of backticks
/// inside, and `|` is escaped for tables.
fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let body = s.replace(['\n', '\r'], " ").replace('|', "\\|");
    // A space pads the content only where a backtick would touch the fence.
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// Paragraphs of a long text as a block quote; line breaks inside a paragraph are kept
/// (hard breaks).
fn quote_block(out: &mut String, text: &str) {
    for (i, para) in text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push_str(">\n");
        }
        let lines: Vec<String> = para
            .trim()
            .lines()
            .map(|line| escape(line.trim_end()))
            .collect();
        let _ = writeln!(out, "> {}", lines.join("\\\n> "));
    }
    out.push('\n');
}

fn cell_citation(r: &Report, c: &Cited, l: &Labels) -> String {
    let mut cell = escape(&citation_line(c, r.lang));
    if let Some(with) = combination(r, l, c) {
        let _ = write!(cell, "<br>*{}*", escape(&with));
    }
    for p in &c.passages {
        let place = passage_place(p, l).map(|p| format!(" ({})", escape(&p)));
        let _ = write!(
            cell,
            "<br>{}{}{}{}",
            l.quote_open,
            escape(&p.text),
            l.quote_close,
            place.unwrap_or_default()
        );
    }
    if let Some(n) = &c.note {
        let _ = write!(
            cell,
            "<br>*{}* {}",
            typo(r.lang, &format!("{}:", l.note)),
            escape(n)
        );
    }
    cell
}

/// The markers of a box C category cell: † after the cutoff, ‡ P without a filing date.
pub(super) fn markers(c: &Cited) -> String {
    let mut m = String::new();
    if c.after_cutoff {
        m.push('†');
    }
    if c.p_without_filing_date {
        m.push('‡');
    }
    m
}

fn header(o: &mut String, r: &Report, l: &Labels) {
    let title = if r.completed_on.is_none() {
        format!("{} — {}", l.draft, l.report_title)
    } else {
        l.report_title.to_string()
    };
    let _ = writeln!(o, "# {}{} {}\n", title, l.colon, escape(&r.case.title));
    if r.completed_on.is_none() {
        let _ = writeln!(o, "> **{}**\n", escape(&typo(r.lang, l.draft_notice)));
    }
    let _ = writeln!(o, "| | |\n|---|---|");
    let _ = writeln!(o, "| **{}** | {} |", l.case, escape(&r.case.id));
    if let Some(c) = &r.case.client {
        let _ = writeln!(o, "| **{}** | {} |", l.client, escape(c));
    }
    if let Some(d) = r.case.priority_date {
        let _ = writeln!(o, "| **{}** | {d} |", l.priority_date_case);
    }
    if let Some(d) = r.case.filing_date {
        let _ = writeln!(o, "| **{}** | {d} |", l.filing_date_case);
    }
    let cutoff = r
        .case
        .cutoff
        .map_or(l.not_given.to_string(), |d| d.to_string());
    let _ = writeln!(o, "| **{}** | {} |", l.cutoff, cutoff);
    for (label, value, _) in signature(r, l) {
        let _ = writeln!(o, "| **{label}** | {} |", escape(&value));
    }
    o.push('\n');
    if let Some(d) = r
        .case
        .disclosure
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        let _ = writeln!(o, "## {}\n", l.subject);
        let (shown, cut) = disclosure_shown(d);
        quote_block(o, &shown);
        if cut {
            let _ = writeln!(o, "*{}*\n", l.continued);
        }
    }
}

fn box_b(o: &mut String, r: &Report, l: &Labels) {
    let _ = writeln!(o, "### {}\n", l.fields_searched);
    let _ = writeln!(o, "**{}**\n", l.class_searched);
    if r.classification.searched.is_empty() {
        let _ = writeln!(o, "{}\n", l.class_none_searched);
    } else {
        for s in searched_lines(r, l) {
            let _ = writeln!(o, "- {}", escape(&s));
        }
        o.push('\n');
    }
    let _ = writeln!(o, "**{}**\n", l.databases);
    if !r.collections.is_empty() {
        let _ = writeln!(
            o,
            "| {} | {} | {} |\n|---|---|---|",
            l.col_collection, l.col_coverage, l.col_strategies
        );
        for c in &r.collections {
            let name = match &c.description {
                Some(d) => format!("**{}** — {}", escape(&c.corpus), escape(d)),
                None => format!("**{}**", escape(&c.corpus)),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                name,
                escape(&coverage_line(l, r.lang, c)),
                escape(&strategy_hits_line(l, r.lang, c))
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "#### {}\n", l.strategies);
    if r.strategies.is_empty() {
        let _ = writeln!(o, "{}\n", l.no_strategies);
    } else {
        let _ = writeln!(
            o,
            "| # | {} | {} | {} |\n|---:|---|---|---|",
            l.col_query, l.col_hits, l.col_date
        );
        for s in &r.strategies {
            let hits: Vec<String> = s
                .hits
                .iter()
                .map(|h| {
                    format!(
                        "{}: {}",
                        escape(&h.corpus),
                        count(r.lang, h.hits, l.hits.one, l.hits.other)
                    )
                })
                .collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                s.number,
                code(&s.query),
                hits.join(", "),
                escape(s.at.get(..10).unwrap_or(&s.at))
            );
        }
        o.push('\n');
    }
}

fn box_c(o: &mut String, r: &Report, l: &Labels) {
    let _ = writeln!(o, "### {}\n", l.documents);
    if r.citations.is_empty() {
        let _ = writeln!(o, "{}\n", l.no_documents);
    } else {
        let _ = writeln!(
            o,
            "| {} | {} | {} |\n|---|---|---|",
            l.col_category, l.col_citation, l.col_claims
        );
        for c in &r.citations {
            let _ = writeln!(
                o,
                "| **{}**{} | {} | {} |",
                c.categories,
                markers(c),
                cell_citation(r, c, l),
                escape(&claims_cell(l, r.lang, c))
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "{}\n", escape(&typo(r.lang, l.legend)));
    for cat in Category::ALL {
        let _ = writeln!(
            o,
            "- **{}** {}",
            cat.letter(),
            escape(&typo(r.lang, l.meaning(cat)))
        );
    }
    for (mark, text) in legend_markers(r, l) {
        let _ = writeln!(o, "- **{mark}** {}", escape(&text));
    }
    o.push('\n');
}

fn completion(o: &mut String, r: &Report, l: &Labels) {
    for (label, value, _) in signature(r, l) {
        let _ = writeln!(
            o,
            "{}\n",
            escape(&typo(r.lang, &format!("{label}: {value}")))
        );
    }
}

fn part2(o: &mut String, r: &Report, l: &Labels) {
    let _ = writeln!(o, "## {}\n", l.part2);
    let _ = writeln!(o, "### {}\n", l.closest);
    if r.summary.closest.is_empty() {
        let _ = writeln!(o, "{}\n", l.none_close);
    }
    for (i, c) in r.summary.closest.iter().enumerate() {
        let _ = writeln!(
            o,
            "{}. **{}** ({}) — {}",
            i + 1,
            escape(&c.id),
            c.categories,
            escape(&c.title)
        );
        for why in &c.reasons {
            let _ = writeln!(o, "   - {}", escape(why));
        }
        if let Some(n) = &c.note {
            let _ = writeln!(
                o,
                "   - *{}* {}",
                typo(r.lang, &format!("{}:", l.note)),
                escape(n)
            );
        }
    }
    o.push('\n');
    if !r.claims.is_empty() {
        let _ = writeln!(o, "### {}\n", l.claims_heading_for(r.claims_kind));
        for line in claim_lines(r, l) {
            // The claim's own line breaks kept (hard breaks inside the list item).
            let text: Vec<String> = line.text.lines().map(|t| escape(t.trim_end())).collect();
            let _ = writeln!(
                o,
                "- **{}.** {}\\\n  {}\n",
                line.number,
                text.join("\\\n  "),
                escape(&line.verdict)
            );
        }
    }
    let _ = writeln!(o, "### {}\n", l.appears_new);
    for p in &r.summary.appears_new {
        let _ = writeln!(o, "{}\n", escape(p));
    }
    let _ = writeln!(o, "### {}\n", l.next_steps);
    for (i, s) in r.summary.next_steps.iter().enumerate() {
        let _ = writeln!(o, "{}. {}", i + 1, escape(s));
    }
    o.push('\n');
    if !r.notes.is_empty() {
        let _ = writeln!(o, "### {}\n", l.searcher_notes);
        for n in &r.notes {
            let _ = writeln!(o, "- {} — {}", escape(&n.at), escape(&n.text));
        }
        o.push('\n');
    }
    let _ = writeln!(o, "*{}*\n", escape(&typo(r.lang, l.disclaimer)));
}

fn family_annex(o: &mut String, r: &Report, l: &Labels) {
    if r.citations.is_empty() {
        return;
    }
    let _ = writeln!(o, "## {}\n", l.family_annex);
    let rows = family_rows(r);
    if rows.is_empty() {
        let _ = writeln!(o, "{}\n", l.no_family);
        return;
    }
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        l.col_cited, l.col_member, l.publication_date, l.found_in
    );
    for row in rows {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            escape(&row.cited),
            escape(&row.member),
            row.date,
            escape(&row.corpus)
        );
    }
    o.push('\n');
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
    let _ = writeln!(o, "## {}\n", l.appendix);
    if let Some(d) = full {
        let _ = writeln!(o, "### {}\n", l.subject_full);
        quote_block(o, d);
    }
    for c in &r.citations {
        let s = &c.snapshot.biblio;
        let title = s.title_in(&r.lang.as_lang()).unwrap_or("");
        let _ = writeln!(
            o,
            "### {} — {}\n",
            escape(&number_display(c)),
            escape(title)
        );
        for (label, value) in super::biblio_fields(c, l) {
            let _ = writeln!(o, "- **{label}{}** {}", l.colon, escape(&value));
        }
        o.push('\n');
        let abs = s.abstract_in(&r.lang.as_lang()).unwrap_or("");
        if abs.is_empty() {
            let _ = writeln!(o, "{}\n", l.no_abstract);
        } else {
            let _ = writeln!(o, "**{}**\n", l.abstract_);
            quote_block(o, abs);
        }
    }
}

/// Render a report as Markdown.
pub fn render(r: &Report) -> String {
    let l = labels(r.lang);
    let mut o = String::new();
    header(&mut o, r, l);
    let _ = writeln!(o, "## {}\n", l.part1);
    let _ = writeln!(o, "### {}\n", l.classification);
    if r.classification.ipc.is_empty() {
        let _ = writeln!(
            o,
            "{}\n",
            typo(r.lang, &format!("{}: {}", l.ipc, l.not_given))
        );
    } else {
        let codes: Vec<String> = r.classification.ipc.iter().map(ipc_display).collect();
        let source = match r.classification.source {
            ClassSource::Given => l.class_given,
            _ => l.class_suggested,
        };
        let line = typo(
            r.lang,
            &format!("{}: {} ({source})", l.ipc, codes.join("; ")),
        );
        let _ = writeln!(o, "{}\n", escape(&line));
    }
    box_b(&mut o, r, l);
    box_c(&mut o, r, l);
    completion(&mut o, r, l);
    part2(&mut o, r, l);
    family_annex(&mut o, r, l);
    appendix(&mut o, r, l);
    let _ = writeln!(
        o,
        "---\n\n*{} {}, {}*",
        l.generated,
        escape(&r.generator),
        escape(&r.generated_at)
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>a|b</script>"),
            "\\<script\\>a\\|b\\</script\\>"
        );
        assert_eq!(escape("*x* [y](z)\nnext"), "\\*x\\* \\[y\\](z) next");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(code("a `b` | c"), "``a `b` \\| c``");
        assert_eq!(code("`x`"), "`` `x` ``");
    }
}
