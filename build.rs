//! Embeds the demo corpus (`corpora/demo/`) and the built-in corpus definitions
//! (`corpora/*.toml`) in the binary, so that an installed tisc works with no checkout; and the
//! workshop packs that ship with tisc (`queries/workshops/`).

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/corpus/toml_files.rs"]
mod toml_files;

fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, base, out);
        } else if let Ok(rel) = p.strip_prefix(base) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let corpora = Path::new(&root).join("corpora");
    let demo = corpora.join("demo");
    println!("cargo:rerun-if-changed={}", corpora.display());
    println!("cargo:rerun-if-changed={}", demo.display());
    let mut files = Vec::new();
    walk(&demo, &demo, &mut files);
    let mut code = String::from("/// Files of the demo corpus: path relative to `corpora/demo/`, bytes.\npub static DEMO_FILES: &[(&str, &[u8])] = &[\n");
    for f in &files {
        let abs = demo.join(f);
        println!("cargo:rerun-if-changed={}", abs.display());
        let _ = writeln!(
            code,
            "    ({f:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n\n/// Built-in corpus definitions: file name, TOML text.\npub static BUILTIN_DEFS: &[(&str, &str)] = &[\n");
    for d in toml_files::toml_files(&corpora) {
        println!("cargo:rerun-if-changed={}", d.display());
        let name = d
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            d.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let _ = std::fs::write(Path::new(&out).join("embedded.rs"), code);
    workshops(Path::new(&root), Path::new(&out));
}

/// Embeds the workshop packs that ship with tisc (`queries/workshops/<pack>/…`).
fn workshops(root: &Path, out: &Path) {
    let dir = root.join("queries").join("workshops");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    walk(&dir, &dir, &mut files);
    let mut code = String::from("/// Files of the shipped workshop packs: `<pack>/<path>`, bytes.\npub static WORKSHOP_FILES: &[(&str, &[u8])] = &[\n");
    for f in &files {
        let abs = dir.join(f);
        println!("cargo:rerun-if-changed={}", abs.display());
        if let Some(parent) = abs.parent() {
            println!("cargo:rerun-if-changed={}", parent.display());
        }
        let _ = writeln!(
            code,
            "    ({f:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let _ = std::fs::write(out.join("workshops.rs"), code);
}
