//! Laying out editable text in a box, by display width (a CJK character takes two columns,
//! a combining accent none): the visible window of a single line that scrolls sideways to
//! keep the caret inside the box, and soft wrapping of multi-line text into rows with the
//! caret located on the wrapped layout and the rows shown scrolled to keep it in view.
//!
//! Pure arithmetic, no drawing. The cost is linear in the text of the lines that have a
//! visible row (and of the caret's line), never in the whole text: a 20,000-character
//! disclosure of many paragraphs costs the paragraphs on screen.

use unicode_width::UnicodeWidthChar;

fn cols(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The part of a single line shown in a box: the bytes `start..end` of the line, and the
/// caret's column in the box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    pub caret_x: usize,
}

/// The window of `line` shown in a box `width` columns wide with the caret before character
/// `caret`. A line whose text up to the caret fits is shown from its start; otherwise the
/// line scrolls by half a box at a time, so that the caret is always inside the box with at
/// least half a box of the text before it, and stays put while it moves within that half.
pub fn window(line: &str, caret: usize, width: usize) -> Window {
    let width = width.max(1);
    let caret_col: usize = line.chars().take(caret).map(cols).sum();
    let step = (width / 2).max(1);
    let wanted = if caret_col < width {
        0
    } else {
        (caret_col + 1 - width).div_ceil(step) * step
    };
    // The first character boundary at or after `wanted` columns (a wide character that
    // straddles it is left out), never past the caret.
    let mut start = line.len();
    let mut scrolled = 0;
    let mut used = 0;
    for (n, (i, c)) in line.char_indices().enumerate() {
        if (used >= wanted && cols(c) > 0) || n >= caret {
            start = i;
            scrolled = used;
            break;
        }
        used += cols(c);
    }
    if start == line.len() {
        scrolled = used;
    }
    let mut end = line.len();
    let mut shown = 0;
    for (i, c) in line.get(start..).unwrap_or_default().char_indices() {
        let w = cols(c);
        if shown + w > width {
            end = start + i;
            break;
        }
        shown += w;
    }
    Window {
        start,
        end,
        caret_x: caret_col.saturating_sub(scrolled),
    }
}

/// One row of a wrapped line: the bytes `start..end` of the line, from character `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    /// Characters in the row.
    pub chars: usize,
    /// Columns the row takes.
    pub width: usize,
}

/// The rows of `line` soft-wrapped at `width` columns: a row breaks after the last space
/// that fits, or inside a word longer than the box. An empty line is one empty row.
pub fn wrap(line: &str, width: usize) -> Wrap<'_> {
    Wrap {
        line,
        width: width.max(1),
        at: 0,
        first: 0,
        done: false,
    }
}

/// The iterator [`wrap`] returns: rows are worked out as they are taken.
#[derive(Debug, Clone)]
pub struct Wrap<'a> {
    line: &'a str,
    width: usize,
    at: usize,
    first: usize,
    done: bool,
}

impl Wrap<'_> {
    /// Whether the word that starts `from` bytes after the row's start is wider than a row.
    fn too_long(&self, from: usize) -> bool {
        let rest = self.line.get(self.at + from..).unwrap_or_default();
        let mut w = 0;
        for c in rest.chars().take_while(|c| !c.is_whitespace()) {
            w += cols(c);
            if w > self.width {
                return true;
            }
        }
        false
    }
}

impl Iterator for Wrap<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        if self.done {
            return None;
        }
        let rest = self.line.get(self.at..).unwrap_or_default();
        let mut used = 0;
        let mut chars = 0;
        // (bytes, chars, width) of the row if it broke after the last space seen.
        let mut after_space: Option<(usize, usize, usize)> = None;
        let mut cut: Option<(usize, usize, usize)> = None;
        for (i, c) in rest.char_indices() {
            let w = cols(c);
            if used + w > self.width && chars > 0 {
                // Break after the last space, unless the word after it would not fit on a
                // row of its own either (a path, a long URL): then fill this row first.
                let here = (i, chars, used);
                cut = Some(match after_space {
                    Some(sp) if !self.too_long(sp.0) => sp,
                    _ => here,
                });
                break;
            }
            used += w;
            chars += 1;
            if c.is_whitespace() {
                after_space = Some((i + c.len_utf8(), chars, used));
            }
        }
        let (len, n, w) = match cut {
            Some(c) => c,
            None => {
                self.done = true;
                (rest.len(), chars, used)
            }
        };
        let row = Row {
            start: self.at,
            end: self.at + len,
            first: self.first,
            chars: n,
            width: w,
        };
        self.at += len;
        self.first += n;
        Some(row)
    }
}

/// Where the caret (before character `caret`) falls in the rows of its line: (row, column).
/// A caret at the end of a line whose last row is full goes to the start of a row of its own.
pub fn locate(line: &str, caret: usize, width: usize) -> (usize, usize) {
    let width = width.max(1);
    let mut last = (0, 0);
    for (n, row) in wrap(line, width).enumerate() {
        if caret < row.first + row.chars {
            let before = line.get(row.start..row.end).unwrap_or_default();
            let x: usize = before.chars().take(caret - row.first).map(cols).sum();
            // A caret between the row's last letter and its combining accent is shown on
            // that letter, inside the box.
            return (n, x.min(width - 1));
        }
        last = (n, row.width);
    }
    if last.1 >= width {
        (last.0 + 1, 0)
    } else {
        last
    }
}

/// The rows `line` wraps into at `width` columns, counting no further than `max + 1`.
pub fn row_count(line: &str, width: usize, max: usize) -> usize {
    wrap(line, width).take(max.saturating_add(1)).count()
}

/// The rows `lines` take in a box `width` columns wide with the caret at (line, character)
/// `caret` (which may need a row of its own after a full row), counting no further than
/// about `max`.
pub fn total_rows(lines: &[String], caret: (usize, usize), width: usize, max: usize) -> usize {
    let mut n = 0;
    for (i, l) in lines.iter().enumerate() {
        if n > max {
            break;
        }
        let rows = row_count(l, width, max);
        n += if i == caret.0 {
            rows.max(locate(l, caret.1, width).0 + 1)
        } else {
            rows
        };
    }
    n
}

/// The rows of `lines` shown in a box of `width` × `height` with the caret at (line,
/// character) `caret`, and the caret's (x, y) in the box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// (index of the line, row of it), top to bottom; at most `height` of them.
    pub rows: Vec<(usize, Row)>,
    pub caret: (usize, usize),
}

/// Lay out `lines` soft-wrapped in a box of `width` × `height`: from the top while the
/// caret's row is within the first `height` rows, else scrolled so that the caret's row is
/// the last one shown.
pub fn view(lines: &[String], caret: (usize, usize), width: usize, height: usize) -> View {
    let (width, height) = (width.max(1), height.max(1));
    let row_line = caret.0.min(lines.len().saturating_sub(1));
    let line_of = |i: usize| lines.get(i).map_or("", String::as_str);
    let (caret_row, caret_x) = locate(line_of(row_line), caret.1, width);
    // Rows before the caret's row, counted no further than the box.
    let mut before = caret_row;
    for l in lines.iter().take(row_line) {
        if before >= height {
            break;
        }
        before += row_count(l, width, height);
    }
    if before < height {
        let mut rows = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let mut n = 0;
            for r in wrap(l, width).take(height - rows.len()) {
                rows.push((i, r));
                n += 1;
            }
            if i == row_line && caret_row >= n && rows.len() < height {
                rows.push((i, empty_row(l)));
            }
            if rows.len() == height {
                break;
            }
        }
        return View {
            rows,
            caret: (caret_x, before),
        };
    }
    // Scrolled: the caret's row last, the rows before it above, line by line backwards.
    let mut own: Vec<Row> = wrap(line_of(row_line), width).take(caret_row + 1).collect();
    while own.len() <= caret_row {
        own.push(empty_row(line_of(row_line)));
    }
    let mut back: Vec<(usize, Row)> = own.into_iter().rev().map(|r| (row_line, r)).collect();
    let mut i = row_line;
    while back.len() < height && i > 0 {
        i -= 1;
        let mut these: Vec<Row> = wrap(line_of(i), width).collect();
        while back.len() < height {
            match these.pop() {
                Some(r) => back.push((i, r)),
                None => break,
            }
        }
    }
    back.truncate(height);
    back.reverse();
    let y = back.len().saturating_sub(1);
    View {
        rows: back,
        caret: (caret_x, y),
    }
}

/// An empty row at the end of `line` (where a caret after a full row goes).
fn empty_row(line: &str) -> Row {
    let n = line.chars().count();
    Row {
        start: line.len(),
        end: line.len(),
        first: n,
        chars: 0,
        width: 0,
    }
}

/// `text` wrapped at `width` columns into at most `max` rows, the last one ending in `…`
/// when text is left over. Line breaks in the text start new rows.
pub fn clamp_rows(text: &str, width: usize, max: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    let mut more = false;
    'lines: for line in text.lines() {
        for r in wrap(line, width) {
            if out.len() == max {
                more = true;
                break 'lines;
            }
            out.push(
                line.get(r.start..r.end)
                    .unwrap_or_default()
                    .trim_end()
                    .to_string(),
            );
        }
    }
    if more {
        if let Some(last) = out.last_mut() {
            let cut = crate::columns::truncate(last, width.saturating_sub(1));
            *last = format!("{}…", cut.trim_end_matches('…').trim_end());
        }
    }
    out
}

#[cfg(test)]
#[path = "textbox_tests.rs"]
mod tests;
