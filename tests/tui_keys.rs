//! Keys that must never lose or mistype work in the workbench: pastes, Esc and the
//! history, the live checker, drafts asked about before they are dropped, and the session
//! a restart reopens. `update` tests on fixture states, plus the typing rule.

mod tui_support;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};
use tisc::tui::action::{Action, Effect, InputKey, JobDone};
use tisc::tui::keymap::{Context, Mode};
use tisc::tui::session::{Session, SessionError};
use tisc::tui::state::{Overlay, QueryFocus, Screen, State};
use tisc::tui::typing::Typing;
use tisc::tui::update::{restore, update};
use tisc_test_kit::fixtures;
use tui_support::{fresh, results, typed};

const TWO_LINES: &str = "(solar OR photovoltaic*)\nAND pump*";
/// The strategy as it runs and is recorded.
const ONE_LINE: &str = "(solar OR photovoltaic*) AND pump*";

/// Translate a key as the workbench would in its current mode and context, and apply it.
fn press(s: &mut State, code: KeyCode, m: KeyModifiers) -> Vec<Effect> {
    let action = s
        .keymap
        .translate(&KeyEvent::new(code, m), s.mode(), s.context());
    match action {
        Some(a) => update(s, a),
        None => Vec::new(),
    }
}

fn submit(s: &mut State) -> Vec<Effect> {
    update(s, Action::Input(InputKey::Submit))
}

fn search_query(e: &[Effect]) -> Option<(&str, Option<&str>)> {
    match e {
        [Effect::Search { query, case, .. }] => Some((query.as_str(), case.as_deref())),
        _ => None,
    }
}

#[test]
fn a_two_line_paste_goes_whole_into_the_editor_and_runs_only_on_enter() {
    let mut s = fresh();
    assert!(update(&mut s, Action::Paste(TWO_LINES.into())).is_empty());
    assert_eq!(s.editor.text(), TWO_LINES);
    assert_eq!(s.screen, Screen::Query);
    assert_eq!(s.parse_error, None);
    let e = submit(&mut s);
    assert_eq!(search_query(&e).map(|q| q.0), Some(ONE_LINE));
    // Run, the strategy is no draft: q quits without asking.
    update(&mut s, Action::Quit);
    assert!(s.quit);

    // Pasted on the results screen, text never reaches the key bindings (`q` quits there).
    let mut s = results(3);
    update(&mut s, Action::Paste("AND zebraqx".into()));
    assert!(!s.quit);
    assert_eq!(s.screen, Screen::Query);
    assert_eq!(s.query_focus, QueryFocus::Editor);
    assert!(
        s.editor.text().ends_with("AND zebraqx"),
        "{}",
        s.editor.text()
    );

    // Into a form's focused field; a single-line field gets spaces for line breaks.
    let mut s = results(3);
    update(&mut s, Action::Cite);
    update(&mut s, Action::Paste("X\nY".into()));
    match &s.overlay {
        Some(Overlay::Cite(f)) => assert_eq!(f.fields[0].1.text(), "X Y"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_paste_sent_as_keys_is_one_insert_and_its_line_break_runs_nothing() {
    let mut s = fresh();
    let mut t = Typing::default();
    let t0 = Instant::now();
    let mut at = t0;
    for c in TWO_LINES.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        at += Duration::from_micros(200);
        let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        assert!(t.absorb(&ev, at, s.mode()), "{c:?} is typed text");
    }
    let paste = t.flush().expect("the burst");
    assert!(update(&mut s, paste).is_empty(), "nothing runs");
    assert_eq!(s.editor.text(), TWO_LINES);
    // An Enter typed by a person (well after the last key) runs the whole strategy.
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(!t.absorb(&enter, at + Duration::from_millis(300), s.mode()));
    let e = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(search_query(&e).map(|q| q.0), Some(ONE_LINE));

    // A very long paste goes in at once.
    let mut s = fresh();
    let long = "solar OR pump ".repeat(20_000);
    let started = Instant::now();
    update(&mut s, Action::Paste(long.clone()));
    assert_eq!(s.editor.text(), long);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn keys_typed_while_a_search_starts_go_to_the_editor() {
    let mut s = fresh();
    typed(&mut s, "solar");
    submit(&mut s);
    assert!(s.results.searching);
    assert_eq!(s.mode(), Mode::Text);
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(!s.quit);
    assert_eq!(s.screen, Screen::Query);
    assert_eq!(s.editor.text(), "solarq");
}

#[test]
fn esc_from_results_focuses_the_history_and_enter_shows_a_set_without_recording_it() {
    let mut s = fresh();
    typed(&mut s, "solar");
    let gen = match submit(&mut s).as_slice() {
        [Effect::Search { gen, .. }] => *gen,
        e => panic!("{e:?}"),
    };
    deliver_search(&mut s, gen, "solar", 3);
    assert_eq!(s.history.len(), 1);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.screen, Screen::Query);
    assert_eq!(s.query_focus, QueryFocus::History);
    assert_eq!(s.mode(), Mode::Normal);
    // A global key is a command, not query text.
    press(&mut s, KeyCode::Char('C'), KeyModifiers::SHIFT);
    assert_eq!(s.editor.text(), "solar");
    assert_eq!(s.screen, Screen::Cases);

    // Enter on a history line: that set again, not recorded, not added to the history.
    let mut s = results(3);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(
        (s.screen, s.query_focus),
        (Screen::Query, QueryFocus::History)
    );
    let e = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(search_query(&e), Some(("solar NEAR/3 pump*", None)));
    assert_eq!(s.results.set, Some(1));
    let gen = match e.as_slice() {
        [Effect::Search { gen, .. }] => *gen,
        _ => unreachable!(),
    };
    deliver_search(&mut s, gen, "solar NEAR/3 pump*", 3);
    assert_eq!(s.history.len(), 1);

    // `e` copies the strategy into the editor for editing.
    let mut s = results(3);
    s.editor.set_text("");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('e'), KeyModifiers::NONE);
    assert_eq!(s.editor.text(), "solar NEAR/3 pump*");
    assert_eq!(s.query_focus, QueryFocus::Editor);
    assert_eq!(s.context(), Context::History);
}

fn deliver_search(s: &mut State, gen: u64, query: &str, n: usize) {
    update(
        s,
        Action::Job {
            gen,
            done: JobDone::Searched(Ok(tisc::tui::action::SearchOutcome {
                query: query.into(),
                per_corpus: vec![("demo".into(), n as u64)],
                hits: fixtures::hits(n),
                warnings: vec![],
                failures: vec![],
                recorded: None,
                meaning: None,
            })),
        },
    );
}

#[test]
fn the_live_checker_refuses_what_enter_would_refuse() {
    for (q, says) in [
        ("#99", "#99 is not in the history"),
        ("ipc:ZZ99", "ZZ99"),
        ("?", "too short to truncate"),
        ("p* AND solar", "`p*` is too short"),
    ] {
        let mut s = results(3);
        s.editor.set_text("");
        update(&mut s, Action::OpenQuery);
        typed(&mut s, q);
        let e = s.parse_error.clone().unwrap_or_else(|| panic!("{q}: OK?"));
        assert!(e.message.contains(says), "{q}: {}", e.message);
        assert!(submit(&mut s).is_empty(), "{q} does not run");
        assert_eq!(s.results.hits.len(), 3, "{q}: the results stay");
    }
    // A set of the history is known.
    let mut s = results(3);
    s.editor.set_text("");
    update(&mut s, Action::OpenQuery);
    typed(&mut s, "#1 AND solar");
    assert_eq!(s.parse_error, None);
}

#[test]
fn a_failed_search_leaves_the_results_on_screen() {
    let mut s = results(5);
    update(&mut s, Action::OpenQuery);
    typed(&mut s, " AND pump");
    let gen = match submit(&mut s).as_slice() {
        [Effect::Search { gen, .. }] => *gen,
        e => panic!("{e:?}"),
    };
    update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::Searched(Err("the index is locked".into())),
        },
    );
    assert_eq!(s.results.hits.len(), 5);
    assert_eq!(s.results.query, "solar NEAR/3 pump*");
    assert!(!s.results.searching);
    assert!(matches!(&s.overlay, Some(Overlay::Message(m)) if m.contains("locked")));
}

#[test]
fn q_esc_and_ctrl_c_ask_once_before_a_draft_or_a_form_is_dropped() {
    let ctrl_c = |s: &mut State| press(s, KeyCode::Char('c'), KeyModifiers::CONTROL);
    // A draft strategy: `q` from the history asks; n keeps it; Ctrl-C asks, then quits.
    let mut s = results(3);
    update(&mut s, Action::OpenQuery);
    typed(&mut s, " AND zebra");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(!s.quit);
    assert!(matches!(s.overlay, Some(Overlay::ConfirmDiscard(_))));
    assert_eq!(s.context(), Context::Confirm);
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(s.overlay, None);
    assert!(s.editor.text().ends_with("AND zebra"));
    ctrl_c(&mut s);
    assert!(!s.quit, "asked first");
    ctrl_c(&mut s);
    assert!(s.quit, "asked once");

    // No draft (the editor holds the strategy that ran): q quits at once.
    let mut s = results(3);
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(s.quit);

    // A cite form with something typed: Esc asks; n gives the form back as it was; Ctrl-C
    // asks too; y closes it.
    let mut s = results(3);
    update(&mut s, Action::Cite);
    typed(&mut s, "X");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(matches!(s.overlay, Some(Overlay::ConfirmDiscard(_))));
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    match &s.overlay {
        Some(Overlay::Cite(f)) => assert_eq!(f.fields[0].1.text(), "X"),
        other => panic!("{other:?}"),
    }
    ctrl_c(&mut s);
    assert!(!s.quit);
    assert!(matches!(s.overlay, Some(Overlay::ConfirmDiscard(_))));
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(s.overlay, None);
    assert!(!s.quit);

    // An untouched form closes at once.
    let mut s = results(3);
    update(&mut s, Action::NewCase);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.overlay, None);
}

#[test]
fn a_restart_reopens_the_case_and_screen_and_says_when_the_session_is_damaged() {
    let mut s = fresh();
    let e = restore(
        &mut s,
        Ok(Some(Session {
            case: Some("solar-pump".into()),
            screen: Screen::Report,
            results: None,
            document: None,
            submit_dir: None,
        })),
    );
    let gen = match e.as_slice() {
        [Effect::LoadCase { gen, id }] if id == "solar-pump" => *gen,
        e => panic!("{e:?}"),
    };
    let e = update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::CaseLoaded(Ok(Box::new(fixtures::case()))),
        },
    );
    assert_eq!(s.screen, Screen::Report);
    assert!(s.case.is_some());
    assert!(
        matches!(e.as_slice(), [Effect::RenderReport { .. }]),
        "{e:?}"
    );
    assert_eq!(
        tisc::tui::update::session_of(&s),
        Session {
            case: Some("solar-pump".into()),
            screen: Screen::Report,
            results: None,
            document: None,
            submit_dir: None,
        }
    );

    // The document screen: the results come back as their set (not recorded), and the
    // document is opened over them.
    let mut s = fresh();
    let shown = Session {
        case: Some("solar-pump".into()),
        screen: Screen::Document,
        results: Some("solar NEAR/3 pump*".into()),
        document: Some(("demo".into(), "US6920979B2".into())),
        submit_dir: None,
    };
    let gen = match restore(&mut s, Ok(Some(shown.clone()))).as_slice() {
        [Effect::LoadCase { gen, .. }] => *gen,
        e => panic!("{e:?}"),
    };
    // The fixture case's history: #1 `solar NEAR/3 pump*`.
    let case = fixtures::case();
    let e = update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::CaseLoaded(Ok(Box::new(case.clone()))),
        },
    );
    match e.as_slice() {
        [Effect::Search { query, case, .. }, Effect::LoadDocument { id, .. }] => {
            assert_eq!(
                (query.as_str(), case.as_deref()),
                ("solar NEAR/3 pump*", None)
            );
            assert_eq!(id, "US6920979B2");
        }
        e => panic!("{e:?}"),
    }
    assert_eq!(s.screen, Screen::Document);
    assert_eq!(tisc::tui::update::session_of(&s), shown);

    // A damaged file is named, and the workbench starts afresh.
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(home.path().join(tisc::tui::session::FILE), "{not json").expect("write");
    let damaged: Result<Option<Session>, SessionError> = tisc::tui::session::load(home.path());
    let mut s = fresh();
    assert!(restore(&mut s, damaged).is_empty());
    match &s.overlay {
        Some(Overlay::Message(m)) => assert!(m.contains("session.json"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.case, None);
}

#[test]
fn a_very_long_paste_is_drawn_in_one_quick_frame() {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    let mut s = fixtures::state(tisc::tui::strings::UiLang::En, 120, 40);
    let long = "(solar OR photovoltaic*) AND pump*\n".repeat(3_000);
    update(&mut s, Action::Paste(long.clone()));
    assert_eq!(s.editor.text(), long);
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    let started = Instant::now();
    t.draw(|f| tisc::tui::views::render(&s, f)).expect("draw");
    let took = started.elapsed();
    eprintln!("a frame with a {}-character editor: {took:?}", long.len());
    assert!(took < Duration::from_millis(500), "{took:?}");
}

#[test]
fn a_draft_is_asked_about_before_a_history_strategy_replaces_it() {
    let mut s = results(3);
    update(&mut s, Action::OpenQuery);
    typed(&mut s, " AND zebra");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('e'), KeyModifiers::NONE);
    assert!(matches!(s.overlay, Some(Overlay::ConfirmDiscard(_))));
    assert!(s.editor.text().ends_with("AND zebra"), "kept until yes");
    press(&mut s, KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(s.overlay, None);
    assert_eq!(s.editor.text(), "solar NEAR/3 pump*");
    assert_eq!(s.query_focus, QueryFocus::Editor);
}
