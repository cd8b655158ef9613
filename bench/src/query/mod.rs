//! The query-latency benchmark: realistic strategies in the query language against a plain
//! tantivy `QueryParser` baseline on the equivalent simple queries, in the same run over the
//! same index.
//!
//! Three families are timed: Boolean strategies (words, AND/OR/NOT, phrases-free), their
//! baseline twins written in tantivy's own syntax over the same fields, and strategies with
//! proximity, truncation, phrases, classification and dates. Each timing covers parsing,
//! lowering, collecting the top 20 and counting all hits. Nothing here prints: [`cli`]
//! (`tisc-bench query`) does.

pub mod cli;

use crate::stats::percentile;
use serde::Serialize;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tisc::index::{CorpusIndex, IndexLang, TextCode};
use tisc::search::{no_history, Session};

/// Boolean strategies and their baseline twins (tantivy syntax: `+` required, `-` excluded,
/// bare words OR). The benchmark refuses to report when a pair's hit counts differ.
pub const BOOLEAN: &[(&str, &str)] = &[
    ("shoe AND sole", "+shoe +sole"),
    ("valve AND housing", "+valve +housing"),
    (
        "signal AND circuit AND voltage",
        "+signal +circuit +voltage",
    ),
    ("battery OR cell", "battery cell"),
    ("light AND (lens OR reflector)", "+light +(lens reflector)"),
    ("motor AND shaft NOT gear", "+motor +shaft -gear"),
    ("fluid AND pump", "+fluid +pump"),
    ("display AND touch", "+display +touch"),
    (
        "antenna OR transmitter OR receiver",
        "antenna transmitter receiver",
    ),
    ("polymer AND resin", "+polymer +resin"),
    ("vehicle AND seat", "+vehicle +seat"),
    ("sensor AND temperature", "+sensor +temperature"),
    ("image AND camera NOT video", "+image +camera -video"),
    ("container AND lid", "+container +lid"),
    ("wireless AND network AND node", "+wireless +network +node"),
    ("heat AND exchanger", "+heat +exchanger"),
    ("plate OR panel", "plate panel"),
    ("spring AND lever", "+spring +lever"),
    ("compound AND pharmaceutical", "+compound +pharmaceutical"),
    ("memory AND controller", "+memory +controller"),
    ("water AND filter", "+water +filter"),
    ("engine OR turbine", "engine turbine"),
    ("data AND processor NOT server", "+data +processor -server"),
    ("frame AND wheel", "+frame +wheel"),
    ("laser AND optical", "+laser +optical"),
];

/// Strategies with proximity, phrases, truncation, classification and dates.
pub const POSITIONAL: &[&str] = &[
    "shoe NEAR/5 sole",
    "valve ADJ/3 seat",
    "(signal OR pulse) NEAR/4 (circuit OR amplifier)",
    "\"heat exchanger\"",
    "\"light emitting diode\"",
    "cl:(housing NEAR/10 cover)",
    "cl:(motor SAME shaft)",
    "pump* NEAR/5 fluid*",
    "batter* AND charg*",
    "(lens OR mirror) ADJ/2 optic*",
    "ti:(method NEAR/3 manufactur*)",
    "\"semiconductor device\" NEAR/10 substrate",
    "wireless ADJ/1 communication",
    "cl:(\"first end\" NEAR/5 \"second end\")",
    "antenna* NEAR/8 (frequency OR band)",
    "ipc:H01L AND transistor",
    "ipc:A61K AND composition",
    "ipc:G06F3 AND display",
    "pd<2008 AND (engine NEAR/5 fuel)",
    "pd:[2009 TO 2011] AND sensor*",
    "de:(temperature NEAR/3 control*)",
    "txt:(image ADJ/2 sensor)",
    "vehicle* NEAR/6 (seat OR belt)",
    "\"control unit\" AND (signal NEAR/5 output)",
    "container SAME (lid OR cap OR closure)",
];

/// Latency percentiles of one family, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    pub strategies: usize,
    pub runs: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub mean_hits: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueryBenchReport {
    pub documents: u64,
    pub boolean: Latency,
    pub baseline: Latency,
    pub positional: Latency,
    /// Boolean p50 / baseline p50 and p95 / p95 (target ≤ 1.2).
    pub boolean_vs_baseline_p50: f64,
    pub boolean_vs_baseline_p95: f64,
    /// Positional p95 / Boolean p95 (target ≤ 5).
    pub positional_vs_boolean_p95: f64,
    /// The five slowest positional strategies by median, in ms.
    pub slowest: Vec<(String, f64)>,
    /// Mean time to parse and lower one Boolean strategy (no search), in µs.
    pub boolean_parse_lower_us: f64,
}

fn latency(mut times: Vec<f64>, strategies: usize, hits: u64) -> Latency {
    times.sort_by(f64::total_cmp);
    let runs = times.len();
    Latency {
        strategies,
        runs,
        p50_ms: percentile(&times, 0.5),
        p95_ms: percentile(&times, 0.95),
        mean_hits: hits as f64 / runs.max(1) as f64,
    }
}

/// Run every strategy `reps` times (after one warm-up pass) and report percentiles.
pub fn run(
    index: &CorpusIndex,
    reps: usize,
) -> Result<QueryBenchReport, tisc::search::SearchError> {
    let session = Session::new(index)?;
    let f = &index.fields;
    let mut fields = Vec::new();
    for code in [TextCode::Ti, TextCode::Ab, TextCode::Cl] {
        fields.push(f.text(code, IndexLang::En));
    }
    // Baseline twins spell every operator out (`+` required, `-` excluded, bare words OR).
    let parser = QueryParser::for_index(&index.index, fields);
    let searcher = &session.searcher;
    let collector = (TopDocs::with_limit(20), Count);
    let mut mismatches: Vec<String> = Vec::new();

    let ours = |q: &str| -> Result<(f64, u64), tisc::search::SearchError> {
        let t = Instant::now();
        let (_, info) = session.query(q, 20, &no_history)?;
        Ok((t.elapsed().as_secs_f64() * 1e3, info.count as u64))
    };
    let theirs = |q: &str| -> Result<(f64, u64), tisc::search::SearchError> {
        let t = Instant::now();
        let (query, _) = parser.parse_query_lenient(q);
        let (_, count) = searcher.search(&query, &collector)?;
        Ok((t.elapsed().as_secs_f64() * 1e3, count as u64))
    };
    // Warm-up: page the index in for both sides.
    for (a, b) in BOOLEAN {
        let x = ours(a)?;
        let y = theirs(b)?;
        if x.1 != y.1 {
            mismatches.push(format!("{a}: {} vs {}", x.1, y.1));
        }
    }
    for p in POSITIONAL {
        ours(p)?;
    }
    let (mut tb, mut tbase, mut tpos) = (Vec::new(), Vec::new(), Vec::new());
    let mut per: Vec<Vec<f64>> = vec![Vec::new(); POSITIONAL.len()];
    let (mut hb, mut hbase, mut hpos) = (0u64, 0u64, 0u64);
    for rep in 0..reps {
        // Interleave ours and the baseline so that drift affects both alike, and alternate
        // which of the two goes first: the second runs on postings the first has just
        // brought into the CPU caches, which alone makes it about 20% faster (either way
        // round; the two execute the same number of instructions within 1%).
        for (i, (a, b)) in BOOLEAN.iter().enumerate() {
            let ours_first = (rep + i) % 2 == 0;
            if !ours_first {
                let (t, h) = theirs(b)?;
                tbase.push(t);
                hbase += h;
            }
            let (t, h) = ours(a)?;
            tb.push(t);
            hb += h;
            if ours_first {
                let (t, h) = theirs(b)?;
                tbase.push(t);
                hbase += h;
            }
        }
        for (i, p) in POSITIONAL.iter().enumerate() {
            let (t, h) = ours(p)?;
            tpos.push(t);
            per[i].push(t);
            hpos += h;
        }
    }
    let mut slowest: Vec<(String, f64)> = POSITIONAL
        .iter()
        .zip(per)
        .map(|(q, mut v)| {
            v.sort_by(f64::total_cmp);
            (q.to_string(), percentile(&v, 0.5))
        })
        .collect();
    slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
    slowest.truncate(5);
    if !mismatches.is_empty() {
        return Err(tisc::search::SearchError::Params(format!(
            "the baseline twins are not equivalent (hits: tisc vs baseline): {}",
            mismatches.join("; ")
        )));
    }
    // Parsing and lowering alone, to see what the language costs on top of the search (with
    // the session's empty fields, computed as the session computes them, before the clock).
    let empty_fields = index.empty_fields(searcher);
    let t = Instant::now();
    let mut n = 0u32;
    for _ in 0..reps.max(1) {
        for (q, _) in BOOLEAN {
            if let Ok(ast) = tisc::query::parse(q) {
                let low = tisc::query::lower::Lowering::new(index, searcher, &no_history)
                    .with_empty_fields(&empty_fields);
                let _ = low.lower(&ast);
                n += 1;
            }
        }
    }
    let boolean_parse_lower_us = t.elapsed().as_secs_f64() * 1e6 / f64::from(n.max(1));
    let boolean = latency(tb, BOOLEAN.len(), hb);
    let baseline = latency(tbase, BOOLEAN.len(), hbase);
    let positional = latency(tpos, POSITIONAL.len(), hpos);
    Ok(QueryBenchReport {
        documents: index.num_docs(),
        boolean_vs_baseline_p50: boolean.p50_ms / baseline.p50_ms.max(1e-9),
        boolean_vs_baseline_p95: boolean.p95_ms / baseline.p95_ms.max(1e-9),
        positional_vs_boolean_p95: positional.p95_ms / boolean.p95_ms.max(1e-9),
        boolean,
        baseline,
        positional,
        slowest,
        boolean_parse_lower_us,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn there_are_at_least_fifty_strategies_and_all_parse() {
        assert!(super::BOOLEAN.len() + super::POSITIONAL.len() >= 50);
        for (q, _) in super::BOOLEAN {
            tisc::query::parse(q).unwrap();
        }
        for q in super::POSITIONAL {
            tisc::query::parse(q).unwrap();
        }
    }
}

/// Ten strategies of the parallel-search benchmark (a mix of Boolean, truncation and
/// proximity, as a searcher's set of strategies for one case looks).
pub const PARALLEL: &[&str] = &[
    "shoe AND sole",
    "valve* NEAR/5 (seat OR housing)",
    "(signal OR pulse) NEAR/4 circuit*",
    "\"heat exchanger\" OR radiator*",
    "motor AND shaft NOT gear",
    "batter* AND charg*",
    "cl:(housing NEAR/10 cover)",
    "display AND (touch OR panel)",
    "pump* AND fluid*",
    "sensor* ADJ/2 temperature",
];

/// Parallel against sequential execution of one search job.
#[derive(Debug, Clone, Serialize)]
pub struct ParallelReport {
    pub strategies: usize,
    pub corpora: usize,
    /// Pairs of blocks (one sequential, one parallel).
    pub runs: usize,
    /// Jobs per block; the first of each is not counted.
    pub block: usize,
    /// Medians of the counted jobs.
    pub sequential_ms: f64,
    pub parallel_ms: f64,
    /// Median over pairs of neighbouring blocks of sequential / parallel time (target ≥ 1.7
    /// on 2 cores), with its quartiles.
    pub speedup: f64,
    pub speedup_q1: f64,
    pub speedup_q3: f64,
    /// The same median with each block's first job counted too.
    pub speedup_first_counted: f64,
    /// The same ratio for two halves of a kernel that keeps a core's execution units busy,
    /// timed beside every pair: how much a second thread could give on this machine at that
    /// moment (2.0 on two free cores; less when the two virtual CPUs share a physical core).
    pub machine_speedup: f64,
    /// Two whole jobs run one after the other on one thread, against the same two at once on
    /// two threads (each job on its own), timed beside every pair: what two cores give to
    /// this very work when nothing has to be shared or waited for — the most any way of
    /// running one job on two threads could reach here at that moment.
    pub two_jobs_speedup: f64,
}

/// The calibration kernel: eight independent xorshift streams, enough independent work to
/// keep a core's arithmetic units busy (`rounds` is sized from a timed run, not assumed).
/// Two threads of it can get 2× only from two cores that do not share those units; one
/// dependent chain of the same arithmetic got 1.9–2.0× here at all times.
fn spin(rounds: u64) -> u64 {
    let mut x = [1u64, 2, 3, 4, 5, 6, 7, 8];
    for i in 0..rounds {
        for v in &mut x {
            *v ^= *v << 13;
            *v ^= *v >> 7;
            *v ^= *v << 17;
            *v = v.wrapping_add(i);
        }
    }
    std::hint::black_box(x.iter().fold(0, |a, b| a ^ b))
}

/// Sequential / parallel time of two equal halves of [`spin`] (one thread, then two).
fn machine_pair(rounds: u64, one: &rayon::ThreadPool) -> f64 {
    let t = Instant::now();
    one.install(|| {
        spin(rounds);
        spin(rounds);
    });
    let s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    rayon::join(|| spin(rounds), || spin(rounds));
    s / t.elapsed().as_secs_f64().max(1e-9)
}

/// Jobs in a block of the parallel benchmark.
const BLOCK: usize = 5;

/// Run the job of [`PARALLEL`] over `indexes` in `runs` pairs of blocks, at least 30 (see
/// `BLOCK`: jobs per block, the first of each not counted).
pub fn parallel(
    indexes: &[&CorpusIndex],
    runs: usize,
) -> Result<ParallelReport, tisc::search::job::JobError> {
    use tisc::search::job::{self, Generation, JobRequest, Strategy};
    let req = JobRequest {
        strategies: Strategy::numbered(PARALLEL, 1),
        per_list: 100,
        limit: 20,
        cutoff: None,
        group: true,
        snippets: true,
        merge: Default::default(),
        meaning: None,
    };
    let g = Generation::new();
    let pool = || {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .map_err(|e| job::JobError::Search(tisc::search::SearchError::Params(e.to_string())))
    };
    let (one, other) = (pool()?, pool()?);
    let time = |sequential: bool| -> Result<f64, job::JobError> {
        let cancel = g.start();
        let t = Instant::now();
        let run = || job::run_until_cancelled(indexes, &req, &cancel, &no_history, &|_, _| {});
        if sequential {
            one.install(run)?;
        } else {
            run()?;
        }
        Ok(t.elapsed().as_secs_f64() * 1e3)
    };
    // Warm-up, both ways.
    for _ in 0..BLOCK {
        time(true)?;
        time(false)?;
    }
    // Calibration halves sized to about half a sequential job each.
    let rounds = {
        let t = Instant::now();
        spin(1_000_000);
        let per_round = t.elapsed().as_secs_f64() / 1e6;
        let job = time(true)?;
        ((job / 2e3) / per_round.max(1e-12)) as u64
    };
    // Jobs run in blocks of BLOCK, sequential and parallel blocks alternating, and each pair
    // of neighbouring blocks gives one ratio (mean sequential / mean parallel); the figure
    // is the median of these ratios. Neighbouring blocks share the state of a shared virtual
    // machine at that moment, so a slow stretch slows both sides of the pairs it falls on
    // instead of deciding the figure. A block's first job finds the caches as the other way
    // of running left them (the threads of the other pool ran last) and is not counted, as
    // a searcher's jobs all run the same way; `speedup_first_counted` counts it too.
    // The calibration pair is timed after each pair of blocks, in the same stretch.
    let pairs = runs.max(30);
    let (mut seq, mut par, mut ratios, mut with_first) = (vec![], vec![], vec![], vec![]);
    let (mut machine, mut two_jobs) = (Vec::new(), Vec::new());
    let mut block = |sequential: bool| -> Result<(f64, f64), job::JobError> {
        let first = time(sequential)?;
        let mut sum = 0.0;
        for _ in 1..BLOCK {
            let t = time(sequential)?;
            if sequential {
                seq.push(t);
            } else {
                par.push(t);
            }
            sum += t;
        }
        Ok((sum / (BLOCK - 1) as f64, (sum + first) / BLOCK as f64))
    };
    for i in 0..pairs {
        // Alternate which way runs first.
        let (s, p) = if i % 2 == 0 {
            let s = block(true)?;
            (s, block(false)?)
        } else {
            let p = block(false)?;
            (block(true)?, p)
        };
        ratios.push(s.0 / p.0.max(1e-9));
        with_first.push(s.1 / p.1.max(1e-9));
        machine.push(machine_pair(rounds, &one));
        // Two whole jobs, each on one thread: one after the other, then at the same time.
        let cancel = g.start();
        let run = || job::run_until_cancelled(indexes, &req, &cancel, &no_history, &|_, _| {});
        let t = Instant::now();
        one.install(run)?;
        one.install(run)?;
        let apart = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut theirs = None;
        one.in_place_scope(|sc| {
            sc.spawn(|_| theirs = Some(run()));
            other.install(run)
        })?;
        theirs.unwrap_or(Err(job::JobError::Cancelled))?;
        two_jobs.push(apart / t.elapsed().as_secs_f64().max(1e-9));
    }
    for v in [
        &mut machine,
        &mut two_jobs,
        &mut seq,
        &mut par,
        &mut ratios,
        &mut with_first,
    ] {
        v.sort_by(f64::total_cmp);
    }
    let (s, p) = (percentile(&seq, 0.5), percentile(&par, 0.5));
    Ok(ParallelReport {
        strategies: PARALLEL.len(),
        corpora: indexes.len(),
        runs: pairs,
        block: BLOCK,
        sequential_ms: s,
        parallel_ms: p,
        speedup: percentile(&ratios, 0.5),
        speedup_q1: percentile(&ratios, 0.25),
        speedup_q3: percentile(&ratios, 0.75),
        speedup_first_counted: percentile(&with_first, 0.5),
        machine_speedup: percentile(&machine, 0.5),
        two_jobs_speedup: percentile(&two_jobs, 0.5),
    })
}

/// Query by example on a long disclosure against the plain Boolean query of its terms.
#[derive(Debug, Clone, Serialize)]
pub struct QbeReport {
    pub disclosure_words: usize,
    pub terms: usize,
    /// Term selection + running the selected strategy.
    pub qbe_ms: f64,
    /// Running the same OR of the selected terms, already written.
    pub boolean_ms: f64,
    pub ratio: f64,
}

/// Build a disclosure of about `words` words from the descriptions of the corpus's first
/// documents, then time query by example against the plain query of its 30 terms.
pub fn qbe(
    index: &CorpusIndex,
    words: usize,
    runs: usize,
) -> Result<QbeReport, tisc::search::SearchError> {
    use tisc::search::qbe as q;
    let session = Session::new(index)?;
    let searcher = &session.searcher;
    let mut text = String::new();
    let mut n = 0usize;
    'docs: for seg in 0..searcher.segment_readers().len() as u32 {
        for doc in 0..searcher.segment_reader(seg).max_doc() {
            let d = index.load(searcher, tantivy::DocAddress::new(seg, doc))?;
            for p in d.description.iter().flat_map(|x| x.paragraphs.iter()) {
                text.push_str(&p.text);
                text.push(' ');
                n += p.text.split_whitespace().count();
                if n >= words {
                    break 'docs;
                }
            }
        }
    }
    let lang = q::guess_lang(&text);
    let (mut tq, mut tb) = (Vec::new(), Vec::new());
    let mut terms = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let selected = q::select_terms(&[q::Source::of_session(&session)], &text, &lang, 30);
        let strategy = q::strategy(&selected);
        session.query(&strategy, 20, &no_history)?;
        tq.push(t.elapsed().as_secs_f64() * 1e3);
        terms = selected.len();
        let t = Instant::now();
        session.query(&strategy, 20, &no_history)?;
        tb.push(t.elapsed().as_secs_f64() * 1e3);
    }
    tq.sort_by(f64::total_cmp);
    tb.sort_by(f64::total_cmp);
    let (a, b) = (percentile(&tq, 0.5), percentile(&tb, 0.5));
    Ok(QbeReport {
        disclosure_words: n,
        terms,
        qbe_ms: a,
        boolean_ms: b,
        ratio: a / b.max(1e-9),
    })
}
