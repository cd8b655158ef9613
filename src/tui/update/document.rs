//! The document viewer's own commands: going to the abstract, claims or description, and a
//! find inside the document whose matches replace the strategy's for `n`/`N` until Esc.

use super::super::action::InputKey;
use super::super::docnav::{self, Find, Part};
use super::super::input::TextInput;
use super::super::state::{Screen, State};

/// `/` in the viewer: type a text to find (again, to change the one shown).
pub(super) fn start_find(s: &mut State) {
    let d = &mut s.document;
    if s.screen != Screen::Document || d.loading || d.id.is_empty() {
        return;
    }
    match &mut d.find {
        Some(f) => f.editing = true,
        None => {
            d.find = Some(Find {
                input: TextInput::new(false),
                editing: true,
                saved: (d.matches.clone(), d.current_match),
                ..Find::default()
            })
        }
    }
}

/// A key typed while the find text is being written.
pub(super) fn find_input(s: &mut State, key: InputKey) {
    let Some(f) = s.document.find.as_mut() else {
        return;
    };
    match key {
        InputKey::Submit => run_find(s),
        // One line of text: no new lines, nothing to complete.
        InputKey::Newline | InputKey::Complete => {}
        other => f.input.apply(other),
    }
}

fn run_find(s: &mut State) {
    let d = &mut s.document;
    let Some(f) = d.find.as_mut() else {
        return;
    };
    let text = f.input.text().trim().to_string();
    if text.is_empty() {
        end_find(s);
        return;
    }
    f.editing = false;
    f.hits = docnav::find(&d.lines, &text);
    f.text = text;
    let mut lines: Vec<usize> = f.hits.iter().map(|h| h.0).collect();
    lines.dedup();
    d.matches = lines;
    d.current_match = None;
    super::jump_match(s, true);
}

/// Esc while a find is typed or shown: the strategy's matches come back. False when there
/// was no find (Esc then goes back as usual).
pub(super) fn end_find(s: &mut State) -> bool {
    let d = &mut s.document;
    match d.find.take() {
        Some(f) => {
            (d.matches, d.current_match) = f.saved;
            true
        }
        None => false,
    }
}

/// `1` `2` `3`: the next abstract, claims or description below the first line shown.
pub(super) fn jump_part(s: &mut State, part: Part) {
    let d = &mut s.document;
    if s.screen != Screen::Document {
        return;
    }
    if let Some(line) = docnav::jump(&d.sections, part, d.scroll) {
        d.scroll = line;
    }
}
