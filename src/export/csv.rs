//! CSV as RFC 4180 describes it: UTF-8, CRLF after every record (the header too), a field
//! quoted when it holds `"`, `,`, CR or LF, and a `"` inside a quoted field doubled.
//!
//! Document text may hold anything, so every text cell is made safe for a spreadsheet:
//! - control characters other than line feed and tab become spaces, and a CR or CR LF inside
//!   a field becomes one LF (kept inside the quotes, so the record stays one record);
//! - a cell that would start with `=`, `+`, `-`, `@` or a tab, which a spreadsheet could
//!   read as a formula, gets an apostrophe in front (`'=HYPERLINK(…)`): shown as text,
//!   never run. Numbers written by tisc (rank, score) are left as they are.

use super::{passages, public_url};
use crate::case::{format_claims, Citation};
use crate::model::Biblio;
use crate::search::Hit;

/// One cell: text from a document or the user (made safe), or a number tisc wrote.
pub enum Cell {
    Text(String),
    Num(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// A header row and the rows under it, as an RFC 4180 file.
pub fn table(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = String::new();
    let head: Vec<String> = header.iter().map(|h| quote(h)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => quote(&safe_text(t)),
                Cell::Num(n) => quote(&clean_controls(n)),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A field as RFC 4180 writes it: quoted (inner quotes doubled) when it holds `"`, `,`, CR
/// or LF; as it is otherwise.
pub fn quote(field: &str) -> String {
    if field.contains(['"', ',', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Control characters other than LF and tab made spaces; CR LF and lone CR made LF.
fn clean_controls(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A text cell made safe: controls cleaned, and an apostrophe before a leading formula sign.
fn safe_text(s: &str) -> String {
    let s = clean_controls(s);
    if s.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{s}")
    } else {
        s
    }
}

/// The header of `tisc search --format csv`.
pub const SEARCH_HEADER: &[&str] = &[
    "rank",
    "id",
    "title",
    "date",
    "corpus",
    "kind",
    "kind_code",
    "score",
    "after_cutoff",
    "strategies",
    "family",
    "url",
];

/// The rows of a search, one per fused row, under [`SEARCH_HEADER`].
pub fn hits(hits: &[Hit]) -> String {
    let rows: Vec<Vec<Cell>> = hits
        .iter()
        .map(|h| {
            vec![
                Cell::Num(h.rank.to_string()),
                Cell::text(&h.id),
                Cell::text(&h.title),
                Cell::text(h.date.map(|d| d.to_string()).unwrap_or_default()),
                Cell::text(&h.corpus),
                Cell::text(&h.kind),
                Cell::text(h.kind_code.clone().unwrap_or_default()),
                Cell::Num(format!("{:.4}", h.score)),
                Cell::text(match h.after_cutoff {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "unknown",
                }),
                Cell::text(
                    h.strategies
                        .iter()
                        .map(|(k, r)| format!("#{k}:{r}"))
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                Cell::text(h.family.join(" ")),
                Cell::text(super::public_url_of_id(&h.id, &h.kind).unwrap_or_default()),
            ]
        })
        .collect();
    table(SEARCH_HEADER, &rows)
}

/// The header of `tisc case export --format csv`.
pub const CASE_HEADER: &[&str] = &[
    "category",
    "id",
    "title",
    "date",
    "corpus",
    "kind",
    "number",
    "applicants",
    "inventors",
    "authors",
    "journal",
    "ipc",
    "doi",
    "pmid",
    "claims",
    "passages",
    "note",
    "url",
];

/// A case's citations, one row each, under [`CASE_HEADER`].
pub fn citations(citations: &[Citation]) -> String {
    let rows: Vec<Vec<Cell>> = citations
        .iter()
        .map(|c| {
            let b: &Biblio = &c.snapshot.biblio;
            vec![
                Cell::text(c.categories.to_string()),
                Cell::text(&b.id),
                Cell::text(b.title()),
                Cell::text(
                    b.publication_date
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
                Cell::text(&c.doc.corpus),
                Cell::text(b.kind.as_str()),
                Cell::text(b.number.as_ref().map(|n| n.canonical()).unwrap_or_default()),
                Cell::text(b.applicants.join("; ")),
                Cell::text(b.inventors.join("; ")),
                Cell::text(b.authors.join("; ")),
                Cell::text(b.journal.clone().unwrap_or_default()),
                Cell::text(
                    b.ipc
                        .iter()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                Cell::text(b.doi.clone().unwrap_or_default()),
                Cell::text(b.pmid.clone().unwrap_or_default()),
                Cell::text(format_claims(&c.claims)),
                Cell::text(passages(&c.passages)),
                Cell::text(c.note.clone().unwrap_or_default()),
                Cell::text(public_url(b).unwrap_or_default()),
            ]
        })
        .collect();
    table(CASE_HEADER, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_neutralised() {
        let out = table(
            &["a", "b", "c"],
            &[vec![
                Cell::text("=HYPERLINK(\"x\",\"y\")"),
                Cell::text("line\r\none, \u{1b}[2Jtwo"),
                Cell::Num("-1.5".into()),
            ]],
        );
        assert_eq!(
            out,
            "a,b,c\r\n\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",\"line\none,  [2Jtwo\",-1.5\r\n"
        );
        assert_eq!(quote("plain"), "plain");
        assert_eq!(safe_text("@cmd"), "'@cmd");
        assert_eq!(safe_text("\tx"), "'\tx");
    }
}
