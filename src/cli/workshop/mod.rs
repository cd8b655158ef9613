//! `tisc workshop`: exercise packs for trainee searchers — list and show packs, start an
//! exercise (a case bound to it), check a pack, turn a judged collection into a pack.

mod results;
mod submit;

use crate::cli::usage;
use crate::corpus::Workspace;
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
        after_help = "Examples:\n  tisc workshop start beginner solar-dry-run --trainee ada\n  tisc search --case solar-dry-run-ada \"solar AND pump* AND (dry OR float)\"\n  tisc case cite solar-dry-run-ada US6920979B2 --category X --claims 1,2\n  tisc workshop submit solar-dry-run-ada --to /srv/course/submissions\n\n  id=$(tisc workshop start ./my-course ex-1 --trainee \"A. Lovelace\" | tail -n 1)"
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
                let n = p.exercises.len();
                let s = if n == 1 { "" } else { "s" };
                crate::outln!("{name:<width$}  {n} exercise{s}  {}", p.title);
            }
            Err(e) => {
                crate::outln!("{name:<width$}  (cannot be read: {e})");
                bad.push(name);
            }
        }
    }
    if !bad.is_empty() {
        return Err(crate::cli::partial(format!(
            "{} pack(s) cannot be read: {} — `tisc workshop check NAME` shows why",
            bad.len(),
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
