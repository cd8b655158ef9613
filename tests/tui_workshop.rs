//! The workbench on a case bound to a workshop exercise: the timer in the title line (time
//! left, late, submitted) driven by `Tick`, and the submit key — the folder dialog, the
//! confirmation, the effect for the worker and the message of its result (insta snapshots in
//! tests/snapshots/ at 80×24 and 120×40, in English and French).

#[allow(dead_code)] // shared helpers: this file uses some of them
mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use tisc::case::Case;
use tisc::model::time::Timestamp;
use tisc::tui::action::{Action, Effect, InputKey, JobDone, JobFailure, SubmitOutcome};
use tisc::tui::state::{Overlay, Screen, State};
use tisc::tui::strings::UiLang;
use tisc::tui::update::{session_of, update};
use tisc::workshop::ExerciseBinding;
use tisc_test_kit::fixtures::{self, deliver};
use tui_support::{screen_text, typed};

const STARTED: &str = "2026-01-05T10:00:00Z";

fn at(s: &str) -> Timestamp {
    s.parse().expect("a timestamp")
}

fn binding() -> ExerciseBinding {
    ExerciseBinding {
        pack: "beginner".into(),
        pack_dir: PathBuf::from("/packs/beginner"),
        pack_title: "Beginner".into(),
        exercise: "solar-dry-run".into(),
        trainee: "ada".into(),
        started_at: STARTED.into(),
        time_limit_secs: 45 * 60,
        submitted_at: None,
    }
}

/// The fixture case bound to a 45-minute exercise started at 10:00.
fn exercise_case() -> Case {
    let mut c = fixtures::case();
    c.exercise = Some(binding());
    c
}

/// The workbench on the case screen of the exercise case, the clock at `now`.
fn on_exercise(lang: UiLang, w: u16, h: u16, now: &str) -> State {
    let mut s = fixtures::state(lang, w, h);
    s.case = Some(exercise_case());
    s.screen = Screen::Case;
    update(&mut s, Action::Tick(at(now)));
    s
}

fn press(s: &State, c: char) -> Option<Action> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    s.keymap.translate(&key, s.mode(), s.context())
}

fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// Snapshots of a state made by `make` at both sizes, in English and French.
fn snapshots(name: &str, make: impl Fn(UiLang, u16, u16) -> State) {
    for lang in [UiLang::En, UiLang::Fr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let s = make(lang, w, h);
            snapshot(
                &format!("{name}_{}_{w}x{h}", lang.code()),
                &screen_text(&s, w, h),
            );
        }
    }
}

fn outcome(late: bool, kept: bool) -> SubmitOutcome {
    let mut case = exercise_case();
    if let Some(b) = case.exercise.as_mut() {
        b.submitted_at = Some("2026-01-05T10:40:00Z".into());
    }
    SubmitOutcome {
        exercise: "solar-dry-run".into(),
        path: PathBuf::from("/srv/course/ada--solar-dry-run.json"),
        kept: kept.then(|| PathBuf::from("/srv/course/ada--solar-dry-run.1.json")),
        late,
        elapsed_secs: if late { 2890 } else { 2400 },
        time_limit_secs: 2700,
        skipped: Vec::new(),
        case: Box::new(case),
    }
}

#[test]
fn ticks_count_the_time_left_down_then_the_time_past_the_limit_up() {
    let mut s = on_exercise(UiLang::En, 80, 24, "2026-01-05T10:32:26Z");
    assert_eq!(s.now, Some(at("2026-01-05T10:32:26Z")));
    let top = |s: &State| {
        screen_text(s, 80, 24)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert!(
        top(&s).contains("exercise solar-dry-run · 12:34 left"),
        "{}",
        top(&s)
    );
    // A tick changes nothing else: a status message stays.
    s.status = Some("cited US1 in case solar-pump".into());
    let e = update(&mut s, Action::Tick(at("2026-01-05T10:44:59Z")));
    assert!(e.is_empty());
    assert!(top(&s).contains("00:01 left"), "{}", top(&s));
    assert_eq!(s.status.as_deref(), Some("cited US1 in case solar-pump"));
    update(&mut s, Action::Tick(at("2026-01-05T10:48:10Z")));
    assert!(top(&s).contains("late 03:10"), "{}", top(&s));
    // A case that is no exercise shows no timer.
    s.case = Some(fixtures::case());
    assert!(!top(&s).contains("late"), "{}", top(&s));
    assert!(!top(&s).contains("exercise"), "{}", top(&s));
}

#[test]
fn a_tick_passes_through_an_open_question() {
    let mut s = on_exercise(UiLang::En, 80, 24, "2026-01-05T10:10:00Z");
    s.screen = Screen::Query;
    s.query_focus = tisc::tui::state::QueryFocus::Editor;
    typed(&mut s, "solar");
    update(&mut s, Action::ForceQuit);
    assert!(matches!(s.overlay, Some(Overlay::ConfirmDiscard(_))));
    update(&mut s, Action::Tick(at("2026-01-05T10:10:01Z")));
    assert_eq!(s.now, Some(at("2026-01-05T10:10:01Z")));
    assert!(matches!(s.overlay, Some(Overlay::ConfirmDiscard(_))));
    assert!(!s.quit);
}

#[test]
fn s_opens_the_folder_dialog_then_asks_then_hands_in_on_the_worker() {
    let mut s = on_exercise(UiLang::En, 80, 24, "2026-01-05T10:30:00Z");
    assert_eq!(press(&s, 'S'), Some(Action::Submit));
    s.screen = Screen::Report;
    assert_eq!(press(&s, 'S'), Some(Action::Submit));
    s.screen = Screen::Case;

    // Prefilled from $TISC_SUBMIT_DIR (read at start) when no folder was used yet.
    s.submit_dir_default = Some("/srv/default".into());
    assert!(update(&mut s, Action::Submit).is_empty());
    match &s.overlay {
        Some(Overlay::SubmitForm(f)) => {
            assert_eq!(f.value(tisc::tui::state::FormField::Folder), "/srv/default")
        }
        o => panic!("{o:?}"),
    }
    // Typing goes into the folder; `q` is a letter there, not quit.
    assert_eq!(press(&s, 'q'), Some(Action::Input(InputKey::Char('q'))));
    for _ in 0.."/srv/default".len() {
        update(&mut s, Action::Input(InputKey::Backspace));
    }
    // An empty folder is refused under the field.
    update(&mut s, Action::Input(InputKey::Submit));
    match &s.overlay {
        Some(Overlay::SubmitForm(f)) => assert_eq!(
            f.error.as_deref(),
            Some("Name the folder your trainer collects submissions in.")
        ),
        o => panic!("{o:?}"),
    }
    typed(&mut s, "/srv/course");
    assert!(update(&mut s, Action::Input(InputKey::Submit)).is_empty());
    assert_eq!(
        s.overlay,
        Some(Overlay::ConfirmSubmit("/srv/course".into()))
    );
    let shown = screen_text(&s, 80, 24);
    assert!(
        shown.contains("Submit exercise solar-dry-run to /srv/course?"),
        "{shown}"
    );
    // `n` goes back without submitting; `y` submits.
    assert_eq!(press(&s, 'n'), Some(Action::Back));
    assert_eq!(press(&s, 'y'), Some(Action::Confirm));
    let e = update(&mut s, Action::Confirm);
    let gen = match e.as_slice() {
        [Effect::Submit {
            gen,
            case,
            dir,
            lang,
        }] => {
            assert_eq!(case, "solar-pump");
            assert_eq!(dir, &PathBuf::from("/srv/course"));
            assert_eq!(*lang, UiLang::En);
            *gen
        }
        e => panic!("{e:?}"),
    };
    assert_eq!(s.overlay, None);
    assert_eq!(s.status.as_deref(), Some("submitting…"));
    // The folder is remembered, for the next dialog and the next start.
    assert_eq!(s.submit_dir.as_deref(), Some("/srv/course"));
    assert_eq!(session_of(&s).submit_dir.as_deref(), Some("/srv/course"));
    update(&mut s, Action::Submit);
    match &s.overlay {
        Some(Overlay::SubmitForm(f)) => {
            assert_eq!(f.value(tisc::tui::state::FormField::Folder), "/srv/course")
        }
        o => panic!("{o:?}"),
    }
    update(&mut s, Action::Back);
    assert_eq!(s.overlay, None);

    // The result: a message, and the case now says it was submitted.
    update(
        &mut s,
        Action::Job {
            gen,
            done: JobDone::Submitted(Ok(outcome(false, true))),
        },
    );
    assert_eq!(s.status, None);
    match &s.overlay {
        Some(Overlay::Message(m)) => {
            assert!(
                m.contains("Submission written to /srv/course/ada--solar-dry-run.json"),
                "{m}"
            );
            assert!(m.contains("Time taken 40m00s of 45m00s: on time."), "{m}");
            assert!(
                m.contains(
                    "The earlier submission is kept as /srv/course/ada--solar-dry-run.1.json"
                ),
                "{m}"
            );
        }
        o => panic!("{o:?}"),
    }
    let b = s.case.as_ref().and_then(|c| c.exercise.as_ref());
    assert_eq!(
        b.and_then(|b| b.submitted_at.as_deref()),
        Some("2026-01-05T10:40:00Z")
    );
    assert!(screen_text(&s, 80, 24)
        .lines()
        .next()
        .unwrap_or("")
        .contains("· submitted"));
}

#[test]
fn a_late_submission_and_a_failure_are_said() {
    let mut s = on_exercise(UiLang::En, 80, 24, "2026-01-05T10:48:10Z");
    deliver(&mut s, JobDone::Submitted(Ok(outcome(true, false))));
    match &s.overlay {
        Some(Overlay::Message(m)) => {
            assert!(
                m.contains("Time taken 48m10s of 45m00s: late (accepted, and marked late)."),
                "{m}"
            );
            assert!(!m.contains("earlier submission"), "{m}");
        }
        o => panic!("{o:?}"),
    }
    let mut s = on_exercise(UiLang::Fr, 80, 24, "2026-01-05T10:48:10Z");
    deliver(
        &mut s,
        JobDone::Submitted(Err(JobFailure::from("/nowhere : dossier introuvable"))),
    );
    match &s.overlay {
        Some(Overlay::Message(m)) => {
            assert_eq!(m, "Non rendu\u{a0}: /nowhere : dossier introuvable")
        }
        o => panic!("{o:?}"),
    }
    // The case was not marked submitted: the timer still runs.
    assert!(screen_text(&s, 80, 24).contains("en retard 03:10"));
}

#[test]
fn submit_needs_a_case_bound_to_an_exercise() {
    let mut s = fixtures::state(UiLang::En, 80, 24);
    s.screen = Screen::Case;
    assert!(update(&mut s, Action::Submit).is_empty());
    assert_eq!(
        s.overlay,
        Some(Overlay::Message(
            "Open or create a case first (press C for cases).".into()
        ))
    );
    update(&mut s, Action::Back);
    s.case = Some(fixtures::case());
    assert!(update(&mut s, Action::Submit).is_empty());
    match &s.overlay {
        Some(Overlay::Message(m)) => assert!(m.contains("not a workshop exercise"), "{m}"),
        o => panic!("{o:?}"),
    }
}

#[test]
fn the_help_of_the_case_screen_lists_the_submit_key_in_every_language() {
    for (lang, text) in [
        (UiLang::En, "hand in the exercise"),
        (UiLang::Fr, "rendre l'exercice"),
        (UiLang::Es, "entregar el ejercicio"),
    ] {
        let mut s = on_exercise(lang, 150, 50, "2026-01-05T10:10:00Z");
        update(&mut s, Action::Help);
        let shown = screen_text(&s, 150, 50);
        let line = shown
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{lang:?}: {shown}"));
        assert!(line.contains(" S "), "{line}");
    }
}

#[test]
fn snapshots_of_the_timer_the_dialog_and_the_result() {
    snapshots("exercise_left", |lang, w, h| {
        on_exercise(lang, w, h, "2026-01-05T10:32:26Z")
    });
    snapshots("exercise_late", |lang, w, h| {
        on_exercise(lang, w, h, "2026-01-05T10:48:10Z")
    });
    snapshots("exercise_submit_form", |lang, w, h| {
        let mut s = on_exercise(lang, w, h, "2026-01-05T10:40:00Z");
        s.submit_dir = Some("/srv/course".into());
        update(&mut s, Action::Submit);
        s
    });
    snapshots("exercise_submitted", |lang, w, h| {
        let mut s = on_exercise(lang, w, h, "2026-01-05T10:40:00Z");
        deliver(&mut s, JobDone::Submitted(Ok(outcome(false, true))));
        s
    });
}

/// The worker hands in with the library function the CLI uses: the file lands in the folder,
/// a resubmission keeps the earlier file, and a folder that does not exist is said, not made.
/// The pack's gold answer is beside it and shows up nowhere.
#[test]
fn the_worker_writes_the_submission_into_the_folder() {
    use tisc::case::{CaseStore, NewCase};
    use tisc::corpus::Workspace;
    use tisc::search::job::Generation;
    use tisc::tui::worker::{perform, IndexCache};

    let home = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::at(home.path());
    let pack = home.path().join("pack");
    std::fs::create_dir_all(&pack).expect("pack folder");
    std::fs::write(
        pack.join("gold.toml"),
        "[solar-dry-run]\ncitations = [{ doc = \"US9999999B9\", category = \"X\" }]\n",
    )
    .expect("gold");
    let store = CaseStore::new(ws.cases_dir());
    store
        .create("solar-dry-run-ada", NewCase::default())
        .expect("case");
    let mut w = store.open_write("solar-dry-run-ada").expect("writer");
    w.bind_exercise(ExerciseBinding {
        pack_dir: pack.clone(),
        started_at: tisc::model::time::now().to_string(),
        ..binding()
    })
    .expect("bound");
    w.close().expect("closed");

    let folder = tempfile::tempdir().expect("trainer's folder");
    let (tx, _rx) = crossbeam_channel::unbounded();
    let run = |dir: PathBuf| {
        let effect = Effect::Submit {
            gen: 1,
            case: "solar-dry-run-ada".into(),
            dir,
            lang: UiLang::En,
        };
        match perform(
            &ws,
            &IndexCache::default(),
            &Generation::new().start(),
            effect,
            &tx,
        ) {
            JobDone::Submitted(r) => r,
            other => panic!("{other:?}"),
        }
    };
    let first = run(folder.path().to_path_buf()).expect("submitted");
    assert_eq!(first.path, folder.path().join("ada--solar-dry-run.json"));
    assert_eq!(first.kept, None);
    assert!(!first.late);
    let text = std::fs::read_to_string(&first.path).expect("the submission file");
    let sub: tisc::workshop::Submission = serde_json::from_str(&text).expect("a submission");
    assert_eq!(
        (
            sub.trainee.as_str(),
            sub.exercise.as_str(),
            sub.case_id.as_str()
        ),
        ("ada", "solar-dry-run", "solar-dry-run-ada")
    );
    assert!(!text.contains("US9999999B9"), "no gold in the submission");
    // The case on disk says when it was submitted; the workbench shows it.
    let saved = store.open("solar-dry-run-ada").expect("case");
    let submitted = saved.exercise.as_ref().and_then(|b| b.submitted_at.clone());
    assert_eq!(submitted, Some(sub.submitted_at.clone()));
    assert_eq!(*first.case, saved);
    let mut s = fixtures::state(UiLang::En, 80, 24);
    s.case = Some(saved);
    s.screen = Screen::Case;
    deliver(&mut s, JobDone::Submitted(Ok(first)));
    let shown = screen_text(&s, 120, 40);
    assert!(shown.contains("submitted"), "{shown}");
    assert!(!shown.contains("US9999999B9"), "{shown}");

    let again = run(folder.path().to_path_buf()).expect("submitted again");
    assert_eq!(
        again.kept,
        Some(folder.path().join("ada--solar-dry-run.1.json"))
    );

    let missing = folder.path().join("no-such-folder");
    let e = run(missing.clone()).expect_err("refused");
    assert_eq!(
        e.message(),
        format!("{}: no such folder", missing.display())
    );
    assert!(!missing.exists(), "a mistyped folder is not created");
}
