//! Drawing the state: one file per pane, plus the frame around them (tabs on top, status
//! line at the bottom) and the dialogs drawn over them.
//!
//! Views only read the [`State`]; they never do I/O and draw only the rows that are visible,
//! so a frame costs the same with ten results or ten thousand.

mod cases;
pub mod corpora;
mod document;
mod forms;
mod help;
mod query;
mod report;
mod results;
pub mod textbox;
mod workshop;

pub use results::{family_cell, strategies_cell};

use super::state::{Overlay, Screen, State};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Gauge, Paragraph, Wrap};
use ratatui::Frame;

/// Style of the selected row.
pub(crate) fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// Style of a section heading.
pub(crate) fn heading() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// Style of dim secondary text.
pub(crate) fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

/// Style of errors.
pub(crate) fn error() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub(crate) use crate::fsutil::human_bytes;

/// The first row to show so that `selected` is visible in `height` rows, starting from the
/// remembered `offset`.
pub(crate) fn visible_offset(selected: usize, offset: usize, height: usize) -> usize {
    let h = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + h {
        selected + 1 - h
    } else {
        offset
    }
}

/// A rectangle of at most `w` × `h` in the middle of `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Draw the whole workbench.
pub fn render(s: &State, f: &mut Frame) {
    render_panes(s, f);
    if s.no_color {
        without_colours(f.buffer_mut());
    }
}

/// The one place colours are given up (`NO_COLOR`): every cell loses its foreground and
/// background colours; what the colours told is kept with modifiers — a background
/// (a selection bar, a highlighted match) toggles reverse video, so a match stays visible
/// inside a reversed row, and dark grey text becomes dim.
pub(crate) fn without_colours(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        let mut m = cell.modifier;
        if cell.bg != Color::Reset {
            m.toggle(Modifier::REVERSED);
        }
        if cell.fg == Color::DarkGray {
            m.insert(Modifier::DIM);
        }
        cell.modifier = m;
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}

fn render_panes(s: &State, f: &mut Frame) {
    let status_lines = status(s, usize::from(f.area().width));
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_lines.len() as u16),
    ])
    .areas(f.area());
    tabs(s, f, top);
    match s.screen {
        Screen::Query => query::render(s, f, body),
        Screen::Results => results::render(s, f, body),
        Screen::Document => document::render(s, f, body),
        Screen::Cases => cases::render_list(s, f, body),
        Screen::Case => cases::render_case(s, f, body),
        Screen::Report => report::render(s, f, body),
        Screen::Corpora => corpora::render(s, f, body),
    }
    f.render_widget(Paragraph::new(status_lines), bottom);
    if let Some(job) = &s.index_job {
        if job.first_start || s.screen == Screen::Corpora {
            index_gauge(s, job, f, body);
        }
    }
    match &s.overlay {
        None => {}
        Some(Overlay::Help) => help::render(s, f, body),
        Some(Overlay::Cite(form)) => forms::render(s, form, s.strings().cite, f, body),
        Some(Overlay::CaseForm(form)) => {
            let title = if form.editing.is_some() {
                s.strings().edit_case
            } else {
                s.strings().new_case
            };
            forms::render(s, form, title, f, body)
        }
        Some(Overlay::ConfirmDelete(id)) => {
            let text = super::strings::fill(s.strings().confirm_delete, "id", id);
            popup(f, body, s.strings().confirm, &text, Style::default());
        }
        Some(Overlay::Message(text)) => {
            let t = format!("{text}\n\n{}", s.strings().message_hint);
            popup(f, body, s.strings().message, &t, Style::default());
        }
        Some(Overlay::ConfirmDiscard(d)) => {
            // The form the question is about stays visible under it.
            let st = s.strings();
            match &d.form {
                Some(Overlay::Cite(form)) => forms::render(s, form, st.cite, f, body),
                Some(Overlay::CaseForm(form)) if form.editing.is_some() => {
                    forms::render(s, form, st.edit_case, f, body)
                }
                Some(Overlay::CaseForm(form)) => forms::render(s, form, st.new_case, f, body),
                _ => {}
            }
            popup(f, body, st.confirm, st.discard_draft, Style::default());
        }
        Some(Overlay::SubmitForm(form)) => workshop::render_submit(s, form, f, body),
        Some(Overlay::ConfirmSubmit(dir)) => {
            let st = s.strings();
            let exercise = s
                .case
                .as_ref()
                .and_then(|c| c.exercise.as_ref())
                .map_or("", |b| b.exercise.as_str());
            let text = super::strings::fill(st.workshop.confirm, "id", exercise);
            let text = super::strings::fill(&text, "path", dir);
            popup(f, body, st.confirm, &text, Style::default());
        }
        Some(Overlay::ConfirmRemove(what)) => {
            let st = s.strings();
            let text = match what {
                super::action::Removal::Strategy(n) => {
                    super::strings::fill(st.confirm_remove_set, "n", &n.to_string())
                }
                super::action::Removal::Citation(id) => {
                    super::strings::fill(st.confirm_remove_citation, "id", id)
                }
            };
            popup(f, body, st.confirm, &text, Style::default());
        }
    }
}

/// A bordered box with wrapped text in the middle of `area`.
fn popup(f: &mut Frame, area: Rect, title: &str, text: &str, style: Style) {
    let width = area.width.saturating_sub(4).min(72);
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = text
        .lines()
        .map(|l| crate::columns::width(l).div_ceil(inner_w).max(1))
        .sum();
    let r = centered(area, width, (rows as u16).saturating_add(2));
    f.render_widget(Clear, r);
    let p = Paragraph::new(text.to_string())
        .style(style)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(format!(" {title} ")));
    f.render_widget(p, r);
}

fn tabs(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let mut spans = vec![Span::styled(" tisc ", heading())];
    // Narrow terminals show the current pane only, so that the session stays visible.
    let narrow = area.width < 100;
    for (screen, name) in [
        (Screen::Query, st.query),
        (Screen::Results, st.results),
        (Screen::Document, st.document),
        (Screen::Cases, st.cases),
        (Screen::Case, st.case),
        (Screen::Report, st.report),
        (Screen::Corpora, st.corpora),
    ] {
        let shown = format!(" {name} ");
        if screen == s.screen {
            spans.push(Span::styled(shown, selected()));
        } else if !narrow {
            spans.push(Span::styled(shown, dim()));
        }
    }
    let session = match &s.case {
        Some(c) => format!(" │ {}{} {}", st.case, st.colon, c.id),
        None => format!(" │ {}", st.scratch),
    };
    spans.push(Span::raw(session));
    // A case bound to an exercise: the exercise and its timer, red once past the limit; the
    // timer alone when both do not fit.
    if let Some((c, label)) = s
        .case
        .as_ref()
        .and_then(|c| super::exercise::label(c, s.now, st).map(|l| (c, l)))
    {
        let clock = super::exercise::clock(c, s.now);
        let used: usize = spans.iter().map(|sp| sp.width()).sum();
        let room = usize::from(area.width).saturating_sub(used + 3);
        let text = match clock {
            _ if crate::columns::width(&label) <= room => Some(label),
            Some(clock) => Some(super::exercise::clock_text(clock, st)),
            None => None,
        };
        if let Some(text) = text {
            let late = matches!(clock, Some(super::exercise::Clock::Late(_)));
            let style = if late { error() } else { heading() };
            spans.push(Span::styled(format!(" · {text}"), style));
        }
    }
    // A corpus being embedded in the background: its share done, where it fits.
    if let Some(job) = &s.embed_job {
        let used: usize = spans.iter().map(|sp| sp.width()).sum();
        let room = usize::from(area.width).saturating_sub(used + 3);
        let (long, short) = corpora::embed_share(s, job);
        let text = [long, short]
            .into_iter()
            .find(|t| crate::columns::width(t) <= room);
        if let Some(text) = text {
            spans.push(Span::styled(format!(" · {text}"), dim()));
        }
    }
    f.render_widget(Line::from(spans), area);
}

/// Rows at most of a status message, and of the key hint under it.
const STATUS_ROWS: usize = 3;
const HINT_ROWS: usize = 2;

/// The status line: the message, if any, and the keys of the screen, on one row when they
/// fit; otherwise the message wraps (at most [`STATUS_ROWS`] rows) and the hint goes under
/// it (at most [`HINT_ROWS`]).
fn status(s: &State, width: usize) -> Vec<Line<'static>> {
    let st = s.strings();
    let hint = match s.screen {
        Screen::Query => match s.query_focus {
            super::state::QueryFocus::Editor => st.editor_hint,
            super::state::QueryFocus::History => st.history_hint,
        },
        Screen::Results => st.results_hint,
        Screen::Document => st.document_hint,
        Screen::Cases => st.cases_hint,
        Screen::Case => st.case_hint,
        Screen::Report => st.report_hint,
        Screen::Corpora => st.corpora_hint,
    };
    // The case and report of an exercise: how to hand it in comes first.
    let submit = matches!(s.screen, Screen::Case | Screen::Report)
        .then(|| s.case.as_ref().and_then(|c| c.exercise.as_ref()))
        .flatten()
        .and_then(|_| {
            s.keymap
                .key_for(s.context(), &super::action::Action::Submit)
        });
    let hint = match submit {
        Some(key) => format!(
            "{} · {hint}",
            super::strings::fill(st.workshop.submit_hint, "key", &key)
        ),
        None => hint.to_string(),
    };
    let room = width.saturating_sub(1).max(1);
    let rows = |text: &str, max: usize, style: Style| -> Vec<Line<'static>> {
        textbox::clamp_rows(text, room, max)
            .into_iter()
            .map(|r| Line::styled(format!(" {r}"), style))
            .collect()
    };
    match &s.status {
        Some(m) if crate::columns::width(m) + crate::columns::width(&hint) + 3 <= width => {
            vec![Line::from(vec![
                Span::styled(format!(" {m}"), heading()),
                Span::styled(format!("  {hint}"), dim()),
            ])]
        }
        Some(m) => {
            let mut out = rows(m, STATUS_ROWS, heading());
            out.extend(rows(&hint, HINT_ROWS, dim()));
            out
        }
        None => rows(&hint, HINT_ROWS, dim()),
    }
}

fn index_gauge(s: &State, job: &super::state::IndexJob, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let r = centered(area, area.width.saturating_sub(4).min(70), 4);
    f.render_widget(Clear, r);
    let title = if job.first_start {
        st.first_start.to_string()
    } else {
        format!("{} {}", st.indexing, job.corpus)
    };
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [msg, bar] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    let label = if job.committing {
        st.committing.to_string()
    } else {
        format!(
            "{} {} · {} / {}",
            job.docs,
            st.documents.to_lowercase(),
            human_bytes(job.bytes),
            human_bytes(job.total)
        )
    };
    f.render_widget(Line::from(label), msg);
    let ratio = if job.total == 0 {
        0.0
    } else {
        (job.bytes as f64 / job.total as f64).clamp(0.0, 1.0)
    };
    f.render_widget(
        Gauge::default()
            .ratio(ratio)
            .gauge_style(Style::default().fg(Color::Green)),
        bar,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_keep_the_selection_visible() {
        assert_eq!(visible_offset(0, 0, 10), 0);
        assert_eq!(visible_offset(15, 0, 10), 6);
        assert_eq!(visible_offset(3, 5, 10), 3);
        assert_eq!(visible_offset(7, 5, 10), 5);
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
        assert_eq!(
            centered(Rect::new(0, 0, 80, 24), 40, 10),
            Rect::new(20, 7, 40, 10)
        );
    }

    fn draw(s: &State) -> ratatui::buffer::Buffer {
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30))
            .expect("test terminal");
        term.draw(|f| render(s, f)).expect("draw");
        term.backend().buffer().clone()
    }

    #[test]
    fn no_color_draws_without_colours_and_keeps_the_selection() {
        let mut s = State::new(
            crate::tui::strings::UiLang::En,
            crate::tui::keymap::Keymap::default(),
        );
        let coloured = draw(&s);
        assert!(
            coloured
                .content
                .iter()
                .any(|c| c.fg != Color::Reset || c.bg != Color::Reset),
            "the normal workbench has colours"
        );
        s.no_color = true;
        let plain = draw(&s);
        for (i, c) in plain.content.iter().enumerate() {
            assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "cell {i}");
        }
        // The current tab is still shown in reverse video, the other tabs dim.
        let reversed = |b: &ratatui::buffer::Buffer| {
            b.content
                .iter()
                .filter(|c| c.modifier.contains(Modifier::REVERSED))
                .count()
        };
        assert!(reversed(&plain) > 0);
        assert_eq!(reversed(&plain), reversed(&coloured));
        assert!(plain
            .content
            .iter()
            .any(|c| c.modifier.contains(Modifier::DIM)));
        assert_eq!(
            plain.content.iter().map(|c| c.symbol()).collect::<String>(),
            coloured
                .content
                .iter()
                .map(|c| c.symbol())
                .collect::<String>(),
            "the same text"
        );

        // A highlighted match stays visible, inside a selected row too.
        let mut buf = ratatui::buffer::Buffer::empty(Rect::new(0, 0, 2, 1));
        buf[(0, 0)].set_style(Style::default().bg(Color::Yellow).fg(Color::Black));
        buf[(1, 0)].set_style(
            Style::default()
                .bg(Color::Yellow)
                .add_modifier(Modifier::REVERSED),
        );
        without_colours(&mut buf);
        assert!(buf[(0, 0)].modifier.contains(Modifier::REVERSED));
        assert!(!buf[(1, 0)].modifier.contains(Modifier::REVERSED));
    }
}
