//! Fusing a BM25 list with a dense list of one corpus: each list's scores are min-max
//! normalised over that list, and a document's fused score is
//! `α · bm25 + (1 − α) · dense` over the union of both lists, a document missing from a list
//! getting 0 for that part. A document without a vector (in a language the model does not
//! read, or not embedded yet) takes its normalised BM25 score as its whole score. Equal
//! fused scores are ordered by canonical id.

/// The default weight of BM25 in the fusion (`[semantic] alpha` in config.toml).
pub const DEFAULT_ALPHA: f32 = 0.6;

/// How many documents each list brings to the fusion.
pub const TOP_K: usize = 100;

/// One fused document: its score and the two parts it is the sum of.
#[derive(Debug, Clone, PartialEq)]
pub struct Fused {
    pub id: String,
    /// `bm25 + dense.unwrap_or(0)`.
    pub score: f32,
    /// The BM25 part: α times the normalised BM25 score (the whole normalised score for a
    /// document without a vector); 0 when BM25 did not rank it.
    pub bm25: f32,
    /// The dense part: (1 − α) times the normalised dense score (0 when not in the dense
    /// list); `None` for a document without a vector.
    pub dense: Option<f32>,
}

/// Min-max normalisation of `scores` into [0, 1]: the best becomes 1, the worst 0. A list
/// of one score, or of equal scores, becomes all 1; a NaN counts as the worst.
pub fn min_max(scores: &[f32]) -> Vec<f32> {
    let finite = scores.iter().copied().filter(|s| s.is_finite());
    let (lo, hi) = finite.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), s| {
        (lo.min(s), hi.max(s))
    });
    scores
        .iter()
        .map(|&s| {
            if !s.is_finite() {
                if s == f32::INFINITY {
                    1.0
                } else {
                    0.0
                }
            } else if hi > lo {
                (s - lo) / (hi - lo)
            } else {
                1.0
            }
        })
        .collect()
}

/// Fuse `bm25` and `dense` (each best first: canonical id and raw score) with weight `alpha`
/// on BM25; `has_vector(id)` tells whether a document has a vector. Best first, equal
/// scores by id.
pub fn fuse(
    bm25: &[(String, f32)],
    dense: &[(String, f32)],
    alpha: f32,
    has_vector: &dyn Fn(&str) -> bool,
) -> Vec<Fused> {
    let alpha = if alpha.is_finite() {
        alpha.clamp(0.0, 1.0)
    } else {
        DEFAULT_ALPHA
    };
    let nb = min_max(&bm25.iter().map(|h| h.1).collect::<Vec<_>>());
    let nd = min_max(&dense.iter().map(|h| h.1).collect::<Vec<_>>());
    let mut parts: std::collections::HashMap<&str, (Option<f32>, Option<f32>)> =
        std::collections::HashMap::with_capacity(bm25.len() + dense.len());
    for ((id, _), n) in bm25.iter().zip(&nb) {
        let e = parts.entry(id.as_str()).or_default();
        // A list holds an id once; if not, its best place counts.
        e.0 = Some(e.0.map_or(*n, |old: f32| old.max(*n)));
    }
    for ((id, _), n) in dense.iter().zip(&nd) {
        let e = parts.entry(id.as_str()).or_default();
        e.1 = Some(e.1.map_or(*n, |old: f32| old.max(*n)));
    }
    let mut out: Vec<Fused> = parts
        .into_iter()
        .map(|(id, (b, d))| {
            let (bm25, dense) = if d.is_none() && !has_vector(id) {
                (b.unwrap_or(0.0), None)
            } else {
                (
                    alpha * b.unwrap_or(0.0),
                    Some((1.0 - alpha) * d.unwrap_or(0.0)),
                )
            };
            Fused {
                id: id.to_string(),
                score: bm25 + dense.unwrap_or(0.0),
                bm25,
                dense,
            }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Fuse `bm25` (best first: id, raw score) with the exact dense top [`TOP_K`] of `vectors`
/// for `query`: the fusion of one corpus's lists.
pub fn fuse_with_vectors(
    bm25: &[(String, f32)],
    vectors: &super::store::Vectors,
    query: &[f32],
    alpha: f32,
) -> Vec<Fused> {
    let dense: Vec<(String, f32)> = super::scan::top_k(vectors, query, TOP_K)
        .into_iter()
        .map(|(row, s)| (vectors.ids()[row].clone(), s))
        .collect();
    fuse(bm25, &dense, alpha, &|id| vectors.get(id).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[(&str, f32)]) -> Vec<(String, f32)> {
        items.iter().map(|(i, s)| (i.to_string(), *s)).collect()
    }

    fn all(_: &str) -> bool {
        true
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn min_max_maps_onto_zero_one_and_flat_lists_onto_one() {
        assert_eq!(min_max(&[4.0, 3.0, 2.0]), [1.0, 0.5, 0.0]);
        assert_eq!(min_max(&[7.5]), [1.0]);
        assert_eq!(min_max(&[2.0, 2.0]), [1.0, 1.0]);
        assert!(min_max(&[]).is_empty());
        let with_nan = min_max(&[3.0, f32::NAN, 1.0]);
        assert_eq!(with_nan, [1.0, 0.0, 0.0]);
    }

    #[test]
    fn the_fused_score_is_the_convex_combination_over_the_union() {
        // BM25: a 10 → 1, b 6 → 0.5, c 2 → 0. Dense: c 0.9 → 1, d 0.5 → 0.
        let bm25 = list(&[("a", 10.0), ("b", 6.0), ("c", 2.0)]);
        let dense = list(&[("c", 0.9), ("d", 0.5)]);
        let got = fuse(&bm25, &dense, 0.6, &all);
        let by: std::collections::HashMap<&str, &Fused> =
            got.iter().map(|f| (f.id.as_str(), f)).collect();
        assert!(close(by["a"].score, 0.6) && close(by["a"].bm25, 0.6));
        assert_eq!(by["a"].dense, Some(0.0), "missing from the dense list: 0");
        assert!(close(by["b"].score, 0.3));
        assert!(close(by["c"].score, 0.4) && close(by["c"].dense.unwrap(), 0.4));
        assert!(close(by["d"].score, 0.0) && close(by["d"].bm25, 0.0));
        let order: Vec<&str> = got.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(order, ["a", "c", "b", "d"]);
        for f in &got {
            assert!(close(f.score, f.bm25 + f.dense.unwrap_or(0.0)));
            assert!(!f.score.is_nan());
        }
    }

    #[test]
    fn equal_fused_scores_are_ordered_by_id() {
        // x is best in BM25, y best in dense: with α = 0.5 both score 0.5.
        let bm25 = list(&[("x", 3.0), ("y", 1.0)]);
        let dense = list(&[("y", 0.8), ("x", 0.2)]);
        let got = fuse(&bm25, &dense, 0.5, &all);
        assert_eq!(got[0].id, "x");
        assert_eq!(got[1].id, "y");
        assert!(close(got[0].score, got[1].score));
    }

    #[test]
    fn an_empty_bm25_list_ranks_by_the_dense_part_alone() {
        let dense = list(&[("p", 0.7), ("q", 0.4), ("r", 0.1)]);
        let got = fuse(&[], &dense, 0.6, &all);
        let ids: Vec<&str> = got.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["p", "q", "r"]);
        assert!(close(got[0].score, 0.4) && close(got[2].score, 0.0));
        assert!(got.iter().all(|f| f.bm25 == 0.0));
    }

    #[test]
    fn an_empty_dense_list_keeps_the_bm25_order() {
        let bm25 = list(&[("a", 3.0), ("b", 2.0)]);
        let got = fuse(&bm25, &[], 0.6, &all);
        assert_eq!(got[0].id, "a");
        assert!(close(got[0].score, 0.6) && close(got[1].score, 0.0));
        assert!(fuse(&[], &[], 0.6, &all).is_empty());
    }

    #[test]
    fn one_element_lists_normalise_to_one() {
        let got = fuse(&list(&[("a", 0.3)]), &list(&[("b", -0.2)]), 0.6, &all);
        assert_eq!(got[0].id, "a");
        assert!(close(got[0].score, 0.6) && close(got[1].score, 0.4));
    }

    #[test]
    fn a_document_without_a_vector_takes_its_bm25_score_whole() {
        let bm25 = list(&[("fr-doc", 5.0), ("en-doc", 1.0)]);
        let dense = list(&[("en-doc", 0.9)]);
        let got = fuse(&bm25, &dense, 0.6, &|id| id != "fr-doc");
        assert_eq!(got[0].id, "fr-doc");
        assert_eq!((got[0].score, got[0].dense), (1.0, None));
        assert!(close(got[1].score, 0.4));
    }

    #[test]
    fn nan_and_out_of_range_inputs_give_no_nan() {
        let bm25 = list(&[("a", f32::NAN), ("b", 1.0)]);
        let dense = list(&[("a", 0.5), ("b", f32::NAN)]);
        for alpha in [f32::NAN, -1.0, 2.0, 0.6] {
            for f in fuse(&bm25, &dense, alpha, &all) {
                assert!(f.score.is_finite(), "{alpha}: {f:?}");
            }
        }
    }

    #[test]
    fn a_corpus_list_is_fused_with_the_dense_top_of_its_vectors() {
        let mut v = super::super::store::Vectors::new("m", 2);
        v.put("near", 0, &[1.0, 0.0]);
        v.put("far", 0, &[0.0, 1.0]);
        v.put("mid", 0, &[0.6, 0.8]);
        // "other" has no vector (another language): its BM25 score is its whole score.
        let bm25 = list(&[("far", 4.0), ("other", 3.0), ("mid", 1.0)]);
        let got = fuse_with_vectors(&bm25, &v, &[1.0, 0.0], 0.5);
        let ids: Vec<&str> = got.iter().map(|f| f.id.as_str()).collect();
        // far: 0.5·1 + 0.5·0 = 0.5; other: 2/3 whole; mid: 0 + 0.5·0.6 = 0.3; near: 0.5.
        assert_eq!(ids, ["other", "far", "near", "mid"]);
        assert_eq!(got[0].dense, None);
        assert!(close(got[3].score, 0.3));
    }
}
