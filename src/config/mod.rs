//! `$TISC_HOME/config.toml`, read once: the interface (`[ui]`), the workbench's keys
//! (`[keys]`), the defaults of a mirror run (`[mirror]`), of indexing (`[index]`), of
//! search reports (`[report]`) and of search by meaning (`[semantic]`).
//!
//! ```toml
//! [ui]
//! lang = "fr"                 # en (default), fr or es
//!
//! [keys]
//! quit = ["q", "ctrl-q"]
//! [keys.results]
//! sort = "S"
//!
//! [mirror]
//! parallel = 2
//! max_rate = "2MB/s"
//!
//! [index]
//! memory = "1GiB"             # the index writer's memory budget (default 400MB)
//!
//! [report]
//! searcher = "A. Martin"      # printed on reports (`tisc report --searcher` overrides)
//! organisation = "Tech Transfer Office, Univ. X"
//!
//! [semantic]
//! alpha = 0.6                 # weight of BM25 when fused with meaning (0 to 1)
//! ```
//!
//! One policy for every part: a missing file means the defaults; a file that cannot be read
//! or does not parse, a section or key tisc does not know, or a value it cannot use is a
//! [`ConfigError`] naming the file and the key.

mod mirror;

use crate::corpus::Workspace;
use crate::mirror::MirrorOptions;
use crate::tui::keymap::{Keymap, KeymapError};
use crate::tui::strings::UiLang;
use std::path::{Path, PathBuf};

/// The sections `config.toml` may hold.
const SECTIONS: &str = "[ui], [keys], [mirror], [index], [report] and [semantic]";

/// The settings of `config.toml`, defaults filled in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub ui: UiConfig,
    /// The workbench's keys: the defaults with `[keys]` applied.
    pub keys: Keymap,
    /// The defaults of `tisc mirror sync` (the command line overrides them).
    pub mirror: MirrorOptions,
    pub index: IndexConfig,
    pub report: ReportConfig,
    pub semantic: SemanticConfig,
}

/// The `[semantic]` section: search by meaning (`tisc search --alpha` overrides it).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SemanticConfig {
    /// The weight of BM25 in the fusion with the dense scores (`alpha`, 0 to 1); `None`:
    /// [`crate::semantic::fusion::DEFAULT_ALPHA`].
    pub alpha: Option<f32>,
}

impl SemanticConfig {
    /// The weight of BM25 to use.
    pub fn alpha(&self) -> f32 {
        self.alpha.unwrap_or(crate::semantic::fusion::DEFAULT_ALPHA)
    }
}

/// The `[report]` section: who signs the search reports (`tisc report --searcher` and
/// `--organisation` override it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportConfig {
    /// The searcher's name (`searcher`).
    pub searcher: Option<String>,
    /// The organisation the search is made for or by (`organisation`).
    pub organisation: Option<String>,
}

/// The `[index]` section: the defaults of `tisc index` (the command line overrides them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexConfig {
    /// The index writer's memory budget in bytes (`memory`, a size such as `"1GiB"`);
    /// `None`: [`crate::index::WRITER_MEMORY_BUDGET`].
    pub memory: Option<usize>,
}

/// The `[ui]` section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UiConfig {
    /// The interface language (`lang`).
    pub lang: UiLang,
}

/// Why `config.toml` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not valid TOML: {message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("{}: unknown section `[{section}]` — config.toml has {SECTIONS}", path.display())]
    UnknownSection { path: PathBuf, section: String },
    #[error("{}: unknown key `{key}` — known: {known}", path.display())]
    UnknownKey {
        path: PathBuf,
        key: String,
        known: &'static str,
    },
    #[error("{}: `{key}`: {message}", path.display())]
    BadValue {
        path: PathBuf,
        key: String,
        message: String,
    },
    /// An environment variable that overrides a setting holds a value it cannot take.
    #[error("{var}={value}: {message}")]
    BadEnv {
        var: &'static str,
        value: String,
        message: String,
    },
    #[error("{}: `{key}`: {source}", path.display())]
    Keys {
        path: PathBuf,
        key: String,
        #[source]
        source: KeymapError,
    },
}

/// A mistake in one entry, before the file's path is attached.
#[derive(Debug, PartialEq)]
enum EntryError {
    Unknown { key: String, known: &'static str },
    Bad { key: String, message: String },
}

impl EntryError {
    fn at(self, path: &Path) -> ConfigError {
        let path = path.to_path_buf();
        match self {
            EntryError::Unknown { key, known } => ConfigError::UnknownKey { path, key, known },
            EntryError::Bad { key, message } => ConfigError::BadValue { path, key, message },
        }
    }
}

impl Config {
    /// The configuration of workspace `ws`: the defaults, overridden by
    /// `$TISC_HOME/config.toml` when it exists.
    pub fn load(ws: &Workspace) -> Result<Config, ConfigError> {
        let path = ws.config_file();
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ConfigError::Io { path, source }),
        }
    }

    /// The configuration with the interface language of `TISC_LANG` (its value `lang`, when
    /// set and not empty) in place of `[ui] lang`.
    pub fn with_lang_override(mut self, lang: Option<&str>) -> Result<Config, ConfigError> {
        if let Some(value) = lang.filter(|v| !v.trim().is_empty()) {
            self.ui.lang = UiLang::parse(value).ok_or_else(|| ConfigError::BadEnv {
                var: "TISC_LANG",
                value: value.to_string(),
                message: not_a_language(value),
            })?;
        }
        Ok(self)
    }

    /// The configuration written in `text`; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut config = Config::default();
        for (section, value) in &table {
            if !matches!(
                section.as_str(),
                "ui" | "keys" | "mirror" | "index" | "report" | "semantic"
            ) {
                let path = path.to_path_buf();
                return Err(if value.is_table() {
                    ConfigError::UnknownSection {
                        path,
                        section: section.clone(),
                    }
                } else {
                    ConfigError::UnknownKey {
                        path,
                        key: section.clone(),
                        known:
                            "none outside the sections [ui], [keys], [mirror], [index], [report] and [semantic]",
                    }
                });
            }
            let Some(t) = value.as_table() else {
                return Err(ConfigError::BadValue {
                    path: path.to_path_buf(),
                    key: section.clone(),
                    message: format!("must be a section (`[{section}]`), not a value"),
                });
            };
            match section.as_str() {
                "ui" => config.ui = ui(t).map_err(|e| e.at(path))?,
                "keys" => {
                    config.keys =
                        Keymap::from_table(t).map_err(|(key, source)| ConfigError::Keys {
                            path: path.to_path_buf(),
                            key,
                            source,
                        })?
                }
                "index" => config.index = index(t).map_err(|e| e.at(path))?,
                "report" => config.report = report(t).map_err(|e| e.at(path))?,
                "semantic" => config.semantic = semantic(t).map_err(|e| e.at(path))?,
                _ => config.mirror = mirror::options(t).map_err(|e| e.at(path))?,
            }
        }
        Ok(config)
    }
}

/// The message for a language code the interface does not have.
fn not_a_language(value: &str) -> String {
    let codes: Vec<&str> = UiLang::ALL.iter().map(|l| l.code()).collect();
    format!("{value} is not a language — use {}", codes.join(", "))
}

/// The `[ui]` section.
fn ui(t: &toml::Table) -> Result<UiConfig, EntryError> {
    let mut ui = UiConfig::default();
    for (key, value) in t {
        match key.as_str() {
            "lang" => {
                ui.lang = value
                    .as_str()
                    .and_then(UiLang::parse)
                    .ok_or_else(|| EntryError::Bad {
                        key: "ui.lang".into(),
                        message: not_a_language(&value.to_string()),
                    })?
            }
            other => {
                return Err(EntryError::Unknown {
                    key: format!("ui.{other}"),
                    known: "lang",
                })
            }
        }
    }
    Ok(ui)
}

/// The `[index]` section.
fn index(t: &toml::Table) -> Result<IndexConfig, EntryError> {
    let mut index = IndexConfig::default();
    for (key, value) in t {
        match key.as_str() {
            "memory" => {
                let bad = |message: String| EntryError::Bad {
                    key: "index.memory".into(),
                    message,
                };
                let text = value.as_str().ok_or_else(|| {
                    bad(format!("{value} is not a size in quotes, e.g. \"1GiB\""))
                })?;
                let bytes = crate::mirror::parse_size(text).map_err(|e| bad(e.to_string()))?;
                index.memory = Some(
                    crate::index::check_writer_memory(bytes, text)
                        .map_err(|e| bad(e.to_string()))?,
                );
            }
            other => {
                return Err(EntryError::Unknown {
                    key: format!("index.{other}"),
                    known: "memory",
                })
            }
        }
    }
    Ok(index)
}

/// The `[semantic]` section.
fn semantic(t: &toml::Table) -> Result<SemanticConfig, EntryError> {
    let mut semantic = SemanticConfig::default();
    for (key, value) in t {
        match key.as_str() {
            "alpha" => {
                let a = value
                    .as_float()
                    .or_else(|| value.as_integer().map(|i| i as f64))
                    .filter(|a| (0.0..=1.0).contains(a))
                    .ok_or_else(|| EntryError::Bad {
                        key: "semantic.alpha".into(),
                        message: format!("{value} is not a number from 0 to 1, e.g. 0.6"),
                    })?;
                semantic.alpha = Some(a as f32);
            }
            other => {
                return Err(EntryError::Unknown {
                    key: format!("semantic.{other}"),
                    known: "alpha",
                })
            }
        }
    }
    Ok(semantic)
}

/// The `[report]` section: two names, each a non-blank string on one line.
fn report(t: &toml::Table) -> Result<ReportConfig, EntryError> {
    let mut report = ReportConfig::default();
    for (key, value) in t {
        let slot = match key.as_str() {
            "searcher" => &mut report.searcher,
            "organisation" => &mut report.organisation,
            other => {
                return Err(EntryError::Unknown {
                    key: format!("report.{other}"),
                    known: "searcher, organisation",
                })
            }
        };
        let bad = |message: &str| EntryError::Bad {
            key: format!("report.{key}"),
            message: message.to_string(),
        };
        let text = value
            .as_str()
            .ok_or_else(|| bad("must be a name in quotes, e.g. \"A. Martin\""))?;
        if text.trim().is_empty() {
            return Err(bad("is empty — give a name or leave the key out"));
        }
        if text.chars().any(char::is_control) {
            return Err(bad("must be one line, without control characters"));
        }
        *slot = Some(text.trim().to_string());
    }
    Ok(report)
}

#[cfg(test)]
mod tests;
