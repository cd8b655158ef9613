//! `tisc case cite`: cite a document in a case, checked against the case — the claims it
//! names must be the case's, P needs the case's filing date, a Y names the cited documents it
//! combines with — and with the other members of its family found in the case's corpora.

use super::{case_error, finish, resolve, store, CiteArgs};
use crate::case::{Case, Category, Citation, CiteOutcome, FamilyMember, MAX_FAMILY_MEMBERS};
use crate::cli::usage;
use crate::corpus::Workspace;
use crate::model::Document;
use crate::search::lookup::Reference;

/// The claim numbers the case does not have; refused when the case has claims at all.
fn check_claims(case: &Case, claims: &[u32]) -> anyhow::Result<()> {
    if case.claims.is_empty() {
        return Ok(());
    }
    let missing: Vec<u32> = claims
        .iter()
        .copied()
        .filter(|n| case.claim(*n).is_none())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let have: Vec<u32> = case.claims.iter().map(|c| c.number).collect();
    Err(usage(format!(
        "case `{}` has no claim {}: its claims are {} — see them with `tisc case show {}`",
        case.id,
        crate::case::format_claims(&missing),
        crate::case::format_claims(&have),
        case.id
    )))
}

/// Split `--combines-with` values at commas, except the thousands separators of a number
/// written as `US 7,000,001`.
pub(super) fn split_references(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let mut here: Vec<String> = Vec::new();
        for piece in v.split(',') {
            let digits = piece.chars().take_while(char::is_ascii_digit).count();
            let after = piece.chars().nth(digits);
            let thousands = digits == 3 && after.is_none_or(char::is_whitespace);
            match here.last_mut() {
                Some(prev) if thousands => {
                    prev.push(',');
                    prev.push_str(piece);
                }
                _ => here.push(piece.to_string()),
            }
        }
        out.extend(
            here.into_iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        );
    }
    out
}

/// The ids of the cited documents `refs` name; each must be cited in `case` and not be `doc`.
fn combined_ids(case: &Case, doc: &Document, refs: &[String]) -> anyhow::Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for r in refs {
        let parsed = Reference::parse(r)
            .ok_or_else(|| usage("--combines-with names no document (empty value)"))?;
        let Some(c) = case.find_citation(&parsed) else {
            let cited: Vec<&str> = case.citations.iter().map(|c| c.doc.id.as_str()).collect();
            let cited = if cited.is_empty() {
                "none yet".to_string()
            } else {
                cited.join(", ")
            };
            return Err(usage(format!(
                "--combines-with {r}: not cited in case `{}` (cited: {cited}) — cite it first",
                case.id
            )));
        };
        if c.doc.id == doc.biblio.id {
            return Err(usage(format!(
                "--combines-with {r}: a document does not combine with itself"
            )));
        }
        if !ids.contains(&c.doc.id) {
            ids.push(c.doc.id.clone());
        }
    }
    Ok(ids)
}

/// The other members of `doc`'s family in `corpora`, at most [`MAX_FAMILY_MEMBERS`]. A
/// corpus that cannot be read is skipped with a warning: the citation does not need it.
fn family(ws: &Workspace, corpora: &[String], doc: &Document) -> Vec<FamilyMember> {
    if doc.biblio.family_id.is_none() {
        return Vec::new();
    }
    let mut out: Vec<FamilyMember> = Vec::new();
    for name in corpora {
        let left = MAX_FAMILY_MEMBERS.saturating_sub(out.len());
        if left == 0 {
            break;
        }
        let found = crate::index::shards::open(&ws.index_dir(name), name).and_then(|shards| {
            let mut all = Vec::new();
            for idx in &shards {
                all.extend(crate::case::family_members(idx, doc, left)?);
            }
            Ok(all)
        });
        match found {
            Ok(members) => {
                for m in members {
                    if out.len() < MAX_FAMILY_MEMBERS && !out.iter().any(|o| o.id == m.id) {
                        out.push(m);
                    }
                }
            }
            Err(e) => crate::errln!(
                "warning: family of {} not looked up in {name}: {e}",
                doc.biblio.id
            ),
        }
    }
    out
}

pub(super) fn cite(ws: &Workspace, a: CiteArgs) -> anyhow::Result<()> {
    let st = store(ws);
    let case = st.open(&a.id).map_err(case_error)?;
    let claims = a.claims.map(|c| c.0).unwrap_or_default();
    check_claims(&case, &claims)?;
    if a.category.contains(Category::P) && case.filing_date.is_none() {
        return Err(usage(format!(
            "category P is for a document published between the priority date and the filing date, and case `{0}` has no filing date — set it with `tisc case edit {0} --filing-date YYYY-MM-DD`",
            a.id
        )));
    }
    let refs = split_references(&a.combines_with);
    if !refs.is_empty() && !a.category.contains(Category::Y) {
        return Err(usage(format!(
            "--combines-with is for a Y citation (relevant in combination), and the category given is {}",
            a.category
        )));
    }
    let corpora = resolve::corpora(ws, &case, a.corpus.as_deref())?;
    let (corpus, doc) = resolve::document(ws, &corpora, &a.doc)?;
    let combined = combined_ids(&case, &doc, &refs)?;
    let mut citation = Citation::new(
        &doc,
        &corpus,
        a.category,
        claims,
        &a.passages,
        a.note,
        &crate::model::time::now().to_string(),
    );
    citation.combined_with = combined;
    let family_corpora = resolve::corpora(ws, &case, None).unwrap_or(corpora);
    citation.family = family(ws, &family_corpora, &doc);
    for p in citation.passages.iter().filter(|p| !p.is_located()) {
        crate::errln!(
            "note: passage not found word for word in {}; kept as written: “{}”",
            doc.biblio.id,
            p.text
        );
    }
    let dated = [
        Category::P,
        Category::E,
        Category::T,
        Category::L,
        Category::O,
    ];
    if let (Some(cut), Some(pd)) = (case.cutoff, doc.biblio.publication_date) {
        let late = pd >= cut;
        if late
            && [Category::X, Category::Y]
                .iter()
                .any(|c| citation.categories.contains(*c))
        {
            crate::errln!(
                "warning: {} was published on {}, on or after the cutoff date of the case ({}): as {} it is not prior art on its own — consider P, E or T (`tisc case check {}` lists it)",
                doc.biblio.id,
                crate::lang::long_date("en", pd),
                crate::lang::long_date("en", cut),
                citation.categories,
                a.id
            );
        } else if late && !dated.iter().any(|c| citation.categories.contains(*c)) {
            crate::errln!(
                "note: {} was published on {}, on or after the cutoff date of the case ({}): consider category P, E or T",
                doc.biblio.id,
                crate::lang::long_date("en", pd),
                crate::lang::long_date("en", cut)
            );
        }
    }
    let had_combination = case
        .citation(&doc.biblio.id)
        .is_some_and(|c| !c.combined_with.is_empty());
    if citation.categories.contains(Category::Y)
        && citation.combined_with.is_empty()
        && !had_combination
    {
        crate::errln!(
            "note: a Y citation is relevant in combination with another cited document: name it with --combines-with DOC"
        );
    }
    let categories = citation.categories.to_string();
    let members = citation.family.len();
    let mut w = st.open_write(&a.id).map_err(case_error)?;
    let outcome = w.cite(citation).map_err(case_error)?;
    let n = w.case().citations.len();
    let verb = match outcome {
        CiteOutcome::Added => "cited",
        CiteOutcome::Updated => "updated the citation of",
    };
    let family_note = match members {
        0 => String::new(),
        m => format!(
            ", {}",
            crate::lang::cli::FAMILY_MEMBERS.count("en", m as u64)
        ),
    };
    crate::outln!(
        "{verb} {} as {categories} in case `{}` ({}{family_note})",
        doc.biblio.id,
        a.id,
        crate::lang::cli::CITATIONS.count("en", n as u64)
    );
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::split_references;

    #[test]
    fn combines_with_splits_at_commas_but_not_in_numbers() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            split_references(&v(&["US 7,000,001 B2,EP3404678", "PMID:123"])),
            v(&["US 7,000,001 B2", "EP3404678", "PMID:123"])
        );
        assert_eq!(split_references(&v(&["a, b,,"])), v(&["a", "b"]));
    }
}
