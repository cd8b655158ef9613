//! The workspace: everything tisc writes lives under `$TISC_HOME`.

use std::path::{Path, PathBuf};

/// `$TISC_HOME` (default: the platform data directory, e.g. `~/.local/share/tisc`) holding
/// `corpora/`, `index/<corpus>/`, `locks/`, `cases/`, `mirror/<corpus>/`, `builtin/` and
/// `config.toml`.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub home: PathBuf,
}

impl Workspace {
    /// The workspace named by `TISC_HOME`, or the platform default.
    pub fn from_env() -> Workspace {
        let home = std::env::var_os("TISC_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| dirs::data_dir().map(|d| d.join("tisc")))
            .unwrap_or_else(|| PathBuf::from(".tisc"));
        Workspace { home }
    }

    pub fn at(home: &Path) -> Workspace {
        Workspace {
            home: home.to_path_buf(),
        }
    }

    pub fn corpora_dir(&self) -> PathBuf {
        self.home.join("corpora")
    }

    pub fn index_dir(&self, corpus: &str) -> PathBuf {
        self.home.join("index").join(corpus)
    }

    /// The lock file of a corpus (see [`super::CorpusLock`]).
    pub fn lock_file(&self, corpus: &str) -> PathBuf {
        self.home.join("locks").join(format!("{corpus}.lock"))
    }

    pub fn cases_dir(&self) -> PathBuf {
        self.home.join("cases")
    }

    pub fn mirror_dir(&self, corpus: &str) -> PathBuf {
        self.home.join("mirror").join(corpus)
    }

    pub fn builtin_dir(&self) -> PathBuf {
        self.home.join("builtin")
    }

    pub fn config_file(&self) -> PathBuf {
        self.home.join("config.toml")
    }
}
