//! The workbench as an editor of the search record: `d` on a history line removes a
//! strategy, `d` on a citation in the case view removes the citation — both after a
//! question, both refused with a message when another strategy uses the set.

#[allow(dead_code)]
mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tisc::case::{Case, Op};
use tisc::tui::action::{Action, Effect, JobDone, Removal};
use tisc::tui::keymap::Mode;
use tisc::tui::state::{Overlay, QueryFocus, Screen, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update::update;
use tisc_test_kit::fixtures::{self, case_with_sets, deliver};
use tui_support::{fresh, screen_text};

/// The workbench with the case open, on the history of the query screen.
fn on_history(case: Case) -> State {
    let mut s = fresh();
    deliver(&mut s, JobDone::CaseLoaded(Ok(Box::new(case))));
    s.screen = Screen::Query;
    s.query_focus = QueryFocus::History;
    s.overlay = None;
    s
}

fn press(s: &State, c: char) -> Option<Action> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    s.keymap.translate(&key, s.mode(), s.context())
}

#[test]
fn d_on_the_history_asks_then_removes_the_strategy() {
    let mut s = on_history(case_with_sets());
    assert_eq!(s.history.len(), 3);
    assert_eq!(press(&s, 'd'), Some(Action::Remove));
    s.history_cursor.selected = 2;
    update(&mut s, Action::Remove);
    assert_eq!(
        s.overlay,
        Some(Overlay::ConfirmRemove(Removal::Strategy(3)))
    );
    let shown = screen_text(&s, 80, 24);
    assert!(shown.contains("Remove #3 from the history?"), "{shown}");
    // `n` keeps it; `q` does not answer the question.
    assert_eq!(press(&s, 'n'), Some(Action::Back));
    update(&mut s, Action::Quit);
    assert!(!s.quit);
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);
    update(&mut s, Action::Remove);
    assert_eq!(press(&s, 'y'), Some(Action::Confirm));
    let e = update(&mut s, Action::Confirm);
    match e.as_slice() {
        [Effect::Remove { case, what, .. }] => {
            assert_eq!(case, "solar-pump");
            assert_eq!(*what, Removal::Strategy(3));
        }
        other => panic!("{other:?}"),
    }
    // The worker answers with the case without #3.
    let mut after = case_with_sets();
    after.apply(&Op::Forget { number: 3 }, "2026-01-05T10:08:00Z");
    let gen = s.latest[&tisc::tui::action::JobKind::Case];
    update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::Removed {
                what: "#3".into(),
                case: Ok(Box::new(after)),
            },
        },
    );
    let numbers: Vec<u32> = s.history.iter().map(|h| h.number).collect();
    assert_eq!(numbers, [1, 2]);
    assert!(s.history_cursor.selected < 2);
    assert_eq!(
        s.status.as_deref(),
        Some("removed #3 (kept in the case file)")
    );
}

#[test]
fn a_set_another_strategy_uses_is_not_removed_and_the_message_names_it() {
    for lang in [UiLang::En, UiLang::Fr] {
        let mut s = on_history(case_with_sets());
        s.lang = lang;
        s.history_cursor.selected = 1;
        let e = update(&mut s, Action::Remove);
        assert!(e.is_empty());
        match &s.overlay {
            Some(Overlay::Message(m)) => assert!(m.contains("#3"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn d_in_the_editor_is_text_and_without_a_case_asks_for_one() {
    let mut s = fresh();
    assert_eq!(s.mode(), Mode::Text);
    assert_eq!(
        press(&s, 'd'),
        Some(Action::Input(tisc::tui::action::InputKey::Char('d'))),
        "typed, not bound"
    );
    s.query_focus = QueryFocus::History;
    update(&mut s, Action::Remove);
    assert!(matches!(s.overlay, Some(Overlay::Message(_))));
}

#[test]
fn d_on_a_citation_of_the_case_view_asks_then_removes_it() {
    let mut case = case_with_sets();
    let mut second = case.citations[0].clone();
    second.doc.id = "US7000002B2".into();
    case.citations.push(second);
    let mut s = on_history(case);
    s.screen = Screen::Case;
    assert_eq!(press(&s, 'd'), Some(Action::Remove));
    update(&mut s, Action::Down);
    assert_eq!(s.citation_cursor, 1);
    let shown = screen_text(&s, 120, 40);
    let marked = shown
        .lines()
        .find(|l| l.contains('▶'))
        .expect("the selected citation is marked");
    assert!(marked.contains("US7000002B2"), "{marked}");
    update(&mut s, Action::Remove);
    assert_eq!(
        s.overlay,
        Some(Overlay::ConfirmRemove(Removal::Citation(
            "US7000002B2".into()
        )))
    );
    let shown = screen_text(&s, 120, 40);
    assert!(
        shown.contains("Remove the citation of US7000002B2?"),
        "{shown}"
    );
    let e = update(&mut s, Action::Confirm);
    assert!(matches!(
        e.as_slice(),
        [Effect::Remove { what: Removal::Citation(id), .. }] if id == "US7000002B2"
    ));
}

/// A combined set highlights the words of the strategies it contains in the viewer, and
/// `n`/`N` move between them.
#[test]
fn the_viewer_marks_the_words_of_every_set_a_combined_set_contains() {
    let mut s = fixtures::with_results(UiLang::En, 120, 40, 5);
    deliver(&mut s, JobDone::CaseLoaded(Ok(Box::new(case_with_sets()))));
    s.overlay = None;
    s.screen = Screen::Results;
    s.results.query = "#3".into();
    let e = update(&mut s, Action::Open);
    let query = match e.as_slice() {
        [Effect::LoadDocument { query, .. }] => query.clone(),
        other => panic!("{other:?}"),
    };
    // #3 is `#1 AND #2`: the words of both.
    assert_eq!(query, "solar OR pump* OR float*");
    // Laid out for the raw combined set, nothing would be marked.
    let raw = tisc::tui::highlight::layout(&fixtures::document(), "#3", UiLang::En.strings());
    assert!(tisc::tui::highlight::match_lines(&raw).is_empty());
    fixtures::deliver_document(&mut s, &query, UiLang::En);
    assert!(s.document.matches.len() >= 2, "{:?}", s.document.matches);
    update(&mut s, Action::NextMatch);
    let first = s.document.current_match;
    assert!(first.is_some());
    update(&mut s, Action::NextMatch);
    assert_ne!(s.document.current_match, first, "n moves");
    update(&mut s, Action::PrevMatch);
    assert_eq!(s.document.current_match, first, "N moves back");
}

#[test]
fn a_set_that_refers_to_itself_or_an_unknown_set_is_expanded_once() {
    let history = vec![
        (1, "solar AND #2".to_string()),
        (2, "pump* OR #1".to_string()),
    ];
    assert_eq!(
        tisc::tui::highlight::with_sets("#1 OR #9", &history),
        "solar OR pump*"
    );
    // Words under NOT are not marked, nor are those of a set under NOT.
    assert_eq!(
        tisc::tui::highlight::with_sets("(#2 OR drip) NOT (#1 OR valve)", &history),
        "pump* OR solar OR drip"
    );
    // No set: the strategy as it is.
    assert_eq!(
        tisc::tui::highlight::with_sets("ti:solar AND pd<2015", &history),
        "ti:solar AND pd<2015"
    );
}
