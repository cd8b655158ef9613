//! Workshops: search exercises for trainee searchers, their submissions and their scores.
//!
//! A trainer writes an exercise *pack* (`pack.toml`: the inventions to search, their cutoff
//! dates, time limits and claims) and keeps the examiner's answer in a separate `gold.toml`.
//! A trainee starts an exercise, which opens a case bound to it ([`ExerciseBinding`]), searches
//! and cites as in any case, and submits: the submission ([`Submission`]) is a self-contained
//! JSON file written into the trainer's folder, from which the scores ([`score`]) and the
//! leaderboard can be computed again at any time.
//!
//! The module owns the pack and gold formats, the binding of a case to an exercise, the
//! submission file and the scores; the CLI (`tisc workshop …`) and the workbench only call it.

use serde::{Deserialize, Serialize};

use crate::case::{Categories, InventionClaim};
use crate::model::Date;

pub mod results;
pub mod results_strings;
pub mod score;
pub mod submit;

/// Version of the submission file format, written into every submission.
pub const SUBMISSION_FORMAT: u32 = 1;

/// An exercise pack, as read from `pack.toml` (and the files it names).
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// The folder the pack was read from.
    pub dir: std::path::PathBuf,
    /// The name the pack is known by: its folder's name.
    pub name: String,
    pub title: String,
    /// Language of the pack's texts (`en`, `fr`, `es`…).
    pub language: String,
    pub instructions: String,
    /// Corpora the exercises are searched in (names as `tisc corpora` lists them).
    pub corpora: Vec<String>,
    /// Where the pack's data comes from, when it is not the trainer's own (e.g. an IR
    /// collection's attribution).
    pub attribution: Option<String>,
    pub exercises: Vec<Exercise>,
}

/// One exercise of a pack: an invention to search.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    /// The invention disclosure (read from `disclosure_file` when the pack names a file).
    pub disclosure: String,
    /// Documents published on or after it are not prior art.
    pub cutoff: Date,
    /// Time allowed, in seconds (`"45m"`, `"1h30m"` in the pack).
    pub time_limit_secs: u64,
    pub hints: Vec<String>,
    /// The numbered claims to be searched.
    pub claims: Vec<InventionClaim>,
    /// Corpora for this exercise when they differ from the pack's.
    pub corpora: Vec<String>,
}

/// The gold answer of one exercise: the examiner's citations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldCitation {
    /// Document id as `tisc search` prints it.
    pub doc: String,
    /// Search-report categories, e.g. `X`, `Y`, `P,X`, `E`.
    pub category: Categories,
    #[serde(default)]
    pub claims: Vec<u32>,
}

/// A case's link to the exercise it was opened for (`tisc workshop start`), kept in case.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseBinding {
    /// The pack as it was named on the command line (a name or a path).
    pub pack: String,
    /// The pack's folder, absolute, when the exercise was started.
    pub pack_dir: std::path::PathBuf,
    pub pack_title: String,
    pub exercise: String,
    pub trainee: String,
    /// When the exercise was started (RFC 3339, UTC): the timer runs from here.
    pub started_at: String,
    pub time_limit_secs: u64,
    /// When it was last submitted (RFC 3339, UTC), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
}

/// What a corpus was when an exercise was searched in it, so a score computed later on a
/// different corpus can be detected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusFingerprint {
    pub name: String,
    pub documents: u64,
    /// The index generation (it changes with every commit of the index).
    pub generation: String,
}

/// One strategy of a submission, with the ids of its first hits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmittedStrategy {
    /// The strategy's set number in the case (`#n`).
    pub number: u32,
    pub query: String,
    pub hits: u64,
    /// Ids of its first 100 hits, best first, as `tisc search` prints them.
    pub top: Vec<String>,
    /// Family id of each of `top` (same length; `None` for a document without a family).
    pub top_families: Vec<Option<String>>,
    /// When it was run (RFC 3339, UTC).
    pub run_at: String,
}

/// One citation of a submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmittedCitation {
    pub doc: String,
    pub family: Option<String>,
    pub category: Categories,
    #[serde(default)]
    pub claims: Vec<u32>,
}

/// A trainee's submission: one JSON file per trainee and exercise in the trainer's folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// [`SUBMISSION_FORMAT`].
    pub format: u32,
    pub tisc_version: String,
    pub pack: String,
    pub pack_title: String,
    pub exercise: String,
    pub trainee: String,
    pub case_id: String,
    pub started_at: String,
    pub submitted_at: String,
    /// Seconds from start to submission.
    pub elapsed_secs: u64,
    pub time_limit_secs: u64,
    /// Submitted after the time limit (accepted, and marked).
    pub late: bool,
    pub citations: Vec<SubmittedCitation>,
    pub strategies: Vec<SubmittedStrategy>,
    pub corpora: Vec<CorpusFingerprint>,
    /// The case as `tisc report --format json` exports it.
    pub case_export: serde_json::Value,
}

pub mod check;
pub mod error;
pub mod gold;
pub mod hand_in;
pub mod import;
pub mod pack;
pub mod start;

pub use error::WorkshopError;
