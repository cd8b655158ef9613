//! Test doubles of tisc's sentence-embedding model ([`tisc::semantic::Embedder`]): a hashed
//! bag of words, L2 normalised — texts that share words point the same way — and the same
//! that starts failing after a number of calls, as a model that crashes mid-run would.

use std::sync::atomic::{AtomicUsize, Ordering};
use tisc::semantic::{Embedder, SemanticError};

/// A deterministic embedder: each lower-cased word adds 1 to one of `dim` buckets (by a
/// fixed hash); the vector is then scaled to unit length.
pub struct HashEmbedder {
    dim: usize,
    id: String,
    /// Calls of `embed_documents` answered before every later one fails (`None`: never).
    fail_after: Option<usize>,
    calls: AtomicUsize,
    /// Documents embedded (successful calls only).
    pub embedded: AtomicUsize,
    languages: Vec<String>,
}

impl HashEmbedder {
    pub fn new(dim: usize) -> HashEmbedder {
        HashEmbedder {
            dim,
            id: format!("test-hash-bow-{dim}"),
            fail_after: None,
            calls: AtomicUsize::new(0),
            embedded: AtomicUsize::new(0),
            languages: vec!["en".to_string()],
        }
    }

    /// The same model that fails every call after the first `calls`.
    pub fn failing_after(dim: usize, calls: usize) -> HashEmbedder {
        HashEmbedder {
            fail_after: Some(calls),
            ..HashEmbedder::new(dim)
        }
    }

    /// The same model under another name (its vectors are not this one's).
    pub fn named(mut self, id: &str) -> HashEmbedder {
        self.id = id.to_string();
        self
    }

    /// The same model reading `languages`.
    pub fn reading(mut self, languages: &[&str]) -> HashEmbedder {
        self.languages = languages.iter().map(|l| l.to_string()).collect();
        self
    }

    /// The vector of `text`.
    pub fn vector(&self, text: &str) -> Vec<f32> {
        let mut v = vec![0f32; self.dim];
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let h = tisc::semantic::store::text_hash(&word.to_lowercase());
            v[(h % self.dim as u64) as usize] += 1.0;
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
        v
    }
}

impl Embedder for HashEmbedder {
    fn dim(&self) -> usize {
        self.dim
    }
    fn model_id(&self) -> &str {
        &self.id
    }
    fn embed_documents(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        if self.fail_after.is_some_and(|n| call >= n) {
            return Err(SemanticError::Inference("the test model stopped".into()));
        }
        self.embedded.fetch_add(texts.len(), Ordering::SeqCst);
        Ok(texts.iter().map(|t| self.vector(t)).collect())
    }
    fn embed_query(&self, text: &str) -> Result<Vec<f32>, SemanticError> {
        Ok(self.vector(text))
    }
    fn languages(&self) -> Vec<String> {
        self.languages.clone()
    }
}
