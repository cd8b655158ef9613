//! Running effects off the UI thread: each [`Effect`] runs on a worker thread and its result
//! comes back through the one channel the event loop reads, as [`Action::Job`] with the
//! effect's generation number.
//!
//! [`perform`] does the work and returns the result; [`Worker::spawn`] runs it on a thread.
//! Each job fails with a typed [`WorkerError`], which becomes a [`JobFailure`] message for
//! the UI to show: a failed job never ends the workbench.

use super::action::{
    Action, CaseDraft, CitationDraft, Effect, ExportFormat, JobDone, JobFailure, JobKind,
    LoadedDocument, SearchOutcome,
};
use super::strings::UiLang;
use super::worker_corpora::{corpora, embed_corpus, index_corpus};
pub use super::worker_error::WorkerError;
use super::worker_example::by_example;
use crate::case::{CaseEdit, CaseError, CaseStore, Categories, Citation, NewCase, ReportLang};
use crate::corpus::{self, Workspace};
use crate::index::{self, CorpusIndex};
use crate::model::Date;
use crate::search::job::{self, CancelToken, Generation, JobRequest, Strategy};
use crate::search::lookup::{self, Reference};
use crate::search::HistoryError;
use crossbeam_channel::Sender;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Opened indexes, kept between jobs (opening one reads its metadata and segments), and the
/// model and vectors of search by meaning (reading them costs far more than a search).
#[derive(Default, Clone)]
pub struct IndexCache {
    open: Arc<Mutex<HashMap<String, Arc<CorpusIndex>>>>,
    pub(super) meaning: crate::semantic::plan_cache::PlanCache,
}

impl IndexCache {
    fn get(&self, ws: &Workspace, name: &str) -> Result<Arc<CorpusIndex>, WorkerError> {
        if let Some(i) = self.open.lock().ok().and_then(|m| m.get(name).cloned()) {
            return Ok(i);
        }
        corpus::find(ws, name)?;
        let idx = Arc::new(CorpusIndex::open(&ws.index_dir(name), name)?);
        if let Ok(mut m) = self.open.lock() {
            m.insert(name.to_string(), idx.clone());
        }
        Ok(idx)
    }

    fn forget(&self, name: &str) {
        if let Ok(mut m) = self.open.lock() {
            m.remove(name);
        }
    }
}

/// Runs effects on threads and sends their results to the event loop.
#[derive(Clone)]
pub struct Worker {
    ws: Workspace,
    cache: IndexCache,
    /// Search jobs' generations: starting a search makes the running one stop early.
    searches: Generation,
    tx: Sender<Action>,
}

impl Worker {
    pub fn new(ws: Workspace, tx: Sender<Action>) -> Worker {
        Worker {
            ws,
            cache: IndexCache::default(),
            searches: Generation::new(),
            tx,
        }
    }

    /// Run `effect` on its own thread; its result arrives on the channel.
    pub fn spawn(&self, effect: Effect) {
        let w = self.clone();
        // Taken here, in the order effects are issued, not in the order threads start.
        let cancel = if matches!(effect, Effect::Search { .. }) {
            self.searches.start()
        } else {
            self.searches.token(self.searches.current())
        };
        std::thread::spawn(move || {
            let gen = gen_of(&effect);
            let kind = effect_kind(&effect);
            let run =
                std::panic::AssertUnwindSafe(|| perform(&w.ws, &w.cache, &cancel, effect, &w.tx));
            // A bug in a job must not take the workbench down: it becomes a message.
            let done = std::panic::catch_unwind(run).unwrap_or_else(|p| {
                let why = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                failed(
                    kind,
                    format!("internal error (please report it): {why}").into(),
                )
            });
            // The receiver is gone only when the workbench has quit.
            let _ = w.tx.send(Action::Job { gen, done });
        });
    }
}

/// The kind of result an effect produces.
fn effect_kind(e: &Effect) -> JobKind {
    match e {
        Effect::Search { .. } => JobKind::Search,
        Effect::LoadDocument { .. } => JobKind::Document,
        Effect::LoadCorpora { .. } => JobKind::Corpora,
        Effect::LoadCases { .. } | Effect::DeleteCase { .. } => JobKind::Cases,
        Effect::LoadCase { .. }
        | Effect::CreateCase { .. }
        | Effect::EditCase { .. }
        | Effect::Remove { .. } => JobKind::Case,
        Effect::Cite { .. } => JobKind::Cite,
        Effect::RenderReport { .. } => JobKind::Report,
        Effect::Export { .. } => JobKind::Export,
        Effect::Index { .. } => JobKind::Index,
        Effect::Embed { .. } => JobKind::Embed,
        Effect::Example { .. } => JobKind::Example,
        Effect::Submit { .. } => JobKind::Submit,
    }
}

/// A failed result of the given kind.
fn failed(kind: JobKind, message: JobFailure) -> JobDone {
    match kind {
        JobKind::Search => JobDone::Searched(Err(message)),
        JobKind::Document => JobDone::DocumentLoaded(Err(message)),
        JobKind::Corpora => JobDone::CorporaLoaded(Vec::new()),
        JobKind::Cases => JobDone::CaseDeleted(Err(message)),
        JobKind::Case => JobDone::CaseLoaded(Err(message)),
        JobKind::Cite => JobDone::Cited(Err(message)),
        JobKind::Report => JobDone::ReportRendered(Err(message)),
        JobKind::Export => JobDone::Exported(Err(message)),
        JobKind::Index => JobDone::Indexed(Err(message)),
        JobKind::Embed => JobDone::Embedded(Err(message)),
        JobKind::Example => JobDone::ExampleReady(Err(message)),
        JobKind::Submit => JobDone::Submitted(Err(message)),
    }
}

fn gen_of(e: &Effect) -> u64 {
    match e {
        Effect::Search { gen, .. }
        | Effect::LoadDocument { gen, .. }
        | Effect::LoadCorpora { gen }
        | Effect::LoadCases { gen }
        | Effect::LoadCase { gen, .. }
        | Effect::CreateCase { gen, .. }
        | Effect::EditCase { gen, .. }
        | Effect::DeleteCase { gen, .. }
        | Effect::Cite { gen, .. }
        | Effect::RenderReport { gen, .. }
        | Effect::Export { gen, .. }
        | Effect::Index { gen, .. }
        | Effect::Embed { gen, .. }
        | Effect::Example { gen, .. }
        | Effect::Remove { gen, .. }
        | Effect::Submit { gen, .. } => *gen,
    }
}

/// Do the work of one effect. `searches` is this effect's token of the search generations
/// (a search stops early once a newer one has started); `progress` receives intermediate
/// actions (indexing progress).
pub fn perform(
    ws: &Workspace,
    cache: &IndexCache,
    searches: &CancelToken,
    effect: Effect,
    progress: &Sender<Action>,
) -> JobDone {
    let store = CaseStore::new(ws.cases_dir());
    match effect {
        Effect::Search {
            query,
            corpora,
            cutoff,
            case,
            history,
            limit,
            corrects,
            meaning,
            example,
            ..
        } => {
            let req = SearchRequest {
                query: &query,
                cutoff,
                case,
                history: &history,
                limit,
                corrects,
                meaning,
                example,
            };
            JobDone::Searched(shown(search(ws, cache, &store, searches, corpora, req)))
        }
        Effect::Example {
            disclosure,
            corpora,
            feedback,
            lang,
            ..
        } => JobDone::ExampleReady(
            by_example(ws, cache, &disclosure, corpora, feedback, lang)
                .map_err(|e| e.in_language(lang)),
        ),
        Effect::LoadDocument {
            corpus,
            id,
            query,
            lang,
            ..
        } => JobDone::DocumentLoaded(shown(load_document(ws, cache, &corpus, &id, &query, lang))),
        Effect::LoadCorpora { .. } => JobDone::CorporaLoaded(corpora(ws)),
        Effect::LoadCases { .. } => {
            JobDone::CasesLoaded(store.list().into_iter().flatten().collect())
        }
        Effect::LoadCase { id, .. } => JobDone::CaseLoaded(shown(store.open(&id).map(Box::new))),
        Effect::CreateCase { draft, .. } => JobDone::CaseCreated(shown(create_case(&store, draft))),
        Effect::EditCase {
            id, edit, claims, ..
        } => JobDone::CaseEdited(shown(edit_case(&store, &id, &edit, claims))),
        Effect::DeleteCase { id, .. } => {
            JobDone::CaseDeleted(shown(store.delete(&id).map(|()| id)))
        }
        Effect::Cite { draft, .. } => JobDone::Cited(shown(cite(ws, cache, &store, draft))),
        Effect::RenderReport { case, lang, .. } => {
            JobDone::ReportRendered(shown(report(ws, &store, &case, lang, ExportFormat::Md)))
        }
        Effect::Export {
            case, lang, format, ..
        } => JobDone::Exported(shown(export(ws, &store, &case, lang, format))),
        Effect::Remove { case, what, .. } => JobDone::Removed {
            what: what.label(),
            case: shown(remove(&store, &case, &what)),
        },
        Effect::Submit {
            case, dir, lang, ..
        } => JobDone::Submitted(
            super::worker_submit::submit(ws, &case, &dir).map_err(|e| e.in_language(lang)),
        ),
        Effect::Index { gen, corpus } => {
            cache.forget(&corpus);
            JobDone::Indexed(shown(index_corpus(ws, &corpus, gen, progress)))
        }
        Effect::Embed { gen, corpus } => {
            JobDone::Embedded(shown(embed_corpus(ws, &corpus, gen, progress)))
        }
    }
}

/// A job's result as the workbench takes it: a failure becomes its message.
fn shown<T, E: Into<WorkerError>>(result: Result<T, E>) -> Result<T, JobFailure> {
    result.map_err(|e| JobFailure::from(e.into()))
}

/// The corpora with an index of this tisc's schema.
fn indexed_corpora(ws: &Workspace) -> Vec<String> {
    corpus::list(ws)
        .into_iter()
        .flatten()
        .map(|c| c.def.name)
        .filter(|n| index::is_current(&ws.index_dir(n)))
        .collect()
}

/// One search of the workbench: one strategy, recorded in the open case if there is one.
pub(super) struct SearchRequest<'a> {
    query: &'a str,
    cutoff: Option<Date>,
    case: Option<String>,
    /// `#n` → strategy, for history references.
    history: &'a [(u32, String)],
    limit: usize,
    /// The history number the strategy corrects (recorded as its amendment).
    corrects: Option<u32>,
    /// Order the hits by meaning where the corpus is embedded.
    pub(super) meaning: bool,
    /// The disclosure a by-example strategy was made from (fused with its meaning).
    pub(super) example: Option<String>,
}

/// The strategy `#n` of a workbench history (`(number, strategy)` pairs): what a search
/// and the live checker resolve history references with.
pub fn resolve_set(history: &[(u32, String)], n: u32) -> Result<String, HistoryError> {
    history
        .iter()
        .find(|(k, _)| *k == n)
        .map(|(_, q)| q.clone())
        .ok_or(HistoryError::NotInHistory {
            n,
            len: history.len(),
        })
}

/// Open the corpora to search (those given, else every indexed one); those that cannot be
/// opened are returned as failures, with their names.
pub(super) fn open_corpora(
    ws: &Workspace,
    cache: &IndexCache,
    corpora: Vec<String>,
) -> Result<(Vec<Arc<CorpusIndex>>, Vec<String>), WorkerError> {
    let names = if corpora.is_empty() {
        indexed_corpora(ws)
    } else {
        corpora
    };
    if names.is_empty() {
        return Err(WorkerError::NothingIndexed);
    }
    let mut open = Vec::new();
    let mut failures = Vec::new();
    for name in &names {
        match cache.get(ws, name) {
            Ok(i) => open.push(i),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    if open.is_empty() {
        return Err(WorkerError::NoCorpusOpens(failures));
    }
    Ok((open, failures))
}

/// Run one strategy as a search job (rank fusion over the corpora, family rows, snippets)
/// and record it in the open case.
fn search(
    ws: &Workspace,
    cache: &IndexCache,
    store: &CaseStore,
    cancel: &CancelToken,
    corpora: Vec<String>,
    req: SearchRequest<'_>,
) -> Result<SearchOutcome, WorkerError> {
    let query = req.query;
    let history = req.history;
    let resolve = |n: u32| resolve_set(history, n);
    // The checks the live checker shows, before any corpus is opened.
    if let Err(error) = crate::query::check(query, &resolve) {
        return Err(WorkerError::Query {
            query: query.to_string(),
            error,
        });
    }
    let (indexes, failures) = open_corpora(ws, cache, corpora)?;
    // The strategy's label is the history number it is about to get (or keeps).
    let label = req
        .corrects
        .unwrap_or_else(|| history.iter().map(|(n, _)| *n).max().unwrap_or(0) + 1);
    let names: Vec<&str> = indexes.iter().map(|i| i.name.as_str()).collect();
    let (meaning, meaning_used) =
        super::worker_meaning::meaning_for(ws, &cache.meaning, &names, query, &req);
    let job_req = JobRequest {
        strategies: vec![Strategy {
            label: label.to_string(),
            query: query.to_string(),
        }],
        per_list: req.limit,
        limit: req.limit,
        cutoff: req.cutoff,
        group: true,
        snippets: true,
        merge: crate::search::fusion::Merge::default(),
        meaning,
    };
    let refs: Vec<&CorpusIndex> = indexes.iter().map(|i| i.as_ref()).collect();
    // Cancelled when a newer search has started: this answer is then dropped as stale.
    let result = job::run_until_cancelled(&refs, &job_req, cancel, &resolve, &|_, _| {})?;
    let mut out = SearchOutcome {
        query: query.to_string(),
        per_corpus: result
            .counts
            .iter()
            .map(|c| (c.corpus.clone(), c.count as u64))
            .collect(),
        hits: result.rows,
        warnings: result.warnings,
        failures,
        recorded: None,
        meaning: meaning_used,
    };
    if let Some(id) = req.case {
        let mut w = store.open_write(&id)?;
        let per: Vec<_> = out
            .per_corpus
            .iter()
            .map(|(name, hits)| {
                // Coverage is recorded when it can be read; the strategy is kept either way.
                let cov = indexes
                    .iter()
                    .find(|i| &i.name == name)
                    .and_then(|i| crate::case::coverage_in(ws, name, &[i.as_ref()]).ok());
                (name.clone(), *hits, cov)
            })
            .collect();
        let n = match req.corrects {
            // The same call, and the same refusals, as `tisc case amend`.
            Some(n) => {
                w.amend(n, query, &per)?;
                n
            }
            None => w.record_search(query, &per)?,
        };
        w.close()?;
        // Another tisc may have recorded a strategy meanwhile: label the rows as recorded.
        if n != label {
            for h in &mut out.hits {
                if let Some(rank) = h.strategies.remove(&label.to_string()) {
                    h.strategies.insert(n.to_string(), rank);
                }
            }
        }
        out.recorded = Some(n);
    }
    Ok(out)
}

fn find_document(
    cache: &IndexCache,
    ws: &Workspace,
    corpus: &str,
    id: &str,
) -> Result<crate::model::Document, WorkerError> {
    let idx = cache.get(ws, corpus)?;
    let r = Reference::parse(id).ok_or(WorkerError::EmptyId)?;
    let mut found = lookup::find(&idx, &r)?;
    match found.iter().position(|d| d.biblio.id == id) {
        Some(i) => Ok(found.swap_remove(i)),
        None if !found.is_empty() => Ok(found.swap_remove(0)),
        None => Err(WorkerError::NoDocument {
            id: id.to_string(),
            corpus: corpus.to_string(),
        }),
    }
}

fn load_document(
    ws: &Workspace,
    cache: &IndexCache,
    corpus: &str,
    id: &str,
    query: &str,
    lang: UiLang,
) -> Result<LoadedDocument, WorkerError> {
    let doc = find_document(cache, ws, corpus, id)?;
    let lines = super::highlight::layout(&doc, query, lang.strings());
    Ok(LoadedDocument {
        corpus: corpus.to_string(),
        doc: Box::new(doc),
        lines,
    })
}

fn create_case(store: &CaseStore, d: CaseDraft) -> Result<Box<crate::case::Case>, CaseError> {
    let new = NewCase {
        title: d.title,
        client: d.client,
        disclosure: d.disclosure,
        language: d.language,
        cutoff: d.cutoff,
        priority_date: None,
        filing_date: None,
        ipc: Vec::new(),
        corpora: Vec::new(),
    };
    store.create(&d.id, new).map(Box::new)
}

fn edit_case(
    store: &CaseStore,
    id: &str,
    edit: &CaseEdit,
    claims: Option<Vec<crate::case::InventionClaim>>,
) -> Result<Box<crate::case::Case>, CaseError> {
    let mut w = store.open_write(id)?;
    w.edit(edit)?;
    // An empty claims field leaves the case's claims as they are.
    if let Some(c) = claims.filter(|c| *c != w.case().claims) {
        let kind = w.case().claims_kind;
        w.set_claims(kind, c)?;
    }
    w.close().map(Box::new)
}

/// Remove a strategy or citation from a case; the case as saved after.
fn remove(
    store: &CaseStore,
    id: &str,
    what: &crate::tui::action::Removal,
) -> Result<Box<crate::case::Case>, CaseError> {
    let mut w = store.open_write(id)?;
    match what {
        crate::tui::action::Removal::Strategy(n) => {
            w.forget(*n)?;
        }
        crate::tui::action::Removal::Citation(doc) => {
            w.uncite(doc)?;
        }
    }
    w.close().map(Box::new)
}

fn cite(
    ws: &Workspace,
    cache: &IndexCache,
    store: &CaseStore,
    d: CitationDraft,
) -> Result<String, WorkerError> {
    let categories = Categories::parse(&d.categories)?;
    let doc = find_document(cache, ws, &d.corpus, &d.doc_id)?;
    let passages: Vec<String> = Some(d.passage)
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect();
    let note = Some(d.note).filter(|n| !n.trim().is_empty());
    let citation = Citation::new(
        &doc,
        &d.corpus,
        categories,
        d.claims,
        &passages,
        note,
        &crate::model::time::now().to_string(),
    );
    let mut w = store.open_write(&d.case)?;
    w.cite(citation)?;
    w.close()?;
    Ok(doc.biblio.id)
}

/// The report of a case, signed with the searcher and organisation of `config.toml` (read
/// now, so an edit made while the workbench runs is used; it was checked at start).
fn report(
    ws: &Workspace,
    store: &CaseStore,
    case: &str,
    lang: ReportLang,
    format: ExportFormat,
) -> Result<String, WorkerError> {
    let c = store.open(case)?;
    let signer = crate::config::Config::load(ws)
        .map(|cfg| cfg.report)
        .unwrap_or_default();
    let text = crate::report::Report::build(&c, lang, &crate::model::time::now().to_string())
        .signed(signer.searcher, signer.organisation)
        .render(format.report_format())?;
    Ok(text)
}

fn export(
    ws: &Workspace,
    store: &CaseStore,
    case: &str,
    lang: ReportLang,
    format: ExportFormat,
) -> Result<PathBuf, WorkerError> {
    let text = report(ws, store, case, lang, format)?;
    let name = format!("report-{}.{}", lang.code(), format.code());
    Ok(store.save_export(case, &name, text.as_bytes())?)
}

#[cfg(test)]
#[path = "worker_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "worker_record_tests.rs"]
mod record_tests;
