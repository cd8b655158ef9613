//! `tisc workshop`: exercise packs for trainee searchers — list and show packs, start an
//! exercise (a case bound to it), submit it, score the submissions (`results`), check a pack,
//! turn a judged collection into a pack (`import-qrels`).

mod results;
mod submit;

use crate::cli::usage;
use crate::corpus::Workspace;
use crate::lang::cli;
use crate::workshop::pack::{self, format_time_limit};
use crate::workshop::start::{self, StartRequest};
use crate::workshop::{Pack, WorkshopError};
use clap::{Args, Subcommand};

#[derive(Args, Debug)]
pub struct WorkshopArgs {
    #[command(subcommand)]
    pub command: WorkshopCommand,
}

#[derive(Subcommand, Debug)]
pub enum WorkshopCommand {
    /// List the exercise packs found, with their titles and number of exercises
    #[command(
        long_about = "List the exercise packs tisc finds: the trainer's own in $TISC_HOME/workshops/<name>/,\n\
then those that ship with tisc (beginner, intermediate, advanced, on the demo corpus).",
        after_help = "Example:\n  tisc workshop list"
    )]
    List,
    /// Show a pack for a trainee: its instructions and exercises (never the answers)
    #[command(
        long_about = "Show a pack as a trainee sees it: the instructions, and for each exercise its title,\n\
cutoff date, time limit, corpora, claims and hints. The answers (gold.toml) are never shown.\n\
PACK is a pack folder's path, or a name looked up in $TISC_HOME/workshops/, then among the\n\
packs that ship with tisc.",
        after_help = "Examples:\n  tisc workshop show beginner\n  tisc workshop show ./my-course"
    )]
    Show(ShowArgs),
    /// Start an exercise: a new case bound to it, with its disclosure, cutoff, claims, corpora
    #[command(
        long_about = "Start an exercise of a pack: a new case is opened for the trainee with the exercise's\n\
title, disclosure, cutoff date, claims and corpora (and the pack's report language), bound to\n\
the exercise. The timer runs from now. Search and cite in the case as in any other; then\n\
submit it to the trainer's folder. The new case's id is the last line printed.\n\n\
Starting the same exercise again is refused, naming the case already open; --again opens a\n\
new case (a fresh attempt).",
        after_help = "Examples:\n  tisc workshop start beginner float-switch --trainee ada\n  tisc search --case float-switch-ada \"solar AND pump* AND float*\"\n  tisc case cite float-switch-ada DOCUMENT --category X --claims 1,2\n  tisc workshop submit float-switch-ada --to /srv/course/submissions\n\n  id=$(tisc workshop start ./my-course ex-1 --trainee \"A. Lovelace\" | tail -n 1)"
    )]
    Start(StartArgs),
    /// Submit an exercise's case to the trainer's folder (late submissions are marked)
    #[command(
        long_about = "Submit the case of an exercise: a submission file is written into the folder the\n\
trainer names, as <trainee>--<exercise>.json. It holds the case's report (JSON), every strategy\n\
run again for its first 100 documents and their families, the time taken, the tisc version and\n\
each corpus's fingerprint (documents, index generation). A submission after the time limit is\n\
accepted and marked late. Submitting again replaces the file; the earlier one is kept beside it\n\
as <trainee>--<exercise>.1.json, .2.json…",
        after_help = "Examples:\n  tisc workshop submit float-switch-ada --to /srv/course/submissions\n  tisc workshop submit float-switch-ada --to ./submissions --mkdir"
    )]
    Submit(submit::SubmitArgs),
    /// Score the submissions in a folder against the pack's gold: leaderboards and statistics
    #[command(
        long_about = "Score every submission in DIR (the main files; earlier ones kept beside them are\n\
ignored) against the pack's gold.toml: recall, precision and F1 of the cited patent families,\n\
category agreement, PRES@100 and average precision of the best strategy, time taken. Prints the\n\
leaderboard of each exercise (ranked by F1, then recall, then PRES, then time), the leaderboard\n\
of the trainees (means over the pack's exercises) and each exercise's statistics (the gold\n\
documents most missed, the median time). The scores are defined in docs/workshops.md.",
        after_help = "Examples:\n  tisc workshop results beginner /srv/course/submissions\n  tisc workshop results ./my-course ./submissions --format html --lang fr > results.html\n  tisc workshop results ./my-course ./submissions --format json"
    )]
    Results(results::ResultsArgs),
    /// Check a pack: it parses, its gold agrees with it, its gold documents exist
    #[command(
        long_about = "Check a pack before a course. pack.toml and gold.toml must parse (an error names the\n\
file and line); every exercise of the gold must be in the pack; the gold claims must be among\n\
the exercise's claims; every gold document must exist in the exercise's corpora (looked up\n\
as `tisc case cite` does; write ids as `tisc search` prints them), and one published on or\n\
after the cutoff must be cited as P or E. An exercise without gold, and a corpus that is not\n\
indexed here, are warnings. Gold entries are named by position only (exercise solar-1, gold\n\
citation 2), so the check can run in front of trainees; --trainer names the documents and\n\
lists every gold citation found, with its category, claims and publication date.\n\
A pack without gold.toml (a trainee's copy) is checked alone.",
        after_help = "Examples:\n  tisc workshop check beginner\n  tisc workshop check ./my-course --trainer"
    )]
    Check(CheckArgs),
    /// Make a pack of a judged test collection: its queries as exercises, its judgments as gold
    #[command(
        name = "import-qrels",
        long_about = "Make a pack of a judged IR test collection in the BEIR layout: QUERIES is a JSON-lines\n\
file of {\"_id\", \"text\"} objects, QRELS a TSV file with the header query-id, corpus-id, score.\n\
The first N queries that have a positive judgment (in the order of QRELS) become exercises:\n\
the query text is the disclosure and the one claim. Their judgments become the gold:\n\
category X for the collection's highest grade, A for lower positive grades (0 is not gold).\n\
The exercises are searched in the corpus C (index the collection's documents under that\n\
name). The pack's attribution names the files and, when a SOURCE.md lies beside them, the\n\
collection it describes. An existing, non-empty DIR is refused unless --force.",
        after_help = "Examples:\n  tisc index --name scifact --format beir ~/data/scifact/corpus.jsonl\n  tisc workshop import-qrels --corpus scifact --queries ~/data/scifact/queries.jsonl \\\n      --qrels ~/data/scifact/qrels/train.tsv --out ~/course/scifact --count 10\n  tisc workshop check ~/course/scifact --trainer"
    )]
    ImportQrels(ImportArgs),
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The pack: a folder's path or a pack name
    pub pack: String,
}

#[derive(Args, Debug)]
pub struct StartArgs {
    /// The pack: a folder's path or a pack name
    pub pack: String,
    /// The exercise's id (see `tisc workshop show PACK`)
    pub exercise: String,
    /// The trainee's name, as the trainer will see it in the results
    #[arg(long)]
    pub trainee: String,
    /// Start over in a new case although this trainee already started the exercise
    #[arg(long)]
    pub again: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The pack: a folder's path or a pack name
    pub pack: String,
    /// Name the gold documents in the findings (for the trainer's eyes only)
    #[arg(long)]
    pub trainer: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The corpus holding the collection's documents (as `tisc corpora` names it)
    #[arg(long, value_name = "C")]
    pub corpus: String,
    /// The queries: JSON lines, one {"_id", "text"} object a line
    #[arg(long, value_name = "Q")]
    pub queries: std::path::PathBuf,
    /// The judgments: TSV with the header query-id, corpus-id, score
    #[arg(long, value_name = "R")]
    pub qrels: std::path::PathBuf,
    /// The pack folder to write
    #[arg(long, value_name = "DIR")]
    pub out: std::path::PathBuf,
    /// How many judged queries become exercises
    #[arg(long, value_name = "N")]
    pub count: usize,
    /// Write into DIR although it already holds files
    #[arg(long)]
    pub force: bool,
    /// The pack's title (default: "Exercises from" and the collection's folder name)
    #[arg(long)]
    pub title: Option<String>,
    /// The exercises' cutoff date, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub cutoff: Option<String>,
    /// Time allowed per exercise, e.g. 30m or 1h30m
    #[arg(long, default_value = "30m")]
    pub time_limit: String,
    /// The language of the queries (en, fr, es…)
    #[arg(long, default_value = "en")]
    pub language: String,
}

/// Library errors at the edge: bad packs and names are bad input (exit code 2).
pub(crate) fn workshop_error(e: WorkshopError) -> anyhow::Error {
    if e.is_input() {
        usage(e.to_string())
    } else {
        anyhow::Error::new(e)
    }
}

pub fn run(ws: &Workspace, a: WorkshopArgs) -> anyhow::Result<()> {
    match a.command {
        WorkshopCommand::List => list(ws),
        WorkshopCommand::Show(a) => show(ws, &a),
        WorkshopCommand::Start(a) => start_exercise(ws, &a),
        WorkshopCommand::Submit(a) => submit::run(ws, a),
        WorkshopCommand::Results(a) => results::run(ws, a),
        WorkshopCommand::Check(a) => check(ws, &a),
        WorkshopCommand::ImportQrels(a) => import_qrels(&a),
    }
}

fn list(ws: &Workspace) -> anyhow::Result<()> {
    let packs = pack::list(ws);
    if packs.is_empty() {
        crate::outln!("no workshop packs");
        return Ok(());
    }
    let width = packs
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    let mut bad = Vec::new();
    for (name, p) in packs {
        match p {
            Ok(p) => {
                let n = cli::EXERCISES.count("en", p.exercises.len() as u64);
                crate::outln!("{name:<width$}  {n}  {}", p.title);
            }
            Err(e) => {
                crate::outln!("{name:<width$}  (cannot be read: {e})");
                bad.push(name);
            }
        }
    }
    if !bad.is_empty() {
        return Err(crate::cli::partial(format!(
            "{} {} — `tisc workshop check NAME` shows why",
            cli::PACKS_UNREADABLE.count("en", bad.len() as u64),
            bad.join(", ")
        )));
    }
    Ok(())
}

/// Lines of a multi-line text, each indented.
fn indented(text: &str, by: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("{by}{l}").trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn show(ws: &Workspace, a: &ShowArgs) -> anyhow::Result<()> {
    let p = pack::open(ws, &a.pack).map_err(workshop_error)?;
    crate::outln!("{} ({}, language {})", p.title, p.name, p.language);
    crate::outln!("{}", p.dir.display());
    if let Some(att) = &p.attribution {
        crate::outln!("Source: {}", att.trim());
    }
    crate::outln!();
    crate::outln!("{}", p.instructions.trim_end());
    for e in &p.exercises {
        crate::outln!();
        exercise_text(&p, e, false);
    }
    Ok(())
}

/// What a trainee reads of one exercise (with the disclosure in full when `full`).
fn exercise_text(p: &Pack, e: &crate::workshop::Exercise, full: bool) {
    crate::outln!("Exercise {}: {}", e.id, e.title);
    crate::outln!(
        "  cutoff {}, time limit {}, corpora {}",
        e.cutoff,
        format_time_limit(e.time_limit_secs),
        p.corpora_of(e).join(", ")
    );
    let disclosure = if full {
        e.disclosure.trim_end().to_string()
    } else {
        let first: String = e.disclosure.trim().chars().take(300).collect();
        if first.chars().count() < e.disclosure.trim().chars().count() {
            format!("{}…", first.trim_end())
        } else {
            first
        }
    };
    crate::outln!("  Disclosure:");
    crate::outln!("{}", indented(&disclosure, "    "));
    crate::outln!("  Claims:");
    for c in &e.claims {
        crate::outln!("    {}. {}", c.number, c.text);
    }
    if !e.hints.is_empty() {
        crate::outln!("  Hints:");
        for h in &e.hints {
            crate::outln!("    - {h}");
        }
    }
}

fn start_exercise(ws: &Workspace, a: &StartArgs) -> anyhow::Result<()> {
    if a.trainee.trim().is_empty() {
        return Err(usage("the trainee name is empty: give --trainee NAME"));
    }
    let p = pack::open(ws, &a.pack).map_err(workshop_error)?;
    let store = crate::case::CaseStore::new(ws.cases_dir());
    let req = StartRequest {
        pack_arg: &a.pack,
        exercise: &a.exercise,
        trainee: &a.trainee,
        again: a.again,
    };
    let case = start::start(&store, &p, &req).map_err(workshop_error)?;
    let e = p.exercise(&a.exercise).map_err(workshop_error)?;
    crate::outln!("{} — {}", p.title, a.trainee.trim());
    crate::outln!();
    crate::outln!("{}", p.instructions.trim_end());
    crate::outln!();
    exercise_text(&p, e, true);
    crate::outln!();
    crate::outln!(
        "The timer runs from now: you have {}.",
        format_time_limit(e.time_limit_secs)
    );
    crate::outln!("Search, recording each strategy in your case:");
    crate::outln!("  tisc search --case {} \"…your strategy…\"", case.id);
    crate::outln!("Cite what you find, with its category and the claims it concerns:");
    crate::outln!(
        "  tisc case cite {} DOCUMENT --category X --claims 1,2",
        case.id
    );
    crate::outln!(
        "Or work in the workbench: tisc  (then open the case {}).",
        case.id
    );
    crate::outln!("When you are done, submit to the folder your trainer names:");
    crate::outln!("  tisc workshop submit {} --to DIR", case.id);
    crate::outln!("{}", case.id);
    Ok(())
}

fn check(ws: &Workspace, a: &CheckArgs) -> anyhow::Result<()> {
    use crate::workshop::check::{self, CheckOptions};
    let dir = pack::locate(ws, &a.pack).map_err(workshop_error)?;
    let opts = CheckOptions { trainer: a.trainer };
    let report = check::check(ws, &dir, opts).map_err(workshop_error)?;
    for f in &report.findings {
        crate::outln!("{f}");
    }
    let p = &report.pack;
    let exercises = cli::EXERCISES.count("en", p.exercises.len() as u64);
    let gold = match &report.gold {
        Some(g) => {
            let citations: usize = g.exercises.iter().map(|e| e.citations.len()).sum();
            format!(
                "gold for {}, {}, {} found in the corpora",
                cli::EXERCISES.count("en", g.exercises.len() as u64),
                cli::CITATIONS.count("en", citations as u64),
                report.found
            )
        }
        None => "no gold.toml: the pack alone was checked".to_string(),
    };
    let (errors, warnings) = (report.errors(), report.warnings());
    let verdict = match (errors, warnings) {
        (0, 0) => "ok".to_string(),
        (0, w) => format!("ok, {}", cli::WARNINGS.count("en", w as u64)),
        (e, w) => format!(
            "{}, {}",
            cli::ERRORS.count("en", e as u64),
            cli::WARNINGS.count("en", w as u64)
        ),
    };
    crate::outln!(
        "pack `{}` ({}): {exercises}, {gold}: {verdict}",
        p.name,
        dir.display()
    );
    if errors > 0 {
        return Err(usage(format!(
            "pack `{}` has {}: see above",
            p.name,
            cli::ERRORS.count("en", errors as u64)
        )));
    }
    Ok(())
}

fn import_qrels(a: &ImportArgs) -> anyhow::Result<()> {
    use crate::workshop::import::{self, ImportRequest};
    let cutoff = match &a.cutoff {
        Some(c) => crate::model::Date::parse(c.trim())
            .map_err(|_| usage(format!("--cutoff `{c}` is not a date YYYY-MM-DD")))?,
        None => {
            let now = crate::model::time::now().to_string();
            crate::model::Date::parse(now.get(..10).unwrap_or_default())
                .map_err(|e| anyhow::anyhow!("today's date `{now}`: {e}"))?
        }
    };
    let time_limit_secs = pack::parse_time_limit(a.time_limit.trim())
        .map_err(|m| usage(format!("--time-limit: {m}")))?;
    let language = a.language.trim().to_ascii_lowercase();
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_lowercase()) {
        return Err(usage(format!(
            "--language `{}` is not a language code such as en, fr, es, pt or ar",
            a.language
        )));
    }
    let req = ImportRequest {
        corpus: &a.corpus,
        queries: &a.queries,
        qrels: &a.qrels,
        out: &a.out,
        count: a.count,
        force: a.force,
        title: a.title.as_deref(),
        cutoff,
        time_limit_secs,
        language: &language,
    };
    let s = import::import_qrels(&req).map_err(workshop_error)?;
    crate::outln!(
        "wrote pack {}: {} of {}, {} in the gold",
        s.dir.display(),
        cli::EXERCISES.count("en", s.exercises as u64),
        cli::QUERIES_JUDGED.count("en", s.judged_queries as u64),
        cli::CITATIONS.count("en", s.citations as u64)
    );
    match &s.source {
        Some(p) => crate::outln!("attribution taken from {}", p.display()),
        None => {
            crate::outln!("no SOURCE.md beside the files: the attribution names the files only")
        }
    }
    if s.exercises < a.count {
        crate::outln!(
            "the collection has only {} (asked for {})",
            cli::QUERIES_JUDGED.count("en", s.judged_queries as u64),
            a.count
        );
    }
    crate::outln!(
        "next: index the collection's documents as corpus `{}`, then `tisc workshop check {} --trainer`",
        a.corpus,
        s.dir.display()
    );
    Ok(())
}

/// The partial-success error (exit code 3) of a command that did its work but left some
/// items out: `what` counts them, and the first three reasons follow.
fn partial_with(what: String, reasons: &[String]) -> anyhow::Error {
    let first: Vec<&str> = reasons.iter().take(3).map(String::as_str).collect();
    crate::cli::partial(format!("{what}: {}", first.join("; ")))
}
