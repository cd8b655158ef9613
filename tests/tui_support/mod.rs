//! Workbench states shared by the `update` and screen tests (`tui_update.rs`, `tui_cases.rs`,
//! `tui_claims.rs`, `tui_record.rs`, `tui_viewer.rs`, `tui.rs`), and the screen as text.

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

/// The screen `s` draws at `w`×`h`, as text: one line per row, trailing spaces dropped.
#[allow(dead_code)] // the `update` tests include this module without drawing
pub fn screen_text(s: &State, w: u16, h: u16) -> String {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| tisc::tui::views::render(s, f)).expect("draw");
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
