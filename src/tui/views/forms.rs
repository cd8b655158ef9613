//! Dialogs with fields: the citation dialog (category, claims, passage, note) and the case
//! form (name, title, client, cutoff, language, disclosure; claims when editing a case).

use super::{centered, dim, error};
use crate::tui::state::{Form, State};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn render(s: &State, form: &Form, title: &str, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let heights: Vec<u16> = form
        .fields
        .iter()
        .map(|(_, input)| if input.is_multiline() { 5 } else { 3 })
        .collect();
    let total: u16 = heights.iter().sum::<u16>() + 4;
    let r = centered(area, area.width.saturating_sub(4).min(76), total);
    f.render_widget(Clear, r);
    let heading = if form.subject.is_empty() {
        format!(" {title} ")
    } else {
        format!(" {title} — {} ", form.subject)
    };
    let block = Block::bordered().title(heading);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let mut constraints: Vec<Constraint> = heights.iter().map(|h| Constraint::Length(*h)).collect();
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Length(1));
    let areas = Layout::vertical(constraints).split(inner);
    for (i, (field, input)) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let border = if focused {
            Style::default().fg(Color::Cyan)
        } else {
            dim()
        };
        let b = Block::bordered()
            .border_style(border)
            .title(format!(" {} ", field.label(st)));
        let field_inner = b.inner(areas[i]);
        let (row, col) = input.cursor();
        let top = row.saturating_sub(usize::from(field_inner.height.saturating_sub(1)));
        let lines: Vec<Line> = input
            .lines()
            .iter()
            .map(|l| Line::from(l.as_str()))
            .collect();
        f.render_widget(
            Paragraph::new(lines).scroll((top as u16, 0)).block(b),
            areas[i],
        );
        if focused {
            let line = input.lines().get(row).map_or("", String::as_str);
            let col = crate::columns::width_of_prefix(line, col);
            let x = field_inner.x
                + (col.min(usize::from(u16::MAX)) as u16).min(field_inner.width.saturating_sub(1));
            f.set_cursor_position((x, field_inner.y + (row - top) as u16));
        }
    }
    let n = form.fields.len();
    if let Some(e) = &form.error {
        f.render_widget(Line::styled(e.clone(), error()), areas[n]);
    }
    f.render_widget(Line::styled(st.form_hint, dim()), areas[n + 1]);
}
