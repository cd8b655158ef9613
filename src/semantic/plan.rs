//! Deciding, for one search, where meaning is used: the installed model and, per corpus, its
//! vectors — or why a corpus is ranked by BM25 alone, said once.
//!
//! `--semantic on` uses meaning wherever it can and says where it cannot; `auto` (the
//! default) does the same where some corpus of the search has vectors, and otherwise loads
//! nothing and says nothing (the user has not opted in); `off` never loads anything.

use super::store::{self, Vectors};
use super::{Embedder, SemanticError};
use crate::corpus::Workspace;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `--semantic`: whether a search uses meaning.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Setting {
    /// Wherever the corpus is embedded and a model is installed
    #[default]
    Auto,
    /// Everywhere it can; says where it cannot (ranked by BM25 alone there)
    On,
    /// Never: BM25 alone
    Off,
}

/// What a search has to rank by meaning.
pub struct Plan {
    /// The model, loaded with one math thread (for queries).
    pub embedder: Option<Arc<dyn Embedder>>,
    /// Per corpus (in the order given), its vectors when meaning can be used there.
    pub corpora: Vec<Option<Arc<Vectors>>>,
    /// The one line to show when some corpus falls back to BM25 alone.
    pub notice: Option<String>,
}

impl Plan {
    /// No meaning anywhere.
    pub fn off(corpora: usize) -> Plan {
        Plan {
            embedder: None,
            corpora: vec![None; corpora],
            notice: None,
        }
    }

    /// Whether any corpus is ranked with meaning.
    pub fn is_used(&self) -> bool {
        self.embedder.is_some() && self.corpora.iter().any(Option::is_some)
    }
}

/// What a corpus's vector store holds for the model of a search.
pub enum Stored {
    /// No vector (no store, or an empty one).
    Nothing,
    /// Vectors of another model (named).
    OtherModel(String),
    /// The model's vectors.
    Vectors(Arc<Vectors>),
}

/// Read the vectors of index folder `dir` for model `model_id`.
pub fn read_stored(dir: &Path, model_id: &str) -> Result<Stored, SemanticError> {
    Ok(match store::open(dir, Some(model_id))? {
        None => Stored::Nothing,
        Some(o) => match o.other_model {
            Some(other) => Stored::OtherModel(other),
            None if o.vectors.is_empty() => Stored::Nothing,
            None => Stored::Vectors(Arc::new(o.vectors)),
        },
    })
}

/// Plan a search over `corpora` (name, index folder) with `setting`; the model is the one
/// installed in `home` (see [`super::load_installed`]). `load` stands for that loading, so
/// that tests can give a model of their own.
pub fn plan_with(
    corpora: &[(String, PathBuf)],
    setting: Setting,
    load: &dyn Fn() -> Result<Box<dyn Embedder>, SemanticError>,
) -> Plan {
    plan_from(corpora, setting, &|| load().map(Arc::from), &read_stored)
}

/// [`plan_with`], the model and each corpus's vectors given by `load` and `stored` (which
/// may keep them from an earlier search: see [`super::plan_cache`]).
pub fn plan_from(
    corpora: &[(String, PathBuf)],
    setting: Setting,
    load: &dyn Fn() -> Result<Arc<dyn Embedder>, SemanticError>,
    stored: &dyn Fn(&Path, &str) -> Result<Stored, SemanticError>,
) -> Plan {
    if setting == Setting::Off {
        return Plan::off(corpora.len());
    }
    // `auto` where no corpus has vectors: nothing to use, nothing to say, no model to load.
    let has_vectors = |dir: &PathBuf| !matches!(store::manifest(dir), Ok(None));
    if setting == Setting::Auto && !corpora.iter().any(|(_, dir)| has_vectors(dir)) {
        return Plan::off(corpora.len());
    }
    let loaded = load();
    let (embedder, model_problem): (Option<Arc<dyn Embedder>>, Option<SemanticError>) = match loaded
    {
        Ok(e) => (Some(e), None),
        Err(e) => (None, Some(e)),
    };
    let mut opted_in = matches!(
        model_problem,
        None | Some(SemanticError::BadModel { .. })
            | Some(SemanticError::Io { .. })
            | Some(SemanticError::Inference(_))
    );
    let mut out = Vec::with_capacity(corpora.len());
    let mut fallbacks: Vec<(String, String)> = Vec::new();
    for (name, dir) in corpora {
        let Some(model) = &embedder else {
            // Without a model the vectors are not read, only whether there are some.
            opted_in |= has_vectors(dir);
            out.push(None);
            let why = model_problem
                .as_ref()
                .map_or_else(String::new, ToString::to_string);
            fallbacks.push((name.clone(), why));
            continue;
        };
        let why = match stored(dir, model.model_id()) {
            Err(e) => {
                opted_in = true;
                Some(e.to_string())
            }
            Ok(Stored::Nothing) => Some(format!("not embedded (run `tisc embed {name}`)")),
            Ok(Stored::OtherModel(_)) => {
                opted_in = true;
                Some(format!(
                    "its vectors were made by another model (run `tisc embed {name}` to replace them)"
                ))
            }
            Ok(Stored::Vectors(v)) => {
                out.push(Some(v));
                None
            }
        };
        if let Some(why) = why {
            out.push(None);
            fallbacks.push((name.clone(), why));
        }
    }
    let notice = (!fallbacks.is_empty() && (setting == Setting::On || opted_in))
        .then(|| notice_text(&fallbacks));
    Plan {
        embedder,
        corpora: out,
        notice,
    }
}

/// The corpora `names` of workspace `ws` as (name, index folder), in the order given.
pub fn corpus_dirs(ws: &Workspace, names: &[&str]) -> Vec<(String, PathBuf)> {
    names
        .iter()
        .map(|n| (n.to_string(), ws.index_dir(n)))
        .collect()
}

/// Plan a search of workspace `ws` over corpora `names` (in that order), with the installed
/// model (one math thread), for [`plan_with`].
pub fn plan(ws: &Workspace, names: &[&str], setting: Setting) -> Plan {
    plan_with(&corpus_dirs(ws, names), setting, &|| {
        super::load_installed(&ws.home, 1)
    })
}

/// One line: which corpora are ranked by BM25 alone, and why.
fn notice_text(fallbacks: &[(String, String)]) -> String {
    let same = fallbacks.iter().all(|f| f.1 == fallbacks[0].1);
    let list = if same {
        let names: Vec<&str> = fallbacks.iter().map(|f| f.0.as_str()).collect();
        format!("{}: {}", names.join(", "), fallbacks[0].1)
    } else {
        fallbacks
            .iter()
            .map(|(n, w)| format!("{n}: {w}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    format!("search by meaning not used, BM25 alone — {list}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::store::StoreWriter;
    use crate::semantic::testing::HashEmbedder;

    fn no_model() -> Result<Box<dyn Embedder>, SemanticError> {
        Err(SemanticError::NoModel)
    }

    fn model() -> Result<Box<dyn Embedder>, SemanticError> {
        Ok(Box::new(HashEmbedder::new(16)))
    }

    #[test]
    fn on_says_once_why_each_corpus_falls_back_and_auto_stays_quiet_until_opted_in() {
        let tmp = tempfile::tempdir().unwrap();
        let corpora = vec![
            ("a".to_string(), tmp.path().join("a")),
            ("b".to_string(), tmp.path().join("b")),
        ];
        let on = plan_with(&corpora, Setting::On, &no_model);
        assert!(!on.is_used());
        let notice = on.notice.unwrap();
        assert!(
            notice.contains("a, b: no sentence-embedding model"),
            "{notice}"
        );
        let auto = plan_with(&corpora, Setting::Auto, &no_model);
        assert!(auto.notice.is_none());
        let off = plan_with(&corpora, Setting::Off, &model);
        assert!(off.notice.is_none() && off.embedder.is_none());
        // A model, and vectors for `a` only.
        let e = HashEmbedder::new(16);
        let (mut w, _) = StoreWriter::open(&corpora[0].1, e.model_id(), 16).unwrap();
        w.append(&[("d1".into(), 1, e.embed_query("x").unwrap())])
            .unwrap();
        let auto = plan_with(&corpora, Setting::Auto, &model);
        assert!(auto.is_used() && auto.corpora[0].is_some() && auto.corpora[1].is_none());
        let notice = auto.notice.unwrap();
        assert!(
            notice.contains("b: not embedded (run `tisc embed b`)"),
            "{notice}"
        );
        assert!(!notice.contains("a:"), "{notice}");
    }
}
