//! Corpus definitions and building a corpus: reading its files and writing its index.
//!
//! Definitions are TOML files: the user's in `$TISC_HOME/corpora/` first, then the built-in
//! ones compiled into tisc (the repository's `corpora/*.toml`). The demo corpus is embedded
//! in the binary and unpacked into `$TISC_HOME/builtin/demo/` on first use.

mod build;
mod doclang;
pub mod lock;
mod status;
mod toml_files;
mod update;
mod workspace;

pub use build::{build, build_with, BuildMode, BuildOptions, BuildReport, Progress};
pub use build::{corpus_files, input_files};
pub use doclang::declared_lang;
pub use lock::{CorpusLock, LockError};
pub use status::{status, CorpusStatus};
pub use workspace::Workspace;

use crate::ingest::Format;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// What a corpus holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CorpusKind {
    #[default]
    Patent,
    Literature,
    Mixed,
}

impl CorpusKind {
    /// The kind a corpus of files in `format` most likely is.
    pub fn guess(format: Format) -> CorpusKind {
        match format {
            Format::Uspto | Format::Ep | Format::Docdb => CorpusKind::Patent,
            Format::Pubmed | Format::Jats | Format::Beir => CorpusKind::Literature,
            Format::Jsonl | Format::Auto => CorpusKind::Mixed,
        }
    }
}

/// Where a corpus can be fetched from (used by `tisc mirror`): explicit file URLs, and/or a
/// listing page whose links are filtered by a glob on the file name. With `checksum_suffix`
/// (e.g. `.md5`), each file's published checksum is fetched from `URL + suffix`.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct RemoteSource {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urls: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum_suffix: Option<String>,
    /// Further listing pages, each with its own pattern (e.g. PubMed's baseline and its
    /// daily update files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lists: Vec<RemoteList>,
}

/// A listing page and the glob its file names must match.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct RemoteList {
    pub url: String,
    pub pattern: String,
}

/// A corpus definition as written in TOML.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CorpusDef {
    pub name: String,
    #[serde(default)]
    pub kind: CorpusKind,
    #[serde(default = "auto")]
    pub format: Format,
    /// Default language of documents that do not state one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Files, folders or glob patterns; `${TISC_HOME}` expands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Name of a data set embedded in tisc (`demo`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<RemoteSource>,
    /// Tantivy indexes the corpus's index is split into (`tisc index --shards N`); absent:
    /// one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shards: Option<usize>,
    /// Index the texts stemmed only, without their unstemmed copy (`tisc index
    /// --stems-only`): a smaller index, and truncation matches the beginning of stems.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stems_only: bool,
    /// How the document store is compressed (`tisc index --store-compression`); absent: LZ4.
    #[serde(
        default,
        skip_serializing_if = "crate::index::StoreCompression::is_default"
    )]
    pub store_compression: crate::index::StoreCompression,
}

impl CorpusDef {
    /// The index layout this definition asks for.
    pub fn layout(&self) -> crate::index::Layout {
        crate::index::Layout {
            stems_only: self.stems_only,
            store_compression: self.store_compression,
        }
    }
}

fn auto() -> Format {
    Format::Auto
}

impl CorpusDef {
    /// A corpus of `paths` in `format`: no default language, description, embedded data,
    /// remote source or shards (set them with struct update syntax).
    pub fn new(name: &str, kind: CorpusKind, format: Format, paths: Vec<String>) -> CorpusDef {
        CorpusDef {
            name: name.to_string(),
            kind,
            format,
            lang: None,
            description: None,
            paths,
            embedded: None,
            remote: None,
            shards: None,
            stems_only: false,
            store_compression: crate::index::StoreCompression::Lz4,
        }
    }
}

/// Where a definition came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    User(PathBuf),
    BuiltIn,
}

/// A definition with its paths expanded and checked.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub def: CorpusDef,
    pub origin: Origin,
    /// Expanded input paths (files, folders, glob matches).
    pub inputs: Vec<PathBuf>,
    /// Why the corpus's data cannot be read here, with a hint; `None` when available.
    pub unavailable: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("no corpus named `{name}` — `tisc corpora` lists the defined ones; `tisc index --name {name} --format auto <path>` defines a new one")]
    Unknown { name: String },
    #[error("corpus `{name}`: {reason}")]
    Unavailable { name: String, reason: String },
    #[error("{}: {message}", path.display())]
    BadDefinition { path: PathBuf, message: String },
    #[error("corpus name `{0}` is not allowed: use letters, digits, `-` and `_` only")]
    BadName(String),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
    #[error(transparent)]
    Lock(#[from] LockError),
}

/// Corpus names become folder names: keep them plain.
pub fn check_name(name: &str) -> Result<(), CorpusError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !name.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(CorpusError::BadName(name.to_string()))
    }
}

/// Expand `${TISC_HOME}` in a path.
pub fn expand(path: &str, ws: &Workspace) -> String {
    path.replace("${TISC_HOME}", &ws.home.to_string_lossy())
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

impl Corpus {
    fn resolve(def: CorpusDef, origin: Origin, ws: &Workspace) -> Corpus {
        let base = match &origin {
            Origin::User(p) => p.parent().map(Path::to_path_buf),
            Origin::BuiltIn => None,
        };
        let mut inputs = Vec::new();
        let mut missing = Vec::new();
        if let Some(name) = &def.embedded {
            inputs.push(ws.builtin_dir().join(name));
        }
        for raw in &def.paths {
            let expanded = expand(raw, ws);
            let p = PathBuf::from(&expanded);
            let p = match (&base, p.is_relative()) {
                (Some(b), true) => b.join(p),
                _ => p,
            };
            if is_glob(&expanded) {
                let pattern = p.to_string_lossy().into_owned();
                let matches: Vec<PathBuf> = glob::glob(&pattern)
                    .map(|g| g.flatten().collect())
                    .unwrap_or_default();
                if matches.is_empty() {
                    missing.push(pattern);
                }
                inputs.extend(matches);
            } else if p.exists() {
                inputs.push(p);
            } else {
                missing.push(p.display().to_string());
            }
        }
        let unavailable = if !missing.is_empty() && inputs.is_empty() {
            let hint = if def.remote.is_some() {
                format!(" — run `tisc mirror sync {}` to fetch it", def.name)
            } else {
                String::new()
            };
            Some(format!("data not found: {}{hint}", missing.join(", ")))
        } else if def.paths.is_empty() && def.embedded.is_none() {
            Some("the definition names no paths".into())
        } else {
            None
        };
        Corpus {
            def,
            origin,
            inputs,
            unavailable,
        }
    }

    pub fn name(&self) -> &str {
        &self.def.name
    }
}

fn parse_def(text: &str, path: &Path) -> Result<CorpusDef, CorpusError> {
    let def: CorpusDef = toml::from_str(text).map_err(|e| CorpusError::BadDefinition {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    check_name(&def.name).map_err(|e| CorpusError::BadDefinition {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(def)
}

/// Every defined corpus: user definitions first (they override built-ins of the same name).
/// A user definition that does not parse is returned as an error entry, not dropped.
pub fn list(ws: &Workspace) -> Vec<Result<Corpus, CorpusError>> {
    let mut out: Vec<Result<Corpus, CorpusError>> = Vec::new();
    let mut names = std::collections::HashSet::new();
    let dir = ws.corpora_dir();
    for p in toml_files::toml_files(&dir) {
        let parsed = std::fs::read_to_string(&p)
            .map_err(|source| CorpusError::Io {
                path: p.clone(),
                source,
            })
            .and_then(|t| parse_def(&t, &p));
        match parsed {
            Ok(def) => {
                names.insert(def.name.clone());
                out.push(Ok(Corpus::resolve(def, Origin::User(p), ws)));
            }
            Err(e) => out.push(Err(e)),
        }
    }
    for (file, text) in embedded::BUILTIN_DEFS {
        match parse_def(text, Path::new(file)) {
            Ok(def) if !names.contains(&def.name) => {
                names.insert(def.name.clone());
                out.push(Ok(Corpus::resolve(def, Origin::BuiltIn, ws)));
            }
            Ok(_) => {}
            Err(e) => out.push(Err(e)),
        }
    }
    out
}

/// Find a corpus by name. When no definition of that name reads, but a user definition that
/// is meant to define it (its file is `<name>.toml`, or its `name` says so) does not, the
/// error says what is wrong with that file.
pub fn find(ws: &Workspace, name: &str) -> Result<Corpus, CorpusError> {
    let mut broken = None;
    for c in list(ws) {
        match c {
            Ok(c) if c.def.name == name => return Ok(c),
            Ok(_) => {}
            Err(e) => {
                if broken.is_none() && meant_for(&e, name) {
                    broken = Some(e);
                }
            }
        }
    }
    Err(broken.unwrap_or_else(|| CorpusError::Unknown {
        name: name.to_string(),
    }))
}

/// Whether a definition that failed to read was meant to define corpus `name`.
fn meant_for(e: &CorpusError, name: &str) -> bool {
    let path = match e {
        CorpusError::BadDefinition { path, .. } | CorpusError::Io { path, .. } => path,
        _ => return false,
    };
    if path.file_stem().is_some_and(|s| s == name) {
        return true;
    }
    // A file that is valid TOML but not a valid definition may still name its corpus.
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
        .is_some_and(|t| t.get("name").and_then(|v| v.as_str()) == Some(name))
}

/// Save a user definition to `$TISC_HOME/corpora/<name>.toml` (replacing one of that name).
pub fn save_user_def(ws: &Workspace, def: &CorpusDef) -> Result<PathBuf, CorpusError> {
    check_name(&def.name)?;
    let path = ws.corpora_dir().join(format!("{}.toml", def.name));
    let text = toml::to_string_pretty(def).map_err(|e| CorpusError::BadDefinition {
        path: path.clone(),
        message: e.to_string(),
    })?;
    crate::fsutil::write_atomic(&path, text.as_bytes()).map_err(|source| CorpusError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Unpack the embedded data set `name` into `$TISC_HOME/builtin/<name>/` unless it is
/// already there for this build of tisc.
pub fn unpack_embedded(ws: &Workspace, name: &str) -> Result<PathBuf, CorpusError> {
    let dir = ws.builtin_dir().join(name);
    if name != "demo" {
        return Err(CorpusError::Unavailable {
            name: name.to_string(),
            reason: format!("no embedded data set `{name}`"),
        });
    }
    let stamp = dir.join(".tisc-unpacked");
    let total: usize = embedded::DEMO_FILES.iter().map(|(_, b)| b.len()).sum();
    let want = format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        embedded::DEMO_FILES.len(),
        total
    );
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        return Ok(dir);
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CorpusError::Io { path, source }
    };
    for (rel, bytes) in embedded::DEMO_FILES {
        let p = dir.join(rel);
        crate::fsutil::write_atomic(&p, bytes).map_err(io(&p))?;
    }
    crate::fsutil::write_atomic(&stamp, want.as_bytes()).map_err(io(&stamp))?;
    Ok(dir)
}

/// Number of files in the embedded demo corpus.
pub fn demo_file_count() -> usize {
    embedded::DEMO_FILES.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_definitions_parse() {
        for (file, text) in embedded::BUILTIN_DEFS {
            parse_def(text, Path::new(file)).unwrap();
        }
        assert!(embedded::BUILTIN_DEFS
            .iter()
            .any(|(f, _)| *f == "demo.toml"));
        // Built-in corpora are the embedded demo and public collections mirrored into
        // $TISC_HOME: none reads from a folder outside the workspace.
        for (file, text) in embedded::BUILTIN_DEFS {
            let def = parse_def(text, Path::new(file)).unwrap();
            assert!(
                def.paths.iter().all(|p| p.starts_with("${TISC_HOME}/")),
                "{file}: {:?}",
                def.paths
            );
        }
    }

    #[test]
    fn names_with_separators_are_refused() {
        for bad in ["", "../x", "a/b", "a b", "-x"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        check_name("uspto-2024_w1").unwrap();
    }

    #[test]
    fn user_definitions_override_and_resolve_relative_paths() {
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        std::fs::create_dir_all(ws.corpora_dir().join("data")).unwrap();
        std::fs::write(
            ws.corpora_dir().join("mine.toml"),
            "name = \"mine\"\nformat = \"uspto\"\npaths = [\"data\"]\n",
        )
        .unwrap();
        std::fs::write(
            ws.corpora_dir().join("gone.toml"),
            "name = \"gone\"\npaths = [\"/nonexistent/nowhere\"]\n",
        )
        .unwrap();
        let mine = find(&ws, "mine").unwrap();
        assert_eq!(mine.inputs, [ws.corpora_dir().join("data")]);
        assert!(mine.unavailable.is_none());
        let gone = find(&ws, "gone").unwrap();
        let why = gone.unavailable.unwrap();
        assert!(
            why.contains("data not found: /nonexistent/nowhere"),
            "{why}"
        );
        assert!(matches!(
            find(&ws, "nope"),
            Err(CorpusError::Unknown { .. })
        ));
    }

    #[test]
    fn a_broken_user_definition_is_reported_with_its_file_and_line() {
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        std::fs::create_dir_all(ws.corpora_dir()).unwrap();
        let bad = ws.corpora_dir().join("bad.toml");
        std::fs::write(&bad, "name = \"bad\"\npaths = [\"x\"\n").unwrap();
        let msg = find(&ws, "bad").unwrap_err().to_string();
        assert!(msg.contains(&bad.display().to_string()), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
        // Valid TOML, unknown format, in a file of another name.
        let odd = ws.corpora_dir().join("other-file.toml");
        std::fs::write(
            &odd,
            "name = \"odd\"\nformat = \"nosuch\"\npaths = [\"x\"]\n",
        )
        .unwrap();
        let err = find(&ws, "odd").unwrap_err();
        assert!(matches!(err, CorpusError::BadDefinition { .. }), "{err}");
        let msg = err.to_string();
        assert!(
            msg.contains("other-file.toml") && msg.contains("nosuch"),
            "{msg}"
        );
        assert!(matches!(
            find(&ws, "nope"),
            Err(CorpusError::Unknown { .. })
        ));
    }
}
