//! Keys → actions. Defaults follow terminal habits (`?` help, `/` query, `q` quit, Ctrl-C
//! quit from anywhere, Esc back, arrows and `j`/`k`, Enter open, Tab next pane) and every
//! binding can be replaced in the `[keys]` table of `$TISC_HOME/config.toml`:
//!
//! ```toml
//! [keys]
//! quit = ["q", "ctrl-q"]        # everywhere (lists and viewers)
//! [keys.results]
//! sort = "S"                    # only on the results screen
//! ```
//!
//! Text inputs are not configurable: they take every printable key, Enter submits,
//! Alt-Enter starts a new line, Tab completes and Esc leaves the input. Pastes go whole into
//! the input with focus (see [`super::typing`] for pastes that arrive as keys).

use super::action::{Action, InputKey};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// Where a key is pressed: bindings of a screen come before the global ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    History,
    Results,
    Document,
    Cases,
    Case,
    Report,
    Corpora,
    Confirm,
}

impl Context {
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::History,
        Context::Results,
        Context::Document,
        Context::Cases,
        Context::Case,
        Context::Report,
        Context::Corpora,
        Context::Confirm,
    ];

    /// The name of the context's table in `config.toml` (`[keys.results]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::History => "history",
            Context::Results => "results",
            Context::Document => "document",
            Context::Cases => "cases",
            Context::Case => "case",
            Context::Report => "report",
            Context::Corpora => "corpora",
            Context::Confirm => "confirm",
        }
    }
}

/// Whether keys go to a text input or are commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Text,
}

/// One key with its modifiers (Shift is implied by the character for letters and symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum KeymapError {
    #[error("`{0}` is not a key — write e.g. \"q\", \"ctrl-c\", \"esc\", \"pagedown\", \"f1\"")]
    BadKey(String),
    #[error("`{0}` is not an action — see the help overlay (?) for the names")]
    BadAction(String),
    #[error("`{0}` is not a screen — use one of global, history, results, document, cases, case, report, corpora, confirm")]
    BadContext(String),
    #[error("config.toml: {0}")]
    Toml(String),
}

impl KeySpec {
    /// Read a key written as in `config.toml`: `q`, `G`, `?`, `ctrl-c`, `alt-x`, `esc`, `enter`,
    /// `tab`, `backtab`, `up`, `down`, `left`, `right`, `pageup`, `pagedown`, `home`, `end`,
    /// `space`, `backspace`, `delete`, `f1`…`f12`.
    pub fn parse(s: &str) -> Result<KeySpec, KeymapError> {
        let bad = || KeymapError::BadKey(s.to_string());
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = rest.get(5..).unwrap_or_default();
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = rest.get(4..).unwrap_or_default();
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            (None, _) => return Err(bad()),
            _ => match rest.to_ascii_lowercase().as_str() {
                "esc" | "escape" => KeyCode::Esc,
                "enter" | "return" => KeyCode::Enter,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f') => {
                    let n: u8 = f.get(1..).unwrap_or_default().parse().map_err(|_| bad())?;
                    if !(1..=12).contains(&n) {
                        return Err(bad());
                    }
                    KeyCode::F(n)
                }
                _ => return Err(bad()),
            },
        };
        Ok(KeySpec { code, ctrl, alt })
    }

    fn matches(&self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let code = match key.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        code == self.code && ctrl == self.ctrl && alt == self.alt
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<(Context, KeySpec, Action)>,
}

const DEFAULTS: &[(Context, &str, &[&str])] = &[
    (Context::Global, "quit", &["q"]),
    (Context::Global, "force_quit", &["ctrl-c"]),
    (Context::Global, "back", &["esc"]),
    (Context::Global, "help", &["?", "f1"]),
    (Context::Global, "query", &["/"]),
    (Context::Global, "up", &["up", "k"]),
    (Context::Global, "down", &["down", "j"]),
    (Context::Global, "page_up", &["pageup", "ctrl-b"]),
    (
        Context::Global,
        "page_down",
        &["pagedown", "ctrl-f", "space"],
    ),
    (Context::Global, "top", &["home", "g"]),
    (Context::Global, "bottom", &["end", "G"]),
    (Context::Global, "open", &["enter"]),
    (Context::Global, "next_pane", &["tab"]),
    (Context::Global, "cases", &["C"]),
    (Context::Global, "corpora", &["O"]),
    (Context::Global, "report", &["R"]),
    (Context::Global, "ui_lang", &["L"]),
    (Context::Results, "sort", &["s"]),
    (Context::Global, "meaning", &["M"]),
    (Context::Results, "cite", &["c"]),
    (Context::Document, "next_match", &["n"]),
    (Context::Document, "prev_match", &["N"]),
    (Context::Document, "cite", &["c"]),
    (Context::Cases, "new_case", &["n"]),
    (Context::Cases, "delete_case", &["d"]),
    (Context::History, "by_example", &["x"]),
    (Context::History, "by_example_feedback", &["X"]),
    (Context::Case, "report", &["r"]),
    (Context::Case, "edit_case", &["e"]),
    (Context::Case, "by_example", &["x"]),
    (Context::Case, "by_example_feedback", &["X"]),
    (Context::Report, "report_lang", &["l"]),
    (Context::Report, "export_format", &["f"]),
    (Context::Report, "export", &["e"]),
    (Context::Corpora, "index", &["i"]),
    (Context::Corpora, "embed", &["e"]),
    (Context::Confirm, "confirm", &["y"]),
    (Context::Confirm, "back", &["n"]),
    (Context::History, "edit_strategy", &["e"]),
    (Context::Document, "find", &["/"]),
    (Context::Document, "jump_abstract", &["1"]),
    (Context::Document, "jump_claims", &["2"]),
    (Context::Document, "jump_description", &["3"]),
    (Context::History, "remove", &["d"]),
    (Context::Case, "remove", &["d"]),
    (Context::History, "correct_strategy", &["c"]),
    (Context::Case, "submit", &["S"]),
    (Context::Report, "submit", &["S"]),
];

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings = Vec::new();
        for (ctx, name, keys) in DEFAULTS {
            if let Some(action) = Action::from_name(name) {
                for k in *keys {
                    if let Ok(spec) = KeySpec::parse(k) {
                        bindings.push((*ctx, spec, action.clone()));
                    }
                }
            }
        }
        Keymap { bindings }
    }
}

fn context_named(name: &str) -> Option<Context> {
    Context::ALL.into_iter().find(|c| c.name() == name)
}

impl Keymap {
    /// The defaults with the `[keys]` table of a `config.toml` text applied (other tables
    /// are left to their readers).
    pub fn from_config(text: &str) -> Result<Keymap, KeymapError> {
        let value: toml::Table =
            toml::from_str(text).map_err(|e| KeymapError::Toml(e.to_string()))?;
        match value.get("keys").and_then(|k| k.as_table()) {
            Some(keys) => Keymap::from_table(keys).map_err(|(_, e)| e),
            None => Ok(Keymap::default()),
        }
    }

    /// The defaults with a `[keys]` table applied. A mistake comes with the dotted name of
    /// the entry it is in (`keys.results.sort`).
    pub fn from_table(keys: &toml::Table) -> Result<Keymap, (String, KeymapError)> {
        let mut map = Keymap::default();
        for (name, v) in keys {
            match v {
                toml::Value::Table(t) => {
                    let ctx = context_named(name).ok_or_else(|| {
                        (
                            format!("keys.{name}"),
                            KeymapError::BadContext(name.clone()),
                        )
                    })?;
                    for (action, v) in t {
                        map.rebind(ctx, action, v)
                            .map_err(|e| (format!("keys.{name}.{action}"), e))?;
                    }
                }
                other => map
                    .rebind(Context::Global, name, other)
                    .map_err(|e| (format!("keys.{name}"), e))?,
            }
        }
        Ok(map)
    }

    /// Replace the keys of `action` in `ctx` by those written in `value` (a string or a list).
    fn rebind(
        &mut self,
        ctx: Context,
        action: &str,
        value: &toml::Value,
    ) -> Result<(), KeymapError> {
        let a =
            Action::from_name(action).ok_or_else(|| KeymapError::BadAction(action.to_string()))?;
        let keys: Vec<String> = match value {
            toml::Value::String(s) => vec![s.clone()],
            toml::Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => return Err(KeymapError::BadKey(value.to_string())),
        };
        let specs = keys
            .iter()
            .map(|k| KeySpec::parse(k))
            .collect::<Result<Vec<_>, _>>()?;
        self.bindings.retain(|(c, _, b)| !(*c == ctx && *b == a));
        // A key now bound here no longer does what it did before in this context.
        self.bindings
            .retain(|(c, k, _)| !(*c == ctx && specs.contains(k)));
        for s in specs {
            self.bindings.push((ctx, s, a.clone()));
        }
        Ok(())
    }

    /// The action of a key in `mode`, on a screen with bindings `ctx`.
    pub fn translate(&self, key: &KeyEvent, mode: Mode, ctx: Context) -> Option<Action> {
        if mode == Mode::Text {
            return text_key(key);
        }
        let find = |c: Context| {
            self.bindings
                .iter()
                .find(|(bc, spec, _)| *bc == c && spec.matches(key))
                .map(|(_, _, a)| a.clone())
        };
        if ctx != Context::Global {
            if let Some(a) = find(ctx) {
                return Some(a);
            }
            if ctx == Context::Confirm {
                // A confirmation only answers y / n / Esc (and Ctrl-C).
                return find(Context::Global)
                    .filter(|a| matches!(a, Action::ForceQuit | Action::Back));
            }
        }
        find(Context::Global)
    }

    /// The bindings of one context, grouped by action in the order of [`super::action::BINDABLE`],
    /// for the help overlay: `(keys, action name)`.
    pub fn describe(&self, ctx: Context) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for (name, action) in super::action::BINDABLE {
            let keys: Vec<String> = self
                .bindings
                .iter()
                .filter(|(c, _, a)| *c == ctx && a == action)
                .map(|(_, k, _)| k.to_string())
                .collect();
            if !keys.is_empty() {
                out.push((keys.join(" "), *name));
            }
        }
        out
    }

    /// The first key bound to `action` in `ctx` (or globally), for hints.
    pub fn key_for(&self, ctx: Context, action: &Action) -> Option<String> {
        [ctx, Context::Global].into_iter().find_map(|c| {
            self.bindings
                .iter()
                .find(|(bc, _, a)| *bc == c && a == action)
                .map(|(_, k, _)| k.to_string())
        })
    }
}

/// The fixed keys of text inputs.
fn text_key(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::ForceQuit,
        KeyCode::Esc => Action::Back,
        KeyCode::Enter if alt || key.modifiers.contains(KeyModifiers::SHIFT) => {
            Action::Input(InputKey::Newline)
        }
        KeyCode::Char('j') if ctrl => Action::Input(InputKey::Newline),
        KeyCode::Char('u') if ctrl => Action::Input(InputKey::EraseToStart),
        KeyCode::Char('w') if ctrl => Action::Input(InputKey::EraseWord),
        KeyCode::Char('k') if ctrl => Action::Input(InputKey::EraseToEnd),
        KeyCode::Char('a') if ctrl => Action::Input(InputKey::Home),
        KeyCode::Char('e') if ctrl => Action::Input(InputKey::End),
        KeyCode::Enter => Action::Input(InputKey::Submit),
        KeyCode::Tab => Action::Input(InputKey::Complete),
        KeyCode::Backspace => Action::Input(InputKey::Backspace),
        KeyCode::Delete => Action::Input(InputKey::Delete),
        KeyCode::Left => Action::Input(InputKey::Left),
        KeyCode::Right => Action::Input(InputKey::Right),
        KeyCode::Up => Action::Input(InputKey::Up),
        KeyCode::Down => Action::Input(InputKey::Down),
        KeyCode::Home => Action::Input(InputKey::Home),
        KeyCode::End => Action::Input(InputKey::End),
        KeyCode::Char(c) if !ctrl && !alt => Action::Input(InputKey::Char(c)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn defaults_follow_terminal_habits() {
        let m = Keymap::default();
        let n = KeyModifiers::NONE;
        let t = |k: KeyEvent, ctx| m.translate(&k, Mode::Normal, ctx);
        assert_eq!(
            t(key(KeyCode::Char('?'), n), Context::Results),
            Some(Action::Help)
        );
        assert_eq!(
            t(key(KeyCode::Char('/'), n), Context::Results),
            Some(Action::OpenQuery)
        );
        // In the document viewer `/` finds in the document; 1 2 3 go to its parts.
        assert_eq!(
            t(key(KeyCode::Char('/'), n), Context::Document),
            Some(Action::FindInDocument)
        );
        assert_eq!(
            t(key(KeyCode::Char('2'), n), Context::Document),
            Some(Action::JumpClaims)
        );
        assert_eq!(
            t(key(KeyCode::Char('q'), n), Context::Results),
            Some(Action::Quit)
        );
        assert_eq!(
            t(
                key(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Context::Report
            ),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            t(key(KeyCode::Char('j'), n), Context::Results),
            Some(Action::Down)
        );
        assert_eq!(
            t(
                key(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Context::Results
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            t(key(KeyCode::Char('n'), n), Context::Document),
            Some(Action::NextMatch)
        );
        assert_eq!(
            t(key(KeyCode::Char('n'), n), Context::Cases),
            Some(Action::NewCase)
        );
        assert_eq!(
            t(key(KeyCode::Char('e'), n), Context::Case),
            Some(Action::EditCase)
        );
        assert_eq!(t(key(KeyCode::Char('q'), n), Context::Confirm), None);
        assert_eq!(
            t(key(KeyCode::Char('y'), n), Context::Confirm),
            Some(Action::Confirm)
        );
    }

    #[test]
    fn text_inputs_take_printable_keys_and_esc_leaves() {
        let m = Keymap::default();
        let t = |k: KeyEvent| m.translate(&k, Mode::Text, Context::Global);
        assert_eq!(
            t(key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Input(InputKey::Char('q')))
        );
        assert_eq!(
            t(key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Input(InputKey::Char('?')))
        );
        assert_eq!(
            t(key(KeyCode::Enter, KeyModifiers::ALT)),
            Some(Action::Input(InputKey::Newline))
        );
        assert_eq!(
            t(key(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Input(InputKey::Submit))
        );
        assert_eq!(
            t(key(KeyCode::Tab, KeyModifiers::NONE)),
            Some(Action::Input(InputKey::Complete))
        );
        assert_eq!(t(key(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Back));
        assert_eq!(
            t(key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
        for (c, k) in [
            ('u', InputKey::EraseToStart),
            ('w', InputKey::EraseWord),
            ('k', InputKey::EraseToEnd),
            ('a', InputKey::Home),
            ('e', InputKey::End),
        ] {
            assert_eq!(
                t(key(KeyCode::Char(c), KeyModifiers::CONTROL)),
                Some(Action::Input(k))
            );
        }
    }

    #[test]
    fn config_rebinds_keys_per_screen_and_reports_mistakes() {
        let m = Keymap::from_config(
            "[keys]\nquit = [\"x\", \"ctrl-q\"]\n[keys.results]\nsort = \"S\"\n",
        )
        .unwrap();
        let n = KeyModifiers::NONE;
        assert_eq!(
            m.translate(&key(KeyCode::Char('x'), n), Mode::Normal, Context::Results),
            Some(Action::Quit)
        );
        assert_eq!(
            m.translate(&key(KeyCode::Char('q'), n), Mode::Normal, Context::Results),
            None
        );
        assert_eq!(
            m.translate(
                &key(KeyCode::Char('q'), KeyModifiers::CONTROL),
                Mode::Normal,
                Context::Global
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            m.translate(
                &key(KeyCode::Char('S'), KeyModifiers::SHIFT),
                Mode::Normal,
                Context::Results
            ),
            Some(Action::ToggleSort)
        );
        assert_eq!(
            m.translate(&key(KeyCode::Char('s'), n), Mode::Normal, Context::Results),
            None
        );
        assert_eq!(
            Keymap::from_config("[keys]\nfly = \"x\"").err(),
            Some(KeymapError::BadAction("fly".into()))
        );
        assert_eq!(
            Keymap::from_config("[keys]\nquit = \"hyper-x\"").err(),
            Some(KeymapError::BadKey("hyper-x".into()))
        );
        assert!(matches!(
            Keymap::from_config("[keys.nowhere]\nquit = \"x\""),
            Err(KeymapError::BadContext(_))
        ));
        assert_eq!(
            Keymap::from_config("[mirror]\nparallel = 2").unwrap(),
            Keymap::default()
        );
    }

    #[test]
    fn help_lists_keys_by_action() {
        let m = Keymap::default();
        let g = m.describe(Context::Global);
        assert!(g.contains(&("↓ j".to_string(), "down")), "{g:?}");
        assert_eq!(
            m.key_for(Context::Results, &Action::ToggleSort).as_deref(),
            Some("s")
        );
    }
}
