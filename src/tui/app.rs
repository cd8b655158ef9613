//! The event loop: terminal events and job results in, `update`, effects out to the worker,
//! one frame drawn per batch of events.
//!
//! Terminal events are read on their own thread; job results arrive on the one job channel.
//! The loop waits on both, applies everything that is pending, then draws once, so a burst of
//! keys or results costs one frame. The terminal is put back as it was when the loop ends,
//! on Ctrl-C, and on a panic (see [`TerminalGuard`]).

use super::action::Action;
use super::state::State;
use super::update::{start, update};
use super::worker::Worker;
use crate::config::Config;
use crate::corpus::Workspace;
use crossbeam_channel::{Receiver, Sender};
use crossterm::event::{Event, KeyEventKind, MouseEventKind};
use ratatui::backend::Backend;
use ratatui::Terminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
    #[error("drawing the screen: {0}")]
    Draw(String),
}

/// Whether no corpus of this workspace has a usable index yet (then the demo is indexed).
fn nothing_indexed(ws: &Workspace) -> bool {
    let Ok(dirs) = std::fs::read_dir(ws.home.join("index")) else {
        return true;
    };
    !dirs.flatten().any(|d| crate::index::is_current(&d.path()))
}

/// The workbench without its terminal: state, worker and the job channel.
pub struct App {
    pub state: State,
    worker: Worker,
    jobs: Receiver<Action>,
}

impl App {
    /// Apply the configuration and start the first jobs (corpora, cases, and indexing the
    /// demo corpus on a workspace with no index).
    pub fn new(ws: &Workspace, config: &Config) -> App {
        let mut state = State::new(config.ui.lang, config.keys.clone());
        state.no_color = super::no_color_requested();
        let (tx, jobs): (Sender<Action>, Receiver<Action>) = crossbeam_channel::unbounded();
        let worker = Worker::new(ws.clone(), tx);
        let index_demo = nothing_indexed(ws);
        let mut app = App {
            state,
            worker,
            jobs,
        };
        for e in start(&mut app.state, index_demo) {
            app.worker.spawn(e);
        }
        app
    }

    /// Apply an action and hand its effects to the worker.
    pub fn handle(&mut self, action: Action) {
        for e in update(&mut self.state, action) {
            self.worker.spawn(e);
        }
    }

    /// Translate a terminal event into an action and apply it.
    pub fn handle_event(&mut self, ev: &Event) {
        let action = match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                self.state
                    .keymap
                    .translate(k, self.state.mode(), self.state.context())
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
                MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
                _ => None,
            },
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            _ => None,
        };
        if let Some(a) = action {
            self.handle(a);
        }
    }

    /// Apply every job result already waiting; whether there was any.
    pub fn drain_jobs(&mut self) -> bool {
        let mut any = false;
        while let Ok(a) = self.jobs.try_recv() {
            self.handle(a);
            any = true;
        }
        any
    }

    /// Wait up to `timeout` for one job result and apply it (with any others waiting).
    pub fn wait_job(&mut self, timeout: Duration) -> bool {
        match self.jobs.recv_timeout(timeout) {
            Ok(a) => {
                self.handle(a);
                self.drain_jobs();
                true
            }
            Err(_) => false,
        }
    }

    /// Draw one frame.
    pub fn draw<B: Backend>(&self, terminal: &mut Terminal<B>) -> Result<(), TuiError> {
        terminal
            .draw(|f| super::views::render(&self.state, f))
            .map(|_| ())
            .map_err(|e| TuiError::Draw(e.to_string()))
    }
}

/// Raw mode, alternate screen and mouse capture, undone when dropped and on a panic of the
/// UI thread (a panic in a worker thread is caught and shown as a message instead).
pub struct TerminalGuard {
    pub terminal: Terminal<ratatui::backend::CrosstermBackend<std::io::Stdout>>,
}

fn restore_terminal() {
    use crossterm::{event::DisableMouseCapture, execute, terminal};
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

impl TerminalGuard {
    pub fn new() -> Result<TerminalGuard, TuiError> {
        use crossterm::{event::EnableMouseCapture, execute, terminal};
        let main = std::thread::current().id();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().id() == main {
                restore_terminal();
                previous(info);
            }
        }));
        terminal::enable_raw_mode()?;
        let entered = execute!(
            std::io::stdout(),
            terminal::EnterAlternateScreen,
            EnableMouseCapture
        );
        if let Err(e) = entered {
            restore_terminal();
            return Err(e.into());
        }
        let terminal = Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Read terminal events on a thread until `stop` is set.
fn read_events(tx: Sender<Event>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match crossterm::event::poll(Duration::from_millis(100)) {
                Ok(true) => match crossterm::event::read() {
                    Ok(ev) => {
                        if tx.send(ev).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                },
                Ok(false) => {}
                Err(_) => return,
            }
        }
    });
}

/// Run the workbench on the terminal until the user quits, with the configuration `config`
/// (loaded, and its errors reported, before the terminal is taken over).
pub fn run(ws: &Workspace, config: &Config) -> Result<(), TuiError> {
    let mut app = App::new(ws, config);
    let mut guard = TerminalGuard::new()?;
    let size = guard.terminal.size()?;
    app.handle(Action::Resize(size.width, size.height));
    let (ev_tx, ev_rx) = crossbeam_channel::unbounded();
    let stop = Arc::new(AtomicBool::new(false));
    read_events(ev_tx, stop.clone());
    let jobs = app.jobs.clone();
    let result = (|| -> Result<(), TuiError> {
        app.draw(&mut guard.terminal)?;
        while !app.state.quit {
            crossbeam_channel::select! {
                recv(ev_rx) -> ev => match ev {
                    Ok(ev) => app.handle_event(&ev),
                    Err(_) => break,
                },
                recv(jobs) -> a => {
                    if let Ok(a) = a {
                        app.handle(a);
                    }
                }
            }
            // Everything else already waiting, then one frame.
            while let Ok(ev) = ev_rx.try_recv() {
                app.handle_event(&ev);
            }
            app.drain_jobs();
            if !app.state.quit {
                app.draw(&mut guard.terminal)?;
            }
        }
        Ok(())
    })();
    stop.store(true, Ordering::Relaxed);
    drop(guard);
    result
}
