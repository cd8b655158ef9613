//! Merging ranked lists: reciprocal rank fusion, and grouping the fused documents into rows —
//! patents by family (a family id, or a shared priority claim), articles by DOI or PMID.

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// The usual RRF constant (Cormack, Clarke & Büttcher 2009).
pub const RRF_K: f64 = 60.0;

/// One ranked list: a strategy's top hits in one corpus, best first.
#[derive(Debug, Clone)]
pub struct RankedList {
    /// The strategy's label: "1", "2"… in `-q` order, or the history number in a case.
    pub strategy: String,
    pub corpus: String,
    pub ids: Vec<String>,
}

/// A document after fusion.
#[derive(Debug, Clone, PartialEq)]
pub struct Fused {
    pub id: String,
    pub corpus: String,
    pub score: f64,
    /// Strategy label → 1-based rank of this document in that strategy's list.
    pub ranks: BTreeMap<String, usize>,
}

/// Reciprocal rank fusion: score(d) = Σ 1 / (k + rank) over the lists that contain d.
/// Ties are broken by the best rank, then by id, so the order is deterministic. Only the
/// first `limit` documents are returned.
pub fn rrf(lists: &[RankedList], k: f64, limit: usize) -> Vec<Fused> {
    // One light entry per document, borrowing its id and corpus from the lists; its ranks
    // are (list, rank) pairs. Labels and ids are copied only for the documents returned.
    struct Entry<'a> {
        id: &'a str,
        corpus: &'a str,
        score: f64,
        best: usize,
        ranks: Vec<(usize, usize)>,
    }
    let mut slot: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    let mut entries: Vec<Entry> = Vec::new();
    for (li, list) in lists.iter().enumerate() {
        for (i, id) in list.ids.iter().enumerate() {
            let rank = i + 1;
            let at = *slot
                .entry((list.corpus.as_str(), id.as_str()))
                .or_insert_with(|| {
                    entries.push(Entry {
                        id,
                        corpus: &list.corpus,
                        score: 0.0,
                        best: usize::MAX,
                        ranks: Vec::new(),
                    });
                    entries.len() - 1
                });
            let e = &mut entries[at];
            e.score += 1.0 / (k + rank as f64);
            e.best = e.best.min(rank);
            e.ranks.push((li, rank));
        }
    }
    let cmp = |a: &Entry, b: &Entry| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.best.cmp(&b.best))
            .then_with(|| a.id.cmp(b.id))
            .then_with(|| a.corpus.cmp(b.corpus))
    };
    if entries.len() > limit && limit > 0 {
        entries.select_nth_unstable_by(limit - 1, cmp);
    }
    entries.truncate(limit);
    entries.sort_by(cmp);
    entries
        .into_iter()
        .map(|e| {
            let mut ranks: BTreeMap<String, usize> = BTreeMap::new();
            for (li, rank) in e.ranks {
                let r = ranks.entry(lists[li].strategy.clone()).or_insert(rank);
                *r = (*r).min(rank);
            }
            Fused {
                id: e.id.to_string(),
                corpus: e.corpus.to_string(),
                score: e.score,
                ranks,
            }
        })
        .collect()
}

/// What ties documents together into one row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupKeys {
    /// The publication number, for a patent found in several corpora.
    pub publication: Option<String>,
    pub family: Option<String>,
    /// Priority claims as `CC:number` (normalised: upper case, no spaces or punctuation).
    pub priorities: Vec<String>,
    pub doi: Option<String>,
    pub pmid: Option<String>,
}

/// Normalise a priority claim to a key: `KE/P/2010/000975` and `KEP2010000975` alike.
pub fn priority_key(country: &str, number: &str) -> String {
    let n: String = number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    format!("{}:{}", country.trim().to_ascii_uppercase(), n)
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut c = i;
    while parent[c] != r {
        let next = parent[c];
        parent[c] = r;
        c = next;
    }
    r
}

/// Group items (in rank order) that share any key. Returns rows as lists of item indices;
/// rows are ordered by their best (lowest-index) member, members in rank order.
pub fn group(keys: &[GroupKeys]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let mut ks: Vec<String> = Vec::new();
        if let Some(p) = &k.publication {
            ks.push(format!("pub:{p}"));
        }
        if let Some(f) = &k.family {
            ks.push(format!("fam:{f}"));
        }
        ks.extend(k.priorities.iter().map(|p| format!("pr:{p}")));
        if let Some(d) = &k.doi {
            ks.push(format!("doi:{}", d.to_ascii_lowercase()));
        }
        if let Some(p) = &k.pmid {
            ks.push(format!("pmid:{p}"));
        }
        for key in ks {
            match owner.get(&key) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        // The better-ranked item stays the root.
                        let (lo, hi) = (a.min(b), a.max(b));
                        parent[hi] = lo;
                    }
                }
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    let mut rows: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..keys.len() {
        let r = find(&mut parent, i);
        rows.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = rows.into_values().collect();
    out.sort_by_key(|m| m[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(s: &str, ids: &[&str]) -> RankedList {
        RankedList {
            strategy: s.into(),
            corpus: "c".into(),
            ids: ids.iter().map(|x| x.to_string()).collect(),
        }
    }

    #[test]
    fn fusion_rewards_agreement_and_keeps_ranks() {
        let lists = [list("1", &["a", "b", "c"]), list("2", &["b", "d", "a"])];
        let fused = rrf(&lists, RRF_K, usize::MAX);
        let order: Vec<&str> = fused.iter().map(|f| f.id.as_str()).collect();
        // b: 1/62 + 1/61; a: 1/61 + 1/63; d: 1/62; c: 1/63.
        assert_eq!(order, ["b", "a", "d", "c"]);
        assert_eq!(
            fused[0].ranks,
            BTreeMap::from([("1".into(), 2), ("2".into(), 1)])
        );
        assert_eq!(fused[3].ranks, BTreeMap::from([("1".into(), 3)]));
        let expect = 1.0 / 62.0 + 1.0 / 61.0;
        assert!((fused[0].score - expect).abs() < 1e-12);
    }

    #[test]
    fn fusion_ties_break_by_best_rank_then_id() {
        let fused = rrf(
            &[list("1", &["x", "y"]), list("2", &["y", "x"])],
            RRF_K,
            usize::MAX,
        );
        assert_eq!(fused[0].score, fused[1].score);
        assert_eq!(fused[0].id, "x");
        // A limit keeps the first documents of the same order.
        let lists = [list("1", &["a", "b", "c"]), list("2", &["b", "d", "a"])];
        let ids = |n| -> Vec<String> { rrf(&lists, RRF_K, n).into_iter().map(|f| f.id).collect() };
        assert_eq!(ids(2), ["b", "a"]);
        assert_eq!(ids(3), ["b", "a", "d"]);
        assert!(ids(0).is_empty());
    }

    #[test]
    fn family_and_priority_and_doi_keys_group_rows() {
        let k = |fam: Option<&str>, pr: &[&str], doi: Option<&str>| GroupKeys {
            publication: None,
            family: fam.map(str::to_string),
            priorities: pr.iter().map(|p| p.to_string()).collect(),
            doi: doi.map(str::to_string),
            pmid: None,
        };
        let keys = vec![
            k(None, &["KE:P2010000975"], None),       // 0: US member
            k(None, &[], Some("10.1/X")),             // 1: article
            k(Some("77"), &["KE:P2010000975"], None), // 2: EP member, same priority
            k(Some("77"), &[], None),                 // 3: another family-77 member
            k(None, &[], Some("10.1/x")),             // 4: same article in another corpus
            k(None, &[], None),                       // 5: alone
        ];
        assert_eq!(group(&keys), vec![vec![0, 2, 3], vec![1, 4], vec![5]]);
        assert_eq!(priority_key("ke", "KE/P/2010/000975"), "KE:KEP2010000975");
    }
}
