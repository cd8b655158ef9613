//! `tisc resources`: install and list the resources a user adds (IPC titles, dictionaries).

use super::corpora::ListFormat;
use super::usage;
use crate::corpus::Workspace;
use crate::resources::{self, Kind, ResourceError};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ResourcesArgs {
    #[command(subcommand)]
    pub command: ResourcesCommand,
}

#[derive(Subcommand, Debug)]
pub enum ResourcesCommand {
    /// Check a file and install it (replacing an earlier one of the same kind and language)
    #[command(
        after_help = "Examples:\n  tisc resources add ipc-titles ipc_titles_en.tsv\n  tisc resources add dict eng-fra.tsv\n  tisc resources add dict --lang en-fr my-glossary.tsv"
    )]
    Add(AddArgs),
    /// List the installed resources: kind, language, entries, size, when, where
    #[command(
        after_help = "Examples:\n  tisc resources list\n  tisc resources list --format json"
    )]
    List(ListArgs),
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    /// IPC titles, `symbol<TAB>title` per line
    IpcTitles,
    /// A bilingual dictionary, `headword<TAB>[pos<TAB>]translations` per line
    Dict,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// What the file is
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The file to install (UTF-8, tab-separated)
    pub path: PathBuf,
    /// Its language: a code for IPC titles (default `en`), a pair for a dictionary (default:
    /// the file's name, e.g. `eng-fra.tsv`)
    #[arg(long)]
    pub lang: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

/// A resource error at the command line: bad input exits 2, I/O in `$TISC_HOME` exits 1.
fn cli_error(e: ResourceError) -> anyhow::Error {
    if e.is_bad_input() {
        usage(e.to_string())
    } else {
        anyhow::Error::new(e).context("cannot install the resource")
    }
}

pub fn run(ws: &Workspace, args: ResourcesArgs) -> anyhow::Result<()> {
    match args.command {
        ResourcesCommand::Add(a) => add(ws, a),
        ResourcesCommand::List(a) => list(ws, a),
    }
}

fn add(ws: &Workspace, a: AddArgs) -> anyhow::Result<()> {
    let kind = match a.kind {
        KindArg::IpcTitles => Kind::IpcTitles,
        KindArg::Dict => Kind::Dict,
    };
    let lang = resources::lang_for(kind, &a.path, a.lang.as_deref()).map_err(cli_error)?;
    let r = resources::install(&ws.home, kind, &a.path, &lang).map_err(cli_error)?;
    crate::outln!(
        "installed {} ({}): {}, {} → {}",
        kind.as_str(),
        r.lang,
        crate::lang::cli::ENTRIES.count("en", r.entries.unwrap_or(0) as u64),
        crate::fsutil::human_bytes(r.bytes),
        r.path.display()
    );
    if kind == Kind::Dict {
        crate::outln!(
            "note: no command uses dictionaries yet; the dictionary is kept for when one does"
        );
    }
    Ok(())
}

fn list(ws: &Workspace, a: ListArgs) -> anyhow::Result<()> {
    let rows = resources::list(&ws.home)
        .map_err(|e| anyhow::Error::new(e).context("cannot list the installed resources"))?;
    match a.format {
        ListFormat::Json => crate::outln!("{}", crate::cli::output::json_pretty(&rows)?),
        ListFormat::Table => {
            if rows.is_empty() {
                crate::outln!(
                    "no resources installed — add one with `tisc resources add ipc-titles FILE`"
                );
                return Ok(());
            }
            crate::outln!(
                "{:<11} {:<8} {:>8} {:>10}  {:<20}  path",
                "kind",
                "lang",
                "entries",
                "size",
                "installed"
            );
            for r in &rows {
                crate::outln!(
                    "{:<11} {:<8} {:>8} {:>10}  {:<20}  {}",
                    r.kind.as_str(),
                    r.lang,
                    r.entries.map_or("?".to_string(), |n| n.to_string()),
                    crate::fsutil::human_bytes(r.bytes),
                    r.installed_at.as_deref().unwrap_or("?"),
                    r.path.display()
                );
            }
        }
    }
    Ok(())
}
