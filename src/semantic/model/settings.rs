//! The settings of a model read from its folder (pooling, normalisation, query prefix, the
//! token limit), each overridable, and the checks on a folder before anything is loaded.

use super::{CARD_FILE, CONFIG_FILE, DEFAULT_MAX_TOKENS, TOKENIZER_FILE, WEIGHTS_FILE};
use crate::semantic::SemanticError;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// How the vectors of a text's tokens become the text's vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pooling {
    /// The mean of the token vectors (padding excluded).
    Mean,
    /// The vector of the first token (`[CLS]`).
    Cls,
}

impl Pooling {
    pub fn as_str(self) -> &'static str {
        match self {
            Pooling::Mean => "mean",
            Pooling::Cls => "cls",
        }
    }
}

/// Settings given by the user, each replacing what the model's files say.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub name: Option<String>,
    pub pooling: Option<Pooling>,
    pub normalize: Option<bool>,
    pub query_prefix: Option<String>,
    pub max_tokens: Option<usize>,
    pub languages: Option<Vec<String>>,
}

/// How a model is run: what tisc stores in `model.json` at installation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// The name it is installed under (a folder name).
    pub name: String,
    pub pooling: Pooling,
    /// Whether vectors are scaled to unit length (the model's `Normalize` module).
    pub normalize: bool,
    /// Put before each query (never before documents); empty for none.
    pub query_prefix: String,
    /// Texts are cut to this many tokens, the special tokens included.
    pub max_tokens: usize,
    /// The languages (ISO 639-1 codes) the model was trained on.
    pub languages: Vec<String>,
}

fn bad(path: &Path, message: impl Into<String>) -> SemanticError {
    SemanticError::BadModel {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Check that a name can be a folder name under `resources/model/`: 1 to 64 ASCII letters,
/// digits, `.`, `_` or `-`, not starting with `.`.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` cannot name a model: use 1 to 64 letters, digits, `.`, `_` or `-`, not starting with `.` (e.g. `--name all-minilm-l6-v2`)",
            crate::sanitize::escape_controls(name)
        ))
    }
}

fn check_language(code: &str) -> Result<(), String> {
    if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a language code: expected 2 or 3 lowercase letters, e.g. `en`",
            crate::sanitize::escape_controls(code)
        ))
    }
}

/// A required file of the folder: present, a file, and readable.
fn required(dir: &Path, name: &str) -> Result<PathBuf, SemanticError> {
    let path = dir.join(name);
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(bad(&path, "is not a file")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(bad(
                &path,
                format!(
                "missing: a model folder holds {CONFIG_FILE}, {TOKENIZER_FILE} and {WEIGHTS_FILE}"
            ),
            ))
        }
        Err(e) => return Err(bad(&path, format!("cannot read: {e}"))),
    }
    std::fs::File::open(&path).map_err(|e| bad(&path, format!("cannot read: {e}")))?;
    Ok(path)
}

/// A JSON file of the folder: `None` when absent, an error naming it when unreadable or not
/// JSON.
fn optional_json(path: &Path) -> Result<Option<Value>, SemanticError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(bad(path, format!("cannot read: {e}"))),
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| bad(path, format!("not valid JSON: {e}")))
}

/// The pooling `1_Pooling/config.json` asks for.
fn pooling_of(path: &Path, v: &Value) -> Result<Pooling, SemanticError> {
    let Some(obj) = v.as_object() else {
        return Err(bad(path, "expected a JSON object"));
    };
    let flag = |key: &str| -> Result<bool, SemanticError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(bad(
                path,
                format!("`{key}` should be true or false, found {other}"),
            )),
        }
    };
    let mean = flag("pooling_mode_mean_tokens")?;
    let cls = flag("pooling_mode_cls_token")?;
    let others = [
        "pooling_mode_max_tokens",
        "pooling_mode_mean_sqrt_len_tokens",
        "pooling_mode_weightedmean_tokens",
        "pooling_mode_lasttoken",
    ];
    for key in others {
        if flag(key)? {
            return Err(bad(path, format!("`{key}` is not a pooling tisc supports (mean or CLS); give `--pooling mean` or `--pooling cls` to override")));
        }
    }
    match (mean, cls) {
        (true, false) => Ok(Pooling::Mean),
        (false, true) => Ok(Pooling::Cls),
        (true, true) => Err(bad(path, "asks for both mean and CLS pooling (their concatenation), which tisc does not support; give `--pooling` to choose one")),
        (false, false) => Err(bad(path, "names no pooling (`pooling_mode_mean_tokens` or `pooling_mode_cls_token` set to true)")),
    }
}

/// Whether `modules.json` lists a `Normalize` module.
fn normalize_of(path: &Path, v: &Value) -> Result<bool, SemanticError> {
    let Some(modules) = v.as_array() else {
        return Err(bad(path, "expected a JSON list of modules"));
    };
    Ok(modules.iter().any(|m| {
        m.get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.rsplit('.').next() == Some("Normalize"))
    }))
}

/// Read and check a model folder's settings, overrides first: the three required files are
/// there and readable, `config.json` is JSON, each optional settings file present is valid.
pub fn read_settings(dir: &Path, o: &Overrides) -> Result<Settings, SemanticError> {
    let meta = std::fs::metadata(dir).map_err(|e| bad(dir, format!("cannot read: {e}")))?;
    if !meta.is_dir() {
        return Err(bad(
            dir,
            "is not a folder (give the folder that holds the model's files)",
        ));
    }
    let config_path = required(dir, CONFIG_FILE)?;
    required(dir, TOKENIZER_FILE)?;
    required(dir, WEIGHTS_FILE)?;
    let config = optional_json(&config_path)?.unwrap_or(Value::Null);
    if !config.is_object() {
        return Err(bad(
            &config_path,
            "expected a JSON object (the BERT configuration)",
        ));
    }

    // A model tisc installed keeps the settings it was installed with (model.json).
    let card_path = dir.join(CARD_FILE);
    let settings = match optional_json(&card_path)? {
        Some(v) => {
            let installed: Settings = serde_json::from_value(v).map_err(|e| {
                bad(
                    &card_path,
                    format!("not a model description tisc wrote: {e}"),
                )
            })?;
            Settings {
                name: o.name.clone().unwrap_or(installed.name),
                pooling: o.pooling.unwrap_or(installed.pooling),
                normalize: o.normalize.unwrap_or(installed.normalize),
                query_prefix: o.query_prefix.clone().unwrap_or(installed.query_prefix),
                max_tokens: o.max_tokens.unwrap_or(installed.max_tokens),
                languages: o.languages.clone().unwrap_or(installed.languages),
            }
        }
        None => from_model_files(dir, o)?,
    };
    check_settings(dir, &config_path, &config, &settings)?;
    Ok(settings)
}

/// The settings from a sentence-transformers folder's files, overrides first.
fn from_model_files(dir: &Path, o: &Overrides) -> Result<Settings, SemanticError> {
    let name = match &o.name {
        Some(n) => n.clone(),
        None => dir
            .canonicalize()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default(),
    };

    let pooling_path = dir.join("1_Pooling").join("config.json");
    let pooling = match optional_json(&pooling_path)? {
        Some(v) if o.pooling.is_none() => pooling_of(&pooling_path, &v)?,
        _ => o.pooling.unwrap_or(Pooling::Mean),
    };

    let modules_path = dir.join("modules.json");
    let normalize = match optional_json(&modules_path)? {
        Some(v) if o.normalize.is_none() => normalize_of(&modules_path, &v)?,
        _ => o.normalize.unwrap_or(false),
    };

    let st_path = dir.join("config_sentence_transformers.json");
    let query_prefix = match (&o.query_prefix, optional_json(&st_path)?) {
        (Some(p), _) => p.clone(),
        (None, Some(v)) => v
            .pointer("/prompts/query")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        (None, None) => String::new(),
    };

    let sbert_path = dir.join("sentence_bert_config.json");
    let from_files = optional_json(&sbert_path)?
        .and_then(|v| v.get("max_seq_length").and_then(Value::as_u64))
        .map(|n| n as usize);
    let max_tokens = o.max_tokens.or(from_files).unwrap_or(DEFAULT_MAX_TOKENS);

    let languages = o
        .languages
        .clone()
        .unwrap_or_else(|| vec!["en".to_string()]);

    Ok(Settings {
        name,
        pooling,
        normalize,
        query_prefix,
        max_tokens,
        languages,
    })
}

/// The checks every settings pass: a usable name, a token limit the model can read, language
/// codes.
fn check_settings(
    dir: &Path,
    config_path: &Path,
    config: &Value,
    s: &Settings,
) -> Result<(), SemanticError> {
    check_name(&s.name).map_err(|m| bad(dir, m))?;
    let max_tokens = s.max_tokens;
    if max_tokens < 2 {
        return Err(bad(
            dir,
            format!("a token limit of {max_tokens} leaves no room for text"),
        ));
    }
    let positions = config
        .get("max_position_embeddings")
        .and_then(Value::as_u64)
        .map(|n| n as usize);
    if let Some(p) = positions.filter(|&p| max_tokens > p) {
        return Err(bad(
            config_path,
            format!("the model reads at most {p} tokens (`max_position_embeddings`), fewer than the {max_tokens} asked for"),
        ));
    }
    if s.languages.is_empty() {
        return Err(bad(dir, "a model needs at least one language"));
    }
    for l in &s.languages {
        check_language(l).map_err(|m| bad(dir, m))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model folder `<tmp>/model` with the three required files (placeholders) and `files`.
    struct Folder {
        /// Kept to remove the folder at the end of the test.
        _tmp: tempfile::TempDir,
        dir: PathBuf,
    }

    impl Folder {
        fn path(&self) -> &Path {
            &self.dir
        }
    }

    fn folder(files: &[(&str, &str)]) -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("model");
        std::fs::create_dir_all(&d).unwrap();
        for name in [CONFIG_FILE, TOKENIZER_FILE, WEIGHTS_FILE] {
            std::fs::write(d.join(name), "{}").unwrap();
        }
        for (name, text) in files {
            let p = d.join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        Folder { _tmp: tmp, dir: d }
    }

    #[test]
    fn settings_come_from_the_model_files() {
        let d = folder(&[
            (
                "1_Pooling/config.json",
                r#"{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}"#,
            ),
            (
                "modules.json",
                r#"[{"type": "sentence_transformers.models.Normalize"}]"#,
            ),
            (
                "config_sentence_transformers.json",
                r#"{"prompts": {"query": "query: "}}"#,
            ),
            ("sentence_bert_config.json", r#"{"max_seq_length": 128}"#),
            (CONFIG_FILE, r#"{"max_position_embeddings": 512}"#),
        ]);
        let s = read_settings(d.path(), &Overrides::default()).unwrap();
        assert_eq!(s.name, "model");
        assert_eq!(s.pooling, Pooling::Cls);
        assert!(s.normalize);
        assert_eq!(s.query_prefix, "query: ");
        assert_eq!(s.max_tokens, 128);
        assert_eq!(s.languages, ["en"]);

        let o = Overrides {
            name: Some("mine".into()),
            pooling: Some(Pooling::Mean),
            normalize: Some(false),
            query_prefix: Some(String::new()),
            max_tokens: Some(64),
            languages: Some(vec!["fr".into(), "de".into()]),
        };
        let s = read_settings(d.path(), &o).unwrap();
        assert_eq!(
            (
                s.name.as_str(),
                s.pooling,
                s.normalize,
                s.query_prefix.as_str(),
                s.max_tokens
            ),
            ("mine", Pooling::Mean, false, "", 64)
        );
        assert_eq!(s.languages, ["fr", "de"]);
    }

    #[test]
    fn an_installed_model_keeps_its_settings() {
        let d = folder(&[(
            CARD_FILE,
            r#"{"name": "mine", "pooling": "cls", "normalize": true, "query_prefix": "q: ",
                "max_tokens": 100, "languages": ["fr"], "dim": 384, "weights_sha256": "00",
                "source": "/x", "installed_at": "2026-01-01T00:00:00Z"}"#,
        )]);
        let s = read_settings(d.path(), &Overrides::default()).unwrap();
        assert_eq!(
            (
                s.name.as_str(),
                s.pooling,
                s.normalize,
                s.query_prefix.as_str(),
                s.max_tokens
            ),
            ("mine", Pooling::Cls, true, "q: ", 100)
        );
        assert_eq!(s.languages, ["fr"]);
        let o = Overrides {
            max_tokens: Some(64),
            ..Overrides::default()
        };
        assert_eq!(read_settings(d.path(), &o).unwrap().max_tokens, 64);
    }

    #[test]
    fn defaults_without_optional_files() {
        let d = folder(&[]);
        let s = read_settings(d.path(), &Overrides::default()).unwrap();
        assert_eq!(
            (s.pooling, s.normalize, s.max_tokens),
            (Pooling::Mean, false, DEFAULT_MAX_TOKENS)
        );
        assert!(s.query_prefix.is_empty());
    }

    #[test]
    fn bad_files_are_named() {
        let d = folder(&[(
            "1_Pooling/config.json",
            r#"{"pooling_mode_max_tokens": true}"#,
        )]);
        let e = read_settings(d.path(), &Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("1_Pooling") && e.contains("pooling_mode_max_tokens"),
            "{e}"
        );

        let d = folder(&[("modules.json", "[not json")]);
        let e = read_settings(d.path(), &Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("modules.json") && e.contains("not valid JSON"),
            "{e}"
        );

        let d = folder(&[(CONFIG_FILE, r#"{"max_position_embeddings": 128}"#)]);
        let o = Overrides {
            max_tokens: Some(256),
            ..Overrides::default()
        };
        let e = read_settings(d.path(), &o).unwrap_err().to_string();
        assert!(
            e.contains("config.json") && e.contains("at most 128"),
            "{e}"
        );

        let d = folder(&[]);
        std::fs::remove_file(d.path().join(TOKENIZER_FILE)).unwrap();
        let e = read_settings(d.path(), &Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("tokenizer.json") && e.contains("missing"), "{e}");

        let d = folder(&[]);
        let o = Overrides {
            name: Some("../x".into()),
            ..Overrides::default()
        };
        assert!(read_settings(d.path(), &o).is_err());
        let o = Overrides {
            languages: Some(vec!["English".into()]),
            ..Overrides::default()
        };
        assert!(read_settings(d.path(), &o).is_err());
    }
}
