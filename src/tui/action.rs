//! The vocabulary of the workbench: every [`Action`] that can change its state — keys,
//! mouse, resize, and the results of background jobs — and every [`Effect`] an update asks
//! the outside world to perform.
//!
//! Keys are translated to actions by the [`keymap`](super::keymap); effects are run by the
//! [`worker`](super::worker) on other threads and come back as [`Action::Job`], tagged with
//! the generation number they were issued with.

use crate::case::{Case, CaseEdit, ReportLang};
use crate::model::{Date, Document};
use crate::search::Hit;
use std::path::PathBuf;

/// A key (or mouse) driven action, a terminal event or a finished job.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    ForceQuit,
    Back,
    Help,
    OpenQuery,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    NextPane,
    ToggleSort,
    /// Search by meaning on or off (for the next search).
    ToggleMeaning,
    NextMatch,
    PrevMatch,
    Cite,
    ShowCases,
    ShowCorpora,
    ShowReport,
    NewCase,
    /// Change the title, client, disclosure, cutoff or language of the open case.
    EditCase,
    DeleteCase,
    CycleUiLang,
    CycleReportLang,
    CycleExportFormat,
    Export,
    IndexCorpus,
    /// Give the selected corpus's documents their vectors (search by meaning), in the
    /// background.
    EmbedCorpus,
    /// Query by example: the open case's disclosure becomes a strategy in the editor.
    QueryByExample,
    /// The same, expanded with words of the best first hits (pseudo-relevance feedback).
    QueryByExampleFeedback,
    Confirm,
    /// A key typed into a text input.
    Input(InputKey),
    /// Mouse wheel: positive scrolls down.
    Scroll(i32),
    Resize(u16, u16),
    /// A background job finished (or reported progress).
    Job {
        gen: u64,
        done: JobDone,
    },
    /// Text pasted (bracketed paste), or typed in one burst: it goes whole into the input
    /// with focus, never to key bindings.
    Paste(String),
    /// Copy the selected history strategy into the editor, to change it.
    EditStrategy,
    /// Find a text inside the open document (its matches replace the strategy's until Esc).
    FindInDocument,
    /// Go to the (next) abstract, claims or description of the open document.
    JumpAbstract,
    JumpClaims,
    JumpDescription,
    /// Remove the selected strategy (history) or citation (case view), after asking.
    Remove,
    /// Open the selected history strategy in the editor to correct it: Enter then records
    /// the corrected strategy under the same `#n`.
    CorrectStrategy,
    /// Hand in the exercise of the open case to the trainer's folder (a form, then a
    /// confirmation).
    Submit,
    /// The clock, once a second from the event loop: the exercise timer reads it from the
    /// state, so `update` and the views stay pure.
    Tick(crate::model::time::Timestamp),
}

/// The actions a key can be bound to in `config.toml`, with their names.
pub const BINDABLE: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("force_quit", Action::ForceQuit),
    ("back", Action::Back),
    ("help", Action::Help),
    ("query", Action::OpenQuery),
    ("up", Action::Up),
    ("down", Action::Down),
    ("page_up", Action::PageUp),
    ("page_down", Action::PageDown),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("open", Action::Open),
    ("next_pane", Action::NextPane),
    ("sort", Action::ToggleSort),
    ("meaning", Action::ToggleMeaning),
    ("next_match", Action::NextMatch),
    ("prev_match", Action::PrevMatch),
    ("cite", Action::Cite),
    ("cases", Action::ShowCases),
    ("corpora", Action::ShowCorpora),
    ("report", Action::ShowReport),
    ("new_case", Action::NewCase),
    ("edit_case", Action::EditCase),
    ("delete_case", Action::DeleteCase),
    ("ui_lang", Action::CycleUiLang),
    ("report_lang", Action::CycleReportLang),
    ("export_format", Action::CycleExportFormat),
    ("export", Action::Export),
    ("index", Action::IndexCorpus),
    ("embed", Action::EmbedCorpus),
    ("by_example", Action::QueryByExample),
    ("by_example_feedback", Action::QueryByExampleFeedback),
    ("confirm", Action::Confirm),
    ("edit_strategy", Action::EditStrategy),
    ("find", Action::FindInDocument),
    ("jump_abstract", Action::JumpAbstract),
    ("jump_claims", Action::JumpClaims),
    ("jump_description", Action::JumpDescription),
    ("remove", Action::Remove),
    ("correct_strategy", Action::CorrectStrategy),
    ("submit", Action::Submit),
];

impl Action {
    /// The name of a bindable action (`None` for inputs, terminal events and jobs).
    pub fn name(&self) -> Option<&'static str> {
        BINDABLE.iter().find(|(_, a)| a == self).map(|(n, _)| *n)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.clone())
    }
}

/// A key typed into a text input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    /// Alt-Enter: a new line.
    Newline,
    /// Enter: run the query, save the form.
    Submit,
    /// Tab: complete a field code (query editor) or go to the next field (forms).
    Complete,
    /// Ctrl-U: erase from the start of the line to the cursor.
    EraseToStart,
    /// Ctrl-W: erase the word before the cursor (and the spaces after it).
    EraseWord,
    /// Ctrl-K: erase from the cursor to the end of the line.
    EraseToEnd,
}

/// What kind of job a generation number belongs to: a newer job of the same kind makes the
/// results of older ones stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    Search,
    Document,
    Corpora,
    Cases,
    Case,
    Cite,
    Report,
    Export,
    Index,
    Embed,
    Example,
    Submit,
}

/// One row of the corpora screen.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusRow {
    pub name: String,
    pub indexed: bool,
    /// Why the corpus cannot be read here, when it cannot.
    pub unavailable: Option<String>,
    pub documents: u64,
    pub index_bytes: u64,
    /// When the index was built (RFC 3339).
    pub built_at: Option<String>,
    /// When a file of the corpus was last received by `tisc mirror sync` (RFC 3339), and how
    /// many of its files the last sync could not fetch.
    pub last_mirror: Option<String>,
    pub mirror_failures: usize,
    /// How much of it has vectors for search by meaning (`None`: never embedded).
    pub meaning: Option<crate::semantic::store::Share>,
}

/// What a finished search brings back.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOutcome {
    pub query: String,
    /// Total matches per corpus, in the order searched.
    pub per_corpus: Vec<(String, u64)>,
    /// Result rows fused over the corpora, one per family (see [`crate::search::job`]).
    pub hits: Vec<Hit>,
    pub warnings: Vec<String>,
    /// Errors of single corpora (the others still answered).
    pub failures: Vec<String>,
    /// The history number given by the open case, if the search was recorded.
    pub recorded: Option<u32>,
    /// Search by meaning: `None` when it was off; `Some(true)` when it ordered the hits,
    /// `Some(false)` when it was asked for but no corpus could use it (BM25 alone).
    pub meaning: Option<bool>,
}

/// A strategy made from a disclosure (query by example), for the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleStrategy {
    pub strategy: String,
    /// The corpora the terms were weighted over, comma-separated.
    pub corpus: String,
    pub terms: usize,
    /// The language the disclosure was read in, and whether it was guessed or fallen back to
    /// (the corpora's declared language, or the interface's).
    pub lang: crate::lang::guess::LangGuess,
}

/// A loaded document with its text laid out for the viewer.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedDocument {
    pub corpus: String,
    pub doc: Box<Document>,
    pub lines: Vec<super::highlight::DocLine>,
}

/// Why a background job failed, as the message the workbench shows (in the status line or
/// a dialog). The worker turns its typed error into this text at the channel: nothing in
/// `update` branches on a failure's kind, and [`JobDone`] must stay `Clone + PartialEq` for
/// the update tests, which I/O and index errors are not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct JobFailure(String);

impl JobFailure {
    /// The message to show.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl From<String> for JobFailure {
    fn from(message: String) -> JobFailure {
        JobFailure(message)
    }
}

impl From<&str> for JobFailure {
    fn from(message: &str) -> JobFailure {
        JobFailure(message.to_string())
    }
}

impl From<JobFailure> for String {
    fn from(failure: JobFailure) -> String {
        failure.0
    }
}

/// A corpus the workbench has just indexed, and how many documents its index holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedCorpus {
    pub corpus: String,
    pub documents: u64,
}

/// A corpus the workbench has just embedded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedCorpus {
    pub corpus: String,
    /// Documents embedded by this run.
    pub embedded: u64,
    /// Documents with a vector now, of those in the model's languages.
    pub with_vector: u64,
    pub embeddable: u64,
    /// Documents the model failed on (they are tried again by the next run).
    pub failed: u64,
}

/// The result of a background job.
#[derive(Debug, Clone, PartialEq)]
pub enum JobDone {
    Searched(Result<SearchOutcome, JobFailure>),
    DocumentLoaded(Result<LoadedDocument, JobFailure>),
    CorporaLoaded(Vec<CorpusRow>),
    CasesLoaded(Vec<Case>),
    CaseLoaded(Result<Box<Case>, JobFailure>),
    CaseCreated(Result<Box<Case>, JobFailure>),
    /// The case as saved after an edit.
    CaseEdited(Result<Box<Case>, JobFailure>),
    /// The id of the case deleted.
    CaseDeleted(Result<String, JobFailure>),
    /// The id of the document cited.
    Cited(Result<String, JobFailure>),
    /// The report, as Markdown.
    ReportRendered(Result<String, JobFailure>),
    /// Where the export was written.
    Exported(Result<PathBuf, JobFailure>),
    IndexProgress {
        bytes: u64,
        total: u64,
        docs: u64,
        committing: bool,
    },
    Indexed(Result<IndexedCorpus, JobFailure>),
    /// Embedding progress: documents done of those to do, and the rate so far.
    EmbedProgress {
        done: u64,
        total: u64,
        per_second: f64,
    },
    Embedded(Result<EmbeddedCorpus, JobFailure>),
    ExampleReady(Result<ExampleStrategy, JobFailure>),
    /// A strategy or citation removed (`what`: `#3` or the document id), and the case after.
    Removed {
        what: String,
        case: Result<Box<Case>, JobFailure>,
    },
    /// An exercise handed in.
    Submitted(Result<SubmitOutcome, JobFailure>),
}

impl JobDone {
    pub fn kind(&self) -> JobKind {
        match self {
            JobDone::Searched(_) => JobKind::Search,
            JobDone::DocumentLoaded(_) => JobKind::Document,
            JobDone::CorporaLoaded(_) => JobKind::Corpora,
            JobDone::CasesLoaded(_) | JobDone::CaseDeleted(_) => JobKind::Cases,
            JobDone::CaseLoaded(_) | JobDone::CaseCreated(_) | JobDone::CaseEdited(_) => {
                JobKind::Case
            }
            JobDone::Cited(_) => JobKind::Cite,
            JobDone::ReportRendered(_) => JobKind::Report,
            JobDone::Exported(_) => JobKind::Export,
            JobDone::IndexProgress { .. } | JobDone::Indexed(_) => JobKind::Index,
            JobDone::EmbedProgress { .. } | JobDone::Embedded(_) => JobKind::Embed,
            JobDone::ExampleReady(_) => JobKind::Example,
            JobDone::Removed { .. } => JobKind::Case,
            JobDone::Submitted(_) => JobKind::Submit,
        }
    }
}

/// Report export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    #[default]
    Md,
    Html,
    Json,
}

impl ExportFormat {
    pub fn next(self) -> ExportFormat {
        match self {
            ExportFormat::Md => ExportFormat::Html,
            ExportFormat::Html => ExportFormat::Json,
            ExportFormat::Json => ExportFormat::Md,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
            ExportFormat::Json => "json",
        }
    }

    pub fn report_format(self) -> crate::report::Format {
        match self {
            ExportFormat::Md => crate::report::Format::Markdown,
            ExportFormat::Html => crate::report::Format::Html,
            ExportFormat::Json => crate::report::Format::Json,
        }
    }
}

/// The fields of a new case, as typed in the case form (already checked).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseDraft {
    pub id: String,
    pub title: String,
    pub client: Option<String>,
    pub cutoff: Option<Date>,
    pub language: ReportLang,
    pub disclosure: Option<String>,
}

/// A citation as typed in the citation dialog (already checked).
#[derive(Debug, Clone, PartialEq)]
pub struct CitationDraft {
    pub case: String,
    pub corpus: String,
    pub doc_id: String,
    pub categories: String,
    pub claims: Vec<u32>,
    pub passage: String,
    pub note: String,
}

/// Work for the world outside `update`: run by the worker, answered with [`Action::Job`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Search {
        gen: u64,
        query: String,
        /// Corpora to search; empty means every indexed corpus.
        corpora: Vec<String>,
        cutoff: Option<Date>,
        /// The open case, in which the strategy is recorded.
        case: Option<String>,
        /// `#n` → strategy, for history references.
        history: Vec<(u32, String)>,
        limit: usize,
        /// The history number this strategy corrects: recorded as the correction of that
        /// strategy (`tisc case amend`), not as a new one.
        corrects: Option<u32>,
        /// Order the hits by meaning where the corpus is embedded.
        meaning: bool,
        /// The disclosure a by-example strategy was made from: with `meaning`, the hits
        /// are fused with its meaning instead.
        example: Option<String>,
    },
    LoadDocument {
        gen: u64,
        corpus: String,
        id: String,
        /// The strategy whose words are highlighted.
        query: String,
        /// The language of the field labels.
        lang: super::strings::UiLang,
    },
    LoadCorpora {
        gen: u64,
    },
    LoadCases {
        gen: u64,
    },
    LoadCase {
        gen: u64,
        id: String,
    },
    CreateCase {
        gen: u64,
        draft: CaseDraft,
    },
    /// Change the subject of case `id` (only the fields `edit` sets), and its claims when
    /// `claims` differ from the case's.
    EditCase {
        gen: u64,
        id: String,
        edit: CaseEdit,
        claims: Option<Vec<crate::case::InventionClaim>>,
    },
    DeleteCase {
        gen: u64,
        id: String,
    },
    Cite {
        gen: u64,
        draft: CitationDraft,
    },
    RenderReport {
        gen: u64,
        case: String,
        lang: ReportLang,
    },
    Export {
        gen: u64,
        case: String,
        lang: ReportLang,
        format: ExportFormat,
    },
    Index {
        gen: u64,
        corpus: String,
    },
    /// Embed a corpus (the documents without an up-to-date vector), with progress.
    Embed {
        gen: u64,
        corpus: String,
    },
    /// Select the key terms of a disclosure over all of `corpora` (or every indexed corpus
    /// when empty).
    Example {
        gen: u64,
        disclosure: String,
        corpora: Vec<String>,
        /// Add feedback words from the best first hits.
        feedback: bool,
        /// The interface language, for the failure's message.
        lang: super::strings::UiLang,
    },
    /// Remove a strategy or a citation from case `case` (kept there as removed).
    Remove {
        gen: u64,
        case: String,
        what: Removal,
    },
    /// Hand in the exercise of case `case` into the trainer's folder `dir` (which must exist).
    Submit {
        gen: u64,
        case: String,
        dir: PathBuf,
        /// The interface language, for the failure's message.
        lang: super::strings::UiLang,
    },
}

/// What handing in an exercise did, for the message the workbench shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitOutcome {
    pub exercise: String,
    /// The submission file written.
    pub path: PathBuf,
    /// Where the earlier submission it replaced was kept.
    pub kept: Option<PathBuf>,
    pub late: bool,
    pub elapsed_secs: u64,
    pub time_limit_secs: u64,
    /// Problems that left strategies without their hits (the file was written all the same).
    pub skipped: Vec<String>,
    /// The case as saved after (it now says when it was submitted).
    pub case: Box<Case>,
}

/// What `d` removes from a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// Strategy `#n` of the history.
    Strategy(u32),
    /// The citation of a document (canonical id).
    Citation(String),
}

impl Removal {
    /// `#3`, or the document id.
    pub fn label(&self) -> String {
        match self {
            Removal::Strategy(n) => format!("#{n}"),
            Removal::Citation(id) => id.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindable_actions_round_trip_by_name() {
        for (name, action) in BINDABLE {
            assert_eq!(action.name(), Some(*name));
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
        }
        assert_eq!(Action::Scroll(1).name(), None);
        assert_eq!(Action::from_name("nope"), None);
    }
}
