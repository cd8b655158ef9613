//! What the Markdown and HTML reports show alike, worked out once in the report language:
//! counts and lists in words, box B coverage and hits, box C claims and combinations, the
//! per-claim lines of part 2, the family annex rows, the box C legend markers and the
//! classification symbols searched. The renderers only escape and lay these out.

use super::strings::Labels;
use super::{excerpt, ipc_display, number_display, Cited, Collection, Report, DISCLOSURE_SHOWN};
use crate::case::{Citation, ClaimsKind, ReportLang};
use crate::lang::long_date;
use crate::model::ClassCode;

/// The rows that sign a report, in order: the date of completion in words (or "draft"), then
/// the organisation and the searcher when given. The third field is true for a value a person
/// typed (isolated as bidirectional text in HTML).
pub fn signature(r: &Report, l: &Labels) -> Vec<(&'static str, String, bool)> {
    let completed = r
        .completed_on
        .map_or(l.draft.to_string(), |d| long_date(r.lang.code(), d));
    let mut rows = vec![(l.completed_on, completed, false)];
    if let Some(org) = &r.organisation {
        rows.push((l.organisation, org.clone(), true));
    }
    if let Some(s) = &r.searcher {
        rows.push((l.searcher, s.clone(), true));
    }
    rows
}

/// `items` as a list in words: `A`, `A and B`, `A, B and C`.
pub fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// Claim or feature numbers in words, singular or plural to match: `claim 2`, `features 1-3`
/// (`subject`: the capitalised form that starts a sentence).
pub fn claims_phrase(
    l: &Labels,
    lang: ReportLang,
    kind: ClaimsKind,
    nums: &[u32],
    subject: bool,
) -> String {
    let (one, other) = match (kind, subject) {
        (ClaimsKind::Claims, false) => (l.claim_numbers.one, l.claim_numbers.other),
        (ClaimsKind::Features, false) => (l.feature.one, l.feature.other),
        (ClaimsKind::Claims, true) => (l.subject_claim.one, l.subject_claim.other),
        (ClaimsKind::Features, true) => (l.subject_feature.one, l.subject_feature.other),
    };
    let n = u64::try_from(nums.len()).unwrap_or(u64::MAX);
    crate::lang::plural(lang.code(), n, one, other)
        .replace("{claims}", &crate::case::format_claims(nums))
}

/// A count in words in the report language: `1 hit`, `12 documents`.
pub fn count(lang: ReportLang, n: u64, one: &str, other: &str) -> String {
    crate::lang::count(lang.code(), n, one, other)
}

/// A generated sentence or label with the report language's typography.
pub fn typo(lang: ReportLang, text: &str) -> String {
    crate::lang::typography(lang.code(), text)
}

/// What a collection covered, in one line: documents, publication dates, offices or
/// sources, when it was indexed (ISO dates: this is a table cell).
pub fn coverage_line(l: &Labels, lang: ReportLang, c: &Collection) -> String {
    let Some(cov) = &c.coverage else {
        return l.coverage_unknown.to_string();
    };
    let mut parts = vec![count(lang, cov.documents, l.docs.one, l.docs.other)];
    match (cov.first_date, cov.last_date) {
        (Some(a), Some(b)) => parts.push(format!("{a} – {b}")),
        (Some(a), None) => parts.push(format!("{a} –")),
        (None, Some(b)) => parts.push(format!("– {b}")),
        (None, None) => {}
    }
    if !cov.sources.is_empty() {
        parts.push(format!("{} {}", l.sources, cov.sources.join(", ")));
    }
    if let Some(at) = &cov.indexed_at {
        parts.push(format!("{} {}", l.indexed, at.get(..10).unwrap_or(at)));
    }
    if c.coverage_changed {
        if let Some(n) = c.coverage_of {
            parts.push(l.coverage_changed.replace("{n}", &n.to_string()));
        }
    }
    typo(lang, &parts.join("; "))
}

/// A collection's strategies with their own hit counts: `#1 (34 hits), #2 (12 hits)`.
pub fn strategy_hits_line(l: &Labels, lang: ReportLang, c: &Collection) -> String {
    strategy_hits(l, lang, c).join(", ")
}

/// Each strategy run on a collection with its own hit count: `#1 (34 hits)`.
pub fn strategy_hits(l: &Labels, lang: ReportLang, c: &Collection) -> Vec<String> {
    c.hits
        .iter()
        .map(|h| {
            format!(
                "#{} ({})",
                h.strategy,
                count(lang, h.hits, l.hits.one, l.hits.other)
            )
        })
        .collect()
}

/// For a Y citation, the documents it is combined with, in words
/// (`in combination with document US 2 B2`); `None` when it names none.
pub fn combination(r: &Report, l: &Labels, c: &Citation) -> Option<String> {
    combination_named(l, &c.combined_with, |id| r.doc_name(id))
}

/// [`combination`], naming each document with `name`.
pub(super) fn combination_named(
    l: &Labels,
    ids: &[String],
    name: impl Fn(&str) -> String,
) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let names: Vec<String> = ids.iter().map(|id| name(id)).collect();
    let n = u64::try_from(names.len()).unwrap_or(u64::MAX);
    let template = if n == 1 {
        l.combines.one
    } else {
        l.combines.other
    };
    Some(template.replace("{docs}", &join_list(&names, l.and)))
}

/// The claims cell of box C: the numbers, `—` for none, and the numbers the case's claims
/// no longer have.
pub fn claims_cell(l: &Labels, lang: ReportLang, c: &Cited) -> String {
    if c.claims.is_empty() {
        return "—".to_string();
    }
    let current: Vec<u32> = c
        .claims
        .iter()
        .copied()
        .filter(|n| !c.stale_claims.contains(n))
        .collect();
    let mut out = if current.is_empty() {
        String::new()
    } else {
        crate::case::format_claims(&current)
    };
    if !c.stale_claims.is_empty() {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(&typo(
            lang,
            &l.stale_claims
                .replace("{claims}", &crate::case::format_claims(&c.stale_claims)),
        ));
    }
    out
}

/// The disclosure as shown at the top of a report, and whether it was shortened (the whole
/// text is then in the appendix).
pub fn disclosure_shown(text: &str) -> (String, bool) {
    let shown = excerpt(text, DISCLOSURE_SHOWN);
    let cut = shown != text;
    (shown, cut)
}

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
