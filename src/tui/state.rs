//! The whole state of the workbench: what each screen shows and where its cursor is.
//!
//! [`State`] is plain data: [`super::update`] changes it, the views only read it. Nothing
//! here does I/O, so a frame can always be drawn at once.

use super::action::{CorpusRow, ExportFormat, JobKind};
use super::highlight::DocLine;
use super::input::TextInput;
use super::keymap::{Context, Keymap, Mode};
use super::strings::{Strings, UiLang};
use crate::case::{Case, ReportLang};
use crate::query::ParseError;
use crate::search::Hit;
use std::collections::HashMap;

/// The main screens (panes). Tab goes from one to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Query,
    Results,
    Document,
    Cases,
    Case,
    Report,
    Corpora,
}

impl Screen {
    pub const CYCLE: [Screen; 7] = [
        Screen::Query,
        Screen::Results,
        Screen::Document,
        Screen::Cases,
        Screen::Case,
        Screen::Report,
        Screen::Corpora,
    ];
}

/// Dialogs drawn over a screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Cite(Form),
    CaseForm(Form),
    ConfirmDelete(String),
    Message(String),
    /// "Discard draft? y/n": asked once before a draft strategy or a changed form is lost.
    ConfirmDiscard(Box<Discard>),
    /// Asking before a strategy or citation is removed from the open case.
    ConfirmRemove(super::action::Removal),
    /// The submit dialog: the trainer's folder.
    SubmitForm(Form),
    /// Asking before the exercise is handed in to the folder named.
    ConfirmSubmit(String),
}

/// Focus inside the query screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryFocus {
    Editor,
    History,
}

/// A labelled form (citation dialog, new case).
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// (label, input) pairs; labels are looked up in the strings at render time.
    pub fields: Vec<(FormField, TextInput)>,
    pub focus: usize,
    pub error: Option<String>,
    /// What the form is about (the document cited), shown in its title.
    pub subject: String,
    /// The document a citation form cites: (corpus, id).
    pub target: Option<(String, String)>,
    /// The case a case form changes; `None` when the form makes a new case.
    pub editing: Option<String>,
    /// The fields' text as the form opened: a form whose fields differ is unsaved work.
    pub initial: Vec<String>,
}

/// The fields forms are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    Category,
    Claims,
    Passage,
    Note,
    Name,
    Title,
    Client,
    Cutoff,
    Language,
    Disclosure,
    /// The trainer's folder a submission goes to.
    Folder,
}

impl FormField {
    pub fn label(self, s: &Strings) -> &'static str {
        match self {
            FormField::Category => s.category,
            FormField::Claims => s.claims,
            FormField::Passage => s.passage,
            FormField::Note => s.note,
            FormField::Name => s.name,
            FormField::Title => s.title,
            FormField::Client => s.client,
            FormField::Cutoff => s.cutoff,
            FormField::Language => s.language,
            FormField::Disclosure => s.disclosure,
            FormField::Folder => s.workshop.folder,
        }
    }
}

impl Form {
    pub fn new(subject: &str, fields: Vec<(FormField, TextInput)>) -> Form {
        Form {
            initial: fields.iter().map(|(_, i)| i.text()).collect(),
            fields,
            focus: 0,
            error: None,
            subject: subject.to_string(),
            target: None,
            editing: None,
        }
    }

    pub fn value(&self, f: FormField) -> String {
        self.fields
            .iter()
            .find(|(k, _)| *k == f)
            .map(|(_, i)| i.text().trim().to_string())
            .unwrap_or_default()
    }
}

/// One strategy of the history: the open case's, or this session's in a scratch session.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub number: u32,
    pub query: String,
    pub hits: Vec<(String, u64)>,
}

/// How the results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Rank,
    Date,
}

/// A scrolling list cursor: the selected row and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Move by `delta` within `len` rows.
    pub fn move_by(&mut self, delta: i64, len: usize) {
        if len == 0 {
            *self = ListCursor::default();
            return;
        }
        let to = (self.selected as i64 + delta).clamp(0, len as i64 - 1);
        self.selected = to as usize;
    }

    /// Keep the selection visible in a window of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let h = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    pub query: String,
    pub hits: Vec<Hit>,
    /// Indices into `hits` in display order.
    pub order: Vec<usize>,
    pub sort: Sort,
    pub cursor: ListCursor,
    pub per_corpus: Vec<(String, u64)>,
    pub warnings: Vec<String>,
    pub searching: bool,
    /// The history set these results show again (Enter on a history line), not recorded.
    pub set: Option<u32>,
    /// The history set these results are the corrected strategy of.
    pub corrects: Option<u32>,
    /// Whether search by meaning ordered these results (see
    /// [`super::action::SearchOutcome::meaning`]).
    pub meaning: Option<bool>,
}

impl Results {
    /// The hit under the cursor.
    pub fn selected(&self) -> Option<&Hit> {
        self.order
            .get(self.cursor.selected)
            .and_then(|&i| self.hits.get(i))
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentPane {
    pub corpus: String,
    pub id: String,
    pub title: String,
    /// The other members of the result row (family publications), from the hit.
    pub family: Vec<String>,
    pub lines: Vec<DocLine>,
    /// Line indices holding matches.
    pub matches: Vec<usize>,
    /// Which match n/N last went to.
    pub current_match: Option<usize>,
    /// First logical line shown.
    pub scroll: usize,
    pub loading: bool,
    /// Where the abstract, claims and description start.
    pub sections: Vec<(crate::tui::docnav::Part, usize)>,
    /// A find inside the document, while typed or while its matches are shown.
    pub find: Option<crate::tui::docnav::Find>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportPane {
    pub lang: ReportLang,
    pub format: ExportFormat,
    pub lines: Vec<String>,
    pub scroll: usize,
    pub loading: bool,
    pub exported: Option<String>,
}

/// Progress of an indexing job.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndexJob {
    pub corpus: String,
    pub bytes: u64,
    pub total: u64,
    pub docs: u64,
    pub committing: bool,
    /// The first start of the workbench on a workspace with no demo index.
    pub first_start: bool,
}

/// Progress of embedding a corpus (in the background: the workbench stays usable).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmbedJob {
    pub corpus: String,
    /// Documents embedded so far, of those this run has to do.
    pub done: u64,
    pub total: u64,
    /// Documents per second so far (0 before the first batch).
    pub per_second: f64,
}

/// Everything the workbench shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: UiLang,
    pub keymap: Keymap,
    pub screen: Screen,
    /// Screens to go back to with Esc.
    pub back: Vec<Screen>,
    pub overlay: Option<Overlay>,
    pub editor: TextInput,
    pub parse_error: Option<ParseError>,
    pub completions: Vec<&'static str>,
    pub query_focus: QueryFocus,
    pub history: Vec<HistoryEntry>,
    pub history_cursor: ListCursor,
    pub results: Results,
    pub document: DocumentPane,
    pub cases: Vec<Case>,
    pub cases_cursor: ListCursor,
    /// The open case; `None` is a scratch session.
    pub case: Option<Case>,
    pub case_scroll: usize,
    pub report: ReportPane,
    pub corpora: Vec<CorpusRow>,
    pub corpora_cursor: ListCursor,
    pub index_job: Option<IndexJob>,
    pub embed_job: Option<EmbedJob>,
    /// First line shown in the help overlay (on small terminals it scrolls).
    pub help_scroll: usize,
    /// A one-line message in the status bar.
    pub status: Option<String>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Last generation issued; each kind of job remembers its latest one.
    pub gen: u64,
    pub latest: HashMap<JobKind, u64>,
    /// Hits fetched per corpus for a query.
    pub limit: usize,
    /// Draw without colours (the `NO_COLOR` convention); bold and reverse video are kept.
    pub no_color: bool,
    pub quit: bool,
    /// The results shown before the search under way: back on screen if it fails.
    pub results_before: Option<Box<Results>>,
    /// The session a restart reopens, once the case it names has loaded.
    pub restore_screen: Option<super::session::Session>,
    /// The citation selected in the case view (for `d`), an index into the case's citations.
    pub citation_cursor: usize,
    /// The history strategy the editor holds a correction of (`c`): Enter records it under
    /// this number.
    pub correcting: Option<u32>,
    /// The clock as last ticked ([`super::action::Action::Tick`]): what the exercise timer
    /// counts from. `None` before the first tick.
    pub now: Option<crate::model::time::Timestamp>,
    /// The trainer's folder last submitted to (kept in the session): what the submit
    /// dialog offers.
    pub submit_dir: Option<String>,
    /// The folder offered when none was used yet (`$TISC_SUBMIT_DIR`, read at start).
    pub submit_dir_default: Option<String>,
    /// Search by meaning asked for the next searches (`M`).
    pub meaning: bool,
    /// The disclosure the strategy in the editor was made from (query by example, `x`):
    /// with meaning on, the next search run from the editor is fused with its meaning.
    pub example: Option<String>,
}

impl State {
    pub fn new(lang: UiLang, keymap: Keymap) -> State {
        State {
            lang,
            keymap,
            screen: Screen::Query,
            back: Vec::new(),
            overlay: None,
            editor: TextInput::new(true),
            parse_error: None,
            completions: Vec::new(),
            query_focus: QueryFocus::Editor,
            history: Vec::new(),
            history_cursor: ListCursor::default(),
            results: Results::default(),
            document: DocumentPane::default(),
            cases: Vec::new(),
            cases_cursor: ListCursor::default(),
            case: None,
            case_scroll: 0,
            report: ReportPane::default(),
            corpora: Vec::new(),
            corpora_cursor: ListCursor::default(),
            index_job: None,
            embed_job: None,
            help_scroll: 0,
            status: None,
            size: (80, 24),
            gen: 0,
            latest: HashMap::new(),
            limit: 1000,
            no_color: false,
            quit: false,
            results_before: None,
            restore_screen: None,
            citation_cursor: 0,
            correcting: None,
            now: None,
            submit_dir: None,
            submit_dir_default: None,
            meaning: false,
            example: None,
        }
    }

    pub fn strings(&self) -> &'static Strings {
        self.lang.strings()
    }

    /// Whether keys go to a text input.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Cite(_) | Overlay::CaseForm(_) | Overlay::SubmitForm(_)) => Mode::Text,
            Some(_) => Mode::Normal,
            None if self.screen == Screen::Query && self.query_focus == QueryFocus::Editor => {
                Mode::Text
            }
            // Keys typed while a search is starting go on into the editor.
            None if self.screen == Screen::Results && self.results.searching => Mode::Text,
            None if self.screen == Screen::Document
                && self.document.find.as_ref().is_some_and(|f| f.editing) =>
            {
                Mode::Text
            }
            None => Mode::Normal,
        }
    }

    /// Which screen's bindings apply.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(
                Overlay::ConfirmDelete(_)
                | Overlay::ConfirmDiscard(_)
                | Overlay::ConfirmRemove(_)
                | Overlay::ConfirmSubmit(_),
            ) => return Context::Confirm,
            Some(_) => return Context::Global,
            None => {}
        }
        match self.screen {
            Screen::Query => Context::History,
            Screen::Results => Context::Results,
            Screen::Document => Context::Document,
            Screen::Cases => Context::Cases,
            Screen::Case => Context::Case,
            Screen::Report => Context::Report,
            Screen::Corpora => Context::Corpora,
        }
    }

    /// Rows available to a list on the current terminal (header, footer and borders off).
    pub fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }

    /// Rows under the results list for the selected row's snippet: two on tall terminals,
    /// one on mid-sized ones, none when the list would get too short.
    pub fn preview_rows(&self) -> u16 {
        match self.size.1 {
            h if h >= 36 => 2,
            h if h >= 24 => 1,
            _ => 0,
        }
    }

    /// Rows of the results list (the page of Page Up / Page Down there).
    pub fn results_page(&self) -> usize {
        self.page()
            .saturating_sub(usize::from(self.preview_rows()))
            .max(1)
    }

    /// A new generation for a job of `kind`; older results of that kind become stale.
    pub fn issue(&mut self, kind: JobKind) -> u64 {
        self.gen += 1;
        self.latest.insert(kind, self.gen);
        self.gen
    }

    /// Whether a job result of `kind` with `gen` is the latest one.
    pub fn is_current(&self, kind: JobKind, gen: u64) -> bool {
        self.latest.get(&kind) == Some(&gen)
    }

    /// Whether document `id` is cited in the open case.
    pub fn is_cited(&self, id: &str) -> bool {
        self.case.as_ref().is_some_and(|c| c.citation(id).is_some())
    }
}

/// What a "discard draft? y/n" question is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Discard {
    /// Yes quits the workbench; otherwise yes closes the form.
    pub quit: bool,
    /// The form the question is about, back on screen when the answer is no.
    pub form: Option<Overlay>,
    /// What yes goes on to do once the draft is dropped (a strategy into the editor).
    pub then: Option<super::action::Action>,
}

impl Form {
    /// Whether a field was changed since the form opened.
    pub fn is_changed(&self) -> bool {
        self.fields
            .iter()
            .map(|(_, i)| i.text())
            .ne(self.initial.iter().cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cursor_stays_in_range_and_in_view() {
        let mut c = ListCursor::default();
        c.move_by(5, 3);
        assert_eq!(c.selected, 2);
        c.move_by(-10, 3);
        assert_eq!(c.selected, 0);
        c.move_by(50, 100);
        c.scroll_into_view(10);
        assert_eq!((c.selected, c.offset), (50, 41));
        c.move_by(-45, 100);
        c.scroll_into_view(10);
        assert_eq!(c.offset, 5);
        c.move_by(1, 0);
        assert_eq!(c, ListCursor::default());
    }

    #[test]
    fn generations_make_older_jobs_stale() {
        let mut s = State::new(UiLang::En, Keymap::default());
        let a = s.issue(JobKind::Search);
        let b = s.issue(JobKind::Search);
        let d = s.issue(JobKind::Document);
        assert!(!s.is_current(JobKind::Search, a));
        assert!(s.is_current(JobKind::Search, b));
        assert!(s.is_current(JobKind::Document, d));
    }
}
