//! Every string the workbench shows, in English, French, Spanish, Portuguese and Arabic.
//!
//! Views never hold literal text: they read a [`Strings`] table chosen by the UI language,
//! so that switching language (`L`) changes every screen at once. Placeholders are written
//! `{n}`, `{id}`, `{path}` and filled with [`fill`].

/// The language of the interface (not of the reports, which a case chooses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UiLang {
    #[default]
    En,
    Fr,
    Es,
    Pt,
    Ar,
}

impl UiLang {
    pub const ALL: [UiLang; 5] = [UiLang::En, UiLang::Fr, UiLang::Es, UiLang::Pt, UiLang::Ar];

    pub fn code(self) -> &'static str {
        match self {
            UiLang::En => "en",
            UiLang::Fr => "fr",
            UiLang::Es => "es",
            UiLang::Pt => "pt",
            UiLang::Ar => "ar",
        }
    }

    pub fn parse(s: &str) -> Option<UiLang> {
        UiLang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s.trim()))
    }

    /// The next language, for the switch key.
    pub fn next(self) -> UiLang {
        match self {
            UiLang::En => UiLang::Fr,
            UiLang::Fr => UiLang::Es,
            UiLang::Es => UiLang::Pt,
            UiLang::Pt => UiLang::Ar,
            UiLang::Ar => UiLang::En,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            UiLang::En => &EN,
            UiLang::Fr => &FR,
            UiLang::Es => &ES,
            UiLang::Pt => &PT,
            UiLang::Ar => &AR,
        }
    }
}

mod ar;
#[cfg(test)]
mod coverage_tests;
mod es;
mod fr;
mod pt;
mod workshop;

pub use workshop::WorkshopStrings;

use crate::lang::Plural;

pub use ar::AR;
pub use es::ES;
pub use fr::FR;
pub use pt::PT;

/// Replace `{key}` by `value` in a template.
pub fn fill(template: &str, key: &str, value: &str) -> String {
    template.replace(&format!("{{{key}}}"), value)
}

/// One table of UI strings.
#[derive(Debug)]
pub struct Strings {
    // Screens and panes.
    pub query: &'static str,
    pub history: &'static str,
    pub results: &'static str,
    pub document: &'static str,
    pub cases: &'static str,
    pub case: &'static str,
    pub report: &'static str,
    pub corpora: &'static str,
    pub keys: &'static str,
    pub cite: &'static str,
    pub new_case: &'static str,
    pub edit_case: &'static str,
    pub confirm: &'static str,
    pub message: &'static str,
    // Status and markers.
    pub scratch: &'static str,
    pub every_corpus: &'static str,
    pub searching: &'static str,
    pub loading: &'static str,
    pub indexing: &'static str,
    pub committing: &'static str,
    pub first_start: &'static str,
    pub no_hits: &'static str,
    pub write_query: &'static str,
    pub query_ok: &'static str,
    pub editor_hint: &'static str,
    pub history_hint: &'static str,
    pub no_history: &'static str,
    /// Hits of the strategy in one corpus: `{n}` and `{corpus}`.
    pub hits: Plural,
    pub type_query: &'static str,
    /// How many hits the list shows.
    pub showing: Plural,
    pub by_rank: &'static str,
    pub by_date: &'static str,
    /// The indicator of search by meaning: on (used by the shown search), off, or `—` (asked
    /// for, but no model or no vectors: BM25 alone).
    pub meaning_on: &'static str,
    pub meaning_off: &'static str,
    pub meaning_none: &'static str,
    /// Status messages of the meaning switch.
    pub meaning_toggled_on: &'static str,
    pub meaning_toggled_off: &'static str,
    pub after_cutoff: &'static str,
    /// Legend of `?`: a hit whose date is unknown against the cutoff.
    pub date_unknown: &'static str,
    pub cited: &'static str,
    pub results_hint: &'static str,
    pub completions: &'static str,
    // Document fields.
    pub title: &'static str,
    pub abstract_: &'static str,
    pub claims: &'static str,
    pub description: &'static str,
    pub applicants: &'static str,
    pub inventors: &'static str,
    pub authors: &'static str,
    pub journal: &'static str,
    pub published: &'static str,
    pub filed: &'static str,
    pub priority: &'static str,
    pub family: &'static str,
    pub source: &'static str,
    pub language: &'static str,
    /// Matches of the strategy's words in the open document.
    pub matches: Plural,
    pub no_matches: &'static str,
    pub document_hint: &'static str,
    // Citation dialog.
    pub category: &'static str,
    pub passage: &'static str,
    pub note: &'static str,
    pub form_hint: &'static str,
    pub need_case: &'static str,
    pub need_disclosure: &'static str,
    pub selecting_terms: &'static str,
    /// `{n}` key terms over corpus `{id}`; `{lang}` is one of the three texts below.
    pub example_ready: Plural,
    /// The disclosure's language `{lang}`, guessed from it.
    pub example_guessed: &'static str,
    /// The disclosure's language `{lang}`: too few content words (fewer than `{n}`) to guess
    /// from, the language the corpora declare.
    pub example_corpus_lang: &'static str,
    /// As above, the interface language.
    pub example_interface_lang: &'static str,
    pub cited_in: &'static str,
    // Cases.
    pub name: &'static str,
    pub strategies: &'static str,
    pub citations: &'static str,
    pub notes: &'static str,
    pub updated: &'static str,
    pub client: &'static str,
    pub cutoff: &'static str,
    pub disclosure: &'static str,
    pub no_cases: &'static str,
    pub cases_hint: &'static str,
    pub case_hint: &'static str,
    pub confirm_delete: &'static str,
    pub created: &'static str,
    pub deleted: &'static str,
    pub opened: &'static str,
    pub saved_case: &'static str,
    // Report.
    pub format: &'static str,
    pub report_hint: &'static str,
    pub exported: &'static str,
    pub need_case_report: &'static str,
    // Corpora.
    pub status: &'static str,
    pub documents: &'static str,
    pub index_size: &'static str,
    pub last_ingest: &'static str,
    pub indexed: &'static str,
    pub not_indexed: &'static str,
    pub unavailable: &'static str,
    pub corpora_hint: &'static str,
    /// Corpus `{id}` indexed with `{n}` documents.
    pub index_done: Plural,
    /// Embedding corpus `{id}`: `{done}` of `{total}` documents.
    pub embed_progress: &'static str,
    /// The tab bar's shorter form: embedding corpus `{id}`, `{pct}` (`42 %`) done.
    pub embed_share: &'static str,
    /// `{rate}` documents per second, `{eta}` (h:mm:ss) left.
    pub embed_rate: &'static str,
    /// Corpus `{id}` embedded: `{n}` documents this run.
    pub embed_done: Plural,
    /// `{with}` of the `{of}` documents in the model's languages have a vector.
    pub embed_have: &'static str,
    /// The selected corpus's share of documents with a vector (`{with}` of `{of}`).
    pub meaning_share: &'static str,
    /// Said after the share when the index changed since the corpus was embedded.
    pub meaning_stale: &'static str,
    /// The selected corpus has no vectors.
    pub meaning_unembedded: &'static str,
    /// `{id}` is being embedded already.
    pub embed_busy: &'static str,
    /// `{n}` documents the model failed on.
    pub embed_failed: Plural,
    // Help and errors.
    pub help_hint: &'static str,
    pub error: &'static str,
    pub message_hint: &'static str,
    pub ctx_global: &'static str,
    pub ctx_text: &'static str,
    /// Descriptions of bindable actions, by action name (see `Action::name`).
    pub actions: &'static [(&'static str, &'static str)],
    /// Descriptions of the fixed keys of text inputs.
    pub text_keys: &'static [(&'static str, &'static str)],
    /// A colon after a label, with the space the language puts before it.
    pub colon: &'static str,
    /// Quotation marks around a quoted passage, with their inner spaces.
    pub quote_open: &'static str,
    pub quote_close: &'static str,
    /// Files of the last mirror run that failed, after its date in the corpora list.
    pub mirror_failed: Plural,
    /// Asked before a draft strategy or a changed form is lost (the keys stay y and n).
    pub discard_draft: &'static str,
    /// Status after Enter on a history line: set `{n}` shown, not run as a new strategy.
    pub set_shown: &'static str,
    /// The session file of the last run could not be read (`{path}`, `{error}`).
    pub session_damaged: &'static str,
    /// Position in the document viewer: `{n}` first line shown, `{total}` lines.
    pub line_position: &'static str,
    /// What the viewer shows for the placeholders ingest leaves in the text.
    pub placeholder_formula: &'static str,
    pub placeholder_table: &'static str,
    pub placeholder_image: &'static str,
    /// A find inside the document that matched nothing.
    pub find_none: &'static str,
    /// Query by example found none of the disclosure's words in corpora `{id}`.
    pub example_no_terms: &'static str,
    pub example_no_corpus: &'static str,
    /// Asking before a strategy leaves the history (`{n}`: its number).
    pub confirm_remove_set: &'static str,
    /// Asking before a citation is removed (`{id}`: the document).
    pub confirm_remove_citation: &'static str,
    /// Refusing to remove a set another strategy uses (`{n}`, `{by}`).
    pub set_in_use: &'static str,
    /// After a removal (`{what}`: `#3` or a document id).
    pub removed: &'static str,
    /// `d` pressed with nothing to remove under the cursor.
    pub nothing_to_remove: &'static str,
    /// The editor's title while it holds the correction of strategy `{n}`.
    pub correcting: &'static str,
    /// After a correction was recorded under `{n}`.
    pub corrected: &'static str,
    /// The strings of workshop exercises (timer, submit dialog).
    pub workshop: &'static WorkshopStrings,
}

impl Strings {
    /// What an action does, for the help overlay.
    pub fn describe(&self, action: &str) -> &'static str {
        self.actions
            .iter()
            .find(|(n, _)| *n == action)
            .map_or("", |(_, d)| d)
    }

    /// Every message with a count, by field name: what the plural-forms test renders.
    pub fn plurals(&self) -> [(&'static str, &Plural); 8] {
        [
            ("hits", &self.hits),
            ("showing", &self.showing),
            ("example_ready", &self.example_ready),
            ("index_done", &self.index_done),
            ("embed_done", &self.embed_done),
            ("embed_failed", &self.embed_failed),
            ("matches", &self.matches),
            ("mirror_failed", &self.mirror_failed),
        ]
    }
}

pub static EN: Strings = Strings {
    query: "Query",
    history: "History",
    results: "Results",
    document: "Document",
    cases: "Cases",
    case: "Case",
    report: "Report",
    corpora: "Corpora",
    keys: "Keys",
    cite: "Cite",
    new_case: "New case",
    edit_case: "Edit case",
    confirm: "Confirm",
    message: "Message",
    scratch: "scratch session",
    every_corpus: "every indexed corpus",
    searching: "searching…",
    loading: "loading…",
    indexing: "indexing",
    committing: "committing the index…",
    first_start: "First start: indexing the demo corpus",
    no_hits: "no hits",
    write_query: "Press / to write a search strategy.",
    query_ok: "strategy OK",
    editor_hint: "Enter runs · Alt-Enter new line · Tab completes a field code · Esc history",
    history_hint: "Enter shows the set again · e copies it into the editor · c corrects it · / edits · Esc back",
    no_history: "no strategies run yet",
    hits: Plural::new("{n} hit in {corpus}", "{n} hits in {corpus}"),
    type_query: "Type a strategy, e.g. (solar OR photovoltaic) NEAR/3 pump* — Enter runs it.",
    showing: Plural::new("{n} hit shown", "{n} hits shown"),
    by_rank: "by rank",
    by_date: "by date",
    meaning_on: "meaning: on",
    meaning_off: "meaning: off",
    meaning_none: "meaning: —",
    meaning_toggled_on: "Search by meaning on: the next search orders hits by meaning where the corpus is embedded (tisc embed)",
    meaning_toggled_off: "Search by meaning off: BM25 alone",
    after_cutoff: "after cutoff",
    date_unknown: "date unknown",
    cited: "cited",
    results_hint: "Enter opens · s sorts · c cites · / query · ? keys",
    completions: "field codes",
    title: "Title",
    abstract_: "Abstract",
    claims: "Claims",
    description: "Description",
    applicants: "Applicants",
    inventors: "Inventors",
    authors: "Authors",
    journal: "Journal",
    published: "Published",
    filed: "Filed",
    priority: "Priority",
    family: "Family",
    source: "Source",
    language: "Language",
    matches: Plural::new("{n} match", "{n} matches"),
    no_matches: "no matches of the strategy's words",
    document_hint: "n/N match · / find · 1 2 3 abstract/claims/description · c cite · Esc back",
    category: "Category (X, Y, A, P,X …)",
    passage: "Passage",
    note: "Note",
    form_hint: "Enter saves · Tab next field · Alt-Enter new line · Esc cancels",
    need_case: "Open or create a case first (press C for cases).",
    need_disclosure: "Query by example needs the case's disclosure: this case has none.",
    selecting_terms: "selecting the key terms of the disclosure…",
    example_ready: Plural::new(
        "query by example ({lang}): {n} key term weighted over {id} — edit, then Enter runs it",
        "query by example ({lang}): {n} key terms weighted over {id} — edit, then Enter runs it",
    ),
    example_guessed: "{lang}, guessed from the disclosure",
    example_corpus_lang: "{lang}: fewer than {n} content words to guess from; the corpus language",
    example_interface_lang: "{lang}: fewer than {n} content words to guess from; the interface language",
    cited_in: "cited {id} in case {case}",
    name: "Name",
    strategies: "Strategies",
    citations: "Citations",
    notes: "Notes",
    updated: "Updated",
    client: "Client",
    cutoff: "Cutoff date (YYYY-MM-DD)",
    disclosure: "Disclosure",
    no_cases: "No cases yet: press n to make one.",
    cases_hint: "Enter opens · n new · d deletes · Esc back",
    case_hint: "/ query · x query by example · r report · Esc back",
    confirm_delete: "Delete case {id} and everything in it? This cannot be undone. y / n",
    created: "created case {id}",
    deleted: "deleted case {id}",
    opened: "opened case {id}",
    saved_case: "saved case {id}",
    format: "Format",
    report_hint: "l language · f format · e exports · Esc back",
    exported: "exported to {path}",
    need_case_report: "A report needs a case: open one (C) or make one (C, then n).",
    status: "Status",
    documents: "Documents",
    index_size: "Index size",
    last_ingest: "Last ingest · mirror",
    indexed: "indexed",
    not_indexed: "not indexed",
    unavailable: "unavailable",
    corpora_hint: "i (re)indexes the selected corpus · e embeds it for search by meaning · Esc back",
    index_done: Plural::new("indexed {id}: {n} document", "indexed {id}: {n} documents"),
    embed_progress: "embedding {id}: {done}/{total}",
    embed_share: "embedding {id}: {pct}",
    embed_rate: "{rate} documents/s · {eta} left",
    embed_done: Plural::new(
        "embedded {id}: {n} document",
        "embedded {id}: {n} documents",
    ),
    embed_have: "{with}/{of} have a vector",
    meaning_share: "search by meaning: {with}/{of} documents have a vector",
    meaning_stale: "the index changed since: e embeds the new documents",
    meaning_unembedded: "search by meaning: not embedded · e embeds it",
    embed_busy: "{id} is being embedded: wait for it to finish",
    embed_failed: Plural::new(
        "{n} document failed: press e again to retry it",
        "{n} documents failed: press e again to retry them",
    ),
    help_hint: "Esc closes · keys can be changed in $TISC_HOME/config.toml [keys]",
    error: "Error",
    message_hint: "Esc closes",
    ctx_global: "Everywhere",
    ctx_text: "In text inputs",
    actions: &[
        ("quit", "quit tisc (from lists and viewers)"),
        ("force_quit", "quit tisc, from anywhere"),
        (
            "back",
            "back out: close a dialog, leave an input, previous screen",
        ),
        ("help", "show these keys"),
        ("query", "open the query editor"),
        ("up", "move up"),
        ("down", "move down"),
        ("page_up", "page up"),
        ("page_down", "page down"),
        ("top", "go to the top"),
        ("bottom", "go to the end"),
        ("open", "open the selected item"),
        ("next_pane", "next pane"),
        ("sort", "sort results by rank or by date"),
        ("meaning", "search by meaning on or off"),
        ("next_match", "next match in the document"),
        ("prev_match", "previous match in the document"),
        ("cite", "cite the document in the open case"),
        ("cases", "cases"),
        ("corpora", "corpora"),
        ("report", "report of the open case"),
        ("new_case", "make a new case"),
        (
            "edit_case",
            "edit the case: title, client, cutoff, language, disclosure",
        ),
        ("delete_case", "delete the selected case (asks first)"),
        ("ui_lang", "switch the interface language (en, fr, es, pt, ar)"),
        ("report_lang", "switch the report language"),
        ("export_format", "switch the export format (md, html, json)"),
        ("export", "export the report"),
        ("index", "(re)index the selected corpus"),
        (
            "embed",
            "embed the selected corpus for search by meaning (in the background)",
        ),
        (
            "by_example",
            "query by example: the disclosure's key terms into the editor",
        ),
        (
            "by_example_feedback",
            "query by example, with words from the best first hits added (feedback)",
        ),
        ("confirm", "answer yes"),
        (
            "edit_strategy",
            "copy the selected strategy into the editor",
        ),
        ("find", "find in the document (Esc ends the find)"),
        ("jump_abstract", "go to the abstract, then to the next one"),
        ("jump_claims", "go to the claims, then to the next set"),
        ("jump_description", "go to the description"),
        (
            "remove",
            "remove the selected strategy or citation from the case (asks first; kept in the case file)",
        ),
        (
            "correct_strategy",
            "correct the selected strategy: into the editor, Enter records it under the same #n",
        ),

        (
            "submit",
            "hand in the exercise of the open case to the trainer's folder (asks first)",
        ),
    ],
    text_keys: &[
        ("printable keys", "type"),
        ("Enter", "run the query / save the form"),
        ("Alt-Enter", "new line"),
        ("Tab", "complete a field code (query) / next field (forms)"),
        ("arrows", "move the cursor"),
        ("Home, Ctrl-A", "to the start of the line"),
        ("End, Ctrl-E", "to the end of the line"),
        ("Backspace, Delete", "erase"),
        ("Ctrl-U", "erase to the start of the line"),
        ("Ctrl-W", "erase the word before the cursor"),
        ("Ctrl-K", "erase to the end of the line"),
        ("Esc", "leave the input"),
        ("paste", "goes whole into the input, lines kept"),
        (
            "Enter < 10 ms after a key",
            "a new line (a paste in a terminal without bracketed paste)",
        ),
        (
            "Ctrl-C, q, Esc",
            "ask before a draft or a changed form is lost",
        ),
    ],
    colon: ":",
    quote_open: "“",
    quote_close: "”",
    mirror_failed: Plural::new("({n} file failed)", "({n} files failed)"),
    discard_draft: "Discard draft? y/n",
    set_shown: "#{n} shown again (not recorded)",
    session_damaged: "The last session could not be reopened ({path}: {error}); starting afresh.",
    line_position: "line {n}/{total}",
    placeholder_formula: "[formula]",
    placeholder_table: "[table]",
    placeholder_image: "[image]",
    find_none: "not found",
    example_no_terms: "no word of the disclosure occurs in {id}: nothing to search for",
    example_no_corpus: "query by example needs an indexed corpus",
    confirm_remove_set: "Remove #{n} from the history? The case file keeps it as removed and #{n} is not given again. y / n",
    confirm_remove_citation: "Remove the citation of {id}? The case file keeps it as removed. y / n",
    set_in_use: "#{n} is used by #{by}: remove or correct #{by} first.",
    removed: "removed {what} (kept in the case file)",
    nothing_to_remove: "Nothing to remove here: select a strategy of the history or a citation of the case.",
    correcting: "correcting #{n} · Enter records it as #{n} · Esc leaves",
    corrected: "#{n} corrected (the old version is kept in the case file)",
    workshop: &workshop::EN,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_describes_the_same_actions() {
        let names: Vec<&str> = EN.actions.iter().map(|(n, _)| *n).collect();
        for l in UiLang::ALL {
            let s = l.strings();
            let other: Vec<&str> = s.actions.iter().map(|(n, _)| *n).collect();
            assert_eq!(names, other, "{l:?}");
            assert!(s.actions.iter().all(|(_, d)| !d.is_empty()));
        }
    }

    #[test]
    fn languages_cycle_and_parse() {
        let mut l = UiLang::En;
        for _ in 0..UiLang::ALL.len() {
            l = l.next();
        }
        assert_eq!(l, UiLang::En);
        assert_eq!(UiLang::parse(" pt "), Some(UiLang::Pt));
        assert_eq!(UiLang::parse("AR"), Some(UiLang::Ar));
        assert_eq!(UiLang::parse("FR"), Some(UiLang::Fr));
        assert_eq!(fill("deleted {id}", "id", "x"), "deleted x");
    }
}
