//! Combining the spans of two operands in one document: a phrase step (`Seq`) or a proximity
//! operator (`Near`), over span lists sorted by (first, last) position without duplicates.
//!
//! Both lists come sorted, so the spans of the right operand that can be near a left span
//! are found with cursors that only move forward while the left spans' ends grow (a binary
//! search only when an end goes back, which needs spans of different lengths).

use super::Pos;

/// How two operands' spans combine.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Join {
    /// The right span starts right after the left one ends.
    Seq,
    /// The nearest ends at most `dist` positions apart; `ordered` requires left first.
    Near { dist: u32, ordered: bool },
}

/// The combined spans of `a` and `b` (both sorted, deduplicated) into `out`, sorted and
/// deduplicated.
pub(super) fn join_spans(join: Join, a: &[Pos], b: &[Pos], out: &mut Vec<Pos>) {
    out.clear();
    if a.is_empty() || b.is_empty() {
        return;
    }
    // `after`: index of the first right span that starts after the current left span's end.
    let mut after = 0usize;
    let mut prev_end = 0u32;
    let mut advance_after = |le: u32| -> usize {
        if le < prev_end {
            after = b.partition_point(|(rs, _)| *rs <= le);
        } else {
            while after < b.len() && b[after].0 <= le {
                after += 1;
            }
        }
        prev_end = le;
        after
    };
    match join {
        Join::Seq => {
            for &(ls, le) in a {
                let i = advance_after(le);
                for &(rs, re) in b[i..].iter().take_while(|(rs, _)| rs - le == 1) {
                    out.push((ls, re.max(rs)));
                }
            }
        }
        Join::Near { dist, ordered } => {
            let max_len = if ordered {
                0
            } else {
                b.iter().map(|(s, e)| e - s).max().unwrap_or(0)
            };
            // `before`: index of the first right span that may end within reach before the
            // current left span; left starts never decrease, so it only moves forward.
            let mut before = 0usize;
            for &(ls, le) in a {
                let i = advance_after(le);
                for &(_, re) in b[i..].iter().take_while(|(rs, _)| rs - le <= dist) {
                    out.push((ls, le.max(re)));
                }
                if !ordered {
                    let from = ls.saturating_sub(dist.saturating_add(max_len));
                    while before < b.len() && b[before].0 < from {
                        before += 1;
                    }
                    for &(rs, re) in b[before..].iter().take_while(|(rs, _)| *rs < ls) {
                        if re < ls && ls - re <= dist {
                            out.push((rs, le.max(re)));
                        }
                    }
                }
            }
        }
    }
    finish(out);
}

fn finish(out: &mut Vec<Pos>) {
    if !out.is_sorted() {
        out.sort_unstable();
    }
    out.dedup();
}

/// The first index from `i` on whose position is at or after `target` (galloping: cheap
/// when the answer is near `i`, logarithmic when it is far).
fn gallop(v: &[u32], mut i: usize, target: u32) -> usize {
    let mut step = 1;
    let mut hi = i;
    while hi < v.len() && v[hi] < target {
        i = hi + 1;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(v.len());
    i + v[i..hi].partition_point(|p| *p < target)
}

/// Runs of sorted distinct positions: `.1[i]` is where run `i` ends in `.0`.
pub(super) type Runs<'a> = (&'a [u32], &'a [usize]);

/// [`join_spans`] for single-word operands, given as runs of positions (one per word of a
/// truncation or OR-group): every pair of runs is joined, and only the (few) results are
/// sorted.
pub(super) fn join_points(join: Join, a: Runs, b: Runs, out: &mut Vec<Pos>) {
    out.clear();
    let mut a_start = 0;
    for &a_end in a.1 {
        let mut b_start = 0;
        for &b_end in b.1 {
            join_sorted_points(join, &a.0[a_start..a_end], &b.0[b_start..b_end], out);
            b_start = b_end;
        }
        a_start = a_end;
    }
    finish(out);
}

/// Two sorted position lists: each position of the shorter list looks for partners in a
/// window of the longer one, found by galloping (so a rare word next to a common one costs
/// about the rare word's positions). Appends, unsorted.
fn join_sorted_points(join: Join, a: &[u32], b: &[u32], out: &mut Vec<Pos>) {
    // A phrase step is an ordered proximity of one: the right word right after the left.
    let (dist, ordered) = match join {
        Join::Seq => (1, true),
        Join::Near { dist, ordered } => (dist, ordered),
    };
    let mut c = 0usize;
    if a.len() <= b.len() {
        for &l in a {
            let from = if ordered {
                l.saturating_add(1)
            } else {
                l.saturating_sub(dist)
            };
            let to = l.saturating_add(dist);
            c = gallop(b, c, from);
            for &r in b[c..].iter().take_while(|r| **r <= to) {
                if r > l {
                    out.push((l, r));
                } else if r < l {
                    out.push((r, l));
                }
            }
        }
    } else {
        for &r in b {
            let from = r.saturating_sub(dist);
            let to = if ordered {
                r.saturating_sub(1)
            } else {
                r.saturating_add(dist)
            };
            c = gallop(a, c, from);
            for &l in a[c..].iter().take_while(|l| **l <= to) {
                if l < r {
                    out.push((l, r));
                } else if l > r {
                    out.push((r, l));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, pair by pair.
    fn naive(join: Join, a: &[Pos], b: &[Pos]) -> Vec<Pos> {
        let mut out = Vec::new();
        for &(ls, le) in a {
            for &(rs, re) in b {
                match join {
                    Join::Seq => {
                        if rs == le + 1 {
                            out.push((ls, re.max(rs)));
                        }
                    }
                    Join::Near { dist, ordered } => {
                        if rs > le && rs - le <= dist {
                            out.push((ls, le.max(re)));
                        } else if !ordered && rs < ls && re < ls && ls - re <= dist {
                            out.push((rs, le.max(re)));
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn spans(seed: &mut u64, n: usize, max_len: u32) -> Vec<Pos> {
        let mut out = Vec::new();
        for _ in 0..n {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            let s = (*seed % 60) as u32;
            let l = ((*seed >> 20) % u64::from(max_len + 1)) as u32;
            out.push((s, s + l));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// `v` (sorted) cut into up to three runs, the second repeating part of the first.
    fn runs(v: &[u32], seed: usize) -> (Vec<u32>, Vec<usize>) {
        let cut = seed % (v.len() + 1);
        let mut out = v[..cut].to_vec();
        let mut ends = vec![cut];
        out.extend_from_slice(&v[cut / 2..cut]);
        ends.push(out.len());
        out.extend_from_slice(&v[cut..]);
        ends.push(out.len());
        (out, ends)
    }

    #[test]
    fn joins_agree_with_the_definition() {
        let mut seed = 0x1234_5678_9abc_def1u64;
        let joins = [
            Join::Seq,
            Join::Near {
                dist: 0,
                ordered: false,
            },
            Join::Near {
                dist: 1,
                ordered: false,
            },
            Join::Near {
                dist: 3,
                ordered: true,
            },
            Join::Near {
                dist: 5,
                ordered: false,
            },
            Join::Near {
                dist: 9_999,
                ordered: false,
            },
        ];
        for round in 0..3000 {
            let max_len = [0, 0, 2, 5][round % 4];
            let a = spans(&mut seed, 1 + round % 13, max_len);
            let b = spans(&mut seed, 1 + round % 17, [0, 3][round % 2]);
            let points = a.iter().chain(&b).all(|(s, e)| s == e);
            for j in joins {
                let mut out = Vec::new();
                join_spans(j, &a, &b, &mut out);
                assert_eq!(out, naive(j, &a, &b), "{j:?} a={a:?} b={b:?}");
                if points {
                    let pa: Vec<u32> = a.iter().map(|p| p.0).collect();
                    let pb: Vec<u32> = b.iter().map(|p| p.0).collect();
                    join_points(j, (&pa, &[pa.len()]), (&pb, &[pb.len()]), &mut out);
                    assert_eq!(out, naive(j, &a, &b), "{j:?} a={a:?} b={b:?} (points)");
                    // The same positions cut into overlapping runs (as an OR-group's words
                    // may share positions) give the same result.
                    let (ra, ea) = runs(&pa, round);
                    let (rb, eb) = runs(&pb, round + 1);
                    join_points(j, (&ra, &ea), (&rb, &eb), &mut out);
                    assert_eq!(out, naive(j, &a, &b), "{j:?} a={a:?} b={b:?} (runs)");
                }
            }
        }
    }
}
