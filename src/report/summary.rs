//! Part 2 of a report: the summary for the inventor, generated only from what the searcher
//! recorded — the categories, the claims concerned, the dates and the notes. Nothing is
//! inferred from document text; a note is quoted, never paraphrased.

use super::strings::{fill, labels, Labels};
use super::{claims_phrase, count, is_after_cutoff, join_list, typo, Closest, Summary};
use crate::case::{format_claims, Case, Category, Citation, ReportLang};
use crate::lang::{long_date, Plural};

fn ids(cs: &[&Citation]) -> String {
    cs.iter()
        .map(|c| c.doc.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn claims_of(cs: &[&Citation]) -> Vec<u32> {
    let mut all: Vec<u32> = cs.iter().flat_map(|c| c.claims.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// ` (claims 1-3)`, ` (feature 2)`, or nothing without numbers.
fn for_claims(case: &Case, l: &Labels, lang: ReportLang, claims: &[u32]) -> String {
    if claims.is_empty() {
        return String::new();
    }
    format!(
        " ({})",
        claims_phrase(l, lang, case.claims_kind, claims, false)
    )
}

fn after_cutoff(case: &Case, c: &Citation) -> bool {
    is_after_cutoff(case, c)
}

/// How a document is named in sentences: its number as printed when cited.
fn name_of(citations: &[Citation], id: &str) -> String {
    citations
        .iter()
        .find(|c| c.doc.id == id)
        .map_or(id.to_string(), super::number_display)
}

/// The case has a cutoff date and the document's date is unknown: it cannot be shown to be
/// prior art, and is not counted among the documents that anticipate the invention.
fn date_unknown(case: &Case, c: &Citation) -> bool {
    crate::search::after_cutoff(c.snapshot.biblio.publication_date, case.cutoff).is_none()
}

fn reasons(
    case: &Case,
    citations: &[Citation],
    c: &Citation,
    l: &Labels,
    lang: ReportLang,
) -> Vec<String> {
    let claims = for_claims(case, l, lang, &c.claims);
    // How relevant first (X, Y, A), then what qualifies it (P, E…).
    let mut cats: Vec<Category> = c.categories.list().to_vec();
    cats.sort_by_key(|c| !c.is_relevance());
    let mut out: Vec<String> = cats
        .iter()
        .map(|cat| fill(l.plain(*cat), "", &claims))
        .collect();
    if let Some(with) = super::combination_named(l, &c.combined_with, |id| name_of(citations, id)) {
        let mut chars = with.chars();
        let first: String = chars
            .next()
            .map(|f| f.to_uppercase().collect())
            .unwrap_or_default();
        out.push(format!("{first}{}.", chars.as_str()));
    }
    if let (true, Some(cut), Some(d)) = (
        after_cutoff(case, c),
        case.cutoff,
        c.snapshot.biblio.publication_date,
    ) {
        out.push(
            l.after_cutoff
                .replace("{date}", &long_date(lang.code(), d))
                .replace("{cutoff}", &long_date(lang.code(), cut)),
        );
    }
    if let (true, Some(cut)) = (date_unknown(case, c), case.cutoff) {
        out.push(
            l.date_unknown
                .replace("{cutoff}", &long_date(lang.code(), cut)),
        );
    }
    out.into_iter().map(|s| typo(lang, &s)).collect()
}

/// What part 2 says of the claims or features: which no X or Y citation names (what appears
/// new), or that every one is named; or that none were recorded.
fn claims_sentences(
    case: &Case,
    citations: &[Citation],
    l: &Labels,
    lang: ReportLang,
) -> Vec<String> {
    if case.claims.is_empty() {
        return vec![l.claims_not_recorded.to_string()];
    }
    let uncovered: Vec<u32> = case
        .claims
        .iter()
        .map(|claim| claim.number)
        .filter(|n| {
            // As `claims[].covered`: named by an X or Y citation (its date is flagged
            // where the citation is shown).
            !citations
                .iter()
                .any(|c| c.categories.rank() < 2 && c.claims.contains(n))
        })
        .collect();
    if uncovered.is_empty() {
        return vec![match case.claims_kind {
            crate::case::ClaimsKind::Claims => l.all_claims_covered,
            crate::case::ClaimsKind::Features => l.all_features_covered,
        }
        .to_string()];
    }
    let what = claims_phrase(l, lang, case.claims_kind, &uncovered, true);
    let n = u64::try_from(uncovered.len()).unwrap_or(u64::MAX);
    vec![count(lang, n, l.uncovered.one, l.uncovered.other).replace("{what}", &what)]
}

/// The claims named in a sentence: "claim 2", "claims 1-3", or "the claims" when none is.
fn claims_named(l: &Labels, lang: ReportLang, claims: &[u32]) -> String {
    if claims.is_empty() {
        return l.the_claims.to_string();
    }
    let n = u64::try_from(claims.len()).unwrap_or(u64::MAX);
    fill(
        l.claims_named.pick(lang.code(), n),
        "",
        &format_claims(claims),
    )
}

/// A sentence about the documents `cs`, in the plural form their number takes.
fn about(p: &Plural, lang: ReportLang, cs: &[&Citation], claims: &str) -> String {
    let n = u64::try_from(cs.len()).unwrap_or(u64::MAX);
    fill(p.pick(lang.code(), n), &ids(cs), claims)
}

/// Build part 2 from citations sorted most relevant first.
pub(super) fn build<'a>(case: &Case, citations: &'a [Citation], lang: ReportLang) -> Summary {
    let l = labels(lang);
    let with = |cat: Category| -> Vec<&Citation> {
        citations
            .iter()
            .filter(|c| c.categories.contains(cat))
            .collect()
    };
    let xs = with(Category::X);
    let ys = with(Category::Y);
    // Only documents that can be shown to be prior art anticipate the invention.
    let shown = |cs: &Vec<&'a Citation>| -> Vec<&'a Citation> {
        cs.iter()
            .copied()
            .filter(|c| !date_unknown(case, c) && !after_cutoff(case, c))
            .collect()
    };
    let late_x: Vec<&Citation> = xs
        .iter()
        .copied()
        .filter(|c| after_cutoff(case, c))
        .collect();
    let (xs_shown, ys_shown) = (shown(&xs), shown(&ys));
    let closest = citations
        .iter()
        .map(|c| Closest {
            id: c.doc.id.clone(),
            title: c
                .snapshot
                .biblio
                .title_in(&lang.as_lang())
                .unwrap_or("")
                .to_string(),
            categories: c.categories.clone(),
            reasons: reasons(case, citations, c, l, lang),
            note: c.note.clone(),
        })
        .collect();

    let mut appears_new = Vec::new();
    if xs_shown.is_empty() && ys_shown.is_empty() {
        if citations.iter().any(|c| c.categories.contains(Category::A)) {
            appears_new.push(l.new_background.to_string());
        }
        appears_new.push(l.new_nothing_close.to_string());
    } else {
        if !xs_shown.is_empty() {
            let claims = for_claims(case, l, lang, &claims_of(&xs_shown));
            appears_new.push(about(&l.new_x, lang, &xs_shown, &claims));
        }
        if !ys_shown.is_empty() {
            let claims = for_claims(case, l, lang, &claims_of(&ys_shown));
            appears_new.push(about(&l.new_y, lang, &ys_shown, &claims));
        }
        let named = u64::try_from(xs_shown.len() + ys_shown.len()).unwrap_or(u64::MAX);
        appears_new.push(l.new_rest.pick(lang.code(), named).to_string());
    }
    if !late_x.is_empty() {
        let names: Vec<String> = late_x.iter().map(|c| c.doc.id.clone()).collect();
        let n = u64::try_from(names.len()).unwrap_or(u64::MAX);
        appears_new.push(
            count(lang, n, l.late_x.one, l.late_x.other)
                .replace("{docs}", &join_list(&names, l.and)),
        );
    }
    appears_new.extend(claims_sentences(case, citations, l, lang));

    let mut next_steps = Vec::new();
    if case.history.is_empty() {
        next_steps.push(l.step_no_strategy.to_string());
    }
    if !xs.is_empty() {
        let claims = claims_named(l, lang, &claims_of(&xs));
        next_steps.push(about(&l.step_x, lang, &xs, &claims));
    }
    if !ys.is_empty() {
        next_steps.push(fill(l.step_y, &ids(&ys), ""));
    }
    let dated: Vec<&Citation> = citations
        .iter()
        .filter(|c| {
            c.categories.contains(Category::P)
                || c.categories.contains(Category::E)
                || after_cutoff(case, c)
                || date_unknown(case, c)
        })
        .collect();
    if !dated.is_empty() {
        next_steps.push(about(&l.step_dates, lang, &dated, ""));
    }
    if xs.is_empty() && ys.is_empty() {
        next_steps.push(l.step_widen.to_string());
    }
    next_steps.push(l.step_professional.to_string());
    let typeset = |v: Vec<String>| v.into_iter().map(|s| typo(lang, &s)).collect();
    Summary {
        closest,
        appears_new: typeset(appears_new),
        next_steps: typeset(next_steps),
    }
}
