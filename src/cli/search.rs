//! `tisc search`: one query, or a batch of queries written as a TREC run.

use super::output::{truncate, Pad};
use super::search_example as example;
use super::usage;
use crate::case::Case;
use crate::corpus::Workspace;
use crate::index::CorpusIndex;
use crate::model::Date;
use crate::search::backend::SearchBackend;
use crate::search::fusion::Merge;
use crate::search::job::{self, Generation, JobError, JobRequest, JobResult, Strategy};
use crate::search::meaning::{self, Meaning, MeaningQuery, Mode};
use crate::search::{no_history, sharded, trec_lines, HistoryError, SearchError};
use crate::semantic::plan::{self, Setting};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// Aligned columns for reading
    Table,
    /// One JSON array of hits
    Json,
    /// TREC run lines: qid Q0 docid rank score tag
    Trec,
    /// CSV (RFC 4180, UTF-8) with a header row: rank,id,title,date,corpus,…
    Csv,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The search strategy, e.g. `ti:(solar AND pump*) AND pd<2015` (see docs/query-language.md)
    #[arg(required_unless_present_any = ["batch", "strategies", "disclosure"])]
    pub query: Option<String>,
    /// A strategy to run (repeat for several; they run in parallel and are fused)
    #[arg(short = 'q', long = "query", value_name = "STRATEGY")]
    pub strategies: Vec<String>,
    /// Query by example: a text file describing the invention; its key terms become the strategy
    #[arg(long, value_name = "FILE", conflicts_with_all = ["batch"])]
    pub disclosure: Option<PathBuf>,
    /// With --disclosure or --qbe: expand with terms from the best first hits
    /// (pseudo-relevance feedback)
    #[arg(long)]
    pub prf: bool,
    /// With --disclosure or --qbe: how many key terms to select (with --batch, also the
    /// number of content words above which a query runs as query by example)
    #[arg(long, default_value_t = 30)]
    pub terms: usize,
    /// With --batch: treat every query as a disclosure (query by example) instead of free text.
    /// Without it, a query with more content words than --terms runs as query by example and
    /// a shorter one as free text
    #[arg(long, requires = "batch")]
    pub qbe: bool,
    /// With --batch: rank every query as free text, however long
    #[arg(long, requires = "batch", conflicts_with = "qbe")]
    pub free_text: bool,
    /// Run within a case: strategies are recorded in the case's history (as #n), `#n`
    /// references refer to that history, and the case's cutoff date and corpora apply
    #[arg(long, value_name = "CASE")]
    pub case: Option<String>,
    /// Mark hits published on or after this date (the priority date of the invention)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = Date::parse)]
    pub cutoff: Option<Date>,
    /// A corpus to search (repeat for several; default: every indexed corpus)
    #[arg(long)]
    pub corpus: Vec<String>,
    /// How many rows to show (per query with --batch)
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
    /// Run every query of a file — JSON lines ({"_id", "text"}) or TREC topics (`id<TAB>text`):
    /// free text (BM25F), or query by example for a query with more content words than --terms
    #[arg(long, conflicts_with_all = ["query", "strategies"])]
    pub batch: Option<PathBuf>,
    /// With --batch: write each query's search time to this file (`qid<TAB>seconds`), for
    /// benchmarks; the queries then run one at a time
    #[arg(long, value_name = "FILE", requires = "batch", hide = true)]
    pub latencies: Option<PathBuf>,
    /// Tag written in the last column of TREC output
    #[arg(long, default_value = "tisc")]
    pub tag: String,
    /// Ranking parameters for free text, e.g. `k1=0.9,ti=2:0.4,de=0,k3=0,ident=2,topic=1,prox=0.1`
    /// (for tuning; see docs/ranking.md)
    #[arg(long, hide = true)]
    pub bm25: Option<String>,
    /// How each strategy's hits in several corpora are merged: `score` (each corpus's BM25
    /// scores, normalised, compete), `score:B` (B from 0 to 1: 1 compares raw scores, 0 puts
    /// every corpus's best hit at 1), or `rrf` (by rank, each corpus's list counting alike)
    #[arg(long, value_name = "METHOD", default_value = "score")]
    pub merge: Merge,
    /// Search by meaning: `auto` (where the corpus is embedded with `tisc embed` and a model is
    /// installed), `on` (also orders Boolean strategies by meaning), or `off`. Free text and
    /// query by example fuse BM25 with the model's scores; documents in a language the model
    /// does not read (MiniLM: English only) are ranked by BM25 alone. A corpus that cannot use
    /// meaning falls back to BM25 and says so once
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub semantic: Setting,
    /// Weight of BM25 when fused with meaning, from 0 (meaning alone) to 1 (BM25 alone)
    /// (default: `[semantic] alpha` in config.toml, else 0.6)
    #[arg(long, value_name = "A", value_parser = parse_alpha)]
    pub alpha: Option<f32>,
    /// The order of each Boolean strategy's hits (its set is unchanged): `score` (BM25) or
    /// `meaning` (closest in meaning to the strategy's words first; the default with
    /// --semantic on)
    #[arg(long, value_enum, value_name = "ORDER")]
    pub order: Option<Order>,
}

/// `--order`: how a Boolean strategy's hits are ordered.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// By BM25 score
    Score,
    /// By meaning: the cosine of each document's vector with the strategy's words
    Meaning,
}

pub(super) fn parse_alpha(text: &str) -> Result<f32, String> {
    text.parse::<f32>()
        .ok()
        .filter(|a| (0.0..=1.0).contains(a))
        .ok_or_else(|| format!("`{text}` is not a number from 0 to 1, e.g. 0.6"))
}

pub(super) fn open(ws: &Workspace, corpus: &str) -> anyhow::Result<CorpusIndex> {
    crate::corpus::find(ws, corpus)?;
    CorpusIndex::open(&ws.index_dir(corpus), corpus).map_err(|e| match e {
        // A search this corpus cannot answer yet: refused, like a bad query (exit 2).
        e @ crate::index::IndexError::Sharded { .. } => usage(e.to_string()),
        other => other.into(),
    })
}

/// A corpus opened as its shards (one for an unsharded corpus).
fn open_shards(ws: &Workspace, corpus: &str) -> anyhow::Result<Vec<CorpusIndex>> {
    crate::corpus::find(ws, corpus)?;
    Ok(crate::index::shards::open(&ws.index_dir(corpus), corpus)?)
}

/// The corpora to search, each as its shards: those named, else the case's, else every
/// indexed one.
pub(super) fn corpora(
    ws: &Workspace,
    named: &[String],
    case: Option<&Case>,
) -> anyhow::Result<Vec<Vec<CorpusIndex>>> {
    let names: Vec<String> = if !named.is_empty() {
        named.to_vec()
    } else if let Some(c) = case.filter(|c| !c.corpora.is_empty()) {
        c.corpora.clone()
    } else {
        crate::corpus::list(ws)
            .into_iter()
            .flatten()
            .map(|c| c.def.name)
            .filter(|n| crate::index::is_current(&ws.index_dir(n)))
            .collect()
    };
    if names.is_empty() {
        return Err(usage(
            "no corpus is indexed yet: run `tisc index demo`, or name one with --corpus",
        ));
    }
    names.iter().map(|n| open_shards(ws, n)).collect()
}

/// Map a search error to the exit code it deserves: a bad query is a usage error (2).
pub(super) fn query_error(e: SearchError) -> anyhow::Error {
    match e {
        e @ SearchError::Query { .. } => usage(e.to_string()),
        other => other.into(),
    }
}

fn job_error(e: JobError) -> anyhow::Error {
    match e {
        JobError::Search(s) => query_error(s),
        other => other.into(),
    }
}

/// Reads config.toml (a bad one is bad input), only when a setting of it is needed.
pub(super) type ConfigFn<'a> = &'a dyn Fn() -> anyhow::Result<crate::config::Config>;

pub fn run(ws: &Workspace, args: SearchArgs, config: ConfigFn<'_>) -> anyhow::Result<()> {
    if args.prf && !(args.disclosure.is_some() || args.qbe) {
        return Err(usage(
            "--prf expands a query by example: use it with --disclosure FILE, or --batch with --qbe",
        ));
    }
    if let Some(batch) = &args.batch {
        return super::batch::run_batch(ws, &args, batch, config);
    }
    let mut texts: Vec<String> = args
        .query
        .iter()
        .cloned()
        .chain(args.strategies.iter().cloned())
        .collect();
    for t in &texts {
        if t.trim().is_empty() {
            return Err(usage("a strategy is empty: give some words to search for"));
        }
        if let Err(e) = crate::query::parse(t) {
            return Err(usage(e.render(t)));
        }
    }
    // The disclosure is read first: a file the user named that cannot be read is bad input
    // (exit 2), whatever else is wrong.
    let disclosure = match &args.disclosure {
        Some(path) => Some(super::read_input(path, "disclosure")?),
        None => None,
    };
    let store = super::case::store(ws);
    let mut writer = match &args.case {
        Some(id) => Some(store.open_write(id).map_err(super::case::case_error)?),
        None => None,
    };
    let case = writer.as_ref().map(|w| w.case().clone());
    let indexes = corpora(ws, &args.corpus, case.as_ref())?;
    if let Some(text) = &disclosure {
        let names: Vec<&str> = indexes
            .iter()
            .filter_map(|shards| shards.first().map(|i| i.name.as_str()))
            .collect();
        let fallback = example::fallback(ws, &names);
        let strategy = example::disclosure_strategy(&indexes, text, &args, &fallback)?;
        texts.push(strategy);
    }
    let first_label = case.as_ref().map_or(1, |c| c.next_number() as usize);
    let strategies = Strategy::numbered(&texts, first_label);
    let cutoff = args.cutoff.or(case.as_ref().and_then(|c| c.cutoff));
    let history = |n: u32| -> Result<String, HistoryError> {
        match &case {
            None => no_history(n),
            Some(c) => c.strategy(n).map(|s| s.query.clone()).ok_or_else(|| {
                if c.was_removed(n) {
                    HistoryError::Removed {
                        n,
                        case: c.id.clone(),
                    }
                } else {
                    HistoryError::NotInCase {
                        n,
                        case: c.id.clone(),
                        len: c.history.len(),
                    }
                }
            }),
        }
    };
    let meaning = meaning_for(
        ws,
        &args,
        &indexes,
        &strategies,
        disclosure.as_deref(),
        config,
    )?;
    let req = JobRequest {
        strategies: strategies.clone(),
        per_list: args.limit.max(100),
        limit: args.limit,
        cutoff,
        group: args.format != OutFormat::Trec,
        snippets: args.format != OutFormat::Trec,
        merge: args.merge,
        meaning,
    };
    let backends = indexes
        .iter()
        .map(|shards| sharded::backend(shards))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&dyn SearchBackend> = backends.iter().map(|b| b.as_ref()).collect();
    let cancel = Generation::new().start();
    let result =
        job::run_backends(&refs, &req, &cancel, &history, &|_, _| {}).map_err(job_error)?;
    for w in &result.warnings {
        crate::errln!("warning: {w}");
    }
    print_result(&result, &strategies, indexes.len(), args.format)?;
    if let (Some(w), Some(id)) = (writer.as_mut(), &args.case) {
        let covered = super::case::coverages(ws, &indexes);
        for s in &strategies {
            let per: Vec<(String, u64, Option<crate::case::Coverage>)> = result
                .counts
                .iter()
                .filter(|c| c.strategy == s.label)
                .map(|c| {
                    let cov = covered.get(&c.corpus).cloned();
                    (c.corpus.clone(), c.count as u64, cov)
                })
                .collect();
            let n = w
                .record_search(&s.query, &per)
                .map_err(super::case::case_error)?;
            let total: u64 = per.iter().map(|p| p.1).sum();
            crate::errln!(
                "recorded in case `{id}` as #{n} ({} in {})",
                crate::lang::cli::HITS.count("en", total),
                per.iter()
                    .map(|p| p.0.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    if let Some(w) = writer {
        w.close().map_err(super::case::case_error)?;
    }
    Ok(())
}

/// The weight of BM25 in the fusion: `--alpha`, else `[semantic] alpha`, else the default.
pub(super) fn alpha(args: &SearchArgs, config: ConfigFn<'_>) -> anyhow::Result<f32> {
    Ok(match args.alpha {
        Some(a) => a,
        None => config()?.semantic.alpha(),
    })
}

/// Where this search uses meaning (the fallback line said once on stderr): the query by
/// example strategy is fused with the dense ranking of the disclosure; Boolean strategies
/// are ordered by meaning with `--order meaning` (the default with `--semantic on`).
fn meaning_for(
    ws: &Workspace,
    args: &SearchArgs,
    indexes: &[Vec<CorpusIndex>],
    strategies: &[Strategy],
    disclosure: Option<&str>,
    config: ConfigFn<'_>,
) -> anyhow::Result<Option<Arc<Meaning>>> {
    let order = args.order.unwrap_or(if args.semantic == Setting::On {
        Order::Meaning
    } else {
        Order::Score
    });
    if order == Order::Meaning && args.semantic == Setting::Off {
        return Err(usage(
            "--order meaning needs search by meaning: leave out --semantic off",
        ));
    }
    let wanted = match args.semantic {
        Setting::Off => false,
        Setting::On => true,
        Setting::Auto => disclosure.is_some() || order == Order::Meaning,
    };
    if !wanted {
        return Ok(None);
    }
    // One name per corpus, in order (the plan's corpora line up with `indexes`).
    let names: Vec<&str> = indexes
        .iter()
        .map(|shards| shards.first().map_or("", |i| i.name.as_str()))
        .collect();
    let plan = plan::plan(ws, &names, args.semantic);
    if let Some(n) = &plan.notice {
        crate::errln!("{n}");
    }
    let Some(embedder) = plan.embedder.clone().filter(|_| plan.is_used()) else {
        return Ok(None);
    };
    let last = strategies.len().saturating_sub(1);
    let mut per = Vec::with_capacity(strategies.len());
    for (i, s) in strategies.iter().enumerate() {
        let query = match disclosure {
            Some(text) if i == last => Some((text.to_string(), Mode::Fuse)),
            _ if order == Order::Meaning => crate::query::parse(&s.query)
                .ok()
                .map(|ast| (meaning::strategy_words(&ast), Mode::Order)),
            _ => None,
        };
        per.push(match query {
            Some((text, mode)) if !text.trim().is_empty() => Some(MeaningQuery {
                vector: embedder
                    .embed_query(&text)
                    .map_err(super::embed::semantic_error)?,
                mode,
            }),
            _ => None,
        });
    }
    Ok(Some(Arc::new(Meaning {
        alpha: alpha(args, config)?,
        corpora: plan.corpora,
        strategies: per,
    })))
}

fn print_result(
    result: &JobResult,
    strategies: &[Strategy],
    corpora: usize,
    format: OutFormat,
) -> anyhow::Result<()> {
    let mut out = crate::cli::output::stdout();
    let hits = &result.rows;
    match format {
        OutFormat::Json => writeln!(out, "{}", crate::cli::output::json_pretty(hits)?)?,
        // Written as is: the CSV writer has already made every control character but the
        // line feed a space, and records end with CR LF, which the cleaning writer would show.
        OutFormat::Csv => {
            let mut raw = std::io::stdout().lock();
            raw.write_all(crate::export::csv::hits(hits).as_bytes())?;
            raw.flush()?;
        }
        OutFormat::Trec => {
            let pairs: Vec<(String, f32)> = hits.iter().map(|h| (h.id.clone(), h.score)).collect();
            for l in trec_lines("1", &pairs, "tisc") {
                writeln!(out, "{l}")?;
            }
        }
        OutFormat::Table => {
            for c in &result.counts {
                let q = strategies
                    .iter()
                    .find(|s| s.label == c.strategy)
                    .map_or("", |s| s.query.as_str());
                writeln!(
                    out,
                    "#{:<3} {:>6} hits in {:<12} {}",
                    c.strategy,
                    c.count,
                    Pad(&c.corpus),
                    truncate(q, 90)
                )?;
            }
            if hits.is_empty() {
                writeln!(out, "no hits")?;
                return Ok(());
            }
            let multi = corpora > 1;
            writeln!(
                out,
                "{:>3}  {:<18} {:<11} {:<12} {:<10} title",
                "#",
                "id",
                "date",
                "strategies",
                if multi { "corpus" } else { "" }
            )?;
            for h in hits {
                let date = h.date.map_or("-".into(), |d| d.to_string());
                let mark = match h.after_cutoff {
                    Some(true) => "!",
                    Some(false) => " ",
                    None => "?",
                };
                let strat = h
                    .strategies
                    .iter()
                    .map(|(k, r)| format!("{k}:{r}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                let fam = if h.family.len() > 1 {
                    format!(
                        " (+{} in family: {})",
                        h.family.len() - 1,
                        h.family[1..].join(", ")
                    )
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "{:>3}  {:<18} {date:<10}{mark} {:<12} {:<10} {}{fam}",
                    h.rank,
                    Pad(&h.id),
                    Pad(&strat),
                    Pad(if multi { h.corpus.as_str() } else { "" }),
                    truncate(&h.title, 70)
                )?;
                if let Some(sn) = &h.snippet {
                    writeln!(
                        out,
                        "       {}: {}",
                        sn.field,
                        truncate(&sn.marked("[", "]"), 150)
                    )?;
                }
            }
            if hits.iter().any(|h| h.after_cutoff == Some(true)) {
                writeln!(out, "! published on or after the cutoff date")?;
            }
            if hits.iter().any(|h| h.after_cutoff.is_none()) {
                writeln!(
                    out,
                    "? publication date unknown: cannot be shown to be prior art"
                )?;
            }
        }
    }
    Ok(())
}

/// Print one strategy's hits on one corpus (the demo and simple callers).
pub fn print_query(
    ws: &Workspace,
    corpus: &str,
    query: &str,
    limit: usize,
    format: OutFormat,
    cutoff: Option<Date>,
) -> anyhow::Result<()> {
    if let Err(e) = crate::query::parse(query) {
        return Err(usage(e.render(query)));
    }
    let index = open(ws, corpus)?;
    let strategies = vec![Strategy {
        label: "1".into(),
        query: query.to_string(),
    }];
    let req = JobRequest {
        strategies: strategies.clone(),
        per_list: limit,
        limit,
        cutoff,
        group: format != OutFormat::Trec,
        snippets: format != OutFormat::Trec,
        merge: Merge::default(),
        meaning: None,
    };
    let cancel = Generation::new().start();
    let result = job::run_until_cancelled(&[&index], &req, &cancel, &no_history, &|_, _| {})
        .map_err(job_error)?;
    print_result(&result, &strategies, 1, format)
}
