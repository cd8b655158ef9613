//! Long documents in the viewer at 80×24: the position in the frame, `1` `2` `3` to the
//! abstract, claims and description, `/` find with `n`/`N` until Esc, and the placeholders
//! of formulas worded in the interface language (insta snapshots in tests/snapshots/).

mod common;
#[allow(dead_code)] // shared helpers: this file uses one of them
mod tui_support;

use common::assert_contains;
use tisc::model::{Description, Paragraph};
use tisc::tui::action::{Action, InputKey, JobDone, LoadedDocument};
use tisc::tui::state::{Screen, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update;
use tisc_test_kit::fixtures::{self, deliver};
use tui_support::screen_text;

fn act(s: &mut State, a: Action) {
    let _ = update(s, a);
}

fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// The fixture document with a description of 60 paragraphs, one with a formula.
fn long_viewer(lang: UiLang) -> State {
    let mut s = fixtures::with_results(lang, 80, 24, 40);
    act(&mut s, Action::Open);
    let mut doc = fixtures::document();
    let paragraphs = (1..=60)
        .map(|n| Paragraph {
            num: Some(format!("{n:04}")),
            heading: false,
            text: match n {
                30 => "The flow rate is Q = [formula] where the float is ballasted.".to_string(),
                _ => format!("Paragraph {n} of the description of the pump."),
            },
        })
        .collect();
    doc.description = vec![Description {
        lang: tisc::model::Lang::en(),
        paragraphs,
    }];
    let lines = tisc::tui::highlight::layout(&doc, "solar NEAR/3 pump*", lang.strings());
    deliver(
        &mut s,
        JobDone::DocumentLoaded(Ok(LoadedDocument {
            corpus: "demo".into(),
            doc: Box::new(doc),
            lines,
        })),
    );
    assert_eq!(s.screen, Screen::Document);
    s
}

#[test]
fn the_frame_shows_the_line_shown_first_of_all_and_how_far_down() {
    let mut s = long_viewer(UiLang::En);
    let total = s.document.lines.len();
    let text = screen_text(&s, 80, 24);
    assert_contains(&text, &format!("line 1/{total} · 0%"));
    snapshot("viewer_position_top_en_80x24", &text);
    act(&mut s, Action::Bottom);
    let text = screen_text(&s, 80, 24);
    assert_contains(&text, &format!("line {total}/{total} · 100%"));
    act(&mut s, Action::Top);
    act(&mut s, Action::PageDown);
    let text = screen_text(&s, 80, 24);
    assert_contains(&text, &format!("line {}/{total}", s.document.scroll + 1));
}

#[test]
fn one_two_three_go_to_the_abstract_claims_and_description() {
    let mut s = long_viewer(UiLang::En);
    act(&mut s, Action::JumpClaims);
    let text = screen_text(&s, 80, 24);
    let first = text.lines().nth(3).unwrap_or_default();
    assert!(first.contains("Claims (en)"), "{text}");
    snapshot("viewer_jump_claims_en_80x24", &text);
    act(&mut s, Action::JumpDescription);
    let text = screen_text(&s, 80, 24);
    assert!(
        text.lines()
            .nth(3)
            .unwrap_or_default()
            .contains("Description (en)"),
        "{text}"
    );
    act(&mut s, Action::JumpAbstract);
    let text = screen_text(&s, 80, 24);
    assert!(
        text.lines()
            .nth(3)
            .unwrap_or_default()
            .contains("Abstract (en)"),
        "{text}"
    );
    // The keys are those of the keymap, listed in the help screen.
    act(&mut s, Action::Help);
    let help = screen_text(&s, 80, 40);
    assert_contains(&help, "go to the claims");
    assert_contains(&help, "find in the document");
}

#[test]
fn find_replaces_the_strategy_matches_for_n_and_n_until_esc() {
    let mut s = long_viewer(UiLang::En);
    let strategy = s.document.matches.clone();
    assert!(!strategy.is_empty());
    act(&mut s, Action::FindInDocument);
    // Keys now go to the find text, not to the bindings (`q` does not quit, `2` does not jump).
    for c in "quit 2".chars() {
        act(&mut s, Action::Input(InputKey::Char(c)));
    }
    assert!(!s.quit);
    for _ in 0.."quit 2".chars().count() {
        act(&mut s, Action::Input(InputKey::Backspace));
    }
    for c in "BALLAST".chars() {
        act(&mut s, Action::Input(InputKey::Char(c)));
    }
    let typing = screen_text(&s, 80, 24);
    assert_contains(&typing, " /BALLAST");
    act(&mut s, Action::Input(InputKey::Submit));
    // "ballasted" in claim 2 and in paragraph 30.
    assert_eq!(s.document.matches.len(), 2);
    let text = screen_text(&s, 80, 24);
    assert_contains(&text, "/BALLAST: 1/2");
    assert_contains(
        &text,
        "▶ 2. The pump of claim 1, wherein the float is ballasted",
    );
    snapshot("viewer_find_en_80x24", &text);
    act(&mut s, Action::NextMatch);
    let text = screen_text(&s, 80, 24);
    assert_contains(&text, "/BALLAST: 2/2");
    assert_contains(&text, "▶ [0030] The flow rate is Q = [formula]");
    act(&mut s, Action::NextMatch);
    assert_contains(&screen_text(&s, 80, 24), "/BALLAST: 1/2");
    act(&mut s, Action::PrevMatch);
    assert_contains(&screen_text(&s, 80, 24), "/BALLAST: 2/2");
    // Esc ends the find: the strategy's matches are back; a second Esc leaves the viewer.
    act(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Document);
    assert_eq!(s.document.matches, strategy);
    assert!(s.document.find.is_none());
    assert!(!screen_text(&s, 80, 24).contains("/BALLAST"));
    act(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Results);
}

#[test]
fn a_find_that_matches_nothing_says_so_and_keeps_the_place() {
    let mut s = long_viewer(UiLang::Fr);
    act(&mut s, Action::JumpDescription);
    let scroll = s.document.scroll;
    act(&mut s, Action::FindInDocument);
    for c in "zèbre".chars() {
        act(&mut s, Action::Input(InputKey::Char(c)));
    }
    act(&mut s, Action::Input(InputKey::Submit));
    assert_eq!(s.document.scroll, scroll);
    act(&mut s, Action::NextMatch);
    assert_eq!(s.document.scroll, scroll);
    assert_contains(&screen_text(&s, 80, 24), "/zèbre\u{a0}: introuvable");
}

#[test]
fn formulas_show_a_placeholder_in_the_interface_language() {
    for (lang, word) in [(UiLang::En, "[formula]"), (UiLang::Fr, "[formule]")] {
        let mut s = long_viewer(lang);
        act(&mut s, Action::JumpDescription);
        for _ in 0..28 {
            act(&mut s, Action::Down);
        }
        let text = screen_text(&s, 80, 24);
        assert_contains(&text, &format!("The flow rate is Q = {word} where"));
        snapshot(&format!("viewer_placeholder_{}_80x24", lang.code()), &text);
    }
}

#[test]
fn a_paste_while_finding_goes_into_the_find_text() {
    let mut s = long_viewer(UiLang::En);
    act(&mut s, Action::FindInDocument);
    act(&mut s, Action::Paste("float is\nballasted".into()));
    assert_eq!(
        s.screen,
        Screen::Document,
        "the paste did not leave the viewer"
    );
    act(&mut s, Action::Input(InputKey::Submit));
    assert_contains(&screen_text(&s, 80, 24), "/float is ballasted: 1/2");
}
