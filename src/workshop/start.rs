//! Starting an exercise: a new case bound to it, filled in from the pack.
//!
//! The case gets the exercise's title, disclosure, cutoff, claims and corpora, the report
//! language of the pack (when it is one tisc writes reports in), and the binding
//! ([`ExerciseBinding`]) whose `started_at` starts the timer. Its id is made of the exercise
//! id and the trainee's name (`solar-1-ada`), with `-2`, `-3`… added when taken. A trainee who
//! already started the exercise is refused (naming the case) unless a new start is asked for.

use super::error::WorkshopError;
use super::{Exercise, ExerciseBinding, Pack};
use crate::case::{Case, CaseStore, ClaimsKind, NewCase, ReportLang};

/// What starting an exercise needs besides the pack.
#[derive(Debug, Clone)]
pub struct StartRequest<'a> {
    /// The pack as the user named it (a name or a path).
    pub pack_arg: &'a str,
    pub exercise: &'a str,
    pub trainee: &'a str,
    /// Start again in a new case although the trainee already has one for the exercise.
    pub again: bool,
}

/// The trainee's name as part of a case id: lower-case ASCII letters and digits, other runs of
/// characters as one `-` (`"A. Lovelace"` → `a-lovelace`).
pub fn trainee_slug(trainee: &str) -> Result<String, WorkshopError> {
    let mut slug = String::new();
    for c in trainee.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(12).collect();
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        return Err(WorkshopError::BadTrainee(trainee.to_string()));
    }
    Ok(slug)
}

/// Whether a case is this trainee's case for this exercise of this pack.
fn is_attempt(case: &Case, pack: &Pack, exercise: &str, trainee: &str) -> bool {
    case.exercise.as_ref().is_some_and(|b| {
        b.exercise == exercise && b.trainee.trim() == trainee.trim() && b.pack_dir == pack.dir
    })
}

/// The case id for a new attempt: `<exercise>-<trainee>`, then `-2`, `-3`… if taken.
fn free_id(store: &CaseStore, base: &str) -> String {
    if !store.case_dir(base).is_ok_and(|d| d.exists()) {
        return base.to_string();
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !store.case_dir(id).is_ok_and(|d| d.exists()))
        .unwrap_or_else(|| base.to_string())
}

/// The disclosure as the case keeps it: a pack wraps its text at a fixed width (a TOML
/// string written in an editor), which the workbench and reports would show as ragged
/// lines. The lines of one paragraph are joined with a space; a blank line still separates
/// paragraphs, and a line that starts a list item (`- `, `* `, `1. `, `(a) `) stays a line.
pub fn reflow(text: &str) -> String {
    let starts_item = |l: &str| {
        let l = l.trim_start();
        l.starts_with("- ")
            || l.starts_with("* ")
            || l.starts_with('(')
            || l.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let mut out = String::new();
    let mut in_paragraph = false;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if in_paragraph {
                out.push_str("\n\n");
            }
            in_paragraph = false;
        } else if in_paragraph && !starts_item(line) {
            out.push(' ');
            out.push_str(line.trim_start());
        } else {
            if in_paragraph {
                out.push('\n');
            }
            out.push_str(line);
            in_paragraph = true;
        }
    }
    out.trim_end().to_string()
}

/// Open a case for the trainee on the exercise; returns it with its binding.
pub fn start(store: &CaseStore, pack: &Pack, req: &StartRequest) -> Result<Case, WorkshopError> {
    let exercise: &Exercise = pack.exercise(req.exercise)?;
    let trainee = req.trainee.trim();
    let slug = trainee_slug(trainee)?;
    if !req.again {
        let existing = store
            .list()
            .into_iter()
            .flatten()
            .find(|c| is_attempt(c, pack, &exercise.id, trainee));
        if let Some(case) = existing {
            return Err(WorkshopError::AlreadyStarted {
                pack: pack.name.clone(),
                exercise: exercise.id.clone(),
                trainee: trainee.to_string(),
                case: case.id,
            });
        }
    }
    let id = free_id(store, &format!("{}-{slug}", exercise.id));
    let new = NewCase {
        title: exercise.title.clone(),
        client: None,
        disclosure: Some(reflow(&exercise.disclosure)),
        language: ReportLang::parse(&pack.language).unwrap_or_default(),
        cutoff: Some(exercise.cutoff),
        priority_date: None,
        filing_date: None,
        ipc: Vec::new(),
        corpora: pack.corpora_of(exercise).to_vec(),
    };
    store.create(&id, new)?;
    let mut writer = store.open_write(&id)?;
    writer.set_claims(ClaimsKind::Claims, exercise.claims.clone())?;
    writer.bind_exercise(ExerciseBinding {
        pack: req.pack_arg.to_string(),
        pack_dir: pack.dir.clone(),
        pack_title: pack.title.clone(),
        exercise: exercise.id.clone(),
        trainee: trainee.to_string(),
        started_at: crate::model::time::now().to_string(),
        time_limit_secs: exercise.time_limit_secs,
        submitted_at: None,
    })?;
    Ok(writer.close()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trainee_name_becomes_a_short_lower_case_slug() {
        assert_eq!(trainee_slug("A. Lovelace").unwrap(), "a-lovelace");
        assert_eq!(trainee_slug("  ada  ").unwrap(), "ada");
        assert_eq!(trainee_slug("Zoë Ndlovu").unwrap(), "zo-ndlovu");
        assert_eq!(
            trainee_slug("maximilian-alexander").unwrap(),
            "maximilian-a"
        );
        assert!(matches!(
            trainee_slug("—"),
            Err(WorkshopError::BadTrainee(_))
        ));
    }

    #[test]
    fn a_wrapped_disclosure_becomes_paragraphs_and_list_items_stay_lines() {
        let text = "Herders water their animals\nfrom shallow wells.\n\n\nTwo faults:\n- dust\nand straw;\n2. dung\n(a) heat\n";
        assert_eq!(
            reflow(text),
            "Herders water their animals from shallow wells.\n\nTwo faults:\n- dust and straw;\n2. dung\n(a) heat"
        );
        assert_eq!(reflow("one line"), "one line");
        assert_eq!(reflow("\n\n"), "");
    }
}
