//! Consistency checks of a case before its report is sent: citations naming claims that no
//! longer exist, categories the case's dates do not support, Y citations without the
//! document they combine with.

use super::{Case, Category};
use crate::model::Date;
use serde::Serialize;

/// One thing wrong in a case, about the citation of document `doc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// The citation names claims the case's current set does not have.
    MissingClaims { doc: String, claims: Vec<u32> },
    /// Category P needs the case's filing date, which is not set.
    PWithoutFilingDate { doc: String },
    /// An X or Y document published on or after the cutoff is not prior art on its own.
    AfterCutoff {
        doc: String,
        category: char,
        published: Date,
        cutoff: Date,
    },
    /// A Y citation that does not name the document it combines with.
    YWithoutCombination { doc: String },
    /// A Y citation combines with a document that is no longer cited.
    CombinedWithUncited { doc: String, other: String },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::MissingClaims { doc, claims } => write!(
                f,
                "{doc}: names {}, which the case's claims do not have (they were replaced) — cite it again with --claims",
                crate::lang::cli::CLAIMS.count_shown(
                    "en",
                    claims.len() as u64,
                    &super::format_claims(claims)
                )
            ),
            Problem::PWithoutFilingDate { doc } => write!(
                f,
                "{doc}: category P needs the filing date of the application — set it with `tisc case edit <id> --filing-date YYYY-MM-DD`"
            ),
            Problem::AfterCutoff { doc, category, published, cutoff } => write!(
                f,
                "{doc}: cited as {category} but published on {}, on or after the cutoff date of the case ({}): it is not prior art on its own (consider P, E or T)",
                crate::lang::long_date("en", *published),
                crate::lang::long_date("en", *cutoff)
            ),
            Problem::YWithoutCombination { doc } => write!(
                f,
                "{doc}: cited as Y without the document it combines with — cite it again with --combines-with DOC"
            ),
            Problem::CombinedWithUncited { doc, other } => write!(
                f,
                "{doc}: combines with {other}, which is no longer cited"
            ),
        }
    }
}

/// The relevance letter (X or Y) that is checked against the cutoff, if any.
pub(crate) fn prior_art_letter(c: &super::Categories) -> Option<Category> {
    [Category::X, Category::Y]
        .into_iter()
        .find(|l| c.contains(*l))
}

/// Every problem of `case`, in citation order.
pub fn check(case: &Case) -> Vec<Problem> {
    let mut out = Vec::new();
    for (c, missing) in case.stale_claims() {
        if !case.claims.is_empty() {
            out.push(Problem::MissingClaims {
                doc: c.doc.id.clone(),
                claims: missing,
            });
        }
    }
    for c in &case.citations {
        let doc = || c.doc.id.clone();
        if c.categories.contains(Category::P) && case.filing_date.is_none() {
            out.push(Problem::PWithoutFilingDate { doc: doc() });
        }
        if let (Some(letter), Some(cutoff), Some(published)) = (
            prior_art_letter(&c.categories),
            case.cutoff,
            c.snapshot.biblio.publication_date,
        ) {
            if published >= cutoff {
                out.push(Problem::AfterCutoff {
                    doc: doc(),
                    category: letter.letter(),
                    published,
                    cutoff,
                });
            }
        }
        if c.categories.contains(Category::Y) && c.combined_with.is_empty() {
            out.push(Problem::YWithoutCombination { doc: doc() });
        }
        for other in &c.combined_with {
            if case.citation(other).is_none() {
                out.push(Problem::CombinedWithUncited {
                    doc: doc(),
                    other: other.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Categories, Citation, ClaimSetEdit, InventionClaim, NewCase, Op};
    use crate::model::{Biblio, Document};

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn cite(case: &mut Case, id: &str, cats: &str, claims: &[u32], published: &str) -> Citation {
        let doc = Document {
            biblio: Biblio {
                id: id.into(),
                publication_date: Some(date(published)),
                ..Biblio::default()
            },
            ..Document::default()
        };
        let c = Citation::new(
            &doc,
            "fix",
            Categories::parse(cats).unwrap(),
            claims.to_vec(),
            &[],
            None,
            "t",
        );
        case.apply(&Op::Cite(Box::new(c.clone())), "t");
        c
    }

    fn claims(n: u32) -> Op {
        Op::Claims(ClaimSetEdit {
            claims: (1..=n)
                .map(|number| InventionClaim {
                    number,
                    text: format!("claim {number}"),
                })
                .collect(),
            ..ClaimSetEdit::default()
        })
    }

    #[test]
    fn a_consistent_case_has_no_problem_and_each_inconsistency_is_named() {
        let mut case = Case::new(
            "c",
            NewCase {
                title: "Pump".into(),
                priority_date: Some(date("2024-03-01")),
                ..NewCase::default()
            },
            "t",
        );
        case.apply(&claims(3), "t");
        cite(&mut case, "A1", "X", &[1, 3], "2020-01-01");
        let mut y = cite(&mut case, "B1", "Y", &[2], "2021-01-01");
        y.combined_with = vec!["A1".into()];
        case.apply(&Op::Cite(Box::new(y.clone())), "t");
        assert_eq!(check(&case), []);

        // Claims replaced by a shorter set, a late X, a P without filing date, a Y alone,
        // and a combination with a document no longer cited.
        case.apply(&claims(2), "t2");
        cite(&mut case, "C1", "X", &[1], "2024-03-01");
        cite(&mut case, "D1", "P,A", &[], "2024-04-01");
        cite(&mut case, "E1", "Y", &[2], "2019-01-01");
        case.apply(&Op::Uncite { id: "A1".into() }, "t3");
        let found = check(&case);
        assert_eq!(
            found,
            [
                Problem::CombinedWithUncited {
                    doc: "B1".into(),
                    other: "A1".into()
                },
                Problem::AfterCutoff {
                    doc: "C1".into(),
                    category: 'X',
                    published: date("2024-03-01"),
                    cutoff: date("2024-03-01"),
                },
                Problem::PWithoutFilingDate { doc: "D1".into() },
                Problem::YWithoutCombination { doc: "E1".into() },
            ]
        );
        // The uncited A1 took its stale claim 3 with it; cite one naming claim 3 again.
        cite(&mut case, "F1", "A", &[3], "2010-01-01");
        assert!(check(&case).contains(&Problem::MissingClaims {
            doc: "F1".into(),
            claims: vec![3]
        }));
        assert!(check(&case)[0].to_string().contains("F1: names claim 3"));
    }
}
