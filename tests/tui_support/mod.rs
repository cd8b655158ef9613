//! Workbench states shared by the `update` tests (`tui_update.rs`, `tui_cases.rs`).

use tisc::tui::action::{Action, Effect, InputKey};
use tisc::tui::strings::UiLang;
use tisc::tui::{update, State};
use tisc_test_kit::fixtures;

/// A fresh workbench, in English, 80×24.
pub fn fresh() -> State {
    fixtures::state(UiLang::En, 80, 24)
}

/// A workbench showing `n` results of a fixture search.
pub fn results(n: usize) -> State {
    fixtures::with_results(UiLang::En, 80, 24, n)
}

/// Type `text` into the focused input, returning the effects.
pub fn typed(s: &mut State, text: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in text.chars() {
        out.extend(update(s, Action::Input(InputKey::Char(c))));
    }
    out
}
