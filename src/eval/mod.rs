//! Retrieval metrics over relevance judgments (qrels) and TREC runs.
//!
//! Definitions follow trec_eval: nDCG uses the judged level as gain and log2(rank + 1) as
//! discount, with the ideal ranking built from the judgments; every judged query counts,
//! a query without hits scoring 0. Hits whose document id equals the query id are dropped,
//! as BEIR does.

use std::collections::HashMap;
use std::path::Path;

/// Judgments: query id → document id → level.
pub type Qrels = HashMap<String, HashMap<String, i32>>;
/// A run: query id → document ids in rank order.
pub type Run = HashMap<String, Vec<String>>;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}:{line}: {message}")]
    Format {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Parse BEIR qrels (TSV `query-id corpus-id score`, with a header) or TREC qrels
/// (`qid 0 docid level`).
pub fn parse_qrels(text: &str, path: &str) -> Result<Qrels, EvalError> {
    let mut q: Qrels = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let (qid, doc, level) = match parts.as_slice() {
            [] => continue,
            [a, b, c] => (*a, *b, *c),
            [a, _, b, c] => (*a, *b, *c),
            _ => {
                return Err(EvalError::Format {
                    path: path.into(),
                    line: i + 1,
                    message: "expected `qid docid level` or `qid 0 docid level`".into(),
                })
            }
        };
        let Ok(level) = level.parse::<i32>() else {
            if i == 0 {
                continue; // BEIR header
            }
            return Err(EvalError::Format {
                path: path.into(),
                line: i + 1,
                message: format!("relevance level `{level}` is not a number"),
            });
        };
        q.entry(qid.to_string())
            .or_default()
            .insert(doc.to_string(), level);
    }
    Ok(q)
}

pub fn read_qrels(path: &Path) -> Result<Qrels, EvalError> {
    parse_qrels(&read(path)?, &path.display().to_string())
}

/// Parse a TREC run (`qid Q0 docid rank score tag`), ordering each query's documents by
/// score, highest first (ties by document id, descending, as trec_eval does).
pub fn parse_run(text: &str, path: &str) -> Result<Run, EvalError> {
    let mut scored: HashMap<String, Vec<(f64, String)>> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let p: Vec<&str> = line.split_whitespace().collect();
        if p.is_empty() {
            continue;
        }
        if p.len() < 5 {
            return Err(EvalError::Format {
                path: path.into(),
                line: i + 1,
                message: "expected `qid Q0 docid rank score [tag]`".into(),
            });
        }
        let score = p[4].parse::<f64>().map_err(|_| EvalError::Format {
            path: path.into(),
            line: i + 1,
            message: format!("score `{}` is not a number", p[4]),
        })?;
        if p[0] == p[2] {
            continue;
        }
        scored
            .entry(p[0].to_string())
            .or_default()
            .push((score, p[2].to_string()));
    }
    Ok(scored
        .into_iter()
        .map(|(q, mut v)| {
            v.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
            (q, v.into_iter().map(|(_, d)| d).collect())
        })
        .collect())
}

pub fn read_run(path: &Path) -> Result<Run, EvalError> {
    parse_run(&read(path)?, &path.display().to_string())
}

/// nDCG@k of one ranked list.
pub fn ndcg_at(rels: &HashMap<String, i32>, docs: &[String], k: usize) -> f64 {
    let dcg: f64 = docs
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, d)| f64::from(rels.get(d).copied().unwrap_or(0).max(0)) / ((i + 2) as f64).log2())
        .sum();
    let mut ideal: Vec<i32> = rels.values().copied().filter(|r| *r > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, r)| f64::from(*r) / ((i + 2) as f64).log2())
        .sum();
    if idcg > 0.0 {
        dcg / idcg
    } else {
        0.0
    }
}

/// Whether `doc` is judged relevant (a grade above 0).
fn is_relevant(rels: &HashMap<String, i32>, doc: &str) -> bool {
    rels.get(doc).is_some_and(|r| *r > 0)
}

/// How many documents are judged relevant.
fn relevant_count(rels: &HashMap<String, i32>) -> usize {
    rels.values().filter(|r| **r > 0).count()
}

/// How many of the first `k` documents are relevant.
fn relevant_in_top(rels: &HashMap<String, i32>, docs: &[String], k: usize) -> usize {
    docs.iter().take(k).filter(|d| is_relevant(rels, d)).count()
}

/// Recall@k of one ranked list.
pub fn recall_at(rels: &HashMap<String, i32>, docs: &[String], k: usize) -> f64 {
    let relevant = relevant_count(rels);
    if relevant == 0 {
        return 0.0;
    }
    relevant_in_top(rels, docs, k) as f64 / relevant as f64
}

/// Average precision of one ranked list (over all of it, as trec_eval's `map`).
pub fn average_precision(rels: &HashMap<String, i32>, docs: &[String]) -> f64 {
    let relevant = relevant_count(rels);
    if relevant == 0 {
        return 0.0;
    }
    let mut found = 0usize;
    let mut sum = 0.0;
    for (i, d) in docs.iter().enumerate() {
        if is_relevant(rels, d) {
            found += 1;
            sum += found as f64 / (i + 1) as f64;
        }
    }
    sum / relevant as f64
}

/// Precision@k (k in the denominator even when fewer documents were retrieved).
pub fn precision_at(rels: &HashMap<String, i32>, docs: &[String], k: usize) -> f64 {
    if k == 0 {
        return 0.0;
    }
    relevant_in_top(rels, docs, k) as f64 / k as f64
}

/// PRES@N (Magdy & Jones 2010): `1 − (Σrᵢ/n − (n+1)/2) / N` over the n relevant documents,
/// where the relevant documents not found in the first N take ranks N+k+1 … N+n (k found).
/// Finding k of them at the very top scores k/n; finding none scores 0.
pub fn pres_at(rels: &HashMap<String, i32>, docs: &[String], n_max: usize) -> f64 {
    let n = relevant_count(rels);
    if n == 0 || n_max == 0 {
        return 0.0;
    }
    let mut ranks: Vec<usize> = docs
        .iter()
        .take(n_max)
        .enumerate()
        .filter(|(_, d)| is_relevant(rels, d))
        .map(|(i, _)| i + 1)
        .collect();
    let k = ranks.len();
    ranks.extend((k + 1..=n).map(|j| n_max + j));
    let sum: f64 = ranks.iter().map(|r| *r as f64).sum();
    let nf = n as f64;
    1.0 - (sum / nf - (nf + 1.0) / 2.0) / n_max as f64
}

/// The standard set of figures for a run.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct Summary {
    #[serde(rename = "ndcg@10")]
    pub ndcg10: f64,
    #[serde(rename = "ndcg@100")]
    pub ndcg100: f64,
    #[serde(rename = "recall@10")]
    pub recall10: f64,
    #[serde(rename = "recall@100")]
    pub recall100: f64,
    pub map: f64,
    #[serde(rename = "p@10")]
    pub p10: f64,
    #[serde(rename = "pres@100")]
    pub pres100: f64,
    /// Judged queries with at least one relevant document.
    pub queries: usize,
    /// Of those, how many the run has results for.
    pub queries_with_results: usize,
}

/// Compute every figure of [`Summary`].
pub fn summarize(qrels: &Qrels, run: &Run) -> Summary {
    let judged = qrels
        .values()
        .filter(|r| r.values().any(|l| *l > 0))
        .count();
    let with = qrels
        .iter()
        .filter(|(q, r)| r.values().any(|l| *l > 0) && run.get(*q).is_some_and(|d| !d.is_empty()))
        .count();
    Summary {
        ndcg10: mean(qrels, run, |r, d| ndcg_at(r, d, 10)),
        ndcg100: mean(qrels, run, |r, d| ndcg_at(r, d, 100)),
        recall10: mean(qrels, run, |r, d| recall_at(r, d, 10)),
        recall100: mean(qrels, run, |r, d| recall_at(r, d, 100)),
        map: mean(qrels, run, average_precision),
        p10: mean(qrels, run, |r, d| precision_at(r, d, 10)),
        pres100: mean(qrels, run, |r, d| pres_at(r, d, 100)),
        queries: judged,
        queries_with_results: with,
    }
}

/// Mean of a per-query metric over the judged queries that have a relevant document.
pub fn mean(
    qrels: &Qrels,
    run: &Run,
    metric: impl Fn(&HashMap<String, i32>, &[String]) -> f64,
) -> f64 {
    let empty = Vec::new();
    let judged: Vec<_> = qrels
        .iter()
        .filter(|(_, r)| r.values().any(|l| *l > 0))
        .collect();
    if judged.is_empty() {
        return 0.0;
    }
    let total: f64 = judged
        .iter()
        .map(|(q, rels)| metric(rels, run.get(*q).unwrap_or(&empty)))
        .sum();
    total / judged.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rels(pairs: &[(&str, i32)]) -> HashMap<String, i32> {
        pairs.iter().map(|(d, r)| (d.to_string(), *r)).collect()
    }

    #[test]
    fn ndcg_matches_hand_computation() {
        // Relevant a (2) and b (1); ranking: x, a, b.
        let r = rels(&[("a", 2), ("b", 1)]);
        let docs: Vec<String> = ["x", "a", "b"].iter().map(|s| s.to_string()).collect();
        let dcg = 2.0 / 3f64.log2() + 1.0 / 4f64.log2();
        let idcg = 2.0 / 2f64.log2() + 1.0 / 3f64.log2();
        assert!((ndcg_at(&r, &docs, 10) - dcg / idcg).abs() < 1e-12);
        assert_eq!(ndcg_at(&r, &docs, 1), 0.0);
        assert_eq!(recall_at(&r, &docs, 2), 0.5);
    }

    fn list(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn map_precision_and_pres_match_hand_computation() {
        let r = rels(&[("a", 1), ("b", 1), ("c", 1)]);
        let docs = list(&["a", "x", "b", "y"]);
        // AP = (1/1 + 2/3) / 3
        assert!((average_precision(&r, &docs) - (1.0 + 2.0 / 3.0) / 3.0).abs() < 1e-12);
        assert_eq!(precision_at(&r, &docs, 2), 0.5);
        assert_eq!(precision_at(&r, &docs, 10), 0.2);
        // PRES: k relevant at the very top scores k/n.
        assert!((pres_at(&r, &list(&["a", "b"]), 100) - 2.0 / 3.0).abs() < 1e-12);
        assert!((pres_at(&r, &list(&["a", "b", "c"]), 100) - 1.0).abs() < 1e-12);
        assert_eq!(pres_at(&r, &list(&["x"]), 100), 0.0);
        // a at 1, b at 3, c missing → ranks 1, 3, N+2+1 with N = 10.
        let got = pres_at(&r, &docs, 10);
        let expect = 1.0 - ((1.0 + 3.0 + 13.0) / 3.0 - 2.0) / 10.0;
        assert!((got - expect).abs() < 1e-12, "{got} {expect}");
    }

    #[test]
    fn summary_counts_unanswered_queries_as_zero() {
        let q = parse_qrels("1 0 a 1\n2 0 b 1\n", "q").unwrap();
        let run = parse_run("1 Q0 a 1 1.0 t\n", "r").unwrap();
        let s = summarize(&q, &run);
        assert_eq!(s.queries, 2);
        assert_eq!(s.queries_with_results, 1);
        assert!((s.ndcg10 - 0.5).abs() < 1e-12);
        let json = serde_json::to_value(&s).unwrap();
        for key in ["ndcg@10", "recall@100", "map", "p@10", "pres@100"] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn beir_and_trec_qrels_parse_and_self_hits_drop() {
        let q = parse_qrels("query-id\tcorpus-id\tscore\n1\t10\t1\n", "q").unwrap();
        assert_eq!(q["1"]["10"], 1);
        let q2 = parse_qrels("1 0 10 2\n", "q").unwrap();
        assert_eq!(q2["1"]["10"], 2);
        let run = parse_run("1 Q0 1 1 9.0 t\n1 Q0 10 2 5.0 t\n1 Q0 11 3 7.0 t\n", "r").unwrap();
        assert_eq!(run["1"], ["11", "10"]);
        assert!(parse_run("1 Q0 10\n", "r").is_err());
        assert!(parse_qrels("1 10 x\n2 20 y\n", "q").is_err());
    }
}
