//! `tisc embed <corpus>`: give the documents of a corpus their vectors (search by meaning),
//! with the installed sentence-embedding model. Opt-in, resumable, incremental.

use super::output::progress_bar;
use super::{partial, usage};
use crate::corpus::Workspace;
use crate::semantic::embed::{embed_corpus, EmbedError, EmbedReport, BATCH};
use crate::semantic::SemanticError;
use clap::Args;
use std::time::Instant;

#[derive(Args, Debug)]
pub struct EmbedArgs {
    /// The corpus to embed (see `tisc corpora`); it must be indexed
    pub corpus: String,
    /// Math threads the model uses (default: the machine's cores)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// If another run is changing the corpus, wait up to SECS for it instead of failing at once
    #[arg(long, value_name = "SECS")]
    pub wait: Option<u64>,
}

/// A model that is missing, not built in or unusable is the user's to fix (exit 2); a
/// failure while reading, writing or computing is a runtime failure (exit 1).
pub(super) fn semantic_error(e: SemanticError) -> anyhow::Error {
    match e {
        e @ (SemanticError::NoModel
        | SemanticError::NotBuiltIn
        | SemanticError::BadModel { .. }) => usage(e.to_string()),
        other => anyhow::Error::new(other),
    }
}

/// The threads `tisc embed` gives the model: `--threads`, else the machine's cores.
fn threads(args: &EmbedArgs) -> usize {
    args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    )
}

pub fn run(ws: &Workspace, args: EmbedArgs) -> anyhow::Result<()> {
    crate::corpus::find(ws, &args.corpus)?;
    let embedder =
        crate::semantic::load_installed(&ws.home, threads(&args)).map_err(semantic_error)?;
    let _lock = super::index::lock(ws, &args.corpus, args.wait)?;
    let dir = ws.index_dir(&args.corpus);
    let shards = crate::index::shards::open(&dir, &args.corpus)?;
    let bar = progress_bar(
        "{prefix} [{elapsed_precise}] {wide_bar} {pos}/{len} {per_sec} ETA {eta}",
        format!("embedding {}", args.corpus),
    );
    let started = Instant::now();
    let mut progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let report = embed_corpus(&dir, &shards, embedder.as_ref(), BATCH, &mut progress);
    bar.finish_and_clear();
    let report = report.map_err(|e| match e {
        EmbedError::Semantic(s) => semantic_error(s),
        EmbedError::Index(i) => anyhow::Error::new(i),
    })?;
    summary(&args.corpus, &report, started.elapsed().as_secs_f64());
    if report.failed > 0 {
        let failed = crate::lang::cli::EMBED_FAILED.count("en", report.failed);
        let first = report.first_failure.unwrap_or_default();
        if report.embedded == 0 && report.already == 0 {
            anyhow::bail!("{failed}; the first: {first}");
        }
        return Err(partial(format!(
            "{failed} (run `tisc embed {}` again to retry them); the first: {first}",
            args.corpus
        )));
    }
    Ok(())
}

/// What a run did, on stdout.
fn summary(corpus: &str, r: &EmbedReport, seconds: f64) {
    use crate::lang::cli;
    if let Some(other) = &r.replaced_model {
        crate::outln!("the vectors made by model `{other}` were replaced");
    }
    let rate = if seconds > 0.0 && r.embedded > 0 {
        format!(" ({:.1} documents/s)", r.embedded as f64 / seconds)
    } else {
        String::new()
    };
    crate::outln!(
        "{corpus}: {} in {seconds:.1} s{rate}; {}/{} have a vector",
        cli::DOCUMENTS_EMBEDDED.count("en", r.embedded),
        r.already + r.embedded,
        r.embeddable
    );
    if r.other_language > 0 {
        crate::outln!("{}", cli::OTHER_LANGUAGE.count("en", r.other_language));
    }
    if r.removed > 0 {
        crate::outln!("{}", cli::VECTORS_REMOVED.count("en", r.removed));
    }
    if r.torn_bytes > 0 {
        crate::outln!(
            "an unfinished batch of an earlier run ({} bytes) was dropped",
            r.torn_bytes
        );
    }
}
