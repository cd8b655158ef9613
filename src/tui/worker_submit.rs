//! The worker's side of the submit key: hand the exercise in with the library function
//! `tisc workshop submit` uses, off the UI thread, and bring back what the message needs.

use super::action::SubmitOutcome;
use super::worker_error::WorkerError;
use crate::corpus::Workspace;
use crate::workshop::hand_in;
use std::path::{Path, PathBuf};

/// `~/…` as the user's home folder (a terminal user types it; no shell expands it here).
fn expand_home(dir: &Path) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (dir.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => dir.to_path_buf(),
    }
}

/// Hand in the exercise of case `case` into the folder `dir`, which must exist (a folder
/// mistyped in the dialog is refused rather than created).
pub fn submit(ws: &Workspace, case: &str, dir: &Path) -> Result<SubmitOutcome, WorkerError> {
    let dir = expand_home(dir);
    hand_in::prepare_folder(&dir, false)?;
    let done = hand_in::hand_in(ws, case, &dir, crate::model::time::now())?;
    Ok(SubmitOutcome {
        exercise: done.submission.exercise,
        path: done.written.path,
        kept: done.written.kept,
        late: done.submission.late,
        elapsed_secs: done.submission.elapsed_secs,
        time_limit_secs: done.submission.time_limit_secs,
        skipped: done.skipped,
        case: Box::new(done.case),
    })
}
