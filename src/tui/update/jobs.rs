//! Applying the results of background jobs to the state.

use super::{goto, message, sorted_order};
use crate::tui::action::{Effect, JobDone, JobKind};
use crate::tui::highlight::match_lines;
use crate::tui::state::{HistoryEntry, QueryFocus, Screen, State};
use crate::tui::strings::fill;

fn open_case(s: &mut State, case: crate::case::Case) {
    if s.case.as_ref().map(|c| &c.id) != Some(&case.id) {
        s.report.lang = case.language;
        s.history_cursor = Default::default();
        // A correction belongs to the history it was started from.
        s.correcting = None;
    }
    s.history = case
        .history
        .iter()
        .map(|h| HistoryEntry {
            number: h.number,
            query: h.query.clone(),
            hits: h.hits.iter().map(|c| (c.corpus.clone(), c.hits)).collect(),
        })
        .collect();
    s.case = Some(case);
}

/// Apply a job result that is the latest of its kind.
pub(super) fn job(s: &mut State, done: JobDone) -> Vec<Effect> {
    let st = s.strings();
    let lang = s.lang.code();
    match done {
        JobDone::Searched(Ok(out)) => {
            s.results_before = None;
            let r = &mut s.results;
            r.searching = false;
            r.order = sorted_order(&out.hits, r.sort);
            r.hits = out.hits;
            r.per_corpus = out.per_corpus.clone();
            r.warnings = out.warnings;
            r.meaning = out.meaning;
            r.cursor = Default::default();
            if let Some(n) = s.results.corrects {
                super::record::corrected(s, n, &out.per_corpus);
            }
            if !out.failures.is_empty() {
                s.status = Some(out.failures.join("; "));
            }
            match (out.recorded, &s.case) {
                (Some(_), Some(c)) => {
                    let id = c.id.clone();
                    return vec![Effect::LoadCase {
                        gen: s.issue(JobKind::Case),
                        id,
                    }];
                }
                // A set shown again is already in the history.
                _ if s.case.is_none()
                    && s.results.set.is_none()
                    && s.results.corrects.is_none() =>
                {
                    let number = s.history.iter().map(|h| h.number).max().unwrap_or(0) + 1;
                    s.history.push(HistoryEntry {
                        number,
                        query: out.query,
                        hits: out.per_corpus,
                    });
                }
                _ => {}
            }
        }
        JobDone::Searched(Err(e)) => {
            super::keys::search_failed(s);
            message(s, e);
        }
        JobDone::DocumentLoaded(Ok(d)) => {
            let doc = &mut s.document;
            doc.matches = match_lines(&d.lines);
            doc.title = d.doc.biblio.title().to_string();
            doc.lines = d.lines;
            doc.loading = false;
            doc.scroll = 0;
            doc.current_match = None;
            doc.sections = crate::tui::docnav::sections(&doc.lines);
            doc.find = None;
        }
        JobDone::DocumentLoaded(Err(e)) => {
            s.document.loading = false;
            message(s, e);
        }
        JobDone::CorporaLoaded(rows) => {
            s.corpora = rows;
            let n = s.corpora.len();
            s.corpora_cursor.move_by(0, n);
        }
        JobDone::CasesLoaded(cases) => {
            s.cases = cases;
            let n = s.cases.len();
            s.cases_cursor.move_by(0, n);
        }
        JobDone::CaseLoaded(Ok(case)) | JobDone::CaseCreated(Ok(case)) => {
            let id = case.id.clone();
            let switched = s.case.as_ref().map(|c| &c.id) != Some(&id);
            open_case(s, *case);
            if let Some(to) = s.restore_screen.take() {
                return super::keys::restored(s, to);
            }
            if s.screen == Screen::Cases || switched {
                s.status = Some(fill(st.opened, "id", &id));
                goto(s, Screen::Case);
                return vec![Effect::LoadCases {
                    gen: s.issue(JobKind::Cases),
                }];
            }
        }
        JobDone::CaseLoaded(Err(e)) | JobDone::CaseCreated(Err(e)) => {
            s.restore_screen = None;
            message(s, e)
        }
        JobDone::CaseEdited(Ok(case)) => {
            let id = case.id.clone();
            open_case(s, *case);
            s.status = Some(fill(st.saved_case, "id", &id));
            // The title shown in the list of cases may have changed.
            return vec![Effect::LoadCases {
                gen: s.issue(JobKind::Cases),
            }];
        }
        JobDone::CaseEdited(Err(e)) => message(s, e),
        JobDone::Submitted(result) => super::workshop::done(s, result),
        JobDone::Removed { what, case } => match case {
            Ok(case) => {
                open_case(s, *case);
                super::record::after_removal(s, &what);
            }
            Err(e) => message(s, e),
        },
        JobDone::CaseDeleted(Ok(id)) => {
            if s.case.as_ref().is_some_and(|c| c.id == id) {
                s.case = None;
                s.history.clear();
            }
            s.status = Some(fill(st.deleted, "id", &id));
            return vec![Effect::LoadCases {
                gen: s.issue(JobKind::Cases),
            }];
        }
        JobDone::CaseDeleted(Err(e)) => message(s, e),
        JobDone::Cited(Ok(doc)) => {
            if let Some(c) = &s.case {
                let id = c.id.clone();
                s.status = Some(fill(&fill(st.cited_in, "id", &doc), "case", &id));
                return vec![Effect::LoadCase {
                    gen: s.issue(JobKind::Case),
                    id,
                }];
            }
        }
        JobDone::Cited(Err(e)) => message(s, e),
        JobDone::ReportRendered(Ok(text)) => {
            s.report.lines = text.lines().map(str::to_string).collect();
            s.report.loading = false;
        }
        JobDone::ReportRendered(Err(e)) => {
            s.report.loading = false;
            message(s, e);
        }
        JobDone::Exported(Ok(path)) => {
            let shown = fill(st.exported, "path", &path.display().to_string());
            s.report.exported = Some(shown.clone());
            s.status = Some(shown);
        }
        JobDone::Exported(Err(e)) => message(s, e),
        JobDone::IndexProgress {
            bytes,
            total,
            docs,
            committing,
        } => {
            if let Some(j) = &mut s.index_job {
                j.bytes = bytes;
                j.total = total;
                j.docs = docs;
                j.committing = committing;
            }
        }
        JobDone::EmbedProgress {
            done,
            total,
            per_second,
        } => {
            if let Some(j) = &mut s.embed_job {
                j.done = done;
                j.total = total;
                j.per_second = per_second;
            }
        }
        JobDone::Embedded(result) => {
            s.embed_job = None;
            match result {
                Ok(done) => {
                    let have = fill(
                        &fill(st.embed_have, "with", &done.with_vector.to_string()),
                        "of",
                        &done.embeddable.to_string(),
                    );
                    let mut text = fill(
                        &st.embed_done.count(lang, done.embedded),
                        "id",
                        &done.corpus,
                    );
                    text.push_str(" · ");
                    text.push_str(&have);
                    if done.failed > 0 {
                        text.push_str(" · ");
                        text.push_str(&st.embed_failed.count(lang, done.failed));
                    }
                    s.status = Some(text);
                }
                Err(e) => message(s, e),
            }
            return vec![Effect::LoadCorpora {
                gen: s.issue(JobKind::Corpora),
            }];
        }
        JobDone::ExampleReady(Ok(ex)) => {
            // Into the editor, not run: the user reads it, edits it and runs it with Enter.
            s.editor.set_text(&ex.strategy);
            s.example = s.case.as_ref().and_then(|c| c.disclosure.clone());
            super::keys::check_editor(s);
            s.completions.clear();
            goto(s, Screen::Query);
            s.query_focus = QueryFocus::Editor;
            let ready = fill(
                &st.example_ready.count(lang, ex.terms as u64),
                "id",
                &ex.corpus,
            );
            s.status = Some(fill(&ready, "lang", &example_lang(st, &ex.lang)));
        }
        JobDone::ExampleReady(Err(e)) => {
            s.status = None;
            message(s, e);
        }
        JobDone::Indexed(result) => {
            s.index_job = None;
            match result {
                Ok(done) => {
                    s.status = Some(fill(
                        &st.index_done.count(lang, done.documents),
                        "id",
                        &done.corpus,
                    ))
                }
                Err(e) => message(s, e),
            }
            return vec![Effect::LoadCorpora {
                gen: s.issue(JobKind::Corpora),
            }];
        }
    }
    Vec::new()
}

/// The language query by example read a disclosure in, and whether it was guessed or fallen
/// back to, as the status line says it (`fr, guessed from the disclosure`).
fn example_lang(st: &crate::tui::strings::Strings, g: &crate::lang::guess::LangGuess) -> String {
    use crate::lang::guess::{LangSource, MIN_CONTENT_WORDS};
    let template = match g.source {
        LangSource::Guessed => st.example_guessed,
        LangSource::Corpus => st.example_corpus_lang,
        LangSource::Interface => st.example_interface_lang,
    };
    fill(
        &fill(template, "lang", g.lang.as_str()),
        "n",
        &MIN_CONTENT_WORDS.to_string(),
    )
}
