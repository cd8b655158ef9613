//! What can go wrong reading a pack, its gold answer, or starting an exercise.

use std::path::PathBuf;

/// An error of the workshop commands. [`WorkshopError::is_input`] tells the bad input (a pack
/// or gold file with an error, an unknown pack or exercise: exit code 2 at the command line)
/// from a runtime failure (I/O: exit code 1).
#[derive(Debug, thiserror::Error)]
pub enum WorkshopError {
    /// A pack or gold file that does not parse or holds a wrong value, with the line (1-based)
    /// where it goes wrong.
    #[error("{}:{line}: {message}", path.display())]
    Bad {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A problem of a whole file (or folder), with no line to point at.
    #[error("{}: {message}", path.display())]
    BadFile { path: PathBuf, message: String },
    /// No pack of that name or path.
    #[error("no workshop pack `{name}`: looked in {looked} — give a pack folder's path, or one of the names `tisc workshop list` shows")]
    UnknownPack { name: String, looked: String },
    /// The pack holds no exercise of that id.
    #[error("pack `{pack}` has no exercise `{exercise}` (it has: {known})")]
    UnknownExercise {
        pack: String,
        exercise: String,
        known: String,
    },
    /// The trainee already started this exercise.
    #[error("{trainee} already started exercise `{exercise}` of pack `{pack}`: case `{case}` — carry on with it (`tisc case show {case}`), or give --again to start over in a new case")]
    AlreadyStarted {
        pack: String,
        exercise: String,
        trainee: String,
        case: String,
    },
    /// A trainee name from which no case id can be made.
    #[error(
        "the trainee name `{0}` has no letter or digit: give a name such as `ada` or `A. Lovelace`"
    )]
    BadTrainee(String),
    /// A refused value given on the command line (e.g. `--time-limit`).
    #[error("{0}")]
    BadValue(String),
    /// An output folder that already holds files.
    #[error("{}: the folder is not empty — give --force to write into it anyway", .0.display())]
    NotEmpty(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Case(#[from] crate::case::CaseError),
    /// A corpus's index that cannot be opened or searched.
    #[error("corpus `{corpus}`: {message}")]
    Index { corpus: String, message: String },
}

impl WorkshopError {
    /// Whether the error is bad input (exit code 2) rather than a runtime failure.
    pub fn is_input(&self) -> bool {
        match self {
            WorkshopError::Io { .. } | WorkshopError::Index { .. } => false,
            WorkshopError::Case(e) => matches!(
                e,
                crate::case::CaseError::BadId(_)
                    | crate::case::CaseError::Exists(_)
                    | crate::case::CaseError::Missing(_)
                    | crate::case::CaseError::BadClaims(_)
                    | crate::case::CaseError::BadCategory(_)
            ),
            _ => true,
        }
    }

    pub(crate) fn io(path: &std::path::Path) -> impl Fn(std::io::Error) -> WorkshopError {
        let path = path.to_path_buf();
        move |source| WorkshopError::Io {
            path: path.clone(),
            source,
        }
    }
}

/// The line (1-based) of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// A `toml` parse error as a [`WorkshopError::Bad`] naming the file and line.
pub(crate) fn toml_error(path: &std::path::Path, text: &str, e: &toml::de::Error) -> WorkshopError {
    let line = e.span().map_or(1, |s| line_of(text, s.start));
    WorkshopError::Bad {
        path: path.to_path_buf(),
        line,
        message: e.message().trim().to_string(),
    }
}
