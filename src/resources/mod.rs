//! Resources a user installs: the IPC title list (`tisc explain` shows the titles of the
//! symbols in a strategy from it), bilingual dictionaries and sentence-embedding models
//! (installed by [`crate::semantic::model::install`], listed here with the others).
//!
//! `install` reads a file, checks every line of it, and copies it atomically to
//! `$TISC_HOME/resources/<kind>/<lang>.tsv` (replacing an earlier one of the same kind and
//! language), with a small `<lang>.json` beside it that says where it came from, how many
//! entries it holds and when it was installed. Nothing here reads a resource behind the
//! caller's back: a command loads what it needs (e.g. [`IpcTitles::load_installed`]) once and
//! passes the value on.

use crate::model::ClassCode;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The kinds of resource tisc knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// IPC titles: `symbol<TAB>title` per line.
    IpcTitles,
    /// A bilingual dictionary: `headword<TAB>[pos<TAB>]translations` per line.
    Dict,
    /// A sentence-embedding model: a folder under `resources/model/` (see
    /// [`crate::semantic::model`]).
    Model,
}

impl Kind {
    /// The kinds installed as one tab-separated file per language.
    pub const ALL: [Kind; 2] = [Kind::IpcTitles, Kind::Dict];

    /// The folder name under `resources/`, and the name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::IpcTitles => "ipc-titles",
            Kind::Dict => "dict",
            Kind::Model => "model",
        }
    }
}

/// Why a resource could not be installed or loaded.
#[derive(Debug, thiserror::Error)]
pub enum ResourceError {
    /// The file named cannot be read (bad input).
    #[error("{}: cannot read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not UTF-8 text (bad input).
    #[error("{}: not UTF-8 text (first bad byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    /// A line does not have the expected form (bad input).
    #[error("{}:{line}: {message}", path.display())]
    BadLine {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// The file holds no entry (bad input).
    #[error("{}: no entries found", path.display())]
    Empty { path: PathBuf },
    /// A language (or language pair) that cannot be used (bad input).
    #[error("{0}")]
    BadLang(String),
    /// Writing or reading the installed copy failed (a runtime failure).
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ResourceError {
    /// Whether the error is about the input the user gave (as opposed to I/O in `$TISC_HOME`).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, ResourceError::Io { .. })
    }
}

/// The folder of installed resources of one kind.
pub fn kind_dir(home: &Path, kind: Kind) -> PathBuf {
    home.join("resources").join(kind.as_str())
}

/// The IPC title list: the title of each symbol, keyed by the symbol's normalised form.
#[derive(Debug, Default, Clone)]
pub struct IpcTitles {
    map: HashMap<String, String>,
}

fn key(code: &ClassCode) -> String {
    code.long_form().unwrap_or_else(|| code.to_string())
}

/// Up to 60 characters of a line, for an error message.
fn excerpt(line: &str) -> String {
    let mut s: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        s.push('…');
    }
    crate::sanitize::escape_controls(&s).into_owned()
}

fn text_of<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, ResourceError> {
    std::str::from_utf8(bytes).map_err(|e| ResourceError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })
}

/// The lines of a text, numbered from 1, without their line ends.
fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
}

impl IpcTitles {
    /// Read a title list: `symbol<TAB>title` per line (UTF-8, no header), each symbol an IPC
    /// symbol in any form [`ClassCode::parse`] reads (`A`, `A01`, `A01B`, `A01B 1/02`,
    /// `A01B0001020000`). A line that starts with a space and has no tab continues the
    /// previous title (the WIPO list has a few titles broken over lines); blank lines are
    /// skipped; for a symbol listed twice, the first title counts.
    pub fn parse(text: &str, path: &Path) -> Result<IpcTitles, ResourceError> {
        let bad = |line: usize, message: String| ResourceError::BadLine {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut map: HashMap<String, String> = HashMap::new();
        let mut last: Option<String> = None;
        for (n, line) in numbered_lines(text) {
            if line.trim().is_empty() {
                continue;
            }
            let Some((symbol, title)) = line.split_once('\t') else {
                if line.starts_with(' ') {
                    let Some(prev) = last.as_ref().and_then(|k| map.get_mut(k)) else {
                        return Err(bad(
                            n,
                            format!(
                                "a continued title with no title before it: `{}`",
                                excerpt(line)
                            ),
                        ));
                    };
                    prev.push(' ');
                    prev.push_str(line.trim());
                    continue;
                }
                return Err(bad(
                    n,
                    format!(
                        "expected `symbol<TAB>title`, found no tab: `{}`",
                        excerpt(line)
                    ),
                ));
            };
            if title.contains('\t') {
                return Err(bad(
                    n,
                    format!(
                        "expected two tab-separated fields, found more: `{}`",
                        excerpt(line)
                    ),
                ));
            }
            let code = ClassCode::parse(symbol)
                .ok()
                .filter(|c| c.section != 'Y')
                .ok_or_else(|| {
                    bad(
                        n,
                        format!(
                            "`{}` is not an IPC symbol (expected e.g. A01B, A01B 1/02 or A01B0001020000)",
                            excerpt(symbol)
                        ),
                    )
                })?;
            let title = title.trim();
            if title.is_empty() {
                return Err(bad(n, format!("no title for {code}")));
            }
            let k = key(&code);
            if map.contains_key(&k) {
                // A later duplicate (and its continuation lines) is ignored.
                last = None;
            } else {
                map.insert(k.clone(), title.to_string());
                last = Some(k);
            }
        }
        if map.is_empty() {
            return Err(ResourceError::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(IpcTitles { map })
    }

    /// The title of a symbol, if the list has it.
    pub fn title(&self, code: &ClassCode) -> Option<&str> {
        self.map.get(&key(code)).map(String::as_str)
    }

    /// The number of symbols with a title.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The installed title list: the English one if installed, else the first installed
    /// language; `None` when none is installed.
    pub fn load_installed(home: &Path) -> Result<Option<IpcTitles>, ResourceError> {
        let installed = list_kind(home, Kind::IpcTitles)?;
        let chosen = installed
            .iter()
            .find(|r| r.lang == "en")
            .or(installed.first());
        let Some(r) = chosen else {
            return Ok(None);
        };
        let bytes = std::fs::read(&r.path).map_err(|source| ResourceError::Io {
            path: r.path.clone(),
            source,
        })?;
        let text = text_of(&bytes, &r.path)?;
        IpcTitles::parse(text, &r.path).map(Some)
    }
}

/// Check a bilingual dictionary: UTF-8, `headword<TAB>translations` or
/// `headword<TAB>pos<TAB>translations` per line, an optional header line whose first field is
/// `headword`; returns the number of entries.
pub fn check_dict(text: &str, path: &Path) -> Result<usize, ResourceError> {
    let bad = |line: usize, message: String| ResourceError::BadLine {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut entries = 0;
    for (n, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if n == 1
            && fields
                .first()
                .is_some_and(|f| f.eq_ignore_ascii_case("headword"))
        {
            continue;
        }
        let (headword, translations) = match fields.as_slice() {
            [h, t] | [h, _, t] => (h.trim(), t.trim()),
            [_] => {
                return Err(bad(
                    n,
                    format!(
                        "expected `headword<TAB>[pos<TAB>]translations`, found no tab: `{}`",
                        excerpt(line)
                    ),
                ))
            }
            _ => {
                return Err(bad(
                    n,
                    format!(
                        "expected 2 or 3 tab-separated fields, found {}: `{}`",
                        fields.len(),
                        excerpt(line)
                    ),
                ))
            }
        };
        if headword.is_empty() {
            return Err(bad(n, "empty headword".into()));
        }
        if translations.is_empty() {
            return Err(bad(
                n,
                format!("no translation for `{}`", excerpt(headword)),
            ));
        }
        entries += 1;
    }
    if entries == 0 {
        return Err(ResourceError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(entries)
}

fn is_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// Check a language for `kind`: a code (`en`, `eng`) for IPC titles, a pair (`eng-fra`)
/// for a dictionary.
pub fn check_lang(kind: Kind, lang: &str) -> Result<(), ResourceError> {
    let ok = match kind {
        Kind::IpcTitles => is_code(lang),
        Kind::Model => lang.split(',').all(is_code),
        Kind::Dict => lang
            .split_once('-')
            .is_some_and(|(a, b)| is_code(a) && is_code(b)),
    };
    if ok {
        Ok(())
    } else {
        let want = match kind {
            Kind::IpcTitles => "a language code of 2 or 3 lowercase letters, e.g. `en`",
            Kind::Dict => "a language pair source-target, e.g. `eng-fra` or `en-fr`",
            Kind::Model => "language codes of 2 or 3 lowercase letters separated by commas, e.g. `en` or `en,fr,de`",
        };
        Err(ResourceError::BadLang(format!(
            "`{}` cannot be the language of {}: expected {want}",
            excerpt(lang),
            kind.as_str()
        )))
    }
}

/// The language of a file about to be installed: the one given, else (for a dictionary) the
/// file's name when it is a pair (`eng-fra.tsv`), else `en` for IPC titles.
pub fn lang_for(kind: Kind, src: &Path, given: Option<&str>) -> Result<String, ResourceError> {
    let lang = match (given, kind) {
        (Some(l), _) => l.to_string(),
        (None, Kind::IpcTitles | Kind::Model) => "en".to_string(),
        (None, Kind::Dict) => {
            let stem = src
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if check_lang(Kind::Dict, &stem).is_err() {
                return Err(ResourceError::BadLang(format!(
                    "{}: say which languages the dictionary translates between, e.g. `--lang eng-fra` (the file's name is not a language pair)",
                    src.display()
                )));
            }
            stem
        }
    };
    check_lang(kind, &lang)?;
    Ok(lang)
}

/// An installed resource, as `tisc resources list` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Installed {
    pub kind: Kind,
    pub lang: String,
    pub path: PathBuf,
    pub bytes: u64,
    pub entries: Option<usize>,
    pub installed_at: Option<String>,
    pub source: Option<String>,
    /// A model's name (models only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the model is the one in use (models only: the one installed last).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// The length of a model's vectors (models only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dim: Option<usize>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Sidecar {
    source: String,
    entries: usize,
    installed_at: String,
}

/// Validate `src` as a resource of `kind` and install it for `lang` (checked by the caller
/// with [`lang_for`]), replacing an earlier one of that kind and language.
pub fn install(
    home: &Path,
    kind: Kind,
    src: &Path,
    lang: &str,
) -> Result<Installed, ResourceError> {
    check_lang(kind, lang)?;
    let bytes = std::fs::read(src).map_err(|source| ResourceError::Unreadable {
        path: src.to_path_buf(),
        source,
    })?;
    let text = text_of(&bytes, src)?;
    let entries = match kind {
        Kind::IpcTitles => IpcTitles::parse(text, src)?.len(),
        Kind::Dict => check_dict(text, src)?,
        Kind::Model => {
            return Err(ResourceError::BadLang(format!(
                "{}: a model is a folder, installed by `tisc resources add model DIR`",
                src.display()
            )))
        }
    };
    let dir = kind_dir(home, kind);
    let path = dir.join(format!("{lang}.tsv"));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ResourceError::Io { path, source }
    };
    crate::fsutil::write_atomic(&path, &bytes).map_err(io(&path))?;
    let source = std::fs::canonicalize(src).unwrap_or_else(|_| src.to_path_buf());
    let sidecar = Sidecar {
        source: source.display().to_string(),
        entries,
        installed_at: crate::model::time::now().to_string(),
    };
    let meta_path = dir.join(format!("{lang}.json"));
    let json = serde_json::to_vec_pretty(&sidecar).unwrap_or_default();
    crate::fsutil::write_atomic(&meta_path, &json).map_err(io(&meta_path))?;
    Ok(Installed {
        kind,
        lang: lang.to_string(),
        bytes: bytes.len() as u64,
        path,
        entries: Some(entries),
        installed_at: Some(sidecar.installed_at),
        source: Some(sidecar.source),
        name: None,
        active: None,
        dim: None,
    })
}

fn list_kind(home: &Path, kind: Kind) -> Result<Vec<Installed>, ResourceError> {
    let dir = kind_dir(home, kind);
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(ResourceError::Io { path: dir, source }),
    };
    let mut out = Vec::new();
    for entry in rd.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "tsv") {
            continue;
        }
        let Some(lang) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        if lang.starts_with('.') || check_lang(kind, &lang).is_err() {
            continue;
        }
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        let sidecar: Option<Sidecar> = std::fs::read(dir.join(format!("{lang}.json")))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        out.push(Installed {
            kind,
            lang,
            path,
            bytes,
            entries: sidecar.as_ref().map(|s| s.entries),
            installed_at: sidecar.as_ref().map(|s| s.installed_at.clone()),
            source: sidecar.map(|s| s.source),
            name: None,
            active: None,
            dim: None,
        });
    }
    out.sort_by(|a, b| a.lang.cmp(&b.lang));
    Ok(out)
}

/// The installed models, by name (`lang`: their languages, separated by commas).
fn list_models(home: &Path) -> Result<Vec<Installed>, ResourceError> {
    let models = crate::semantic::model::list_installed(home).map_err(|e| match e {
        crate::semantic::SemanticError::Io { path, source } => ResourceError::Io { path, source },
        other => ResourceError::Io {
            path: crate::semantic::model::models_dir(home),
            source: std::io::Error::other(other.to_string()),
        },
    })?;
    Ok(models
        .into_iter()
        .map(|m| Installed {
            kind: Kind::Model,
            lang: m.card.settings.languages.join(","),
            path: m.path,
            bytes: m.bytes,
            entries: None,
            installed_at: Some(m.card.installed_at),
            source: Some(m.card.source),
            name: Some(m.card.settings.name),
            active: Some(m.active),
            dim: Some(m.card.dim),
        })
        .collect())
}

/// Every installed resource, by kind, then language (models by name).
pub fn list(home: &Path) -> Result<Vec<Installed>, ResourceError> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        out.extend(list_kind(home, kind)?);
    }
    out.extend(list_models(home)?);
    Ok(out)
}

#[cfg(test)]
mod tests;
