//! Long text in the workbench's forms and editors, as a user sees it at 80×24 and 120×40 in
//! English and French: single-line fields scroll sideways and multi-line ones wrap with the
//! caret inside the box and the text around it shown, the query editor and the viewer's
//! find text keep the caret on screen, pastes of 200,000 characters go in whole and show
//! the text around the caret, and messages (form errors, the status line, the counts and
//! strategy above the results) wrap instead of being cut.
//!
//! Each snapshot ends with the caret's position (`caret: x,y`), so a caret drawn outside its
//! box or away from the text shows in the diff.

mod common;
#[allow(dead_code)] // shared helpers: this file uses some of them
mod tui_support;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tisc::tui::action::{Action, InputKey, JobDone};
use tisc::tui::state::{Overlay, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update;
use tisc_test_kit::fixtures::{self, deliver};

fn act(s: &mut State, a: Action) {
    let _ = update(s, a);
}

fn key(s: &mut State, k: InputKey) {
    act(s, Action::Input(k));
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        key(s, InputKey::Char(c));
    }
}

/// The screen as text (rows, trailing spaces dropped) and the caret, if one is shown.
fn frame(s: &State, w: u16, h: u16) -> (Vec<Vec<String>>, Option<(u16, u16)>) {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    // A frame that shows no caret leaves the backend's cursor where it was: off screen.
    t.set_cursor_position((w, h)).expect("cursor");
    t.draw(|f| tisc::tui::views::render(s, f)).expect("draw");
    let caret = t
        .get_cursor_position()
        .ok()
        .map(|p| (p.x, p.y))
        .filter(|&(x, y)| x < w && y < h);
    let buf = t.backend().buffer();
    // The cell after a wide character is part of it: it is left out of the text.
    let cells = (0..h)
        .map(|y| {
            let mut row = Vec::new();
            let mut skip = false;
            for x in 0..w {
                let sym = buf[(x, y)].symbol();
                row.push(if skip { String::new() } else { sym.to_string() });
                skip = !skip && unicode_width::UnicodeWidthStr::width(sym) == 2;
            }
            row
        })
        .collect();
    (cells, caret)
}

fn snapshot_text(cells: &[Vec<String>], caret: Option<(u16, u16)>) -> String {
    let mut out: String = cells
        .iter()
        .map(|row| format!("{}\n", row.concat().trim_end()))
        .collect();
    match caret {
        Some((x, y)) => out.push_str(&format!("caret: {x},{y}\n")),
        None => out.push_str("caret: hidden\n"),
    }
    out
}

/// The text left of the caret on its row, inside the box the caret is in (from the box's
/// left border), and whether a right border of that box is to its right.
fn before_caret(cells: &[Vec<String>], caret: (u16, u16)) -> (String, bool) {
    let row = &cells[usize::from(caret.1)];
    let x = usize::from(caret.0);
    let border = |c: &String| c == "│" || c == "┃";
    let left = row[..x].iter().rposition(border).map_or(0, |p| p + 1);
    let right = row[x..].iter().any(border);
    (row[left..x].concat(), right)
}

/// Assert that the caret is inside a box with `tail` (the text just before it) shown
/// right before it.
fn assert_caret_after(cells: &[Vec<String>], caret: Option<(u16, u16)>, tail: &str, what: &str) {
    let text = snapshot_text(cells, caret);
    let caret = caret.unwrap_or_else(|| panic!("{what}: no caret\n{text}"));
    let (before, inside) = before_caret(cells, caret);
    assert!(
        inside,
        "{what}: the caret is not inside its box: {caret:?}\n{text}"
    );
    assert!(
        before.trim_end().ends_with(tail.trim_end()),
        "{what}: {tail:?} is not just before the caret ({before:?}) at {caret:?}\n{text}"
    );
}

const TITLE: &str = "Solar-powered water pump for irrigation in remote villages, with a \
float switch that stops the pump when the tank is full and a dry-run guard";

const DISCLOSURE: &str = "A pump driven by a photovoltaic panel lifts water from a well \
into a tank on a tower. A float switch in the tank opens the motor circuit when the water \
reaches the top, and closes it again when the level falls by a set amount, so that the pump \
never runs dry and never overflows the tank.\n\nThe controller has no battery: the motor \
runs only while the panel gives enough current, and a capacitor bridges passing clouds. \
Claims to a kit for retrofitting hand pumps are also sought, in particular the clamp that \
holds the motor on the pump rod.";

const NOTE: &str = "Same float switch and the same dry-run guard as the disclosure; the \
panel drives the motor directly, without a battery, as in our claim 1. No capacitor is \
mentioned, see column 4, lines 12 to 30, and figure 2, which shows the clamp on the rod.";

/// The new-case form with `name` and a long title typed in, the caret at its end.
fn case_form_long_title(lang: UiLang, w: u16, h: u16) -> State {
    let mut s = fixtures::with_results(lang, w, h, 3);
    act(&mut s, Action::ShowCases);
    deliver(&mut s, JobDone::CasesLoaded(vec![fixtures::case()]));
    act(&mut s, Action::NewCase);
    type_text(&mut s, "irrigation-pump");
    key(&mut s, InputKey::Complete);
    type_text(&mut s, TITLE);
    s
}

/// The same form with a long disclosure pasted, the caret at its end.
fn case_form_long_disclosure(lang: UiLang, w: u16, h: u16) -> State {
    let mut s = case_form_long_title(lang, w, h);
    for _ in 0..4 {
        key(&mut s, InputKey::Complete);
    }
    act(&mut s, Action::Paste(DISCLOSURE.into()));
    s
}

/// The citation form with a long note typed in.
fn cite_long_note(lang: UiLang, w: u16, h: u16) -> State {
    let mut s = fixtures::with_document(lang, w, h);
    act(&mut s, Action::Cite);
    for _ in 0..3 {
        key(&mut s, InputKey::Complete);
    }
    // The note the form opens with goes, and a long one is typed.
    for _ in 0..40 {
        key(&mut s, InputKey::EraseWord);
    }
    type_text(&mut s, NOTE);
    s
}

/// A 300-character strategy typed in the editor, the caret at its end.
fn long_strategy() -> String {
    let words: Vec<String> = (0..20).map(|i| format!("pump{i}*")).collect();
    let mut q = format!("(solar OR photovoltaic*) AND ({})", words.join(" OR "));
    while q.chars().count() < 294 {
        q.push_str(" NOT x");
    }
    q
}

fn query_long_strategy(lang: UiLang, w: u16, h: u16) -> State {
    let mut s = fixtures::state(lang, w, h);
    type_text(&mut s, &long_strategy());
    s
}

/// A form that refuses a long cutoff date: its error is longer than the box.
fn case_form_long_error(lang: UiLang, w: u16, h: u16) -> State {
    let mut s = fixtures::with_results(lang, w, h, 3);
    act(&mut s, Action::ShowCases);
    act(&mut s, Action::NewCase);
    type_text(&mut s, "pump");
    key(&mut s, InputKey::Complete);
    type_text(&mut s, "Pump");
    for _ in 0..2 {
        key(&mut s, InputKey::Complete);
    }
    type_text(
        &mut s,
        "the first of March two thousand and twenty-four, the day before the filing",
    );
    key(&mut s, InputKey::Submit);
    s
}

/// A status message longer than the screen (an export to a deep folder).
fn long_status(lang: UiLang, w: u16, h: u16) -> State {
    let mut s = fixtures::with_results(lang, w, h, 3);
    act(&mut s, Action::ShowReport);
    deliver(
        &mut s,
        JobDone::Exported(Ok(
            "/home/tisc/cases/solar-powered-irrigation-pump-for-remote-villages/exports/\
             2026-01-05/report-en.md"
                .into(),
        )),
    );
    s
}

type Scenario = fn(UiLang, u16, u16) -> State;

const SCENARIOS: [(&str, Scenario); 6] = [
    ("form_long_title", case_form_long_title),
    ("form_long_disclosure", case_form_long_disclosure),
    ("cite_long_note", cite_long_note),
    ("query_long_strategy", query_long_strategy),
    ("form_long_error", case_form_long_error),
    ("status_long", long_status),
];

#[test]
fn long_text_in_forms_editors_and_messages_at_two_sizes_in_english_and_french() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for lang in [UiLang::En, UiLang::Fr] {
            for (w, h) in [(80, 24), (120, 40)] {
                for (name, build) in SCENARIOS {
                    let s = build(lang, w, h);
                    let (cells, caret) = frame(&s, w, h);
                    insta::assert_snapshot!(
                        format!("{name}_{}_{w}x{h}", lang.code()),
                        snapshot_text(&cells, caret)
                    );
                }
            }
        }
    });
}

#[test]
fn a_long_title_scrolls_with_its_end_and_the_caret_in_the_box() {
    for (w, h) in [(80, 24), (120, 40)] {
        let s = case_form_long_title(UiLang::En, w, h);
        let (cells, caret) = frame(&s, w, h);
        assert_caret_after(&cells, caret, "a dry-run guard", "title");
        // Home: the start of the title, the caret at the box's left edge.
        let mut s = s;
        key(&mut s, InputKey::Home);
        let (cells, caret) = frame(&s, w, h);
        let caret = caret.expect("caret");
        let row = cells[usize::from(caret.1)].concat();
        assert!(row.contains("Solar-powered water"), "{row}");
        assert_eq!(before_caret(&cells, caret).0, "", "{row}");
    }
}

#[test]
fn a_long_disclosure_and_note_wrap_with_the_caret_after_their_last_word() {
    for (w, h) in [(80, 24), (120, 40)] {
        let s = case_form_long_disclosure(UiLang::En, w, h);
        let (cells, caret) = frame(&s, w, h);
        assert_caret_after(&cells, caret, "on the pump rod.", "disclosure");
        let s = cite_long_note(UiLang::En, w, h);
        let (cells, caret) = frame(&s, w, h);
        assert_caret_after(&cells, caret, "clamp on the rod.", "note");
        // Wrapped, not cut: the row above the caret ends with whole words of the note.
        let caret = caret.expect("caret");
        let (above, _) = before_caret(&cells, (caret.0, caret.1 - 1));
        let text = snapshot_text(&cells, Some(caret));
        assert!(!above.trim().is_empty(), "{text}");
    }
}

#[test]
fn the_caret_stays_on_screen_at_the_end_of_a_long_strategy() {
    let q = long_strategy();
    for (w, h) in [(80, 24), (120, 40)] {
        let s = query_long_strategy(UiLang::En, w, h);
        let (cells, caret) = frame(&s, w, h);
        assert!(q.chars().count() >= 294);
        assert_caret_after(&cells, caret, "NOT x", "strategy");
        // Every word of the strategy is on screen, in order, in the editor's rows.
        let shown: String = cells[2..12]
            .iter()
            .map(|r| r[1..usize::from(w) - 1].concat())
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<&str> = shown.split_whitespace().collect();
        let expected: Vec<&str> = q.split_whitespace().collect();
        let start = words.iter().position(|x| *x == expected[0]).expect("start");
        assert_eq!(words[start..start + expected.len()], expected[..]);
    }
}

#[test]
fn a_long_strategy_in_wide_characters_wraps_by_columns() {
    let words: Vec<String> = (0..24).map(|i| format!("太陽電池{i}")).collect();
    let q = words.join(" OR ");
    let mut s = fixtures::state(UiLang::En, 80, 24);
    type_text(&mut s, &q);
    let (cells, caret) = frame(&s, 80, 24);
    assert_caret_after(&cells, caret, "太陽電池23", "wide strategy");
    let text = snapshot_text(&cells, caret);
    for w in &words {
        assert!(text.contains(w.as_str()), "{w} is not shown whole\n{text}");
    }
}

#[test]
fn a_parse_error_at_the_end_of_a_long_strategy_is_shown_with_its_caret() {
    let mut s = fixtures::state(UiLang::En, 80, 24);
    type_text(&mut s, &format!("{} AND (", long_strategy()));
    let (cells, caret) = frame(&s, 80, 24);
    let text = snapshot_text(&cells, caret);
    let rows: Vec<String> = cells.iter().map(|r| r.concat()).collect();
    // The marker line points at the `(` the message is about, on the line above it.
    let marker = rows
        .iter()
        .position(|r| r.trim_start().starts_with('^'))
        .unwrap_or_else(|| panic!("no ^ marker\n{text}"));
    let x = rows[marker].find('^').expect("^");
    let above: Vec<&String> = cells[marker - 1].iter().collect();
    assert_eq!(above[x], "(", "{text}");
}

#[test]
fn errors_and_status_messages_wrap_instead_of_being_cut() {
    for lang in [UiLang::En, UiLang::Fr] {
        let s = case_form_long_error(lang, 80, 24);
        let Some(Overlay::CaseForm(form)) = &s.overlay else {
            panic!("the form stays open")
        };
        let error = form.error.clone().expect("an error");
        assert!(error.chars().count() > 80, "{error}");
        let (cells, caret) = frame(&s, 80, 24);
        let text = snapshot_text(&cells, caret);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for word in error.split_whitespace() {
            assert!(
                flat.contains(word),
                "{word:?} of {error:?} is not shown\n{text}"
            );
        }
        let s = long_status(lang, 80, 24);
        let (cells, caret) = frame(&s, 80, 24);
        let text = snapshot_text(&cells, caret);
        let flat = text.split_whitespace().collect::<Vec<_>>().join("");
        assert!(
            flat.contains("/2026-01-05/report-en.md"),
            "the end of the path is shown\n{text}"
        );
    }
}

/// 200,000 characters of words, as a long paste brings them: `pump000000 pump000001 …`.
fn huge_paste() -> String {
    let text: String = (0..18_200).map(|i| format!("pump{i:06} ")).collect();
    assert!(text.chars().count() >= 200_000);
    text
}

#[test]
fn a_200000_character_paste_goes_whole_into_a_field_and_shows_its_end() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use std::time::{Duration, Instant};
    use tisc::tui::typing::Typing;
    let long = huge_paste();
    // Bracketed paste into the disclosure: one paragraph of 200,000 characters.
    let mut s = case_form_long_title(UiLang::En, 80, 24);
    for _ in 0..4 {
        key(&mut s, InputKey::Complete);
    }
    act(&mut s, Action::Paste(long.clone()));
    let Some(Overlay::CaseForm(form)) = &s.overlay else {
        panic!("the form stays open")
    };
    assert_eq!(form.fields[form.focus].1.text(), long);
    let (cells, caret) = frame(&s, 80, 24);
    assert_caret_after(&cells, caret, "pump018198 pump018199", "pasted disclosure");
    // Home goes to the start of the paragraph: its first words are shown, at the top.
    key(&mut s, InputKey::Home);
    let (cells, caret) = frame(&s, 80, 24);
    let caret = caret.expect("caret");
    let row = cells[usize::from(caret.1)].concat();
    assert!(row.contains("pump000000 pump000001"), "{row}");
    assert_eq!(before_caret(&cells, caret).0, "", "{row}");

    // The same text arriving as a burst of keys into the title (a terminal without
    // bracketed paste): gathered, then one insert, shown scrolled to its end.
    let mut s = case_form_long_title(UiLang::En, 80, 24);
    key(&mut s, InputKey::EraseToStart);
    let mut t = Typing::default();
    let mut at = Instant::now();
    for c in long.chars() {
        at += Duration::from_micros(50);
        let ev = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert!(t.absorb(&ev, at, s.mode()));
    }
    act(&mut s, t.flush().expect("the burst"));
    let Some(Overlay::CaseForm(form)) = &s.overlay else {
        panic!("the form stays open")
    };
    assert_eq!(form.fields[form.focus].1.text(), long);
    let (cells, caret) = frame(&s, 80, 24);
    assert_caret_after(&cells, caret, "pump018198 pump018199", "typed title");
    // Left for the next field, the title shows its start, marked as cut.
    key(&mut s, InputKey::Complete);
    let (cells, caret) = frame(&s, 80, 24);
    let screen = snapshot_text(&cells, caret);
    let title = screen
        .lines()
        .find(|l| l.contains("pump000000"))
        .unwrap_or_else(|| panic!("the title's start is shown\n{screen}"));
    assert!(
        title.trim_end_matches(['│', ' ']).ends_with('…'),
        "{screen}"
    );
}

#[test]
fn a_200000_character_paste_of_many_lines_shows_the_lines_around_the_caret() {
    // 2,000 lines of about 100 characters, pasted into the note of a citation.
    let lines: Vec<String> = (0..2000)
        .map(|i| format!("line {i:04}: {}", "solar pump float ".repeat(5)))
        .collect();
    let text = lines.join("\n");
    assert!(text.chars().count() >= 190_000);
    let mut s = cite_long_note(UiLang::En, 80, 24);
    for _ in 0..40 {
        key(&mut s, InputKey::EraseWord);
    }
    act(&mut s, Action::Paste(text.clone()));
    let Some(Overlay::Cite(form)) = &s.overlay else {
        panic!("the form stays open")
    };
    assert!(form.fields[form.focus].1.text().ends_with(&text));
    let (cells, caret) = frame(&s, 80, 24);
    assert_caret_after(&cells, caret, "solar pump float", "pasted note");
    let screen = snapshot_text(&cells, caret);
    assert!(
        screen.contains("line 1999:"),
        "the last line is shown\n{screen}"
    );
    assert!(
        !screen.contains("line 0000:"),
        "the first lines are scrolled away\n{screen}"
    );
}

#[test]
fn a_200000_character_paste_into_the_query_editor_keeps_the_caret_at_its_end() {
    let long = huge_paste();
    let mut s = fixtures::state(UiLang::En, 80, 24);
    act(&mut s, Action::Paste(long.clone()));
    assert_eq!(s.editor.text(), long);
    let (cells, caret) = frame(&s, 80, 24);
    assert_caret_after(&cells, caret, "pump018198 pump018199", "pasted strategy");
    // The editor shows the rows that end with the caret, not the start of the text.
    let screen = snapshot_text(&cells, caret);
    assert!(!screen.contains("pump000000"), "{screen}");
}

#[test]
fn the_counts_and_strategy_above_the_results_wrap_instead_of_being_cut() {
    for lang in [UiLang::En, UiLang::Fr] {
        let mut s = fixtures::with_results(lang, 80, 24, 3);
        let query = "(solar OR photovoltaic* OR \"sun powered\") NEAR/3 (pump* OR irrigat*) \
                     AND NOT (vehicle* OR door*) AND pd:2000..2020";
        assert!(query.chars().count() > 80);
        s.results.query = query.into();
        let (cells, caret) = frame(&s, 80, 24);
        let text = snapshot_text(&cells, caret);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(query), "the whole strategy is shown\n{text}");
        let sort = if lang == UiLang::En {
            "by rank"
        } else {
            "par pertinence"
        };
        assert!(flat.contains(sort), "the sort is shown\n{text}");
    }
}

#[test]
fn the_find_text_of_the_viewer_scrolls_with_its_caret() {
    let mut s = fixtures::with_document(UiLang::En, 80, 24);
    act(&mut s, Action::FindInDocument);
    let text: String = (0..30).map(|i| format!("float{i:02} ")).collect();
    type_text(&mut s, text.trim_end());
    // At the end: the last words, the caret after them.
    let (cells, caret) = frame(&s, 80, 24);
    let screen = snapshot_text(&cells, caret);
    let (x, y) = caret.unwrap_or_else(|| panic!("a caret\n{screen}"));
    let row = cells[usize::from(y)].concat();
    assert!(row.trim_end().ends_with("float28 float29"), "{screen}");
    assert_eq!(usize::from(x), display_width(row.trim_end()), "{screen}");
    // Home: the first words, the caret after the `/`.
    key(&mut s, InputKey::Home);
    let (cells, caret) = frame(&s, 80, 24);
    let screen = snapshot_text(&cells, caret);
    let (x, y) = caret.unwrap_or_else(|| panic!("a caret\n{screen}"));
    let row = cells[usize::from(y)].concat();
    assert!(row.starts_with(" /float00 float01"), "{screen}");
    assert_eq!(x, 2, "{screen}");
}

fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}
