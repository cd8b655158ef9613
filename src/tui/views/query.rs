//! The query editor: the strategy (multi-line), its syntax error with a caret while typing,
//! field-code completions, and the history `#n` with hit counts per corpus.

use super::{dim, error, heading, selected, visible_offset};
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
    // Long lines wrap (a query by example is one long line): each line of the strategy
    // takes as many rows of the editor's inner width as it needs, with room for the cursor
    // after its last character.
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let rows_of = |l: &String| crate::columns::width(l) / width + 1;
    let visual_rows: usize = lines.iter().map(rows_of).sum();
    let editor_h =
        (visual_rows.min(usize::from(u16::MAX)) as u16 + 2).clamp(4, area.height / 2 + 1);
    let [editor, check, history] = Layout::vertical([
        Constraint::Length(editor_h),
        Constraint::Length(4),
        Constraint::Min(3),
    ])
    .areas(area);

    // The editor, with the part a parse error is about underlined in red.
    let err_range = s.parse_error.as_ref().map(|e| {
        let a = s.editor.position_of(e.span.start);
        let b = s.editor.position_of(e.span.end.max(e.span.start + 1));
        (a, b)
    });
    let err_style = Style::default()
        .fg(Color::Red)
        .add_modifier(Modifier::UNDERLINED);
    let mut text: Vec<Line> = Vec::new();
    for (row, l) in lines.iter().enumerate() {
        let chars: Vec<char> = l.chars().collect();
        let (start, end) = match err_range {
            Some(((r0, c0), (r1, c1))) if row >= r0 && row <= r1 => {
                let start = if row == r0 { c0 } else { 0 };
                let end = if row == r1 {
                    c1.max(start + 1)
                } else {
                    chars.len()
                };
                (start, end)
            }
            _ => (0, 0),
        };
        for piece in 0..rows_of(l) {
            let (a, b) = (piece * width, ((piece + 1) * width).min(chars.len()));
            let cut = |x: usize, y: usize| -> String {
                let (x, y) = (x.clamp(a, b), y.clamp(a, b));
                chars[x..y.max(x)].iter().collect()
            };
            text.push(Line::from(vec![
                Span::raw(cut(a, start)),
                Span::styled(cut(start, end), err_style),
                Span::raw(cut(end.max(start), b)),
            ]));
        }
    }
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
    // Keep the cursor row in view in a long strategy.
    let (row, col) = s.editor.cursor();
    let col = crate::columns::width_of_prefix(lines.get(row).map_or("", String::as_str), col);
    let cursor_row = lines.iter().take(row).map(rows_of).sum::<usize>() + col / width;
    let top = cursor_row.saturating_sub(usize::from(inner.height.saturating_sub(1)));
    f.render_widget(
        Paragraph::new(text)
            .scroll((top.min(usize::from(u16::MAX)) as u16, 0))
            .block(block),
        editor,
    );
    if focused {
        let x = inner.x + ((col % width) as u16).min(inner.width.saturating_sub(1));
        let y = inner.y + (cursor_row - top) as u16;
        f.set_cursor_position((x, y));
    }

    // Under the editor: the error with its caret, or "OK", and completions.
    let mut out: Vec<Line> = Vec::new();
    match &s.parse_error {
        Some(e) => {
            let (r, c) = s.editor.position_of(e.span.start);
            let line = lines.get(r).map_or("", String::as_str);
            let c = crate::columns::width_of_prefix(line, c);
            let width = s
                .editor
                .text()
                .get(e.span.clone())
                .map_or(1, |t| crate::columns::width(t).max(1));
            out.push(Line::from(format!("  {line}")));
            out.push(Line::styled(
                format!("  {}{}", " ".repeat(c), "^".repeat(width)),
                error(),
            ));
            out.push(Line::styled(e.message.clone(), error()));
        }
        None if !s.editor.text().trim().is_empty() => {
            out.push(Line::styled(format!("✓ {}", st.query_ok), dim()))
        }
        None => out.push(Line::styled(st.type_query, dim())),
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
        out.push(Line::styled(
            format!("{}{} {}", st.completions, st.colon, codes.join(" · ")),
            dim(),
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
