//! The editing keys of text inputs — Ctrl-U (erase to the start of the line), Ctrl-W (erase
//! the word before the caret), Ctrl-K (erase to the end of the line), Home / Ctrl-A and End /
//! Ctrl-E — sent as terminal key events through the keymap and `update`, in every editable
//! field: the query editor, a single-line and a multi-line field of the new-case form, the
//! note of the citation form, and the find text of the document viewer.

#[allow(dead_code)] // shared helpers: this file uses one of them
mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tisc::tui::action::Action;
use tisc::tui::input::TextInput;
use tisc::tui::keymap::Mode;
use tisc::tui::state::{FormField, Overlay, Screen, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update;
use tisc_test_kit::fixtures::{self, deliver};

/// Press `code` with `mods` as the terminal would send it: through the keymap, in the mode
/// and context of the state, then `update`.
fn press(s: &mut State, code: KeyCode, mods: KeyModifiers) {
    assert_eq!(s.mode(), Mode::Text, "keys go to a text input");
    let ev = KeyEvent::new(code, mods);
    let action = s
        .keymap
        .translate(&ev, s.mode(), s.context())
        .unwrap_or_else(|| panic!("{code:?} {mods:?} is bound in text inputs"));
    let _ = update(s, action);
}

fn ctrl(s: &mut State, c: char) {
    press(s, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn plain(s: &mut State, code: KeyCode) {
    press(s, code, KeyModifiers::NONE);
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        plain(s, KeyCode::Char(c));
    }
}

/// The input that has the focus.
fn focused(s: &State) -> &TextInput {
    match &s.overlay {
        Some(Overlay::Cite(f) | Overlay::CaseForm(f)) => &f.fields[f.focus].1,
        Some(_) => panic!("no input in this overlay"),
        None if s.screen == Screen::Document => {
            &s.document.find.as_ref().expect("a find is open").input
        }
        None => &s.editor,
    }
}

/// The focused input's current line and the caret's column in it.
fn line_and_caret(s: &State) -> (String, usize) {
    let t = focused(s);
    let (row, col) = t.cursor();
    (t.lines()[row].clone(), col)
}

/// The query editor, empty.
fn editor() -> State {
    tui_support::fresh()
}

/// The new-case form, its focus on the field `field`.
fn case_form(field: FormField) -> State {
    let mut s = fixtures::with_results(UiLang::En, 80, 24, 3);
    let _ = update(&mut s, Action::ShowCases);
    deliver(
        &mut s,
        tisc::tui::action::JobDone::CasesLoaded(vec![fixtures::case()]),
    );
    let _ = update(&mut s, Action::NewCase);
    while !matches!(&s.overlay, Some(Overlay::CaseForm(f)) if f.fields[f.focus].0 == field) {
        plain(&mut s, KeyCode::Tab);
    }
    s
}

/// The citation form, its focus on the note (which opens with text in it: erased).
fn cite_note() -> State {
    let mut s = fixtures::with_document(UiLang::En, 80, 24);
    let _ = update(&mut s, Action::Cite);
    while !matches!(&s.overlay, Some(Overlay::Cite(f)) if f.fields[f.focus].0 == FormField::Note) {
        plain(&mut s, KeyCode::Tab);
    }
    ctrl(&mut s, 'e');
    ctrl(&mut s, 'u');
    s
}

/// The viewer's find text, being typed.
fn find_text() -> State {
    let mut s = fixtures::with_document(UiLang::En, 80, 24);
    let _ = update(&mut s, Action::FindInDocument);
    s
}

type Field = (&'static str, fn() -> State);

fn every_field() -> [Field; 6] {
    [
        ("query editor", editor),
        ("case name", || case_form(FormField::Name)),
        ("case title", || case_form(FormField::Title)),
        ("case disclosure", || case_form(FormField::Disclosure)),
        ("citation note", cite_note),
        ("find in document", find_text),
    ]
}

#[test]
fn ctrl_w_erases_the_word_before_the_caret_and_the_spaces_after_it() {
    for (name, open) in every_field() {
        let mut s = open();
        type_text(&mut s, "solar water pump");
        ctrl(&mut s, 'w');
        assert_eq!(line_and_caret(&s), ("solar water ".into(), 12), "{name}");
        ctrl(&mut s, 'w');
        assert_eq!(line_and_caret(&s), ("solar ".into(), 6), "{name}");
        // In the middle of the line: only the word before the caret goes.
        type_text(&mut s, "water pump");
        for _ in 0..5 {
            plain(&mut s, KeyCode::Left);
        }
        ctrl(&mut s, 'w');
        assert_eq!(line_and_caret(&s), ("solar  pump".into(), 6), "{name}");
        ctrl(&mut s, 'w');
        ctrl(&mut s, 'w');
        assert_eq!(
            line_and_caret(&s),
            (" pump".into(), 0),
            "{name}: nothing left to erase"
        );
    }
}

#[test]
fn ctrl_u_and_ctrl_k_erase_to_the_start_and_to_the_end_of_the_line() {
    for (name, open) in every_field() {
        let mut s = open();
        type_text(&mut s, "solar water pump");
        for _ in 0..5 {
            plain(&mut s, KeyCode::Left);
        }
        ctrl(&mut s, 'k');
        assert_eq!(line_and_caret(&s), ("solar water".into(), 11), "{name}");
        for _ in 0..5 {
            plain(&mut s, KeyCode::Left);
        }
        ctrl(&mut s, 'u');
        assert_eq!(line_and_caret(&s), ("water".into(), 0), "{name}");
        ctrl(&mut s, 'u');
        assert_eq!(
            line_and_caret(&s),
            ("water".into(), 0),
            "{name}: at the start"
        );
        ctrl(&mut s, 'k');
        assert_eq!(line_and_caret(&s), (String::new(), 0), "{name}");
    }
}

#[test]
fn home_end_ctrl_a_and_ctrl_e_move_to_the_start_and_end_of_the_line() {
    for (name, open) in every_field() {
        let mut s = open();
        type_text(&mut s, "photovoltaic pump");
        plain(&mut s, KeyCode::Home);
        assert_eq!(line_and_caret(&s).1, 0, "{name}: Home");
        type_text(&mut s, "a ");
        plain(&mut s, KeyCode::End);
        assert_eq!(
            line_and_caret(&s),
            ("a photovoltaic pump".into(), 19),
            "{name}"
        );
        ctrl(&mut s, 'a');
        assert_eq!(line_and_caret(&s).1, 0, "{name}: Ctrl-A");
        ctrl(&mut s, 'e');
        assert_eq!(line_and_caret(&s).1, 19, "{name}: Ctrl-E");
    }
}

#[test]
fn in_a_multi_line_field_the_keys_work_on_the_caret_s_line_only() {
    for (name, open) in [
        ("query editor", editor as fn() -> State),
        ("case disclosure", || case_form(FormField::Disclosure)),
        ("citation note", cite_note),
    ] {
        let mut s = open();
        type_text(&mut s, "solar pump");
        press(&mut s, KeyCode::Enter, KeyModifiers::ALT);
        type_text(&mut s, "with a float switch");
        press(&mut s, KeyCode::Enter, KeyModifiers::ALT);
        type_text(&mut s, "and a tank");
        plain(&mut s, KeyCode::Up);
        plain(&mut s, KeyCode::Home);
        assert_eq!(
            focused(&s).cursor(),
            (1, 0),
            "{name}: Home stays on its line"
        );
        plain(&mut s, KeyCode::End);
        assert_eq!(
            focused(&s).cursor(),
            (1, 19),
            "{name}: End stays on its line"
        );
        ctrl(&mut s, 'w');
        ctrl(&mut s, 'u');
        assert_eq!(
            focused(&s).text(),
            "solar pump\n\nand a tank",
            "{name}: the other lines stay"
        );
        ctrl(&mut s, 'k');
        assert_eq!(
            focused(&s).lines().len(),
            3,
            "{name}: Ctrl-K keeps the line break"
        );
        // Ctrl-W at the start of a line does not join it to the line before.
        plain(&mut s, KeyCode::Down);
        ctrl(&mut s, 'a');
        ctrl(&mut s, 'w');
        assert_eq!(focused(&s).text(), "solar pump\n\nand a tank", "{name}");
    }
}

#[test]
fn wide_and_accented_words_are_erased_whole() {
    let mut s = editor();
    type_text(&mut s, "pompe 太陽電池 e\u{301}olienne");
    ctrl(&mut s, 'w');
    assert_eq!(line_and_caret(&s), ("pompe 太陽電池 ".into(), 11));
    ctrl(&mut s, 'w');
    assert_eq!(line_and_caret(&s), ("pompe ".into(), 6));
}
