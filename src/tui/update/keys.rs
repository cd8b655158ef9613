//! Keys that must never lose or mistype work: pastes, the live checker, history sets shown
//! again, drafts that are asked about before they are dropped, and the session a restart
//! reopens.

use super::{goto, message, render_report};
use crate::tui::action::{Action, Effect, JobKind};
use crate::tui::session::{Session, SessionError};
use crate::tui::state::{Discard, Overlay, QueryFocus, Screen, State};
use crate::tui::strings::fill;

/// Actions that come before the usual dispatch: answers to "discard draft?", the keys that
/// would drop a draft (which then ask), pastes and history edits. `None` lets the action
/// through.
pub(super) fn intercept(s: &mut State, action: &Action) -> Option<Vec<Effect>> {
    if let Some(Overlay::ConfirmDiscard(d)) = &s.overlay {
        let d = (**d).clone();
        match action {
            // Asked once: a second Ctrl-C is an answer.
            Action::ForceQuit => s.quit = true,
            Action::Confirm if d.quit => s.quit = true,
            Action::Confirm => {
                s.overlay = None;
                if let Some(then) = d.then {
                    // The draft goes, and with it the reason to ask.
                    s.editor.set_text("");
                    s.parse_error = None;
                    return Some(super::update(s, then));
                }
            }
            Action::Back => s.overlay = d.form,
            Action::Job { .. } | Action::Resize(..) | Action::Tick(_) => return None,
            _ => {}
        }
        return Some(Vec::new());
    }
    match action {
        Action::Quit | Action::ForceQuit if form_changed(s) || has_draft(s) => {
            ask(s, true, None);
            Some(Vec::new())
        }
        Action::Back if form_changed(s) => {
            ask(s, false, None);
            Some(Vec::new())
        }
        // These replace the editor's text: a draft there is asked about first.
        Action::EditStrategy
        | Action::CorrectStrategy
        | Action::QueryByExample
        | Action::QueryByExampleFeedback
            if s.overlay.is_none() && has_draft(s) && replaces_editor(s, action) =>
        {
            ask(s, false, Some(action.clone()));
            Some(Vec::new())
        }
        // Esc leaves a correction: a changed one is asked about first.
        Action::Back if super::record::leaving_changed_correction(s) => {
            ask(s, false, Some(Action::Back));
            Some(Vec::new())
        }
        Action::Paste(text) => Some(paste(s, text)),
        Action::EditStrategy => {
            edit_strategy(s);
            Some(Vec::new())
        }
        Action::CorrectStrategy => {
            super::record::correct_strategy(s);
            Some(Vec::new())
        }
        _ => None,
    }
}

/// Whether `action` would put a strategy into the editor on this screen.
fn replaces_editor(s: &State, action: &Action) -> bool {
    match action {
        Action::EditStrategy | Action::CorrectStrategy => {
            s.screen == Screen::Query && !s.history.is_empty()
        }
        _ => matches!(s.screen, Screen::Query | Screen::Case),
    }
}

/// Put "discard draft? y/n" up; the form on screen, if any, comes back on "no"; `then` is
/// done on "yes".
fn ask(s: &mut State, quit: bool, then: Option<Action>) {
    let form = match s.overlay.take() {
        Some(o @ (Overlay::Cite(_) | Overlay::CaseForm(_))) => Some(o),
        _ => None,
    };
    s.overlay = Some(Overlay::ConfirmDiscard(Box::new(Discard {
        quit,
        form,
        then,
    })));
}

/// Whether a citation or case form is open with a field changed since it opened.
pub fn form_changed(s: &State) -> bool {
    matches!(&s.overlay, Some(Overlay::Cite(f) | Overlay::CaseForm(f)) if f.is_changed())
}

/// The editor's text as the strategy that runs: line breaks as spaces, trimmed.
pub(super) fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ").trim().to_string()
}

/// Whether the editor holds a strategy that was neither run nor recorded: a draft.
pub fn has_draft(s: &State) -> bool {
    let text = one_line(&s.editor.text());
    !text.is_empty() && text != s.results.query.trim() && !s.history.iter().any(|h| h.query == text)
}

/// Run the live checker on the editor: the parse and the checks a search runs on Enter
/// (unknown set, bad class symbol, truncation too short…), against this history.
pub(super) fn check_editor(s: &mut State) {
    let text = s.editor.text();
    s.parse_error = if text.trim().is_empty() {
        None
    } else {
        let history = &s.history;
        // A correction of #n may name only the sets before it.
        let before = s.correcting.unwrap_or(u32::MAX);
        let resolve = |n: u32| {
            let sets: Vec<(u32, String)> = history
                .iter()
                .filter(|h| h.number < before)
                .map(|h| (h.number, h.query.clone()))
                .collect();
            crate::tui::worker::resolve_set(&sets, n)
        };
        crate::query::check(&text, &resolve).err()
    };
}

/// A paste goes whole into the input with focus: the open form's field, else the query
/// editor (which it opens and focuses when on another screen). Confirmations ignore it.
fn paste(s: &mut State, text: &str) -> Vec<Effect> {
    match &mut s.overlay {
        Some(Overlay::Cite(f) | Overlay::CaseForm(f) | Overlay::SubmitForm(f)) => {
            let focus = f.focus;
            if let Some((_, input)) = f.fields.get_mut(focus) {
                input.insert_str(text);
            }
            return Vec::new();
        }
        Some(
            Overlay::ConfirmDelete(_)
            | Overlay::ConfirmDiscard(_)
            | Overlay::ConfirmRemove(_)
            | Overlay::ConfirmSubmit(_),
        ) => return Vec::new(),
        Some(_) => s.overlay = None,
        None => {}
    }
    // Typing a find inside the document: the paste is what is looked for (one line).
    if s.screen == Screen::Document {
        if let Some(f) = s.document.find.as_mut().filter(|f| f.editing) {
            f.input
                .insert_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
            return Vec::new();
        }
    }
    if s.screen != Screen::Query {
        goto(s, Screen::Query);
    }
    s.query_focus = QueryFocus::Editor;
    s.status = None;
    s.completions.clear();
    s.editor.insert_str(text);
    check_editor(s);
    Vec::new()
}

/// `e` on a history line: its strategy into the editor, to change and run as a new one.
fn edit_strategy(s: &mut State) {
    if s.screen != Screen::Query {
        return;
    }
    if let Some(h) = s.history.get(s.history_cursor.selected) {
        let q = h.query.clone();
        s.editor.set_text(&q);
        s.correcting = None;
        s.query_focus = QueryFocus::Editor;
        check_editor(s);
    }
}

/// Start a search of `query`: recorded as a new strategy (Enter in the editor), or shown
/// again as set `set` of the history, not recorded. The results on screen are kept aside
/// until the answer comes, and come back if the search fails.
pub(super) fn start_search(s: &mut State, query: String, set: Option<u32>) -> Vec<Effect> {
    search_effect(s, query, set, None)
}

/// Start a search as [`start_search`] does; with `corrects`, the strategy is the correction
/// of that history set: it may name only earlier sets, runs over the corpora that set ran
/// on, and is recorded under its number.
pub(super) fn search_effect(
    s: &mut State,
    query: String,
    set: Option<u32>,
    corrects: Option<u32>,
) -> Vec<Effect> {
    let gen = s.issue(JobKind::Search);
    // A strategy run from the editor right after query by example keeps its disclosure.
    let example = if set.is_none() {
        s.example.take()
    } else {
        None
    };
    let before = std::mem::take(&mut s.results);
    let sort = before.sort;
    if !before.searching {
        s.results_before = Some(Box::new(before));
    }
    s.results = crate::tui::state::Results {
        query: query.clone(),
        searching: true,
        sort,
        set,
        corrects,
        ..Default::default()
    };
    goto(s, Screen::Results);
    let (mut corpora, cutoff, case) = match &s.case {
        Some(c) => (c.corpora.clone(), c.cutoff, Some(c.id.clone())),
        None => (Vec::new(), None, None),
    };
    // A correction runs where the strategy it corrects ran (as `tisc case amend` does).
    if let Some(old) = corrects.and_then(|n| s.case.as_ref()?.strategy(n)) {
        let ran: Vec<String> = old.hits.iter().map(|h| h.corpus.clone()).collect();
        if !ran.is_empty() {
            corpora = ran;
        }
    }
    if let Some(n) = set {
        s.status = Some(fill(s.strings().set_shown, "n", &n.to_string()));
    }
    let before = corrects.unwrap_or(u32::MAX);
    let history = s
        .history
        .iter()
        .filter(|h| h.number < before)
        .map(|h| (h.number, h.query.clone()))
        .collect();
    vec![Effect::Search {
        gen,
        query,
        corpora,
        cutoff,
        // A set shown again is not recorded a second time.
        case: if set.is_some() { None } else { case },
        history,
        limit: s.limit,
        corrects,
        meaning: s.meaning,
        example,
    }]
}

/// Enter on a history line: that set's results, without adding a strategy to the case.
pub(super) fn show_set(s: &mut State) -> Vec<Effect> {
    match s.history.get(s.history_cursor.selected) {
        Some(h) => {
            let (query, n) = (h.query.clone(), h.number);
            start_search(s, query, Some(n))
        }
        None => Vec::new(),
    }
}

/// A failed search: the results shown before it come back on screen.
pub(super) fn search_failed(s: &mut State) {
    match s.results_before.take() {
        Some(before) => s.results = *before,
        None => s.results.searching = false,
    }
}

/// Reopen the last session (read by the caller from `$TISC_HOME`): its case, then its
/// screen once the case has loaded. A damaged session file is said, and ignored.
pub fn restore(s: &mut State, session: Result<Option<Session>, SessionError>) -> Vec<Effect> {
    let session = match session {
        Ok(Some(session)) => session,
        Ok(None) => return Vec::new(),
        Err(e) => {
            let st = s.strings();
            let text = fill(st.session_damaged, "path", &e.path().display().to_string());
            message(s, fill(&text, "error", &e.reason()));
            return Vec::new();
        }
    };
    if session.submit_dir.is_some() {
        s.submit_dir = session.submit_dir.clone();
    }
    s.query_focus = QueryFocus::History;
    match session.case.clone() {
        Some(id) => {
            s.restore_screen = Some(session);
            vec![Effect::LoadCase {
                gen: s.issue(JobKind::Case),
                id,
            }]
        }
        // Without a case there is no history to show results again from.
        None => {
            if matches!(session.screen, Screen::Cases | Screen::Corpora) {
                s.screen = session.screen;
            }
            Vec::new()
        }
    }
}

/// The case of the last session has loaded: go to the screen that was open. Results come
/// back as their history set shown again (not recorded), and the document on show is
/// opened over them; a strategy no longer in the history leaves the history on screen.
pub(super) fn restored(s: &mut State, session: Session) -> Vec<Effect> {
    s.back.clear();
    s.screen = Screen::Query;
    match session.screen {
        Screen::Report => {
            s.screen = Screen::Report;
            render_report(s)
        }
        Screen::Results | Screen::Document => {
            let set = session
                .results
                .as_deref()
                .and_then(|q| s.history.iter().position(|h| h.query == q));
            let Some(at) = set else {
                return Vec::new();
            };
            s.history_cursor.selected = at;
            let mut out = show_set(s);
            if let (Screen::Document, Some((corpus, id))) = (session.screen, session.document) {
                s.document = crate::tui::state::DocumentPane {
                    corpus: corpus.clone(),
                    id: id.clone(),
                    loading: true,
                    ..Default::default()
                };
                goto(s, Screen::Document);
                let (query, lang) = (s.results.query.clone(), s.lang);
                out.push(Effect::LoadDocument {
                    gen: s.issue(JobKind::Document),
                    corpus,
                    id,
                    query,
                    lang,
                });
            }
            out
        }
        other => {
            s.screen = other;
            Vec::new()
        }
    }
}

/// What a restart should reopen: the open case and the screen on show.
pub fn session_of(s: &State) -> Session {
    let results = matches!(s.screen, Screen::Results | Screen::Document)
        .then(|| s.results.query.clone())
        .filter(|q| !q.is_empty());
    let document = (s.screen == Screen::Document && !s.document.id.is_empty())
        .then(|| (s.document.corpus.clone(), s.document.id.clone()));
    Session {
        case: s.case.as_ref().map(|c| c.id.clone()),
        screen: s.screen,
        results,
        document,
        submit_dir: s.submit_dir.clone(),
    }
}
