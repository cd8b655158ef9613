//! The workbench as a user sees it: every screen rendered at 80×24 and 120×40 in English and
//! French (insta snapshots in tests/snapshots/), and a real run of the `tisc` binary under
//! tmux: query the demo corpus, open a document, cite it, export the report, quit.

mod common;
#[allow(dead_code)] // shared helpers: this file uses one of them
mod tui_support;

use common::assert_contains;
use tui_support::screen_text;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tisc::lang::guess::{LangGuess, LangSource};
use tisc::model::Lang;
use tisc::tui::action::{Action, JobDone};
use tisc::tui::state::{Screen, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update;
use tisc_test_kit::fixtures::{self, deliver};

fn act(s: &mut State, a: Action) {
    let _ = update(s, a);
}

/// Progress of the latest indexing job: `bytes` of 1 MB read, `docs` documents.
fn index_progress(s: &mut State, bytes: u64, docs: u64) {
    let gen = s.latest[&tisc::tui::action::JobKind::Index];
    let done = JobDone::IndexProgress {
        bytes,
        total: 1_000_000,
        docs,
        committing: false,
    };
    act(s, Action::Job { gen, done });
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        act(s, Action::Input(tisc::tui::action::InputKey::Char(c)));
    }
}

/// Every screen of the workbench, built from the fixtures.
fn screens(lang: UiLang, w: u16, h: u16) -> Vec<(&'static str, State)> {
    let mut out = Vec::new();

    let mut s = fixtures::state(lang, w, h);
    type_text(&mut s, "(solar OR photovoltaic) NEAR pump*");
    out.push(("query_error", s));

    let mut s = fixtures::with_results(lang, w, h, 40);
    act(&mut s, Action::OpenQuery);
    act(&mut s, Action::Input(tisc::tui::action::InputKey::Newline));
    type_text(&mut s, "AND p");
    act(&mut s, Action::Input(tisc::tui::action::InputKey::Complete));
    out.push(("query_history", s));

    let mut s = fixtures::with_results(lang, w, h, 10_000);
    act(&mut s, Action::PageDown);
    out.push(("results", s));

    let mut s = fixtures::with_document(lang, w, h);
    act(&mut s, Action::NextMatch);
    act(&mut s, Action::NextMatch);
    out.push(("document", s));

    let mut s = fixtures::with_document(lang, w, h);
    act(&mut s, Action::NextMatch);
    act(&mut s, Action::Cite);
    out.push(("cite", s));

    let mut s = fixtures::with_results(lang, w, h, 3);
    act(&mut s, Action::ShowCases);
    deliver(&mut s, JobDone::CasesLoaded(vec![fixtures::case()]));
    out.push(("cases", s.clone()));
    act(&mut s, Action::NewCase);
    type_text(&mut s, "cassava");
    out.push(("case_form", s.clone()));
    // Esc on a form with something typed asks before dropping it; y drops it.
    act(&mut s, Action::Back);
    out.push(("confirm_discard", s.clone()));
    act(&mut s, Action::Confirm);
    act(&mut s, Action::DeleteCase);
    out.push(("confirm_delete", s));

    let mut s = fixtures::with_results(lang, w, h, 3);
    s.screen = Screen::Case;
    out.push(("case", s));

    let mut s = fixtures::with_results(lang, w, h, 3);
    act(&mut s, Action::ShowReport);
    let report = tisc::report::Report::build(
        &fixtures::case(),
        tisc::case::ReportLang::En,
        "2026-01-05T11:00:00Z",
    );
    let text = report
        .render(tisc::report::Format::Markdown)
        .expect("markdown");
    deliver(&mut s, JobDone::ReportRendered(Ok(text)));
    deliver(
        &mut s,
        JobDone::Exported(Ok("/home/tisc/cases/solar-pump/exports/report-en.md".into())),
    );
    out.push(("report", s));

    let mut s = fixtures::with_results(lang, w, h, 3);
    act(&mut s, Action::ShowCorpora);
    deliver(&mut s, JobDone::CorporaLoaded(fixtures::corpora()));
    out.push(("corpora", s.clone()));
    act(&mut s, Action::Down);
    act(&mut s, Action::IndexCorpus);
    index_progress(&mut s, 600_000, 1234);
    out.push(("corpora_indexing", s));

    // Embedding in the background: the last row of the corpora, and the tab bar elsewhere.
    let mut s = fixtures::with_results(lang, w, h, 3);
    act(&mut s, Action::ShowCorpora);
    deliver(&mut s, JobDone::CorporaLoaded(fixtures::corpora()));
    act(&mut s, Action::Down);
    act(&mut s, Action::EmbedCorpus);
    let gen = s.latest[&tisc::tui::action::JobKind::Embed];
    let done = JobDone::EmbedProgress {
        done: 1_280,
        total: 5_183,
        per_second: 12.4,
    };
    act(&mut s, Action::Job { gen, done });
    out.push(("corpora_embedding", s.clone()));
    act(&mut s, Action::Back);
    out.push(("results_while_embedding", s));

    let mut s = fixtures::state(lang, w, h);
    let _ = tisc::tui::update::start(&mut s, true);
    index_progress(&mut s, 250_000, 52);
    out.push(("first_start", s));

    let mut s = fixtures::with_results(lang, w, h, 40);
    act(&mut s, Action::Help);
    out.push(("help", s));

    // Query by example of a disclosure too short to guess: the corpus's language, said so.
    let mut s = fixtures::with_results(lang, w, h, 3);
    s.screen = Screen::Case;
    act(&mut s, Action::QueryByExample);
    deliver(
        &mut s,
        JobDone::ExampleReady(Ok(tisc::tui::action::ExampleStrategy {
            strategy: "pompe^1 OR solaire^0.8 OR puits^0.5".into(),
            corpus: "demo".into(),
            terms: 3,
            lang: LangGuess::fallback(Lang::fr(), LangSource::Corpus),
        })),
    );
    out.push(("example_corpus_lang", s));

    // Search by meaning asked for (M) and used by the search shown.
    let mut s = fixtures::with_results(lang, w, h, 3);
    act(&mut s, Action::ToggleMeaning);
    s.results.meaning = Some(true);
    out.push(("results_meaning", s));

    let mut s = fixtures::with_results(lang, w, h, 40);
    deliver(
        &mut s,
        JobDone::Searched(Err(
            "no corpus is indexed yet — press O for the corpora, then i to index one".into(),
        )),
    );
    out.push(("message", s));
    out
}

#[test]
fn every_screen_at_two_sizes_in_english_and_french() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for lang in [UiLang::En, UiLang::Fr] {
            for (w, h) in [(80, 24), (120, 40)] {
                for (name, state) in screens(lang, w, h) {
                    let text = screen_text(&state, w, h);
                    insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", lang.code()), text);
                }
            }
        }
    });
}

#[test]
fn hostile_document_text_never_reaches_the_terminal_as_control_characters() {
    let hostile = "Pump\u{1b}]0;owned\u{7}\u{1b}[2J float\u{9b}31m switch";
    let mut s = fixtures::with_document(UiLang::En, 80, 24);
    if let Some(hit) = s.results.hits.first_mut() {
        hit.title = hostile.into();
    }
    let mut doc = fixtures::document();
    doc.biblio.titles[0].text = hostile.into();
    let lines = tisc::tui::highlight::layout(&doc, "pump", UiLang::En.strings());
    deliver(
        &mut s,
        JobDone::DocumentLoaded(Ok(tisc::tui::action::LoadedDocument {
            corpus: "demo".into(),
            doc: Box::new(doc),
            lines,
        })),
    );
    let mut r = fixtures::with_results(UiLang::En, 80, 24, 3);
    for hit in r.results.hits.iter_mut() {
        hit.title = hostile.into();
    }
    for (name, st) in [("viewer", &s), ("results", &r)] {
        let text = screen_text(st, 80, 24);
        let bad: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:?}\n{text}");
    }
    let text = screen_text(&s, 80, 24);
    assert!(text.contains("float"), "the title is still shown:\n{text}");
}

#[test]
fn rendering_ten_thousand_results_draws_only_the_visible_rows() {
    let mut s = fixtures::with_results(UiLang::En, 120, 40, 10_000);
    act(&mut s, Action::Bottom);
    let text = screen_text(&s, 120, 40);
    assert_contains(&text, "10000/10000");
    assert_contains(&text, "variant 10000");
    assert!(!text.contains("variant 1 "), "{text}");
}

#[test]
fn the_french_interface_translates_the_chrome() {
    let s = fixtures::with_results(UiLang::Fr, 120, 40, 5);
    let text = screen_text(&s, 120, 40);
    assert!(
        text.contains("Résultats") && text.contains("par pertinence"),
        "{text}"
    );
    assert!(text.contains("Dossier\u{a0}: solar-pump"), "{text}");
}

#[test]
fn result_rows_show_strategies_family_and_the_snippet_of_the_selected_row() {
    let mut s = fixtures::with_results(UiLang::En, 120, 40, 40);
    act(&mut s, Action::Down);
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    t.draw(|f| tisc::tui::views::render(&s, f)).expect("draw");
    let text = screen_text(&s, 120, 40);
    let rows: Vec<&str> = text.lines().collect();
    // Row 2 is a family of two and was found by strategy #1.
    let row2 = rows
        .iter()
        .find(|l| l.contains("US7000001B2"))
        .expect("row 2 shown");
    assert_contains(row2, "+1 #1 Solar water pump");
    // Two rows of preview under the list: the selected row's snippet, wrapped.
    let bottom = rows
        .iter()
        .rposition(|l| l.starts_with('└'))
        .expect("list border");
    assert!(
        rows[bottom + 1].starts_with(" claim 1: A solar pump comprising"),
        "{text}"
    );
    assert!(rows[bottom + 2].contains("variant 2."), "{text}");
    // The matched words are marked.
    let buf = t.backend().buffer();
    let y = (bottom + 1) as u16;
    let x = rows[bottom + 1].find("solar").expect("solar") as u16;
    assert_eq!(buf[(x, y)].bg, ratatui::style::Color::Yellow);
    assert_ne!(buf[(x - 2, y)].bg, ratatui::style::Color::Yellow);

    // 80×24: one line of preview; 80×20: none (the list keeps its rows).
    let s = fixtures::with_results(UiLang::En, 80, 24, 40);
    let text = screen_text(&s, 80, 24);
    let rows: Vec<&str> = text.lines().collect();
    let bottom = rows.iter().rposition(|l| l.starts_with('└')).expect("list");
    assert!(rows[bottom + 1].starts_with(" claim 1: A solar"), "{text}");
    assert!(rows[bottom + 2].starts_with(" 1/40"), "{text}");
    let s = fixtures::with_results(UiLang::En, 80, 20, 40);
    let text = screen_text(&s, 80, 20);
    assert!(!text.contains("claim 1:"), "{text}");
}

#[test]
fn query_by_example_fills_the_editor_from_the_case_view() {
    let mut s = fixtures::with_results(UiLang::En, 120, 40, 3);
    s.screen = Screen::Case;
    assert!(screen_text(&s, 120, 40).contains("x query by example"));
    act(&mut s, Action::QueryByExample);
    deliver(
        &mut s,
        JobDone::ExampleReady(Ok(tisc::tui::action::ExampleStrategy {
            strategy: "float OR tank OR solar OR pump".into(),
            corpus: "demo".into(),
            terms: 4,
            lang: LangGuess::fallback(Lang::en(), LangSource::Guessed),
        })),
    );
    let text = screen_text(&s, 120, 40);
    assert_contains(&text, "float OR tank OR solar OR pump");
    assert_contains(
        &text,
        "query by example (en, guessed from the disclosure): 4 key terms weighted over demo",
    );
}

#[test]
fn a_long_strategy_wraps_in_the_editor_with_the_cursor_at_its_end() {
    let mut s = fixtures::state(UiLang::En, 80, 24);
    // 30 weighted words, as query by example writes them: far wider than the screen.
    let words: Vec<String> = (0..30)
        .map(|i| format!("word{i}^0.{}", 9 - i % 9))
        .collect();
    let strategy = words.join(" OR ");
    type_text(&mut s, &strategy);
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    t.draw(|f| tisc::tui::views::render(&s, f)).expect("draw");
    let buf = t.backend().buffer();
    // Inside the editor's borders, the rows read back as the whole strategy, wrapped between
    // words: nothing is cut off at the right edge.
    let inside = |y: u16| (1..79).map(|x| buf[(x, y)].symbol()).collect::<String>();
    let rows: Vec<String> = (2..8).map(inside).collect();
    let shown: Vec<&str> = rows.iter().flat_map(|r| r.split_whitespace()).collect();
    let expected: Vec<&str> = strategy.split_whitespace().collect();
    assert_eq!(shown, expected, "\n{}", screen_text(&s, 80, 24));
    assert!(rows.len() > 1 && rows.iter().all(|r| !r.trim().is_empty()));
    // The cursor sits just after the last word, on the last row of the strategy.
    let pos = t.get_cursor_position().expect("cursor");
    let last = rows.last().expect("rows").trim_end();
    assert!(last.ends_with("word29^0.7"), "{last}");
    assert_eq!(
        (pos.x, pos.y),
        (1 + last.chars().count() as u16, 7),
        "{pos:?}\n{}",
        screen_text(&s, 80, 24)
    );
}

// The real binary in a real (tmux) terminal: kept beside the shared helpers, as the runs are long.
#[path = "tui_support/e2e.rs"]
mod e2e;

#[test]
fn corpus_columns_line_up_with_wide_and_combining_names() {
    let row = |name: &str, documents: u64| tisc::tui::action::CorpusRow {
        name: name.into(),
        indexed: true,
        unavailable: None,
        documents,
        index_bytes: 1024,
        built_at: Some("2026-01-05T09:00:00Z".into()),
        last_mirror: None,
        mirror_failures: 0,
        meaning: None,
    };
    let (w, h) = (120, 40);
    let mut s = fixtures::with_results(UiLang::En, w, h, 3);
    act(&mut s, Action::ShowCorpora);
    let rows = vec![
        row("demo", 711),
        row("太陽電池", 822),
        row("re\u{301}sume\u{301}", 933),
    ];
    deliver(&mut s, JobDone::CorporaLoaded(rows));
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| tisc::tui::views::render(&s, f)).expect("draw");
    let buf = t.backend().buffer();
    // The screen column where `word` starts on the row that holds `key`.
    let column_of = |key: &str, word: &str| {
        (0..h).find_map(|y| {
            let cells: Vec<&str> = (0..w).map(|x| buf[(x, y)].symbol()).collect();
            if !cells.concat().contains(key) {
                return None;
            }
            (0..cells.len()).find(|&x| cells[x..].concat().starts_with(word))
        })
    };
    let status: Vec<Option<usize>> = [" 711 ", " 822 ", " 933 "]
        .iter()
        .map(|docs| column_of(docs, "indexed"))
        .collect();
    assert!(status[0].is_some(), "{}", screen_text(&s, w, h));
    assert!(
        status.iter().all(|x| *x == status[0]),
        "{status:?}\n{}",
        screen_text(&s, w, h)
    );
}
