//! Text typed in bursts: a terminal without bracketed paste sends a paste as keys, so the
//! keys typed into an input are gathered and go in together, as one paste, at the next
//! other event or frame; an Enter that comes within [`PASTE_GAP`] of the key before it is
//! a line break of that text, never "run the strategy".

use super::action::Action;
use super::keymap::Mode;
use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use std::time::{Duration, Instant};

/// An Enter this soon after another key is a line break inside pasted text: no one types a
/// key and Enter within 10 ms.
pub const PASTE_GAP: Duration = Duration::from_millis(10);

/// The text typed and not applied yet, and when the last key came.
#[derive(Debug, Default)]
pub struct Typing {
    burst: String,
    last_key: Option<Instant>,
}

impl Typing {
    /// Take a terminal event that arrived at `at`, with the workbench in `mode`: whether it
    /// was kept as typed text (otherwise the caller applies [`Typing::flush`], then the
    /// event).
    pub fn absorb(&mut self, ev: &Event, at: Instant, mode: Mode) -> bool {
        let Event::Key(k) = ev else {
            return false;
        };
        if k.kind == KeyEventKind::Release {
            return false;
        }
        let previous = self.last_key.replace(at);
        if mode != Mode::Text
            || k.modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match k.code {
            KeyCode::Char(c) => self.burst.push(c),
            KeyCode::Enter
                if previous.is_some_and(|p| at.saturating_duration_since(p) < PASTE_GAP) =>
            {
                self.burst.push('\n')
            }
            _ => return false,
        }
        true
    }

    /// The text gathered so far, as one paste.
    pub fn flush(&mut self) -> Option<Action> {
        (!self.burst.is_empty()).then(|| Action::Paste(std::mem::take(&mut self.burst)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn a_fast_enter_is_a_line_break_and_a_slow_one_is_not_taken() {
        let t0 = Instant::now();
        let ms = |n| t0 + Duration::from_millis(n);
        let mut t = Typing::default();
        assert!(t.absorb(&key(KeyCode::Char('a')), ms(0), Mode::Text));
        assert!(t.absorb(&key(KeyCode::Enter), ms(2), Mode::Text));
        assert!(t.absorb(&key(KeyCode::Char('b')), ms(3), Mode::Text));
        assert!(!t.absorb(&key(KeyCode::Enter), ms(400), Mode::Text));
        assert_eq!(t.flush(), Some(Action::Paste("a\nb".into())));
        assert_eq!(t.flush(), None);
        // Commands are never gathered.
        assert!(!t.absorb(&key(KeyCode::Char('q')), ms(401), Mode::Normal));
    }
}
