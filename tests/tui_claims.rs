//! The workbench's case form edits the invention's claims: prefilled from the case, read
//! with the same rules as `tisc case claims`, a malformed text refused in the form with its
//! line number.

#[allow(dead_code)] // shared helpers: this file uses some of them
mod tui_support;

use tisc::case::InventionClaim;
use tisc::tui::action::{Action, Effect, InputKey};
use tisc::tui::state::{FormField, Overlay, Screen, State};
use tisc::tui::update::update;
use tui_support::{results, screen_text, typed};

fn key(s: &mut State, k: InputKey) -> Vec<Effect> {
    update(s, Action::Input(k))
}

/// Type text with new lines (Alt-Enter) into the focused field.
fn typed_lines(s: &mut State, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            key(s, InputKey::Newline);
        }
        typed(s, line);
    }
}

#[test]
fn the_case_form_edits_the_claims_and_shows_the_line_of_a_mistake() {
    let mut s = results(1);
    if let Some(c) = s.case.as_mut() {
        c.claims = vec![InventionClaim {
            number: 1,
            text: "A water pump.".into(),
        }];
    }
    s.screen = Screen::Case;
    update(&mut s, Action::EditCase);
    let Some(Overlay::CaseForm(form)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(form.value(FormField::Claims), "1. A water pump.");
    // Title, client, cutoff, language, disclosure, then claims.
    for _ in 0..5 {
        key(&mut s, InputKey::Complete);
    }
    key(&mut s, InputKey::End);
    typed_lines(&mut s, "\n\n3. A float switch.");
    assert!(key(&mut s, InputKey::Submit).is_empty(), "refused");
    let Some(Overlay::CaseForm(form)) = &s.overlay else {
        panic!("the form stays open")
    };
    let err = form.error.clone().unwrap_or_default();
    assert!(
        err.contains("line 3: number 3 does not follow the previous one (expected 2)"),
        "{err}"
    );
    let screen = screen_text(&s, 100, 50);
    assert!(
        screen.contains("line 3: number 3 does not follow"),
        "{screen}"
    );
    assert!(screen.contains("3. A float switch."), "{screen}");
    // On a small terminal every field keeps a line of text, the error its line.
    let small = screen_text(&s, 80, 24);
    for shown in [
        "Solar water pump with float switch",
        "2020-03-01",
        "Claims",
        "3. A float switch.",
        "line 3: number 3",
    ] {
        assert!(small.contains(shown), "{shown}:\n{small}");
    }

    // Corrected: the claims go to the worker with the edit.
    for _ in 0.."3. A float switch.".chars().count() {
        key(&mut s, InputKey::Backspace);
    }
    typed(&mut s, "2. A float switch.");
    let e = key(&mut s, InputKey::Submit);
    assert_eq!(s.overlay, None);
    let claims = match e.as_slice() {
        [Effect::EditCase { claims, .. }] => claims.clone(),
        other => panic!("{other:?}"),
    };
    let claims = claims.expect("claims sent");
    let texts: Vec<(u32, &str)> = claims.iter().map(|c| (c.number, c.text.as_str())).collect();
    assert_eq!(texts, [(1, "A water pump."), (2, "A float switch.")]);
}
