//! Part 2 of a report: the summary for the inventor, generated only from what the searcher
//! recorded — the categories, the claims concerned, the dates and the notes. Nothing is
//! inferred from document text; a note is quoted, never paraphrased.

use super::strings::{fill, labels, Labels};
use super::{Closest, Summary};
use crate::case::{format_claims, Case, Category, Citation, ReportLang};

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

fn for_claims(l: &Labels, claims: &[u32]) -> String {
    match claims {
        [] => String::new(),
        [one] => fill(l.for_claim, "", &one.to_string()),
        _ => fill(l.for_claims, "", &format_claims(claims)),
    }
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

fn reasons(case: &Case, c: &Citation, l: &Labels) -> Vec<String> {
    let claims = for_claims(l, &c.claims);
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
                .replace("{date}", &d.to_string())
                .replace("{cutoff}", &cut.to_string()),
        );
    }
    if let (true, Some(cut)) = (date_unknown(case, c), case.cutoff) {
        out.push(l.date_unknown.replace("{cutoff}", &cut.to_string()));
    }
    out
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
            reasons: reasons(case, c, l),
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
            appears_new.push(fill(
                l.new_x,
                &ids(&xs_shown),
                &for_claims(l, &claims_of(&xs_shown)),
            ));
        }
        if !ys_shown.is_empty() {
            appears_new.push(fill(
                l.new_y,
                &ids(&ys_shown),
                &for_claims(l, &claims_of(&ys_shown)),
            ));
        }
        appears_new.push(l.new_rest.to_string());
    }

    let mut next_steps = Vec::new();
    if case.history.is_empty() {
        next_steps.push(l.step_no_strategy.to_string());
    }
    if !xs.is_empty() {
        let claims = claims_of(&xs);
        let claims = if claims.is_empty() {
            String::new()
        } else {
            format!(" {}", format_claims(&claims))
        };
        next_steps.push(fill(l.step_x, &ids(&xs), &claims));
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
        next_steps.push(fill(l.step_dates, &ids(&dated), ""));
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
