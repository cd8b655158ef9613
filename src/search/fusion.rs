//! Merging ranked lists: reciprocal rank fusion, and grouping the fused documents into rows —
//! patents by family (a family id, or a shared priority claim), articles by DOI or PMID.

use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

/// The usual RRF constant (Cormack, Clarke & Büttcher 2009).
pub const RRF_K: f64 = 60.0;

/// A document's fused score, before ties are broken (which needs its id).
#[derive(Debug, Clone)]
pub struct Scored<K> {
    pub key: K,
    /// Σ 1 / (k + rank) over the lists that contain it.
    pub score: f64,
    /// Its best rank in any list.
    pub best: usize,
    /// (list index, 1-based rank) for every list that contains it, in list order.
    pub ranks: Vec<(usize, usize)>,
}

/// The reciprocal-rank-fusion score of every document of `lists` (each a list of document
/// keys, best first), in the order the documents are first met.
fn scores<'a, K, L>(lists: L, k: f64) -> Vec<Scored<K>>
where
    K: Hash + Eq + Copy + 'a,
    L: IntoIterator<Item = &'a [K]>,
{
    let mut slot: FxHashMap<K, usize> = FxHashMap::default();
    let mut out: Vec<Scored<K>> = Vec::new();
    for (li, list) in lists.into_iter().enumerate() {
        for (i, key) in list.iter().enumerate() {
            let rank = i + 1;
            let at = *slot.entry(*key).or_insert_with(|| {
                out.push(Scored {
                    key: *key,
                    score: 0.0,
                    best: usize::MAX,
                    ranks: Vec::new(),
                });
                out.len() - 1
            });
            let e = &mut out[at];
            e.score += 1.0 / (k + rank as f64);
            e.best = e.best.min(rank);
            e.ranks.push((li, rank));
        }
    }
    out
}

/// Higher score first, then the better best rank: the fused order before ids break ties.
fn by_score<K>(a: &Scored<K>, b: &Scored<K>) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| a.best.cmp(&b.best))
}

/// The documents that can be among the first `limit` once ties are broken: those ordered
/// before the `limit`-th by [`by_score`] and every one that ties with it, in that order.
/// Only these need their ids read.
fn contenders<K>(mut docs: Vec<Scored<K>>, limit: usize) -> Vec<Scored<K>> {
    if limit == 0 {
        return Vec::new();
    }
    if docs.len() > limit {
        docs.select_nth_unstable_by(limit - 1, by_score);
        let rest = docs.split_off(limit);
        let edge = &docs[limit - 1];
        let (score, best) = (edge.score, edge.best);
        docs.extend(
            rest.into_iter()
                .filter(|d| d.score.total_cmp(&score).is_eq() && d.best == best),
        );
    }
    docs.sort_by(by_score);
    docs
}

/// Reciprocal rank fusion of `lists` (each a list of document keys, best first): score(d) =
/// Σ 1 / (k + rank) over the lists that contain d. Returns the first `limit` documents, each
/// with what `read` gave for it. `read` is handed only the documents that can take those
/// places (the first `limit` by score, then best rank, and every one tied with the last),
/// and returns one value for each (a search job reads their stored documents there). Ties
/// are then broken by the id, then the corpus, that `tie` finds in a value, so that the
/// order is deterministic.
pub fn fuse<'a, K, D, E>(
    lists: impl IntoIterator<Item = &'a [K]>,
    k: f64,
    limit: usize,
    read: impl FnOnce(&[Scored<K>]) -> Result<Vec<D>, E>,
    tie: impl Fn(&D) -> (&str, &str),
) -> Result<Vec<(Scored<K>, D)>, E>
where
    K: Hash + Eq + Copy + 'a,
{
    let docs = contenders(scores(lists, k), limit);
    let values = read(&docs)?;
    let mut placed: Vec<(Scored<K>, D)> = docs.into_iter().zip(values).collect();
    placed.sort_by(|(x, a), (y, b)| {
        let ((ia, ca), (ib, cb)) = (tie(a), tie(b));
        by_score(x, y)
            .then_with(|| ia.cmp(ib))
            .then_with(|| ca.cmp(cb))
    });
    placed.truncate(limit);
    Ok(placed)
}

/// How the lists of one strategy over several corpora become one list before the
/// strategies are fused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Merge {
    /// Every (strategy, corpus) list is a list of its own in reciprocal rank fusion: the
    /// fifth document of a corpus that holds nothing relevant ranks with the fifth of one
    /// that does.
    Rrf,
    /// The lists of a strategy are merged by normalised score (see [`merge_by_score`]) with
    /// this blend; the strategies' merged lists are then fused by rank.
    Score(f64),
}

/// The blend of [`Merge::Score`] unless one is given (chosen on the SciFact training
/// judgments, see docs/performance.md).
pub const SCORE_BLEND: f64 = 0.9;

impl Default for Merge {
    fn default() -> Merge {
        Merge::Score(SCORE_BLEND)
    }
}

impl std::str::FromStr for Merge {
    type Err = String;
    /// `rrf`, `score`, or `score:B` with a blend B between 0 and 1.
    fn from_str(s: &str) -> Result<Merge, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("rrf") {
            return Ok(Merge::Rrf);
        }
        if s.eq_ignore_ascii_case("score") {
            return Ok(Merge::default());
        }
        let blend = s
            .split_once(':')
            .filter(|(m, _)| m.eq_ignore_ascii_case("score"))
            .and_then(|(_, b)| b.trim().parse::<f64>().ok())
            .filter(|b| (0.0..=1.0).contains(b));
        match blend {
            Some(b) => Ok(Merge::Score(b)),
            None => Err(format!(
                "`{s}` is not a merge method: use rrf, score, or score:B with B from 0 to 1"
            )),
        }
    }
}

/// Merge the lists of one strategy over several corpora (each best first, with its BM25
/// scores) into one list, best first, with normalised scores. A score is divided by a blend
/// of the best score of all the lists and the best of its own list:
/// `s / (blend · best of all + (1 − blend) · best of its list)`. With blend 1 the raw scores
/// compete (a corpus whose documents barely match stays below one whose documents match
/// well); with blend 0 every list's head scores 1, as if each corpus held something
/// relevant. Ties keep the list order, then the lists' order. One list keeps its order.
pub fn merge_by_score<K: Copy>(lists: &[&[(K, f32)]], blend: f64) -> Vec<(K, f64)> {
    let best_of = |l: &[(K, f32)]| l.iter().map(|h| f64::from(h.1)).fold(0.0f64, f64::max);
    let best_all = lists.iter().map(|l| best_of(l)).fold(0.0f64, f64::max);
    let mut out: Vec<((usize, usize), (K, f64))> = Vec::new();
    for (li, list) in lists.iter().enumerate() {
        let norm = blend * best_all + (1.0 - blend) * best_of(list);
        for (i, (key, score)) in list.iter().enumerate() {
            let n = if norm > 0.0 {
                f64::from(*score) / norm
            } else {
                0.0
            };
            out.push(((i, li), (*key, n)));
        }
    }
    out.sort_by(|(ra, (_, a)), (rb, (_, b))| b.total_cmp(a).then_with(|| ra.cmp(rb)));
    out.into_iter().map(|(_, kn)| kn).collect()
}

/// One query's lists over `corpora` (each best first, document ids with scores) as one ranked
/// list of at most `limit`: one list as it is, or the lists merged as a search job merges a
/// strategy's lists ([`Merge::Rrf`]: by rank, ties broken by id then corpus name).
pub fn merge_ranked(
    mut lists: Vec<Vec<(String, f32)>>,
    corpora: &[String],
    merge: Merge,
    limit: usize,
) -> Vec<(String, f32)> {
    if lists.len() == 1 {
        let mut one = lists.pop().unwrap_or_default();
        one.truncate(limit);
        return one;
    }
    let keyed: Vec<Vec<((usize, usize), f32)>> = lists
        .iter()
        .enumerate()
        .map(|(c, l)| l.iter().enumerate().map(|(i, h)| ((c, i), h.1)).collect())
        .collect();
    let id = |(c, i): (usize, usize)| lists[c][i].0.clone();
    match merge {
        Merge::Score(blend) => {
            let refs: Vec<&[((usize, usize), f32)]> = keyed.iter().map(Vec::as_slice).collect();
            merge_by_score(&refs, blend)
                .into_iter()
                .take(limit)
                .map(|(k, s)| (id(k), s as f32))
                .collect()
        }
        Merge::Rrf => {
            let keys: Vec<Vec<(usize, usize)>> = keyed
                .iter()
                .map(|l| l.iter().map(|h| h.0).collect())
                .collect();
            let read = |docs: &[Scored<(usize, usize)>]| {
                Ok::<_, std::convert::Infallible>(
                    docs.iter()
                        .map(|d| {
                            (
                                lists[d.key.0][d.key.1].0.as_str(),
                                corpora[d.key.0].as_str(),
                            )
                        })
                        .collect::<Vec<_>>(),
                )
            };
            match fuse(keys.iter().map(Vec::as_slice), RRF_K, limit, read, |v| *v) {
                Ok(placed) => placed
                    .into_iter()
                    .map(|(d, (id, _))| (id.to_string(), d.score as f32))
                    .collect(),
                Err(never) => match never {},
            }
        }
    }
}

/// Strategy label → best 1-based rank, from (list index, rank) pairs; `label(list index)`.
pub fn rank_map<'a>(
    ranks: &[(usize, usize)],
    label: impl Fn(usize) -> &'a str,
) -> BTreeMap<String, usize> {
    let mut out: BTreeMap<String, usize> = BTreeMap::new();
    for &(li, rank) in ranks {
        let r = out.entry(label(li).to_string()).or_insert(rank);
        *r = (*r).min(rank);
    }
    out
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

    /// A fused document of [`fuse`] over lists of ids in one corpus: its id, score and
    /// strategy ranks (the strategies numbered "1", "2"… in list order).
    struct Fused {
        id: &'static str,
        score: f64,
        ranks: BTreeMap<String, usize>,
    }

    fn rrf(lists: &[&[&'static str]], limit: usize) -> Vec<Fused> {
        let labels: Vec<String> = (1..=lists.len()).map(|n| n.to_string()).collect();
        let read = |docs: &[Scored<&'static str>]| -> Result<Vec<&'static str>, ()> {
            Ok(docs.iter().map(|d| d.key).collect())
        };
        fuse(lists.iter().copied(), RRF_K, limit, read, |id| (id, "c"))
            .unwrap()
            .into_iter()
            .map(|(d, id)| Fused {
                id,
                score: d.score,
                ranks: rank_map(&d.ranks, |li| &labels[li]),
            })
            .collect()
    }

    #[test]
    fn fusion_rewards_agreement_and_keeps_ranks() {
        let fused = rrf(&[&["a", "b", "c"], &["b", "d", "a"]], usize::MAX);
        let order: Vec<&str> = fused.iter().map(|f| f.id).collect();
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
        let fused = rrf(&[&["x", "y"], &["y", "x"]], usize::MAX);
        assert_eq!(fused[0].score, fused[1].score);
        assert_eq!(fused[0].id, "x");
        // A limit keeps the first documents of the same order.
        let lists: [&[&str]; 2] = [&["a", "b", "c"], &["b", "d", "a"]];
        let ids = |n| -> Vec<&str> { rrf(&lists, n).into_iter().map(|f| f.id).collect() };
        assert_eq!(ids(2), ["b", "a"]);
        assert_eq!(ids(3), ["b", "a", "d"]);
        assert!(ids(0).is_empty());
    }

    #[test]
    fn contenders_keep_every_document_tied_with_the_last_place() {
        // Documents 1, 2, 5 are first in one list each, 3, 4, 7 second, 6 third.
        let lists: [&[u32]; 3] = [&[1, 3, 6], &[2, 4], &[5, 7]];
        let docs = scores(lists, RRF_K);
        let keys = |n: usize| -> Vec<u32> {
            let mut k: Vec<u32> = contenders(docs.clone(), n).iter().map(|d| d.key).collect();
            k.sort();
            k
        };
        assert_eq!(keys(1), [1, 2, 5], "the first place is a three-way tie");
        assert_eq!(keys(3), [1, 2, 5]);
        assert_eq!(keys(4), [1, 2, 3, 4, 5, 7]);
        assert_eq!(keys(7).len(), 7);
        assert!(keys(0).is_empty());
        // In order of score, then best rank.
        let c = contenders(docs, 4);
        assert!(c.windows(2).all(|w| by_score(&w[0], &w[1]).is_le()));
        let best: Vec<usize> = c.iter().map(|d| d.best).collect();
        assert_eq!(best, [1, 1, 1, 2, 2, 2]);
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

    #[test]
    fn a_list_of_weak_scores_does_not_outrank_a_strong_lists_head() {
        // A corpus that matches the strategy well (a steep head) and one where documents
        // match a single common word (low, flat scores).
        let strong: &[(&str, f32)] = &[("s1", 18.0), ("s2", 16.5), ("s3", 9.0), ("s4", 4.0)];
        let weak: &[(&str, f32)] = &[("w1", 3.1), ("w2", 3.0), ("w3", 2.9), ("w4", 2.9)];
        let merged = merge_by_score(&[weak, strong], SCORE_BLEND);
        let order: Vec<&str> = merged.iter().map(|m| m.0).collect();
        assert_eq!(&order[..3], ["s1", "s2", "s3"], "{order:?}");
        assert!(merged.windows(2).all(|w| w[0].1 >= w[1].1));
        // By rank the weak list's first document shares the first place.
        let ids =
            |d: &[(&'static str, f32)]| -> Vec<&'static str> { d.iter().map(|h| h.0).collect() };
        let (w, s) = (ids(weak), ids(strong));
        let by_rank: Vec<&str> = rrf(&[&w, &s], 4).into_iter().map(|f| f.id).collect();
        assert!(by_rank[..2].contains(&"w1"), "{by_rank:?}");
        // Blend 0 puts both heads at 1: the old weakness, kept for comparison.
        let flat = merge_by_score(&[weak, strong], 0.0);
        assert_eq!(flat[0].1, 1.0);
        assert_eq!(flat[1].1, 1.0);
    }

    #[test]
    fn one_list_keeps_its_order_and_merge_methods_parse() {
        let one: &[(u32, f32)] = &[(7, 5.0), (3, 5.0), (9, 2.0), (1, 0.0)];
        let merged = merge_by_score(&[one], SCORE_BLEND);
        assert_eq!(merged.iter().map(|m| m.0).collect::<Vec<_>>(), [7, 3, 9, 1]);
        assert!(merge_by_score::<u32>(&[&[], &[]], 1.0).is_empty());
        assert_eq!("rrf".parse::<Merge>(), Ok(Merge::Rrf));
        assert_eq!("score".parse::<Merge>(), Ok(Merge::Score(SCORE_BLEND)));
        assert_eq!("Score:0.25".parse::<Merge>(), Ok(Merge::Score(0.25)));
        for bad in ["score:2", "score:", "combsum", "rrf:1"] {
            let e = bad.parse::<Merge>().unwrap_err();
            assert!(e.contains(bad), "{e}");
        }
    }

    #[test]
    fn ranked_id_lists_merge_like_a_job() {
        let list = |v: &[(&str, f32)]| -> Vec<(String, f32)> {
            v.iter().map(|(id, s)| (id.to_string(), *s)).collect()
        };
        let corpora = ["a".to_string(), "b".to_string()];
        let ids = |v: Vec<(String, f32)>| -> Vec<String> { v.into_iter().map(|p| p.0).collect() };
        // One list: as it is, cut at the limit, scores kept.
        let one = merge_ranked(
            vec![list(&[("x", 3.0), ("y", 1.0)])],
            &corpora[..1],
            Merge::Rrf,
            1,
        );
        assert_eq!(one, list(&[("x", 3.0)]));
        let two = || {
            vec![
                list(&[("a1", 9.0), ("a2", 8.0)]),
                list(&[("b1", 2.0), ("b2", 1.0)]),
            ]
        };
        assert_eq!(
            ids(merge_ranked(two(), &corpora, Merge::default(), 10)),
            ["a1", "a2", "b1", "b2"]
        );
        // By rank: the two firsts tie and their ids order them.
        assert_eq!(
            ids(merge_ranked(two(), &corpora, Merge::Rrf, 3)),
            ["a1", "b1", "a2"]
        );
    }
}
