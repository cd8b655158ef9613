//! Removing a strategy from the history or a citation from the open case (`d`): checked
//! against the case, confirmed, then done by the worker; correcting a strategy under its
//! number (`c`). The case file keeps what is removed and what is replaced.

use super::keys::{check_editor, has_draft};
use super::message;
use crate::tui::action::{Effect, JobKind, Removal};
use crate::tui::state::{Overlay, QueryFocus, Screen, State};
use crate::tui::strings::fill;

/// `d`: what is under the cursor, refused with a message when it cannot be removed, else a
/// question.
pub(super) fn ask_remove(s: &mut State) {
    let st = s.strings();
    let Some(case) = &s.case else {
        message(s, st.need_case);
        return;
    };
    let what = match s.screen {
        Screen::Query if s.query_focus == QueryFocus::History => s
            .history
            .get(s.history_cursor.selected)
            .map(|h| Removal::Strategy(h.number)),
        Screen::Case => case
            .citations
            .get(s.citation_cursor)
            .map(|c| Removal::Citation(c.doc.id.clone())),
        _ => None,
    };
    let Some(what) = what else {
        s.status = Some(st.nothing_to_remove.to_string());
        return;
    };
    if let Removal::Strategy(n) = what {
        if let Some(user) = case.user_of(n) {
            let text = fill(
                &fill(st.set_in_use, "n", &n.to_string()),
                "by",
                &user.number.to_string(),
            );
            message(s, text);
            return;
        }
    }
    s.overlay = Some(Overlay::ConfirmRemove(what));
}

/// `y` on the question: the removal goes to the worker.
pub(super) fn confirm_remove(s: &mut State) -> Vec<Effect> {
    let Some(Overlay::ConfirmRemove(what)) = s.overlay.take() else {
        return Vec::new();
    };
    let Some(case) = s.case.as_ref().map(|c| c.id.clone()) else {
        return Vec::new();
    };
    vec![Effect::Remove {
        gen: s.issue(JobKind::Case),
        case,
        what,
    }]
}

/// The case came back without the removed entry: keep the cursors on the list.
pub(super) fn after_removal(s: &mut State, what: &str) {
    let n = s.history.len();
    s.history_cursor.move_by(0, n);
    let cited = s.case.as_ref().map_or(0, |c| c.citations.len());
    s.citation_cursor = s.citation_cursor.min(cited.saturating_sub(1));
    s.status = Some(fill(s.strings().removed, "what", what));
    // A correction of a strategy that is no longer there has nothing left to correct.
    if let Some(n) = s.correcting {
        if !s.history.iter().any(|h| h.number == n) {
            s.correcting = None;
        }
    }
}

/// `c` on a history line: its strategy into the editor in correcting mode, where Enter
/// records the corrected strategy under the same number.
pub(super) fn correct_strategy(s: &mut State) {
    if s.screen != Screen::Query {
        return;
    }
    if let Some(h) = s.history.get(s.history_cursor.selected) {
        let (q, n) = (h.query.clone(), h.number);
        s.editor.set_text(&q);
        s.correcting = Some(n);
        s.query_focus = QueryFocus::Editor;
        s.completions.clear();
        check_editor(s);
    }
}

/// Whether Esc would leave a correction whose text was changed: then it asks first.
pub(super) fn leaving_changed_correction(s: &State) -> bool {
    s.correcting.is_some()
        && s.overlay.is_none()
        && s.screen == Screen::Query
        && s.query_focus == QueryFocus::Editor
        && has_draft(s)
}

/// Leave correcting mode; the editor's copy of the strategy goes with it.
pub(super) fn leave_correcting(s: &mut State) {
    if s.correcting.take().is_some() {
        s.editor.set_text("");
        s.parse_error = None;
    }
}

/// A correction's search came back: `#n` holds the new strategy (in the case, recorded by
/// the worker; in a scratch session, here), and correcting mode ends.
pub(super) fn corrected(s: &mut State, n: u32, hits: &[(String, u64)]) {
    if s.correcting == Some(n) {
        s.correcting = None;
    }
    if s.case.is_none() {
        let query = s.results.query.clone();
        if let Some(h) = s.history.iter_mut().find(|h| h.number == n) {
            h.query = query;
            h.hits = hits.to_vec();
        }
    }
    s.status = Some(fill(s.strings().corrected, "n", &n.to_string()));
}

/// The strategy whose words the viewer marks: the results' strategy, with the words of the
/// history sets it contains.
pub(super) fn viewer_query(s: &State) -> String {
    let history: Vec<(u32, String)> = s
        .history
        .iter()
        .map(|h| (h.number, h.query.clone()))
        .collect();
    crate::tui::highlight::with_sets(&s.results.query, &history)
}

/// Up/Down in the case view also select a citation.
pub(super) fn move_citation_cursor(s: &mut State, delta: i64) {
    let cited = s.case.as_ref().map_or(0, |c| c.citations.len());
    let at = i64::try_from(s.citation_cursor).unwrap_or(0);
    s.citation_cursor = usize::try_from(
        at.saturating_add(delta)
            .clamp(0, i64::try_from(cited.saturating_sub(1)).unwrap_or(0)),
    )
    .unwrap_or(0);
}
