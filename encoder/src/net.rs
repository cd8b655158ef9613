//! The forward pass of a BERT encoder on the CPU, for the common configuration (absolute
//! positions, exact GELU), in place of candle's general one because it embeds a corpus
//! several times faster (measured in tisc's docs/performance.md): texts are not padded (the
//! tokens of several texts are stacked into one matrix for the linear layers, and attention
//! runs text by text), the three attention projections are one product, biases, residuals,
//! GELU and layer normalisation are fused into single passes over the numbers, and no
//! intermediate matrix is allocated per operation. The weights are read with candle from the
//! same safetensors file; the results agree with candle's BERT to about 1e-6 (tested).

use crate::kernels::{self, Mat};
use crate::EncodeError;
use candle_core::{DType, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{Config, HiddenAct, PositionEmbeddingType};

/// One encoder layer's weights, each a row-major matrix (output × input) or a vector.
struct Layer {
    /// query, key and value stacked: (3·hidden) × hidden, and their biases.
    qkv_w: Vec<f32>,
    qkv_b: Vec<f32>,
    out_w: Vec<f32>,
    out_b: Vec<f32>,
    ln1_g: Vec<f32>,
    ln1_b: Vec<f32>,
    up_w: Vec<f32>,
    up_b: Vec<f32>,
    down_w: Vec<f32>,
    down_b: Vec<f32>,
    ln2_g: Vec<f32>,
    ln2_b: Vec<f32>,
}

/// A BERT encoder whose configuration this forward pass handles.
pub struct Net {
    hidden: usize,
    heads: usize,
    inter: usize,
    eps: f32,
    max_positions: usize,
    word: Vec<f32>,
    position: Vec<f32>,
    token_type: Vec<f32>,
    emb_ln_g: Vec<f32>,
    emb_ln_b: Vec<f32>,
    layers: Vec<Layer>,
}

/// One text to encode: its token ids and token type ids (the same length).
pub struct Tokens<'a> {
    pub ids: &'a [u32],
    pub types: &'a [u32],
}

fn flat(t: Tensor) -> candle_core::Result<Vec<f32>> {
    t.to_dtype(DType::F32)?.flatten_all()?.to_vec1::<f32>()
}

impl Net {
    /// Whether this forward pass computes `config` exactly as the model was trained.
    pub fn handles(config: &Config) -> bool {
        matches!(config.hidden_act, HiddenAct::Gelu)
            && matches!(
                config.position_embedding_type,
                PositionEmbeddingType::Absolute
            )
            && config.num_attention_heads > 0
            && config.hidden_size % config.num_attention_heads == 0
    }

    /// Read the weights for `config` (call only when [`Net::handles`] it). Weights named
    /// `bert.…` (a model saved with its pre-training heads) are found too.
    pub fn load(vb: VarBuilder, config: &Config) -> Result<Net, candle_core::Error> {
        let vb = if vb.contains_tensor("embeddings.word_embeddings.weight") {
            vb
        } else {
            vb.pp("bert")
        };
        let h = config.hidden_size;
        let i = config.intermediate_size;
        let get = |vb: &VarBuilder, shape: &[usize], name: &str| -> candle_core::Result<Vec<f32>> {
            flat(vb.get(shape, name)?)
        };
        let linear = |vb: VarBuilder, out: usize, inp: usize| {
            Ok::<_, candle_core::Error>((
                get(&vb, &[out, inp], "weight")?,
                get(&vb, &[out], "bias")?,
            ))
        };
        let norm = |vb: VarBuilder| {
            Ok::<_, candle_core::Error>((get(&vb, &[h], "weight")?, get(&vb, &[h], "bias")?))
        };
        let emb = vb.pp("embeddings");
        let word = get(&emb, &[config.vocab_size, h], "word_embeddings.weight")?;
        let position = get(
            &emb,
            &[config.max_position_embeddings, h],
            "position_embeddings.weight",
        )?;
        let token_type = get(
            &emb,
            &[config.type_vocab_size, h],
            "token_type_embeddings.weight",
        )?;
        let (emb_ln_g, emb_ln_b) = norm(emb.pp("LayerNorm"))?;
        let mut layers = Vec::with_capacity(config.num_hidden_layers);
        for n in 0..config.num_hidden_layers {
            let l = vb.pp(format!("encoder.layer.{n}"));
            let att = l.pp("attention");
            let (qw, qb) = linear(att.pp("self.query"), h, h)?;
            let (kw, kb) = linear(att.pp("self.key"), h, h)?;
            let (vw, vbias) = linear(att.pp("self.value"), h, h)?;
            let (out_w, out_b) = linear(att.pp("output.dense"), h, h)?;
            let (ln1_g, ln1_b) = norm(att.pp("output.LayerNorm"))?;
            let (up_w, up_b) = linear(l.pp("intermediate.dense"), i, h)?;
            let (down_w, down_b) = linear(l.pp("output.dense"), h, i)?;
            let (ln2_g, ln2_b) = norm(l.pp("output.LayerNorm"))?;
            layers.push(Layer {
                qkv_w: [qw, kw, vw].concat(),
                qkv_b: [qb, kb, vbias].concat(),
                out_w,
                out_b,
                ln1_g,
                ln1_b,
                up_w,
                up_b,
                down_w,
                down_b,
                ln2_g,
                ln2_b,
            });
        }
        Ok(Net {
            hidden: h,
            heads: config.num_attention_heads,
            inter: i,
            eps: config.layer_norm_eps as f32,
            max_positions: config.max_position_embeddings,
            word,
            position,
            token_type,
            emb_ln_g,
            emb_ln_b,
            layers,
        })
    }

    /// The last layer's output for each text: a row-major (tokens × hidden) matrix per text.
    pub fn forward(&self, texts: &[Tokens]) -> Result<Vec<Vec<f32>>, EncodeError> {
        let h = self.hidden;
        let spans = self.spans(texts)?;
        let rows: usize = spans.last().map(|&(s, n)| s + n).unwrap_or(0);
        let longest = spans.iter().map(|&(_, n)| n).max().unwrap_or(0);
        let mut x = vec![0f32; rows * h];
        self.embed(texts, &spans, &mut x);
        let mut qkv = vec![0f32; rows * 3 * h];
        let mut ctx = vec![0f32; rows * h];
        let mut up = vec![0f32; rows * self.inter];
        let mut scores = vec![0f32; longest * longest];
        for layer in &self.layers {
            self.attention(layer, &spans, &x, &mut qkv, &mut ctx, &mut scores);
            // x ← LayerNorm(x + ctx·Woᵀ + bo)
            kernels::matmul(
                &mut x,
                h,
                Mat::rows(&ctx, rows, h),
                Mat::rows(&layer.out_w, h, h).t(),
                1.0,
                true,
            );
            kernels::layer_norm(&mut x, &layer.out_b, &layer.ln1_g, &layer.ln1_b, self.eps);
            // x ← LayerNorm(x + GELU(x·W1ᵀ + b1)·W2ᵀ + b2)
            kernels::matmul(
                &mut up,
                self.inter,
                Mat::rows(&x, rows, h),
                Mat::rows(&layer.up_w, self.inter, h).t(),
                1.0,
                false,
            );
            kernels::add_rows(&mut up, &layer.up_b);
            kernels::gelu(&mut up);
            kernels::matmul(
                &mut x,
                h,
                Mat::rows(&up, rows, self.inter),
                Mat::rows(&layer.down_w, h, self.inter).t(),
                1.0,
                true,
            );
            kernels::layer_norm(&mut x, &layer.down_b, &layer.ln2_g, &layer.ln2_b, self.eps);
        }
        Ok(spans
            .iter()
            .map(|&(start, n)| x[start * h..(start + n) * h].to_vec())
            .collect())
    }

    /// Where each text's rows start in the stacked matrix, and how many it has.
    fn spans(&self, texts: &[Tokens]) -> Result<Vec<(usize, usize)>, EncodeError> {
        let mut spans = Vec::with_capacity(texts.len());
        let mut start = 0;
        for t in texts {
            let n = t.ids.len();
            if n > self.max_positions {
                return Err(EncodeError::TooLong {
                    tokens: n,
                    max: self.max_positions,
                });
            }
            if t.types.len() != n {
                return Err(EncodeError::TypesMismatch {
                    ids: n,
                    types: t.types.len(),
                });
            }
            spans.push((start, n));
            start += n;
        }
        Ok(spans)
    }

    /// Word + position + token type embeddings, normalised.
    fn embed(&self, texts: &[Tokens], spans: &[(usize, usize)], x: &mut [f32]) {
        let h = self.hidden;
        let vocab = self.word.len() / h;
        let types = self.token_type.len() / h;
        for (t, &(start, _)) in texts.iter().zip(spans) {
            for (j, (&id, &ty)) in t.ids.iter().zip(t.types).enumerate() {
                let row = &mut x[(start + j) * h..(start + j + 1) * h];
                // An id outside the vocabulary (a tokenizer that does not match the weights)
                // reads the last entry rather than out of bounds.
                let id = (id as usize).min(vocab.saturating_sub(1));
                let ty = (ty as usize).min(types.saturating_sub(1));
                let w = &self.word[id * h..(id + 1) * h];
                let p = &self.position[j * h..(j + 1) * h];
                let ty = &self.token_type[ty * h..(ty + 1) * h];
                for k in 0..h {
                    row[k] = w[k] + p[k] + ty[k];
                }
            }
        }
        kernels::layer_norm(x, &vec![0.0; h], &self.emb_ln_g, &self.emb_ln_b, self.eps);
    }

    /// Self-attention of every text over its own tokens: `ctx` gets the heads' outputs side
    /// by side (rows × hidden).
    fn attention(
        &self,
        layer: &Layer,
        spans: &[(usize, usize)],
        x: &[f32],
        qkv: &mut [f32],
        ctx: &mut [f32],
        scores: &mut [f32],
    ) {
        let h = self.hidden;
        let rows = x.len() / h;
        kernels::matmul(
            qkv,
            3 * h,
            Mat::rows(x, rows, h),
            Mat::rows(&layer.qkv_w, 3 * h, h).t(),
            1.0,
            false,
        );
        kernels::add_rows(qkv, &layer.qkv_b);
        let d = h / self.heads;
        let scale = 1.0 / (d as f32).sqrt();
        for &(start, n) in spans {
            let block = Mat::rows(&qkv[start * 3 * h..(start + n) * 3 * h], n, 3 * h);
            for head in 0..self.heads {
                let q = block.cols(head * d, d);
                let k = block.cols(h + head * d, d);
                let v = block.cols(2 * h + head * d, d);
                let s = &mut scores[..n * n];
                kernels::matmul(s, n, q, k.t(), scale, false);
                kernels::softmax_rows(s, n);
                kernels::matmul(
                    &mut ctx[start * h + head * d..],
                    h,
                    Mat::rows(s, n, n),
                    v,
                    1.0,
                    false,
                );
            }
        }
    }
}
