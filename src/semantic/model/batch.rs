//! Grouping texts of similar length into batches, so that padding every text of a batch to
//! its longest wastes little work.

/// Batches of indices into `lengths` (token counts): the texts sorted longest first, cut into
/// runs of at most `max_texts` texts whose padded size (texts × longest) stays within
/// `max_padded_tokens` (a single text longer than that is a batch of its own). Every index
/// appears exactly once.
pub fn length_batches(
    lengths: &[usize],
    max_texts: usize,
    max_padded_tokens: usize,
) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    // Longest first, ties by position: the same input always gives the same batches.
    order.sort_by(|&a, &b| lengths[b].cmp(&lengths[a]).then(a.cmp(&b)));
    let max_texts = max_texts.max(1);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut longest = 0;
    for i in order {
        let fits = current.len() < max_texts
            && (current.len() + 1) * longest.max(lengths[i]) <= max_padded_tokens;
        if !current.is_empty() && !fits {
            out.push(std::mem::take(&mut current));
            longest = 0;
        }
        longest = longest.max(lengths[i]);
        current.push(i);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_group_similar_lengths_within_limits() {
        let lengths = [5, 200, 7, 180, 6, 190];
        let b = length_batches(&lengths, 2, 10_000);
        assert_eq!(b, vec![vec![1, 5], vec![3, 2], vec![4, 0]]);
        // A padded budget of 600 tokens: three texts of ~200 fit, not four; the short ones
        // go together.
        let b = length_batches(&lengths, 8, 600);
        assert_eq!(b, vec![vec![1, 5, 3], vec![2, 4, 0]]);
        // A text longer than the budget still gets a batch.
        assert_eq!(length_batches(&[50], 4, 10), vec![vec![0]]);
        assert!(length_batches(&[], 4, 10).is_empty());
    }

    #[test]
    fn every_index_once() {
        let lengths: Vec<usize> = (0..97).map(|i| (i * 37) % 61 + 1).collect();
        let b = length_batches(&lengths, 8, 256);
        let mut seen: Vec<usize> = b.iter().flatten().copied().collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..97).collect::<Vec<_>>());
        for batch in &b {
            let longest = batch.iter().map(|&i| lengths[i]).max().unwrap();
            assert!(batch.len() <= 8 && (batch.len() * longest <= 256 || batch.len() == 1));
        }
    }
}
