//! `tisc explain`: show how a strategy is read.

use super::usage;
use crate::corpus::Workspace;
use crate::index::CorpusIndex;
use crate::query::explain::explain_with_titles;
use crate::query::lower::Lowering;
use crate::resources::IpcTitles;
use crate::search::no_history;
use clap::Args;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The strategy to explain
    pub query: String,
    /// Also show truncation expansions and the lowered query for this corpus
    #[arg(long)]
    pub corpus: Option<String>,
    /// With --corpus: also show the first N hits with the two parts of their score when the
    /// strategy is fused with meaning (its words as the query): the BM25 part and the dense part
    #[arg(long, value_name = "N", requires = "corpus")]
    pub hits: Option<usize>,
    /// With --hits: the weight of BM25 in the fusion, 0 to 1 (default: `[semantic] alpha`, else 0.6)
    #[arg(long, value_name = "A", requires = "hits", value_parser = super::search::parse_alpha)]
    pub alpha: Option<f32>,
}

pub fn run(
    ws: &Workspace,
    args: ExplainArgs,
    config: super::search::ConfigFn<'_>,
) -> anyhow::Result<()> {
    let ast = crate::query::parse(&args.query).map_err(|e| usage(e.render(&args.query)))?;
    // The IPC title list, read once, only for a strategy that names IPC symbols.
    let titles = if crate::query::explain::mentions_ipc(&ast) {
        IpcTitles::load_installed(&ws.home)
            .map_err(|e| anyhow::Error::new(e).context("cannot read the installed IPC titles"))?
    } else {
        None
    };
    let titles = titles.as_ref();
    let text = match &args.corpus {
        Some(name) => {
            crate::corpus::find(ws, name)?;
            let index = CorpusIndex::open(&ws.index_dir(name), name)?;
            let searcher = index.reader.searcher();
            let lowering = Lowering::new(&index, &searcher, &no_history);
            explain_with_titles(&args.query, &ast, Some((&lowering, name)), titles)
        }
        None => explain_with_titles(&args.query, &ast, None, titles),
    };
    let mut out = crate::cli::output::stdout();
    std::io::Write::write_all(&mut out, text.as_bytes())?;
    if let (Some(n), Some(name)) = (args.hits, &args.corpus) {
        let index = CorpusIndex::open(&ws.index_dir(name), name)?;
        let alpha = match args.alpha {
            Some(a) => a,
            None => config()?.semantic.alpha(),
        };
        let table = hit_parts(ws, &index, &args.query, &ast, n, alpha)?;
        std::io::Write::write_all(&mut out, table.as_bytes())?;
    }
    Ok(())
}

/// The first `n` hits of a strategy fused with meaning, each with its BM25 and dense part;
/// BM25 alone (said once on stderr) where the corpus cannot use meaning.
fn hit_parts(
    ws: &Workspace,
    index: &CorpusIndex,
    query: &str,
    ast: &crate::query::Ast,
    n: usize,
    alpha: f32,
) -> anyhow::Result<String> {
    use crate::semantic::{fusion, plan};
    use std::fmt::Write;
    let session = crate::search::Session::new(index)?;
    let limit = n.max(fusion::TOP_K);
    let ranked = session
        .query(query, limit, &no_history)
        .map_err(|e| usage(e.to_string()))?
        .0;
    let bm25: Vec<(String, f32)> = session
        .ids_of(ranked)?
        .into_iter()
        .map(|(id, s, _)| (id, s))
        .collect();
    let plan = plan::plan(ws, &[index.name.as_str()], plan::Setting::On);
    if let Some(note) = &plan.notice {
        crate::errln!("{note}");
    }
    let words = crate::search::meaning::strategy_words(ast);
    let mut out = String::new();
    match (&plan.embedder, plan.corpora.first().cloned().flatten()) {
        (Some(model), Some(vectors)) if !words.trim().is_empty() => {
            let q = model
                .embed_query(&words)
                .map_err(super::embed::semantic_error)?;
            let fused = fusion::fuse_with_vectors(&bm25, &vectors, &q, alpha);
            writeln!(
                out,
                "\nfirst hits fused with meaning (query: \"{words}\", α = {alpha:.2}): score = bm25 part + dense part"
            )?;
            writeln!(
                out,
                "{:>4}  {:<20} {:>7} {:>7} {:>7}",
                "#", "id", "score", "bm25", "dense"
            )?;
            for (i, f) in fused.iter().take(n).enumerate() {
                let dense = f.dense.map_or("—".to_string(), |d| format!("{d:.3}"));
                writeln!(
                    out,
                    "{:>4}  {:<20} {:>7.3} {:>7.3} {:>7}",
                    i + 1,
                    super::output::Pad(&f.id),
                    f.score,
                    f.bm25,
                    super::output::Pad(&dense)
                )?;
            }
            if fused.iter().take(n).any(|f| f.dense.is_none()) {
                writeln!(
                    out,
                    "— no vector (another language, or not embedded yet): BM25 alone"
                )?;
            }
        }
        _ => {
            writeln!(out, "\nfirst hits by BM25 alone")?;
            writeln!(out, "{:>4}  {:<20} {:>7}", "#", "id", "bm25")?;
            for (i, (id, s)) in bm25.iter().take(n).enumerate() {
                writeln!(out, "{:>4}  {:<20} {s:>7.3}", i + 1, super::output::Pad(id))?;
            }
        }
    }
    Ok(out)
}
