//! What the Markdown and HTML reports show alike, worked out once in the report language:
//! the per-claim lines of part 2, the family annex rows, the box C legend markers and the
//! classification symbols searched. The renderers only escape and lay these out.

use super::strings::Labels;
use super::{ipc_display, number_display, typo, Report};
use crate::lang::long_date;
use crate::model::ClassCode;

/// One claim or feature in part 2: its text and which documents bear on it.
pub struct ClaimLine {
    pub number: u32,
    pub text: String,
    /// `US1B2 (X), US3A1 (A) — named by an X or Y citation`, or that none does.
    pub verdict: String,
}

/// Part 2's line for each claim or feature.
pub fn claim_lines(r: &Report, l: &Labels) -> Vec<ClaimLine> {
    r.claims
        .iter()
        .map(|claim| {
            let docs: Vec<String> = claim
                .documents
                .iter()
                .map(|id| match r.cited(id) {
                    Some(c) => format!("{id} ({})", c.categories),
                    None => id.clone(),
                })
                .collect();
            let docs = if docs.is_empty() {
                l.no_document_cited.to_string()
            } else {
                docs.join(", ")
            };
            let covered = if claim.covered {
                l.line_covered
            } else {
                l.line_not_covered
            };
            ClaimLine {
                number: claim.number,
                text: claim.text.clone(),
                verdict: typo(r.lang, &format!("{docs} — {covered}")),
            }
        })
        .collect()
}

/// A row of the family annex.
pub struct FamilyRow {
    /// The cited document, as numbered in box C.
    pub cited: String,
    pub member: String,
    /// ISO date, or empty.
    pub date: String,
    pub corpus: String,
}

/// Every family member of every cited document, in box C order.
pub fn family_rows(r: &Report) -> Vec<FamilyRow> {
    r.citations
        .iter()
        .flat_map(|c| {
            c.family.iter().map(move |m| FamilyRow {
                cited: number_display(c),
                member: m.number.clone().unwrap_or_else(|| m.id.clone()),
                date: m
                    .publication_date
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                corpus: m.corpus.clone(),
            })
        })
        .collect()
}

/// The markers box C uses in this report, with their meaning: `†` published on or after
/// the cutoff date, `‡` category P without a filing date.
pub fn legend_markers(r: &Report, l: &Labels) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if r.citations.iter().any(|c| c.after_cutoff) {
        let cutoff = r
            .case
            .cutoff
            .map_or(l.not_given.to_string(), |d| long_date(r.lang.code(), d));
        out.push((
            "†",
            typo(r.lang, &l.legend_after_cutoff.replace("{cutoff}", &cutoff)),
        ));
    }
    if r.citations.iter().any(|c| c.p_without_filing_date) {
        out.push(("‡", typo(r.lang, l.legend_p_no_filing)));
    }
    out
}

/// The classification symbols searched, one line each: `IPC F04B 17/00 (#1, #3; case)`.
pub fn searched_lines(r: &Report, l: &Labels) -> Vec<String> {
    r.classification
        .searched
        .iter()
        .map(|s| {
            let shown = ClassCode::parse(&s.symbol).map_or(s.symbol.clone(), |c| ipc_display(&c));
            let mut from: Vec<String> = s.strategies.iter().map(|n| format!("#{n}")).collect();
            if s.given {
                from.push(l.class_of_case.to_string());
            }
            format!("{} {shown} ({})", s.scheme.to_uppercase(), from.join(", "))
        })
        .collect()
}
