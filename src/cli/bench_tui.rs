//! `tisc bench-tui` (hidden): how fast the workbench answers a key, and how soon it shows
//! its first frame, rendering into an off-screen terminal.
//!
//! Per keystroke: `update` + a full frame at 120×40 with 10,000 results loaded, over a mix of
//! moves, page jumps, sorts, screen changes and typing in the query editor (which re-parses
//! the strategy on each key). First frame: from opening the workspace to the first frame
//! drawn, and to the first frame showing the corpora (loaded by a worker thread).

use crate::corpus::Workspace;
use crate::tui::action::{Action, InputKey};
use crate::tui::strings::UiLang;
use crate::tui::{fixtures, update, App};
use clap::Args;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::{Duration, Instant};

#[derive(Args, Debug)]
pub struct BenchTuiArgs {
    /// Results loaded in the list
    #[arg(long, default_value_t = 10_000)]
    pub results: usize,
    /// Keystrokes to time
    #[arg(long, default_value_t = 5_000)]
    pub keys: usize,
    /// Terminal width
    #[arg(long, default_value_t = 120)]
    pub width: u16,
    /// Terminal height
    #[arg(long, default_value_t = 40)]
    pub height: u16,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The keystrokes timed, in a loop: moves, jumps, sort, document-less screen switches,
/// and typing a strategy.
fn script() -> Vec<Action> {
    let mut keys = Vec::new();
    keys.extend(std::iter::repeat_n(Action::Down, 40));
    keys.extend([
        Action::PageDown,
        Action::PageDown,
        Action::Bottom,
        Action::PageUp,
    ]);
    keys.extend(std::iter::repeat_n(Action::Up, 20));
    keys.extend([
        Action::ToggleSort,
        Action::Top,
        Action::ToggleSort,
        Action::Help,
        Action::Back,
    ]);
    keys.push(Action::OpenQuery);
    keys.extend(
        " AND (drip OR micro) NEAR/3 emitter*"
            .chars()
            .map(|c| Action::Input(InputKey::Char(c))),
    );
    keys.extend(std::iter::repeat_n(Action::Input(InputKey::Backspace), 35));
    keys.extend([Action::Back, Action::Back]);
    keys
}

pub fn run(ws: &Workspace, a: BenchTuiArgs, config: &crate::config::Config) -> anyhow::Result<()> {
    let (w, h) = (a.width, a.height);
    let mut term = Terminal::new(TestBackend::new(w, h))?;

    // Keystrokes with 10,000 results.
    let mut state = fixtures::with_results(UiLang::En, w, h, a.results);
    term.draw(|f| crate::tui::views::render(&state, f))?;
    let script = script();
    let mut times = Vec::with_capacity(a.keys);
    for action in script.iter().cycle().take(a.keys) {
        let t = Instant::now();
        let _ = update(&mut state, action.clone());
        term.draw(|f| crate::tui::views::render(&state, f))?;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "keystroke (update + render {w}×{h}, {} results, {} keys): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (target p99 < 16 ms)",
        a.results,
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0)),
    );

    // First frame on this workspace (index the demo first if nothing is indexed).
    if !crate::index::is_current(&ws.index_dir("demo")) {
        eprintln!("indexing the demo corpus first (not timed)…");
        let _lock = super::index::lock(ws, "demo", Some(60))?;
        super::index::build_with_progress(
            ws,
            &crate::corpus::find(ws, "demo")?,
            &crate::corpus::BuildOptions::default(),
        )?;
    }
    let t = Instant::now();
    let mut app = App::new(ws, config);
    app.handle(Action::Resize(w, h));
    app.draw(&mut term)?;
    let first = t.elapsed();
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.state.corpora.is_empty() && Instant::now() < deadline {
        app.wait_job(Duration::from_millis(50));
    }
    app.draw(&mut term)?;
    let loaded = t.elapsed();
    println!(
        "time to first frame: {:.1} ms; with the corpora listed: {:.1} ms (target < 200 ms)",
        ms(first),
        ms(loaded)
    );

    // A search on the demo corpus, from Enter to the results drawn.
    app.handle(Action::OpenQuery);
    for c in "(solar OR photovoltaic) NEAR/3 pump*".chars() {
        app.handle(Action::Input(InputKey::Char(c)));
    }
    let t = Instant::now();
    app.handle(Action::Input(InputKey::Submit));
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.state.results.searching && Instant::now() < deadline {
        app.wait_job(Duration::from_millis(50));
    }
    app.draw(&mut term)?;
    println!(
        "search round trip (demo corpus, {} hits): {:.1} ms",
        app.state.results.hits.len(),
        ms(t.elapsed())
    );
    Ok(())
}
