//! The document viewer: every field, numbered claims and the description, with the words of
//! the strategy highlighted and the current match marked in the margin.

use super::{dim, heading};
use crate::tui::docnav;
use crate::tui::highlight::{DocLine, LineKind};
use crate::tui::state::State;
use crate::tui::strings::Strings;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};
use ratatui::Frame;

/// Push `text` in `style`, with the placeholders ingest leaves for formulas, tables and
/// images worded in the interface language and dimmed.
fn plain(out: &mut Vec<Span<'static>>, text: &str, style: Style, st: &Strings) {
    let marks = docnav::placeholders(st);
    let mut rest = text;
    while !rest.is_empty() {
        let next = marks
            .iter()
            .filter_map(|(m, shown)| rest.find(m).map(|at| (at, *m, *shown)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, mark, shown)) = next else {
            out.push(Span::styled(rest.to_string(), style));
            break;
        };
        let (before, after) = rest.split_at(at);
        if !before.is_empty() {
            out.push(Span::styled(before.to_string(), style));
        }
        out.push(Span::styled(
            shown.to_string(),
            style.patch(dim()).add_modifier(Modifier::ITALIC),
        ));
        rest = after.get(mark.len()..).unwrap_or_default();
    }
}

/// One line of the document, with `marks` (byte ranges, in order) highlighted.
fn styled(line: &DocLine, marks: &[(usize, usize)], current: bool, st: &Strings) -> Line<'static> {
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
    for &(a, b) in marks {
        if a < at || b > line.text.len() {
            continue;
        }
        plain(
            &mut spans,
            line.text.get(at..a).unwrap_or_default(),
            base,
            st,
        );
        spans.push(Span::styled(
            line.text.get(a..b).unwrap_or_default().to_string(),
            mark,
        ));
        at = b;
    }
    plain(
        &mut spans,
        line.text.get(at..).unwrap_or_default(),
        base,
        st,
    );
    Line::from(spans)
}

/// The summary after the id: the find's count while a find is shown, else the strategy's.
fn summary(s: &State) -> String {
    let st = s.strings();
    let d = &s.document;
    let at = d
        .current_match
        .map_or(String::new(), |m| format!("{}/", m + 1));
    match &d.find {
        Some(f) if !f.text.is_empty() && d.matches.is_empty() => {
            format!("/{}{} {}", f.text, st.colon, st.find_none)
        }
        Some(f) if !f.text.is_empty() => format!("/{}{} {at}{}", f.text, st.colon, d.matches.len()),
        _ if d.matches.is_empty() => st.no_matches.to_string(),
        _ => format!(
            "{at}{}",
            st.matches.count(s.lang.code(), d.matches.len() as u64)
        ),
    }
}

pub fn render(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let d = &s.document;
    let editing = d.find.as_ref().filter(|f| f.editing);
    let [head, body, find_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(editing.is_some())),
    ])
    .areas(area);
    let matches = summary(s);
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
    let mut block = Block::bordered().border_style(dim());
    if !d.loading && !d.lines.is_empty() {
        block = block.title_bottom(
            Line::from(format!(
                " {} ",
                docnav::position(st, d.scroll, d.lines.len())
            ))
            .right_aligned(),
        );
    }
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
        .map(|(i, l)| {
            let marks: Vec<(usize, usize)> = match &d.find {
                Some(find) if !find.text.is_empty() => {
                    // Hits are in line order: the ones of line `i` are one run.
                    let from = find.hits.partition_point(|h| h.0 < i);
                    find.hits[from..]
                        .iter()
                        .take_while(|h| h.0 == i)
                        .map(|h| (h.1, h.2))
                        .collect()
                }
                _ => l.matches.clone(),
            };
            styled(l, &marks, current == Some(i), st)
        })
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
    if let Some(find) = editing {
        // The find text on one row, scrolled sideways to keep the caret in view.
        let line = find.input.lines().first().map_or("", String::as_str);
        let room = usize::from(find_row.width.saturating_sub(3)).max(1);
        let win = super::textbox::window(line, find.input.cursor().1, room);
        let shown = line.get(win.start..win.end).unwrap_or_default();
        f.render_widget(
            Line::from(vec![Span::styled(" /", heading()), Span::raw(shown)]),
            find_row,
        );
        let x = u16::try_from(2 + win.caret_x).unwrap_or(u16::MAX);
        f.set_cursor_position((
            find_row.x + x.min(find_row.width.saturating_sub(1)),
            find_row.y,
        ));
    }
}
