//! Listing the files of a corpus: folders walked recursively in a stable order, symbolic
//! links followed, loops reported instead of followed forever.

use std::path::{Path, PathBuf};

/// Walk `paths` (directories recursively, following symbolic links) and list the files in a
/// stable order. Folders that could not be walked are left out; see [`walk_all`] for them.
pub fn walk(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    Ok(walk_all(paths)?.files)
}

/// What [`walk_all`] found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files, in a stable order.
    pub files: Vec<PathBuf>,
    /// Entries that could not be walked, with the reason: a symbolic link that leads back
    /// into a folder above it (a loop, not followed), an unreadable folder.
    pub problems: Vec<(PathBuf, String)>,
}

/// Walk `paths` (directories recursively) and list the files in a stable order. Symbolic
/// links to folders and files are followed; a link that loops back to a folder above it is
/// reported, not followed. A path that does not exist is an error.
pub fn walk_all(paths: &[PathBuf]) -> std::io::Result<Walked> {
    let mut out = Walked::default();
    for p in paths {
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => out.files.push(entry.into_path()),
                    Ok(_) => {}
                    Err(e) => {
                        let at = e.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone());
                        let why = match e.loop_ancestor() {
                            Some(up) => format!(
                                "symbolic link loop (leads back to {}): not followed",
                                up.display()
                            ),
                            None => match e.io_error() {
                                Some(io) => format!("could not be walked: {io}"),
                                None => format!("could not be walked: {e}"),
                            },
                        };
                        out.problems.push((at, why));
                    }
                }
            }
        } else if p.exists() {
            out.files.push(p.clone());
        } else {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{}: no such file or directory", p.display()),
            ));
        }
    }
    Ok(out)
}
