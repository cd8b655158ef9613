//! `tisc search`: one query, or a batch of queries written as a TREC run.

use super::output::truncate;
use super::usage;
use crate::corpus::Workspace;
use crate::index::CorpusIndex;
use crate::search::freetext::Bm25Params;
use crate::model::Date;
use crate::search::{no_history, trec_lines, BatchQuery, SearchError, Session};
use anyhow::Context;
use clap::Args;
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::path::PathBuf;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// Aligned columns for reading
    Table,
    /// One JSON array of hits
    Json,
    /// TREC run lines: qid Q0 docid rank score tag
    Trec,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The search strategy, e.g. `ti:(solar AND pump*) AND pd<2015` (see docs/query-language.md)
    #[arg(required_unless_present = "batch")]
    pub query: Option<String>,
    /// Run within a case: the strategy is recorded in the case's history (as #n), `#n`
    /// references in the query refer to that history, and the case's cutoff date applies
    #[arg(long, value_name = "CASE")]
    pub case: Option<String>,
    /// Mark hits published on or after this date (the priority date of the invention)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_cutoff)]
    pub cutoff: Option<Date>,
    /// The corpus to search (see `tisc corpora`)
    #[arg(long)]
    pub corpus: String,
    /// How many hits to show (per query with --batch)
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
    /// Run every query of a JSON-lines file ({"_id", "text"} per line), free text
    #[arg(long, conflicts_with = "query")]
    pub batch: Option<PathBuf>,
    /// Tag written in the last column of TREC output
    #[arg(long, default_value = "tisc")]
    pub tag: String,
    /// Ranking parameters for free text, e.g. `k1=0.9,ti=2:0.4,de=0` (for tuning)
    #[arg(long, hide = true)]
    pub bm25: Option<String>,
}

fn parse_cutoff(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.to_string())
}

fn open(ws: &Workspace, corpus: &str) -> anyhow::Result<CorpusIndex> {
    crate::corpus::find(ws, corpus)?;
    Ok(CorpusIndex::open(&ws.index_dir(corpus), corpus)?)
}

pub fn run(ws: &Workspace, args: SearchArgs) -> anyhow::Result<()> {
    if let Some(batch) = &args.batch {
        return run_batch(ws, &args, batch);
    }
    let query = args.query.as_deref().unwrap_or("");
    if query.trim().is_empty() {
        return Err(usage("the query is empty: give some words to search for"));
    }
    match &args.case {
        None => print_query(ws, &args.corpus, query, args.limit, args.format, args.cutoff, None).map(|_| ()),
        Some(id) => {
            let store = super::case::store(ws);
            let mut writer = store.open_write(id).map_err(super::case::case_error)?;
            let case = writer.case().clone();
            let cutoff = args.cutoff.or(case.cutoff);
            let history = |n: u32| -> Result<String, String> {
                case.strategy(n).map(|s| s.query.clone()).ok_or_else(|| {
                    format!(
                        "#{n} is not in the history of case `{id}` (it has {} strategies: see `tisc case show {id}`)",
                        case.history.len()
                    )
                })
            };
            let count = print_query(ws, &args.corpus, query, args.limit, args.format, cutoff, Some(&history))?;
            let n = writer
                .record_search(query, &[(args.corpus.clone(), count as u64)])
                .map_err(super::case::case_error)?;
            writer.close().map_err(super::case::case_error)?;
            eprintln!("recorded in case `{id}` as #{n} ({count} hits in {})", args.corpus);
            Ok(())
        }
    }
}

/// Map a search error to the exit code it deserves: a bad query is a usage error (2).
fn query_error(e: SearchError) -> anyhow::Error {
    match e {
        e @ SearchError::Query { .. } => usage(e.to_string()),
        other => other.into(),
    }
}

pub fn print_query(
    ws: &Workspace,
    corpus: &str,
    query: &str,
    limit: usize,
    format: OutFormat,
    cutoff: Option<Date>,
    history: Option<&dyn Fn(u32) -> Result<String, String>>,
) -> anyhow::Result<usize> {
    // A query that does not parse is reported before anything is opened.
    if let Err(e) = crate::query::parse(query) {
        return Err(usage(e.render(query)));
    }
    let index = open(ws, corpus)?;
    let session = Session::new(&index)?;
    let (ranked, info) = session
        .query(query, limit, history.unwrap_or(&no_history))
        .map_err(query_error)?;
    for w in &info.warnings {
        eprintln!("warning: {w}");
    }
    let hits = session.hits(&ranked, cutoff)?;
    let mut out = std::io::stdout().lock();
    match format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
        OutFormat::Trec => {
            let pairs: Vec<(String, f32)> = hits.iter().map(|h| (h.id.clone(), h.score)).collect();
            for l in trec_lines("1", &pairs, "tisc") {
                writeln!(out, "{l}")?;
            }
        }
        OutFormat::Table => {
            if hits.is_empty() {
                writeln!(out, "no hits for \"{query}\" in {corpus}")?;
            } else {
                writeln!(out, "{} hits in {corpus}; showing {}", info.count, hits.len())?;
                writeln!(out, "{:>3}  {:<18} {:<11} {:>7}  title", "#", "id", "date", "score")?;
                for h in &hits {
                    let date = h.date.map_or("-".into(), |d| d.to_string());
                    let mark = if h.after_cutoff { "!" } else { " " };
                    writeln!(
                        out,
                        "{:>3}  {:<18} {date:<10}{mark} {:>7.2}  {}",
                        h.rank,
                        h.id,
                        h.score,
                        truncate(&h.title, 80)
                    )?;
                }
                if hits.iter().any(|h| h.after_cutoff) {
                    writeln!(out, "! published on or after the cutoff date")?;
                }
            }
        }
    }
    Ok(info.count)
}

fn run_batch(ws: &Workspace, args: &SearchArgs, path: &PathBuf) -> anyhow::Result<()> {
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut queries = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line =
            line.with_context(|| format!("{}: read error at line {}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let q: BatchQuery = serde_json::from_str(&line).map_err(|e| {
            usage(format!(
                "{}:{}: not a query line ({{\"_id\", \"text\"}}): {e}",
                path.display(),
                i + 1
            ))
        })?;
        queries.push(q);
    }
    let mut params = Bm25Params::batch();
    if let Some(spec) = &args.bm25 {
        params = params.with_spec(spec).map_err(usage)?;
    }
    let index = open(ws, &args.corpus)?;
    let session = Session::new(&index)?;
    let results: Vec<anyhow::Result<Vec<String>>> = queries
        .par_iter()
        .map(|q| {
            let qid = q.id_string();
            let ranked = session.free_text(&params, &q.text, args.limit + 1)?;
            let mut pairs = Vec::with_capacity(ranked.len());
            for (addr, score) in ranked {
                let id = session.id_of(addr)?;
                if id != qid {
                    pairs.push((id, score));
                }
            }
            pairs.truncate(args.limit);
            Ok(match args.format {
                OutFormat::Trec => trec_lines(&qid, &pairs, &args.tag),
                OutFormat::Json | OutFormat::Table => pairs
                    .iter()
                    .enumerate()
                    .map(|(i, (id, s))| {
                        serde_json::json!({"query": qid, "rank": i + 1, "id": id, "score": s})
                            .to_string()
                    })
                    .collect(),
            })
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for r in results {
        for l in r? {
            writeln!(out, "{l}")?;
        }
    }
    out.flush()?;
    Ok(())
}
