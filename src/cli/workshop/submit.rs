//! `tisc workshop submit`: hand in the case of an exercise to the trainer's folder.
//!
//! The work is [`crate::workshop::hand_in::hand_in`], which the workbench's submit key calls
//! too; this command checks the folder, prints what was written and picks the exit code. The
//! gold answer is never read.

use std::path::PathBuf;

use clap::Args;

use crate::cli::case::case_error;
use crate::cli::case::parse_id;
use crate::cli::usage;
use crate::corpus::Workspace;
use crate::workshop::hand_in::{self, HandInError};
use crate::workshop::results::duration;

pub(super) use crate::workshop::hand_in::{family_of, fingerprint, open_corpus};

#[derive(Args, Debug)]
pub struct SubmitArgs {
    /// The case opened for the exercise (`tisc workshop start` printed its id)
    #[arg(value_parser = parse_id)]
    pub case: String,
    /// The folder the trainer collects submissions in
    #[arg(long = "to", value_name = "DIR")]
    pub to: PathBuf,
    /// Create the folder when it does not exist yet
    #[arg(long)]
    pub mkdir: bool,
}

/// A hand-in error at the edge: bad input is exit code 2, the rest a runtime failure.
fn hand_in_error(e: HandInError) -> anyhow::Error {
    match e {
        HandInError::Case(c) => case_error(c),
        e if e.is_input() => usage(e.to_string()),
        e => anyhow::Error::new(e),
    }
}

pub fn run(ws: &Workspace, a: SubmitArgs) -> anyhow::Result<()> {
    hand_in::prepare_folder(&a.to, a.mkdir).map_err(hand_in_error)?;
    let now = crate::model::time::check_source_date_epoch().map_err(|e| usage(e.to_string()))?;
    let done = hand_in::hand_in(ws, &a.case, &a.to, now).map_err(hand_in_error)?;
    let (sub, written, skipped) = (&done.submission, &done.written, &done.skipped);

    crate::outln!(
        "submitted exercise `{}` of {} for {}: {}",
        sub.exercise,
        sub.pack_title,
        sub.trainee,
        written.path.display()
    );
    if let Some(kept) = &written.kept {
        crate::outln!("the earlier submission is kept as {}", kept.display());
    }
    let limit = duration(sub.time_limit_secs);
    if sub.late {
        crate::outln!(
            "time taken {} of {limit}: LATE (accepted, and marked late)",
            duration(sub.elapsed_secs)
        );
    } else {
        crate::outln!(
            "time taken {} of {limit}: on time",
            duration(sub.elapsed_secs)
        );
    }
    if !skipped.is_empty() {
        return Err(super::partial_with(
            format!(
                "submitted, but {}",
                crate::lang::cli::STRATEGY_PROBLEMS.count("en", skipped.len() as u64)
            ),
            skipped,
        ));
    }
    Ok(())
}
