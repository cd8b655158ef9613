//! A failed file operation, naming the path: the I/O error every benchmark reports.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct PathIoError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// For `map_err`: the I/O error of an operation on `path`.
pub fn io_err(path: &Path) -> impl Fn(std::io::Error) -> PathIoError + '_ {
    move |source| PathIoError {
        path: path.to_path_buf(),
        source,
    }
}

/// `dir`, emptied: removed with what it holds when it exists, then created again.
pub fn fresh_dir(dir: &Path) -> Result<(), PathIoError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(io_err(dir))?;
    }
    std::fs::create_dir_all(dir).map_err(io_err(dir))
}
