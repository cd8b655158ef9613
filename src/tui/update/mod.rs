//! The one place the state changes: `update(&mut State, Action) -> Vec<Effect>`.
//!
//! `update` is pure: no I/O, no clock, no threads. What needs the outside world (searching,
//! loading, saving, exporting, indexing) is returned as [`Effect`]s with a fresh generation
//! number; their results come back as [`Action::Job`] and are dropped when a newer job of
//! the same kind has been issued since.

use super::action::{Action, Effect, InputKey, JobKind};
use super::state::{EmbedJob, IndexJob, Overlay, QueryFocus, Screen, Sort, State};

mod document;
mod forms;
mod jobs;
mod keys;

pub use keys::{form_changed, has_draft, restore, session_of};
mod record;
mod workshop;

use crate::case::ReportLang;
use forms::{case_form, edit_case_form, form_input, open_cite};

/// The effects of starting the workbench: load the corpora and cases, and index the demo
/// corpus when no corpus is indexed yet.
pub fn start(s: &mut State, index_demo: bool) -> Vec<Effect> {
    let mut out = vec![
        Effect::LoadCorpora {
            gen: s.issue(JobKind::Corpora),
        },
        Effect::LoadCases {
            gen: s.issue(JobKind::Cases),
        },
    ];
    if index_demo {
        s.index_job = Some(IndexJob {
            corpus: "demo".into(),
            first_start: true,
            ..IndexJob::default()
        });
        out.push(Effect::Index {
            gen: s.issue(JobKind::Index),
            corpus: "demo".into(),
        });
    }
    out
}

/// Apply one action.
pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    if let Some(out) = keys::intercept(s, &action) {
        return out;
    }
    match action {
        Action::ForceQuit => {
            s.quit = true;
            Vec::new()
        }
        Action::Resize(w, h) => {
            s.size = (w, h);
            let page = s.page();
            s.results.cursor.scroll_into_view(s.results_page());
            for c in [
                &mut s.cases_cursor,
                &mut s.corpora_cursor,
                &mut s.history_cursor,
            ] {
                c.scroll_into_view(page);
            }
            Vec::new()
        }
        Action::Job { gen, done } => {
            if s.is_current(done.kind(), gen) {
                jobs::job(s, done)
            } else {
                Vec::new()
            }
        }
        Action::Input(key) => {
            s.status = None;
            input(s, key)
        }
        Action::Scroll(n) => {
            move_by(s, i64::from(n));
            Vec::new()
        }
        // The clock moves on: only the exercise timer reads it (no message is cleared).
        Action::Tick(now) => {
            s.now = Some(now);
            Vec::new()
        }
        other if s.overlay.is_some() => overlay(s, other),
        other => {
            // A message in the status line lasts until the next command.
            s.status = None;
            screen(s, other)
        }
    }
}

fn goto(s: &mut State, to: Screen) {
    if s.screen != to {
        s.back.push(s.screen);
        if s.back.len() > 32 {
            s.back.remove(0);
        }
        s.screen = to;
    }
}

fn message(s: &mut State, text: impl Into<String>) {
    s.overlay = Some(Overlay::Message(text.into()));
}

fn overlay(s: &mut State, action: Action) -> Vec<Effect> {
    match (&s.overlay, action) {
        (_, Action::Quit)
            if !matches!(
                s.overlay,
                Some(Overlay::ConfirmDelete(_) | Overlay::ConfirmRemove(_))
            ) =>
        {
            s.quit = true
        }
        (Some(Overlay::ConfirmRemove(_)), Action::Confirm) => return record::confirm_remove(s),
        (Some(Overlay::ConfirmSubmit(_)), Action::Confirm) => return workshop::confirm(s),
        (Some(Overlay::ConfirmDelete(id)), Action::Confirm) => {
            let id = id.clone();
            s.overlay = None;
            return vec![Effect::DeleteCase {
                gen: s.issue(JobKind::Cases),
                id,
            }];
        }
        (Some(Overlay::Help), Action::Help) | (_, Action::Back) => s.overlay = None,
        (Some(Overlay::Help), Action::Down | Action::PageDown) => {
            s.help_scroll = (s.help_scroll + 1).min(200)
        }
        (Some(Overlay::Help), Action::Up | Action::PageUp) => {
            s.help_scroll = s.help_scroll.saturating_sub(1)
        }
        (Some(Overlay::Message(_)), Action::Open) => s.overlay = None,
        _ => {}
    }
    Vec::new()
}

/// Move the cursor or the scroll position of the current screen.
fn move_by(s: &mut State, delta: i64) {
    let page = s.page();
    let scroll = |pos: &mut usize, len: usize| {
        *pos = (*pos as i64 + delta).clamp(0, len.saturating_sub(1) as i64) as usize;
    };
    match s.screen {
        Screen::Query => {
            let n = s.history.len();
            s.history_cursor.move_by(delta, n);
            s.history_cursor.scroll_into_view(page);
        }
        Screen::Results => {
            let n = s.results.order.len();
            s.results.cursor.move_by(delta, n);
            s.results.cursor.scroll_into_view(s.results_page());
        }
        Screen::Document => scroll(&mut s.document.scroll, s.document.lines.len()),
        Screen::Cases => {
            s.cases_cursor.move_by(delta, s.cases.len());
            s.cases_cursor.scroll_into_view(page);
        }
        Screen::Case => {
            scroll(&mut s.case_scroll, 10_000);
            record::move_citation_cursor(s, delta);
        }
        Screen::Report => scroll(&mut s.report.scroll, s.report.lines.len()),
        Screen::Corpora => {
            s.corpora_cursor.move_by(delta, s.corpora.len());
            s.corpora_cursor.scroll_into_view(page);
        }
    }
}

fn screen(s: &mut State, action: Action) -> Vec<Effect> {
    let page = if s.screen == Screen::Results {
        s.results_page()
    } else {
        s.page()
    } as i64;
    match action {
        Action::Quit => s.quit = true,
        Action::Back if s.screen == Screen::Query && s.query_focus == QueryFocus::Editor => {
            s.query_focus = QueryFocus::History;
            s.completions.clear();
            record::leave_correcting(s);
        }
        Action::Back if s.screen == Screen::Document && document::end_find(s) => {}
        Action::Back => {
            let prev = match s.back.pop() {
                Some(prev) => Some(prev),
                // Results always come from a strategy of the query screen.
                None if s.screen == Screen::Results => Some(Screen::Query),
                None => None,
            };
            if let Some(prev) = prev {
                s.screen = prev;
                // Back on the query screen, keys are commands of the history until `/`.
                if prev == Screen::Query {
                    s.query_focus = QueryFocus::History;
                    s.completions.clear();
                }
            }
        }
        Action::Help => {
            s.help_scroll = 0;
            s.overlay = Some(Overlay::Help);
        }
        Action::OpenQuery => {
            goto(s, Screen::Query);
            s.query_focus = QueryFocus::Editor;
        }
        Action::Up => move_by(s, -1),
        Action::Down => move_by(s, 1),
        Action::PageUp => move_by(s, -page),
        Action::PageDown => move_by(s, page),
        Action::Top => move_by(s, i64::MIN / 2),
        Action::Bottom => move_by(s, i64::MAX / 2),
        Action::Open => return open(s),
        Action::NextPane => next_pane(s),
        Action::ToggleSort => toggle_sort(s),
        Action::ToggleMeaning => toggle_meaning(s),
        Action::NextMatch => jump_match(s, true),
        Action::PrevMatch => jump_match(s, false),
        Action::Cite => open_cite(s),
        Action::ShowCases => {
            goto(s, Screen::Cases);
            return vec![Effect::LoadCases {
                gen: s.issue(JobKind::Cases),
            }];
        }
        Action::ShowCorpora => {
            goto(s, Screen::Corpora);
            return vec![Effect::LoadCorpora {
                gen: s.issue(JobKind::Corpora),
            }];
        }
        Action::ShowReport => return show_report(s),
        Action::NewCase => s.overlay = Some(Overlay::CaseForm(case_form())),
        Action::EditCase => match &s.case {
            Some(c) => s.overlay = Some(Overlay::CaseForm(edit_case_form(c))),
            None => message(s, s.strings().need_case),
        },
        Action::DeleteCase => {
            if let Some(c) = s.cases.get(s.cases_cursor.selected) {
                s.overlay = Some(Overlay::ConfirmDelete(c.id.clone()));
            }
        }
        Action::CycleUiLang => {
            s.lang = s.lang.next();
            // The document's field labels are laid out in the interface language.
            if !s.document.id.is_empty() && !s.document.loading {
                let (corpus, id) = (s.document.corpus.clone(), s.document.id.clone());
                let (query, lang) = (record::viewer_query(s), s.lang);
                return vec![Effect::LoadDocument {
                    gen: s.issue(JobKind::Document),
                    corpus,
                    id,
                    query,
                    lang,
                }];
            }
        }
        Action::CycleReportLang => {
            s.report.lang = match s.report.lang {
                ReportLang::En => ReportLang::Fr,
                ReportLang::Fr => ReportLang::Es,
                ReportLang::Es => ReportLang::Pt,
                ReportLang::Pt => ReportLang::Ar,
                ReportLang::Ar => ReportLang::En,
            };
            return render_report(s);
        }
        Action::CycleExportFormat => s.report.format = s.report.format.next(),
        Action::Export => {
            if let Some(c) = &s.case {
                let case = c.id.clone();
                let (lang, format) = (s.report.lang, s.report.format);
                return vec![Effect::Export {
                    gen: s.issue(JobKind::Export),
                    case,
                    lang,
                    format,
                }];
            }
        }
        Action::IndexCorpus => {
            if s.index_job.is_none() {
                if let Some(row) = s.corpora.get(s.corpora_cursor.selected) {
                    let corpus = row.name.clone();
                    s.index_job = Some(IndexJob {
                        corpus: corpus.clone(),
                        ..IndexJob::default()
                    });
                    return vec![Effect::Index {
                        gen: s.issue(JobKind::Index),
                        corpus,
                    }];
                }
            }
        }
        Action::EmbedCorpus => return embed(s),
        Action::QueryByExample => return by_example(s, false),
        Action::QueryByExampleFeedback => return by_example(s, true),
        Action::FindInDocument => document::start_find(s),
        Action::JumpAbstract => document::jump_part(s, super::docnav::Part::Abstract),
        Action::JumpClaims => document::jump_part(s, super::docnav::Part::Claims),
        Action::JumpDescription => document::jump_part(s, super::docnav::Part::Description),
        Action::Remove => record::ask_remove(s),
        Action::Submit => workshop::open(s),
        // Confirm only means something in a confirmation; the rest are handled above.
        Action::Confirm
        | Action::ForceQuit
        | Action::Input(_)
        | Action::Scroll(_)
        | Action::Resize(..)
        | Action::Paste(_)
        | Action::EditStrategy
        | Action::CorrectStrategy
        | Action::Tick(_)
        | Action::Job { .. } => {}
    }
    Vec::new()
}

fn open(s: &mut State) -> Vec<Effect> {
    match s.screen {
        Screen::Results => {
            let Some(hit) = s.results.selected().cloned() else {
                return Vec::new();
            };
            s.document = super::state::DocumentPane {
                corpus: hit.corpus.clone(),
                id: hit.id.clone(),
                title: hit.title.clone(),
                family: hit
                    .family
                    .iter()
                    .filter(|m| **m != hit.id)
                    .cloned()
                    .collect(),
                loading: true,
                ..Default::default()
            };
            goto(s, Screen::Document);
            let query = record::viewer_query(s);
            let lang = s.lang;
            vec![Effect::LoadDocument {
                gen: s.issue(JobKind::Document),
                corpus: hit.corpus,
                id: hit.id,
                query,
                lang,
            }]
        }
        Screen::Query => keys::show_set(s),
        Screen::Cases => match s.cases.get(s.cases_cursor.selected) {
            Some(c) => {
                let id = c.id.clone();
                vec![Effect::LoadCase {
                    gen: s.issue(JobKind::Case),
                    id,
                }]
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn next_pane(s: &mut State) {
    let available = |sc: &Screen| match sc {
        Screen::Document => !s.document.id.is_empty(),
        Screen::Case | Screen::Report => s.case.is_some(),
        _ => true,
    };
    let all = Screen::CYCLE;
    let at = all.iter().position(|x| *x == s.screen).unwrap_or(0);
    if let Some(next) = (1..=all.len())
        .map(|i| all[(at + i) % all.len()])
        .find(available)
    {
        s.screen = next;
        if next == Screen::Query {
            s.query_focus = QueryFocus::Editor;
        }
    }
}

/// Display order of the hits for a sort.
pub fn sorted_order(hits: &[crate::search::Hit], sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..hits.len()).collect();
    if sort == Sort::Date {
        // Newest first; undated last; ties keep rank order (stable sort).
        order.sort_by(|&a, &b| hits[b].date.cmp(&hits[a].date));
    }
    order
}

/// Search by meaning on or off for the next searches, said in the status bar.
fn toggle_meaning(s: &mut State) {
    s.meaning = !s.meaning;
    let st = s.strings();
    s.status = Some(
        if s.meaning {
            st.meaning_toggled_on
        } else {
            st.meaning_toggled_off
        }
        .to_string(),
    );
}

fn toggle_sort(s: &mut State) {
    let page = s.results_page();
    let r = &mut s.results;
    r.sort = match r.sort {
        Sort::Rank => Sort::Date,
        Sort::Date => Sort::Rank,
    };
    let keep = r.order.get(r.cursor.selected).copied();
    r.order = sorted_order(&r.hits, r.sort);
    r.cursor.selected = keep
        .and_then(|k| r.order.iter().position(|&i| i == k))
        .unwrap_or(0);
    r.cursor.scroll_into_view(page);
}

fn jump_match(s: &mut State, forward: bool) {
    let d = &mut s.document;
    if d.matches.is_empty() {
        return;
    }
    let n = d.matches.len();
    let next = match (d.current_match, forward) {
        (None, true) => d.matches.iter().position(|&l| l >= d.scroll).unwrap_or(0),
        (None, false) => d
            .matches
            .iter()
            .rposition(|&l| l <= d.scroll)
            .unwrap_or(n - 1),
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    };
    d.current_match = Some(next);
    d.scroll = d.matches[next].saturating_sub(2);
}

fn render_report(s: &mut State) -> Vec<Effect> {
    let Some(c) = &s.case else {
        return Vec::new();
    };
    let case = c.id.clone();
    s.report.loading = true;
    s.report.scroll = 0;
    let lang = s.report.lang;
    vec![Effect::RenderReport {
        gen: s.issue(JobKind::Report),
        case,
        lang,
    }]
}

fn show_report(s: &mut State) -> Vec<Effect> {
    if s.case.is_none() {
        message(s, s.strings().need_case_report);
        return Vec::new();
    }
    goto(s, Screen::Report);
    s.report.exported = None;
    render_report(s)
}

/// Embed the selected corpus in the background (one run at a time; the workbench stays
/// usable and its searches read the vectors saved so far).
fn embed(s: &mut State) -> Vec<Effect> {
    if let Some(job) = &s.embed_job {
        s.status = Some(super::strings::fill(
            s.strings().embed_busy,
            "id",
            &job.corpus,
        ));
        return Vec::new();
    }
    let Some(row) = s.corpora.get(s.corpora_cursor.selected) else {
        return Vec::new();
    };
    let corpus = row.name.clone();
    s.embed_job = Some(EmbedJob {
        corpus: corpus.clone(),
        ..EmbedJob::default()
    });
    vec![Effect::Embed {
        gen: s.issue(JobKind::Embed),
        corpus,
    }]
}

/// Query by example: ask the worker for the key terms of the open case's disclosure; they
/// come back as a strategy in the editor (see `jobs`), to edit and run with Enter.
fn by_example(s: &mut State, feedback: bool) -> Vec<Effect> {
    let st = s.strings();
    let Some(c) = &s.case else {
        message(s, st.need_case);
        return Vec::new();
    };
    let Some(disclosure) = c.disclosure.clone().filter(|d| !d.trim().is_empty()) else {
        message(s, st.need_disclosure);
        return Vec::new();
    };
    let corpora = c.corpora.clone();
    s.status = Some(st.selecting_terms.to_string());
    vec![Effect::Example {
        gen: s.issue(JobKind::Example),
        disclosure,
        corpora,
        feedback,
        lang: s.lang,
    }]
}

fn input(s: &mut State, key: InputKey) -> Vec<Effect> {
    if matches!(s.overlay, Some(Overlay::SubmitForm(_))) {
        return workshop::input(s, key);
    }
    if matches!(s.overlay, Some(Overlay::Cite(_) | Overlay::CaseForm(_))) {
        return form_input(s, key);
    }
    if s.overlay.is_none() && s.screen == Screen::Results && s.results.searching {
        // Typed while the search starts: the keys go on into the editor.
        s.screen = Screen::Query;
    }
    if s.overlay.is_none()
        && s.screen == Screen::Document
        && s.document.find.as_ref().is_some_and(|f| f.editing)
    {
        document::find_input(s, key);
        return Vec::new();
    }
    if s.overlay.is_some() || s.screen != Screen::Query {
        return Vec::new();
    }
    s.query_focus = QueryFocus::Editor;
    match key {
        InputKey::Submit => return run_query(s),
        InputKey::Complete => s.completions = s.editor.complete_field_code(),
        other => {
            s.editor.apply(other);
            s.completions.clear();
        }
    }
    keys::check_editor(s);
    Vec::new()
}

fn run_query(s: &mut State) -> Vec<Effect> {
    // A strategy written on several lines is one strategy: it runs, and is recorded, on one
    // line.
    let query = keys::one_line(&s.editor.text());
    // The live checker's verdict is the search's: a strategy it refuses does not run.
    keys::check_editor(s);
    if query.is_empty() || s.parse_error.is_some() {
        return Vec::new();
    }
    // In correcting mode the strategy replaces #n rather than adding one.
    let corrects = s.correcting;
    keys::search_effect(s, query, None, corrects)
}
