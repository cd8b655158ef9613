//! `tisc case`: make a case, cite documents in it, note things, list, show and delete cases.
//!
//! Every change goes through [`CaseWriter`]: it is journaled and fsynced before this module
//! prints that it is done, and a second process writing the same case is refused.

mod cite;
mod claims;
mod export;
mod record;
mod resolve;
mod show;
mod values;

use super::usage;
use crate::case::{CaseEdit, CaseError, CaseStore, CaseWriter, Categories, NewCase, ReportLang};
use crate::corpus::{self, Workspace};
use crate::index::CorpusIndex;
use crate::model::{ClassCode, Date};
use crate::search::lookup::Reference;
use crate::search::{SearchError, Session};
use anyhow::Context;
pub use claims::{CheckArgs, ClaimsArgs, CompleteArgs};
use clap::{Args, Subcommand};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use values::{parse_claim_list, parse_cutoff, parse_cutoff_or_none};
pub(super) use values::{parse_id, parse_lang};
pub use values::{ClaimList, NewCutoff};

#[derive(Args, Debug)]
pub struct CaseArgs {
    #[command(subcommand)]
    pub command: CaseCommand,
}

#[derive(Subcommand, Debug)]
pub enum CaseCommand {
    /// Make a new case: the invention searched, for whom, up to which date
    #[command(
        after_help = "Example:\n  tisc case new solar-pump --title \"Solar water pump with float switch\" \\\n      --client \"A. Inventor\" --disclosure disclosure.txt --cutoff 2024-03-01 \\\n      --lang fr --ipc F04B17/00 --corpus demo"
    )]
    New(NewArgs),
    /// Change the title, client, disclosure, cutoff date or report language of a case
    #[command(
        long_about = "Change the title, client, disclosure, cutoff date or report language of a case.\n\n\
Only the options given are changed; give at least one. An empty --client \"\" removes the\n\
client, --cutoff none removes the cutoff date. The citations, history and notes are kept.",
        after_help = "Examples:\n  tisc case edit solar-pump --title \"Solar water pump with magnetic float\"\n  tisc case edit solar-pump --cutoff 2024-02-15 --lang es --disclosure disclosure-v2.txt\n  tisc case edit solar-pump --client \"\"      (remove the client)"
    )]
    Edit(EditArgs),
    /// List the cases
    #[command(after_help = "Example:\n  tisc case list\n  tisc case list --format json")]
    List(ListArgs),
    /// Show a case: its subject, history, citations and notes
    #[command(
        after_help = "Example:\n  tisc case show solar-pump\n  tisc case show solar-pump --format json"
    )]
    Show(ShowArgs),
    /// Cite a document in a case, with its category, the claims it concerns and passages
    #[command(
        long_about = "Cite a document in a case.\n\n\
The document is a publication number in any spelling (US 7,000,001 B2, US7000001, EP3404678),\n\
PMID:<n>, a DOI or a collection id. It is looked up in the case's corpora (every indexed\n\
corpus when the case names none); --corpus settles a number found in several.\n\
Its bibliographic data and abstract are copied into the case, so reports need no index.\n\n\
Categories are those of the PCT search report: X, Y, A, P, E, D, L, O, T, combined with\n\
commas as in P,X (see docs/report-format.md). A passage found word for word in the document\n\
is located (claim or paragraph number); otherwise it is kept as written, e.g. \"figure 2\".\n\
Citing a document again updates its citation.",
        after_help = "Examples:\n  tisc case cite solar-pump US7000001B2 --category X --claims 1,3 \\\n      --passage \"a float switch stops the pump\" --note \"same float switch as our claim 1\"\n  tisc case cite solar-pump \"US 7,000,002\" --category P,Y --claims 2\n  tisc case cite solar-pump PMID:31000001 --category A --corpus demo"
    )]
    Cite(CiteArgs),
    /// Record the invention's numbered claims (or key features), replacing the earlier set
    #[command(
        long_about = "Record the invention's numbered claims, or for an early idea its key features (--features).\n\n\
FILE is plain text (UTF-8; `-` reads standard input): one claim or feature per paragraph,\n\
paragraphs separated by blank lines, each starting with its number — 1., 2., 3. … in order.\n\
The lines of a paragraph are joined. A malformed file is refused with its line number and\n\
nothing is changed. Running it again replaces the set; the earlier one stays in the case.\n\
Citations then name these numbers (tisc case cite … --claims 1,3-4).",
        after_help = "Examples:\n  tisc case claims solar-pump claims.txt\n  tisc case claims solar-pump features.txt --features\n\nclaims.txt:\n  1. A water pump driven by a solar panel,\n     comprising a float switch.\n\n  2. The pump of claim 1, wherein the float is magnetic."
    )]
    Claims(ClaimsArgs),
    /// List the problems of a case: stale claim numbers, categories its dates do not support
    #[command(
        long_about = "List the problems to fix before a case's report is sent: citations naming claims the\n\
case no longer has (after `tisc case claims` replaced them), category P while the case has no\n\
filing date, X or Y documents published on or after the cutoff (not prior art on their own),\n\
Y citations without --combines-with, and combinations with a document no longer cited.\n\n\
Exit code 0 when there is none, 2 when there are (listed on standard output).",
        after_help = "Examples:\n  tisc case check solar-pump\n  tisc case check solar-pump --format json"
    )]
    Check(CheckArgs),
    /// Mark the search completed (the report's date of completion), or back to draft
    #[command(
        after_help = "Examples:\n  tisc case complete solar-pump                 (today, UTC)\n  tisc case complete solar-pump --date 2024-05-02\n  tisc case complete solar-pump --reopen        (back to draft)"
    )]
    Complete(CompleteArgs),
    /// Remove a citation from a case
    #[command(after_help = "Example:\n  tisc case uncite solar-pump US7000001B2")]
    Uncite(UnciteArgs),
    /// Add a note to a case
    #[command(
        after_help = "Example:\n  tisc case note solar-pump \"Inventor says the float is magnetic, not mechanical\""
    )]
    Note(NoteArgs),
    /// Delete a case and everything in it (asks first)
    #[command(
        after_help = "Example:\n  tisc case delete solar-pump\n  tisc case delete solar-pump --yes      (no question: for scripts)"
    )]
    Delete(DeleteArgs),
    /// Run a strategy over the corpora named and record it in the case with its hit counts
    #[command(
        hide = true,
        after_help = "Example:\n  tisc case record solar-pump --corpus demo \"solar AND pump\""
    )]
    Record(RecordArgs),
    // Its help is on `ExportArgs` (cli/case/export.rs).
    Export(export::ExportArgs),
    // Their help is on `ForgetArgs` and `AmendArgs` (cli/case/record.rs).
    Forget(record::ForgetArgs),
    Amend(record::AmendArgs),
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// Case name: letters, digits, `-` and `_`
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// What the invention is, in a few words
    #[arg(long)]
    pub title: String,
    /// Who the search is for
    #[arg(long)]
    pub client: Option<String>,
    /// A text file with the inventor's description of the invention
    #[arg(long, value_name = "FILE")]
    pub disclosure: Option<PathBuf>,
    /// Cutoff date: documents published on or after it are not prior art (default: the
    /// priority date)
    #[arg(long, value_parser = parse_cutoff, value_name = "YYYY-MM-DD")]
    pub cutoff: Option<Date>,
    /// Earliest priority date claimed for the invention
    #[arg(long, value_parser = parse_cutoff, value_name = "YYYY-MM-DD")]
    pub priority_date: Option<Date>,
    /// Filing date of the application (needed to cite in category P)
    #[arg(long, value_parser = parse_cutoff, value_name = "YYYY-MM-DD")]
    pub filing_date: Option<Date>,
    /// Language of the reports: en, fr, es, pt or ar
    #[arg(long, value_parser = parse_lang, default_value = "en")]
    pub lang: ReportLang,
    /// IPC symbol of the subject matter (repeat for several)
    #[arg(long = "ipc", value_parser = ClassCode::parse, value_name = "CODE")]
    pub ipc: Vec<ClassCode>,
    /// Corpus to search and look cited documents up in (repeat; default: every indexed one)
    #[arg(long = "corpus", value_name = "NAME")]
    pub corpora: Vec<String>,
}

#[derive(Args, Debug)]
#[command(group(
    clap::ArgGroup::new("change")
        .required(true)
        .multiple(true)
        .args(["title", "client", "disclosure", "cutoff", "priority_date", "filing_date", "lang"])
))]
pub struct EditArgs {
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// New title: what the invention is, in a few words
    #[arg(long)]
    pub title: Option<String>,
    /// Who the search is for ("" removes the client)
    #[arg(long)]
    pub client: Option<String>,
    /// A text file with the inventor's description of the invention, replacing the one kept
    #[arg(long, value_name = "FILE")]
    pub disclosure: Option<PathBuf>,
    /// New cutoff date, or `none` to remove it
    #[arg(long, value_parser = parse_cutoff_or_none, value_name = "YYYY-MM-DD|none")]
    pub cutoff: Option<NewCutoff>,
    /// Priority date, or `none` to remove it (also sets the cutoff when the case has none)
    #[arg(long, value_parser = parse_cutoff_or_none, value_name = "YYYY-MM-DD|none")]
    pub priority_date: Option<NewCutoff>,
    /// Filing date of the application, or `none` to remove it
    #[arg(long, value_parser = parse_cutoff_or_none, value_name = "YYYY-MM-DD|none")]
    pub filing_date: Option<NewCutoff>,
    /// Language of the reports: en, fr, es, pt or ar
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<ReportLang>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// Output format (json: the whole case as stored)
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

#[derive(Args, Debug)]
pub struct CiteArgs {
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// Publication number (any spelling), PMID:<n>, DOI or collection id
    pub doc: String,
    /// Category: X, Y, A, P, E, D, L, O, T, or a combination such as P,X
    #[arg(long, value_parser = Categories::parse)]
    pub category: Categories,
    /// Claims of the invention this document concerns, e.g. 1,3 or 1-4
    #[arg(long, value_parser = parse_claim_list)]
    pub claims: Option<ClaimList>,
    /// A relevant passage: a quotation, or a place such as "paragraphs [0012]-[0020]" (repeat)
    #[arg(long = "passage", value_name = "TEXT")]
    pub passages: Vec<String>,
    /// Why this document matters, in your words
    #[arg(long)]
    pub note: Option<String>,
    /// For a Y citation: the cited document it is relevant in combination with (repeat, or
    /// a comma list)
    #[arg(long = "combines-with", value_name = "DOC")]
    pub combines_with: Vec<String>,
    /// Look the document up in this corpus only
    #[arg(long, value_name = "NAME")]
    pub corpus: Option<String>,
}

#[derive(Args, Debug)]
pub struct UnciteArgs {
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// The cited document, in any spelling
    pub doc: String,
}

#[derive(Args, Debug)]
pub struct NoteArgs {
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// The note
    pub text: String,
}

#[derive(Args, Debug)]
pub struct DeleteArgs {
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// Do not ask for confirmation
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args, Debug)]
pub struct RecordArgs {
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// Corpus to run the strategy on (repeat)
    #[arg(long = "corpus", value_name = "NAME", required = true)]
    pub corpora: Vec<String>,
    /// The strategy
    pub query: String,
}

pub fn store(ws: &Workspace) -> CaseStore {
    CaseStore::new(ws.cases_dir())
}

/// Library errors at the edge: bad names and categories are usage errors (exit code 2).
pub(super) fn case_error(e: CaseError) -> anyhow::Error {
    match e {
        CaseError::BadId(_)
        | CaseError::BadCategory(_)
        | CaseError::BadClaims(_)
        | CaseError::NoStrategy { .. }
        | CaseError::SetInUse { .. }
        | CaseError::LaterSet { .. } => usage(e.to_string()),
        other => anyhow::Error::new(other),
    }
}

pub fn run(ws: &Workspace, args: CaseArgs) -> anyhow::Result<()> {
    match args.command {
        CaseCommand::New(a) => new(ws, a),
        CaseCommand::Edit(a) => edit(ws, a),
        CaseCommand::List(a) => list(ws, a),
        CaseCommand::Show(a) => show::show(ws, a),
        CaseCommand::Cite(a) => cite::cite(ws, a),
        CaseCommand::Claims(a) => claims::claims(ws, a),
        CaseCommand::Check(a) => claims::check_case(ws, a),
        CaseCommand::Complete(a) => claims::complete(ws, a),
        CaseCommand::Uncite(a) => uncite(ws, a),
        CaseCommand::Note(a) => note(ws, a),
        CaseCommand::Delete(a) => delete(ws, a),
        CaseCommand::Record(a) => record(ws, a),
        CaseCommand::Export(a) => export::run(ws, a),
        CaseCommand::Forget(a) => record::forget(ws, a),
        CaseCommand::Amend(a) => record::amend(ws, a),
    }
}

fn new(ws: &Workspace, a: NewArgs) -> anyhow::Result<()> {
    if a.title.trim().is_empty() {
        return Err(usage(
            "the title is empty: say in a few words what the invention is",
        ));
    }
    if let (Some(p), Some(f)) = (a.priority_date, a.filing_date) {
        check_dates(p, f)?;
    }
    for c in &a.corpora {
        corpus::find(ws, c)?;
    }
    let disclosure = match &a.disclosure {
        Some(p) => Some(super::read_input(p, "disclosure")?),
        None => None,
    };
    let case = store(ws)
        .create(
            &a.id,
            NewCase {
                title: a.title.trim().to_string(),
                client: a.client.filter(|c| !c.trim().is_empty()),
                disclosure,
                language: a.lang,
                cutoff: a.cutoff,
                priority_date: a.priority_date,
                filing_date: a.filing_date,
                ipc: a.ipc,
                corpora: a.corpora,
            },
        )
        .map_err(case_error)?;
    crate::outln!("created case `{}`: {}", case.id, case.title);
    if let (None, Some(p)) = (a.cutoff, a.priority_date) {
        crate::outln!("cutoff set to the priority date, {p}");
    }
    Ok(())
}

fn edit(ws: &Workspace, a: EditArgs) -> anyhow::Result<()> {
    let title = match a.title {
        Some(t) if t.trim().is_empty() => {
            return Err(usage(
                "the title is empty: say in a few words what the invention is",
            ))
        }
        t => t.map(|t| t.trim().to_string()),
    };
    let disclosure = match &a.disclosure {
        Some(p) => Some(Some(super::read_input(p, "disclosure")?)),
        None => None,
    };
    let requested = CaseEdit {
        title,
        client: a
            .client
            .map(|c| Some(c.trim().to_string()).filter(|c| !c.is_empty())),
        disclosure,
        cutoff: a.cutoff.map(|c| c.0),
        language: a.lang,
        priority_date: a.priority_date.map(|d| d.0),
        filing_date: a.filing_date.map(|d| d.0),
    };
    let mut w = store(ws).open_write(&a.id).map_err(case_error)?;
    let mut requested = requested;
    let before = w.case();
    let priority = requested.priority_date.unwrap_or(before.priority_date);
    let filing = requested.filing_date.unwrap_or(before.filing_date);
    if let (Some(p), Some(f)) = (priority, filing) {
        check_dates(p, f)?;
    }
    // A priority date given to a case without a cutoff becomes its cutoff.
    let mut cutoff_from_priority = None;
    if let (Some(Some(p)), None, None) = (requested.priority_date, requested.cutoff, before.cutoff)
    {
        requested.cutoff = Some(Some(p));
        cutoff_from_priority = Some(p);
    }
    let changed = w.edit(&requested).map_err(case_error)?;
    let mut fields = Vec::new();
    for (name, set) in [
        ("title", changed.title.is_some()),
        ("client", changed.client.is_some()),
        ("disclosure", changed.disclosure.is_some()),
        ("cutoff", changed.cutoff.is_some()),
        ("priority date", changed.priority_date.is_some()),
        ("filing date", changed.filing_date.is_some()),
        ("language", changed.language.is_some()),
    ] {
        if set {
            fields.push(name);
        }
    }
    if fields.is_empty() {
        crate::outln!("case `{}` unchanged: it already reads so", a.id);
    } else {
        crate::outln!("updated case `{}`: {}", a.id, fields.join(", "));
    }
    if let Some(p) = cutoff_from_priority {
        crate::outln!("the case had no cutoff: it is now the priority date, {p}");
    }
    finish(w)
}

fn list(ws: &Workspace, a: ListArgs) -> anyhow::Result<()> {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for c in store(ws).list() {
        match c {
            Ok(c) => cases.push(c),
            Err(e) => problems.push(e.to_string()),
        }
    }
    match a.format {
        ShowFormat::Json => {
            let rows: Vec<serde_json::Value> = cases
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id, "title": c.title, "client": c.client,
                        "strategies": c.history.len(), "citations": c.citations.len(),
                        "updated_at": c.updated_at,
                    })
                })
                .collect();
            crate::outln!("{}", crate::cli::output::json_pretty(&rows)?);
        }
        ShowFormat::Text if cases.is_empty() => {
            crate::outln!("no cases yet — make one with `tisc case new <name> --title \"…\"`");
        }
        ShowFormat::Text => {
            crate::outln!(
                "{:<24} {:>10} {:>9}  {:<20}  title",
                "case",
                "strategies",
                "citations",
                "updated"
            );
            for c in &cases {
                crate::outln!(
                    "{:<24} {:>10} {:>9}  {:<20}  {}",
                    super::output::Pad(&c.id),
                    c.history.len(),
                    c.citations.len(),
                    c.updated_at,
                    super::output::truncate(&c.title, 60)
                );
            }
        }
    }
    for p in problems {
        crate::errln!("warning: {p}");
    }
    Ok(())
}

/// A filing date before the priority date is a typing mistake: refused.
fn check_dates(priority: Date, filing: Date) -> anyhow::Result<()> {
    if filing < priority {
        return Err(usage(format!(
            "the filing date {filing} is before the priority date {priority}: an application is filed on or after its priority date"
        )));
    }
    Ok(())
}

/// Fold the journal into case.json and release the lock. The change is already durable.
fn finish(w: CaseWriter) -> anyhow::Result<()> {
    w.close()
        .map(|_| ())
        .map_err(case_error)
        .context("the change is saved in the case journal, but rewriting case.json failed")
}

fn uncite(ws: &Workspace, a: UnciteArgs) -> anyhow::Result<()> {
    let st = store(ws);
    let r = Reference::parse(&a.doc).ok_or_else(|| usage("the document reference is empty"))?;
    let mut w = st.open_write(&a.id).map_err(case_error)?;
    let Some(id) = w.case().find_citation(&r).map(|c| c.doc.id.clone()) else {
        return Err(case_error(CaseError::NotCited {
            id: a.id,
            doc: a.doc,
        }));
    };
    w.uncite(&id).map_err(case_error)?;
    crate::outln!("removed the citation of {id} from case `{}`", a.id);
    finish(w)
}

fn note(ws: &Workspace, a: NoteArgs) -> anyhow::Result<()> {
    if a.text.trim().is_empty() {
        return Err(usage("the note is empty"));
    }
    let mut w = store(ws).open_write(&a.id).map_err(case_error)?;
    w.add_note(a.text.trim()).map_err(case_error)?;
    crate::outln!("noted in case `{}` ({} notes)", a.id, w.case().notes.len());
    finish(w)
}

fn delete(ws: &Workspace, a: DeleteArgs) -> anyhow::Result<()> {
    let st = store(ws);
    let case = st.open(&a.id).map_err(case_error)?;
    if !a.yes {
        if !std::io::stdin().is_terminal() {
            return Err(usage(format!(
                "not deleting case `{}` without confirmation: add --yes to delete it from a script",
                a.id
            )));
        }
        let _ = write!(
            crate::cli::output::stderr(),
            "Delete case `{}` ({}: {}, {})? This cannot be undone. [y/N] ",
            case.id,
            case.title,
            crate::lang::cli::CITATIONS.count("en", case.citations.len() as u64),
            crate::lang::cli::STRATEGIES.count("en", case.history.len() as u64)
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
            crate::outln!("kept case `{}`", a.id);
            return Ok(());
        }
    }
    st.delete(&a.id).map_err(case_error)?;
    crate::outln!("deleted case `{}`", a.id);
    Ok(())
}

fn record(ws: &Workspace, a: RecordArgs) -> anyhow::Result<()> {
    if a.query.trim().is_empty() {
        return Err(usage("the strategy is empty"));
    }
    let st = store(ws);
    st.open(&a.id).map_err(case_error)?;
    let mut hits = Vec::new();
    for name in &a.corpora {
        corpus::find(ws, name)?;
        let idx = CorpusIndex::open(&ws.index_dir(name), name)?;
        let session = Session::new(&idx)?;
        let all = usize::try_from(idx.num_docs()).unwrap_or(usize::MAX).max(1);
        let n = match session.search(&a.query, all) {
            Ok(ranked) => ranked.len() as u64,
            Err(e @ SearchError::Query { .. }) => return Err(usage(e.to_string())),
            Err(e) => return Err(e.into()),
        };
        let cov = crate::case::coverage_in(ws, name, &[&idx]);
        hits.push((name.clone(), n, coverage_or_warn(name, cov)));
    }
    let mut w = st.open_write(&a.id).map_err(case_error)?;
    let number = w.record_search(&a.query, &hits).map_err(case_error)?;
    let shown: Vec<String> = hits
        .iter()
        .map(|(c, n, _)| format!("{} in {c}", crate::lang::cli::HITS.count("en", *n)))
        .collect();
    crate::outln!(
        "#{number} recorded in case `{}`: {}",
        a.id,
        shown.join(", ")
    );
    finish(w)
}

/// A coverage that could not be read is left out of the record, with a warning: the strategy
/// and its hit counts are what matter most.
fn coverage_or_warn(
    corpus: &str,
    c: Result<crate::case::Coverage, crate::index::IndexError>,
) -> Option<crate::case::Coverage> {
    c.map_err(|e| crate::errln!("warning: coverage of {corpus} not recorded: {e}"))
        .ok()
}

/// What each corpus searched covers now (its shards together), by corpus name.
pub(super) fn coverages(
    ws: &Workspace,
    indexes: &[Vec<CorpusIndex>],
) -> std::collections::HashMap<String, crate::case::Coverage> {
    let mut out = std::collections::HashMap::new();
    for shards in indexes {
        let Some(name) = shards.first().map(|s| s.name.clone()) else {
            continue;
        };
        let refs: Vec<&CorpusIndex> = shards.iter().collect();
        if let Some(c) = coverage_or_warn(&name, crate::case::coverage_in(ws, &name, &refs)) {
            out.insert(name, c);
        }
    }
    out
}
