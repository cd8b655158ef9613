//! Part 2 of a report: the summary for the inventor, generated only from what the searcher
//! recorded — the categories, the claims concerned, the dates and the notes. Nothing is
//! inferred from document text; a note is quoted, never paraphrased.

use super::strings::{fill, labels, Labels};
use super::{Closest, Summary};
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

/// " (claims 1-3)" after "the invention", or nothing when no claim is named.
fn for_claims(l: &Labels, lang: &str, claims: &[u32]) -> String {
    if claims.is_empty() {
        return String::new();
    }
    fill(
        l.for_claims.pick(lang, claims.len() as u64),
        "",
        &format_claims(claims),
    )
}

/// The claims named in a sentence: "claim 2", "claims 1-3", or "the claims" when none is.
fn claims_named(l: &Labels, lang: &str, claims: &[u32]) -> String {
    if claims.is_empty() {
        return l.the_claims.to_string();
    }
    fill(
        l.claims_named.pick(lang, claims.len() as u64),
        "",
        &format_claims(claims),
    )
}

/// A sentence about the documents `cs`, in the plural form their number takes.
fn about(p: &Plural, lang: &str, cs: &[&Citation], claims: &str) -> String {
    fill(p.pick(lang, cs.len() as u64), &ids(cs), claims)
}

fn after_cutoff(case: &Case, c: &Citation) -> bool {
    match (case.cutoff, c.snapshot.biblio.publication_date) {
        (Some(cut), Some(d)) => d >= cut,
        _ => false,
    }
}

/// The case has a cutoff date and the document's date is unknown: it cannot be shown to be
/// prior art, and is not counted among the documents that anticipate the invention.
fn date_unknown(case: &Case, c: &Citation) -> bool {
    crate::search::after_cutoff(c.snapshot.biblio.publication_date, case.cutoff).is_none()
}

fn reasons(case: &Case, c: &Citation, l: &Labels, lang: &str) -> Vec<String> {
    let claims = for_claims(l, lang, &c.claims);
    // How relevant first (X, Y, A), then what qualifies it (P, E…).
    let mut cats: Vec<Category> = c.categories.list().to_vec();
    cats.sort_by_key(|c| !c.is_relevance());
    let mut out: Vec<String> = cats
        .iter()
        .map(|cat| fill(l.plain(*cat), "", &claims))
        .collect();
    if let (true, Some(cut), Some(d)) = (
        after_cutoff(case, c),
        case.cutoff,
        c.snapshot.biblio.publication_date,
    ) {
        out.push(
            l.after_cutoff
                .replace("{date}", &long_date(lang, d))
                .replace("{cutoff}", &long_date(lang, cut)),
        );
    }
    if let (true, Some(cut)) = (date_unknown(case, c), case.cutoff) {
        out.push(l.date_unknown.replace("{cutoff}", &long_date(lang, cut)));
    }
    out
}

/// Build part 2 from citations sorted most relevant first.
pub(super) fn build<'a>(case: &Case, citations: &'a [Citation], lang: ReportLang) -> Summary {
    let l = labels(lang);
    let code = lang.code();
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
            .filter(|c| !date_unknown(case, c))
            .collect()
    };
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
            reasons: reasons(case, c, l, code),
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
            let claims = for_claims(l, code, &claims_of(&xs_shown));
            appears_new.push(about(&l.new_x, code, &xs_shown, &claims));
        }
        if !ys_shown.is_empty() {
            let claims = for_claims(l, code, &claims_of(&ys_shown));
            appears_new.push(about(&l.new_y, code, &ys_shown, &claims));
        }
        let named = xs_shown.len() + ys_shown.len();
        appears_new.push(l.new_rest.pick(code, named as u64).to_string());
    }

    let mut next_steps = Vec::new();
    if case.history.is_empty() {
        next_steps.push(l.step_no_strategy.to_string());
    }
    if !xs.is_empty() {
        let claims = claims_named(l, code, &claims_of(&xs));
        next_steps.push(about(&l.step_x, code, &xs, &claims));
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
        next_steps.push(about(&l.step_dates, code, &dated, ""));
    }
    if xs.is_empty() && ys.is_empty() {
        next_steps.push(l.step_widen.to_string());
    }
    next_steps.push(l.step_professional.to_string());
    Summary {
        closest,
        appears_new,
        next_steps,
    }
}
