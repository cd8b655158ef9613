//! `tisc-bench encode --model DIR`: how fast the sentence-embedding model runs.
//!
//! Two figures, each from the same loaded model:
//! - query encoding latency (p50, p95, mean) on one thread, the setting tisc searches with,
//!   over short queries: the SciFact queries of the shared data sets when present, else
//!   built-in sentences;
//! - documents per second when embedding texts of the model's token limit (256 tokens for
//!   all-MiniLM-L6-v2), on 1 and on 2 threads: SciFact abstracts long enough to be cut to the
//!   limit when present, else built-in sentences repeated to that length.
//!
//! Both figures for tisc's own forward pass and, in the same run on the same texts, for
//! candle's BERT (the baseline), with their ratios.
//!
//! Build with --release for meaningful figures.

use crate::stats::percentile;
use anyhow::Context;
use clap::Args;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tisc::semantic::model::{read_settings, Forward, Model, Overrides};
use tisc::semantic::Embedder;

#[derive(Args, Debug)]
pub struct EncodeArgs {
    /// The model folder (config.json, tokenizer.json, model.safetensors)
    #[arg(long)]
    pub model: PathBuf,
    /// How many queries to time (the first ones of the query set)
    #[arg(long, default_value_t = 200)]
    pub queries: usize,
    /// How many documents to embed per thread count
    #[arg(long, default_value_t = 64)]
    pub docs: usize,
    /// Thread counts to embed documents with, separated by commas
    #[arg(long, default_value = "1,2", value_delimiter = ',')]
    pub threads: Vec<usize>,
    /// The BEIR SciFact folder (queries.jsonl, corpus.jsonl); default:
    /// $TISC_SHARED_DATA/beir-scifact, else ../shared/data/beir-scifact
    #[arg(long)]
    pub scifact: Option<PathBuf>,
    /// Print the figures as JSON
    #[arg(long)]
    pub json: bool,
    /// Do not measure candle's BERT beside tisc's forward pass
    #[arg(long)]
    pub skip_candle: bool,
}

#[derive(Debug, Serialize)]
struct Report {
    model_id: String,
    queries: usize,
    query_source: String,
    doc_source: String,
    doc_tokens: usize,
    /// tisc's forward pass first, then candle's BERT (the baseline) unless skipped.
    engines: Vec<EngineReport>,
}

#[derive(Debug, Serialize)]
struct DocRate {
    threads: usize,
    docs: usize,
    seconds: f64,
    docs_per_second: f64,
}

const BUILT_IN: &[&str] = &[
    "solar powered water pump for irrigation",
    "cassava grating machine with a rotating drum",
    "a drip emitter that resists clogging",
    "biodegradable packaging from cassava starch",
    "low cost water filter using ceramic and silver",
    "hand operated maize sheller",
    "a method of preserving fruit without refrigeration",
    "wind turbine blade with a serrated trailing edge",
    "mobile phone charger powered by a bicycle dynamo",
    "insulin pump with a closed loop glucose sensor",
    "vaccine that stays stable without a cold chain",
    "a rotary cutting tool with a helical coolant channel",
];

fn scifact_dir(given: Option<&Path>) -> PathBuf {
    given.map(Path::to_path_buf).unwrap_or_else(|| {
        std::env::var_os("TISC_SHARED_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("../shared/data"))
            .join("beir-scifact")
    })
}

/// The `field` values of a JSON-lines file (`title` + `text` for documents), up to `limit`.
fn read_jsonl(path: &Path, fields: &[&str], limit: usize) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if out.len() >= limit {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let parts: Vec<&str> = fields
            .iter()
            .filter_map(|f| v.get(f).and_then(|x| x.as_str()))
            .filter(|s| !s.is_empty())
            .collect();
        if !parts.is_empty() {
            out.push(parts.join(". "));
        }
    }
    Ok(out)
}

fn queries(args: &EncodeArgs) -> anyhow::Result<(Vec<String>, String)> {
    let path = scifact_dir(args.scifact.as_deref()).join("queries.jsonl");
    if path.is_file() {
        let q = read_jsonl(&path, &["text"], args.queries)?;
        if !q.is_empty() {
            return Ok((q, path.display().to_string()));
        }
    }
    let q = BUILT_IN
        .iter()
        .cycle()
        .take(args.queries)
        .map(|s| s.to_string())
        .collect();
    Ok((q, "built-in sentences".into()))
}

/// Texts that fill the token limit: long SciFact abstracts, else repeated sentences.
fn documents(args: &EncodeArgs, model: &Model) -> anyhow::Result<(Vec<String>, String)> {
    let limit = model.settings().max_tokens;
    let path = scifact_dir(args.scifact.as_deref()).join("corpus.jsonl");
    if path.is_file() {
        let mut docs = Vec::new();
        for d in read_jsonl(&path, &["title", "text"], 20 * args.docs)? {
            if model.token_count(&d)? >= limit {
                docs.push(d);
                if docs.len() == args.docs {
                    break;
                }
            }
        }
        if docs.len() == args.docs {
            return Ok((docs, path.display().to_string()));
        }
    }
    let long = BUILT_IN.join(". ").repeat(1 + limit / 60);
    Ok((vec![long; args.docs], "built-in sentences, repeated".into()))
}

/// The figures of one forward pass.
#[derive(Debug, Serialize)]
struct EngineReport {
    engine: String,
    query_p50_ms: f64,
    query_p95_ms: f64,
    query_mean_ms: f64,
    docs: Vec<DocRate>,
}

fn measure(
    mut model: Model,
    qs: &[String],
    texts: &[&str],
    threads: &[usize],
) -> anyhow::Result<EngineReport> {
    model = model.with_threads(1)?;
    for q in qs.iter().take(5) {
        model.embed_query(q)?;
    }
    let mut times = Vec::with_capacity(qs.len());
    for q in qs {
        let t = Instant::now();
        model.embed_query(q)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    times.sort_by(f64::total_cmp);
    let mut rates = Vec::new();
    for &n in threads {
        model = model.with_threads(n)?;
        model.embed_documents(&texts[..texts.len().min(4)])?;
        let t = Instant::now();
        model.embed_documents(texts)?;
        let seconds = t.elapsed().as_secs_f64();
        rates.push(DocRate {
            threads: n,
            docs: texts.len(),
            seconds,
            docs_per_second: texts.len() as f64 / seconds.max(1e-9),
        });
    }
    let report = EngineReport {
        engine: model.engine().to_string(),
        query_p50_ms: percentile(&times, 0.5),
        query_p95_ms: percentile(&times, 0.95),
        query_mean_ms: mean,
        docs: rates,
    };
    Ok(report)
}

pub fn run(args: EncodeArgs) -> anyhow::Result<()> {
    let settings = read_settings(&args.model, &Overrides::default())?;
    let model = Model::load(&args.model, settings.clone(), 1)?;
    let (qs, query_source) = queries(&args)?;
    let (docs, doc_source) = documents(&args, &model)?;
    let texts: Vec<&str> = docs.iter().map(String::as_str).collect();
    let model_id = model.model_id().to_string();
    let doc_tokens = model.settings().max_tokens;
    let mut engines = Vec::new();
    engines.push(measure(model, &qs, &texts, &args.threads)?);
    if !args.skip_candle && engines[0].engine != "candle" {
        // The baseline in the same run: candle's BERT on the same texts.
        let candle = Model::load_with(&args.model, settings, 1, Forward::Candle)?;
        engines.push(measure(candle, &qs, &texts, &args.threads)?);
    }
    let report = Report {
        model_id,
        queries: qs.len(),
        query_source,
        doc_source,
        doc_tokens,
        engines,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!("model {}", report.model_id);
    println!(
        "queries: {} ({}); documents: {} of {} tokens ({})",
        report.queries,
        report.query_source,
        texts.len(),
        report.doc_tokens,
        report.doc_source
    );
    for e in &report.engines {
        println!(
            "[{}] query encoding, 1 thread: p50 {:.1} ms, p95 {:.1} ms, mean {:.1} ms",
            e.engine, e.query_p50_ms, e.query_p95_ms, e.query_mean_ms
        );
        for r in &e.docs {
            println!(
                "[{}] documents, {} thread(s): {} in {:.2} s, {:.1} documents/s",
                e.engine, r.threads, r.docs, r.seconds, r.docs_per_second
            );
        }
    }
    if let [own, base] = &report.engines[..] {
        println!(
            "ratio tisc/candle: query p50 {:.2}×",
            own.query_p50_ms / base.query_p50_ms.max(1e-9)
        );
        for (a, b) in own.docs.iter().zip(&base.docs) {
            println!(
                "ratio tisc/candle: documents/s on {} thread(s) {:.2}×",
                a.threads,
                a.docs_per_second / b.docs_per_second.max(1e-9)
            );
        }
    }
    Ok(())
}
