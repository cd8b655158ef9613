//! `tisc eval`: retrieval figures of a TREC run against relevance judgments.

use crate::eval;
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Relevance judgments: BEIR TSV (with header) or TREC qrels (`qid 0 docid level`)
    #[arg(long)]
    pub qrels: PathBuf,
    /// The run to score: TREC lines `qid Q0 docid rank score tag`
    #[arg(long)]
    pub run: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: super::corpora::ListFormat,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let qrels = eval::read_qrels(&args.qrels).map_err(|e| super::usage(e.to_string()))?;
    let run = eval::read_run(&args.run).map_err(|e| super::usage(e.to_string()))?;
    let s = eval::summarize(&qrels, &run);
    match args.format {
        super::corpora::ListFormat::Json => {
            crate::outln!(
                "{}",
                crate::cli::output::json_pretty(&s).context("writing JSON")?
            )
        }
        super::corpora::ListFormat::Table => {
            crate::outln!(
                "queries      {} judged, {} with results",
                s.queries,
                s.queries_with_results
            );
            for (k, v) in [
                ("ndcg@10", s.ndcg10),
                ("ndcg@100", s.ndcg100),
                ("recall@10", s.recall10),
                ("recall@100", s.recall100),
                ("map", s.map),
                ("p@10", s.p10),
                ("pres@100", s.pres100),
            ] {
                crate::outln!("{k:<12} {v:.4}");
            }
        }
    }
    Ok(())
}
