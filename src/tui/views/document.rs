//! The document viewer: every field, numbered claims and the description, with the words of
//! the strategy highlighted and the current match marked in the margin.

use super::{dim, heading};
use crate::tui::highlight::{DocLine, LineKind};
use crate::tui::state::State;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};
use ratatui::Frame;

fn styled(line: &DocLine, current: bool) -> Line<'static> {
    let base = match line.kind {
        LineKind::Heading => heading(),
        LineKind::Field => Style::default().fg(Color::Gray),
        LineKind::Text | LineKind::Blank => Style::default(),
    };
    let mark = Style::default()
        .bg(Color::Yellow)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD);
    let mut spans = vec![Span::styled(
        if current { "▶ " } else { "  " },
        Style::default().fg(Color::Yellow),
    )];
    let mut at = 0;
    for &(a, b) in &line.matches {
        if a < at || b > line.text.len() {
            continue;
        }
        spans.push(Span::styled(
            line.text.get(at..a).unwrap_or_default().to_string(),
            base,
        ));
        spans.push(Span::styled(
            line.text.get(a..b).unwrap_or_default().to_string(),
            mark,
        ));
        at = b;
    }
    spans.push(Span::styled(
        line.text.get(at..).unwrap_or_default().to_string(),
        base,
    ));
    Line::from(spans)
}

pub fn render(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let d = &s.document;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let matches = if d.matches.is_empty() {
        st.no_matches.to_string()
    } else {
        let at = d
            .current_match
            .map_or(String::new(), |m| format!("{}/", m + 1));
        format!(
            "{at}{}",
            st.matches.count(s.lang.code(), d.matches.len() as u64)
        )
    };
    let cited = if s.is_cited(&d.id) {
        format!(" · ✓ {}", st.cited)
    } else {
        String::new()
    };
    let family = if d.family.is_empty() {
        String::new()
    } else {
        format!(" · {}{} {}", st.family, st.colon, d.family.join(", "))
    };
    let title = Line::from(vec![
        Span::styled(format!(" {} ", d.id), heading()),
        Span::styled(format!("[{}] ", d.corpus), Style::default().fg(Color::Cyan)),
        Span::styled(format!("{matches}{cited}{family}"), dim()),
    ]);
    f.render_widget(title, head);
    let block = Block::bordered().border_style(dim());
    let inner = block.inner(body);
    f.render_widget(block, body);
    if d.loading {
        f.render_widget(Line::from(format!(" {}", st.loading)), inner);
        return;
    }
    // Each logical line takes at least one row: the visible ones are enough to fill the pane.
    let current = d.current_match.and_then(|m| d.matches.get(m)).copied();
    let lines: Vec<Line> = d
        .lines
        .iter()
        .enumerate()
        .skip(d.scroll)
        .take(usize::from(inner.height))
        .map(|(i, l)| styled(l, current == Some(i)))
        .collect();
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if d.lines.len() > usize::from(inner.height) {
        let mut sb = ScrollbarState::new(d.lines.len()).position(d.scroll);
        f.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            body.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut sb,
        );
    }
}
