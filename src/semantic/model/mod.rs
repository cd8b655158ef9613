//! The sentence-embedding model: what a model folder holds, the settings read from it, its
//! installation under `$TISC_HOME/resources/model/`, and (feature `semantic`) running it.
//!
//! A model folder is a BERT-family model as sentence-transformers saves it. Three files are
//! required: `config.json` (the BERT configuration), `tokenizer.json` (the tokenizer) and
//! `model.safetensors` (the weights). Optional files give the settings:
//! `1_Pooling/config.json` (mean or CLS pooling), `modules.json` (a `Normalize` module means
//! unit-length vectors), `sentence_bert_config.json` (`max_seq_length`) and
//! `config_sentence_transformers.json` (`prompts.query`, a prefix put before each query).
//! Any of them can be overridden by [`Overrides`].
//!
//! Submodules: `settings` reads those files, `install` copies a checked model into the
//! tisc home and lists the installed ones, `batch` groups texts of similar length, and
//! `encoder` (only with the `semantic` feature) runs the model on the CPU: with tisc's own
//! forward pass (the `tisc-encoder` package of the workspace) for the usual BERT
//! configuration, else with candle's BERT.

mod batch;
#[cfg(feature = "semantic")]
mod encoder;
mod install;

mod settings;

pub use batch::length_batches;
#[cfg(feature = "semantic")]
pub use encoder::{Forward, Model};
pub use install::{
    active_name, install, installed_dir, list_installed, load_card, models_dir, InstalledModel,
    ModelCard,
};
pub use settings::{check_name, read_settings, Overrides, Pooling, Settings};

/// The three files every model folder must hold.
pub const CONFIG_FILE: &str = "config.json";
pub const TOKENIZER_FILE: &str = "tokenizer.json";
pub const WEIGHTS_FILE: &str = "model.safetensors";
/// The description tisc writes beside an installed model.
pub const CARD_FILE: &str = "model.json";
/// The number of tokens a text is cut to when the model's files do not say.
pub const DEFAULT_MAX_TOKENS: usize = 256;

/// The lowercase hexadecimal SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
