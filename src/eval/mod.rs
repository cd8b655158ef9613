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

/// Recall@k of one ranked list.
pub fn recall_at(rels: &HashMap<String, i32>, docs: &[String], k: usize) -> f64 {
    let relevant = rels.values().filter(|r| **r > 0).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = docs
        .iter()
        .take(k)
        .filter(|d| rels.get(*d).is_some_and(|r| *r > 0))
        .count();
    found as f64 / relevant as f64
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
