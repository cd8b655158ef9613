//! The report of the open case: a Markdown preview in the chosen language, the export
//! format, and where the last export was written.

use super::{dim, heading};
use crate::tui::state::State;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

pub fn render(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let r = &s.report;
    let mut spans = vec![
        Span::styled(format!(" {}{} ", st.language, st.colon), heading()),
        Span::raw(r.lang.code()),
        Span::styled(format!(" · {}{} ", st.format, st.colon), heading()),
        Span::raw(r.format.code()),
    ];
    // Where the last export went: after the settings when it fits, else wrapped under them.
    let mut head_lines = Vec::new();
    match &r.exported {
        Some(e) => {
            let used: usize = spans
                .iter()
                .map(|s| crate::columns::width(&s.content))
                .sum();
            if used + crate::columns::width(e) + 3 <= usize::from(area.width) {
                spans.push(Span::styled(format!(" · {e}"), dim()));
                head_lines.push(Line::from(spans));
            } else {
                head_lines.push(Line::from(spans));
                let room = usize::from(area.width.saturating_sub(1)).max(1);
                for row in super::textbox::clamp_rows(e, room, 2) {
                    head_lines.push(Line::styled(format!(" {row}"), dim()));
                }
            }
        }
        None => head_lines.push(Line::from(spans)),
    }
    let [head, body] = Layout::vertical([
        Constraint::Length(head_lines.len() as u16),
        Constraint::Min(1),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(head_lines), head);
    let title = match &s.case {
        Some(c) => format!(" {} — {} ", st.report, c.id),
        None => format!(" {} ", st.report),
    };
    let block = Block::bordered().border_style(dim()).title(title);
    let inner = block.inner(body);
    f.render_widget(block, body);
    if r.loading && r.lines.is_empty() {
        f.render_widget(Line::from(format!(" {}", st.loading)), inner);
        return;
    }
    let lines: Vec<Line> = r
        .lines
        .iter()
        .skip(r.scroll)
        .take(usize::from(inner.height))
        .map(|l| {
            if l.starts_with('#') {
                Line::styled(l.as_str(), heading())
            } else {
                Line::from(l.as_str())
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
