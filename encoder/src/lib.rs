//! tisc's own forward pass of a BERT encoder on the CPU (used by tisc's search by meaning
//! for the usual BERT configuration; candle's BERT runs the others).
//!
//! - [`net`]: the encoder — weights read with candle from a safetensors file, texts stacked
//!   without padding, attention text by text, fused bias/residual/normalisation passes.
//! - [`kernels`]: the vectorised steps it is made of (exponential, error function, GELU,
//!   softmax, layer normalisation) and the matrix product (the `gemm` crate).

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod kernels;
pub mod net;

pub use net::{Net, Tokens};

/// Why a batch of texts could not be encoded.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    #[error("a text of {tokens} tokens: the model takes at most {max}")]
    TooLong { tokens: usize, max: usize },
    #[error("a text has {ids} token ids but {types} token type ids")]
    TypesMismatch { ids: usize, types: usize },
}
