//! Removing and correcting entries of a case's record: a strategy leaves the history (or is
//! replaced by a corrected version under its number) and a citation leaves the case, each kept
//! in `case.json` with the time it was removed, so that reports show the final record and the
//! case file the whole history. Set numbers are never given twice.

use super::journal::Op;
use super::store::CaseWriter;
use super::{Case, CaseError, Citation, CorpusHits, Coverage, Strategy};
use serde::{Deserialize, Serialize};

/// A strategy taken out of the history — removed, or replaced by a corrected version under
/// the same number — and kept in the case file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovedStrategy {
    /// When it was removed or replaced (RFC 3339, UTC).
    pub removed_at: String,
    /// Replaced by a corrected version (`tisc case amend`) rather than removed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub amended: bool,
    pub strategy: Strategy,
}

/// A citation removed from the case, kept in the case file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovedCitation {
    /// When it was removed (RFC 3339, UTC).
    pub removed_at: String,
    pub citation: Citation,
}

impl Case {
    /// The number the next strategy gets: one past every number ever given, removed
    /// strategies included, so that a number is never reused.
    pub fn next_number(&self) -> u32 {
        self.history
            .iter()
            .map(|s| s.number)
            .chain(self.removed_history.iter().map(|r| r.strategy.number))
            .max()
            .unwrap_or(0)
            + 1
    }

    /// The first strategy of the history, other than `#n` itself, whose query refers to
    /// set `#n`.
    pub fn user_of(&self, n: u32) -> Option<&Strategy> {
        self.history.iter().find(|s| {
            s.number != n
                && crate::query::parse(&s.query).is_ok_and(|ast| ast.set_references().contains(&n))
        })
    }

    /// Whether strategy `#n` was removed (and not replaced by a correction).
    pub fn was_removed(&self, n: u32) -> bool {
        self.strategy(n).is_none()
            && self
                .removed_history
                .iter()
                .any(|r| r.strategy.number == n && !r.amended)
    }
}

impl CaseWriter {
    /// Whether strategy `#n` can be removed: it is in the history and no other strategy
    /// there refers to it.
    pub fn check_forget(&self, n: u32) -> Result<&Strategy, CaseError> {
        let Some(s) = self.case().strategy(n) else {
            return Err(CaseError::NoStrategy {
                id: self.case().id.clone(),
                n,
            });
        };
        if let Some(user) = self.case().user_of(n) {
            return Err(CaseError::SetInUse {
                id: self.case().id.clone(),
                n,
                by: user.number,
                query: user.query.clone(),
            });
        }
        Ok(s)
    }

    /// Remove strategy `#n` from the history. It stays in the case file as removed and its
    /// number is not given again. Refused while another strategy refers to it.
    pub fn forget(&mut self, n: u32) -> Result<Strategy, CaseError> {
        let removed = self.check_forget(n)?.clone();
        self.commit(Op::Forget { number: n })?;
        Ok(removed)
    }

    /// Replace the query and hit counts of strategy `#n`, which keeps its number; the old
    /// version stays in the case file. The new query may refer only to earlier sets.
    pub fn amend(
        &mut self,
        n: u32,
        strategy: &str,
        per_corpus_hits: &[(String, u64, Option<Coverage>)],
    ) -> Result<Strategy, CaseError> {
        let Some(old) = self.case().strategy(n).cloned() else {
            return Err(CaseError::NoStrategy {
                id: self.case().id.clone(),
                n,
            });
        };
        if let Ok(ast) = crate::query::parse(strategy) {
            if let Some(refers) = ast.set_references().into_iter().find(|r| *r >= n) {
                return Err(CaseError::LaterSet { n, refers });
            }
        }
        self.commit(Op::Amend(strategy_of(n, strategy, per_corpus_hits)))?;
        Ok(old)
    }
}

/// A strategy numbered `number`, run now.
pub(super) fn strategy_of(
    number: u32,
    query: &str,
    per_corpus_hits: &[(String, u64, Option<Coverage>)],
) -> Strategy {
    Strategy {
        number,
        query: query.to_string(),
        hits: per_corpus_hits
            .iter()
            .map(|(corpus, hits, coverage)| CorpusHits {
                corpus: corpus.clone(),
                hits: *hits,
                coverage: coverage.clone(),
            })
            .collect(),
        at: crate::model::time::now().to_string(),
    }
}
