//! Scores of one submission against its exercise's gold answer (pure: no I/O).
//!
//! Everything is counted by *family*: a document and the other publications of its patent
//! family are one family, and a document without a family is a family of its own. Citing any
//! member of a gold family finds that family. The definitions (with a worked example) are in
//! `docs/workshops.md`:
//!
//! - recall = gold families cited / gold families; precision = gold families cited / distinct
//!   families cited; F1 = 2PR / (P + R), 0 when both are 0;
//! - category agreement: a table of the gold class (X, Y, A, or "not in gold") against the
//!   trainee's class (X, Y, A, or "not cited"), each citation reduced to one class by
//!   [`class_of`]; the P and E qualifiers are compared apart ([`Score::qualifiers_agree`]);
//! - "found but not cited": recall of the gold families within each strategy's first 100
//!   hits and within all of them together, and the gold documents whose family was found
//!   there but not cited;
//! - AP and PRES@100 of the best strategy (highest PRES@100, then AP, then the earliest), on
//!   its first 100 hits reduced to families (a family counted at its best rank only);
//! - the ranking within an exercise: F1, then recall, then PRES, then time (faster first).

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::{GoldCitation, Submission};
use crate::case::{Categories, Category};

/// How deep in a strategy's hits a gold family counts as found (and PRES's N).
pub const TOP: usize = 100;

/// The family each document belongs to, as the corpora say; a document not in the map is a
/// family of its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Families {
    map: HashMap<String, String>,
}

impl Families {
    pub fn new() -> Families {
        Families::default()
    }

    /// Record that `doc` belongs to `family`.
    pub fn insert(&mut self, doc: impl Into<String>, family: impl Into<String>) {
        self.map.insert(doc.into(), family.into());
    }

    /// Whether the family of `doc` is known.
    pub fn knows(&self, doc: &str) -> bool {
        self.map.contains_key(doc)
    }

    /// The key that stands for the family of `doc` (a family id and a document id never
    /// collide: they are kept apart by a prefix).
    pub fn key(&self, doc: &str) -> String {
        match self.map.get(doc) {
            Some(f) => format!("family:{f}"),
            None => format!("doc:{doc}"),
        }
    }
}

/// The class a citation's categories count as in the agreement table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Class {
    X,
    Y,
    A,
}

/// The class of a set of categories: its relevance letter (X, Y or A) when it has one — so
/// `P,X` is X (a document published in the priority interval, particularly relevant) and
/// `E,Y` is Y; `E` alone is X (a conflicting earlier application bears on novelty as an X
/// document does); any other qualifier alone (`P`, `D`, `L`, `O`, `T`) is A.
pub fn class_of(c: &Categories) -> Class {
    if c.contains(Category::X) {
        Class::X
    } else if c.contains(Category::Y) {
        Class::Y
    } else if c.contains(Category::A) {
        Class::A
    } else if c.contains(Category::E) {
        Class::X
    } else {
        Class::A
    }
}

/// The date qualifiers of a set of categories: (P, E).
fn qualifiers(c: &Categories) -> (bool, bool) {
    (c.contains(Category::P), c.contains(Category::E))
}

/// One row of the agreement table: how many families of a gold class the trainee cited as
/// X, Y, A, or did not cite.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ClassRow {
    #[serde(rename = "X")]
    pub x: u32,
    #[serde(rename = "Y")]
    pub y: u32,
    #[serde(rename = "A")]
    pub a: u32,
    pub not_cited: u32,
}

impl ClassRow {
    fn add(&mut self, trainee: Option<Class>) {
        match trainee {
            Some(Class::X) => self.x += 1,
            Some(Class::Y) => self.y += 1,
            Some(Class::A) => self.a += 1,
            None => self.not_cited += 1,
        }
    }

    /// The cells in column order: X, Y, A, not cited.
    pub fn cells(&self) -> [u32; 4] {
        [self.x, self.y, self.a, self.not_cited]
    }
}

/// The category agreement table: rows are the gold class (and the families the trainee cited
/// that are not in the gold), columns the trainee's class (and "not cited").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ClassTable {
    #[serde(rename = "X")]
    pub x: ClassRow,
    #[serde(rename = "Y")]
    pub y: ClassRow,
    #[serde(rename = "A")]
    pub a: ClassRow,
    /// Families cited that are not in the gold (its `not_cited` is always 0).
    pub not_in_gold: ClassRow,
}

impl ClassTable {
    fn row_mut(&mut self, gold: Option<Class>) -> &mut ClassRow {
        match gold {
            Some(Class::X) => &mut self.x,
            Some(Class::Y) => &mut self.y,
            Some(Class::A) => &mut self.a,
            None => &mut self.not_in_gold,
        }
    }

    /// The rows in order: X, Y, A, not in gold.
    pub fn rows(&self) -> [ClassRow; 4] {
        [self.x, self.y, self.a, self.not_in_gold]
    }

    /// Gold families cited in the gold's own class (the diagonal).
    pub fn agreeing(&self) -> u32 {
        self.x.x + self.y.y + self.a.a
    }
}

/// How one strategy found the gold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyScore {
    /// Its number in the case (`#n`).
    pub number: u32,
    /// Gold families within its first 100 hits / gold families.
    pub recall: f64,
    /// PRES@100 on its first 100 hits reduced to families.
    pub pres: f64,
    /// Average precision on the same list.
    pub ap: f64,
}

/// The scores of one submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub trainee: String,
    pub exercise: String,
    pub recall: f64,
    pub precision: f64,
    pub f1: f64,
    /// PRES@100 of the best strategy (0 without strategies).
    pub pres: f64,
    /// Average precision of the best strategy (0 without strategies); averaged over the
    /// exercises, it is the trainee's MAP.
    pub map: f64,
    pub late: bool,
    /// Rank within the exercise, 1 = best (set by [`rank`]; 0 until then).
    pub rank: usize,
    /// Number of strategies in the submission.
    pub strategies: usize,
    pub elapsed_secs: u64,
    pub time_limit_secs: u64,
    /// Families in the gold.
    pub gold_families: usize,
    /// Distinct families cited.
    pub cited_families: usize,
    /// Gold families cited.
    pub cited_gold_families: usize,
    /// The category agreement table.
    pub categories: ClassTable,
    /// Gold families cited with the same date qualifiers (P, E) as the gold, out of
    /// `cited_gold_families`.
    pub qualifiers_agree: usize,
    /// The best strategy's number (highest PRES@100, then AP, then the earliest).
    pub best_strategy: Option<u32>,
    /// Each strategy's recall, PRES and AP, in the submission's order.
    pub per_strategy: Vec<StrategyScore>,
    /// Gold families within the first 100 hits of any strategy / gold families.
    pub found_recall: f64,
    /// Gold documents whose family some strategy found in its first 100 hits but that
    /// were not cited (for the trainer: they name gold documents).
    pub found_not_cited: Vec<String>,
    /// Gold documents whose family was not cited (for the trainer).
    pub missed: Vec<String>,
}

/// A family of the gold: its documents (in gold order) and its class and qualifiers (those
/// of its strongest citation).
struct GoldFamily {
    key: String,
    docs: Vec<String>,
    class: Class,
    qualifiers: (bool, bool),
}

fn gold_families(gold: &[GoldCitation], families: &Families) -> Vec<GoldFamily> {
    let mut out: Vec<GoldFamily> = Vec::new();
    for g in gold {
        let key = families.key(&g.doc);
        let class = class_of(&g.category);
        match out.iter_mut().find(|f| f.key == key) {
            Some(f) => {
                f.docs.push(g.doc.clone());
                if class < f.class {
                    f.class = class;
                    f.qualifiers = qualifiers(&g.category);
                }
            }
            None => out.push(GoldFamily {
                key,
                docs: vec![g.doc.clone()],
                class,
                qualifiers: qualifiers(&g.category),
            }),
        }
    }
    out
}

/// `part / whole`, 0 when `whole` is 0.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A strategy's first 100 hits as families, each at its best rank only.
fn family_list(top: &[String], families: &Families) -> Vec<String> {
    let mut seen = BTreeSet::new();
    top.iter()
        .take(TOP)
        .map(|d| families.key(d))
        .filter(|k| seen.insert(k.clone()))
        .collect()
}

/// Score `sub` against the gold of its exercise, with families as `families` says.
pub fn score(gold: &[GoldCitation], families: &Families, sub: &Submission) -> Score {
    let gold = gold_families(gold, families);
    // The trainee's families, each with the class and qualifiers of its strongest citation.
    let mut cited: Vec<(String, Class, (bool, bool))> = Vec::new();
    for c in &sub.citations {
        let key = families.key(&c.doc);
        let class = class_of(&c.category);
        match cited.iter_mut().find(|f| f.0 == key) {
            Some(f) if class < f.1 => {
                f.1 = class;
                f.2 = qualifiers(&c.category);
            }
            Some(_) => {}
            None => cited.push((key, class, qualifiers(&c.category))),
        }
    }
    let trainee_of = |key: &str| cited.iter().find(|c| c.0 == key);

    let mut table = ClassTable::default();
    let mut hit = 0;
    let mut qualifiers_agree = 0;
    let mut missed = Vec::new();
    for g in &gold {
        let t = trainee_of(&g.key);
        table.row_mut(Some(g.class)).add(t.map(|t| t.1));
        match t {
            Some(t) => {
                hit += 1;
                if t.2 == g.qualifiers {
                    qualifiers_agree += 1;
                }
            }
            None => missed.extend(g.docs.iter().cloned()),
        }
    }
    for c in &cited {
        if !gold.iter().any(|g| g.key == c.0) {
            table.row_mut(None).add(Some(c.1));
        }
    }
    let recall = ratio(hit, gold.len());
    let precision = ratio(hit, cited.len());
    let f1 = if recall + precision > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };

    let rels: HashMap<String, i32> = gold.iter().map(|g| (g.key.clone(), 1)).collect();
    let mut found: BTreeSet<String> = BTreeSet::new();
    let mut per_strategy = Vec::new();
    for s in &sub.strategies {
        let list = family_list(&s.top, families);
        let in_top = gold.iter().filter(|g| list.contains(&g.key)).count();
        found.extend(list.iter().filter(|k| rels.contains_key(*k)).cloned());
        per_strategy.push(StrategyScore {
            number: s.number,
            recall: ratio(in_top, gold.len()),
            pres: crate::eval::pres_at(&rels, &list, TOP),
            ap: crate::eval::average_precision(&rels, &list),
        });
    }
    let best = per_strategy.iter().reduce(|best, s| {
        let better = s
            .pres
            .total_cmp(&best.pres)
            .then(s.ap.total_cmp(&best.ap))
            .is_gt();
        if better {
            s
        } else {
            best
        }
    });
    let found_not_cited = gold
        .iter()
        .filter(|g| found.contains(&g.key) && trainee_of(&g.key).is_none())
        .flat_map(|g| g.docs.iter().cloned())
        .collect();

    Score {
        trainee: sub.trainee.clone(),
        exercise: sub.exercise.clone(),
        recall,
        precision,
        f1,
        pres: best.map_or(0.0, |b| b.pres),
        map: best.map_or(0.0, |b| b.ap),
        late: sub.late,
        rank: 0,
        strategies: sub.strategies.len(),
        elapsed_secs: sub.elapsed_secs,
        time_limit_secs: sub.time_limit_secs,
        gold_families: gold.len(),
        cited_families: cited.len(),
        cited_gold_families: hit,
        categories: table,
        qualifiers_agree,
        best_strategy: best.map(|b| b.number),
        found_recall: ratio(found.len(), gold.len()),
        per_strategy,
        found_not_cited,
        missed,
    }
}

/// The ranking order within an exercise: higher F1, then higher recall, then higher PRES,
/// then less time. `Equal` means tied (the same rank).
pub fn compare(a: &Score, b: &Score) -> Ordering {
    b.f1.total_cmp(&a.f1)
        .then(b.recall.total_cmp(&a.recall))
        .then(b.pres.total_cmp(&a.pres))
        .then(a.elapsed_secs.cmp(&b.elapsed_secs))
}

/// Rank the scores within each exercise (1 = best; tied scores share a rank, the next one
/// skipping as many places) and order them by exercise (first seen first), rank, then
/// trainee.
pub fn rank(scores: &mut [Score]) {
    let mut exercises: Vec<String> = Vec::new();
    for s in scores.iter() {
        if !exercises.contains(&s.exercise) {
            exercises.push(s.exercise.clone());
        }
    }
    let position = |e: &str| exercises.iter().position(|x| x == e).unwrap_or(usize::MAX);
    scores.sort_by(|a, b| {
        position(&a.exercise)
            .cmp(&position(&b.exercise))
            .then(compare(a, b))
            .then(a.trainee.cmp(&b.trainee))
    });
    let mut start = 0;
    for i in 0..scores.len() {
        if i > 0 && scores[i - 1].exercise != scores[i].exercise {
            start = i;
        }
        scores[i].rank = if i > start && compare(&scores[i - 1], &scores[i]).is_eq() {
            scores[i - 1].rank
        } else {
            i - start + 1
        };
    }
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
