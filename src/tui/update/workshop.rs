//! The submit key of a case bound to a workshop exercise: the folder dialog, the
//! confirmation, the effect that hands the exercise in (on the worker), and its result.

use super::message;
use crate::tui::action::{Effect, InputKey, JobFailure, JobKind, SubmitOutcome};
use crate::tui::input::TextInput;
use crate::tui::state::{Form, FormField, Overlay, State};
use crate::tui::strings::fill;
use crate::workshop::results::duration;

/// `S`: the submit dialog, its folder prefilled with the last one used (else
/// `$TISC_SUBMIT_DIR`). Refused, with a message, without an open case bound to an exercise.
pub(super) fn open(s: &mut State) {
    let st = s.strings();
    let Some(case) = &s.case else {
        message(s, st.need_case);
        return;
    };
    if case.exercise.is_none() {
        message(s, st.workshop.not_exercise);
        return;
    }
    let folder = s
        .submit_dir
        .clone()
        .or_else(|| s.submit_dir_default.clone())
        .unwrap_or_default();
    s.overlay = Some(Overlay::SubmitForm(Form::new(
        "",
        vec![(FormField::Folder, TextInput::single(&folder))],
    )));
}

/// A key typed in the submit dialog: Enter asks for confirmation of a non-empty folder.
pub(super) fn input(s: &mut State, key: InputKey) -> Vec<Effect> {
    let needed = s.strings().workshop.folder_needed;
    let Some(Overlay::SubmitForm(form)) = &mut s.overlay else {
        return Vec::new();
    };
    match key {
        InputKey::Submit => {
            let dir = form.value(FormField::Folder);
            if dir.is_empty() {
                form.error = Some(needed.to_string());
            } else {
                s.overlay = Some(Overlay::ConfirmSubmit(dir));
            }
        }
        // One line, one field: nothing to complete or move to.
        InputKey::Complete | InputKey::Newline | InputKey::Up | InputKey::Down => {}
        other => {
            if let Some((_, field)) = form.fields.first_mut() {
                field.apply(other);
            }
            form.error = None;
        }
    }
    Vec::new()
}

/// `y` to "submit to DIR?": the worker hands the exercise in; the folder is remembered.
pub(super) fn confirm(s: &mut State) -> Vec<Effect> {
    let Some(Overlay::ConfirmSubmit(dir)) = s.overlay.take() else {
        return Vec::new();
    };
    let Some(case) = s.case.as_ref().map(|c| c.id.clone()) else {
        return Vec::new();
    };
    s.status = Some(s.strings().workshop.submitting.to_string());
    s.submit_dir = Some(dir.clone());
    vec![Effect::Submit {
        gen: s.issue(JobKind::Submit),
        case,
        dir: dir.into(),
        lang: s.lang,
    }]
}

/// The exercise was handed in (or not): the case now says it was submitted, and a message
/// says where the file went, whether it was late, and where an earlier one was kept.
pub(super) fn done(s: &mut State, result: Result<SubmitOutcome, JobFailure>) {
    let st = s.strings();
    let w = st.workshop;
    s.status = None;
    let out = match result {
        Ok(out) => out,
        Err(e) => {
            message(s, fill(w.failed, "why", e.message()));
            return;
        }
    };
    let mut lines = vec![fill(w.written, "path", &out.path.display().to_string())];
    let taken = if out.late { w.was_late } else { w.on_time };
    lines.push(fill(
        &fill(taken, "t", &duration(out.elapsed_secs)),
        "limit",
        &duration(out.time_limit_secs),
    ));
    if let Some(kept) = &out.kept {
        lines.push(fill(w.kept, "path", &kept.display().to_string()));
    }
    if !out.skipped.is_empty() {
        lines.push(fill(w.skipped, "why", &out.skipped.join("; ")));
    }
    let case = *out.case;
    if let Some(row) = s.cases.iter_mut().find(|c| c.id == case.id) {
        *row = case.clone();
    }
    if s.case.as_ref().is_some_and(|c| c.id == case.id) {
        s.case = Some(case);
    }
    message(s, lines.join("\n"));
}
