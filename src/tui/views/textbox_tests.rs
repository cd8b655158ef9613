//! Tests of the text box layout: single-line windows, wrapping, the caret's place, the
//! scrolled view and bounded messages, with wide characters, accents and empty text.

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
