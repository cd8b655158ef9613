//! The corpus definition files of a folder. The build script compiles this file too (to embed
//! the built-in definitions), so it uses the standard library only.

use std::path::{Path, PathBuf};

/// The `.toml` files directly in `dir`, sorted by path; none when it cannot be read.
pub fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
