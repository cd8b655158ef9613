//! The gold answer of a pack (`gold.toml`): the examiner's citations for each exercise.
//!
//! ```toml
//! [solar-1]
//! citations = [
//!   { doc = "US7640932B2", category = "X", claims = [1, 2] },
//!   { doc = "EP2374522B1", category = "Y", claims = [3] },
//! ]
//! ```
//!
//! A trainer may leave `gold.toml` out of the copies handed to trainees; a pack without it is
//! still a pack. Gold is read only by `tisc workshop check --trainer` (and by `check` to
//! validate it, naming entries by position) and by the scorer: no other command prints it.

use super::error::{line_of, toml_error, WorkshopError};
use super::GoldCitation;
use crate::case::Categories;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The gold file in a pack folder.
pub const GOLD_FILE: &str = "gold.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    citations: Vec<Spanned<RawCitation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCitation {
    doc: Spanned<String>,
    category: Spanned<String>,
    #[serde(default)]
    claims: Option<Spanned<Vec<u32>>>,
}

/// The gold answer of a pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// The `gold.toml` it was read from.
    pub path: PathBuf,
    /// One entry per exercise, in the order of the file.
    pub exercises: Vec<GoldExercise>,
}

/// The gold citations of one exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldExercise {
    pub id: String,
    /// Line of the exercise's table in the file.
    pub line: usize,
    pub citations: Vec<GoldCitation>,
    /// Line of each citation (same order as `citations`).
    pub lines: Vec<usize>,
}

impl Gold {
    /// The gold citations of exercise `id` (`None`: the gold has no entry for it).
    pub fn citations(&self, id: &str) -> Option<&[GoldCitation]> {
        self.exercise(id).map(|e| e.citations.as_slice())
    }

    pub fn exercise(&self, id: &str) -> Option<&GoldExercise> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

/// Read the gold of the pack in `dir`; `None` when the pack has no `gold.toml` (a trainee's
/// copy).
pub fn load(dir: &Path) -> Result<Option<Gold>, WorkshopError> {
    let path = dir.join(GOLD_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(WorkshopError::io(&path)(e)),
    };
    let text = String::from_utf8(bytes).map_err(|e| WorkshopError::BadFile {
        path: path.clone(),
        message: format!(
            "not UTF-8 text (bad byte at offset {}): save the file as UTF-8",
            e.utf8_error().valid_up_to()
        ),
    })?;
    parse(&path, &text).map(Some)
}

/// Parse the text of a `gold.toml` read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Gold, WorkshopError> {
    let raw: BTreeMap<String, Spanned<RawExercise>> =
        toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let at = |offset: usize, message: String| WorkshopError::Bad {
        path: path.to_path_buf(),
        line: line_of(text, offset),
        message,
    };
    let mut exercises = Vec::new();
    for (id, spanned) in raw {
        let line = line_of(text, spanned.span().start);
        let mut citations = Vec::new();
        let mut lines = Vec::new();
        let raw_citations = &spanned.get_ref().citations;
        if raw_citations.is_empty() {
            return Err(at(
                spanned.span().start,
                format!("exercise `{id}`: no gold citations"),
            ));
        }
        for (i, c) in raw_citations.iter().enumerate() {
            let c_line = c.span().start;
            let raw = c.get_ref();
            let position = i + 1;
            let doc = raw.doc.get_ref().trim();
            if doc.is_empty() {
                return Err(at(
                    raw.doc.span().start,
                    format!("exercise `{id}`, gold citation {position}: the document is empty"),
                ));
            }
            let category = Categories::parse(raw.category.get_ref()).map_err(|_| {
                at(
                    raw.category.span().start,
                    format!(
                        "exercise `{id}`, gold citation {position}: category `{}` is not one of X, Y, A, P, E (or a combination such as \"P,X\")",
                        raw.category.get_ref()
                    ),
                )
            })?;
            let claims = raw
                .claims
                .as_ref()
                .map(|c| c.get_ref().clone())
                .unwrap_or_default();
            if let Some(spanned) = raw.claims.as_ref().filter(|c| c.get_ref().contains(&0)) {
                return Err(at(
                    spanned.span().start,
                    format!(
                        "exercise `{id}`, gold citation {position}: claims are numbered from 1"
                    ),
                ));
            }
            citations.push(GoldCitation {
                doc: doc.to_string(),
                category,
                claims,
            });
            lines.push(line_of(text, c_line));
        }
        exercises.push(GoldExercise {
            id,
            line,
            citations,
            lines,
        });
    }
    exercises.sort_by_key(|e| e.line);
    Ok(Gold {
        path: path.to_path_buf(),
        exercises,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("gold.toml")
    }

    #[test]
    fn gold_is_read_in_file_order_with_lines() {
        let text = "[b-2]\ncitations = [{ doc = \"US7000001B2\", category = \"X\", claims = [1, 2] }]\n\n[a-1]\ncitations = [\n  { doc = \"EP2374522B1\", category = \"P,X\" },\n  { doc = \"PMID:39900023\", category = \"A\" },\n]\n";
        let g = parse(p(), text).unwrap();
        let ids: Vec<&str> = g.exercises.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["b-2", "a-1"]);
        let a = g.exercise("a-1").unwrap();
        assert_eq!(a.line, 4);
        assert_eq!(a.lines, [6, 7]);
        assert_eq!(a.citations[0].category.to_string(), "P,X");
        assert!(a.citations[1].claims.is_empty());
        assert_eq!(g.citations("b-2").unwrap()[0].claims, [1, 2]);
        assert!(g.citations("c").is_none());
    }

    #[test]
    fn a_bad_category_an_unknown_key_or_no_citation_names_the_line() {
        let bad_cat = "[a]\ncitations = [\n  { doc = \"US1B2\", category = \"Z\" },\n]\n";
        let e = parse(p(), bad_cat).unwrap_err().to_string();
        assert!(e.starts_with("gold.toml:3: "), "{e}");
        assert!(e.contains("gold citation 1") && e.contains("`Z`"), "{e}");
        let typo = "[a]\ncitations = [\n  { doc = \"US1B2\", categroy = \"X\" },\n]\n";
        let e = parse(p(), typo).unwrap_err().to_string();
        assert!(e.starts_with("gold.toml:3: "), "{e}");
        assert!(e.contains("categroy"), "{e}");
        let empty = "[a]\n[b]\ncitations = []\n";
        let e = parse(p(), empty).unwrap_err().to_string();
        assert!(e.starts_with("gold.toml:1: "), "{e}");
        let zero = "[a]\ncitations = [{ doc = \"US1B2\", category = \"X\", claims = [0] }]\n";
        assert!(parse(p(), zero).unwrap_err().to_string().contains("from 1"));
    }

    #[test]
    fn a_pack_without_gold_has_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_none());
    }
}
