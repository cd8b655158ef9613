//! Cases: the folder in which a search for one invention is kept — its subject, the
//! strategies run with their hit counts, the documents cited with categories and passages,
//! and the searcher's notes.
//!
//! A case lives in `$TISC_HOME/cases/<id>/`: `case.json` (the state, written atomically),
//! `journal.jsonl` (every acknowledged change, appended and fsynced before the change is
//! reported, replayed on open and compacted into `case.json`), `lock` (an OS advisory lock
//! held by the one process allowed to write) and `exports/` (reports written from the case).
//! See [`store`] for the guarantees and `docs/report-format.md` for the categories.

mod check;
mod citation;
mod claims;
mod coverage;
mod family;
mod journal;
mod migrate;
mod removal;
mod snapshot;
pub mod store;

#[cfg(test)]
mod record_tests;

pub use check::{check, Problem};
pub use citation::{
    format_claims, parse_claims, Categories, Category, Citation, DocRef, FamilyMember, Passage,
    Section,
};
pub use claims::{parse_claims_text, ClaimsTextError};
pub use coverage::{coverage_in, coverage_of};
pub use family::{family_members, MAX_FAMILY_MEMBERS};
pub use journal::Op;
pub use removal::{RemovedCitation, RemovedStrategy};
pub use snapshot::Snapshot;
pub use store::{CaseStore, CaseWriter, CiteOutcome};

use crate::model::{ClassCode, Date};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The `case.json` layout version this tisc writes; older ones are migrated on open.
pub const CASE_SCHEMA_VERSION: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("case name `{0}` is not allowed: use letters, digits, `-` and `_` only (no `/`, `.` or `..`), at most 64 characters")]
    BadId(String),
    #[error("no case named `{0}` — `tisc case list` shows the cases, `tisc case new {0} --title \"…\"` creates one")]
    Missing(String),
    #[error("a case named `{0}` already exists — choose another name, or see it with `tisc case show {0}`")]
    Exists(String),
    #[error("case `{id}` is open for writing in another tisc process{holder}: it is read-only here and nothing was changed — try again when that process has finished")]
    Locked { id: String, holder: String },
    #[error("not a category: `{0}` — use X, Y, A, P, E, D, L, O or T, at most one of X, Y and A, combined with commas as in P,X")]
    BadCategory(String),
    #[error("not a list of claim numbers: `{0}` — write e.g. 1,3 or 1-4,7")]
    BadClaims(String),
    #[error("`{doc}` is not cited in case `{id}` — `tisc case show {id}` lists its citations")]
    NotCited { id: String, doc: String },
    #[error("case `{id}` was written by a newer tisc (case schema {found}; this tisc reads up to {supported}) — use a newer tisc")]
    NewerSchema {
        id: String,
        found: u64,
        supported: u32,
    },
    #[error("case `{id}`: {} is damaged: {message}", path.display())]
    Corrupt {
        id: String,
        path: PathBuf,
        message: String,
    },
    #[error("case `{id}`: {}: {source}", path.display())]
    Io {
        id: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("case `{id}` has no strategy #{n} in its history — `tisc case show {id}` lists them")]
    NoStrategy { id: String, n: u32 },
    #[error("#{n} is used by #{by} (`{query}`) in case `{id}`: remove or correct #{by} first")]
    SetInUse {
        id: String,
        n: u32,
        by: u32,
        query: String,
    },
    #[error("the corrected #{n} may only refer to earlier sets, not to #{refers}")]
    LaterSet { n: u32, refers: u32 },
}

/// Case ids become folder names: letters, digits, `-` and `_`, not starting with `-`.
pub fn check_id(id: &str) -> Result<(), CaseError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(CaseError::BadId(id.to_string()))
    }
}

/// The language reports of a case are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ReportLang {
    #[default]
    En,
    Fr,
    Es,
    Pt,
    Ar,
}

impl ReportLang {
    pub const ALL: [ReportLang; 5] = [
        ReportLang::En,
        ReportLang::Fr,
        ReportLang::Es,
        ReportLang::Pt,
        ReportLang::Ar,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportLang::En => "en",
            ReportLang::Fr => "fr",
            ReportLang::Es => "es",
            ReportLang::Pt => "pt",
            ReportLang::Ar => "ar",
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        self == ReportLang::Ar
    }

    pub fn parse(s: &str) -> Option<ReportLang> {
        ReportLang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s.trim()))
    }

    pub fn as_lang(self) -> crate::model::Lang {
        crate::model::Lang::new(self.code())
    }
}

/// Hits of one strategy in one corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusHits {
    pub corpus: String,
    pub hits: u64,
    /// What the corpus held when the strategy ran (absent in cases made before it was
    /// recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
}

/// What a corpus covered when a strategy ran on it, kept in the case so that a later
/// re-index does not rewrite an old report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Coverage {
    /// The corpus definition's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `patent`, `article` or `mixed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Documents in the index.
    pub documents: u64,
    /// Earliest and latest publication date in the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<Date>,
    /// Patent offices (country codes) or article sources found in the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// When the index was built (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indexed_at: Option<String>,
}

/// Whether a case's numbered list states claims (a drafted application) or key features
/// (an early idea).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ClaimsKind {
    #[default]
    Claims,
    Features,
}

impl ClaimsKind {
    /// The default kind, left out of `case.json`.
    pub fn is_claims(&self) -> bool {
        *self == ClaimsKind::Claims
    }
}

/// One numbered claim, or key feature, of the invention searched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InventionClaim {
    pub number: u32,
    pub text: String,
}

/// A set of claims or features, as recorded by `tisc case claims` (a journal change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ClaimSetEdit {
    #[serde(default)]
    pub kind: ClaimsKind,
    pub claims: Vec<InventionClaim>,
}

/// A set of claims that was replaced, kept with the time it was replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplacedClaims {
    pub replaced_at: String,
    #[serde(default)]
    pub kind: ClaimsKind,
    pub claims: Vec<InventionClaim>,
}

/// One entry of the search history: a strategy, where it ran, how many documents it found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Strategy {
    /// History number: `#1`, `#2`… in the order the strategies were run.
    pub number: u32,
    /// The full query text.
    pub query: String,
    pub hits: Vec<CorpusHits>,
    /// When it ran (RFC 3339, UTC).
    pub at: String,
}

impl Strategy {
    pub fn total(&self) -> u64 {
        self.hits.iter().map(|h| h.hits).sum()
    }
}

/// A free note on the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
    pub at: String,
}

/// What a new case is made from.
#[derive(Debug, Clone, Default)]
pub struct NewCase {
    pub title: String,
    pub client: Option<String>,
    pub disclosure: Option<String>,
    pub language: ReportLang,
    pub cutoff: Option<Date>,
    pub priority_date: Option<Date>,
    pub filing_date: Option<Date>,
    pub ipc: Vec<ClassCode>,
    pub corpora: Vec<String>,
}

/// A change to the subject of an existing case. A field left `None` is kept as it is; for
/// the optional fields `Some(None)` removes the value. In the journal an untouched field is
/// absent and a removed one is `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseEdit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub client: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub disclosure: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub cutoff: Option<Option<Date>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<ReportLang>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub priority_date: Option<Option<Date>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub filing_date: Option<Option<Date>>,
}

/// A field that is present (even as `null`) is `Some`; an absent one is `None` (the
/// `default`).
fn present<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    T::deserialize(d).map(Some)
}

impl CaseEdit {
    /// Whether the edit changes nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == CaseEdit::default()
    }

    /// The fields of this edit that would change `case`, dropping those already equal.
    pub fn against(&self, case: &Case) -> CaseEdit {
        fn keep<T: PartialEq + Clone>(new: &Option<T>, old: &T) -> Option<T> {
            new.as_ref().filter(|v| *v != old).cloned()
        }
        CaseEdit {
            title: keep(&self.title, &case.title),
            client: keep(&self.client, &case.client),
            disclosure: keep(&self.disclosure, &case.disclosure),
            cutoff: keep(&self.cutoff, &case.cutoff),
            language: keep(&self.language, &case.language),
            priority_date: keep(&self.priority_date, &case.priority_date),
            filing_date: keep(&self.filing_date, &case.filing_date),
        }
    }
}

/// The state of a case, as stored in `case.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub schema_version: u32,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    /// The inventor's description of the invention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<String>,
    /// Language of the reports (`en`, `fr`, `es`).
    #[serde(default)]
    pub language: ReportLang,
    /// Cutoff (priority) date: documents published on or after it are not prior art.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<Date>,
    /// Earliest priority date claimed for the invention, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_date: Option<Date>,
    /// Filing date of the application, once filed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filing_date: Option<Date>,
    /// Date the search was completed (`tisc case complete`); `None`: the report is a draft.
    /// Not written while a draft, so that a case from before it round-trips unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<Date>,
    /// Classification of the subject matter, as given when the case was made.
    #[serde(default)]
    pub ipc: Vec<ClassCode>,
    /// Whether `claims` lists claims or key features (written only for features).
    #[serde(default, skip_serializing_if = "ClaimsKind::is_claims")]
    pub claims_kind: ClaimsKind,
    /// The invention's numbered claims or key features (`tisc case claims`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<InventionClaim>,
    /// Earlier sets of claims, oldest first, each with when it was replaced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_claims: Vec<ReplacedClaims>,
    /// Corpora to search and to look cited documents up in (empty: every indexed one).
    #[serde(default)]
    pub corpora: Vec<String>,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
    #[serde(default)]
    pub history: Vec<Strategy>,
    #[serde(default)]
    pub citations: Vec<Citation>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Sequence number of the last journal entry folded into this file.
    #[serde(default)]
    pub journal_seq: u64,
    /// Strategies removed from the history or replaced by a correction, in that order.
    /// Their numbers are never given again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_history: Vec<RemovedStrategy>,
    /// Citations removed from the case, in that order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_citations: Vec<RemovedCitation>,
    /// The workshop exercise this case was opened for (`tisc workshop start`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<crate::workshop::ExerciseBinding>,
}

impl Case {
    pub fn new(id: &str, new: NewCase, now: &str) -> Case {
        Case {
            schema_version: CASE_SCHEMA_VERSION,
            id: id.to_string(),
            title: new.title,
            client: new.client,
            disclosure: new.disclosure,
            language: new.language,
            // The cutoff defaults to the priority date.
            cutoff: new.cutoff.or(new.priority_date),
            priority_date: new.priority_date,
            filing_date: new.filing_date,
            completed_on: None,
            ipc: new.ipc,
            claims_kind: ClaimsKind::Claims,
            claims: Vec::new(),
            previous_claims: Vec::new(),
            corpora: new.corpora,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            history: Vec::new(),
            citations: Vec::new(),
            notes: Vec::new(),
            journal_seq: 0,
            removed_history: Vec::new(),
            removed_citations: Vec::new(),
            exercise: None,
        }
    }

    /// Strategy `#n` of the history (for resolving `#n` references in a new strategy).
    pub fn strategy(&self, n: u32) -> Option<&Strategy> {
        self.history.iter().find(|s| s.number == n)
    }

    /// The citation of document `id`, if any.
    pub fn citation(&self, id: &str) -> Option<&Citation> {
        self.citations.iter().find(|c| c.doc.id == id)
    }

    /// The citation a reference (publication number in any spelling, PMID, DOI, id) names.
    pub fn find_citation(&self, r: &crate::search::lookup::Reference) -> Option<&Citation> {
        self.citations.iter().find(|c| {
            let s = &c.snapshot.biblio;
            r.matches(
                &c.doc.id,
                &s.number_forms(),
                s.doi.as_deref(),
                s.pmid.as_deref(),
            )
        })
    }

    /// Apply one change (from a command or from the journal).
    pub fn apply(&mut self, op: &Op, at: &str) {
        match op {
            Op::Cite(c) => match self.citations.iter_mut().find(|x| x.doc.id == c.doc.id) {
                Some(existing) => existing.merge((**c).clone()),
                None => self.citations.push((**c).clone()),
            },
            Op::Uncite { id } => {
                if let Some(i) = self.citations.iter().position(|c| &c.doc.id == id) {
                    let citation = self.citations.remove(i);
                    self.removed_citations.push(RemovedCitation {
                        removed_at: at.to_string(),
                        citation,
                    });
                }
            }
            Op::Note(n) => self.notes.push(n.clone()),
            Op::Search(s) => self.history.push(s.clone()),
            Op::Edit(e) => {
                if let Some(t) = &e.title {
                    self.title.clone_from(t);
                }
                if let Some(c) = &e.client {
                    self.client.clone_from(c);
                }
                if let Some(d) = &e.disclosure {
                    self.disclosure.clone_from(d);
                }
                if let Some(c) = e.cutoff {
                    self.cutoff = c;
                }
                if let Some(l) = e.language {
                    self.language = l;
                }
                if let Some(d) = e.priority_date {
                    self.priority_date = d;
                }
                if let Some(d) = e.filing_date {
                    self.filing_date = d;
                }
            }
            Op::Claims(set) => {
                if !self.claims.is_empty() {
                    self.previous_claims.push(ReplacedClaims {
                        replaced_at: at.to_string(),
                        kind: self.claims_kind,
                        claims: std::mem::take(&mut self.claims),
                    });
                }
                self.claims_kind = set.kind;
                self.claims.clone_from(&set.claims);
            }
            Op::Complete { on } => self.completed_on = *on,
            Op::Forget { number } => {
                if let Some(i) = self.history.iter().position(|s| s.number == *number) {
                    let strategy = self.history.remove(i);
                    self.removed_history.push(RemovedStrategy {
                        removed_at: at.to_string(),
                        amended: false,
                        strategy,
                    });
                }
            }
            Op::Amend(new) => {
                if let Some(old) = self.history.iter_mut().find(|s| s.number == new.number) {
                    let strategy = std::mem::replace(old, new.clone());
                    self.removed_history.push(RemovedStrategy {
                        removed_at: at.to_string(),
                        amended: true,
                        strategy,
                    });
                }
            }
            Op::Exercise(binding) => self.exercise = Some((**binding).clone()),
        }
        self.updated_at = at.to_string();
    }

    /// The claim or feature numbered `n`.
    pub fn claim(&self, n: u32) -> Option<&InventionClaim> {
        self.claims.iter().find(|c| c.number == n)
    }

    /// Citations naming a claim number the case's claims do not have, with those numbers.
    pub fn stale_claims(&self) -> Vec<(&Citation, Vec<u32>)> {
        self.citations
            .iter()
            .filter_map(|c| {
                let missing: Vec<u32> = c
                    .claims
                    .iter()
                    .copied()
                    .filter(|n| self.claim(*n).is_none())
                    .collect();
                (!missing.is_empty()).then_some((c, missing))
            })
            .collect()
    }

    /// Every corpus a strategy ran on, in order of first use.
    pub fn searched_corpora(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for h in self.history.iter().flat_map(|s| &s.hits) {
            if !out.contains(&h.corpus) {
                out.push(h.corpus.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_with_separators_or_dots_are_refused() {
        for bad in [
            "",
            "../x",
            "a/b",
            "..",
            ".",
            "a b",
            "-x",
            "a.b",
            &"x".repeat(65),
        ] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
        check_id("solar-pump_2026").unwrap();
    }

    #[test]
    fn report_languages_parse() {
        assert_eq!(ReportLang::parse("FR"), Some(ReportLang::Fr));
        assert_eq!(ReportLang::parse("de"), None);
        assert_eq!(serde_json::to_string(&ReportLang::Es).unwrap(), "\"es\"");
        assert_eq!(ReportLang::parse("pt"), Some(ReportLang::Pt));
        assert_eq!(ReportLang::parse(" AR "), Some(ReportLang::Ar));
        assert_eq!(serde_json::to_string(&ReportLang::Ar).unwrap(), "\"ar\"");
        let pt: ReportLang = serde_json::from_str("\"pt\"").unwrap();
        assert_eq!(pt, ReportLang::Pt);
        assert!(ReportLang::Ar.is_rtl() && !ReportLang::Pt.is_rtl());
    }
}
