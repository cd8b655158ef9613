//! Submissions: the file a trainee hands in for an exercise, built from the case bound to it,
//! and its place in the trainer's folder.
//!
//! The file is `<trainee>--<exercise>.json` (both names made safe for any file system: letters,
//! digits, `-` and `_` kept, anything else `_`). A resubmission replaces it; the earlier file
//! is kept beside it as `<trainee>--<exercise>.<k>.json` (k = 1, 2… the first free number).
//! Both files are written atomically, so a kill never leaves half a file: at worst the
//! earlier submission is there twice. The main file is written into what the trainer put
//! there: through a symbolic link the file it points to is written and the link stays; a FIFO
//! is written into, never replaced. Nothing here reads the gold: a trainee's copy of a pack
//! may have none.

use std::path::{Path, PathBuf};

use super::{CorpusFingerprint, Submission, SubmittedCitation, SubmittedStrategy};
use crate::case::Case;
use crate::model::time::Timestamp;

/// The longest a trainee or exercise name is kept in a file name, in characters.
const NAME_CHARS: usize = 60;

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error(
        "case `{0}` is not a workshop exercise: only a case opened with `tisc workshop start` \
         can be submitted"
    )]
    NotAnExercise(String),
    #[error("case `{case}`: the exercise's start time `{value}` cannot be read")]
    BadStart { case: String, value: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// `s` as a safe part of a file name: letters, digits, `-` and `_` kept, any other character
/// `_`, at most [`NAME_CHARS`] characters; `_` when nothing is left.
pub fn safe_name(s: &str) -> String {
    let out: String = s
        .trim()
        .chars()
        .take(NAME_CHARS)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "_".into()
    } else {
        out
    }
}

/// The main file name of a trainee's submission of an exercise.
pub fn file_name(trainee: &str, exercise: &str) -> String {
    format!("{}--{}.json", safe_name(trainee), safe_name(exercise))
}

/// Whether a file name in the trainer's folder is a main submission file: `*.json`, not a
/// kept earlier one (`*.<k>.json`) nor a temporary or hidden file.
pub fn is_main_file(name: &str) -> bool {
    match name.strip_suffix(".json") {
        Some(stem) => !stem.is_empty() && !stem.starts_with('.') && !stem.contains('.'),
        None => false,
    }
}

/// Seconds from `started_at` to `now` (0 when the clock went back).
pub fn elapsed(case: &Case, started_at: &str, now: Timestamp) -> Result<u64, SubmitError> {
    let start: Timestamp = started_at.parse().map_err(|_| SubmitError::BadStart {
        case: case.id.clone(),
        value: started_at.to_string(),
    })?;
    Ok(u64::try_from(now.unix() - start.unix()).unwrap_or(0))
}

/// Build the submission of `case` at `now`: its citations, the strategies given (re-run by the
/// caller for their first hits), the corpora's fingerprints and the case export.
pub fn build(
    case: &Case,
    case_export: serde_json::Value,
    strategies: Vec<SubmittedStrategy>,
    corpora: Vec<CorpusFingerprint>,
    now: Timestamp,
) -> Result<Submission, SubmitError> {
    let binding = case
        .exercise
        .as_ref()
        .ok_or_else(|| SubmitError::NotAnExercise(case.id.clone()))?;
    let elapsed_secs = elapsed(case, &binding.started_at, now)?;
    Ok(Submission {
        format: super::SUBMISSION_FORMAT,
        tisc_version: env!("CARGO_PKG_VERSION").to_string(),
        pack: binding.pack.clone(),
        pack_title: binding.pack_title.clone(),
        exercise: binding.exercise.clone(),
        trainee: binding.trainee.clone(),
        case_id: case.id.clone(),
        started_at: binding.started_at.clone(),
        submitted_at: now.to_string(),
        elapsed_secs,
        time_limit_secs: binding.time_limit_secs,
        late: elapsed_secs > binding.time_limit_secs,
        citations: case
            .citations
            .iter()
            .map(|c| SubmittedCitation {
                doc: c.doc.id.clone(),
                family: c.doc.family.clone(),
                category: c.categories.clone(),
                claims: c.claims.clone(),
            })
            .collect(),
        strategies,
        corpora,
        case_export,
    })
}

/// Where a submission went.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub path: PathBuf,
    /// Where the earlier submission it replaced was kept.
    pub kept: Option<PathBuf>,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> SubmitError + '_ {
    move |source| SubmitError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Write `sub` into the folder `dir` (which exists), keeping an earlier submission of the
/// same trainee and exercise beside it.
pub fn write(dir: &Path, sub: &Submission) -> Result<Written, SubmitError> {
    let name = file_name(&sub.trainee, &sub.exercise);
    let path = dir.join(&name);
    let mut text = serde_json::to_string_pretty(sub).map_err(|e| SubmitError::Io {
        path: path.clone(),
        source: std::io::Error::other(e),
    })?;
    text.push('\n');
    // Only an earlier submission that is a file (or a link to one) is kept: a FIFO or a device
    // the trainer put there is written into, never read nor replaced.
    let earlier_is_file = std::fs::metadata(&path).is_ok_and(|m| m.is_file());
    let kept = if earlier_is_file {
        let stem = name.trim_end_matches(".json");
        let free = (1u32..)
            .map(|k| dir.join(format!("{stem}.{k}.json")))
            .find(|p| std::fs::symlink_metadata(p).is_err());
        let kept = free.unwrap_or_else(|| dir.join(format!("{stem}.old.json")));
        let earlier = std::fs::read(&path).map_err(io(&path))?;
        crate::fsutil::write_atomic(&kept, &earlier).map_err(io(&kept))?;
        Some(kept)
    } else {
        None
    };
    // Into what is there: a link stays a link (the file it points to is written), a FIFO is
    // written into; a regular file is replaced atomically.
    crate::fsutil::write_output(&path, text.as_bytes()).map_err(io(&path))?;
    Ok(Written { path, kept })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Case, NewCase};
    use crate::workshop::ExerciseBinding;

    fn bound_case(limit: u64) -> Case {
        let mut case = Case::new("c1", NewCase::default(), "2026-01-01T00:00:00Z");
        case.exercise = Some(ExerciseBinding {
            pack: "beginner".into(),
            pack_dir: PathBuf::from("/packs/beginner"),
            pack_title: "Beginner".into(),
            exercise: "ex1".into(),
            trainee: "Zoé / B.".into(),
            started_at: "2026-01-01T10:00:00Z".into(),
            time_limit_secs: limit,
            submitted_at: None,
        });
        case
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn names_are_safe_and_kept_files_are_not_main_files() {
        assert_eq!(file_name("Zoé / B.", "ex.1"), "Zoé___B_--ex_1.json");
        assert_eq!(safe_name("../.."), "_____");
        assert_eq!(safe_name("  "), "_");
        assert!(is_main_file("ann--ex1.json"));
        assert!(!is_main_file("ann--ex1.1.json"));
        assert!(!is_main_file(".ann--ex1.json.tmp.1.0"));
        assert!(!is_main_file("notes.txt"));
    }

    #[test]
    fn a_case_without_an_exercise_is_refused() {
        let case = Case::new("c2", NewCase::default(), "2026-01-01T00:00:00Z");
        let err = build(
            &case,
            serde_json::Value::Null,
            vec![],
            vec![],
            at("2026-01-01T00:00:00Z"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("not a workshop exercise"), "{err}");
    }

    #[test]
    fn late_is_strictly_after_the_limit() {
        let case = bound_case(60);
        let on_time = build(
            &case,
            serde_json::Value::Null,
            vec![],
            vec![],
            at("2026-01-01T10:01:00Z"),
        )
        .unwrap();
        assert_eq!((on_time.elapsed_secs, on_time.late), (60, false));
        let late = build(
            &case,
            serde_json::Value::Null,
            vec![],
            vec![],
            at("2026-01-01T10:01:01Z"),
        )
        .unwrap();
        assert_eq!((late.elapsed_secs, late.late), (61, true));
        assert_eq!(late.trainee, "Zoé / B.");
        assert_eq!(late.submitted_at, "2026-01-01T10:01:01Z");
        assert_eq!(late.tisc_version, env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn a_resubmission_keeps_the_earlier_file_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let case = bound_case(60);
        let first = build(
            &case,
            serde_json::Value::Null,
            vec![],
            vec![],
            at("2026-01-01T10:00:10Z"),
        )
        .unwrap();
        let w1 = write(dir.path(), &first).unwrap();
        assert_eq!(w1.kept, None);
        let second = build(
            &case,
            serde_json::Value::Null,
            vec![],
            vec![],
            at("2026-01-01T10:00:20Z"),
        )
        .unwrap();
        let w2 = write(dir.path(), &second).unwrap();
        let third = build(
            &case,
            serde_json::Value::Null,
            vec![],
            vec![],
            at("2026-01-01T10:00:30Z"),
        )
        .unwrap();
        let w3 = write(dir.path(), &third).unwrap();
        assert_eq!(w3.path, w1.path);
        let kept1 = w2.kept.unwrap();
        let kept2 = w3.kept.unwrap();
        assert!(
            kept1.ends_with("Zoé___B_--ex1.1.json"),
            "{}",
            kept1.display()
        );
        assert!(
            kept2.ends_with("Zoé___B_--ex1.2.json"),
            "{}",
            kept2.display()
        );
        let read = |p: &Path| -> Submission {
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
        };
        assert_eq!(read(&w3.path).elapsed_secs, 30);
        assert_eq!(read(&kept1).elapsed_secs, 10);
        assert_eq!(read(&kept2).elapsed_secs, 20);
        // Only the main file counts as a submission; no temporary file is left.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert_eq!(names.iter().filter(|n| is_main_file(n)).count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_or_a_fifo_in_the_folder_is_written_through_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let case = bound_case(60);
        let sub =
            |at_: &str| build(&case, serde_json::Value::Null, vec![], vec![], at(at_)).unwrap();
        // The trainer's file is a link to a file elsewhere: the link stays and the file it
        // points to receives the submission; the earlier one is kept beside the link.
        let target = elsewhere.path().join("ann.json");
        let first = sub("2026-01-01T10:00:10Z");
        std::fs::write(&target, serde_json::to_string(&first).unwrap()).unwrap();
        let link = dir.path().join(file_name(&first.trainee, &first.exercise));
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let w = write(dir.path(), &sub("2026-01-01T10:00:20Z")).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        let read = |p: &Path| -> Submission {
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
        };
        assert_eq!(read(&target).elapsed_secs, 20);
        assert_eq!(read(&w.kept.unwrap()).elapsed_secs, 10);

        // A FIFO is written into: nothing is read from it nor kept, and it stays a FIFO.
        let mut other = case.clone();
        if let Some(b) = other.exercise.as_mut() {
            b.trainee = "bo".into();
        }
        let fifo = dir.path().join(file_name("bo", "ex1"));
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path and a plain mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let bo = build(
            &other,
            serde_json::Value::Null,
            vec![],
            vec![],
            at("2026-01-01T10:00:30Z"),
        )
        .unwrap();
        let w = write(dir.path(), &bo).unwrap();
        assert_eq!(w.kept, None);
        let got: Submission = serde_json::from_str(&reader.join().unwrap()).unwrap();
        assert_eq!((got.trainee.as_str(), got.elapsed_secs), ("bo", 30));
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
    }
}
