//! BibTeX in biblatex style, for JabRef, Zotero (Better BibTeX) and LaTeX.
//!
//! A patent is `@patent` with `number` (the publication number), `holder` (the applicants),
//! `author` (the inventors), `date` (`YYYY-MM-DD`), `type` (`patentus`, `patenteu`,
//! `patentde`, `patentfr`, `patentuk`, else `patent`) and `url` (Espacenet). An article is
//! `@article` with `author`, `journaltitle`, `date`, `doi`, `eprint` + `eprinttype = {pubmed}`
//! for the PMID, and `url`. The searcher's category, claims, passages and note go in
//! `annotation`.
//!
//! Keys are stable: the publication number for a patent (`US7640932B2`), `pmid123` or the
//! DOI for an article, else the document id, with characters outside `A-Z a-z 0-9 - _ : .`
//! dropped; a key already used gets `-2`, `-3`… in citation order.
//!
//! Text fields escape every BibTeX special (`{ } % & # _ $ \ ~ ^`), so a hostile title cannot
//! close a field or an entry. `url` and `doi` are verbatim fields in biblatex: characters
//! that could end them (`{ } \`, spaces, controls) are dropped from them instead.

use super::{findings, one_line, public_url};
use crate::case::Citation;
use crate::model::{Biblio, DocKind};
use std::collections::HashSet;

/// A case's citations as biblatex entries.
pub fn citations(citations: &[Citation]) -> String {
    let mut used = HashSet::new();
    let mut out = String::new();
    for c in citations {
        let key = unique_key(&base_key(&c.snapshot.biblio), &mut used);
        entry(&mut out, &key, c);
    }
    out
}

fn base_key(b: &Biblio) -> String {
    let raw = if let (DocKind::Patent, Some(n)) = (b.kind, &b.number) {
        n.canonical()
    } else if let Some(p) = &b.pmid {
        format!("pmid{p}")
    } else if let Some(d) = &b.doi {
        format!("doi:{d}")
    } else {
        b.id.clone()
    };
    let key: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
        .collect();
    if key.is_empty() {
        "doc".to_string()
    } else {
        key
    }
}

fn unique_key(base: &str, used: &mut HashSet<String>) -> String {
    let mut key = base.to_string();
    let mut n = 2;
    while !used.insert(key.to_ascii_lowercase()) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

/// Text with every BibTeX special escaped, on one line.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '{' | '}' | '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// A verbatim field's value: nothing that could end the field or the line.
fn verbatim(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace() && !"{}\\".contains(*c))
        .collect()
}

fn field(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    }
}

/// Names joined with ` and `. A person's name written `Last, First` is left for biblatex to
/// split; any other (an organisation, `Last Initials`, a name holding `and`) is braced whole
/// so it is printed as written.
fn names(list: &[String], people: bool) -> String {
    list.iter()
        .map(|n| escape(n))
        .filter(|n| !n.is_empty())
        .map(|n| {
            let splittable = people
                && n.matches(',').count() == 1
                && !n
                    .to_ascii_lowercase()
                    .split_whitespace()
                    .any(|w| w == "and");
            if splittable {
                n
            } else {
                format!("{{{n}}}")
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

fn patent_type(country: &str) -> &'static str {
    match country {
        "US" => "patentus",
        "EP" => "patenteu",
        "DE" => "patentde",
        "FR" => "patentfr",
        "GB" => "patentuk",
        _ => "patent",
    }
}

fn entry(out: &mut String, key: &str, c: &Citation) {
    let b = &c.snapshot.biblio;
    let patent = b.kind == DocKind::Patent;
    out.push_str(&format!(
        "@{}{{{key},\n",
        if patent { "patent" } else { "article" }
    ));
    let title = b.title();
    field(
        out,
        "title",
        &escape(if title.is_empty() { &b.id } else { title }),
    );
    if patent {
        field(out, "author", &names(&b.inventors, true));
        field(out, "holder", &names(&b.applicants, false));
        let number = b.number.as_ref().map_or(b.id.clone(), |n| n.canonical());
        field(out, "number", &escape(&number));
        let country = b.number.as_ref().map_or("", |n| n.country.as_str());
        field(out, "type", patent_type(country));
    } else {
        field(out, "author", &names(&b.authors, true));
        if let Some(j) = &b.journal {
            field(out, "journaltitle", &escape(j));
        }
        if let Some(p) = &b.pmid {
            field(out, "eprint", &escape(p));
            field(out, "eprinttype", "pubmed");
        }
    }
    if let Some(d) = b.publication_date {
        field(out, "date", &d.to_string());
    }
    if let Some(d) = &b.doi {
        field(out, "doi", &verbatim(d));
    }
    if let Some(u) = public_url(b) {
        field(out, "url", &verbatim(&u));
    }
    field(out, "annotation", &escape(&findings(c)));
    out.push_str("}\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_are_escaped_and_keys_unique() {
        assert_eq!(
            escape("50% {a} & b#_$ \\x ~^\n"),
            "50\\% \\{a\\} \\& b\\#\\_\\$ \\textbackslash{}x \\textasciitilde{}\\textasciicircum{}"
        );
        let mut used = HashSet::new();
        assert_eq!(unique_key("US1A", &mut used), "US1A");
        assert_eq!(unique_key("US1A", &mut used), "US1A-2");
        assert_eq!(unique_key("us1a", &mut used), "us1a-3");
        assert_eq!(verbatim("10.1/x} @misc{y"), "10.1/x@miscy");
    }
}
