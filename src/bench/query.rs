//! The query-latency benchmark: realistic strategies in the query language against a plain
//! tantivy `QueryParser` baseline on the equivalent simple queries, in the same run over the
//! same index.
//!
//! Three families are timed: Boolean strategies (words, AND/OR/NOT, phrases-free), their
//! baseline twins written in tantivy's own syntax over the same fields, and strategies with
//! proximity, truncation, phrases, classification and dates. Each timing covers parsing,
//! lowering, collecting the top 20 and counting all hits.

use crate::index::{CorpusIndex, IndexLang, TextCode};
use crate::search::{no_history, Session};
use serde::Serialize;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;

/// Boolean strategies and their baseline twins (tantivy syntax, `+` = required).
pub const BOOLEAN: &[(&str, &str)] = &[
    ("shoe AND sole", "+shoe +sole"),
    ("valve AND housing", "+valve +housing"),
    ("signal AND circuit AND voltage", "+signal +circuit +voltage"),
    ("battery OR cell", "battery cell"),
    ("light AND (lens OR reflector)", "+light +(lens reflector)"),
    ("motor AND shaft NOT gear", "+motor +shaft -gear"),
    ("fluid AND pump", "+fluid +pump"),
    ("display AND touch", "+display +touch"),
    ("antenna OR transmitter OR receiver", "antenna transmitter receiver"),
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
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
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
pub fn run(index: &CorpusIndex, reps: usize) -> Result<QueryBenchReport, crate::search::SearchError> {
    let session = Session::new(index)?;
    let f = &index.fields;
    let mut fields = Vec::new();
    for code in [TextCode::Ti, TextCode::Ab, TextCode::Cl] {
        fields.push(f.text(code, IndexLang::En));
    }
    let mut parser = QueryParser::for_index(&index.index, fields);
    parser.set_conjunction_by_default();
    let searcher = &session.searcher;
    let collector = (TopDocs::with_limit(20), Count);

    let mut ours = |q: &str| -> Result<(f64, u64), crate::search::SearchError> {
        let t = Instant::now();
        let (_, info) = session.query(q, 20, &no_history)?;
        Ok((t.elapsed().as_secs_f64() * 1e3, info.count as u64))
    };
    let mut theirs = |q: &str| -> Result<(f64, u64), crate::search::SearchError> {
        let t = Instant::now();
        let (query, _) = parser.parse_query_lenient(q);
        let (_, count) = searcher.search(&query, &collector)?;
        Ok((t.elapsed().as_secs_f64() * 1e3, count as u64))
    };
    // Warm-up: page the index in for both sides.
    for (a, b) in BOOLEAN {
        ours(a)?;
        theirs(b)?;
    }
    for p in POSITIONAL {
        ours(p)?;
    }
    let (mut tb, mut tbase, mut tpos) = (Vec::new(), Vec::new(), Vec::new());
    let (mut hb, mut hbase, mut hpos) = (0u64, 0u64, 0u64);
    for _ in 0..reps {
        // Interleave ours and the baseline so that drift affects both alike.
        for (a, b) in BOOLEAN {
            let (t, h) = ours(a)?;
            tb.push(t);
            hb += h;
            let (t, h) = theirs(b)?;
            tbase.push(t);
            hbase += h;
        }
        for p in POSITIONAL {
            let (t, h) = ours(p)?;
            tpos.push(t);
            hpos += h;
        }
    }
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
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn there_are_at_least_fifty_strategies_and_all_parse() {
        assert!(super::BOOLEAN.len() + super::POSITIONAL.len() >= 50);
        for (q, _) in super::BOOLEAN {
            crate::query::parse(q).unwrap();
        }
        for q in super::POSITIONAL {
            crate::query::parse(q).unwrap();
        }
    }
}
