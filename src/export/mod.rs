//! Exports for the tools searchers already use: CSV for spreadsheets, RIS for Zotero and
//! EndNote, BibTeX (biblatex style) for JabRef and LaTeX, and the public page of a document
//! as a plain link.
//!
//! Everything here works from bibliographic data alone (a case's citation snapshots or a
//! search's rows), so an export needs no index. Nothing is fetched: the links are written,
//! never followed. Each writer returns the whole file as a `String`; the CLI decides where it
//! goes.

pub mod bibtex;
pub mod csv;
pub mod ris;

use crate::case::{format_claims, Citation, Passage};
use crate::model::{Biblio, DocKind, PatentNumber};

/// The public page of a document, as a plain URL (never fetched): Espacenet for a patent
/// with a publication number, PubMed for an article with a PMID, else the DOI resolver.
/// `None` when the document has none of these.
pub fn public_url(biblio: &Biblio) -> Option<String> {
    if biblio.kind == DocKind::Patent {
        if let Some(n) = &biblio.number {
            return Some(espacenet_url(n));
        }
    }
    if let Some(pmid) = biblio.pmid.as_deref().and_then(pmid_digits) {
        return Some(format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"));
    }
    biblio.doi.as_deref().and_then(doi_url)
}

/// The public page of a search row, from its canonical id and kind (`patent` or `article`):
/// `US7640932B2`, `PMID:123`, `doi:10.…`. `None` for a collection's own ids.
pub fn public_url_of_id(id: &str, kind: &str) -> Option<String> {
    let lower = id.to_ascii_lowercase();
    if let Some(pmid) = lower.strip_prefix("pmid:") {
        return pmid_digits(pmid).map(|p| format!("https://pubmed.ncbi.nlm.nih.gov/{p}/"));
    }
    if lower.starts_with("doi:") {
        return id.get(4..).and_then(doi_url);
    }
    if kind == DocKind::Patent.as_str() {
        // Only an id that is already a canonical publication number (or the unpadded EP id
        // of an index built before padding): a collection's own id that happens to parse as
        // one is not linked.
        if let Ok(n) = PatentNumber::parse(id) {
            if n.spellings(true).iter().any(|s| s == id) {
                return Some(espacenet_url(&n));
            }
        }
    }
    None
}

/// Espacenet's search page for one publication number (`pn=US7640932B2`), which opens the
/// document itself when the number is found.
fn espacenet_url(n: &PatentNumber) -> String {
    format!(
        "https://worldwide.espacenet.com/patent/search?q=pn%3D{}",
        percent_encode(&n.canonical())
    )
}

/// A PMID made of digits only (surrounding spaces ignored).
fn pmid_digits(pmid: &str) -> Option<&str> {
    let p = pmid.trim();
    (!p.is_empty() && p.chars().all(|c| c.is_ascii_digit())).then_some(p)
}

/// `https://doi.org/10.…`, for a DOI that starts with `10.`; characters outside the safe set
/// are percent-encoded, so the link is one token whatever the DOI holds.
fn doi_url(doi: &str) -> Option<String> {
    let d = doi.trim();
    let d = d
        .strip_prefix("https://doi.org/")
        .or_else(|| d.strip_prefix("http://dx.doi.org/"))
        .unwrap_or(d);
    d.starts_with("10.")
        .then(|| format!("https://doi.org/{}", percent_encode(d)))
}

/// Percent-encode every byte outside `A-Z a-z 0-9 - . _ ~ / : ; ( )`.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:;()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The export formats of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseFormat {
    Csv,
    Ris,
    Bibtex,
}

/// A case's citations written in `format`.
pub fn case_export(citations: &[Citation], format: CaseFormat) -> String {
    match format {
        CaseFormat::Csv => csv::citations(citations),
        CaseFormat::Ris => ris::citations(citations),
        CaseFormat::Bibtex => bibtex::citations(citations),
    }
}

/// Text on one line: line breaks and other control characters become spaces, runs of spaces
/// one space, ends trimmed.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_control() || c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The searcher's findings about a citation as one line: category, claims, passages, note.
pub(crate) fn findings(c: &Citation) -> String {
    let mut parts = vec![format!("Category {}", c.categories)];
    if !c.claims.is_empty() {
        parts.push(format!("claims {}", format_claims(&c.claims)));
    }
    if !c.passages.is_empty() {
        parts.push(format!("passages: {}", passages(&c.passages)));
    }
    if let Some(n) = &c.note {
        parts.push(format!("note: {n}"));
    }
    one_line(&parts.join("; "))
}

/// Passages as one line: each quotation or locator, with where it was found.
pub(crate) fn passages(ps: &[Passage]) -> String {
    ps.iter()
        .map(|p| {
            let mut s = one_line(&p.text);
            if let Some(n) = p.claim {
                s.push_str(&format!(" (claim {n})"));
            } else if let Some(par) = &p.paragraph {
                s.push_str(&format!(" (paragraph {par})"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Lang};

    fn biblio(kind: DocKind) -> Biblio {
        Biblio {
            id: "X".into(),
            kind,
            number: None,
            lang: Lang::en(),
            titles: vec![],
            abstracts: vec![],
            applicants: vec![],
            inventors: vec![],
            authors: vec![],
            journal: None,
            ipc: vec![],
            cpc: vec![],
            publication_date: Date::new(2010, 1, 2),
            filing_date: None,
            application_number: None,
            family_id: None,
            doi: None,
            pmid: None,
            pmcid: None,
        }
    }

    #[test]
    fn public_pages_of_patents_and_articles() {
        let mut p = biblio(DocKind::Patent);
        p.number = PatentNumber::parse("US 7,640,932 B2").ok();
        assert_eq!(
            public_url(&p).as_deref(),
            Some("https://worldwide.espacenet.com/patent/search?q=pn%3DUS7640932B2")
        );
        let mut a = biblio(DocKind::Article);
        a.doi = Some("10.1000/a<b>c".into());
        assert_eq!(
            public_url(&a).as_deref(),
            Some("https://doi.org/10.1000/a%3Cb%3Ec")
        );
        a.pmid = Some("31000001".into());
        assert_eq!(
            public_url(&a).as_deref(),
            Some("https://pubmed.ncbi.nlm.nih.gov/31000001/")
        );
        a.pmid = Some("12; rm".into());
        a.doi = Some("not a doi".into());
        assert_eq!(public_url(&a), None);
        assert_eq!(
            public_url_of_id("PMID:42", "article").as_deref(),
            Some("https://pubmed.ncbi.nlm.nih.gov/42/")
        );
        assert!(public_url_of_id("EP3404678B1", "patent").is_some());
        // An EP id of an index built before padding links to the padded number.
        assert_eq!(
            public_url_of_id("EP546210B2", "patent"),
            public_url_of_id("EP0546210B2", "patent")
        );
        assert!(public_url_of_id("EP546210B2", "patent")
            .is_some_and(|u| u.ends_with("pn%3DEP0546210B2")));
        assert_eq!(public_url_of_id("D1", "patent"), None);
    }

    #[test]
    fn one_line_flattens_controls() {
        assert_eq!(one_line(" a\r\nb\u{1b}[2J\tc  "), "a b [2J c");
    }
}
