//! tisc's serving side: the strategies through the search session as the CLI runs them
//! (`Session::query`, `Session::free_text`, query by example as `tisc search --batch`),
//! then the 10-strategy job over two corpora and the workbench's first frame and first
//! result list, off screen, on the size's workspace.

use super::queries::{Class, Query};
use super::{time_all, JobFigures, ScaleError, ServeFigures, SizeDirs, TuiFigures, CORPUS, TOP};
use crate::ingest::current_rss;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::{Duration, Instant};
use tisc::corpus::Workspace;
use tisc::index::CorpusIndex;
use tisc::search::freetext::Bm25Params;
use tisc::search::job::{self, Generation, JobRequest, Strategy};
use tisc::search::{no_history, qbe, Session};
use tisc::tui::action::{Action, InputKey};
use tisc::tui::App;

/// Key terms of query by example (the CLI's default).
const QBE_TERMS: usize = 30;

/// The strategies of the job: the first two of each class that has a strategy of its own.
pub fn job_strategies(queries: &[Query]) -> Vec<String> {
    let mut out = Vec::new();
    for class in [
        Class::Boolean,
        Class::Truncation,
        Class::NearAdj,
        Class::Classification,
        Class::Date,
    ] {
        out.extend(
            queries
                .iter()
                .filter(|q| q.class == class)
                .take(2)
                .map(|q| q.tisc.clone()),
        );
    }
    out
}

pub fn serve(dirs: &SizeDirs, queries: &[Query], reps: usize) -> Result<ServeFigures, ScaleError> {
    let ws = Workspace::at(&dirs.home());
    let dir = ws.index_dir(CORPUS);
    let index = CorpusIndex::open(&dir, CORPUS)?;
    let session = Session::new(&index)?;
    let params = Bm25Params::batch();
    let mut qbe_terms: Vec<Vec<String>> = Vec::new();
    // The scale queries are English; a short one is taken as English too.
    let english =
        qbe::LangGuess::fallback(tisc::model::Lang::new("en"), qbe::LangSource::Interface);
    let run = |q: &Query| -> Result<(Option<u64>, usize), ScaleError> {
        Ok(match q.class {
            Class::FreeText => {
                let top = session.free_text(&params, &q.tisc, TOP)?;
                (None, session.ids_of(top)?.len())
            }
            Class::Qbe => {
                let (terms, _) = qbe::example_terms(
                    &[qbe::Source::of_session(&session)],
                    &q.tisc,
                    QBE_TERMS,
                    false,
                    &english,
                )?;
                if terms.is_empty() {
                    (None, 0)
                } else {
                    let (top, info) = session.query(&qbe::strategy(&terms), TOP, &no_history)?;
                    (Some(info.count as u64), session.ids_of(top)?.len())
                }
            }
            _ => {
                let (top, info) = session.query(&q.tisc, TOP, &no_history)?;
                // A result names its documents: the ids of the top, as the twin returns them.
                (Some(info.count as u64), session.ids_of(top)?.len())
            }
        })
    };
    let mut timings = time_all(queries, reps, |q| q.tisc.clone(), run)?;
    // Query by example returns a ranked list: its count is that of the OR of its terms,
    // not compared with anyone; kept only as information.
    for (q, t) in queries.iter().zip(timings.iter_mut()) {
        if q.class == Class::Qbe {
            let (terms, _) = qbe::example_terms(
                &[qbe::Source::of_session(&session)],
                &q.tisc,
                QBE_TERMS,
                false,
                &english,
            )?;
            qbe_terms.push(terms.into_iter().map(|t| t.word).collect());
            t.count = None;
        }
    }
    let rss_serving_bytes = current_rss();
    let job = run_job(&dir, &job_strategies(queries), reps)?;
    let first = queries
        .iter()
        .find(|q| q.class == Class::Boolean)
        .map_or_else(|| "device".to_string(), |q| q.tisc.clone());
    let tui = first_frame(&ws, &first)?;
    Ok(ServeFigures {
        system: "tisc".into(),
        documents: index.num_docs(),
        queries: timings,
        rss_serving_bytes,
        qbe_terms,
        job: Some(job),
        tui: Some(tui),
    })
}

/// The job of `strategies` over two corpora (the size's index opened twice, as two corpora
/// of one workspace are), one cold run and `reps` warm ones.
fn run_job(
    dir: &std::path::Path,
    strategies: &[String],
    reps: usize,
) -> Result<JobFigures, ScaleError> {
    let a = CorpusIndex::open(dir, CORPUS)?;
    let b = CorpusIndex::open(dir, &format!("{CORPUS}-2"))?;
    let indexes = [&a, &b];
    let req = JobRequest {
        strategies: Strategy::numbered(strategies, 1),
        per_list: TOP,
        limit: TOP,
        cutoff: None,
        group: true,
        snippets: true,
        merge: Default::default(),
        meaning: None,
    };
    let g = Generation::new();
    let once = || -> Result<(f64, usize), ScaleError> {
        let cancel = g.start();
        let t = Instant::now();
        let r = job::run_until_cancelled(&indexes, &req, &cancel, &no_history, &|_, _| {})?;
        Ok((t.elapsed().as_secs_f64() * 1e3, r.rows.len()))
    };
    let (cold_ms, rows) = once()?;
    let mut warm_ms = Vec::with_capacity(reps);
    for _ in 0..reps.max(1) {
        warm_ms.push(once()?.0);
    }
    Ok(JobFigures {
        strategies: strategies.len(),
        corpora: indexes.len(),
        rows,
        cold_ms,
        warm_ms,
    })
}

/// The workbench on `ws`, off screen at 120×40: its first frame, the frame with the corpora
/// listed, and `strategy` from Enter to its result list drawn (as `tisc-bench tui` times
/// them on the demo corpus).
fn first_frame(ws: &Workspace, strategy: &str) -> Result<TuiFigures, ScaleError> {
    let other = |e: &dyn std::fmt::Display| ScaleError::Other(format!("workbench: {e}"));
    let config = tisc::config::Config::load(ws).map_err(|e| other(&e))?;
    let (w, h) = (120, 40);
    let mut term = Terminal::new(TestBackend::new(w, h)).map_err(|e| other(&e))?;
    let t = Instant::now();
    let mut app = App::new(ws, &config);
    app.handle(Action::Resize(w, h));
    app.draw(&mut term).map_err(|e| other(&e))?;
    let first_frame_ms = t.elapsed().as_secs_f64() * 1e3;
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.state.corpora.is_empty() && Instant::now() < deadline {
        app.wait_job(Duration::from_millis(5));
    }
    app.draw(&mut term).map_err(|e| other(&e))?;
    let corpora_listed_ms = t.elapsed().as_secs_f64() * 1e3;
    app.handle(Action::OpenQuery);
    for c in strategy.chars() {
        app.handle(Action::Input(InputKey::Char(c)));
    }
    let t = Instant::now();
    app.handle(Action::Input(InputKey::Submit));
    let deadline = Instant::now() + Duration::from_secs(60);
    while app.state.results.searching && Instant::now() < deadline {
        app.wait_job(Duration::from_millis(5));
    }
    app.draw(&mut term).map_err(|e| other(&e))?;
    let first_results_ms = t.elapsed().as_secs_f64() * 1e3;
    if app.state.results.searching {
        return Err(ScaleError::Other(format!(
            "workbench: `{strategy}` had no result list after 60 s"
        )));
    }
    Ok(TuiFigures {
        first_frame_ms,
        corpora_listed_ms,
        first_results_ms,
        strategy: strategy.to_string(),
        hits: app.state.results.hits.len(),
    })
}
