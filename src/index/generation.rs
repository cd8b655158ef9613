//! Index generations: how a rebuild replaces the live index without a moment where none exists.
//!
//! The index folder of a corpus, `index/<corpus>/`, holds a pointer file `CURRENT` (one line:
//! the name of a generation folder) and the generation folders `gen-000001/`, `gen-000002/`…
//! A generation folder holds a complete index (the tantivy files and `tisc-index.json`; a
//! sharded index may one day put several tantivy indexes under one generation). A rebuild
//! writes a new generation beside the live one, then switches `CURRENT` to it atomically
//! (temporary file, fsync, rename, fsync of the folder). Readers open whatever `CURRENT`
//! names, so a kill at any step leaves either the old index or the new one live.
//!
//! Indexes written before generations existed (the tantivy files directly in
//! `index/<corpus>/`) still open; the next build replaces them with a generation and
//! removes the old files, together with leftovers of the old swap (`index/.<corpus>.building`,
//! `index/<corpus>.old`).

use std::path::{Path, PathBuf};

/// The pointer file naming the live generation.
pub const CURRENT_FILE: &str = "CURRENT";
/// The temporary file the pointer is written to before it is renamed over `CURRENT`.
const CURRENT_TMP: &str = "CURRENT.tmp";
const GEN_PREFIX: &str = "gen-";

/// The generation number a folder name stands for (`gen-000007` → 7).
fn generation_number(name: &str) -> Option<u64> {
    let digits = name.strip_prefix(GEN_PREFIX)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The folder name of generation `n`.
fn generation_name(n: u64) -> String {
    format!("{GEN_PREFIX}{n:06}")
}

/// The generation `CURRENT` in `dir` names, when it is there and well formed.
pub fn current_generation(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(CURRENT_FILE)).ok()?;
    let name = text.trim();
    generation_number(name).map(|_| name.to_string())
}

/// Where the leftovers of the swap used before generations lie, for index folder `dir`:
/// the unfinished build (`.<name>.building`) and the set-aside index (`<name>.old`).
fn legacy_siblings(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let parent = dir.parent()?;
    let name = dir.file_name()?.to_string_lossy().into_owned();
    Some((
        parent.join(format!(".{name}.building")),
        parent.join(format!("{name}.old")),
    ))
}

/// Whether `dir` directly holds a tantivy index (the layout before generations).
fn holds_index(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// The folder holding the live index of the index folder `dir`: the generation `CURRENT`
/// names; without `CURRENT`, `dir` itself (an index written before generations), or
/// `<name>.old` beside it when an old-style swap was cut between its two renames.
pub fn live_dir(dir: &Path) -> PathBuf {
    if let Some(g) = current_generation(dir) {
        return dir.join(g);
    }
    if !holds_index(dir) {
        if let Some((_, old)) = legacy_siblings(dir) {
            if holds_index(&old) {
                return old;
            }
        }
    }
    dir.to_path_buf()
}

/// Create the folder of the next generation in `dir` (numbered after every generation
/// folder present) and return it.
pub(crate) fn create_next(dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let highest = std::fs::read_dir(dir)?
        .flatten()
        .filter_map(|e| generation_number(&e.file_name().to_string_lossy()))
        .max()
        .unwrap_or(0);
    let path = dir.join(generation_name(highest + 1));
    std::fs::create_dir(&path)?;
    Ok(path)
}

/// Make generation folder `generation` (inside `dir`) the live index: write the pointer to
/// a temporary file, fsync it, rename it over `CURRENT`, fsync the folder.
pub(crate) fn publish(dir: &Path, generation: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let name = generation
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| generation_number(n).is_some())
        .ok_or_else(|| {
            std::io::Error::other(format!("{} is not a generation", generation.display()))
        })?;
    crate::fail::check("swap.pointer-write")?;
    let tmp = dir.join(CURRENT_TMP);
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(format!("{name}\n").as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    crate::fail::point("swap.pointer-written");
    std::fs::rename(&tmp, dir.join(CURRENT_FILE))?;
    crate::fail::point("swap.renamed");
    std::fs::File::open(dir)?.sync_all()
}

/// Remove everything in index folder `dir` that is not the live index: generations other
/// than the one `CURRENT` names (older ones, and builds that never finished), a stray
/// pointer temporary file, and the files and leftovers of the layout before generations once
/// a generation is live. Without `CURRENT`, an index in the old layout is live and is kept.
/// Call it only while holding the corpus's lock. Returns the first error met, after trying
/// every entry.
pub(crate) fn remove_stale(dir: &Path) -> std::io::Result<()> {
    let live = current_generation(dir);
    let legacy_live = live.is_none() && holds_index(dir);
    let mut first_error = None;
    let mut keep = |r: std::io::Result<()>| {
        if let Err(e) = r {
            if e.kind() != std::io::ErrorKind::NotFound {
                first_error.get_or_insert(e);
            }
        }
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd.flatten().collect::<Vec<_>>(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == CURRENT_FILE || live.as_deref() == Some(name.as_str()) {
            continue;
        }
        let is_generation = generation_number(&name).is_some();
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_generation && is_dir {
            keep(std::fs::remove_dir_all(&path));
        } else if name == CURRENT_TMP || (live.is_some() && !is_dir) {
            // With a generation live, loose files are the tantivy files of the old layout.
            keep(std::fs::remove_file(&path));
        }
    }
    if let Some((building, old)) = legacy_siblings(dir) {
        keep(std::fs::remove_dir_all(&building));
        // `<name>.old` is the live index only when neither a generation nor the old layout is.
        if live.is_some() || legacy_live {
            keep(std::fs::remove_dir_all(&old));
        }
    }
    first_error.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_names_round_trip_and_odd_names_are_not_generations() {
        assert_eq!(generation_number(&generation_name(7)), Some(7));
        assert_eq!(generation_name(12), "gen-000012");
        for odd in ["gen-", "gen-12a", "gen-../x", "CURRENT", "gen-+1"] {
            assert_eq!(generation_number(odd), None, "{odd}");
        }
    }

    #[test]
    fn the_pointer_names_the_live_generation_and_stale_ones_go() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("kc");
        let one = create_next(&dir).unwrap();
        assert!(one.ends_with("gen-000001"));
        assert_eq!(live_dir(&dir), dir, "nothing published yet");
        publish(&dir, &one).unwrap();
        assert_eq!(live_dir(&dir), one);
        let two = create_next(&dir).unwrap();
        assert!(two.ends_with("gen-000002"));
        // An unfinished build is removed, the live generation kept.
        remove_stale(&dir).unwrap();
        assert!(!two.exists() && one.exists());
        let three = create_next(&dir).unwrap();
        assert!(
            three.ends_with("gen-000002"),
            "numbered after what is there"
        );
        publish(&dir, &three).unwrap();
        remove_stale(&dir).unwrap();
        assert!(!one.exists() && three.exists());
        assert_eq!(live_dir(&dir), three);
        assert!(!dir.join(CURRENT_TMP).exists());
    }

    #[test]
    fn the_old_layout_stays_live_until_a_generation_replaces_it() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("kc");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("meta.json"), "{}").unwrap();
        let building = home.path().join(".kc.building");
        let old = home.path().join("kc.old");
        std::fs::create_dir_all(&building).unwrap();
        std::fs::create_dir_all(&old).unwrap();
        assert_eq!(live_dir(&dir), dir);
        let stray = create_next(&dir).unwrap();
        remove_stale(&dir).unwrap();
        assert!(
            dir.join("meta.json").exists(),
            "the old index is live: kept"
        );
        assert!(!stray.exists() && !building.exists() && !old.exists());
        let g = create_next(&dir).unwrap();
        publish(&dir, &g).unwrap();
        remove_stale(&dir).unwrap();
        assert!(
            !dir.join("meta.json").exists(),
            "old files go once a generation is live"
        );
        assert_eq!(live_dir(&dir), g);
    }

    #[test]
    fn an_old_swap_cut_between_its_renames_still_finds_the_index() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("kc");
        let old = home.path().join("kc.old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("meta.json"), "{}").unwrap();
        assert_eq!(live_dir(&dir), old);
        remove_stale(&dir).unwrap();
        assert!(old.exists(), "the only index left is kept");
    }
}
