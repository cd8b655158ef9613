//! Tests of the workbench's `update`: citations, cases, reports and corpora.

mod tui_support;

use tisc::case::ReportLang;
use tisc::lang::guess::{LangGuess, LangSource};
use tisc::model::{Date, Lang};
use tisc::tui::action::{Action, CorpusRow, Effect, InputKey, JobDone, JobKind};
use tisc::tui::keymap::Mode;
use tisc::tui::state::{FormField, Overlay, QueryFocus, Screen, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update::update;
use tisc_test_kit::fixtures::{self, deliver};
use tui_support::{fresh, results, typed};

/// Without an open case, `action` only says that it needs one (Esc closes the message);
/// the case is open again afterwards.
fn needs_a_case(s: &mut State, action: Action) {
    let case = s.case.take();
    update(s, action);
    assert!(matches!(&s.overlay, Some(Overlay::Message(m)) if m.contains("case")));
    update(s, Action::Back);
    s.case = case;
}

#[test]
fn cite_needs_a_case_then_opens_a_checked_dialog() {
    let mut s = results(3);
    needs_a_case(&mut s, Action::Cite);
    update(&mut s, Action::Down);
    update(&mut s, Action::Cite);
    // The document is already cited in the fixture case: its citation is the starting point.
    let Some(Overlay::Cite(form)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(form.value(FormField::Category), "X");
    assert_eq!(form.value(FormField::Claims), "1-2");
    assert_eq!(s.mode(), Mode::Text);
    // A bad category is refused in the dialog.
    update(&mut s, Action::Input(InputKey::Backspace));
    typed(&mut s, "Q");
    assert!(update(&mut s, Action::Input(InputKey::Submit)).is_empty());
    assert!(
        matches!(&s.overlay, Some(Overlay::Cite(f)) if f.error.as_deref().is_some_and(|e| e.contains("not a category")))
    );
    update(&mut s, Action::Input(InputKey::Backspace));
    typed(&mut s, "P,Y");
    update(&mut s, Action::Input(InputKey::Complete));
    update(&mut s, Action::Input(InputKey::End));
    typed(&mut s, ",3");
    update(&mut s, Action::Input(InputKey::Down));
    typed(&mut s, "float switch");
    let e = update(&mut s, Action::Input(InputKey::Submit));
    match e.as_slice() {
        [Effect::Cite { draft, .. }] => {
            assert_eq!(
                (
                    draft.case.as_str(),
                    draft.doc_id.as_str(),
                    draft.corpus.as_str()
                ),
                ("solar-pump", "US7000001B2", "demo")
            );
            assert_eq!(draft.categories, "P,Y");
            assert_eq!(draft.claims, vec![1, 2, 3]);
            assert_eq!(draft.passage, "float switch");
            assert_eq!(draft.note, "same float switch");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.overlay, None);
    // Saved: the status says so and the case is reloaded for the cited markers.
    let e = {
        let gen = s.latest[&JobKind::Cite];
        update(
            &mut s,
            Action::Job {
                gen,
                done: JobDone::Cited(Ok("US7000001B2".into())),
            },
        )
    };
    assert!(matches!(e.as_slice(), [Effect::LoadCase { .. }]));
    assert_eq!(
        s.status.as_deref(),
        Some("cited US7000001B2 in case solar-pump")
    );
}

#[test]
fn the_citation_passage_is_the_line_of_the_current_match() {
    let mut s = fixtures::with_document(UiLang::En, 80, 24);
    update(&mut s, Action::NextMatch);
    update(&mut s, Action::Cite);
    let Some(Overlay::Cite(form)) = &s.overlay else {
        panic!()
    };
    assert_eq!(
        form.value(FormField::Passage),
        "Solar water pump with float switch"
    );
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);
}

#[test]
fn cases_new_open_and_delete_with_confirmation() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    let e = update(&mut s, Action::ShowCases);
    assert!(matches!(e.as_slice(), [Effect::LoadCases { .. }]));
    deliver(&mut s, JobDone::CasesLoaded(vec![fixtures::case()]));
    assert_eq!(s.cases.len(), 1);
    update(&mut s, Action::NewCase);
    typed(&mut s, "new-case");
    update(&mut s, Action::Input(InputKey::Complete));
    typed(&mut s, "Cassava grater");
    update(&mut s, Action::Input(InputKey::Down));
    update(&mut s, Action::Input(InputKey::Down));
    typed(&mut s, "2024-13-01");
    assert!(
        update(&mut s, Action::Input(InputKey::Submit)).is_empty(),
        "a bad date is refused"
    );
    for _ in 0..5 {
        update(&mut s, Action::Input(InputKey::Backspace));
    }
    typed(&mut s, "03-01");
    for _ in 0..2 {
        update(&mut s, Action::Input(InputKey::Complete));
    }
    typed(&mut s, "line one");
    update(&mut s, Action::Input(InputKey::Newline));
    typed(&mut s, "line two");
    let e = update(&mut s, Action::Input(InputKey::Submit));
    match e.as_slice() {
        [Effect::CreateCase { draft, .. }] => {
            assert_eq!(draft.id, "new-case");
            assert_eq!(draft.cutoff, Date::new(2024, 3, 1));
            assert_eq!(draft.disclosure.as_deref(), Some("line one\nline two"));
            assert_eq!(draft.language, ReportLang::En);
        }
        other => panic!("{other:?}"),
    }
    deliver(&mut s, JobDone::CaseCreated(Ok(Box::new(fixtures::case()))));
    assert_eq!(s.screen, Screen::Case);
    assert_eq!(s.history.len(), 1);
    // Open from the list.
    update(&mut s, Action::Back);
    assert_eq!(s.screen, Screen::Cases);
    assert!(
        matches!(update(&mut s, Action::Open).as_slice(), [Effect::LoadCase { id, .. }] if id == "solar-pump")
    );
    // Delete asks first; n keeps it, y deletes it.
    update(&mut s, Action::DeleteCase);
    assert_eq!(s.overlay, Some(Overlay::ConfirmDelete("solar-pump".into())));
    update(&mut s, Action::Quit);
    assert!(!s.quit, "q does not answer a confirmation");
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);
    update(&mut s, Action::DeleteCase);
    let e = update(&mut s, Action::Confirm);
    assert!(matches!(e.as_slice(), [Effect::DeleteCase { id, .. }] if id == "solar-pump"));
    let gen = s.latest[&JobKind::Cases];
    let e = update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::CaseDeleted(Ok("solar-pump".into())),
        },
    );
    assert!(s.case.is_none() && s.history.is_empty());
    assert!(matches!(e.as_slice(), [Effect::LoadCases { .. }]));
}

#[test]
fn report_needs_a_case_renders_switches_language_and_format_and_exports() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    assert!(update(&mut s, Action::ShowReport).is_empty());
    assert!(matches!(s.overlay, Some(Overlay::Message(_))));
    update(&mut s, Action::Back);
    let mut s = results(2);
    let e = update(&mut s, Action::ShowReport);
    assert!(
        matches!(e.as_slice(), [Effect::RenderReport { case, lang: ReportLang::En, .. }] if case == "solar-pump")
    );
    assert_eq!(s.screen, Screen::Report);
    deliver(&mut s, JobDone::ReportRendered(Ok("# Report\nline".into())));
    assert_eq!(s.report.lines, ["# Report", "line"]);
    let e = update(&mut s, Action::CycleReportLang);
    assert!(matches!(
        e.as_slice(),
        [Effect::RenderReport {
            lang: ReportLang::Fr,
            ..
        }]
    ));
    update(&mut s, Action::CycleExportFormat);
    assert_eq!(s.report.format, tisc::tui::action::ExportFormat::Html);
    let e = update(&mut s, Action::Export);
    assert!(matches!(
        e.as_slice(),
        [Effect::Export {
            lang: ReportLang::Fr,
            format: tisc::tui::action::ExportFormat::Html,
            ..
        }]
    ));
    deliver(&mut s, JobDone::Exported(Ok("/tmp/r.html".into())));
    assert_eq!(
        s.report.exported.as_deref(),
        Some("exported to /tmp/r.html")
    );
}

#[test]
fn corpora_load_and_index_with_progress() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    let e = update(&mut s, Action::ShowCorpora);
    assert!(matches!(e.as_slice(), [Effect::LoadCorpora { .. }]));
    deliver(&mut s, JobDone::CorporaLoaded(fixtures::corpora()));
    update(&mut s, Action::Down);
    let e = update(&mut s, Action::IndexCorpus);
    assert!(matches!(e.as_slice(), [Effect::Index { corpus, .. }] if corpus == "scifact"));
    assert!(
        update(&mut s, Action::IndexCorpus).is_empty(),
        "one indexing job at a time"
    );
    let gen = s.latest[&JobKind::Index];
    let progress = JobDone::IndexProgress {
        bytes: 50,
        total: 100,
        docs: 7,
        committing: false,
    };
    update(
        &mut s,
        Action::Job {
            gen,
            done: progress,
        },
    );
    assert_eq!(
        s.index_job.as_ref().map(|j| (j.bytes, j.docs)),
        Some((50, 7))
    );
    let e = update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::Indexed(Ok(tisc::tui::action::IndexedCorpus {
                corpus: "scifact".into(),
                documents: 9,
            })),
        },
    );
    assert!(s.index_job.is_none());
    assert_eq!(s.status.as_deref(), Some("indexed scifact: 9 documents"));
    assert!(matches!(e.as_slice(), [Effect::LoadCorpora { .. }]));
    let rows: Vec<CorpusRow> = s.corpora.clone();
    assert_eq!(rows.len(), 3);
}

#[test]
fn a_corpus_is_embedded_in_the_background_with_progress() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    update(&mut s, Action::ShowCorpora);
    deliver(&mut s, JobDone::CorporaLoaded(fixtures::corpora()));
    update(&mut s, Action::Down);
    let e = update(&mut s, Action::EmbedCorpus);
    assert!(matches!(e.as_slice(), [Effect::Embed { corpus, .. }] if corpus == "scifact"));
    // One run at a time: a second one says which corpus is being embedded.
    update(&mut s, Action::Up);
    assert!(update(&mut s, Action::EmbedCorpus).is_empty());
    assert_eq!(
        s.status.as_deref(),
        Some("scifact is being embedded: wait for it to finish")
    );
    let gen = s.latest[&JobKind::Embed];
    let progress = JobDone::EmbedProgress {
        done: 64,
        total: 128,
        per_second: 32.0,
    };
    update(
        &mut s,
        Action::Job {
            gen,
            done: progress,
        },
    );
    let job = s.embed_job.clone().expect("the run is shown");
    assert_eq!((job.done, job.total), (64, 128));
    assert_eq!(
        tisc::tui::views::corpora::embed_line(&s, &job),
        "embedding scifact: 64/128 · 32.0 documents/s · 0:00:02 left"
    );
    // Searching and other screens go on meanwhile.
    let e = update(&mut s, Action::OpenQuery);
    assert!(s.embed_job.is_some() && e.iter().all(|e| !matches!(e, Effect::Embed { .. })));
    let e = update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::Embedded(Ok(tisc::tui::action::EmbeddedCorpus {
                corpus: "scifact".into(),
                embedded: 128,
                with_vector: 130,
                embeddable: 131,
                failed: 1,
            })),
        },
    );
    assert!(s.embed_job.is_none());
    assert_eq!(
        s.status.as_deref(),
        Some(
            "embedded scifact: 128 documents · 130/131 have a vector · 1 document failed: press e again to retry it"
        )
    );
    assert!(matches!(e.as_slice(), [Effect::LoadCorpora { .. }]));
    // A failed run is a message, and a new run may start.
    update(&mut s, Action::ShowCorpora);
    update(&mut s, Action::EmbedCorpus);
    let gen = s.latest[&JobKind::Embed];
    update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::Embedded(Err("embedding scifact: no model is installed".into())),
        },
    );
    assert!(s.embed_job.is_none());
    assert!(matches!(&s.overlay, Some(Overlay::Message(m)) if m.contains("no model")));
}

#[test]
fn the_corpora_screen_says_how_much_of_the_selected_corpus_has_vectors() {
    use tisc::semantic::store::Share;
    use tisc::tui::views::corpora::meaning_line;
    let s = fresh();
    assert_eq!(
        meaning_line(&s, None),
        "search by meaning: not embedded · e embeds it"
    );
    let share = |stale| Share {
        embedded: 40,
        embeddable: 41,
        stale,
    };
    assert_eq!(
        meaning_line(&s, Some(share(false))),
        "search by meaning: 40/41 documents have a vector"
    );
    assert_eq!(
        meaning_line(&s, Some(share(true))),
        "search by meaning: 40/41 documents have a vector · the index changed since: e embeds the new documents"
    );
}

#[test]
fn query_by_example_needs_a_case_with_a_disclosure() {
    let mut s = fresh();
    s.query_focus = QueryFocus::History;
    assert!(update(&mut s, Action::QueryByExample).is_empty());
    assert_eq!(
        s.overlay,
        Some(Overlay::Message(s.strings().need_case.into()))
    );
    let mut s = results(3);
    if let Some(c) = &mut s.case {
        c.disclosure = Some("  \n".into());
    }
    s.screen = Screen::Case;
    assert!(update(&mut s, Action::QueryByExample).is_empty());
    assert_eq!(
        s.overlay,
        Some(Overlay::Message(s.strings().need_disclosure.into()))
    );
}

#[test]
fn query_by_example_puts_the_strategy_in_the_editor_without_running_it() {
    let mut s = results(3);
    s.screen = Screen::Case;
    let e = update(&mut s, Action::QueryByExample);
    match e.as_slice() {
        [Effect::Example {
            disclosure,
            corpora,
            feedback,
            ..
        }] => {
            assert!(disclosure.starts_with("A pump driven by a solar panel."));
            assert_eq!(corpora, &["demo".to_string()]);
            assert!(!feedback);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.status.as_deref(), Some(s.strings().selecting_terms));
    let gen = s.latest[&JobKind::Example];
    let ready = |strategy: &str| {
        JobDone::ExampleReady(Ok(tisc::tui::action::ExampleStrategy {
            strategy: strategy.into(),
            corpus: "demo".into(),
            terms: 3,
            lang: LangGuess::fallback(Lang::en(), LangSource::Guessed),
        }))
    };
    // A stale answer (an older request) changes nothing.
    let stale = update(
        &mut s,
        Action::Job {
            gen: gen - 1,
            done: ready("stale"),
        },
    );
    assert!(stale.is_empty());
    assert_eq!(s.screen, Screen::Case);
    let e = update(
        &mut s,
        Action::Job {
            gen,
            done: ready("float OR pump OR solar"),
        },
    );
    // Nothing runs: the strategy waits, editable, in the query editor.
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(s.screen, Screen::Query);
    assert_eq!((s.query_focus, s.mode()), (QueryFocus::Editor, Mode::Text));
    assert_eq!(s.editor.text(), "float OR pump OR solar");
    assert_eq!(s.parse_error, None);
    assert_eq!(s.results.query, "solar NEAR/3 pump*");
    let status = s.status.clone().unwrap_or_default();
    assert_eq!(
        status,
        "query by example (en, guessed from the disclosure): 3 key terms weighted over demo \
         — edit, then Enter runs it"
    );
    // The user edits it, then Enter runs it in the case; with search by meaning on, the
    // disclosure goes with it (its meaning is fused with the strategy's hits), once.
    typed(&mut s, " OR tank");
    update(&mut s, Action::ToggleMeaning);
    match update(&mut s, Action::Input(InputKey::Submit)).as_slice() {
        [Effect::Search {
            query,
            case,
            meaning,
            example,
            ..
        }] => {
            assert_eq!(query, "float OR pump OR solar OR tank");
            assert_eq!(case.as_deref(), Some("solar-pump"));
            assert!(*meaning);
            let disclosure = example.as_deref().unwrap_or_default();
            assert!(disclosure.starts_with("A pump driven by a solar panel."));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.example, None, "the next search is a strategy of its own");
    // Esc from the editor goes to the history, where x asks again.
    update(&mut s, Action::OpenQuery);
    update(&mut s, Action::Back);
    assert_eq!(s.query_focus, QueryFocus::History);
    assert_eq!(update(&mut s, Action::QueryByExample).len(), 1);
}

#[test]
fn the_status_line_says_whether_the_disclosure_language_was_guessed_or_fallen_back_to() {
    let cases = [
        (
            UiLang::En,
            LangGuess::fallback(Lang::new("pt"), LangSource::Guessed),
            "query by example (pt, guessed from the disclosure): 2 key terms",
        ),
        (
            UiLang::En,
            LangGuess::fallback(Lang::fr(), LangSource::Corpus),
            "query by example (fr: fewer than 5 content words to guess from; the corpus language)",
        ),
        (
            UiLang::En,
            LangGuess::fallback(Lang::en(), LangSource::Interface),
            "(en: fewer than 5 content words to guess from; the interface language)",
        ),
        (
            UiLang::Fr,
            LangGuess::fallback(Lang::new("es"), LangSource::Corpus),
            "par l'exemple (es\u{a0}: moins de 5 mots de contenu pour la deviner\u{202f}; \
             la langue du corpus)",
        ),
        (
            UiLang::Es,
            LangGuess::fallback(Lang::new("ar"), LangSource::Guessed),
            "búsqueda por ejemplo (ar, deducido de la divulgación)",
        ),
        (
            UiLang::Pt,
            LangGuess::fallback(Lang::new("pt"), LangSource::Interface),
            "busca por exemplo (pt: menos de 5 palavras de conteúdo para deduzi-lo; \
             o idioma da interface)",
        ),
        (
            UiLang::Ar,
            LangGuess::fallback(Lang::new("ar"), LangSource::Corpus),
            "البحث بالمثال (ar: أقل من 5 كلمات ذات معنى لاستنتاجها؛ لغة المجموعة)",
        ),
    ];
    for (ui, guess, expected) in cases {
        let mut s = results(3);
        s.lang = ui;
        s.screen = Screen::Case;
        update(&mut s, Action::QueryByExample);
        deliver(
            &mut s,
            JobDone::ExampleReady(Ok(tisc::tui::action::ExampleStrategy {
                strategy: "bomba^1 OR solar^0.5".into(),
                corpus: "demo".into(),
                terms: 2,
                lang: guess,
            })),
        );
        let status = s.status.clone().unwrap_or_default();
        assert!(status.contains(expected), "{ui:?}: {status}");
    }
}

#[test]
fn a_failed_query_by_example_shows_why() {
    let mut s = results(3);
    s.screen = Screen::Case;
    update(&mut s, Action::QueryByExample);
    deliver(
        &mut s,
        JobDone::ExampleReady(Err("no word of the disclosure occurs in demo".into())),
    );
    assert_eq!(s.screen, Screen::Case);
    assert_eq!(s.status, None);
    assert!(
        matches!(&s.overlay, Some(Overlay::Message(m)) if m.contains("no word")),
        "{:?}",
        s.overlay
    );
}

#[test]
fn x_asks_for_query_by_example_on_the_case_and_the_history_but_types_in_the_editor() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use tisc::tui::keymap::Context;
    let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    let m = tisc::tui::keymap::Keymap::default();
    for ctx in [Context::Case, Context::History] {
        assert_eq!(
            m.translate(&x, Mode::Normal, ctx),
            Some(Action::QueryByExample)
        );
    }
    assert_eq!(m.translate(&x, Mode::Normal, Context::Results), None);
    assert_eq!(
        m.translate(&x, Mode::Text, Context::History),
        Some(Action::Input(InputKey::Char('x')))
    );
    // The help overlay lists it with its description.
    assert!(m
        .describe(Context::Case)
        .contains(&("x".to_string(), "by_example")));
    assert!(!fresh().strings().describe("by_example").is_empty());
}

#[test]
fn edit_opens_the_prefilled_case_form_and_saves_only_through_the_worker() {
    let mut s = results(1);
    needs_a_case(&mut s, Action::EditCase);
    s.screen = Screen::Case;
    assert!(update(&mut s, Action::EditCase).is_empty());
    let Some(Overlay::CaseForm(form)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(form.editing.as_deref(), Some("solar-pump"));
    assert!(
        form.fields.iter().all(|(f, _)| *f != FormField::Name),
        "a case keeps its name"
    );
    assert_eq!(
        form.value(FormField::Title),
        "Solar water pump with float switch"
    );
    assert_eq!(form.value(FormField::Client), "A. Inventor");
    assert_eq!(form.value(FormField::Cutoff), "2020-03-01");
    assert_eq!(form.value(FormField::Language), "en");
    assert!(form
        .value(FormField::Disclosure)
        .starts_with("A pump driven by a solar panel.\nA float switch"));
    assert_eq!(s.mode(), Mode::Text);
    // Title: append; client: clear; cutoff: a bad date is refused in the form.
    update(&mut s, Action::Input(InputKey::End));
    typed(&mut s, " (v2)");
    update(&mut s, Action::Input(InputKey::Complete));
    for _ in 0..20 {
        update(&mut s, Action::Input(InputKey::Backspace));
    }
    update(&mut s, Action::Input(InputKey::Complete));
    update(&mut s, Action::Input(InputKey::End));
    typed(&mut s, "x");
    assert!(update(&mut s, Action::Input(InputKey::Submit)).is_empty());
    assert!(
        matches!(&s.overlay, Some(Overlay::CaseForm(f)) if f.error.as_deref().is_some_and(|e| e.contains("YYYY-MM-DD")))
    );
    update(&mut s, Action::Input(InputKey::Backspace));
    update(&mut s, Action::Input(InputKey::Complete));
    for _ in 0..2 {
        update(&mut s, Action::Input(InputKey::Backspace));
    }
    typed(&mut s, "fr");
    let e = update(&mut s, Action::Input(InputKey::Submit));
    assert_eq!(s.overlay, None);
    let edit = match e.as_slice() {
        [Effect::EditCase { id, edit, .. }] if id == "solar-pump" => edit.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        edit.title.as_deref(),
        Some("Solar water pump with float switch (v2)")
    );
    assert_eq!(edit.client, Some(None));
    assert_eq!(edit.cutoff, Some(Date::new(2020, 3, 1)));
    assert_eq!(edit.language, Some(ReportLang::Fr));
    // The untouched disclosure comes back exactly as it was: no change to journal.
    let mut saved = fixtures::case();
    assert_eq!(edit.disclosure, Some(saved.disclosure.clone()));
    assert!(
        s.case.as_ref().is_some_and(|c| c.client.is_some()),
        "nothing changes before the worker has saved"
    );
    saved.apply(&tisc::case::Op::Edit(edit), "2026-01-06T00:00:00Z");
    let gen = s.latest[&JobKind::Case];
    let e = update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::CaseEdited(Ok(Box::new(saved))),
        },
    );
    assert!(matches!(e.as_slice(), [Effect::LoadCases { .. }]));
    let c = s.case.as_ref().unwrap();
    assert_eq!(c.title, "Solar water pump with float switch (v2)");
    assert_eq!(c.client, None);
    assert_eq!(c.language, ReportLang::Fr);
    assert_eq!(s.screen, Screen::Case);
    assert_eq!(s.status.as_deref(), Some("saved case solar-pump"));
    // A failed save is shown.
    update(&mut s, Action::EditCase);
    update(&mut s, Action::Input(InputKey::Submit));
    let gen = s.latest[&JobKind::Case];
    update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::CaseEdited(Err("case `solar-pump` is open for writing".into())),
        },
    );
    assert!(matches!(&s.overlay, Some(Overlay::Message(m)) if m.contains("open for writing")));
}

#[test]
fn shift_x_asks_for_query_by_example_with_feedback() {
    let mut s = results(3);
    s.screen = Screen::Case;
    let e = update(&mut s, Action::QueryByExampleFeedback);
    assert!(
        matches!(e.as_slice(), [Effect::Example { feedback: true, .. }]),
        "{e:?}"
    );
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use tisc::tui::keymap::Context;
    let m = tisc::tui::keymap::Keymap::default();
    let shift_x = KeyEvent::new(KeyCode::Char('X'), KeyModifiers::SHIFT);
    for ctx in [Context::Case, Context::History] {
        assert_eq!(
            m.translate(&shift_x, Mode::Normal, ctx),
            Some(Action::QueryByExampleFeedback)
        );
    }
    assert!(m
        .describe(Context::Case)
        .contains(&("X".to_string(), "by_example_feedback")));
    assert!(!fresh().strings().describe("by_example_feedback").is_empty());
}
