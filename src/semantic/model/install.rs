//! Installing a model under `$TISC_HOME/resources/model/<name>/` and finding the active one.
//!
//! An installed model is a folder holding `config.json`, `tokenizer.json`,
//! `model.safetensors` and `model.json` (its [`ModelCard`]: settings, vector length, weights
//! hash, where it came from, when). `resources/model/active` names the model in use: the one
//! installed last. A model is written into a staging folder first and swapped into place, so
//! an interrupted installation never leaves a mix of two models' files under one name.

use super::{
    read_settings, sha256_hex, Overrides, Settings, CARD_FILE, CONFIG_FILE, TOKENIZER_FILE,
    WEIGHTS_FILE,
};
use crate::semantic::SemanticError;
use std::path::{Path, PathBuf};

/// The file naming the active model.
const ACTIVE_FILE: &str = "active";

/// What tisc knows of an installed model (`model.json`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ModelCard {
    #[serde(flatten)]
    pub settings: Settings,
    /// The length of its vectors.
    pub dim: usize,
    /// The SHA-256 of `model.safetensors`.
    pub weights_sha256: String,
    /// The folder it was installed from.
    pub source: String,
    pub installed_at: String,
}

/// An installed model, as `tisc resources list` shows it.
#[derive(Debug, Clone)]
pub struct InstalledModel {
    pub card: ModelCard,
    /// Its folder under `resources/model/`.
    pub path: PathBuf,
    /// The size of its files.
    pub bytes: u64,
    /// Whether it is the model tisc uses.
    pub active: bool,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SemanticError + '_ {
    move |source| SemanticError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder of installed models.
pub fn models_dir(home: &Path) -> PathBuf {
    home.join("resources").join("model")
}

/// The folder of the installed model `name`.
pub fn installed_dir(home: &Path, name: &str) -> PathBuf {
    models_dir(home).join(name)
}

/// Read the card of the model installed in `dir`.
pub fn load_card(dir: &Path) -> Result<ModelCard, SemanticError> {
    let path = dir.join(CARD_FILE);
    let bytes = std::fs::read(&path).map_err(io(&path))?;
    serde_json::from_slice(&bytes).map_err(|e| SemanticError::BadModel {
        path,
        message: format!("not a model description tisc wrote: {e}"),
    })
}

/// The name of the active model: the one `active` names if it is installed, else the one
/// installed last; `None` when no model is installed.
pub fn active_name(home: &Path) -> Result<Option<String>, SemanticError> {
    let dir = models_dir(home);
    if let Ok(text) = std::fs::read_to_string(dir.join(ACTIVE_FILE)) {
        let name = text.trim();
        if super::check_name(name).is_ok() && dir.join(name).join(CARD_FILE).is_file() {
            return Ok(Some(name.to_string()));
        }
    }
    let mut all = list_cards(home)?;
    all.sort_by(|a, b| a.1.installed_at.cmp(&b.1.installed_at));
    Ok(all.pop().map(|(_, c)| c.settings.name))
}

/// Every installed model folder with its card (folders without a readable card are skipped).
fn list_cards(home: &Path) -> Result<Vec<(PathBuf, ModelCard)>, SemanticError> {
    let dir = models_dir(home);
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir)(e)),
    };
    let mut out = Vec::new();
    for entry in rd.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !path.is_dir() {
            continue;
        }
        if let Ok(card) = load_card(&path) {
            out.push((path, card));
        }
    }
    out.sort_by(|a, b| a.1.settings.name.cmp(&b.1.settings.name));
    Ok(out)
}

/// Every installed model, by name, the active one marked.
pub fn list_installed(home: &Path) -> Result<Vec<InstalledModel>, SemanticError> {
    let active = active_name(home)?;
    Ok(list_cards(home)?
        .into_iter()
        .map(|(path, card)| {
            let bytes = [CONFIG_FILE, TOKENIZER_FILE, WEIGHTS_FILE, CARD_FILE]
                .iter()
                .filter_map(|f| std::fs::metadata(path.join(f)).ok())
                .map(|m| m.len())
                .sum();
            let active = active.as_deref() == Some(card.settings.name.as_str());
            InstalledModel {
                card,
                path,
                bytes,
                active,
            }
        })
        .collect())
}

/// Check the model folder `src` (its files, its settings with `overrides` applied, then
/// loading it and embedding one sentence) and install it as the active model, replacing an
/// earlier one of the same name.
pub fn install(
    home: &Path,
    src: &Path,
    overrides: &Overrides,
) -> Result<InstalledModel, SemanticError> {
    if !cfg!(feature = "semantic") {
        return Err(SemanticError::NotBuiltIn);
    }
    let settings = read_settings(src, overrides)?;
    let weights_path = src.join(WEIGHTS_FILE);
    let weights = std::fs::read(&weights_path).map_err(|e| SemanticError::BadModel {
        path: weights_path.clone(),
        message: format!("cannot read: {e}"),
    })?;
    let sha = sha256_hex(&weights);
    let dim = check_model(src, &settings, &weights, &sha)?;

    let read_src = |name: &str| -> Result<Vec<u8>, SemanticError> {
        let p = src.join(name);
        std::fs::read(&p).map_err(|e| SemanticError::BadModel {
            path: p.clone(),
            message: format!("cannot read: {e}"),
        })
    };
    let config = read_src(CONFIG_FILE)?;
    let tokenizer = read_src(TOKENIZER_FILE)?;
    let source = std::fs::canonicalize(src).unwrap_or_else(|_| src.to_path_buf());
    let card = ModelCard {
        settings,
        dim,
        weights_sha256: sha,
        source: source.display().to_string(),
        installed_at: crate::model::time::now().to_string(),
    };
    let card_json = serde_json::to_vec_pretty(&card)
        .map_err(|e| SemanticError::Inference(format!("cannot describe the model: {e}")))?;

    let dir = models_dir(home);
    let name = card.settings.name.clone();
    let staging = dir.join(format!(".staging-{name}-{}", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        for (file, bytes) in [
            (CONFIG_FILE, &config),
            (TOKENIZER_FILE, &tokenizer),
            (WEIGHTS_FILE, &weights),
            (CARD_FILE, &card_json),
        ] {
            crate::fsutil::write_atomic(&staging.join(file), bytes)?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(io(&staging)(e));
    }
    let target = dir.join(&name);
    swap_into_place(&staging, &target).map_err(io(&target))?;
    let active = dir.join(ACTIVE_FILE);
    crate::fsutil::write_atomic(&active, format!("{name}\n").as_bytes()).map_err(io(&active))?;
    let bytes = (config.len() + tokenizer.len() + weights.len() + card_json.len()) as u64;
    Ok(InstalledModel {
        card,
        path: target,
        bytes,
        active: true,
    })
}

/// Replace the folder `target` by `staging`: the old one is moved aside, the new one renamed
/// into place, the old one removed.
fn swap_into_place(staging: &Path, target: &Path) -> std::io::Result<()> {
    let old = target.with_file_name(format!(
        ".old-{}-{}",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let had_old = target.exists();
    if had_old {
        std::fs::rename(target, &old)?;
    }
    if let Err(e) = std::fs::rename(staging, target) {
        if had_old {
            let _ = std::fs::rename(&old, target);
        }
        let _ = std::fs::remove_dir_all(staging);
        return Err(e);
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    if let Some(parent) = target.parent().and_then(|p| std::fs::File::open(p).ok()) {
        let _ = parent.sync_all();
    }
    Ok(())
}

/// Load the model and embed one sentence; the length of its vectors.
#[cfg(feature = "semantic")]
fn check_model(
    src: &Path,
    settings: &Settings,
    weights: &[u8],
    sha: &str,
) -> Result<usize, SemanticError> {
    use crate::semantic::Embedder;
    /// The sentence embedded to check a model before it is installed.
    const CHECK_SENTENCE: &str = "A prior-art search finds documents published before a filing.";
    let model = super::Model::from_weights(src, settings.clone(), weights, sha, 1)?;
    let v = model.embed_query(CHECK_SENTENCE)?;
    if v.len() != model.dim() || v.iter().any(|x| !x.is_finite()) || v.iter().all(|&x| x == 0.0) {
        return Err(SemanticError::BadModel {
            path: src.to_path_buf(),
            message: format!(
                "the model loads but its test vector is unusable ({} numbers, expected {}, some not finite or all zero)",
                v.len(),
                model.dim()
            ),
        });
    }
    Ok(model.dim())
}

#[cfg(not(feature = "semantic"))]
fn check_model(
    _src: &Path,
    _settings: &Settings,
    _weights: &[u8],
    _sha: &str,
) -> Result<usize, SemanticError> {
    Err(SemanticError::NotBuiltIn)
}
