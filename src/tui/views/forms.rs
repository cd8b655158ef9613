//! Dialogs with fields: the citation dialog (category, claims, passage, note) and the case
//! form (name, title, client, cutoff, language, disclosure; claims when editing a case).
//!
//! Long text stays readable and the caret stays in its box: a single-line field scrolls
//! sideways, a multi-line one wraps at the box's width and scrolls down with the caret (see
//! [`super::textbox`]); the error and the key hint wrap under the fields. When the screen
//! is short, the fields that do not have focus give up rows first.

use super::textbox;
use super::{centered, dim, error};
use crate::tui::input::TextInput;
use crate::tui::state::{Form, State};
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// Rows of text a focused multi-line field may grow to when its text needs them.
const MULTILINE_MAX_ROWS: usize = 8;
/// Rows of text of a multi-line field without focus.
const MULTILINE_ROWS: usize = 3;
/// Rows at most for the form's error and for its key hint.
const ERROR_ROWS: usize = 3;
const HINT_ROWS: usize = 2;

/// The rows each part of the form takes: field boxes (borders included), error, hint.
struct Plan {
    heights: Vec<usize>,
    error: Vec<String>,
    hint: Vec<String>,
}

impl Plan {
    fn total(&self) -> usize {
        self.heights.iter().sum::<usize>() + self.error.len() + self.hint.len()
    }
}

/// Share `room` rows out: every field and message at its wanted size if they fit, else
/// fields without focus shrink first, then the hint, then the focused field; the hint gives
/// way to an error, which is cut last.
fn plan(form: &Form, error_text: Option<&str>, hint: &str, width: usize, room: usize) -> Plan {
    let field_w = width.saturating_sub(2).max(1);
    let heights = form
        .fields
        .iter()
        .enumerate()
        .map(
            |(i, (_, input))| match (input.is_multiline(), i == form.focus) {
                (false, _) => 3,
                (true, false) => MULTILINE_ROWS + 2,
                (true, true) => {
                    let rows = textbox::total_rows(
                        input.lines(),
                        input.cursor(),
                        field_w,
                        MULTILINE_MAX_ROWS,
                    );
                    rows.clamp(MULTILINE_ROWS, MULTILINE_MAX_ROWS) + 2
                }
            },
        )
        .collect();
    let mut p = Plan {
        heights,
        error: error_text.map_or_else(Vec::new, |e| textbox::clamp_rows(e, width, ERROR_ROWS)),
        hint: textbox::clamp_rows(hint, width, HINT_ROWS),
    };
    let multi = |i: usize| form.fields.get(i).is_some_and(|(_, t)| t.is_multiline());
    while p.total() > room {
        let focus = form.focus;
        if let Some(i) = (0..p.heights.len()).find(|&i| i != focus && multi(i) && p.heights[i] > 3)
        {
            p.heights[i] -= 1;
        } else if multi(focus) && p.heights[focus] > MULTILINE_ROWS + 2 {
            p.heights[focus] -= 1;
        } else if p.hint.len() > 1 {
            p.hint = textbox::clamp_rows(hint, width, 1);
        } else if multi(focus) && p.heights[focus] > 3 {
            p.heights[focus] -= 1;
        } else if !p.error.is_empty() && !p.hint.is_empty() {
            // The error says what to fix; the keys are the usual ones.
            p.hint.clear();
        } else if p.error.len() > 1 {
            p.error = error_text.map_or_else(Vec::new, |e| textbox::clamp_rows(e, width, 1));
        } else {
            break;
        }
    }
    p
}

pub fn render(s: &State, form: &Form, title: &str, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let w = area.width.saturating_sub(4).min(76);
    let inner_w = usize::from(w.saturating_sub(2)).max(1);
    let room = usize::from(area.height.saturating_sub(2));
    let p = plan(form, form.error.as_deref(), st.form_hint, inner_w, room);
    let total = p.total().min(room);
    let r = centered(area, w, (total as u16).saturating_add(2));
    f.render_widget(Clear, r);
    let heading = if form.subject.is_empty() {
        format!(" {title} ")
    } else {
        format!(" {title} — {} ", form.subject)
    };
    let block = Block::bordered().title(heading);
    let inner = block.inner(r);
    f.render_widget(block, r);
    // On a screen too short for every field, the fields shown start late enough for the
    // focused one to be seen.
    let messages = p.error.len() + p.hint.len();
    let mut first = 0;
    while first < form.focus
        && p.heights[first..=form.focus].iter().sum::<usize>() + messages > room
    {
        first += 1;
    }
    let fields_room = usize::from(inner.height).saturating_sub(messages);
    let mut y = usize::from(inner.y);
    let bottom = usize::from(inner.y) + fields_room;
    for (i, (field, input)) in form.fields.iter().enumerate().skip(first) {
        let h = p.heights[i];
        if y + h > bottom {
            break;
        }
        let rect = Rect::new(inner.x, y as u16, inner.width, h as u16);
        y += h;
        let focused = i == form.focus;
        let border = if focused {
            Style::default().fg(Color::Cyan)
        } else {
            dim()
        };
        let b = Block::bordered()
            .border_style(border)
            .title(format!(" {} ", field.label(st)));
        let field_inner = b.inner(rect);
        let (lines, caret) = field_text(input, focused, field_inner);
        f.render_widget(Paragraph::new(lines).block(b), rect);
        if let Some((x, y)) = caret {
            f.set_cursor_position((field_inner.x + x, field_inner.y + y));
        }
    }
    let texts = p
        .error
        .iter()
        .map(|e| (e, error()))
        .chain(p.hint.iter().map(|h| (h, dim())));
    let top = inner.y + fields_room as u16;
    for (y, (text, style)) in (top..inner.y + inner.height).zip(texts) {
        let row = Rect::new(inner.x, y, inner.width, 1);
        f.render_widget(Line::styled(text.as_str(), style), row);
    }
}

/// The rows of a field shown in `area`, and the caret's place in it when it has focus.
fn field_text(input: &TextInput, focused: bool, area: Rect) -> (Vec<Line<'_>>, Option<(u16, u16)>) {
    let width = usize::from(area.width).max(1);
    let height = usize::from(area.height).max(1);
    let as_u16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    if !input.is_multiline() {
        let line = input.lines().first().map_or("", String::as_str);
        if !focused {
            // Only the start of the line is looked at: enough of it to know it is cut.
            let head = line
                .get(..textbox::window(line, 0, width + 2).end)
                .unwrap_or(line);
            return (
                vec![Line::from(crate::columns::truncate(head, width))],
                None,
            );
        }
        let win = textbox::window(line, input.cursor().1, width);
        let shown = line.get(win.start..win.end).unwrap_or_default();
        return (vec![Line::from(shown)], Some((as_u16(win.caret_x), 0)));
    }
    let caret = if focused { input.cursor() } else { (0, 0) };
    let v = textbox::view(input.lines(), caret, width, height);
    let lines = v
        .rows
        .iter()
        .map(|(i, r)| {
            let line = input.lines().get(*i).map_or("", String::as_str);
            Line::from(line.get(r.start..r.end).unwrap_or_default())
        })
        .collect();
    let caret = focused.then(|| (as_u16(v.caret.0), as_u16(v.caret.1)));
    (lines, caret)
}
