//! RIS, the tagged format Zotero, EndNote, Mendeley and JabRef import.
//!
//! Each record is a run of `XX  - value` lines, `TY` first and `ER  - ` last, ended by CR LF
//! as the RIS specification asks. Values are kept on one line (line breaks and control
//! characters become spaces). Tags used, chosen for what Zotero and EndNote read:
//!
//! | tag | patent (`TY  - PAT`) | article (`TY  - JOUR`) |
//! |-----|----------------------|------------------------|
//! | TI  | title | title |
//! | AU  | each inventor | each author |
//! | PB  | each applicant (Zotero: assignee) | — |
//! | SN  | publication number (Zotero: patent number) | — |
//! | IS  | publication number (the RIS specification's place for it, read by EndNote) | — |
//! | M1  | application number | — |
//! | T2  | — | journal |
//! | AN  | — | PMID |
//! | DO  | — | DOI |
//! | PY, DA | publication year, `YYYY/MM/DD/` | same |
//! | AB  | abstract | abstract |
//! | UR  | public page (Espacenet) | public page (PubMed or DOI) |
//! | N1  | category, claims, passages, the searcher's note | same |

use super::{findings, one_line, public_url};
use crate::case::Citation;
use crate::model::DocKind;

/// Every tag this writer uses.
pub const TAGS: &[&str] = &[
    "TY", "TI", "AU", "PB", "SN", "IS", "M1", "T2", "AN", "DO", "PY", "DA", "AB", "UR", "N1", "ER",
];

/// A case's citations as RIS records.
pub fn citations(citations: &[Citation]) -> String {
    let mut out = String::new();
    for c in citations {
        record(&mut out, c);
    }
    out
}

fn line(out: &mut String, tag: &str, value: &str) {
    let v = one_line(value);
    if v.is_empty() {
        return;
    }
    out.push_str(tag);
    out.push_str("  - ");
    out.push_str(&v);
    out.push_str("\r\n");
}

fn record(out: &mut String, c: &Citation) {
    let b = &c.snapshot.biblio;
    let patent = b.kind == DocKind::Patent;
    line(out, "TY", if patent { "PAT" } else { "JOUR" });
    let title = b.title();
    line(out, "TI", if title.is_empty() { &b.id } else { title });
    if patent {
        for i in &b.inventors {
            line(out, "AU", i);
        }
        for a in &b.applicants {
            line(out, "PB", a);
        }
        let number = b.number.as_ref().map_or(b.id.clone(), |n| n.canonical());
        line(out, "SN", &number);
        line(out, "IS", &number);
        if let Some(app) = &b.application_number {
            line(out, "M1", app);
        }
    } else {
        for a in &b.authors {
            line(out, "AU", a);
        }
        if let Some(j) = &b.journal {
            line(out, "T2", j);
        }
        if let Some(p) = &b.pmid {
            line(out, "AN", p);
        }
    }
    if let Some(d) = &b.doi {
        line(out, "DO", d);
    }
    if let Some(d) = b.publication_date {
        line(out, "PY", &format!("{:04}", d.year));
        line(
            out,
            "DA",
            &format!("{:04}/{:02}/{:02}/", d.year, d.month, d.day),
        );
    }
    if let Some(a) = b.abstract_text() {
        line(out, "AB", a);
    }
    if let Some(u) = public_url(b) {
        line(out, "UR", &u);
    }
    line(out, "N1", &findings(c));
    out.push_str("ER  - \r\n");
}
