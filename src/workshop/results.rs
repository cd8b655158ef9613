//! The trainer's results of a pack: every submission scored ([`super::score`]), ranked per
//! exercise, the per-trainee leaderboard and each exercise's statistics, rendered as a
//! terminal table, a self-contained HTML page, CSV or JSON (pure: the caller reads the files).
//!
//! - Per exercise: the scores ranked by [`super::score::rank`].
//! - Per trainee: means over *every* exercise of the pack (an exercise not submitted counts
//!   0), ranked by mean F1, then mean recall, then mean PRES, then total time (less first).
//! - Per exercise: how many submissions, the median time (the mean of the two middle times
//!   for an even count), how many were late, and for each gold document how many trainees
//!   did not cite its family, most missed first (gold order among equals).

use serde::Serialize;

use super::score::{self, Score};
use super::GoldCitation;
use crate::case::ReportLang;
use crate::export::csv::{self, Cell};

#[path = "results_view.rs"]
mod view;
pub use view::{html, table};

/// One trainee's totals over the pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeTotal {
    pub trainee: String,
    pub rank: usize,
    /// Exercises submitted.
    pub exercises: usize,
    pub mean_f1: f64,
    pub mean_recall: f64,
    pub mean_pres: f64,
    /// Mean of the best strategies' average precision: the trainee's MAP.
    pub map: f64,
    pub total_secs: u64,
    pub late: usize,
}

/// A gold document and how many trainees missed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missed {
    pub doc: String,
    pub category: String,
    pub missed_by: usize,
}

/// The statistics of one exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseStats {
    pub exercise: String,
    pub submissions: usize,
    /// Median time taken, in seconds (`None` without a submission).
    pub median_secs: Option<f64>,
    pub late: usize,
    /// Every gold document, most missed first.
    pub missed: Vec<Missed>,
}

/// The results of a pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub pack: String,
    pub title: String,
    /// Scores of every submission, ranked within their exercise, in the pack's exercise order.
    pub rows: Vec<Score>,
    pub trainees: Vec<TraineeTotal>,
    pub exercises: Vec<ExerciseStats>,
}

/// The median of `values` (sorted here); `None` when there is none.
pub fn median(values: &mut [u64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0),
    }
}

/// Build the results: `exercises` is the pack's exercises in order, each with its gold;
/// `scores` one per submission.
pub fn build(
    pack: &str,
    title: &str,
    exercises: &[(String, Vec<GoldCitation>)],
    mut scores: Vec<Score>,
) -> Results {
    let position = |e: &str| {
        exercises
            .iter()
            .position(|(id, _)| id == e)
            .unwrap_or(usize::MAX)
    };
    score::rank(&mut scores);
    scores.sort_by(|a, b| {
        position(&a.exercise)
            .cmp(&position(&b.exercise))
            .then(a.rank.cmp(&b.rank))
            .then(a.trainee.cmp(&b.trainee))
    });

    let stats = exercises
        .iter()
        .map(|(id, gold)| {
            let mine: Vec<&Score> = scores.iter().filter(|s| &s.exercise == id).collect();
            let mut times: Vec<u64> = mine.iter().map(|s| s.elapsed_secs).collect();
            let mut missed: Vec<Missed> = gold
                .iter()
                .map(|g| Missed {
                    doc: g.doc.clone(),
                    category: g.category.to_string(),
                    missed_by: mine.iter().filter(|s| s.missed.contains(&g.doc)).count(),
                })
                .collect();
            // A stable sort keeps the gold order among equals.
            missed.sort_by_key(|m| std::cmp::Reverse(m.missed_by));
            ExerciseStats {
                exercise: id.clone(),
                submissions: mine.len(),
                median_secs: median(&mut times),
                late: mine.iter().filter(|s| s.late).count(),
                missed,
            }
        })
        .collect();

    let mut names: Vec<String> = scores.iter().map(|s| s.trainee.clone()).collect();
    names.sort();
    names.dedup();
    let n = exercises.len().max(1) as f64;
    let mut trainees: Vec<TraineeTotal> = names
        .into_iter()
        .map(|t| {
            let mine: Vec<&Score> = scores.iter().filter(|s| s.trainee == t).collect();
            let sum = |f: fn(&Score) -> f64| mine.iter().map(|s| f(s)).sum::<f64>();
            TraineeTotal {
                rank: 0,
                exercises: mine.len(),
                mean_f1: sum(|s| s.f1) / n,
                mean_recall: sum(|s| s.recall) / n,
                mean_pres: sum(|s| s.pres) / n,
                map: sum(|s| s.map) / n,
                total_secs: mine.iter().map(|s| s.elapsed_secs).sum(),
                late: mine.iter().filter(|s| s.late).count(),
                trainee: t,
            }
        })
        .collect();
    let order = |a: &TraineeTotal, b: &TraineeTotal| {
        b.mean_f1
            .total_cmp(&a.mean_f1)
            .then(b.mean_recall.total_cmp(&a.mean_recall))
            .then(b.mean_pres.total_cmp(&a.mean_pres))
            .then(a.total_secs.cmp(&b.total_secs))
    };
    trainees.sort_by(|a, b| order(a, b).then(a.trainee.cmp(&b.trainee)));
    for i in 0..trainees.len() {
        trainees[i].rank = if i > 0 && order(&trainees[i - 1], &trainees[i]).is_eq() {
            trainees[i - 1].rank
        } else {
            i + 1
        };
    }
    Results {
        pack: pack.to_string(),
        title: title.to_string(),
        rows: scores,
        trainees,
        exercises: stats,
    }
}

/// The rows as JSON: an array with one object per trainee and exercise.
pub fn json(r: &Results) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&r.rows).map(|s| s + "\n")
}

/// A score rounded for display and CSV (four decimals).
pub fn num(x: f64) -> String {
    format!("{x:.4}")
}

/// The CSV header: the JSON keys of the main figures.
pub const CSV_HEADER: [&str; 15] = [
    "exercise",
    "rank",
    "trainee",
    "f1",
    "recall",
    "precision",
    "pres",
    "map",
    "strategies",
    "elapsed_secs",
    "late",
    "gold_families",
    "cited_families",
    "categories_agree",
    "found_not_cited",
];

/// The rows as CSV (RFC 4180), one per trainee and exercise; the header is [`CSV_HEADER`]
/// whatever the language, for scripts. `found_not_cited` is the gold documents found by a
/// strategy and not cited, separated by spaces.
pub fn csv(r: &Results) -> String {
    let rows: Vec<Vec<Cell>> = r
        .rows
        .iter()
        .map(|s| {
            vec![
                Cell::text(&s.exercise),
                Cell::Num(s.rank.to_string()),
                Cell::text(&s.trainee),
                Cell::Num(num(s.f1)),
                Cell::Num(num(s.recall)),
                Cell::Num(num(s.precision)),
                Cell::Num(num(s.pres)),
                Cell::Num(num(s.map)),
                Cell::Num(s.strategies.to_string()),
                Cell::Num(s.elapsed_secs.to_string()),
                Cell::Num(s.late.to_string()),
                Cell::Num(s.gold_families.to_string()),
                Cell::Num(s.cited_families.to_string()),
                Cell::Num(s.categories.agreeing().to_string()),
                Cell::text(s.found_not_cited.join(" ")),
            ]
        })
        .collect();
    csv::table(&CSV_HEADER, &rows)
}

/// A duration as `1h02m03s`, `4m05s` or `6s`.
pub fn duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}h{m:02}m{s:02}s")
    } else if m > 0 {
        format!("{m}m{s:02}s")
    } else {
        format!("{s}s")
    }
}

/// The language's labels (a shorthand for the views).
fn labels(lang: ReportLang) -> &'static super::results_strings::ResultLabels {
    super::results_strings::labels(lang)
}

#[cfg(test)]
#[path = "results_tests.rs"]
mod tests;
