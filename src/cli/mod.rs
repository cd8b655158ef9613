//! The command line: clap definitions and dispatch into the library.
//!
//! Each subcommand's `--help` says what it does and shows an example, so that a trainer can
//! hand it to a trainee. Errors are returned with context; `main` prints them once.

mod batch;
mod case;
mod completions;
mod corpora;
mod embed;
mod eval;
mod explain;
mod index;
mod mirror;
pub mod output;
mod report;
mod resources;
mod search;
mod search_example;
pub mod workshop;

use clap::{Parser, Subcommand};

/// Exit code for a runtime failure: I/O, network, a lock held by another run.
pub const EXIT_RUNTIME: i32 = 1;
/// Exit code for bad usage, a bad query, or input that is unreadable or refused.
pub const EXIT_USAGE: i32 = 2;
/// Exit code for a partial result: the work is done, but some files or records were skipped.
pub const EXIT_PARTIAL: i32 = 3;

/// The exit codes of every command, as `--help` and the docs show them.
pub const EXIT_CODES_HELP: &str = "Exit codes:\n  0  done\n  1  runtime failure (I/O, network, a lock held by another run)\n  2  usage error, bad query, unreadable or refused input\n  3  partial: done, but some files or records were skipped (the count and first reasons are printed)";

/// The work was done, but some of the input was skipped: exit code 3. The message gives the
/// count and the first reasons; the command's own output has already been written.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Partial {
    pub message: String,
}

pub fn partial(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Partial {
        message: message.into(),
    })
}

/// Read a text file the user named as input (a disclosure, a query file): one that cannot be
/// read is bad input, exit code 2, with the path and the reason.
pub fn read_input(path: &std::path::Path, what: &str) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| usage(format!("{}: cannot read the {what}: {e}", path.display())))
}

/// Open a file the user named as input; one that cannot be opened is bad input (exit code 2).
pub fn open_input(path: &std::path::Path, what: &str) -> anyhow::Result<std::fs::File> {
    std::fs::File::open(path)
        .map_err(|e| usage(format!("{}: cannot open the {what}: {e}", path.display())))
}

/// Check the folder an `-o FILE` goes into: with `mkdir`, create what is missing; without,
/// a missing folder is refused (exit code 2), naming it.
pub fn output_folder(path: &std::path::Path, mkdir: bool) -> anyhow::Result<()> {
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if dir.is_dir() {
        return Ok(());
    }
    if mkdir {
        return std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("{}: cannot create the folder: {e}", dir.display()));
    }
    if dir.exists() {
        return Err(usage(format!("{}: not a folder", dir.display())));
    }
    Err(usage(format!(
        "{}: no such folder (give --mkdir to create it)",
        dir.display()
    )))
}

/// The command line as clap sees it, with the exit-code table added to the help (`-h` and
/// `--help`) of the program and of every command.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    fn with_exit_codes(cmd: clap::Command) -> clap::Command {
        let cmd = cmd.mut_subcommands(with_exit_codes);
        let add = |existing: Option<&clap::builder::StyledStr>| match existing {
            Some(text) => format!("{text}\n\n{EXIT_CODES_HELP}"),
            None => EXIT_CODES_HELP.to_string(),
        };
        let long = add(cmd.get_after_long_help().or(cmd.get_after_help()));
        let short = add(cmd.get_after_help());
        cmd.after_help(short).after_long_help(long)
    }
    with_exit_codes(Cli::command())
}

/// Parse the process's arguments (exiting with clap's message and code 2 on bad usage).
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let mut cmd = command();
    let hidden = hidden_names(&cmd);
    let matches = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .unwrap_or_else(|e| without_hidden_suggestions(e, &hidden).exit());
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The names of hidden commands and flags (`record`, `--latencies`) that no command shows:
/// developer tools, never proposed to a user who mistyped something.
pub fn hidden_names(cmd: &clap::Command) -> std::collections::BTreeSet<String> {
    fn walk(cmd: &clap::Command, hidden: &mut Vec<String>, shown: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            if let Some(long) = a.get_long() {
                let name = format!("--{long}");
                if a.is_hide_set() {
                    hidden.push(name);
                } else {
                    shown.push(name);
                }
            }
        }
        for sub in cmd.get_subcommands() {
            let name = sub.get_name().to_string();
            if sub.is_hide_set() {
                hidden.push(name);
            } else {
                shown.push(name);
            }
            walk(sub, hidden, shown);
        }
    }
    let (mut hidden, mut shown) = (Vec::new(), Vec::new());
    walk(cmd, &mut hidden, &mut shown);
    hidden.into_iter().filter(|h| !shown.contains(h)).collect()
}

/// A parse error without the "a similar … exists" tips that name hidden commands or flags.
pub fn without_hidden_suggestions(
    mut e: clap::Error,
    hidden: &std::collections::BTreeSet<String>,
) -> clap::Error {
    use clap::error::{ContextKind, ContextValue};
    for kind in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg] {
        let kept: Vec<String> = match e.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            _ => continue,
        };
        let kept: Vec<String> = kept
            .into_iter()
            .filter(|s| !hidden.contains(s.split([' ', '=']).next().unwrap_or(s)))
            .collect();
        e.remove(kind);
        if !kept.is_empty() {
            e.insert(kind, ContextValue::Strings(kept));
        }
    }
    // An empty list of other tips would print as a blank line.
    if matches!(e.get(ContextKind::Suggested), Some(ContextValue::StyledStrs(v)) if v.is_empty()) {
        e.remove(ContextKind::Suggested);
    }
    e
}

/// An error as the user reads it: each cause once (a message that already quotes its cause,
/// as `path: No space left on device` does, is not followed by the same cause again), and
/// control characters from file names or document text made visible.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if part.is_empty() || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    crate::sanitize::escape_controls(&text).into_owned()
}

/// The exit code for an error returned by [`run`].
///
/// A name the user gave that names nothing (a corpus, a case), or a bad one, is bad input
/// (2) wherever the library reports it; a lock held, I/O and the network are runtime
/// failures (1).
pub fn exit_code(e: &anyhow::Error) -> i32 {
    use crate::case::CaseError;
    use crate::corpus::CorpusError;
    if e.downcast_ref::<Partial>().is_some() {
        return EXIT_PARTIAL;
    }
    for cause in e.chain() {
        if cause.downcast_ref::<UsageError>().is_some() {
            return EXIT_USAGE;
        }
        if let Some(
            CorpusError::Unknown { .. }
            | CorpusError::BadDefinition { .. }
            | CorpusError::BadName(_),
        ) = cause.downcast_ref::<CorpusError>()
        {
            return EXIT_USAGE;
        }
        if let Some(
            CaseError::BadId(_)
            | CaseError::Missing(_)
            | CaseError::Exists(_)
            | CaseError::BadCategory(_)
            | CaseError::BadClaims(_)
            | CaseError::NotCited { .. },
        ) = cause.downcast_ref::<CaseError>()
        {
            return EXIT_USAGE;
        }
    }
    EXIT_RUNTIME
}

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
Run with no command to open the workbench (on a terminal; the built-in demo corpus is indexed
on first start); piped or scripted, it prints a demo search instead.\n\
Everything tisc writes lives under $TISC_HOME (default: ~/.local/share/tisc).",
    after_help = "Examples:\n  tisc                                   open the workbench (indexes the demo corpus the first time)\n  tisc corpora                           list the corpora tisc knows\n  tisc index demo                        (re)build the index of a defined corpus\n  tisc search --corpus demo \"solar AND pump* AND irrigation\""
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the index of a corpus, or bring it up to date with the corpus's files
    #[command(
        long_about = "Build the index of a corpus, or bring it up to date with its files.\n\n\
With a corpus name, (re)indexes a corpus that is already defined (see `tisc corpora`).\n\
With --name, --format and paths, defines a new corpus (saved in $TISC_HOME/corpora/<name>.toml)\n\
and indexes it. Folders are read recursively. Indexing again reads only the files added or\n\
changed since the last run and removes the documents of deleted files; searches see the old\n\
index until the update is complete. --rebuild reads every file into a new index, which\n\
replaces the old one when complete.\n\n\
Malformed documents are skipped and counted; the summary names the file and byte offset.",
        after_help = "Examples:\n  tisc index demo\n  tisc index demo --rebuild\n  tisc index big-collection --shards 4\n  tisc index --name uspto-2024 --format uspto /data/uspto/2024/\n  tisc index --name my-papers --format auto ~/papers/ ~/more-papers/export.xml.gz\n  tisc index --name scifact --format beir ~/data/beir-scifact/corpus.jsonl"
    )]
    Index(index::IndexArgs),
    /// Search one or more corpora with one or more strategies and print the fused hits
    #[command(
        long_about = "Search corpora with one or more strategies.\n\n\
The strategy is written in tisc's search language (docs/query-language.md): words (searched\n\
in title, abstract and claims, in every language), field codes (ti: ab: cl: de: txt: pa: in:\n\
au: jo: ipc: cpc: pn: pd: ad: pr: cc: lang: doi: pmid:), AND / OR / NOT, \"phrases\",\n\
truncation (pump* colo?r *phosphate), proximity (A NEAR/5 B, A ADJ/2 B, A SAME B), dates\n\
(pd<2015, pd:[2010 TO 2015]) and classification (ipc:A61K36). Adjacent words are ANDed.\n\
A strategy with an error is shown with a caret under the problem.\n\n\
Several strategies (-q, repeatable) and corpora (--corpus, repeatable; default: every indexed\n\
corpus) run in parallel and are fused into one ranked list (reciprocal rank fusion); patents\n\
of one family, and copies of one article, share a row. --disclosure FILE turns an invention\n\
description into a strategy of its key terms (query by example). --case records each strategy\n\
in the case's history, where #n refers to earlier ones.\n\n\
--batch runs many queries from a JSON-lines file ({\"_id\": ..., \"text\": ...} per line) and\n\
writes a TREC run, for measuring ranking quality with relevance judgments.\n\n\
With a sentence-embedding model installed and the corpus embedded (`tisc embed`), query by\n\
example and --batch free text fuse BM25 with meaning, and --order meaning orders a Boolean\n\
strategy's set by meaning (--semantic, --alpha; docs/semantic-search.md).",
        after_help = "Examples:\n  tisc search --corpus demo \"solar AND pump*\"\n  tisc search --corpus demo \"ti:(drip OR micro) AND emitter* NOT cl:pressure\"\n  tisc search --corpus demo --cutoff 2012-06-30 \"(pump* OR compressor) NEAR/5 (solar OR photovoltaic)\"\n  tisc search --corpus demo --limit 5 --format json \"cassava grater\"\n  tisc search --corpus scifact --batch queries.jsonl --format trec --limit 100 > run.trec"
    )]
    Search(search::SearchArgs),
    /// Give a corpus's documents their vectors, for search by meaning (needs an installed model)
    #[command(
        long_about = "Embed the documents of an indexed corpus with the installed sentence-embedding model\n\
(`tisc resources add model DIR`), so that searches fuse BM25 with meaning.\n\n\
Each document is embedded from its title and abstract (its first claim when it has no\n\
abstract), in a language the model reads; documents in other languages are counted and ranked\n\
by BM25 alone. The vectors are stored beside the index (index/<corpus>/vectors/) and saved after\n\
every batch: a run that is stopped continues where it stopped, and a run after the corpus grew\n\
embeds only the new or changed documents and drops the vectors of removed ones.",
        after_help = "Examples:\n  tisc resources add model ~/models/all-MiniLM-L6-v2\n  tisc embed demo\n  tisc embed big-collection --threads 2\n  tisc search --corpus demo --disclosure invention.txt     (fused with meaning)\n  tisc search --corpus demo --semantic on \"solar AND pump*\"  (the set ordered by meaning)"
    )]
    Embed(embed::EmbedArgs),
    /// Show how a search strategy is read: precedence, expansions, classification rules
    #[command(
        long_about = "Show how tisc reads a search strategy: the parsed tree with precedence made visible\n\
(proximity binds tightest, then NOT, then AND, then OR), the words a truncated word expands to,\n\
the classification rule applied (with IPC titles once the title list is installed with\n\
`tisc resources add ipc-titles FILE`), and the\n\
query the index runs. Use it to check a strategy before running it, or to teach.",
        after_help = "Examples:\n  tisc explain \"solar OR photovoltaic AND pump\"\n  tisc explain --corpus demo \"(pump* OR compressor) NEAR/5 (solar OR photovoltaic)\"\n  tisc explain --corpus demo \"ipc:A01G25 AND pd<2015\""
    )]
    Explain(explain::ExplainArgs),
    /// Score a TREC run against relevance judgments (nDCG, recall, MAP, P@10, PRES)
    #[command(
        long_about = "Score a TREC run against relevance judgments, with trec_eval's definitions:\n\
nDCG@10 and @100 (gain = judged level), Recall@10 and @100, MAP, P@10, and PRES@100\n\
(Magdy & Jones 2010, the patent-search recall measure). Every judged query counts; a query\n\
the run has no results for scores 0. A hit whose document id equals the query id is dropped,\n\
as BEIR does. Judgments may be BEIR TSV (with header) or TREC qrels.",
        after_help = "Example:\n  tisc search --corpus scifact --batch queries.jsonl --format trec --limit 100 > run.trec\n  tisc eval --qrels qrels/test.tsv --run run.trec\n  tisc eval --qrels qrels/test.tsv --run run.trec --format json"
    )]
    Eval(eval::EvalArgs),
    /// Cases: the subject of a search, its strategies, cited documents and notes
    #[command(
        long_about = "Cases keep a prior-art search together: the invention (title, disclosure, cutoff date,\n\
classification), the strategies run with their hit counts, the documents cited with their\n\
search-report categories, claims and passages, and notes. A case is a folder under\n\
$TISC_HOME/cases/<name>/; every change is saved before tisc says it is done.",
        after_help = "Examples:\n  tisc case new solar-pump --title \"Solar water pump\" --cutoff 2024-03-01 --corpus demo\n  tisc case cite solar-pump US7000001B2 --category X --claims 1,3 --passage \"float switch\"\n  tisc case note solar-pump \"Inventor confirms the float is magnetic\"\n  tisc case show solar-pump\n  tisc report solar-pump --format html -o report.html"
    )]
    Case(case::CaseArgs),
    /// Write the search report of a case: Markdown, HTML or JSON, in en, fr, es, pt or ar
    #[command(
        long_about = "Write the search report of a case.\n\n\
Part 1 is laid out like an International Search Report: classification, collections and\n\
strategies with their hit counts, and the documents considered relevant with category,\n\
claims and passages. Part 2 is a plain-language summary for the inventor. The appendix gives\n\
the bibliographic data and abstracts of the cited documents. Without -o the report goes to\n\
the standard output; a copy is kept in the case's exports/ folder.",
        after_help = "Examples:\n  tisc report solar-pump --format md\n  tisc report solar-pump --format html --lang fr -o rapport.html\n  tisc report solar-pump --format json > report.json"
    )]
    Report(report::ReportArgs),
    /// List the defined corpora with document counts and index sizes
    #[command(after_help = "Example:\n  tisc corpora\n  tisc corpora --format json")]
    Corpora(corpora::CorporaArgs),
    /// Install and list resources: the IPC title list, bilingual dictionaries, a sentence-embedding model
    #[command(
        long_about = "Install and list the resources tisc uses beside the corpora.\n\n\
`add ipc-titles FILE` installs the IPC title list (`symbol<TAB>title` per line, UTF-8, e.g. WIPO's\n\
list with symbols like A01B or A01B0001020000); `tisc explain` then shows the title of each IPC\n\
symbol in a strategy. `add dict FILE` installs a bilingual dictionary (`headword<TAB>[pos<TAB>]\n\
translations` per line, an optional header), for the language pair given with --lang or named\n\
by the file (eng-fra.tsv). Every line is checked first: a bad one is refused with its line\n\
number and nothing is installed. An installed file is copied to\n\
$TISC_HOME/resources/<kind>/<lang>.tsv and replaces an earlier one of the same kind and language.\n\n\
`add model DIR` installs a sentence-embedding model for search by meaning: a folder holding\n\
config.json, tokenizer.json and model.safetensors (a BERT-family model as sentence-transformers\n\
saves it, e.g. all-MiniLM-L6-v2). Its pooling, normalisation, query prefix and token limit are\n\
read from the model's own files unless given; the model is loaded and tried on one sentence,\n\
then copied to $TISC_HOME/resources/model/<name>/. The model installed last is the one used.\n\
Documents not in the model's languages (--language, default en) are ranked by BM25 alone.",
        after_help = "Examples:\n  tisc resources add ipc-titles ~/Downloads/ipc_titles_en.tsv\n  tisc explain \"ipc:A01G25 AND drip\"          (now with the IPC titles)\n  tisc resources add dict freedict/eng-fra.tsv\n  tisc resources add dict --lang en-fr glossary.tsv\n  tisc resources add model ~/models/all-minilm-l6-v2\n  tisc resources list\n  tisc resources list --format json"
    )]
    Resources(resources::ResourcesArgs),
    /// Keep local copies of public bulk collections current (resumable, verified, incremental)
    #[command(
        long_about = "Mirror public bulk collections over slow, unreliable links.\n\n\
`add` says where a corpus's files come from, `sync` fetches what is new or changed (resuming\n\
interrupted downloads, retrying transient failures, verifying checksums) and ingests it,\n\
`status` shows each file's state, `verify` re-checks the local copies.",
        after_help = "Examples:\n  tisc mirror add pubmed-baseline --list-url https://ftp.ncbi.nlm.nih.gov/pubmed/baseline/ --pattern 'pubmed*n000*.xml.gz' --checksum-suffix .md5\n  tisc mirror sync pubmed-baseline\n  tisc mirror status pubmed-baseline"
    )]
    Mirror(mirror::MirrorArgs),
    /// Print the shell completion script: bash, zsh, fish or powershell
    #[command(
        long_about = "Print the completion script of a shell, generated from tisc's own command definitions.\n\
Install it once; it completes commands, options and their values.",
        after_help = "Examples:\n  tisc completions bash > ~/.local/share/bash-completion/completions/tisc\n  tisc completions zsh > ~/.zfunc/_tisc          (with fpath+=~/.zfunc in ~/.zshrc)\n  tisc completions fish > ~/.config/fish/completions/tisc.fish\n  tisc completions powershell >> $PROFILE"
    )]
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff) of tisc and its commands
    #[command(
        after_help = "Examples:\n  tisc man > ~/.local/share/man/man1/tisc.1 && man tisc\n  tisc man | man -l -"
    )]
    Man(completions::ManArgs),
    /// Workshops: exercises for trainee searchers — start, submit, score, check, import
    #[command(
        long_about = "Workshops: search exercises for trainee searchers and examiners.\n\n\
A pack (a folder with pack.toml, and the answer in gold.toml) holds exercises: an invention to\n\
search with its cutoff date, time limit and claims. A trainee starts an exercise, which opens a\n\
case bound to it, searches and cites as in any case, and submits it to the trainer's folder;\n\
the trainer scores every submission against the gold and prints the leaderboard. See\n\
docs/workshops.md.",
        after_help = "Examples:\n  tisc workshop list\n  tisc workshop show beginner\n  tisc workshop start beginner float-switch --trainee ada\n  tisc workshop submit float-switch-ada --to /srv/course/submissions\n  tisc workshop results beginner /srv/course/submissions --format html > results.html\n  tisc workshop check ./my-course --trainer\n  tisc workshop import-qrels --corpus scifact --queries queries.jsonl --qrels qrels/train.tsv --out course --count 10"
    )]
    Workshop(workshop::WorkshopArgs),
}

/// The whole program, as the `tisc` binary runs it: parse the process's arguments, run the
/// command, print an error once; returns the exit code.
pub fn main() -> i32 {
    // Output piped into `head` or a pager that quits early ends the program quietly, as
    // other command-line tools do, instead of a panic on the next write.
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = parse();
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            let code = exit_code(&e);
            let text = error_text(&e);
            if code == EXIT_PARTIAL {
                crate::errln!("partial: {text}");
            } else {
                crate::errln!("error: {text}");
            }
            code
        }
    }
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let ws = crate::corpus::Workspace::from_env();
    // `config.toml`, for the commands that read it: a bad one is bad input (exit 2).
    // `TISC_LANG` overrides `[ui] lang`; a code the interface lacks is bad input too.
    let config = || {
        crate::config::Config::load(&ws)
            .and_then(|c| c.with_lang_override(std::env::var("TISC_LANG").ok().as_deref()))
            .map_err(|e| usage(e.to_string()))
    };
    match cli.command {
        // On a terminal, the workbench; piped or scripted, the demo search.
        None if crate::tui::is_interactive() => Ok(crate::tui::run(&ws, &config()?)?),
        None => index::demo(&ws),
        Some(Command::Index(a)) => index::run(&ws, a, &config()?),
        Some(Command::Search(a)) => search::run(&ws, a, &config),
        Some(Command::Corpora(a)) => corpora::run(&ws, a),
        Some(Command::Embed(a)) => embed::run(&ws, a),
        Some(Command::Case(a)) => case::run(&ws, a),
        Some(Command::Report(a)) => report::run(&ws, a, &config()?),
        Some(Command::Explain(a)) => explain::run(&ws, a, &config),
        Some(Command::Eval(a)) => eval::run(a),
        Some(Command::Resources(a)) => resources::run(&ws, a),
        Some(Command::Mirror(a)) => mirror::run(&ws, a, &config()?),
        Some(Command::Completions(a)) => completions::completions(a),
        Some(Command::Man(a)) => completions::man(a),
        Some(Command::Workshop(a)) => workshop::run(&ws, a),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_error_names_each_cause_once_and_shows_controls() {
        let disk_full =
            std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device");
        let e = anyhow::Error::new(crate::corpus::CorpusError::Io {
            path: "/x/index/demo".into(),
            source: disk_full,
        })
        .context("cannot build the index of `demo`");
        let text = super::error_text(&e);
        assert_eq!(text.matches("No space left on device").count(), 1, "{text}");
        assert!(text.starts_with("cannot build the index of `demo`: /x/index/demo: No space"));
        let hostile = anyhow::anyhow!("bad title \u{1b}]0;owned\u{7}");
        assert!(!super::error_text(&hostile).contains('\u{1b}'));
    }

    #[test]
    fn every_command_help_lists_the_exit_codes() {
        let mut cmd = super::command();
        for sub in cmd.get_subcommands_mut() {
            let help = sub.render_long_help().to_string();
            assert!(help.contains("3  partial"), "{}: {help}", sub.get_name());
        }
    }
}
