//! The help overlay, generated from the keymap in force: the keys of the current screen,
//! the global ones, and the fixed keys of text inputs.

use super::{centered, dim, heading};
use crate::tui::keymap::Context;
use crate::tui::state::State;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

fn section<'a>(
    s: &State,
    title: String,
    rows: Vec<(String, &'static str)>,
    width: usize,
    out: &mut Vec<Line<'a>>,
) {
    if rows.is_empty() {
        return;
    }
    out.push(Line::styled(title, heading()));
    let st = s.strings();
    for (keys, name) in rows {
        out.extend(key_lines(&keys, st.describe(name), width));
    }
    out.push(Line::default());
}

/// Width of the keys column: a longer key label gets a line of its own, its description on
/// the next, so the two never run together.
const KEYS_COLUMN: usize = 22;

/// Rows a description may take.
const DESCRIPTION_ROWS: usize = 6;

/// One help entry: `  keys  description`, on two lines when the keys are wider than their
/// column; a description longer than the `width` of the help wraps under its column.
fn key_lines<'a>(keys: &str, description: &'a str, width: usize) -> Vec<Line<'a>> {
    use unicode_width::UnicodeWidthStr;
    let indent = " ".repeat(KEYS_COLUMN + 2);
    let room = width.saturating_sub(KEYS_COLUMN + 2).max(12);
    let rows = super::textbox::clamp_rows(description, room, DESCRIPTION_ROWS);
    let mut rows = rows.into_iter();
    let first = rows.next().unwrap_or_default();
    let key_width = keys.width();
    let mut out = if key_width < KEYS_COLUMN {
        let pad = " ".repeat(KEYS_COLUMN - key_width);
        vec![Line::from(vec![
            Span::raw(format!("  {keys}{pad}")),
            Span::raw(first),
        ])]
    } else {
        vec![
            Line::from(format!("  {keys}")),
            Line::from(vec![Span::raw(indent.clone()), Span::raw(first)]),
        ]
    };
    out.extend(rows.map(|r| Line::from(vec![Span::raw(indent.clone()), Span::raw(r)])));
    out
}

pub fn render(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let ctx = match s.screen {
        crate::tui::state::Screen::Query => Context::History,
        crate::tui::state::Screen::Results => Context::Results,
        crate::tui::state::Screen::Document => Context::Document,
        crate::tui::state::Screen::Cases => Context::Cases,
        crate::tui::state::Screen::Case => Context::Case,
        crate::tui::state::Screen::Report => Context::Report,
        crate::tui::state::Screen::Corpora => Context::Corpora,
    };
    // The width each column of the help has, to wrap descriptions under their column.
    let wide = area.width >= 140;
    let r = centered(area, area.width.saturating_sub(2).min(90), area.height);
    let (keys_w, text_w) = if wide {
        let inner = usize::from(area.width.saturating_sub(2));
        (inner * 55 / 100, inner - inner * 55 / 100)
    } else {
        let w = usize::from(r.width.saturating_sub(2));
        (w, w)
    };
    let mut lines = Vec::new();
    let screen_name = match ctx {
        Context::History => st.history,
        Context::Results => st.results,
        Context::Document => st.document,
        Context::Cases => st.cases,
        Context::Case => st.case,
        Context::Report => st.report,
        Context::Corpora => st.corpora,
        Context::Global | Context::Confirm => st.ctx_global,
    };
    section(
        s,
        screen_name.to_string(),
        s.keymap.describe(ctx),
        keys_w,
        &mut lines,
    );
    section(
        s,
        st.ctx_global.to_string(),
        s.keymap.describe(Context::Global),
        keys_w,
        &mut lines,
    );
    let mut text = vec![Line::styled(st.ctx_text, heading())];
    for (k, d) in st.text_keys {
        text.extend(key_lines(k, d, text_w));
    }
    text.push(Line::default());
    text.push(Line::styled(st.help_hint, dim()));
    let block = Block::bordered().title(format!(" {} ", st.keys));
    if wide {
        // Wide terminals: keys on the left, text inputs on the right.
        f.render_widget(Clear, area);
        let inner = block.inner(area);
        f.render_widget(block, area);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(inner);
        f.render_widget(Paragraph::new(lines), left);
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), right);
        return;
    }
    lines.extend(text);
    f.render_widget(Clear, r);
    let height = usize::from(r.height.saturating_sub(2));
    let scroll = s.help_scroll.min(lines.len().saturating_sub(height));
    if lines.len() > height {
        // Say that there is more below (↓ scrolls).
        let title = format!(
            " {} ({}-{}/{}) ",
            st.keys,
            scroll + 1,
            (scroll + height).min(lines.len()),
            lines.len()
        );
        let p = Paragraph::new(lines)
            .scroll((scroll as u16, 0))
            .block(Block::bordered().title(title));
        f.render_widget(p, r);
    } else {
        f.render_widget(Paragraph::new(lines).block(block), r);
    }
}
