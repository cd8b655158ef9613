//! The workbench in Portuguese and Arabic (insta snapshots in tests/snapshots/): the query
//! screen with its history, the results list and the case view, at 80×24 and 120×40. The
//! Arabic screens are stored in logical order, as the terminal receives them; ids, dates and
//! counts stay in Latin digits.

mod common;
#[allow(dead_code)] // shared helpers: this file uses one of them
mod tui_support;

use tisc::tui::action::{Action, InputKey};
use tisc::tui::state::{Screen, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update;
use tisc_test_kit::fixtures;
use tui_support::screen_text;

fn act(s: &mut State, a: Action) {
    let _ = update(s, a);
}

/// The three screens: query with history, results, case view.
fn screens(lang: UiLang, w: u16, h: u16) -> Vec<(&'static str, State)> {
    let mut out = Vec::new();

    let mut s = fixtures::with_results(lang, w, h, 40);
    act(&mut s, Action::OpenQuery);
    act(&mut s, Action::Input(InputKey::Newline));
    for c in "AND p".chars() {
        act(&mut s, Action::Input(InputKey::Char(c)));
    }
    act(&mut s, Action::Input(InputKey::Complete));
    out.push(("intl_query_history", s));

    let mut s = fixtures::with_results(lang, w, h, 120);
    act(&mut s, Action::Down);
    act(&mut s, Action::Down);
    out.push(("intl_results", s));

    let mut s = fixtures::with_results(lang, w, h, 3);
    s.screen = Screen::Case;
    out.push(("intl_case", s));
    out
}

#[test]
fn three_screens_at_two_sizes_in_portuguese_and_arabic() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for lang in [UiLang::Pt, UiLang::Ar] {
            for (w, h) in [(80, 24), (120, 40)] {
                for (name, state) in screens(lang, w, h) {
                    let text = screen_text(&state, w, h);
                    insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", lang.code()), text);
                }
            }
        }
    });
}

/// Every row of every screen fits its width: wide or combining characters never push a
/// border or a column past the edge, and the Arabic screens keep their Latin digits.
#[test]
fn portuguese_and_arabic_screens_fit_their_width_and_keep_latin_digits() {
    use unicode_width::UnicodeWidthStr;
    for lang in [UiLang::Pt, UiLang::Ar] {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            for (name, state) in screens(lang, w, h) {
                let text = screen_text(&state, w, h);
                assert_eq!(text.lines().count(), h as usize, "{name}");
                for line in text.lines() {
                    assert!(
                        line.width() <= w as usize,
                        "{name} {lang:?} {w}x{h}: {line}"
                    );
                    assert!(
                        !line.chars().any(|c| ('\u{660}'..='\u{669}').contains(&c)),
                        "{name}: Arabic-Indic digits in {line}"
                    );
                }
            }
        }
    }
    let st = UiLang::Ar.strings();
    let case = screen_text(&screens(UiLang::Ar, 120, 40).remove(2).1, 120, 40);
    assert!(case.contains(st.strategies), "{case}");
}

/// `TISC_LANG` overrides `[ui] lang`; a code the interface does not have is bad input (2),
/// named with the codes there are, and `[ui] lang = "pt"` is accepted.
#[test]
fn tisc_lang_with_an_unknown_code_exits_2_naming_the_codes() {
    use common::{assert_contains, Run};
    let env = common::TestEnv::new();
    std::fs::write(env.path().join("config.toml"), "[ui]\nlang = \"pt\"\n").expect("config");
    let err = env
        .tisc()
        .env("TISC_LANG", "xx")
        .args(["mirror", "status", "demo"])
        .ends(2);
    assert_contains(&err, "TISC_LANG=xx");
    assert_contains(&err, "en, fr, es, pt, ar");
    std::fs::write(env.path().join("config.toml"), "[ui]\nlang = \"pr\"\n").expect("config");
    let err = env.tisc().args(["mirror", "status", "demo"]).ends(2);
    assert_contains(&err, "`ui.lang`");
}
