//! Correcting a strategy from the workbench: `c` on a history line opens the editor in
//! correcting mode, Enter records the corrected strategy under the same `#n` (as
//! `tisc case amend` does), Esc leaves the mode (asking first when the text was changed).

#[allow(dead_code)] // shared helpers: this file uses some of them
mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tisc::case::{Case, Op, Strategy};
use tisc::tui::action::{Action, Effect, InputKey, JobDone, JobKind, SearchOutcome};
use tisc::tui::state::{Overlay, QueryFocus, Screen, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update::update;
use tisc_test_kit::fixtures::{self, case_with_sets, deliver};
use tui_support::{fresh, screen_text, typed};

/// The workbench with the case open, on the history, `#n` selected.
fn on_history(case: Case, lang: UiLang, n: usize) -> State {
    let mut s = fresh();
    s.lang = lang;
    deliver(&mut s, JobDone::CaseLoaded(Ok(Box::new(case))));
    s.screen = Screen::Query;
    s.query_focus = QueryFocus::History;
    s.overlay = None;
    s.history_cursor.selected = n - 1;
    s
}

fn press(s: &State, c: char) -> Option<Action> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    s.keymap.translate(&key, s.mode(), s.context())
}

fn erase_all(s: &mut State) {
    update(s, Action::Input(InputKey::End));
    for _ in 0..s.editor.text().chars().count() {
        update(s, Action::Input(InputKey::Backspace));
    }
}

#[test]
fn c_on_the_history_opens_the_editor_correcting_that_strategy() {
    let mut s = on_history(case_with_sets(), UiLang::En, 2);
    assert_eq!(press(&s, 'c'), Some(Action::CorrectStrategy));
    let e = update(&mut s, Action::CorrectStrategy);
    assert!(e.is_empty());
    assert_eq!(s.correcting, Some(2));
    assert_eq!(s.editor.text(), "float*");
    assert_eq!(s.query_focus, QueryFocus::Editor);
    // In the editor `c` is text again.
    assert_eq!(
        press(&s, 'c'),
        Some(Action::Input(InputKey::Char('c'))),
        "typed, not bound"
    );
    let shown = screen_text(&s, 80, 24);
    assert!(shown.contains("correcting #2"), "{shown}");
    // `e` on another line is a new strategy again: the mode ends.
    update(&mut s, Action::Back);
    s.history_cursor.selected = 0;
    update(&mut s, Action::EditStrategy);
    assert_eq!(s.correcting, None);
}

#[test]
fn enter_in_correcting_mode_records_a_correction_under_the_same_number() {
    let mut s = on_history(case_with_sets(), UiLang::En, 2);
    update(&mut s, Action::CorrectStrategy);
    erase_all(&mut s);
    typed(&mut s, "float* AND valve*");
    assert_eq!(s.parse_error, None);
    let e = update(&mut s, Action::Input(InputKey::Submit));
    let gen = match e.as_slice() {
        [Effect::Search {
            gen,
            query,
            case,
            history,
            corrects,
            corpora,
            ..
        }] => {
            assert_eq!(query, "float* AND valve*");
            assert_eq!(case.as_deref(), Some("solar-pump"));
            assert_eq!(*corrects, Some(2), "an amendment, not a new strategy");
            // Only the sets before #2 can be named; it runs where #2 ran.
            assert_eq!(history, &[(1, "solar NEAR/3 pump*".to_string())]);
            assert_eq!(corpora, &["demo".to_string()]);
            *gen
        }
        other => panic!("{other:?}"),
    };
    // Still correcting until the search answers.
    assert_eq!(s.correcting, Some(2));
    let hit = fixtures::hits(1).remove(0);
    let e = update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::Searched(Ok(SearchOutcome {
                query: "float* AND valve*".into(),
                per_corpus: vec![("demo".into(), 1)],
                hits: vec![hit],
                warnings: Vec::new(),
                failures: Vec::new(),
                recorded: Some(2),
                meaning: None,
            })),
        },
    );
    assert_eq!(s.correcting, None);
    assert_eq!(
        s.status.as_deref(),
        Some("#2 corrected (the old version is kept in the case file)")
    );
    // The case is read again: #2 holds the new text, and the history is not longer.
    assert!(matches!(e.as_slice(), [Effect::LoadCase { id, .. }] if id == "solar-pump"));
    let mut after = case_with_sets();
    after.apply(
        &Op::Amend(Strategy {
            number: 2,
            query: "float* AND valve*".into(),
            hits: vec![],
            at: "2026-01-05T10:09:00Z".into(),
        }),
        "2026-01-05T10:09:00Z",
    );
    deliver(&mut s, JobDone::CaseLoaded(Ok(Box::new(after))));
    let numbers: Vec<(u32, &str)> = s
        .history
        .iter()
        .map(|h| (h.number, h.query.as_str()))
        .collect();
    assert_eq!(
        numbers,
        [
            (1, "solar NEAR/3 pump*"),
            (2, "float* AND valve*"),
            (3, "#1 AND #2")
        ]
    );
}

#[test]
fn a_correction_naming_its_own_or_a_later_set_does_not_run_and_keeps_the_mode() {
    let mut s = on_history(case_with_sets(), UiLang::En, 2);
    // Results on screen before the correction.
    s.results.query = "solar".into();
    s.results.hits = fixtures::hits(1);
    update(&mut s, Action::CorrectStrategy);
    erase_all(&mut s);
    typed(&mut s, "#3 OR pump");
    assert!(s.parse_error.is_some(), "the live checker refuses #3");
    let e = update(&mut s, Action::Input(InputKey::Submit));
    assert!(e.is_empty());
    assert_eq!(s.correcting, Some(2));
    assert_eq!(s.screen, Screen::Query);
    assert_eq!(s.results.query, "solar");
    assert_eq!(s.results.hits.len(), 1);
    // A syntax error too.
    erase_all(&mut s);
    typed(&mut s, "(float AND");
    assert!(update(&mut s, Action::Input(InputKey::Submit)).is_empty());
    assert_eq!(s.correcting, Some(2));
}

#[test]
fn a_failed_correction_keeps_the_mode_and_the_results_before_it() {
    let mut s = on_history(case_with_sets(), UiLang::En, 2);
    s.results.query = "solar".into();
    s.results.hits = fixtures::hits(1);
    update(&mut s, Action::CorrectStrategy);
    typed(&mut s, " AND valve");
    update(&mut s, Action::Input(InputKey::Submit));
    let gen = s.latest[&JobKind::Search];
    update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::Searched(Err("the case is locked".into())),
        },
    );
    assert_eq!(s.correcting, Some(2));
    assert_eq!(s.results.query, "solar");
    assert_eq!(s.editor.text(), "float* AND valve");
}

#[test]
fn esc_leaves_correcting_mode_and_asks_first_when_the_text_was_changed() {
    // Unchanged: Esc leaves at once, to the history.
    let mut s = on_history(case_with_sets(), UiLang::En, 2);
    update(&mut s, Action::CorrectStrategy);
    update(&mut s, Action::Back);
    assert_eq!(s.correcting, None);
    assert_eq!(s.overlay, None);
    assert_eq!(s.query_focus, QueryFocus::History);

    // Changed: "discard draft?"; `n` stays in the mode with the text.
    let mut s = on_history(case_with_sets(), UiLang::En, 2);
    update(&mut s, Action::CorrectStrategy);
    typed(&mut s, " AND valve");
    update(&mut s, Action::Back);
    assert!(matches!(s.overlay, Some(Overlay::ConfirmDiscard(_))));
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);
    assert_eq!(s.correcting, Some(2));
    assert_eq!(s.editor.text(), "float* AND valve");
    // `y` drops the draft and leaves the mode; nothing was run or recorded.
    update(&mut s, Action::Back);
    let e = update(&mut s, Action::Confirm);
    assert!(e.is_empty());
    assert_eq!(s.correcting, None);
    assert_eq!(s.editor.text(), "");
    assert_eq!(s.query_focus, QueryFocus::History);
    assert_eq!(s.history[1].query, "float*");
}

#[test]
fn without_a_case_the_correction_replaces_the_session_s_strategy() {
    let mut s = fresh();
    typed(&mut s, "solar");
    update(&mut s, Action::Input(InputKey::Submit));
    let gen = s.latest[&JobKind::Search];
    let answer = |q: &str, recorded| {
        JobDone::Searched(Ok(SearchOutcome {
            query: q.into(),
            per_corpus: vec![("demo".into(), 2)],
            hits: Vec::new(),
            warnings: Vec::new(),
            failures: Vec::new(),
            recorded,
            meaning: None,
        }))
    };
    update(
        &mut s,
        Action::Job {
            gen,
            done: answer("solar", None),
        },
    );
    assert_eq!(s.history.len(), 1);
    update(&mut s, Action::Back);
    update(&mut s, Action::CorrectStrategy);
    assert_eq!(s.correcting, Some(1));
    typed(&mut s, "*");
    update(&mut s, Action::Input(InputKey::Submit));
    let gen = s.latest[&JobKind::Search];
    update(
        &mut s,
        Action::Job {
            gen,
            done: answer("solar*", None),
        },
    );
    let numbers: Vec<(u32, &str)> = s
        .history
        .iter()
        .map(|h| (h.number, h.query.as_str()))
        .collect();
    assert_eq!(numbers, [(1, "solar*")]);
    assert_eq!(s.correcting, None);
}

#[test]
fn the_editor_in_correcting_mode_at_80x24_in_french() {
    let mut s = on_history(case_with_sets(), UiLang::Fr, 2);
    update(&mut s, Action::CorrectStrategy);
    typed(&mut s, " AND valve*");
    let text = screen_text(&s, 80, 24);
    assert!(text.contains("correction de #2"), "{text}");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("correcting_fr_80x24", text));
}
