//! Search by meaning: a sentence-embedding model the user installs, document vectors stored
//! beside each index, and their fusion with BM25.
//!
//! What it owns:
//! - [`Embedder`], the boundary between tisc and a model: texts in, unit-length vectors out.
//!   The real one (`model`, behind the `semantic` cargo feature) runs a BERT-family model
//!   with candle on the CPU; tests of storage and fusion may use any implementation.
//! - Installing a model (`tisc resources add model DIR`) and loading the installed one.
//! - Document vectors (`tisc embed`), tied to the index generation they were made from.
//! - Fusing BM25 and dense scores (min-max normalised, a convex combination over the union
//!   of both top lists).
//!
//! A build without the `semantic` feature keeps every type here but says that semantic
//! search is not built in when asked to load a model.

pub mod embed;
pub mod fusion;
pub mod model;
pub mod plan;
pub mod plan_cache;
pub mod scan;
pub mod store;
#[cfg(test)]
pub(crate) mod testing;

use std::path::PathBuf;

/// Why a model could not be installed, loaded or run, or vectors read or written.
#[derive(Debug, thiserror::Error)]
pub enum SemanticError {
    /// No model is installed (`tisc resources add model DIR` installs one).
    #[error("no sentence-embedding model is installed (install one with `tisc resources add model DIR`)")]
    NoModel,
    /// This build of tisc was made without the `semantic` feature.
    #[error(
        "semantic search is not built into this tisc (it was built without the `semantic` feature)"
    )]
    NotBuiltIn,
    /// A model folder lacks a file or holds one that cannot be used (bad input).
    #[error("{}: {message}", path.display())]
    BadModel { path: PathBuf, message: String },
    /// Reading or writing a file failed (a runtime failure).
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The model failed while computing (a runtime failure).
    #[error("the model failed: {0}")]
    Inference(String),
}

/// A sentence-embedding model: texts in, one vector of [`Embedder::dim`] numbers per text
/// out, each of unit length (so a dot product is the cosine).
pub trait Embedder: Send + Sync {
    /// The length of every vector.
    fn dim(&self) -> usize;
    /// What identifies the model and its settings (name and a hash of its weights and
    /// pooling): vectors made by another model are never mixed with this one's.
    fn model_id(&self) -> &str;
    /// Vectors of documents (title, abstract, …: the caller chooses the text).
    fn embed_documents(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError>;
    /// The vector of a query (the model's query prefix, if any, is added here).
    fn embed_query(&self, text: &str) -> Result<Vec<f32>, SemanticError>;
    /// The languages (ISO 639-1 codes) the model understands: documents in others are ranked
    /// by BM25 alone and not embedded.
    fn languages(&self) -> Vec<String> {
        vec!["en".to_string()]
    }
}

/// The installed model, ready to embed with `threads` math threads (1 for queries: a second
/// thread on a busy 2-core machine makes a query slower, not faster)
/// ([`SemanticError::NoModel`] when none is installed, [`SemanticError::NotBuiltIn`] in a build
/// without the `semantic` feature).
pub fn load_installed(
    home: &std::path::Path,
    threads: usize,
) -> Result<Box<dyn Embedder>, SemanticError> {
    #[cfg(feature = "semantic")]
    {
        let Some(name) = model::active_name(home)? else {
            return Err(SemanticError::NoModel);
        };
        let dir = model::installed_dir(home, &name);
        let card = model::load_card(&dir)?;
        let path = dir.join(model::WEIGHTS_FILE);
        let weights = std::fs::read(&path).map_err(|source| SemanticError::Io { path, source })?;
        let m = model::Model::from_weights(
            &dir,
            card.settings,
            &weights,
            &card.weights_sha256,
            threads,
        )?;
        if m.dim() != card.dim {
            return Err(SemanticError::BadModel {
                path: dir.join(model::CARD_FILE),
                message: format!(
                    "says the model's vectors have {} numbers, but the model makes {} (install the model again)",
                    card.dim,
                    m.dim()
                ),
            });
        }
        Ok(Box::new(m))
    }
    #[cfg(not(feature = "semantic"))]
    {
        let _ = (home, threads);
        Err(SemanticError::NotBuiltIn)
    }
}
