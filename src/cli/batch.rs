//! `tisc search --batch`: every query of a file, as free text (BM25F) or query by example,
//! fused with meaning where the corpus is embedded, written as a TREC run or JSON lines.

use super::search::{alpha, open, ConfigFn, OutFormat, SearchArgs};
use super::usage;
use crate::corpus::Workspace;
use crate::index::CorpusIndex;
use crate::search::freetext::Bm25Params;
use crate::search::{no_history, qbe, trec_lines, BatchQuery, Session};
use crate::semantic::fusion::{self, DEFAULT_ALPHA, TOP_K};
use crate::semantic::plan;
use anyhow::Context;
use rayon::prelude::*;
use std::io::{BufRead, Write};

pub(super) fn run_batch(
    ws: &Workspace,
    args: &SearchArgs,
    path: &std::path::Path,
    config: ConfigFn<'_>,
) -> anyhow::Result<()> {
    if args.format == OutFormat::Csv {
        return Err(usage(
            "--format csv writes one search: with --batch, use --format trec or json",
        ));
    }
    let file = super::open_input(path, "query file")?;
    let mut queries = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line =
            line.with_context(|| format!("{}: read error at line {}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let q: BatchQuery = if line.trim_start().starts_with('{') {
            serde_json::from_str(&line).map_err(|e| {
                usage(format!(
                    "{}:{}: not a query line ({{\"_id\", \"text\"}}): {e}",
                    path.display(),
                    i + 1
                ))
            })?
        } else {
            // TREC-style topics: `qid<TAB>text`.
            let (id, text) = line
                .split_once('\t')
                .filter(|(id, _)| !id.trim().is_empty())
                .ok_or_else(|| {
                    usage(format!(
                        "{}:{}: not a query line: expected {{\"_id\", \"text\"}} or `id<TAB>text` with an id",
                        path.display(),
                        i + 1
                    ))
                })?;
            BatchQuery {
                id: serde_json::Value::String(id.trim().to_string()),
                text: text.to_string(),
            }
        };
        queries.push(q);
    }
    let mut params = Bm25Params::batch();
    if let Some(spec) = &args.bm25 {
        params = params.with_spec(spec).map_err(|e| usage(e.to_string()))?;
    }
    if args.corpus.is_empty() {
        return Err(usage(
            "--batch searches the corpora named with --corpus: name at least one",
        ));
    }
    let indexes: Vec<CorpusIndex> = args
        .corpus
        .iter()
        .map(|c| open(ws, c))
        .collect::<anyhow::Result<_>>()?;
    let sessions: Vec<Session> = indexes.iter().map(Session::new).collect::<Result<_, _>>()?;
    let names: Vec<&str> = args.corpus.iter().map(String::as_str).collect();
    let fallback = super::search_example::fallback(ws, &names);
    // Meaning: the installed model and each corpus's vectors (the fallback said once).
    let plan = plan::plan(ws, &names, args.semantic);
    if let Some(n) = &plan.notice {
        crate::errln!("{n}");
    }
    let embedder = plan.embedder.clone().filter(|_| plan.is_used());
    let alpha = match &embedder {
        Some(_) => alpha(args, config)?,
        None => DEFAULT_ALPHA,
    };
    let one = |q: &BatchQuery| -> anyhow::Result<(Vec<String>, f64)> {
        let started = std::time::Instant::now();
        let qid = q.id_string();
        // A long query (or every one with --qbe) becomes key terms chosen over all
        // the corpora, run in each.
        let example = if args.qbe || (!args.free_text && qbe::is_long(&q.text, args.terms)) {
            let sources: Vec<qbe::Source> = sessions.iter().map(qbe::Source::of_session).collect();
            let (terms, _) =
                qbe::example_terms(&sources, &q.text, args.terms, args.prf, &fallback)?;
            Some((!terms.is_empty()).then(|| qbe::strategy(&terms)))
        } else {
            None
        };
        // The query's vector, when some corpus is ranked with meaning.
        let qv = match &embedder {
            Some(e) => Some(
                e.embed_query(&q.text)
                    .map_err(super::embed::semantic_error)?,
            ),
            None => None,
        };
        let mut lists: Vec<Vec<(String, f32)>> = Vec::with_capacity(sessions.len());
        for (session, vectors) in sessions.iter().zip(&plan.corpora) {
            let dense = vectors.as_deref().zip(qv.as_deref());
            // Fused, BM25 brings its top 100 whatever the limit.
            let limit = if dense.is_some() {
                (args.limit + 1).max(TOP_K)
            } else {
                args.limit + 1
            };
            let ranked = match &example {
                Some(Some(strategy)) => session.query(strategy, limit, &no_history)?.0,
                Some(None) => Vec::new(),
                None => session.free_text(&params, &q.text, limit)?,
            };
            let mut pairs: Vec<(String, f32)> = session
                .ids_of(ranked)?
                .into_iter()
                .map(|(id, score, _)| (id, score))
                .collect();
            if let Some((vectors, qv)) = dense {
                pairs = fusion::fuse_with_vectors(&pairs, vectors, qv, alpha)
                    .into_iter()
                    .map(|f| (f.id, f.score))
                    .collect();
            }
            pairs.retain(|(id, _)| *id != qid);
            pairs.truncate(args.limit);
            lists.push(pairs);
        }
        let pairs =
            crate::search::fusion::merge_ranked(lists, &args.corpus, args.merge, args.limit);
        let seconds = started.elapsed().as_secs_f64();
        let lines = match args.format {
            OutFormat::Trec => trec_lines(&qid, &pairs, &args.tag),
            OutFormat::Json | OutFormat::Table | OutFormat::Csv => pairs
                .iter()
                .enumerate()
                .map(|(i, (id, s))| {
                    serde_json::json!({"query": qid, "rank": i + 1, "id": id, "score": s})
                        .to_string()
                })
                .collect(),
        };
        Ok((lines, seconds))
    };
    // With --latencies the queries run one at a time on this thread, so that each time is
    // the query's own: not shared with another query on the other core, nor with one a rayon
    // worker picks up while it waits for the model's own thread pool.
    let results: Vec<anyhow::Result<(Vec<String>, f64)>> = if args.latencies.is_some() {
        queries.iter().map(one).collect()
    } else {
        queries.par_iter().map(one).collect()
    };
    let mut out = crate::cli::output::Clean(std::io::BufWriter::new(std::io::stdout().lock()));
    let mut times = Vec::with_capacity(queries.len());
    for (q, r) in queries.iter().zip(results) {
        let (lines, seconds) = r?;
        for l in lines {
            writeln!(out, "{l}")?;
        }
        times.push(format!("{}\t{seconds:.6}\n", q.id_string()));
    }
    out.flush()?;
    if let Some(path) = &args.latencies {
        std::fs::write(path, times.concat())
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}
