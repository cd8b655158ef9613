//! The timer of a case bound to a workshop exercise: time left, time past the limit, or
//! submitted, computed from the case's binding and the clock the state was last given
//! ([`super::action::Action::Tick`]). Pure: the views call it on every frame.

use super::strings::{fill, Strings};
use crate::case::Case;
use crate::model::time::Timestamp;

/// Where an exercise stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Seconds left before the limit (0 at the limit itself: a submission then is on time).
    Left(u64),
    /// Seconds past the limit.
    Late(u64),
    /// Handed in (the last submission's time is in the binding).
    Submitted,
}

/// The clock of `case` at `now`: `None` when the case is not an exercise, or before the
/// first tick (or when its start time cannot be read) — nothing is shown then rather than a
/// wrong time.
pub fn clock(case: &Case, now: Option<Timestamp>) -> Option<Clock> {
    let b = case.exercise.as_ref()?;
    if b.submitted_at.is_some() {
        return Some(Clock::Submitted);
    }
    let start: Timestamp = b.started_at.parse().ok()?;
    let elapsed = u64::try_from(now?.unix() - start.unix()).unwrap_or(0);
    Some(if elapsed > b.time_limit_secs {
        Clock::Late(elapsed - b.time_limit_secs)
    } else {
        Clock::Left(b.time_limit_secs - elapsed)
    })
}

/// `mm:ss`, or `h:mm:ss` from an hour on.
pub fn hms(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// The clock alone as the title line shows it: `12:34 left`, `late 03:10`, `submitted`.
pub fn clock_text(clock: Clock, st: &Strings) -> String {
    let w = st.workshop;
    match clock {
        Clock::Left(s) => fill(w.left, "t", &hms(s)),
        Clock::Late(s) => fill(w.late, "t", &hms(s)),
        Clock::Submitted => w.submitted.to_string(),
    }
}

/// The exercise and its clock as the title line shows them: `exercise ex1 · 12:34 left`.
pub fn label(case: &Case, now: Option<Timestamp>, st: &Strings) -> Option<String> {
    let b = case.exercise.as_ref()?;
    let ex = fill(st.workshop.exercise, "id", &b.exercise);
    Some(match clock(case, now) {
        None => ex,
        Some(c) => format!("{ex} · {}", clock_text(c, st)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::NewCase;
    use crate::tui::strings::UiLang;
    use crate::workshop::ExerciseBinding;

    fn at(s: &str) -> Option<Timestamp> {
        Some(s.parse().expect("a timestamp"))
    }

    fn bound(limit: u64) -> Case {
        let mut case = Case::new("c1", NewCase::default(), "2026-01-01T00:00:00Z");
        case.exercise = Some(ExerciseBinding {
            pack: "beginner".into(),
            pack_dir: "/packs/beginner".into(),
            pack_title: "Beginner".into(),
            exercise: "ex1".into(),
            trainee: "ada".into(),
            started_at: "2026-01-01T10:00:00Z".into(),
            time_limit_secs: limit,
            submitted_at: None,
        });
        case
    }

    #[test]
    fn the_clock_counts_down_then_up_past_the_limit() {
        let case = bound(45 * 60);
        assert_eq!(
            clock(&case, at("2026-01-01T10:00:00Z")),
            Some(Clock::Left(2700))
        );
        assert_eq!(
            clock(&case, at("2026-01-01T10:32:26Z")),
            Some(Clock::Left(754))
        );
        assert_eq!(
            clock(&case, at("2026-01-01T10:45:00Z")),
            Some(Clock::Left(0))
        );
        assert_eq!(
            clock(&case, at("2026-01-01T10:48:10Z")),
            Some(Clock::Late(190))
        );
        // A clock behind the start counts as no time taken.
        assert_eq!(
            clock(&case, at("2026-01-01T09:00:00Z")),
            Some(Clock::Left(2700))
        );
        assert_eq!(clock(&case, None), None);
        let plain = Case::new("c2", NewCase::default(), "2026-01-01T00:00:00Z");
        assert_eq!(clock(&plain, at("2026-01-01T10:00:00Z")), None);
    }

    #[test]
    fn labels_read_in_the_interface_language() {
        let mut case = bound(45 * 60);
        let en = UiLang::En.strings();
        let fr = UiLang::Fr.strings();
        let now = at("2026-01-01T10:32:26Z");
        assert_eq!(
            label(&case, now, en).as_deref(),
            Some("exercise ex1 · 12:34 left")
        );
        assert_eq!(
            label(&case, now, fr).as_deref(),
            Some("exercice ex1 · reste 12:34")
        );
        assert_eq!(
            label(&case, at("2026-01-01T10:48:10Z"), en).as_deref(),
            Some("exercise ex1 · late 03:10")
        );
        assert_eq!(label(&case, None, en).as_deref(), Some("exercise ex1"));
        if let Some(b) = case.exercise.as_mut() {
            b.submitted_at = Some("2026-01-01T10:40:00Z".into());
        }
        assert_eq!(
            label(&case, now, en).as_deref(),
            Some("exercise ex1 · submitted")
        );
        assert_eq!(hms(3 * 3600 + 62), "3:01:02");
    }
}
