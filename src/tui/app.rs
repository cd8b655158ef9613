//! The event loop: terminal events and job results in, `update`, effects out to the worker,
//! one frame drawn per batch of events.
//!
//! Terminal events are read on their own thread; job results arrive on the one job channel.
//! The loop waits on both, applies everything that is pending, then draws once, so a burst of
//! keys or results costs one frame. The terminal is put back as it was when the loop ends,
//! on Ctrl-C, and on a panic (see [`TerminalGuard`]).

use super::action::Action;
use super::state::State;
use super::typing::Typing;
use super::update::{start, update};
use super::worker::Worker;
use crate::config::Config;
use crate::corpus::Workspace;
use crossbeam_channel::{Receiver, Sender};
use crossterm::event::{Event, KeyEventKind, MouseEventKind};
use ratatui::backend::Backend;
use ratatui::Terminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
    #[error("drawing the screen: {0}")]
    Draw(String),
    #[error("keeping the session for the next start: {0}")]
    Session(#[from] super::session::SessionError),
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
    /// Where the session a restart reopens is kept (`$TISC_HOME`).
    home: PathBuf,
    /// Text typed into an input and not applied yet: a burst of keys goes in as one paste.
    typing: Typing,
}

impl App {
    /// Apply the configuration and start the first jobs (corpora, cases, and indexing the
    /// demo corpus on a workspace with no index).
    pub fn new(ws: &Workspace, config: &Config) -> App {
        let mut state = State::new(config.ui.lang, config.keys.clone());
        state.no_color = super::no_color_requested();
        state.submit_dir_default = std::env::var("TISC_SUBMIT_DIR")
            .ok()
            .filter(|d| !d.trim().is_empty());
        state.now = Some(crate::model::time::now());
        let (tx, jobs): (Sender<Action>, Receiver<Action>) = crossbeam_channel::unbounded();
        let worker = Worker::new(ws.clone(), tx);
        let index_demo = nothing_indexed(ws);
        let mut app = App {
            state,
            worker,
            jobs,
            home: ws.home.clone(),
            typing: Typing::default(),
        };
        let mut effects = start(&mut app.state, index_demo);
        let session = super::session::load(&ws.home);
        effects.extend(super::update::restore(&mut app.state, session));
        for e in effects {
            app.worker.spawn(e);
        }
        app
    }

    /// Keep what a restart should reopen (the open case and screen).
    pub fn save_session(&self) -> Result<(), super::session::SessionError> {
        super::session::save(&self.home, &super::update::session_of(&self.state))
    }

    /// Apply an action and hand its effects to the worker.
    pub fn handle(&mut self, action: Action) {
        for e in update(&mut self.state, action) {
            self.worker.spawn(e);
        }
    }

    /// Translate a terminal event into an action and apply it.
    pub fn handle_event(&mut self, ev: &Event) {
        self.handle_event_at(ev, Instant::now());
        self.flush();
    }

    /// Apply the text typed in a burst, if any, as one paste.
    pub fn flush(&mut self) {
        if let Some(paste) = self.typing.flush() {
            self.handle(paste);
        }
    }

    /// Take a terminal event that arrived at `at`: typed text is gathered (see
    /// [`super::typing`]) and goes in at the next other event or [`App::flush`].
    pub fn handle_event_at(&mut self, ev: &Event, at: Instant) {
        if self.typing.absorb(ev, at, self.state.mode()) {
            return;
        }
        self.flush();
        let action = match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                self.state
                    .keymap
                    .translate(k, self.state.mode(), self.state.context())
            }
            Event::Paste(text) => Some(Action::Paste(text.clone())),
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
    use crossterm::{
        event::{DisableBracketedPaste, DisableMouseCapture},
        execute, terminal,
    };
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

impl TerminalGuard {
    pub fn new() -> Result<TerminalGuard, TuiError> {
        use crossterm::{
            event::{EnableBracketedPaste, EnableMouseCapture},
            execute, terminal,
        };
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
            EnableMouseCapture,
            EnableBracketedPaste
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

/// How often the clock ticks (the exercise timer shows seconds).
const TICK: Duration = Duration::from_secs(1);

/// Read terminal events on a thread until `stop` is set, each with when it was read.
fn read_events(tx: Sender<(Event, Instant)>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match crossterm::event::poll(Duration::from_millis(100)) {
                Ok(true) => match crossterm::event::read() {
                    Ok(ev) => {
                        if tx.send((ev, Instant::now())).is_err() {
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
    // The clock of the exercise timer; a tick redraws only when a case is an exercise.
    let ticks = crossbeam_channel::tick(TICK);
    let result = (|| -> Result<(), TuiError> {
        app.draw(&mut guard.terminal)?;
        while !app.state.quit {
            let mut ticked = false;
            crossbeam_channel::select! {
                recv(ev_rx) -> ev => match ev {
                    Ok((ev, at)) => app.handle_event_at(&ev, at),
                    Err(_) => break,
                },
                recv(jobs) -> a => {
                    if let Ok(a) = a {
                        app.handle(a);
                    }
                }
                recv(ticks) -> _ => {
                    app.handle(Action::Tick(crate::model::time::now()));
                    ticked = true;
                }
            }
            // A tick alone changes nothing on screen unless the case is an exercise.
            let timed = app
                .state
                .case
                .as_ref()
                .is_some_and(|c| c.exercise.is_some());
            if ticked && !timed && ev_rx.is_empty() && app.jobs.is_empty() {
                continue;
            }
            // Everything else already waiting, then one frame.
            while let Ok((ev, at)) = ev_rx.try_recv() {
                app.handle_event_at(&ev, at);
            }
            // Text typed in this batch goes in at once, before the one frame.
            app.flush();
            app.drain_jobs();
            if !app.state.quit {
                app.draw(&mut guard.terminal)?;
            }
        }
        Ok(())
    })();
    stop.store(true, Ordering::Relaxed);
    drop(guard);
    // Not being able to keep the session loses nothing of the case: say it, and end.
    if let Err(e) = app.save_session() {
        return result.and(Err(TuiError::Session(e)));
    }
    result
}
