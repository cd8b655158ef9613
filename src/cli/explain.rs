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
}

pub fn run(ws: &Workspace, args: ExplainArgs) -> anyhow::Result<()> {
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
    Ok(())
}
