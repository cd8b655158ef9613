//! The command line: clap definitions and dispatch into the library.
//!
//! Each subcommand's `--help` says what it does and shows an example, so that a trainer can
//! hand it to a trainee. Errors are returned with context; `main` prints them once.

mod corpora;
mod index;
mod output;
mod search;

use clap::{Parser, Subcommand};

/// Exit code for bad usage or a bad query.
pub const EXIT_USAGE: i32 = 2;

/// An error that should end the program with a given exit code.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UsageError {
    pub message: String,
}

pub fn usage(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError {
        message: message.into(),
    })
}

#[derive(Parser, Debug)]
#[command(
    name = "tisc",
    version,
    about = "Prior-art search workbench: index patent and journal collections, search them, report",
    long_about = "tisc is a prior-art search workbench for Technology and Innovation Support Centres.\n\
It indexes locally mirrored patent and journal collections (USPTO, EPO, DOCDB, PubMed, JATS,\n\
JSON lines) and searches them.\n\n\
Run with no command to try it on the built-in demo corpus.\n\
Everything tisc writes lives under $TISC_HOME (default: ~/.local/share/tisc).",
    after_help = "Examples:\n  tisc                                   index the demo corpus (first time) and show a demo search\n  tisc corpora                           list the corpora tisc knows\n  tisc index demo                        (re)build the index of a defined corpus\n  tisc search --corpus demo \"solar pump irrigation\""
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the index of a corpus (reading every file of it)
    #[command(
        long_about = "Build the index of a corpus.\n\n\
With a corpus name, (re)indexes a corpus that is already defined (see `tisc corpora`).\n\
With --name, --format and paths, defines a new corpus (saved in $TISC_HOME/corpora/<name>.toml)\n\
and indexes it. Folders are read recursively. Re-indexing replaces the whole index, and the old\n\
index stays usable until the new one is complete.\n\n\
Malformed documents are skipped and counted; the summary names the file and byte offset.",
        after_help = "Examples:\n  tisc index demo\n  tisc index --name uspto-2024 --format uspto /data/uspto/2024/\n  tisc index --name my-papers --format auto ~/papers/ ~/more-papers/export.xml.gz\n  tisc index --name scifact --format beir ../shared/data/beir-scifact/corpus.jsonl"
    )]
    Index(index::IndexArgs),
    /// Search a corpus and print the hits
    #[command(
        long_about = "Search one corpus.\n\n\
Plain words are ranked by relevance over titles, abstracts and claims, in every language\n\
the corpus holds. Text with field syntax (field:word, \"phrases\", AND/OR/NOT) is passed to\n\
the index's query parser for now.\n\n\
--batch runs many queries from a JSON-lines file ({\"_id\": ..., \"text\": ...} per line) and\n\
writes a TREC run, for measuring ranking quality with relevance judgments.",
        after_help = "Examples:\n  tisc search --corpus demo \"solar powered water pump\"\n  tisc search --corpus demo --limit 5 --format json \"cassava grater\"\n  tisc search --corpus scifact --batch queries.jsonl --format trec --limit 100 > run.trec"
    )]
    Search(search::SearchArgs),
    /// List the defined corpora with document counts and index sizes
    #[command(after_help = "Example:\n  tisc corpora\n  tisc corpora --format json")]
    Corpora(corpora::CorporaArgs),
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let ws = crate::corpus::Workspace::from_env();
    match cli.command {
        None => index::demo(&ws),
        Some(Command::Index(a)) => index::run(&ws, a),
        Some(Command::Search(a)) => search::run(&ws, a),
        Some(Command::Corpora(a)) => corpora::run(&ws, a),
    }
}
