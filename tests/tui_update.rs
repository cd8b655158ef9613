//! Tests of the workbench's `update`: every action, on states built from the fixtures.

mod tui_support;

use tisc::model::Date;
use tisc::tui::action::SearchOutcome;
use tisc::tui::action::{Action, Effect, InputKey, JobDone, JobKind};
use tisc::tui::keymap::Mode;
use tisc::tui::state::{DocumentPane, Overlay, QueryFocus, Screen, Sort, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update::{start, update};
use tisc_test_kit::fixtures::{self, deliver};
use tui_support::{fresh, results, typed};

/// A search outcome of `n` fixture hits for `query`, with no warning, failure or record.
fn outcome(query: &str, per_corpus: Vec<(String, u64)>, n: usize) -> SearchOutcome {
    SearchOutcome {
        query: query.into(),
        per_corpus,
        hits: fixtures::hits(n),
        warnings: vec![],
        failures: vec![],
        recorded: None,
        meaning: None,
    }
}

/// Deliver `outcome` as generation `gen` of the search job: the effects it asks for.
fn searched(s: &mut State, gen: u64, outcome: SearchOutcome) -> Vec<Effect> {
    update(
        s,
        Action::Job {
            gen,
            done: JobDone::Searched(Ok(outcome)),
        },
    )
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
        [Effect::Search {
            query,
            corpora,
            case,
            history,
            ..
        }] => {
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
        [Effect::Search {
            corpora,
            case,
            cutoff,
            history,
            ..
        }] => {
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
        recorded: Some(2),
        meaning: None,
        ..outcome("x", vec![("demo".into(), 1)], 1)
    };
    let e = searched(&mut s, gen, outcome);
    assert!(matches!(e.as_slice(), [Effect::LoadCase { id, .. }] if id == "solar-pump"));
}

#[test]
fn scratch_searches_are_numbered_in_the_session_history() {
    let mut s = fresh();
    typed(&mut s, "pump");
    update(&mut s, Action::Input(InputKey::Submit));
    let gen = s.latest[&JobKind::Search];
    let outcome = SearchOutcome {
        failures: vec!["pubmed: broken".into()],
        ..outcome("pump", vec![("demo".into(), 3)], 3)
    };
    searched(&mut s, gen, outcome);
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
    searched(&mut s, old, outcome("old", vec![], 5));
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
    // A page of results is the list's height: the snippet preview takes rows under it.
    assert_eq!(s.results_page(), s.page() - usize::from(s.preview_rows()));
    update(&mut s, Action::PageDown);
    assert_eq!(s.results.cursor.selected, 1 + s.results_page());
    update(&mut s, Action::Bottom);
    assert_eq!(s.results.cursor.selected, 9_999);
    assert!(s.results.cursor.offset + s.results_page() > 9_999);
    update(&mut s, Action::PageUp);
    assert_eq!(s.results.cursor.selected, 9_999 - s.results_page());
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
    let dates: Vec<_> = s
        .results
        .order
        .iter()
        .map(|&i| s.results.hits[i].date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    update(&mut s, Action::ToggleSort);
    assert_eq!(s.results.order, (0..50).collect::<Vec<_>>());
}

#[test]
fn enter_opens_the_selected_document_and_n_jumps_between_matches() {
    let mut s = results(5);
    update(&mut s, Action::Down);
    let e = update(&mut s, Action::Open);
    assert!(
        matches!(e.as_slice(), [Effect::LoadDocument { id, corpus, query, .. }]
        if id == "US7000001B2" && corpus == "demo" && query == "solar NEAR/3 pump*")
    );
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
    update(&mut s, Action::Down);
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
    assert_eq!(
        (s.screen, s.query_focus, s.mode()),
        (Screen::Query, QueryFocus::History, Mode::Normal)
    );
    // `e` on a history entry copies it into the editor; Enter shows its set again (not
    // recorded: no case in the search).
    s.editor.set_text("");
    update(&mut s, Action::EditStrategy);
    assert_eq!(s.editor.text(), "solar NEAR/3 pump*");
    assert_eq!(s.query_focus, QueryFocus::Editor);
    update(&mut s, Action::Back);
    let e = update(&mut s, Action::Open);
    assert!(
        matches!(e.as_slice(), [Effect::Search { case: None, .. }]),
        "{e:?}"
    );
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
fn the_interface_language_switches_and_relays_out_an_open_document() {
    let mut s = fixtures::with_document(UiLang::En, 80, 24);
    let e = update(&mut s, Action::CycleUiLang);
    assert_eq!(s.lang, UiLang::Fr);
    assert!(matches!(
        e.as_slice(),
        [Effect::LoadDocument {
            lang: UiLang::Fr,
            ..
        }]
    ));
    s.document = DocumentPane::default();
    assert!(update(&mut s, Action::CycleUiLang).is_empty());
    assert_eq!(s.lang, UiLang::Es);
}

#[test]
fn a_loaded_document_is_laid_out_with_its_matches() {
    let mut s = results(2);
    update(&mut s, Action::Open);
    fixtures::deliver_document(&mut s, "float", UiLang::En);
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

/// The results list's strategy and family cells (the results view).
#[test]
fn strategy_and_family_cells() {
    use tisc::tui::views::{family_cell, strategies_cell};
    let mut h = fixtures::hits(2).remove(1);
    assert_eq!(strategies_cell(&h), "#1");
    assert_eq!(family_cell(&h), "+1");
    h.strategies.insert("2".into(), 7);
    assert_eq!(strategies_cell(&h), "1:2 2:7");
    h.family.truncate(1);
    assert_eq!(family_cell(&h), "");
}

#[test]
fn m_turns_search_by_meaning_on_for_the_next_search_and_the_results_line_says_if_it_was_used() {
    let mut s = results(3);
    assert!(!s.meaning);
    update(&mut s, Action::ToggleMeaning);
    assert!(s.meaning);
    assert_eq!(
        s.status.as_deref(),
        Some(UiLang::En.strings().meaning_toggled_on)
    );
    s.screen = Screen::Query;
    s.query_focus = QueryFocus::Editor;
    typed(&mut s, "pump");
    let e = update(&mut s, Action::Input(InputKey::Submit));
    assert!(
        matches!(e.as_slice(), [Effect::Search { meaning: true, .. }]),
        "{e:?}"
    );
    let gen = s.latest[&JobKind::Search];
    // No model or no vectors: the search ran on BM25 alone, and the line says so.
    let answer = SearchOutcome {
        meaning: Some(false),
        ..outcome("pump", vec![("demo".into(), 3)], 3)
    };
    searched(&mut s, gen, answer);
    assert_eq!(s.results.meaning, Some(false));
    let text = tui_support::screen_text(&s, 80, 24);
    assert!(text.contains("meaning: —"), "{text}");
    // Off again: the next search does not ask for it.
    update(&mut s, Action::ToggleMeaning);
    assert_eq!(
        s.status.as_deref(),
        Some(UiLang::En.strings().meaning_toggled_off)
    );
    s.screen = Screen::Query;
    s.query_focus = QueryFocus::Editor;
    typed(&mut s, " valve");
    let e = update(&mut s, Action::Input(InputKey::Submit));
    assert!(
        matches!(e.as_slice(), [Effect::Search { meaning: false, .. }]),
        "{e:?}"
    );
}
