//! Running a BERT-family sentence-embedding model on the CPU with candle (feature
//! `semantic`): tokenise (cut to the token limit), run the encoder on batches of texts of
//! similar length, pool (mean over the real tokens, or the first token), scale to unit length
//! when the model does.
//!
//! Threads: the model computes on its own rayon pool of `threads` threads (1 by default),
//! never on tisc's global pool, so a query is encoded on one core while the rest of tisc
//! works. candle's matrix products split their work in as many parts as the machine has
//! cores (or `RAYON_NUM_THREADS`), but those parts run on the pool they are called from: on a
//! pool of one thread they run one after the other.

use super::{length_batches, sha256_hex, Settings, CONFIG_FILE, TOKENIZER_FILE, WEIGHTS_FILE};
use crate::semantic::{Embedder, SemanticError};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use rayon::prelude::*;
use std::path::Path;
use tisc_encoder::{Net, Tokens};
use tokenizers::{Encoding, Tokenizer, TruncationParams};

/// At most this many texts in one batch of documents.
const BATCH_TEXTS: usize = 32;
/// At most this many positions (texts × longest) in one batch of documents: one text of 256
/// tokens, or several shorter ones. Measured on 256-token SciFact abstracts, one thread (debug
/// build with optimised dependencies, on a busy 2-core machine: compare, do not quote):
/// 4.5 documents/s with batches of 256 positions, 3.6 with 512, 4.1 with 1,024, 2.8 with 4,096
/// (bigger batches spend their time allocating and clearing large tensors).
const BATCH_TOKENS: usize = 256;
/// With tisc's own forward pass texts are stacked, not padded: at most this many tokens in
/// one batch (bigger matrix products run closer to the processor's peak; measured in
/// docs/performance.md).
const OWN_BATCH_TOKENS: usize = 1024;

/// Which forward pass to run a model with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forward {
    /// tisc's own where it handles the model's configuration, else candle's BERT.
    Auto,
    /// candle's BERT always (slower; kept to compare with).
    Candle,
}

/// Which forward pass runs the model.
enum Engine {
    /// tisc's own (the usual BERT configuration).
    Own(Net),
    /// candle's BERT (any other configuration candle reads).
    Candle(BertModel),
}

/// A loaded model, ready to embed.
pub struct Model {
    engine: Engine,
    tokenizer: Tokenizer,
    settings: Settings,
    dim: usize,
    model_id: String,
    pad_id: u32,
    threads: usize,
    pool: rayon::ThreadPool,
}

fn bad(path: &Path, message: impl Into<String>) -> SemanticError {
    SemanticError::BadModel {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

fn inference(e: impl std::fmt::Display) -> SemanticError {
    SemanticError::Inference(e.to_string())
}

fn pool_of(threads: usize) -> Result<rayon::ThreadPool, SemanticError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("tisc-model-{i}"))
        .build()
        .map_err(inference)
}

/// What identifies a model and the settings its vectors depend on (a file-name-safe text).
fn model_id(settings: &Settings, weights_sha256: &str) -> String {
    let short: String = weights_sha256.chars().take(12).collect();
    let mut id = format!(
        "{}@{short}.{}.{}.t{}",
        settings.name,
        settings.pooling.as_str(),
        if settings.normalize { "norm" } else { "raw" },
        settings.max_tokens
    );
    if !settings.query_prefix.is_empty() {
        let q: String = sha256_hex(settings.query_prefix.as_bytes())
            .chars()
            .take(8)
            .collect();
        id.push_str(&format!(".q{q}"));
    }
    id
}

impl Model {
    /// Load the model in `dir` with `settings` (from [`super::read_settings`] or a stored
    /// card), computing on `threads` threads.
    pub fn load(dir: &Path, settings: Settings, threads: usize) -> Result<Model, SemanticError> {
        Model::load_with(dir, settings, threads, Forward::Auto)
    }

    /// [`Model::load`] with the forward pass chosen (to compare the two).
    pub fn load_with(
        dir: &Path,
        settings: Settings,
        threads: usize,
        forward: Forward,
    ) -> Result<Model, SemanticError> {
        let path = dir.join(WEIGHTS_FILE);
        let weights = std::fs::read(&path).map_err(|e| bad(&path, format!("cannot read: {e}")))?;
        let sha = sha256_hex(&weights);
        Model::build(dir, settings, &weights, &sha, threads, forward)
    }

    /// Load the model in `dir` whose weights (`model.safetensors`) are already read, with
    /// their SHA-256 known.
    pub fn from_weights(
        dir: &Path,
        settings: Settings,
        weights: &[u8],
        weights_sha256: &str,
        threads: usize,
    ) -> Result<Model, SemanticError> {
        Model::build(
            dir,
            settings,
            weights,
            weights_sha256,
            threads,
            Forward::Auto,
        )
    }

    fn build(
        dir: &Path,
        settings: Settings,
        weights: &[u8],
        weights_sha256: &str,
        threads: usize,
        forward: Forward,
    ) -> Result<Model, SemanticError> {
        let config_path = dir.join(CONFIG_FILE);
        let config_bytes = std::fs::read(&config_path)
            .map_err(|e| bad(&config_path, format!("cannot read: {e}")))?;
        let mut config: Config = serde_json::from_slice(&config_bytes)
            .map_err(|e| bad(&config_path, format!("not a BERT configuration: {e}")))?;
        // Weights are named `embeddings.…` or `bert.embeddings.…` (a model saved with its
        // pre-training heads); candle tries the second with the configuration's model type.
        if config.model_type.is_none() {
            config.model_type = Some("bert".to_string());
        }
        let dim = config.hidden_size;

        let tok_path = dir.join(TOKENIZER_FILE);
        let mut tokenizer = Tokenizer::from_file(&tok_path).map_err(|e| {
            bad(
                &tok_path,
                format!("not a tokenizer this tisc can read: {e}"),
            )
        })?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: settings.max_tokens,
                ..TruncationParams::default()
            }))
            .map_err(|e| bad(&tok_path, e.to_string()))?;
        let pad_id = tokenizer
            .get_padding()
            .map(|p| p.pad_id)
            .or_else(|| tokenizer.token_to_id("[PAD]"))
            .unwrap_or(config.pad_token_id as u32);
        tokenizer.with_padding(None);

        let weights_path = dir.join(WEIGHTS_FILE);
        let vb = VarBuilder::from_slice_safetensors(weights, DType::F32, &Device::Cpu)
            .map_err(|e| bad(&weights_path, format!("not safetensors weights: {e}")))?;
        let misfit = |e: candle_core::Error| {
            bad(
                &weights_path,
                format!("the weights do not fit the BERT configuration in {CONFIG_FILE}: {e}"),
            )
        };
        let engine = if Net::handles(&config) && forward == Forward::Auto {
            Engine::Own(Net::load(vb, &config).map_err(misfit)?)
        } else {
            Engine::Candle(BertModel::load(vb, &config).map_err(misfit)?)
        };

        let model_id = model_id(&settings, weights_sha256);
        let threads = threads.max(1);
        Ok(Model {
            engine,
            tokenizer,
            settings,
            dim,
            model_id,
            pad_id,
            threads,
            pool: pool_of(threads)?,
        })
    }

    /// The same model computing on `threads` threads (1 for queries; more for embedding a
    /// corpus on an otherwise idle machine).
    pub fn with_threads(mut self, threads: usize) -> Result<Model, SemanticError> {
        self.threads = threads.max(1);
        self.pool = pool_of(self.threads)?;
        Ok(self)
    }

    /// The number of threads it computes on.
    pub fn threads(&self) -> usize {
        self.threads
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The number of tokens of a text once cut to the token limit (special tokens included).
    pub fn token_count(&self, text: &str) -> Result<usize, SemanticError> {
        Ok(self.tokenize(text)?.get_ids().len())
    }

    fn tokenize(&self, text: &str) -> Result<Encoding, SemanticError> {
        self.tokenizer.encode(text, true).map_err(inference)
    }

    /// The vectors of `texts` as they are (no query prefix), batched by length.
    pub fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        let encodings = texts
            .iter()
            .map(|t| self.tokenize(t))
            .collect::<Result<Vec<_>, _>>()?;
        let lengths: Vec<usize> = encodings.iter().map(|e| e.get_ids().len()).collect();
        let batches = match self.engine {
            // Stacked, not padded: a budget of tokens only.
            Engine::Own(_) => length_batches(&lengths, usize::MAX, OWN_BATCH_TOKENS),
            Engine::Candle(_) => length_batches(&lengths, BATCH_TEXTS, BATCH_TOKENS),
        };
        let run = |batch: &Vec<usize>| {
            let group: Vec<&Encoding> = batch.iter().map(|&i| &encodings[i]).collect();
            self.run_batch(&group)
        };
        let done = self.pool.install(|| match self.engine {
            // Batches side by side, one per thread, each product on one thread.
            Engine::Own(_) => batches.par_iter().map(run).collect::<Result<Vec<_>, _>>(),
            // candle splits each product over the pool: batches one after another.
            Engine::Candle(_) => batches.iter().map(run).collect::<Result<Vec<_>, _>>(),
        })?;
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        for (batch, vectors) in batches.into_iter().zip(done) {
            for (i, v) in batch.into_iter().zip(vectors) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    /// The vectors of `texts` computed as one padded batch (in the order given).
    pub fn encode_one_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        let encodings = texts
            .iter()
            .map(|t| self.tokenize(t))
            .collect::<Result<Vec<_>, _>>()?;
        let group: Vec<&Encoding> = encodings.iter().collect();
        self.pool.install(|| self.run_batch(&group))
    }

    /// One batch through the model's forward pass, each text's vector pooled.
    fn run_batch(&self, group: &[&Encoding]) -> Result<Vec<Vec<f32>>, SemanticError> {
        match &self.engine {
            Engine::Own(net) => self.run_own(net, group),
            Engine::Candle(bert) => self.run(bert, group),
        }
    }

    /// Which forward pass runs the model: "tisc" or "candle".
    pub fn engine(&self) -> &'static str {
        match self.engine {
            Engine::Own(_) => "tisc",
            Engine::Candle(_) => "candle",
        }
    }

    /// Run tisc's own forward pass on one batch and pool each text's vector.
    fn run_own(&self, net: &Net, group: &[&Encoding]) -> Result<Vec<Vec<f32>>, SemanticError> {
        let tokens: Vec<Tokens> = group
            .iter()
            .map(|e| Tokens {
                ids: e.get_ids(),
                types: e.get_type_ids(),
            })
            .collect();
        let hidden = net.forward(&tokens).map_err(inference)?;
        Ok(hidden
            .iter()
            .zip(group)
            .map(|(rows, e)| self.pool_rows(rows, e.get_attention_mask()))
            .collect())
    }

    /// One text's vector from its last layer (tokens × dim, row-major): the mean of the
    /// tokens the mask keeps, or the first token; unit length when the model says so.
    fn pool_rows(&self, rows: &[f32], mask: &[u32]) -> Vec<f32> {
        let dim = self.dim;
        let mut v = match self.settings.pooling {
            super::Pooling::Cls => rows.get(..dim).map(<[f32]>::to_vec).unwrap_or_default(),
            super::Pooling::Mean => {
                let mut sum = vec![0f32; dim];
                let mut n = 0f32;
                for (tok, &m) in rows.chunks_exact(dim).zip(mask) {
                    if m != 0 {
                        n += 1.0;
                        for (s, x) in sum.iter_mut().zip(tok) {
                            *s += x;
                        }
                    }
                }
                let n = n.max(1e-9);
                sum.iter_mut().for_each(|s| *s /= n);
                sum
            }
        };
        if v.len() != dim {
            v.resize(dim, 0.0);
        }
        if self.settings.normalize {
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
            v.iter_mut().for_each(|x| *x /= norm);
        }
        v
    }

    /// Run candle's BERT on one padded batch and pool each text's vector.
    fn run(&self, bert: &BertModel, group: &[&Encoding]) -> Result<Vec<Vec<f32>>, SemanticError> {
        if group.is_empty() {
            return Ok(Vec::new());
        }
        let b = group.len();
        let t = group
            .iter()
            .map(|e| e.get_ids().len())
            .max()
            .unwrap_or(0)
            .max(1);
        let mut ids = vec![self.pad_id; b * t];
        let mut types = vec![0u32; b * t];
        let mut mask = vec![0u32; b * t];
        for (row, e) in group.iter().enumerate() {
            let base = row * t;
            for (j, ((&id, &ty), &m)) in e
                .get_ids()
                .iter()
                .zip(e.get_type_ids())
                .zip(e.get_attention_mask())
                .enumerate()
            {
                ids[base + j] = id;
                types[base + j] = ty;
                mask[base + j] = m;
            }
        }
        let dev = Device::Cpu;
        let ids = Tensor::from_vec(ids, (b, t), &dev).map_err(inference)?;
        let types = Tensor::from_vec(types, (b, t), &dev).map_err(inference)?;
        let mask_t = Tensor::from_vec(mask.clone(), (b, t), &dev).map_err(inference)?;
        let hidden = bert
            .forward(&ids, &types, Some(&mask_t))
            .map_err(inference)?;
        let hidden: Vec<Vec<Vec<f32>>> = hidden.to_vec3().map_err(inference)?;
        let mut out = Vec::with_capacity(b);
        for (row, tokens) in hidden.iter().enumerate() {
            let rows: Vec<f32> = tokens.concat();
            out.push(self.pool_rows(&rows, &mask[row * t..(row + 1) * t]));
        }
        Ok(out)
    }
}

impl Embedder for Model {
    fn dim(&self) -> usize {
        self.dim
    }

    fn model_id(&self) -> &str {
        &self.model_id
    }

    fn embed_documents(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        self.encode(texts)
    }

    fn embed_query(&self, text: &str) -> Result<Vec<f32>, SemanticError> {
        let prefixed = format!("{}{text}", self.settings.query_prefix);
        let mut v = self.encode(&[prefixed.as_str()])?;
        v.pop()
            .ok_or_else(|| SemanticError::Inference("no vector for the query".into()))
    }

    fn languages(&self) -> Vec<String> {
        self.settings.languages.clone()
    }
}
