//! `tisc case forget` and `tisc case amend`: removing a strategy from a case's history and
//! correcting one under its number. Both keep the earlier version in the case file.

use super::{case_error, finish, store};
use crate::case::Case;
use crate::cli::usage;
use crate::corpus::Workspace;
use crate::search::backend::SearchBackend;
use crate::search::job::{self, Generation, JobError, JobRequest, Strategy};
use crate::search::{sharded, HistoryError, SearchError};
use clap::Args;

// The commands' help: on the arguments, so that `case.rs` only names the commands.
#[derive(Args, Debug)]
#[command(
    about = "Remove a strategy from a case's history (kept in the case file as removed)",
    long_about = "Remove strategy #N from a case's history: reports no longer show it, the case file\n\
keeps it (removed_history, with the time of removal) and its number is never given again.\n\
Refused (exit code 2) while another strategy of the history refers to #N; the message names\n\
it: remove or correct that one first.",
    after_help = "Example:\n  tisc case forget solar-pump 3\n  tisc case forget solar-pump '#3'"
)]
pub struct ForgetArgs {
    #[arg(value_parser = super::parse_id)]
    pub id: String,
    /// The history number of the strategy, as in `#3` (the `#` may be left out)
    #[arg(value_parser = parse_set)]
    pub number: u32,
}

#[derive(Args, Debug)]
#[command(
    about = "Correct a strategy: run the new query and record it under the same number",
    long_about = "Correct strategy #N: the new query is run over the corpora #N ran on and replaces its\n\
query and hit counts under the same number, so later strategies naming #N build on the\n\
correction when next run (their recorded hit counts are not re-run). The old version stays\n\
in the case file (removed_history, marked amended). The new query may refer only to sets before #N.",
    after_help = "Example:\n  tisc case amend solar-pump 2 \"pump* AND (float OR level)\""
)]
pub struct AmendArgs {
    #[arg(value_parser = super::parse_id)]
    pub id: String,
    /// The history number of the strategy, as in `#3` (the `#` may be left out)
    #[arg(value_parser = parse_set)]
    pub number: u32,
    /// The corrected strategy
    pub query: String,
}

/// `3` or `#3`.
fn parse_set(s: &str) -> Result<u32, String> {
    let t = s.trim();
    t.strip_prefix('#')
        .unwrap_or(t)
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{s}` is not a history number: write e.g. 3 or #3"))
}

pub(super) fn forget(ws: &Workspace, a: ForgetArgs) -> anyhow::Result<()> {
    let mut w = store(ws).open_write(&a.id).map_err(case_error)?;
    let removed = w.forget(a.number).map_err(case_error)?;
    crate::outln!(
        "removed #{} ({}) from the history of case `{}`; the case file keeps it, and #{} is not given again",
        removed.number,
        removed.query,
        a.id,
        removed.number
    );
    finish(w)
}

pub(super) fn amend(ws: &Workspace, a: AmendArgs) -> anyhow::Result<()> {
    if a.query.trim().is_empty() {
        return Err(usage("the strategy is empty"));
    }
    if let Err(e) = crate::query::parse(&a.query) {
        return Err(usage(e.render(&a.query)));
    }
    let mut w = store(ws).open_write(&a.id).map_err(case_error)?;
    let case = w.case().clone();
    let Some(old) = case.strategy(a.number).cloned() else {
        return Err(case_error(crate::case::CaseError::NoStrategy {
            id: a.id,
            n: a.number,
        }));
    };
    // The corrected strategy runs where the old one ran.
    let names: Vec<String> = old.hits.iter().map(|h| h.corpus.clone()).collect();
    let indexes = crate::cli::search::corpora(ws, &names, Some(&case))?;
    let backends = indexes
        .iter()
        .map(|shards| sharded::backend(shards))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&dyn SearchBackend> = backends.iter().map(|b| b.as_ref()).collect();
    let history = |n: u32| -> Result<String, HistoryError> { earlier(&case, a.number, n) };
    let label = a.number.to_string();
    let req = JobRequest {
        strategies: vec![Strategy {
            label: label.clone(),
            query: a.query.clone(),
        }],
        per_list: 1,
        limit: 1,
        cutoff: case.cutoff,
        group: false,
        snippets: false,
        merge: crate::search::fusion::Merge::default(),
        meaning: None,
    };
    let cancel = Generation::new().start();
    let result =
        job::run_backends(&refs, &req, &cancel, &history, &|_, _| {}).map_err(|e| match e {
            JobError::Search(e @ SearchError::Query { .. }) => usage(e.to_string()),
            other => other.into(),
        })?;
    let covered = super::coverages(ws, &indexes);
    let per: Vec<(String, u64, Option<crate::case::Coverage>)> = result
        .counts
        .iter()
        .filter(|c| c.strategy == label)
        .map(|c| {
            (
                c.corpus.clone(),
                c.count as u64,
                covered.get(&c.corpus).cloned(),
            )
        })
        .collect();
    let total: u64 = per.iter().map(|p| p.1).sum();
    w.amend(a.number, &a.query, &per).map_err(case_error)?;
    crate::outln!(
        "#{} of case `{}` is now {} ({}; it was {}, kept in the case file)",
        a.number,
        a.id,
        a.query,
        crate::lang::cli::HITS.count("en", total),
        old.query
    );
    finish(w)
}

/// Strategy `#n` for the correction of `#amending`: only earlier strategies may be named.
fn earlier(case: &Case, amending: u32, n: u32) -> Result<String, HistoryError> {
    match case.strategy(n) {
        Some(s) if n < amending => Ok(s.query.clone()),
        _ => Err(HistoryError::NotInCase {
            n,
            case: case.id.clone(),
            len: case.history.iter().filter(|s| s.number < amending).count(),
        }),
    }
}
