//! Reading an exercise pack (`pack.toml`), finding a pack by name, and the packs that ship
//! with tisc.
//!
//! A pack is a folder holding `pack.toml` (and the disclosure files it names). It is named by
//! a path, or looked up by name in `$TISC_HOME/workshops/<name>/`, then among the packs
//! shipped with tisc. The shipped packs (the repository's `queries/workshops/`) are compiled
//! into the binary and written out, the first time they are used, to
//! `$TISC_HOME/workshops/.shipped/<name>/` (again whenever the binary holds other files), so
//! an installed tisc has them on a fresh machine and a case can point at a real folder.
//!
//! Every error names the file and the line; unknown keys are refused, so a misspelt key never
//! passes silently.

use super::error::{line_of, toml_error, WorkshopError};
use super::{Exercise, Pack};
use crate::case::parse_claims_text;
use crate::corpus::Workspace;
use crate::model::Date;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The pack file in a pack folder.
pub const PACK_FILE: &str = "pack.toml";

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/workshops.rs"));
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    title: Spanned<String>,
    language: Spanned<String>,
    instructions: String,
    #[serde(default)]
    corpora: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    attribution: Option<String>,
    #[serde(default, rename = "exercise")]
    exercises: Vec<Spanned<RawExercise>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    id: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    disclosure: Option<Spanned<String>>,
    #[serde(default)]
    disclosure_file: Option<Spanned<String>>,
    cutoff: Spanned<toml::Value>,
    time_limit: Spanned<String>,
    #[serde(default)]
    hints: Vec<String>,
    claims: Spanned<String>,
    #[serde(default)]
    corpora: Option<Spanned<Vec<String>>>,
}

/// Parse a time limit: one or more `<number><unit>` with the units `h`, `m`, `s` in that
/// order, each at most once, no spaces (`"45m"`, `"1h30m"`, `"90s"`, `"2h"`). Returns seconds;
/// zero is refused.
pub fn parse_time_limit(text: &str) -> Result<u64, String> {
    let bad = |why: &str| {
        format!("time limit `{text}`: {why} (write e.g. \"45m\", \"1h30m\", \"90s\" or \"2h\")")
    };
    if text.is_empty() {
        return Err(bad("empty"));
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    // Units seen so far, in order: each must come after the previous one.
    let order = ['h', 'm', 's'];
    let mut next_unit = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let Some(pos) = order.iter().position(|u| *u == c) else {
            return Err(bad(&format!("`{c}` is not a digit nor a unit h, m or s")));
        };
        if digits.is_empty() {
            return Err(bad(&format!("no number before `{c}`")));
        }
        if pos < next_unit {
            return Err(bad("units must come once each, in the order h, m, s"));
        }
        next_unit = pos + 1;
        let n: u64 = digits.parse().map_err(|_| bad("number too large"))?;
        let factor = [3600, 60, 1][pos];
        total = n
            .checked_mul(factor)
            .and_then(|s| total.checked_add(s))
            .ok_or_else(|| bad("too long"))?;
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(bad("a number without its unit (h, m or s)"));
    }
    if total == 0 {
        return Err(bad("zero time"));
    }
    Ok(total)
}

/// A time limit as a pack writes it: `1h30m`, `45m`, `90s`.
pub fn format_time_limit(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// A cutoff as `YYYY-MM-DD`, from a TOML string or date.
fn parse_cutoff(value: &toml::Value) -> Result<Date, String> {
    let text = match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        other => other.to_string(),
    };
    let shaped = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let bad = || format!("cutoff `{text}` is not a date YYYY-MM-DD");
    if !shaped {
        return Err(bad());
    }
    Date::parse(&text).map_err(|_| bad())
}

/// Names usable as an exercise id or a pack name: letters, digits, `-` and `_`, not starting
/// with `-`, at most 48 characters (so a case id can be made of it and a trainee's name).
pub fn check_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 48
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Read the pack in folder `dir`.
pub fn load(dir: &Path) -> Result<Pack, WorkshopError> {
    let path = dir.join(PACK_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            WorkshopError::BadFile {
                path: dir.to_path_buf(),
                message: format!("not a workshop pack: no {PACK_FILE} in this folder"),
            }
        } else {
            WorkshopError::io(&path)(e)
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|e| WorkshopError::BadFile {
        path: path.clone(),
        message: format!(
            "not UTF-8 text (bad byte at offset {}): save the file as UTF-8",
            e.utf8_error().valid_up_to()
        ),
    })?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "pack".into());
    parse(dir, &name, &path, &text)
}

/// Parse the text of a `pack.toml` read from `path` in folder `dir`.
pub fn parse(dir: &Path, name: &str, path: &Path, text: &str) -> Result<Pack, WorkshopError> {
    let raw: RawPack = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let at = |span: std::ops::Range<usize>, message: String| WorkshopError::Bad {
        path: path.to_path_buf(),
        line: line_of(text, span.start),
        message,
    };
    if raw.title.get_ref().trim().is_empty() {
        return Err(at(raw.title.span(), "the title is empty".into()));
    }
    let language = raw.language.get_ref().trim().to_ascii_lowercase();
    let lang_ok =
        (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_lowercase());
    if !lang_ok {
        return Err(at(
            raw.language.span(),
            format!(
                "language `{}` is not a language code such as en, fr, es, pt or ar",
                raw.language.get_ref()
            ),
        ));
    }
    let pack_corpora = check_corpora(&raw.corpora, &at)?;
    if raw.exercises.is_empty() {
        return Err(WorkshopError::Bad {
            path: path.to_path_buf(),
            line: 1,
            message: "the pack has no exercise: add an [[exercise]] table".into(),
        });
    }
    let mut exercises: Vec<Exercise> = Vec::new();
    for spanned in &raw.exercises {
        let ex = spanned.get_ref();
        let id = ex.id.get_ref().trim().to_string();
        if !check_name(&id) {
            return Err(at(ex.id.span(), format!("exercise id `{id}`: use letters, digits, `-` and `_` (at most 48, not starting with `-`)")));
        }
        if exercises.iter().any(|e| e.id == id) {
            return Err(at(
                ex.id.span(),
                format!("a second exercise `{id}`: ids must differ"),
            ));
        }
        if ex.title.get_ref().trim().is_empty() {
            return Err(at(
                ex.title.span(),
                format!("exercise `{id}`: the title is empty"),
            ));
        }
        let disclosure = match (&ex.disclosure, &ex.disclosure_file) {
            (Some(d), None) => d.get_ref().clone(),
            (None, Some(f)) => read_disclosure(dir, f.get_ref())
                .map_err(|m| at(f.span(), format!("exercise `{id}`: {m}")))?,
            (Some(_), Some(f)) => {
                return Err(at(f.span(), format!("exercise `{id}`: give `disclosure` or `disclosure_file`, not both")))
            }
            (None, None) => {
                return Err(at(spanned.span(), format!("exercise `{id}`: no `disclosure` (the text) nor `disclosure_file` (a file in the pack)")))
            }
        };
        if disclosure.trim().is_empty() {
            return Err(at(
                spanned.span(),
                format!("exercise `{id}`: the disclosure is empty"),
            ));
        }
        let cutoff = parse_cutoff(ex.cutoff.get_ref())
            .map_err(|m| at(ex.cutoff.span(), format!("exercise `{id}`: {m}")))?;
        let time_limit_secs = parse_time_limit(ex.time_limit.get_ref().trim())
            .map_err(|m| at(ex.time_limit.span(), format!("exercise `{id}`: {m}")))?;
        let claims = parse_claims_text(ex.claims.get_ref().as_bytes()).map_err(|e| {
            // The claims' line 1 is the line after a `"""` that ends its line.
            let start = ex.claims.span().start;
            let first = line_of(text, start);
            let after = text.get(start..).unwrap_or_default();
            let skip = after
                .strip_prefix("\"\"\"")
                .or_else(|| after.strip_prefix("'''"))
                .is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"));
            WorkshopError::Bad {
                path: path.to_path_buf(),
                line: first + e.line - 1 + usize::from(skip),
                message: format!("exercise `{id}`, claims: {}", e.message),
            }
        })?;
        let corpora = check_corpora(&ex.corpora, &at)?;
        if pack_corpora.is_empty() && corpora.is_empty() {
            return Err(at(spanned.span(), format!("exercise `{id}`: no corpora — name them in the pack (`corpora = [\"demo\"]`) or in the exercise")));
        }
        exercises.push(Exercise {
            id,
            title: ex.title.get_ref().trim().to_string(),
            disclosure,
            cutoff,
            time_limit_secs,
            hints: ex.hints.clone(),
            claims,
            corpora,
        });
    }
    Ok(Pack {
        dir: dir.to_path_buf(),
        name: name.to_string(),
        title: raw.title.get_ref().trim().to_string(),
        language,
        instructions: raw.instructions,
        corpora: pack_corpora,
        attribution: raw.attribution.filter(|a| !a.trim().is_empty()),
        exercises,
    })
}

fn check_corpora(
    corpora: &Option<Spanned<Vec<String>>>,
    at: &impl Fn(std::ops::Range<usize>, String) -> WorkshopError,
) -> Result<Vec<String>, WorkshopError> {
    let Some(corpora) = corpora else {
        return Ok(Vec::new());
    };
    for c in corpora.get_ref() {
        if crate::corpus::check_name(c).is_err() {
            return Err(at(corpora.span(), format!("`{c}` is not a corpus name")));
        }
    }
    Ok(corpora.get_ref().clone())
}

/// The text of a disclosure file named relative to the pack folder.
fn read_disclosure(dir: &Path, rel: &str) -> Result<String, String> {
    let rel_path = Path::new(rel);
    if rel_path.is_absolute()
        || rel_path
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(format!(
            "disclosure_file `{rel}` must be a file inside the pack folder"
        ));
    }
    let p = dir.join(rel_path);
    std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

impl Pack {
    /// The exercise of id `id`.
    pub fn exercise(&self, id: &str) -> Result<&Exercise, WorkshopError> {
        self.exercises
            .iter()
            .find(|e| e.id == id)
            .ok_or_else(|| WorkshopError::UnknownExercise {
                pack: self.name.clone(),
                exercise: id.to_string(),
                known: self
                    .exercises
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The corpora an exercise is searched in: its own, else the pack's.
    pub fn corpora_of<'a>(&'a self, exercise: &'a Exercise) -> &'a [String] {
        if exercise.corpora.is_empty() {
            &self.corpora
        } else {
            &exercise.corpora
        }
    }
}

/// Where the user's own packs live: `$TISC_HOME/workshops/`.
pub fn workshops_dir(ws: &Workspace) -> PathBuf {
    ws.home.join("workshops")
}

/// The names of the packs shipped with tisc.
pub fn shipped_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = shipped::WORKSHOP_FILES
        .iter()
        .filter_map(|(rel, _)| rel.split_once('/').map(|(n, _)| n))
        .collect();
    names.dedup();
    names
}

/// Write the shipped pack `name` to `$TISC_HOME/workshops/.shipped/<name>/` unless it is
/// there already as this binary holds it; returns the folder.
pub fn unpack_shipped(ws: &Workspace, name: &str) -> Result<Option<PathBuf>, WorkshopError> {
    let prefix = format!("{name}/");
    let files: Vec<(&str, &[u8])> = shipped::WORKSHOP_FILES
        .iter()
        .filter_map(|(rel, bytes)| rel.strip_prefix(&prefix).map(|r| (r, *bytes)))
        .collect();
    if files.is_empty() {
        return Ok(None);
    }
    let dir = workshops_dir(ws).join(".shipped").join(name);
    // FNV-1a over the names and bytes: rewritten whenever the binary holds other files.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (rel, bytes) in &files {
        for b in rel.bytes().chain(bytes.iter().copied()) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let stamp = dir.join(".tisc-unpacked");
    let want = format!("{} {hash:016x}", env!("CARGO_PKG_VERSION"));
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        return Ok(Some(dir));
    }
    for (rel, bytes) in files {
        let p = dir.join(rel);
        crate::fsutil::write_atomic(&p, bytes).map_err(WorkshopError::io(&p))?;
    }
    crate::fsutil::write_atomic(&stamp, want.as_bytes()).map_err(WorkshopError::io(&stamp))?;
    Ok(Some(dir))
}

/// Find the folder of the pack a user names: an existing folder; else
/// `$TISC_HOME/workshops/<name>`; else a pack shipped with tisc.
pub fn locate(ws: &Workspace, name: &str) -> Result<PathBuf, WorkshopError> {
    let as_path = Path::new(name);
    if as_path.is_dir() {
        return Ok(std::path::absolute(as_path).unwrap_or_else(|_| as_path.to_path_buf()));
    }
    let own = workshops_dir(ws);
    if check_name(name) {
        let dir = own.join(name);
        if dir.join(PACK_FILE).is_file() {
            return Ok(dir);
        }
        if let Some(dir) = unpack_shipped(ws, name)? {
            return Ok(dir);
        }
    }
    Err(WorkshopError::UnknownPack {
        name: name.to_string(),
        looked: format!(
            "the path `{name}`, {}, and the packs shipped with tisc ({})",
            own.display(),
            shipped_names().join(", ")
        ),
    })
}

/// Find and read the pack a user names.
pub fn open(ws: &Workspace, name: &str) -> Result<Pack, WorkshopError> {
    load(&locate(ws, name)?)
}

/// Every pack found: the user's own in `$TISC_HOME/workshops/`, then the shipped ones not
/// hidden by one of the same name. Each with its name and what reading it gave.
pub fn list(ws: &Workspace) -> Vec<(String, Result<Pack, WorkshopError>)> {
    let mut out: Vec<(String, Result<Pack, WorkshopError>)> = Vec::new();
    let own = workshops_dir(ws);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&own)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    for d in dirs {
        let name = d
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || !d.join(PACK_FILE).is_file() {
            continue;
        }
        out.push((name, load(&d)));
    }
    for name in shipped_names() {
        if out.iter().any(|(n, _)| n == name) {
            continue;
        }
        let pack = unpack_shipped(ws, name).and_then(|d| match d {
            Some(d) => load(&d),
            None => Err(WorkshopError::UnknownPack {
                name: name.to_string(),
                looked: "the packs shipped with tisc".into(),
            }),
        });
        out.push((name.to_string(), pack));
    }
    out
}

#[cfg(test)]
#[path = "pack_tests.rs"]
mod tests;
