//! The submit dialog of a workshop exercise: the trainer's folder, one line, with what Enter
//! and Esc do. (The exercise's timer is drawn in the title line, see `tabs` in the parent.)

use super::{centered, dim, error};
use crate::tui::state::{Form, State};
use crate::tui::strings::fill;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn render_submit(s: &State, form: &Form, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let w = st.workshop;
    let exercise = s
        .case
        .as_ref()
        .and_then(|c| c.exercise.as_ref())
        .map_or("", |b| b.exercise.as_str());
    let r = centered(area, area.width.saturating_sub(4).min(76), 7);
    f.render_widget(Clear, r);
    let block = Block::bordered().title(format!(" {} ", fill(w.submit_title, "id", exercise)));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [field, err, hint] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let Some((label, input)) = form.fields.first() else {
        return;
    };
    let b = Block::bordered()
        .border_style(Style::default().fg(Color::Cyan))
        .title(format!(" {} ", label.label(st)));
    let field_inner = b.inner(field);
    let text = input.lines().first().cloned().unwrap_or_default();
    let (_, col) = input.cursor();
    let col = crate::columns::width_of_prefix(&text, col);
    // A long folder scrolls so that the cursor stays in the field.
    let room = usize::from(field_inner.width.saturating_sub(1));
    let scroll = col.saturating_sub(room);
    f.render_widget(
        Paragraph::new(Line::from(text))
            .scroll((0, scroll.min(usize::from(u16::MAX)) as u16))
            .block(b),
        field,
    );
    let x = field_inner.x + ((col - scroll).min(usize::from(u16::MAX)) as u16);
    f.set_cursor_position((x.min(field_inner.right().saturating_sub(1)), field_inner.y));
    if let Some(e) = &form.error {
        f.render_widget(Line::styled(e.clone(), error()), err);
    }
    f.render_widget(Line::styled(w.form_hint, dim()), hint);
}
