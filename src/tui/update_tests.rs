//! Unit tests of `update`: every action, on states built from the fixtures.

use super::*;
use crate::tui::action::{CorpusRow, LoadedDocument, SearchOutcome};
use crate::tui::fixtures::{self, deliver};
use crate::tui::keymap::Mode;
use crate::tui::state::{DocumentPane, Screen};
use crate::tui::strings::UiLang;

fn fresh() -> State {
    fixtures::state(UiLang::En, 80, 24)
}

fn results(n: usize) -> State {
    fixtures::with_results(UiLang::En, 80, 24, n)
}

fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in text.chars() {
        out.extend(update(s, Action::Input(InputKey::Char(c))));
    }
    out
}

#[test]
fn start_loads_corpora_and_cases_and_indexes_the_demo_only_when_nothing_is_indexed() {
    let mut s = fresh();
    let e = start(&mut s, true);
    assert_eq!(e.len(), 3);
    assert!(matches!(&e[2], Effect::Index { corpus, .. } if corpus == "demo"));
    assert!(s.index_job.as_ref().is_some_and(|j| j.first_start));
    let mut s = fresh();
    assert_eq!(start(&mut s, false).len(), 2);
    assert!(s.index_job.is_none());
}

#[test]
fn quit_and_force_quit_end_the_loop() {
    let mut s = results(3);
    update(&mut s, Action::Quit);
    assert!(s.quit);
    let mut s = fresh();
    assert_eq!(s.mode(), Mode::Text);
    update(&mut s, Action::ForceQuit);
    assert!(s.quit);
}

#[test]
fn typing_shows_parse_errors_and_enter_runs_a_valid_strategy() {
    let mut s = fresh();
    assert!(typed(&mut s, "solar NEAR pump").is_empty());
    let e = s.parse_error.clone().expect("a parse error while typing");
    assert!(e.message.contains("NEAR needs a distance"), "{}", e.message);
    // Enter does not run a strategy with an error.
    assert!(update(&mut s, Action::Input(InputKey::Submit)).is_empty());
    for _ in 0..5 {
        update(&mut s, Action::Input(InputKey::Backspace));
    }
    typed(&mut s, "/3 pump");
    assert_eq!(s.parse_error, None);
    let e = update(&mut s, Action::Input(InputKey::Submit));
    match e.as_slice() {
        [Effect::Search { query, corpora, case, history, .. }] => {
            assert_eq!(query, "solar NEAR/3 pump");
            assert!(corpora.is_empty() && case.is_none() && history.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.screen, Screen::Results);
    assert!(s.results.searching);
}

#[test]
fn alt_enter_adds_a_line_and_tab_completes_field_codes() {
    let mut s = fresh();
    typed(&mut s, "solar");
    update(&mut s, Action::Input(InputKey::Newline));
    typed(&mut s, "AND ab");
    update(&mut s, Action::Input(InputKey::Complete));
    assert_eq!(s.editor.text(), "solar\nAND ab:");
    typed(&mut s, "x AND p");
    update(&mut s, Action::Input(InputKey::Complete));
    assert!(s.completions.contains(&"pa"));
    typed(&mut s, "a");
    assert!(s.completions.is_empty());
}

#[test]
fn a_case_search_is_narrowed_to_its_corpora_and_recorded() {
    let mut s = results(2);
    s.screen = Screen::Query;
    s.query_focus = QueryFocus::Editor;
    let e = update(&mut s, Action::Input(InputKey::Submit));
    match e.as_slice() {
        [Effect::Search { corpora, case, cutoff, history, .. }] => {
            assert_eq!(corpora, &["demo".to_string()]);
            assert_eq!(case.as_deref(), Some("solar-pump"));
            assert_eq!(*cutoff, Date::new(2020, 3, 1));
            assert_eq!(history, &[(1, "solar NEAR/3 pump*".to_string())]);
        }
        other => panic!("{other:?}"),
    }
    // The recorded search reloads the case (for its history).
    let gen = s.latest[&JobKind::Search];
    let outcome = SearchOutcome {
        query: "x".into(),
        per_corpus: vec![("demo".into(), 1)],
        hits: fixtures::hits(1),
        warnings: vec![],
        failures: vec![],
        recorded: Some(2),
    };
    let e = update(&mut s, Action::Job { gen, done: JobDone::Searched(Ok(outcome)) });
    assert!(matches!(e.as_slice(), [Effect::LoadCase { id, .. }] if id == "solar-pump"));
}

#[test]
fn scratch_searches_are_numbered_in_the_session_history() {
    let mut s = fresh();
    typed(&mut s, "pump");
    update(&mut s, Action::Input(InputKey::Submit));
    let gen = s.latest[&JobKind::Search];
    let outcome = SearchOutcome {
        query: "pump".into(),
        per_corpus: vec![("demo".into(), 3)],
        hits: fixtures::hits(3),
        warnings: vec![],
        failures: vec!["pubmed: broken".into()],
        recorded: None,
    };
    update(&mut s, Action::Job { gen, done: JobDone::Searched(Ok(outcome)) });
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.history[0].number, 1);
    assert_eq!(s.results.hits.len(), 3);
    assert!(!s.results.searching);
    assert_eq!(s.status.as_deref(), Some("pubmed: broken"));
}

#[test]
fn stale_results_are_dropped() {
    let mut s = fresh();
    let old = s.issue(JobKind::Search);
    let _new = s.issue(JobKind::Search);
    let outcome = SearchOutcome {
        query: "old".into(),
        per_corpus: vec![],
        hits: fixtures::hits(5),
        warnings: vec![],
        failures: vec![],
        recorded: None,
    };
    update(&mut s, Action::Job { gen: old, done: JobDone::Searched(Ok(outcome)) });
    assert!(s.results.hits.is_empty());
}

#[test]
fn a_failed_job_shows_a_message_and_esc_closes_it() {
    let mut s = results(3);
    deliver(&mut s, JobDone::Searched(Err("index damaged".into())));
    assert_eq!(s.overlay, Some(Overlay::Message("index damaged".into())));
    assert!(!s.quit);
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);
}

#[test]
fn moving_scrolls_lists_and_keeps_the_selection_in_view() {
    let mut s = results(10_000);
    update(&mut s, Action::Down);
    assert_eq!(s.results.cursor.selected, 1);
    update(&mut s, Action::PageDown);
    assert_eq!(s.results.cursor.selected, 1 + s.page());
    update(&mut s, Action::Bottom);
    assert_eq!(s.results.cursor.selected, 9_999);
    assert!(s.results.cursor.offset + s.page() > 9_999);
    update(&mut s, Action::PageUp);
    assert_eq!(s.results.cursor.selected, 9_999 - s.page());
    update(&mut s, Action::Top);
    assert_eq!(s.results.cursor, Default::default());
    update(&mut s, Action::Up);
    assert_eq!(s.results.cursor.selected, 0);
    update(&mut s, Action::Scroll(3));
    assert_eq!(s.results.cursor.selected, 3);
    update(&mut s, Action::Scroll(-30));
    assert_eq!(s.results.cursor.selected, 0);
}

#[test]
fn resize_changes_the_page() {
    let mut s = results(100);
    update(&mut s, Action::Resize(120, 40));
    assert_eq!(s.size, (120, 40));
    assert_eq!(s.page(), 34);
    update(&mut s, Action::Bottom);
    update(&mut s, Action::Resize(80, 10));
    assert!(s.results.cursor.offset + s.page() > s.results.cursor.selected);
}

#[test]
fn sorting_by_date_keeps_the_selected_hit() {
    let mut s = results(50);
    update(&mut s, Action::Down);
    let before = s.results.selected().map(|h| h.id.clone());
    update(&mut s, Action::ToggleSort);
    assert_eq!(s.results.sort, Sort::Date);
    assert_eq!(s.results.selected().map(|h| h.id.clone()), before);
    let dates: Vec<_> = s.results.order.iter().map(|&i| s.results.hits[i].date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    update(&mut s, Action::ToggleSort);
    assert_eq!(s.results.order, (0..50).collect::<Vec<_>>());
}

#[test]
fn enter_opens_the_selected_document_and_n_jumps_between_matches() {
    let mut s = results(5);
    update(&mut s, Action::Down);
    let e = update(&mut s, Action::Open);
    assert!(matches!(e.as_slice(), [Effect::LoadDocument { id, corpus, query, .. }]
        if id == "US7000001B2" && corpus == "demo" && query == "solar NEAR/3 pump*"));
    assert_eq!(s.screen, Screen::Document);
    assert!(s.document.loading);
    let s = &mut fixtures::with_document(UiLang::En, 80, 24);
    let n = s.document.matches.len();
    assert!(n >= 3, "{n}");
    update(s, Action::NextMatch);
    assert_eq!(s.document.current_match, Some(0));
    update(s, Action::NextMatch);
    assert_eq!(s.document.current_match, Some(1));
    update(s, Action::PrevMatch);
    update(s, Action::PrevMatch);
    assert_eq!(s.document.current_match, Some(n - 1));
    update(s, Action::Down);
    update(s, Action::Top);
    assert_eq!(s.document.scroll, 0);
}

#[test]
fn the_document_records_the_family_of_its_row() {
    let mut s = results(5);
    update(&mut s, Action::Open);
    assert_eq!(s.document.family, ["EP1000001B1".to_string()]);
}

#[test]
fn esc_backs_out_of_inputs_and_screens() {
    let mut s = results(5);
    update(&mut s, Action::Open);
    assert_eq!(s.screen, Screen::Document);
    update(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Results);
    update(&mut s, Action::OpenQuery);
    assert_eq!((s.screen, s.mode()), (Screen::Query, Mode::Text));
    update(&mut s, Action::Back);
    assert_eq!((s.screen, s.query_focus, s.mode()), (Screen::Query, QueryFocus::History, Mode::Normal));
    // Enter on a history entry copies it into the editor.
    s.editor.set_text("");
    update(&mut s, Action::Open);
    assert_eq!(s.editor.text(), "solar NEAR/3 pump*");
    assert_eq!(s.query_focus, QueryFocus::Editor);
    update(&mut s, Action::Back);
    update(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Results);
}

#[test]
fn tab_cycles_the_available_panes() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    update(&mut s, Action::NextPane);
    assert_eq!(s.screen, Screen::Results);
    update(&mut s, Action::NextPane);
    // No document and no case: straight to the cases, then the corpora.
    assert_eq!(s.screen, Screen::Cases);
    update(&mut s, Action::NextPane);
    assert_eq!(s.screen, Screen::Corpora);
    update(&mut s, Action::NextPane);
    assert_eq!(s.screen, Screen::Query);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut s = results(2);
    update(&mut s, Action::Help);
    assert_eq!(s.overlay, Some(Overlay::Help));
    update(&mut s, Action::Down);
    assert_eq!(s.help_scroll, 1);
    update(&mut s, Action::Up);
    assert_eq!(s.help_scroll, 0);
    update(&mut s, Action::Help);
    assert_eq!(s.overlay, None);
}

#[test]
fn cite_needs_a_case_then_opens_a_checked_dialog() {
    let mut s = results(3);
    let case = s.case.take();
    update(&mut s, Action::Cite);
    assert!(matches!(&s.overlay, Some(Overlay::Message(m)) if m.contains("case")));
    update(&mut s, Action::Back);
    s.case = case;
    update(&mut s, Action::Down);
    update(&mut s, Action::Cite);
    // The document is already cited in the fixture case: its citation is the starting point.
    let Some(Overlay::Cite(form)) = &s.overlay else { panic!("{:?}", s.overlay) };
    assert_eq!(form.value(FormField::Category), "X");
    assert_eq!(form.value(FormField::Claims), "1-2");
    assert_eq!(s.mode(), Mode::Text);
    // A bad category is refused in the dialog.
    update(&mut s, Action::Input(InputKey::Backspace));
    typed(&mut s, "Q");
    assert!(update(&mut s, Action::Input(InputKey::Submit)).is_empty());
    assert!(matches!(&s.overlay, Some(Overlay::Cite(f)) if f.error.as_deref().is_some_and(|e| e.contains("not a category"))));
    update(&mut s, Action::Input(InputKey::Backspace));
    typed(&mut s, "P,Y");
    update(&mut s, Action::Input(InputKey::Complete));
    update(&mut s, Action::Input(InputKey::End));
    typed(&mut s, ",3");
    update(&mut s, Action::Input(InputKey::Down));
    typed(&mut s, "float switch");
    let e = update(&mut s, Action::Input(InputKey::Submit));
    match e.as_slice() {
        [Effect::Cite { draft, .. }] => {
            assert_eq!((draft.case.as_str(), draft.doc_id.as_str(), draft.corpus.as_str()), ("solar-pump", "US7000001B2", "demo"));
            assert_eq!(draft.categories, "P,Y");
            assert_eq!(draft.claims, vec![1, 2, 3]);
            assert_eq!(draft.passage, "float switch");
            assert_eq!(draft.note, "same float switch");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.overlay, None);
    // Saved: the status says so and the case is reloaded for the cited markers.
    let e = {
        let gen = s.latest[&JobKind::Cite];
        update(&mut s, Action::Job { gen, done: JobDone::Cited(Ok("US7000001B2".into())) })
    };
    assert!(matches!(e.as_slice(), [Effect::LoadCase { .. }]));
    assert_eq!(s.status.as_deref(), Some("cited US7000001B2 in case solar-pump"));
}

#[test]
fn the_citation_passage_is_the_line_of_the_current_match() {
    let mut s = fixtures::with_document(UiLang::En, 80, 24);
    update(&mut s, Action::NextMatch);
    update(&mut s, Action::Cite);
    let Some(Overlay::Cite(form)) = &s.overlay else { panic!() };
    assert_eq!(form.value(FormField::Passage), "Solar water pump with float switch");
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);
}

#[test]
fn cases_new_open_and_delete_with_confirmation() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    let e = update(&mut s, Action::ShowCases);
    assert!(matches!(e.as_slice(), [Effect::LoadCases { .. }]));
    deliver(&mut s, JobDone::CasesLoaded(vec![fixtures::case()]));
    assert_eq!(s.cases.len(), 1);
    update(&mut s, Action::NewCase);
    typed(&mut s, "new-case");
    update(&mut s, Action::Input(InputKey::Complete));
    typed(&mut s, "Cassava grater");
    update(&mut s, Action::Input(InputKey::Down));
    update(&mut s, Action::Input(InputKey::Down));
    typed(&mut s, "2024-13-01");
    assert!(update(&mut s, Action::Input(InputKey::Submit)).is_empty(), "a bad date is refused");
    for _ in 0..5 {
        update(&mut s, Action::Input(InputKey::Backspace));
    }
    typed(&mut s, "03-01");
    for _ in 0..2 {
        update(&mut s, Action::Input(InputKey::Complete));
    }
    typed(&mut s, "line one");
    update(&mut s, Action::Input(InputKey::Newline));
    typed(&mut s, "line two");
    let e = update(&mut s, Action::Input(InputKey::Submit));
    match e.as_slice() {
        [Effect::CreateCase { draft, .. }] => {
            assert_eq!(draft.id, "new-case");
            assert_eq!(draft.cutoff, Date::new(2024, 3, 1));
            assert_eq!(draft.disclosure.as_deref(), Some("line one\nline two"));
            assert_eq!(draft.language, ReportLang::En);
        }
        other => panic!("{other:?}"),
    }
    deliver(&mut s, JobDone::CaseCreated(Ok(Box::new(fixtures::case()))));
    assert_eq!(s.screen, Screen::Case);
    assert_eq!(s.history.len(), 1);
    // Open from the list.
    update(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Cases);
    assert!(matches!(update(&mut s, Action::Open).as_slice(), [Effect::LoadCase { id, .. }] if id == "solar-pump"));
    // Delete asks first; n keeps it, y deletes it.
    update(&mut s, Action::DeleteCase);
    assert_eq!(s.overlay, Some(Overlay::ConfirmDelete("solar-pump".into())));
    update(&mut s, Action::Quit);
    assert!(!s.quit, "q does not answer a confirmation");
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);
    update(&mut s, Action::DeleteCase);
    let e = update(&mut s, Action::Confirm);
    assert!(matches!(e.as_slice(), [Effect::DeleteCase { id, .. }] if id == "solar-pump"));
    let gen = s.latest[&JobKind::Cases];
    let e = update(&mut s, Action::Job { gen, done: JobDone::CaseDeleted(Ok("solar-pump".into())) });
    assert!(s.case.is_none() && s.history.is_empty());
    assert!(matches!(e.as_slice(), [Effect::LoadCases { .. }]));
}

#[test]
fn report_needs_a_case_renders_switches_language_and_format_and_exports() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    assert!(update(&mut s, Action::ShowReport).is_empty());
    assert!(matches!(s.overlay, Some(Overlay::Message(_))));
    update(&mut s, Action::Back);
    let mut s = results(2);
    let e = update(&mut s, Action::ShowReport);
    assert!(matches!(e.as_slice(), [Effect::RenderReport { case, lang: ReportLang::En, .. }] if case == "solar-pump"));
    assert_eq!(s.screen, Screen::Report);
    deliver(&mut s, JobDone::ReportRendered(Ok("# Report\nline".into())));
    assert_eq!(s.report.lines, ["# Report", "line"]);
    let e = update(&mut s, Action::CycleReportLang);
    assert!(matches!(e.as_slice(), [Effect::RenderReport { lang: ReportLang::Fr, .. }]));
    update(&mut s, Action::CycleExportFormat);
    assert_eq!(s.report.format, crate::tui::action::ExportFormat::Html);
    let e = update(&mut s, Action::Export);
    assert!(matches!(e.as_slice(), [Effect::Export { lang: ReportLang::Fr, format: crate::tui::action::ExportFormat::Html, .. }]));
    deliver(&mut s, JobDone::Exported(Ok("/tmp/r.html".into())));
    assert_eq!(s.report.exported.as_deref(), Some("exported to /tmp/r.html"));
}

#[test]
fn corpora_load_and_index_with_progress() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    let e = update(&mut s, Action::ShowCorpora);
    assert!(matches!(e.as_slice(), [Effect::LoadCorpora { .. }]));
    deliver(&mut s, JobDone::CorporaLoaded(fixtures::corpora()));
    update(&mut s, Action::Down);
    let e = update(&mut s, Action::IndexCorpus);
    assert!(matches!(e.as_slice(), [Effect::Index { corpus, .. }] if corpus == "scifact"));
    assert!(update(&mut s, Action::IndexCorpus).is_empty(), "one indexing job at a time");
    let gen = s.latest[&JobKind::Index];
    let progress = JobDone::IndexProgress { bytes: 50, total: 100, docs: 7, committing: false };
    update(&mut s, Action::Job { gen, done: progress });
    assert_eq!(s.index_job.as_ref().map(|j| (j.bytes, j.docs)), Some((50, 7)));
    let e = update(&mut s, Action::Job { gen, done: JobDone::Indexed(Ok(("scifact".into(), 9))) });
    assert!(s.index_job.is_none());
    assert_eq!(s.status.as_deref(), Some("indexed scifact: 9 documents"));
    assert!(matches!(e.as_slice(), [Effect::LoadCorpora { .. }]));
    let rows: Vec<CorpusRow> = s.corpora.clone();
    assert_eq!(rows.len(), 3);
}

#[test]
fn the_interface_language_switches_and_relays_out_an_open_document() {
    let mut s = fixtures::with_document(UiLang::En, 80, 24);
    let e = update(&mut s, Action::CycleUiLang);
    assert_eq!(s.lang, UiLang::Fr);
    assert!(matches!(e.as_slice(), [Effect::LoadDocument { lang: UiLang::Fr, .. }]));
    s.document = DocumentPane::default();
    assert!(update(&mut s, Action::CycleUiLang).is_empty());
    assert_eq!(s.lang, UiLang::Es);
}

#[test]
fn a_loaded_document_is_laid_out_with_its_matches() {
    let mut s = results(2);
    update(&mut s, Action::Open);
    let doc = fixtures::document();
    let lines = crate::tui::highlight::layout(&doc, "float", UiLang::En.strings());
    deliver(&mut s, JobDone::DocumentLoaded(Ok(LoadedDocument { corpus: "demo".into(), doc: Box::new(doc), lines })));
    assert!(!s.document.loading);
    assert_eq!(s.document.title, "Solar water pump with float switch");
    assert!(!s.document.matches.is_empty());
    deliver(&mut s, JobDone::DocumentLoaded(Err("gone".into())));
    assert_eq!(s.overlay, Some(Overlay::Message("gone".into())));
}

#[test]
fn confirm_means_nothing_outside_a_confirmation() {
    let mut s = results(2);
    let before = s.clone();
    assert!(update(&mut s, Action::Confirm).is_empty());
    assert_eq!(s, before);
}
