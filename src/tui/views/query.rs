//! The query editor: the strategy (multi-line), its syntax error with a caret while typing,
//! field-code completions, and the history `#n` with hit counts per corpus.

use super::{dim, error, heading, selected, textbox, visible_offset};
use crate::columns::Pad;
use crate::tui::state::{QueryFocus, State};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn render(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let lines = s.editor.lines();
    // Long lines wrap at the editor's width, by display width (a query by example is one
    // long line); the editor grows with the rows up to half the screen, then scrolls with
    // the caret.
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let max_rows = usize::from(area.height / 2);
    let visual_rows = textbox::total_rows(lines, s.editor.cursor(), width, max_rows);
    let editor_h =
        (visual_rows.min(usize::from(u16::MAX)) as u16 + 2).clamp(4, area.height / 2 + 1);
    let out = checker_lines(s, width + 2);
    let check_h = (out.len() as u16).max(4);
    let [editor, check, history] = Layout::vertical([
        Constraint::Length(editor_h),
        Constraint::Length(check_h),
        Constraint::Min(3),
    ])
    .areas(area);

    let focused = s.query_focus == QueryFocus::Editor && s.overlay.is_none();
    let border = if focused {
        Style::default().fg(Color::Cyan)
    } else {
        dim()
    };
    let corpora = match &s.case {
        Some(c) if !c.corpora.is_empty() => c.corpora.join(", "),
        _ => st.every_corpus.to_string(),
    };
    // Correcting a strategy says so in the title, before the corpora.
    let title = match s.correcting {
        Some(n) => Line::from(vec![
            Span::raw(format!(" {} — ", st.query)),
            Span::styled(
                crate::tui::strings::fill(st.correcting, "n", &n.to_string()),
                Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(" — {corpora} ")),
        ]),
        None => Line::from(format!(" {} — {corpora} ", st.query)),
    };
    let block = Block::bordered().border_style(border).title(title);
    let inner = block.inner(editor);
    let view = textbox::view(
        lines,
        s.editor.cursor(),
        usize::from(inner.width),
        usize::from(inner.height),
    );
    // The part a parse error is about, underlined in red: (row, column) in characters.
    let err_range = s.parse_error.as_ref().map(|e| {
        let a = s.editor.position_of(e.span.start);
        let b = s.editor.position_of(e.span.end.max(e.span.start + 1));
        (a, b)
    });
    let err_style = Style::default()
        .fg(Color::Red)
        .add_modifier(Modifier::UNDERLINED);
    let text: Vec<Line> = view
        .rows
        .iter()
        .map(|(i, r)| {
            let line = lines.get(*i).map_or("", String::as_str);
            let row = line.get(r.start..r.end).unwrap_or_default();
            let (start, end) = match err_range {
                Some(((r0, c0), (r1, c1))) if *i >= r0 && *i <= r1 => {
                    let start = if *i == r0 { c0 } else { 0 };
                    let end = if *i == r1 {
                        c1.max(start + 1)
                    } else {
                        usize::MAX
                    };
                    (start, end)
                }
                _ => (0, 0),
            };
            // The error's characters that fall in this row, as byte offsets of the row.
            let local = |c: usize| {
                let k = c.saturating_sub(r.first).min(r.chars);
                row.char_indices().nth(k).map_or(row.len(), |(b, _)| b)
            };
            let (a, b) = (local(start), local(end).max(local(start)));
            Line::from(vec![
                Span::raw(row.get(..a).unwrap_or_default()),
                Span::styled(row.get(a..b).unwrap_or_default(), err_style),
                Span::raw(row.get(b..).unwrap_or_default()),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(text).block(block), editor);
    if focused {
        let as_u16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        f.set_cursor_position((
            inner.x + as_u16(view.caret.0),
            inner.y + as_u16(view.caret.1),
        ));
    }
    f.render_widget(Paragraph::new(out), check);

    // The history.
    let hfocus = s.query_focus == QueryFocus::History && s.overlay.is_none();
    let title = match &s.case {
        Some(c) => format!(" {} — {} ", st.history, c.id),
        None => format!(" {} — {} ", st.history, st.scratch),
    };
    let border = if hfocus {
        Style::default().fg(Color::Cyan)
    } else {
        dim()
    };
    let block = Block::bordered().border_style(border).title(title);
    let inner = block.inner(history);
    f.render_widget(block, history);
    if s.history.is_empty() {
        f.render_widget(Line::styled(st.no_history, dim()), inner);
        return;
    }
    let h = usize::from(inner.height);
    let offset = visible_offset(s.history_cursor.selected, s.history_cursor.offset, h);
    let rows: Vec<Line> = s
        .history
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, e)| {
            let hits: Vec<String> = e.hits.iter().map(|(c, n)| format!("{c}: {n}")).collect();
            let line = Line::from(vec![
                Span::styled(format!("#{:<3}", e.number), heading()),
                Span::raw(format!(" {:<24} ", Pad(&hits.join(", ")))),
                Span::raw(e.query.replace('\n', " ")),
            ]);
            if hfocus && i == s.history_cursor.selected {
                line.style(selected())
            } else {
                line
            }
        })
        .collect();
    f.render_widget(Paragraph::new(rows), inner);
}

/// Under the editor: the line of the strategy a parse error is about, scrolled so that the
/// error is on screen, a `^` marker under it and the message, wrapped; or "OK"; then the
/// field codes that complete the word typed. `width` is the width of the screen.
fn checker_lines(s: &State, width: usize) -> Vec<Line<'static>> {
    let st = s.strings();
    let lines = s.editor.lines();
    let room = width.saturating_sub(2).max(1);
    let mut out: Vec<Line> = Vec::new();
    match &s.parse_error {
        Some(e) => {
            let (r, c) = s.editor.position_of(e.span.start);
            let line = lines.get(r).map_or("", String::as_str);
            let win = textbox::window(line, c, room);
            let marks = s
                .editor
                .text()
                .get(e.span.clone())
                .map_or(1, |t| crate::columns::width(t).max(1))
                .min(room.saturating_sub(win.caret_x).max(1));
            out.push(Line::from(format!(
                "  {}",
                line.get(win.start..win.end).unwrap_or_default()
            )));
            out.push(Line::styled(
                format!("  {}{}", " ".repeat(win.caret_x), "^".repeat(marks)),
                error(),
            ));
            for row in textbox::clamp_rows(&e.message, width, 3) {
                out.push(Line::styled(row, error()));
            }
        }
        None if s.editor.lines().iter().any(|l| !l.trim().is_empty()) => {
            out.push(Line::styled(format!("✓ {}", st.query_ok), dim()))
        }
        None => {
            for row in textbox::clamp_rows(st.type_query, width, 2) {
                out.push(Line::styled(row, dim()));
            }
        }
    }
    if !s.completions.is_empty() {
        let codes: Vec<String> = s
            .completions
            .iter()
            .map(|c| {
                let what = crate::query::fields::CODES
                    .iter()
                    .find(|(k, _)| k == c)
                    .map_or("", |(_, d)| d);
                format!("{c}: {what}")
            })
            .collect();
        let text = format!("{}{} {}", st.completions, st.colon, codes.join(" · "));
        for row in textbox::clamp_rows(&text, width, 2) {
            out.push(Line::styled(row, dim()));
        }
    }
    out
}
