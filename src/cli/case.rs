//! `tisc case`: make a case, cite documents in it, note things, list, show and delete cases.
//!
//! Every change goes through [`CaseWriter`]: it is journaled and fsynced before this module
//! prints that it is done, and a second process writing the same case is refused.

mod resolve;
mod values;

use super::usage;
use crate::case::{
    CaseEdit, CaseError, CaseStore, CaseWriter, Categories, Category, Citation, CiteOutcome,
    NewCase, ReportLang,
};
use crate::corpus::{self, Workspace};
use crate::index::CorpusIndex;
use crate::model::{ClassCode, Date};
use crate::search::lookup::Reference;
use crate::search::{SearchError, Session};
use anyhow::Context;
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
    /// Cutoff (priority) date: documents published on or after it are not prior art
    #[arg(long, value_parser = parse_cutoff, value_name = "YYYY-MM-DD")]
    pub cutoff: Option<Date>,
    /// Language of the reports: en, fr or es
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
        .args(["title", "client", "disclosure", "cutoff", "lang"])
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
    /// New cutoff (priority) date, or `none` to remove it
    #[arg(long, value_parser = parse_cutoff_or_none, value_name = "YYYY-MM-DD|none")]
    pub cutoff: Option<NewCutoff>,
    /// Language of the reports: en, fr or es
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
        CaseError::BadId(_) | CaseError::BadCategory(_) | CaseError::BadClaims(_) => {
            usage(e.to_string())
        }
        other => anyhow::Error::new(other),
    }
}

pub fn run(ws: &Workspace, args: CaseArgs) -> anyhow::Result<()> {
    match args.command {
        CaseCommand::New(a) => new(ws, a),
        CaseCommand::Edit(a) => edit(ws, a),
        CaseCommand::List(a) => list(ws, a),
        CaseCommand::Show(a) => show(ws, a),
        CaseCommand::Cite(a) => cite(ws, a),
        CaseCommand::Uncite(a) => uncite(ws, a),
        CaseCommand::Note(a) => note(ws, a),
        CaseCommand::Delete(a) => delete(ws, a),
        CaseCommand::Record(a) => record(ws, a),
    }
}

fn new(ws: &Workspace, a: NewArgs) -> anyhow::Result<()> {
    if a.title.trim().is_empty() {
        return Err(usage(
            "the title is empty: say in a few words what the invention is",
        ));
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
                priority_date: None,
                filing_date: None,
                ipc: a.ipc,
                corpora: a.corpora,
            },
        )
        .map_err(case_error)?;
    crate::outln!("created case `{}`: {}", case.id, case.title);
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
        priority_date: None,
        filing_date: None,
    };
    let mut w = store(ws).open_write(&a.id).map_err(case_error)?;
    let changed = w.edit(&requested).map_err(case_error)?;
    let mut fields = Vec::new();
    for (name, set) in [
        ("title", changed.title.is_some()),
        ("client", changed.client.is_some()),
        ("disclosure", changed.disclosure.is_some()),
        ("cutoff", changed.cutoff.is_some()),
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

fn show(ws: &Workspace, a: ShowArgs) -> anyhow::Result<()> {
    let c = store(ws).open(&a.id).map_err(case_error)?;
    if a.format == ShowFormat::Json {
        crate::outln!("{}", crate::cli::output::json_pretty(&c)?);
        return Ok(());
    }
    let dash = |v: String| if v.is_empty() { "-".to_string() } else { v };
    let mut out = crate::cli::output::stdout();
    writeln!(out, "case {} — {}", c.id, c.title)?;
    if let Some(cl) = &c.client {
        writeln!(out, "client:   {cl}")?;
    }
    let cutoff = dash(c.cutoff.map(|d| d.to_string()).unwrap_or_default());
    writeln!(out, "language: {}    cutoff: {cutoff}", c.language.code())?;
    let ipc: Vec<String> = c.ipc.iter().map(crate::report::ipc_display).collect();
    writeln!(out, "IPC:      {}", dash(ipc.join("; ")))?;
    let corpora = c.corpora.join(", ");
    let corpora = if corpora.is_empty() {
        "every indexed corpus".into()
    } else {
        corpora
    };
    writeln!(out, "corpora:  {corpora}")?;
    writeln!(
        out,
        "created:  {}    updated: {}",
        c.created_at, c.updated_at
    )?;
    writeln!(out, "\nhistory ({})", c.history.len())?;
    for s in &c.history {
        let hits: Vec<String> = s
            .hits
            .iter()
            .map(|h| format!("{}: {}", h.corpus, h.hits))
            .collect();
        writeln!(
            out,
            "  #{:<3} {:<20} {}  {}",
            s.number,
            s.at,
            hits.join(", "),
            s.query
        )?;
    }
    writeln!(out, "\ncitations ({})", c.citations.len())?;
    let labels = crate::report::strings::labels(ReportLang::En);
    for ct in &c.citations {
        let claims = crate::lang::cli::CLAIMS.count_shown(
            "en",
            ct.claims.len() as u64,
            &dash(crate::case::format_claims(&ct.claims)),
        );
        let title = super::output::truncate(
            ct.snapshot
                .biblio
                .title_in(&c.language.as_lang())
                .unwrap_or(""),
            60,
        );
        let cats = ct.categories.to_string();
        writeln!(
            out,
            "  {cats:<5} {:<18} {claims:<15} {title}",
            super::output::Pad(&ct.doc.id)
        )?;
        for p in &ct.passages {
            let place = crate::report::passage_place(p, labels).map(|p| format!(" ({p})"));
            writeln!(out, "        “{}”{}", p.text, place.unwrap_or_default())?;
        }
        if let Some(n) = &ct.note {
            writeln!(out, "        note: {n}")?;
        }
    }
    if !c.notes.is_empty() {
        writeln!(out, "\nnotes ({})", c.notes.len())?;
        for n in &c.notes {
            writeln!(out, "  {}  {}", n.at, n.text)?;
        }
    }
    Ok(())
}

fn cite(ws: &Workspace, a: CiteArgs) -> anyhow::Result<()> {
    let st = store(ws);
    let case = st.open(&a.id).map_err(case_error)?;
    let corpora = resolve::corpora(ws, &case, a.corpus.as_deref())?;
    let (corpus, doc) = resolve::document(ws, &corpora, &a.doc)?;
    let citation = Citation::new(
        &doc,
        &corpus,
        a.category,
        a.claims.map(|c| c.0).unwrap_or_default(),
        &a.passages,
        a.note,
        &crate::model::time::now().to_string(),
    );
    for p in citation.passages.iter().filter(|p| !p.is_located()) {
        crate::errln!(
            "note: passage not found word for word in {}; kept as written: “{}”",
            doc.biblio.id,
            p.text
        );
    }
    let dated = [
        Category::P,
        Category::E,
        Category::T,
        Category::L,
        Category::O,
    ];
    if let (Some(cut), Some(pd)) = (case.cutoff, doc.biblio.publication_date) {
        if pd >= cut && !dated.iter().any(|c| citation.categories.contains(*c)) {
            crate::errln!(
                "note: {} was published on {}, on or after the cutoff date of the case ({}): consider category P, E or T",
                doc.biblio.id,
                crate::lang::long_date("en", pd),
                crate::lang::long_date("en", cut)
            );
        }
    }
    let categories = citation.categories.to_string();
    let mut w = st.open_write(&a.id).map_err(case_error)?;
    let outcome = w.cite(citation).map_err(case_error)?;
    let n = w.case().citations.len();
    let verb = match outcome {
        CiteOutcome::Added => "cited",
        CiteOutcome::Updated => "updated the citation of",
    };
    crate::outln!(
        "{verb} {} as {categories} in case `{}` ({})",
        doc.biblio.id,
        a.id,
        crate::lang::cli::CITATIONS.count("en", n as u64)
    );
    finish(w)
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
        hits.push((name.clone(), n));
    }
    let mut w = st.open_write(&a.id).map_err(case_error)?;
    let number = w.record_search(&a.query, &hits).map_err(case_error)?;
    let shown: Vec<String> = hits
        .iter()
        .map(|(c, n)| format!("{} in {c}", crate::lang::cli::HITS.count("en", *n)))
        .collect();
    crate::outln!(
        "#{number} recorded in case `{}`: {}",
        a.id,
        shown.join(", ")
    );
    finish(w)
}
