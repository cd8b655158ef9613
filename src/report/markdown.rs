//! The Markdown report: CommonMark with GitHub-style tables, so it reads the same on
//! GitHub, GitLab, VS Code and pandoc. Every case and document string is escaped, so no
//! text can turn into markup or raw HTML.

use super::strings::{labels, Labels};
use super::{
    citation_line, excerpt, ipc_display, number_display, passage_place, ClassSource, Report,
};
use crate::case::{format_claims, Category};
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

/// Paragraphs of a long text as a block quote.
fn quote_block(out: &mut String, text: &str) {
    for (i, para) in text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push_str(">\n");
        }
        let _ = writeln!(out, "> {}", escape(para.trim()));
    }
    out.push('\n');
}

fn cell_citation(r: &Report, c: &crate::case::Citation, l: &Labels) -> String {
    let mut cell = escape(&citation_line(c, r.lang));
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
        let _ = write!(cell, "<br>*{}{}* {}", l.note, l.colon, escape(n));
    }
    cell
}

/// Render a report as Markdown.
pub fn render(r: &Report) -> String {
    let l = labels(r.lang);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# {}{} {}\n",
        l.report_title,
        l.colon,
        escape(&r.case.title)
    );
    let _ = writeln!(o, "| | |\n|---|---|");
    let _ = writeln!(o, "| **{}** | {} |", l.case, escape(&r.case.id));
    if let Some(c) = &r.case.client {
        let _ = writeln!(o, "| **{}** | {} |", l.client, escape(c));
    }
    let cutoff = r
        .case
        .cutoff
        .map_or(l.not_given.to_string(), |d| d.to_string());
    let _ = writeln!(o, "| **{}** | {} |", l.cutoff, cutoff);
    let _ = writeln!(
        o,
        "| **{}** | {}, {} |\n",
        l.generated,
        escape(&r.generator),
        r.generated_at
    );
    if let Some(d) = r
        .case
        .disclosure
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        let _ = writeln!(o, "## {}\n", l.subject);
        quote_block(&mut o, &excerpt(d, 1500));
    }

    let _ = writeln!(o, "## {}\n", l.part1);
    let _ = writeln!(o, "### {}\n", l.classification);
    if r.classification.ipc.is_empty() {
        let _ = writeln!(o, "{}{} {}\n", l.ipc, l.colon, l.not_given);
    } else {
        let codes: Vec<String> = r.classification.ipc.iter().map(ipc_display).collect();
        let source = match r.classification.source {
            ClassSource::Given => l.class_given,
            _ => l.class_suggested,
        };
        let _ = writeln!(
            o,
            "{}{} {} ({source})\n",
            l.ipc,
            l.colon,
            escape(&codes.join("; "))
        );
    }
    let _ = writeln!(o, "### {}\n\n{}\n", l.fields_searched, l.databases);
    if !r.collections.is_empty() {
        let _ = writeln!(
            o,
            "| {} | {} | {} |\n|---|---|---:|",
            l.col_collection, l.col_strategies, l.col_hits
        );
        for c in &r.collections {
            let nums: Vec<String> = c.strategies.iter().map(|n| format!("#{n}")).collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                escape(&c.corpus),
                nums.join(", "),
                c.hits
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
                .map(|h| format!("{}: {}", escape(&h.corpus), h.hits))
                .collect();
            let hits = if s.hits.len() > 1 {
                format!("{} ({} {})", hits.join(", "), l.total, s.total())
            } else {
                hits.join(", ")
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                s.number,
                code(&s.query),
                hits,
                escape(&s.at)
            );
        }
        o.push('\n');
    }
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
            let claims = if c.claims.is_empty() {
                "—".to_string()
            } else {
                format_claims(&c.claims)
            };
            let _ = writeln!(
                o,
                "| **{}** | {} | {} |",
                c.categories,
                cell_citation(r, c, l),
                claims
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "{}\n", escape(l.legend));
    for cat in Category::ALL {
        let _ = writeln!(o, "- **{}** {}", cat.letter(), l.meaning(cat));
    }
    o.push('\n');

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
            let _ = writeln!(o, "   - *{}{}* {}", l.note, l.colon, escape(n));
        }
    }
    o.push('\n');
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
    let _ = writeln!(o, "*{}*\n", escape(l.disclaimer));

    if !r.citations.is_empty() {
        let _ = writeln!(o, "## {}\n", l.appendix);
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
            quote_block(&mut o, abs);
        }
    }
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
