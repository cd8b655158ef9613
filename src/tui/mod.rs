//! The terminal workbench: `tisc` with no command, on a terminal.
//!
//! The whole loop of a prior-art search without leaving the keyboard: cases → strategies →
//! results → document → citation → report. Built as television and gitui are:
//!
//! - [`state::State`] is plain data; [`action::Action`] is the whole vocabulary of the UI;
//! - [`keymap`] turns keys into actions (configurable in `config.toml`);
//! - [`update::update`] is pure: it changes the state and returns [`action::Effect`]s;
//! - [`worker`] runs effects on threads; their results come back as actions through one
//!   channel, tagged with a generation number so that stale results are dropped;
//! - [`views`] draw the state, one file per pane, never doing I/O;
//! - [`strings`] holds every UI string in English, French, Spanish, Portuguese and Arabic.
//!
//! See the "The workbench" section of `docs/user-guide.md` for the keys.

pub mod action;
pub mod app;
pub mod docnav;
pub mod exercise;
pub mod highlight;
pub mod input;
pub mod keymap;
pub mod session;
pub mod state;
pub mod strings;
pub mod typing;
pub mod update;
pub mod views;
pub mod worker;
mod worker_corpora;
mod worker_error;
mod worker_example;
mod worker_meaning;
mod worker_submit;

pub use action::{Action, Effect};
pub use app::{run, App, TuiError};
pub use state::State;
pub use update::update;

use std::io::IsTerminal;

/// Whether the user asked for no colours: `NO_COLOR` set to any non-empty value
/// (no-color.org).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether the workbench can run here: standard input and output are both terminals.
pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}
