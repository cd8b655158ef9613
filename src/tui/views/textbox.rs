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
mod tests {
    use super::*;

    fn shown<'a>(line: &'a str, w: &Window) -> &'a str {
        line.get(w.start..w.end).unwrap_or_default()
    }

    #[test]
    fn a_short_line_is_shown_from_its_start() {
        let w = window("solar pump", 10, 20);
        assert_eq!((w.start, w.caret_x), (0, 10));
        assert_eq!(shown("solar pump", &w), "solar pump");
    }

    #[test]
    fn a_long_line_scrolls_by_half_a_box_and_keeps_the_caret_inside() {
        let line: String = ('a'..='z').cycle().take(100).collect();
        for caret in 0..=100 {
            let w = window(&line, caret, 20);
            assert!(w.caret_x < 20, "caret {caret}: {w:?}");
            let before = line.chars().take(caret).count() - line.get(..w.start).unwrap().len();
            assert_eq!(before, w.caret_x);
            // Half a box of context before a scrolled caret.
            if w.start > 0 {
                assert!(w.caret_x >= 10, "caret {caret}: {w:?}");
            }
            assert!(shown(&line, &w).chars().count() <= 20);
        }
        // At the end: the last characters, the caret after them.
        let w = window(&line, 100, 20);
        assert!(shown(&line, &w).ends_with("uv"), "{w:?}");
        // Moving inside the right half of the box does not scroll.
        assert_eq!(window(&line, 99, 20).start, window(&line, 91, 20).start);
    }

    #[test]
    fn wide_and_combining_characters_scroll_by_columns() {
        let line = "太陽電池".repeat(10); // 40 characters, 80 columns
        for caret in 0..=40 {
            let w = window(&line, caret, 11);
            assert!(w.caret_x < 11, "caret {caret}: {w:?}");
            assert!(crate::columns::width(shown(&line, &w)) <= 11);
            assert!(line.is_char_boundary(w.start) && line.is_char_boundary(w.end));
        }
        let accents = "e\u{301}".repeat(30); // 60 characters, 30 columns
        let w = window(&accents, 60, 10);
        assert!(w.caret_x < 10, "{w:?}");
        assert!(
            shown(&accents, &w).starts_with('e'),
            "an accent stays with its letter"
        );
        let arabic = "مضخة شمسية ".repeat(8);
        let n = arabic.chars().count();
        let w = window(&arabic, n, 16);
        assert!(w.caret_x < 16 && w.end == arabic.len(), "{w:?}");
    }

    #[test]
    fn wrapping_breaks_after_spaces_and_inside_long_words() {
        let rows: Vec<&str> = wrap("solar water pump with a float", 12)
            .map(|r| &"solar water pump with a float"[r.start..r.end])
            .collect();
        assert_eq!(rows, ["solar water ", "pump with a ", "float"]);
        // A word longer than a row fills the row it starts on.
        let rows: Vec<&str> = wrap("to /a/very/long/path", 8)
            .map(|r| &"to /a/very/long/path"[r.start..r.end])
            .collect();
        assert_eq!(rows, ["to /a/ve", "ry/long/", "path"]);
        let rows: Vec<Row> = wrap("photovoltaically", 6).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[2].first, rows[2].chars), (12, 4));
        assert_eq!(wrap("", 5).count(), 1);
        // Wide characters never straddle the edge; one wider than the box still goes in.
        let rows: Vec<usize> = wrap("太陽電池", 5).map(|r| r.width).collect();
        assert_eq!(rows, [4, 4]);
        assert_eq!(wrap("太", 1).count(), 1);
    }

    #[test]
    fn the_caret_is_located_on_the_wrapped_rows() {
        let line = "solar water pump with a float";
        assert_eq!(locate(line, 0, 12), (0, 0));
        assert_eq!(locate(line, 12, 12), (1, 0));
        assert_eq!(locate(line, 29, 12), (2, 5));
        // After a full last row the caret gets a row of its own.
        assert_eq!(locate("abcdef", 6, 6), (1, 0));
        assert_eq!(row_count("abcdef", 6, 10), 1);
        let two = ["abcdef".to_string(), "ab".to_string()];
        assert_eq!(total_rows(&two, (0, 6), 6, 10), 3);
        assert_eq!(total_rows(&two, (1, 2), 6, 10), 2);
        assert_eq!(locate("太陽電池", 4, 5), (1, 4));
    }

    #[test]
    fn the_view_follows_the_caret_down_a_long_text() {
        let lines: Vec<String> = (0..50)
            .map(|i| format!("line {i} of the disclosure"))
            .collect();
        // 25 columns: every line is one row. Caret on line 3: shown from the top.
        let v = view(&lines, (3, 2), 25, 5);
        assert_eq!(v.rows.len(), 5);
        assert_eq!(v.rows[0].0, 0);
        assert_eq!(v.caret, (2, 3));
        // Caret on line 40: the rows end with it.
        let v = view(&lines, (40, 4), 25, 5);
        assert_eq!(
            v.rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            [36, 37, 38, 39, 40]
        );
        assert_eq!(v.caret, (4, 4));
        // 10 columns: each line wraps in three rows; the caret's row is the last shown.
        let v = view(&lines, (40, 20), 10, 4);
        let last = v.rows.last().expect("rows");
        assert_eq!((last.0, last.1.first), (40, 15), "{v:?}");
        assert_eq!(v.caret, (5, 3));
        assert_eq!(v.rows[0].0, 39, "the rows before it, from the line before");
        // One long paragraph with the caret at its end.
        let one = vec!["word ".repeat(4000)];
        let v = view(&one, (0, 20_000), 30, 3);
        assert_eq!(
            (v.rows.len(), v.caret),
            (3, (20, 2)),
            "666 full rows, then 20 columns"
        );
        let one = vec!["word ".repeat(4002)];
        let v = view(&one, (0, 20_010), 30, 3);
        assert_eq!(v.rows.len(), 3);
        assert_eq!(
            v.caret,
            (0, 2),
            "a full last row: the caret on a row of its own"
        );
        assert_eq!(v.rows[2].1.chars, 0);
    }

    #[test]
    fn a_caret_after_a_full_row_at_the_top_gets_its_row() {
        let lines = vec!["abcdef".to_string(), "x".to_string()];
        let v = view(&lines, (0, 6), 6, 4);
        assert_eq!(v.caret, (0, 1));
        assert_eq!(v.rows.len(), 3);
        assert_eq!(v.rows[2].0, 1);
    }

    #[test]
    fn empty_text_is_one_empty_row_with_the_caret_at_its_start() {
        assert_eq!(
            window("", 0, 10),
            Window {
                start: 0,
                end: 0,
                caret_x: 0
            }
        );
        let rows: Vec<Row> = wrap("", 10).collect();
        assert_eq!(rows, [empty_row("")]);
        assert_eq!(locate("", 0, 10), (0, 0));
        assert_eq!(row_count("", 10, 5), 1);
        let empty = vec![String::new()];
        assert_eq!(total_rows(&empty, (0, 0), 10, 5), 1);
        let v = view(&empty, (0, 0), 10, 3);
        assert_eq!((v.rows.len(), v.caret), (1, (0, 0)));
        // No lines at all (nothing to show) and a box of no size do not panic.
        let v = view(&[], (0, 0), 10, 3);
        assert_eq!((v.rows.len(), v.caret), (0, (0, 0)));
        assert_eq!(view(&empty, (0, 0), 0, 0).caret, (0, 0));
        assert!(clamp_rows("", 10, 3).is_empty());
    }

    #[test]
    fn a_caret_at_the_end_is_after_the_last_character_shown() {
        // Single line, fitting and not fitting.
        let w = window("pump", 4, 10);
        assert_eq!((shown("pump", &w), w.caret_x), ("pump", 4));
        let w = window("0123456789", 10, 10);
        assert!(w.caret_x < 10, "the caret never sits on the border: {w:?}");
        assert!(shown("0123456789", &w).ends_with('9'));
        assert_eq!(w.end, 10);
        // Wrapped: after the last word, on the last row.
        let lines = vec!["solar water pump".to_string()];
        let v = view(&lines, (0, 16), 12, 4);
        assert_eq!(v.caret, (4, 1));
        let (i, last) = v.rows[1];
        assert_eq!(&lines[i][last.start..last.end], "pump");
        // After wide characters: two columns each.
        let v = view(&["太陽電池".to_string()], (0, 4), 10, 2);
        assert_eq!(v.caret, (8, 0));
        // After a combining accent: the accent takes no column.
        let v = view(&["cafe\u{301}".to_string()], (0, 5), 10, 2);
        assert_eq!(v.caret, (4, 0));
    }

    #[test]
    fn combining_marks_stay_with_their_letter_when_a_line_wraps() {
        // 4 letters with accents per word, 3 words: 12 columns of 24 characters.
        let word = "e\u{301}te\u{301}e\u{301}t ";
        let line = word.repeat(3);
        for r in wrap(&line, 6) {
            let row = &line[r.start..r.end];
            assert!(
                !row.starts_with('\u{301}'),
                "{row:?} starts with a lone accent"
            );
            assert!(r.width <= 6, "{r:?}");
            assert_eq!(crate::columns::width(row), r.width);
        }
        // A row fits as many letters as columns, with their accents.
        let accents = "e\u{301}".repeat(10);
        let rows: Vec<Row> = wrap(&accents, 4).collect();
        assert_eq!(rows.iter().map(|r| r.chars).collect::<Vec<_>>(), [8, 8, 4]);
        assert_eq!(locate(&accents, 8, 4), (1, 0));
        // Between the row's last letter and its accent: on the letter, not on the border.
        assert_eq!(locate(&accents, 7, 4), (0, 3));
        assert_eq!(locate(&accents, 5, 4), (0, 3));
        // A single line scrolled sideways keeps accents with their letters too.
        for caret in 0..=20 {
            let w = window(&accents, caret, 3);
            assert!(shown(&accents, &w).starts_with('e'), "caret {caret}: {w:?}");
            assert!(w.caret_x < 3, "caret {caret}: {w:?}");
        }
    }

    #[test]
    fn wide_characters_wrap_and_scroll_by_columns_with_the_caret_between_them() {
        let line = "太陽電池ポンプ"; // 7 characters, 14 columns
        let rows: Vec<Row> = wrap(line, 5).collect();
        assert_eq!(
            rows.iter().map(|r| r.width).collect::<Vec<_>>(),
            [4, 4, 4, 2]
        );
        assert_eq!(locate(line, 3, 5), (1, 2));
        assert_eq!(locate(line, 7, 5), (3, 2));
        let lines = vec![line.to_string()];
        let v = view(&lines, (0, 7), 5, 2);
        assert_eq!(v.caret, (2, 1));
        assert_eq!(v.rows.len(), 2);
        assert_eq!(&line[v.rows[1].1.start..v.rows[1].1.end], "プ");
        // A box one column wide still shows each wide character on a row of its own.
        assert_eq!(wrap(line, 1).count(), 7);
        // Mixed with ASCII: the caret column counts two for each wide character.
        let w = window("pump 太陽", 7, 20);
        assert_eq!(w.caret_x, 9);
    }

    #[test]
    fn messages_wrap_into_a_bounded_number_of_rows() {
        let rows = clamp_rows("the cutoff date must be a date, as 2024-03-01", 20, 3);
        assert_eq!(
            rows,
            ["the cutoff date", "must be a date, as", "2024-03-01"]
        );
        let rows = clamp_rows(&"word ".repeat(40), 20, 2);
        assert_eq!(rows.len(), 2);
        assert!(rows[1].ends_with('…'), "{rows:?}");
        assert!(rows.iter().all(|r| crate::columns::width(r) <= 20));
    }
}
