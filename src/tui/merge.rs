//! Putting the hits of several corpora into one list.
//!
//! For now hits are merged by score (BM25 scores of different corpora are only roughly
//! comparable); rank fusion is being built in `crate::search`, and this one function is the
//! place to swap it in.

use crate::search::Hit;

/// Merge per-corpus hit lists (each already ranked) into one list, best first, and
/// renumber the ranks. Equal scores keep corpus order, then each corpus's own rank.
pub fn merge(per_corpus: Vec<Vec<Hit>>) -> Vec<Hit> {
    let mut all: Vec<(usize, Hit)> = per_corpus
        .into_iter()
        .enumerate()
        .flat_map(|(i, hits)| hits.into_iter().map(move |h| (i, h)))
        .collect();
    all.sort_by(|(ca, a), (cb, b)| {
        b.score
            .total_cmp(&a.score)
            .then(ca.cmp(cb))
            .then(a.rank.cmp(&b.rank))
    });
    all.into_iter()
        .enumerate()
        .map(|(i, (_, mut h))| {
            h.rank = i + 1;
            h
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(corpus: &str, id: &str, rank: usize, score: f32) -> Hit {
        Hit {
            rank,
            id: id.into(),
            title: String::new(),
            score,
            corpus: corpus.into(),
            kind: "patent".into(),
            kind_code: None,
            date: None,
            after_cutoff: false,
            strategies: Default::default(),
            family: vec![id.into()],
            snippet: None,
        }
    }

    #[test]
    fn hits_of_several_corpora_interleave_by_score_and_are_renumbered() {
        let merged = merge(vec![
            vec![hit("a", "a1", 1, 9.0), hit("a", "a2", 2, 3.0)],
            vec![hit("b", "b1", 1, 5.0), hit("b", "b2", 2, 3.0)],
        ]);
        let ids: Vec<(&str, usize)> = merged.iter().map(|h| (h.id.as_str(), h.rank)).collect();
        assert_eq!(ids, [("a1", 1), ("b1", 2), ("a2", 3), ("b2", 4)]);
        assert!(merge(Vec::new()).is_empty());
    }
}
