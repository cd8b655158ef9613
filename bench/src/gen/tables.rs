//! The measured tables the generator draws from (bench/data/, made by scripts/make_vocab.py
//! from the shared real data sets), compiled into the binary: word frequencies per language
//! and text kind, IPC symbol frequencies, field-length quantiles, names and journals.

use super::rng::Rng;
use std::collections::BTreeMap;

const EN_PATENT: &str = include_str!("../../data/en_patent.tsv");
const EN_CLAIMS: &str = include_str!("../../data/en_claims.tsv");
const EN_ARTICLE: &str = include_str!("../../data/en_article.tsv");
const FR: &str = include_str!("../../data/fr.tsv");
const DE: &str = include_str!("../../data/de.tsv");
const ES: &str = include_str!("../../data/es.tsv");
const IPC: &str = include_str!("../../data/ipc.tsv");
const LENGTHS: &str = include_str!("../../data/lengths.tsv");
const NAMES: &str = include_str!("../../data/names.tsv");
const JOURNALS: &str = include_str!("../../data/journals.tsv");

/// A table that does not read as expected (a committed file was damaged).
#[derive(Debug, thiserror::Error)]
#[error("bench/data/{table}, line {line}: {reason}")]
pub struct TableError {
    pub table: &'static str,
    pub line: usize,
    pub reason: String,
}

/// Rows of a `# comment` + tab-separated table: (line number, columns).
fn rows(text: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

fn count(table: &'static str, line: usize, s: &str) -> Result<u32, TableError> {
    s.trim().parse().map_err(|_| TableError {
        table,
        line,
        reason: format!("`{s}` is not a count"),
    })
}

/// Items with frequencies, drawn in O(1) by Walker's alias method.
#[derive(Debug)]
pub struct Weighted<T> {
    pub items: Vec<T>,
    prob: Vec<f64>,
    alias: Vec<u32>,
}

impl<T> Weighted<T> {
    pub fn new(items: Vec<T>, weights: &[u32]) -> Weighted<T> {
        let n = items.len();
        let total: f64 = weights.iter().map(|&w| f64::from(w)).sum();
        let mut scaled: Vec<f64> = weights
            .iter()
            .map(|&w| f64::from(w) * n as f64 / total)
            .collect();
        let mut prob = vec![1.0; n];
        let mut alias: Vec<u32> = (0..n as u32).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) =
            (0..n).partition(|&i| scaled[i] < 1.0);
        while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
            prob[s] = scaled[s];
            alias[s] = l as u32;
            scaled[l] -= 1.0 - scaled[s];
            if scaled[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        Weighted { items, prob, alias }
    }

    pub fn index(&self, rng: &mut Rng) -> usize {
        let i = rng.index(self.items.len());
        if rng.unit() < self.prob[i] {
            i
        } else {
            self.alias[i] as usize
        }
    }

    pub fn pick(&self, rng: &mut Rng) -> &T {
        &self.items[self.index(rng)]
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }
}

fn word_table(
    name: &'static str,
    text: &'static str,
) -> Result<Weighted<&'static str>, TableError> {
    let mut words = Vec::new();
    let mut weights = Vec::new();
    for (line, cols) in rows(text) {
        let [word, n] = cols[..] else {
            return Err(TableError {
                table: name,
                line,
                reason: "expected `word<TAB>count`".into(),
            });
        };
        words.push(word);
        weights.push(count(name, line, n)?);
    }
    if words.is_empty() {
        return Err(TableError {
            table: name,
            line: 0,
            reason: "no rows".into(),
        });
    }
    Ok(Weighted::new(words, &weights))
}

/// The 0 %, 5 %, …, 100 % points of a measured length: drawn by picking a point between two
/// neighbouring quantiles, so draws follow the measured distribution.
///
/// Within the top interval (p95 to the maximum) a uniform draw would overweight the one
/// longest document measured; there the draw leans toward p95 (`p95 + (max − p95)·u^k`), with
/// `k` chosen so that the draws' mean is the measured mean.
#[derive(Debug, Clone)]
pub struct Quantiles {
    points: Vec<f64>,
    /// The exponent `k` of the top interval (1 = uniform).
    top_skew: f64,
}

impl Quantiles {
    /// From the measured mean and the quantile points (at least two).
    pub fn new(mean: f64, points: Vec<f64>) -> Quantiles {
        let steps = points.len().saturating_sub(1).max(1);
        let lower: f64 = points
            .windows(2)
            .take(steps - 1)
            .map(|w| (w[0] + w[1]) / 2.0)
            .sum();
        let (lo, hi) = (points[steps - 1], points[steps]);
        // The mean the top interval must have for the whole to have the measured mean.
        let top_mean = mean * steps as f64 - lower;
        let top_skew = if hi > lo && top_mean > lo {
            ((hi - lo) / (top_mean - lo) - 1.0).clamp(1.0, 100.0)
        } else {
            100.0
        };
        Quantiles { points, top_skew }
    }

    pub fn draw(&self, rng: &mut Rng) -> u32 {
        let steps = self.points.len() - 1;
        let x = rng.unit() * steps as f64;
        let i = (x as usize).min(steps - 1);
        let (lo, hi) = (self.points[i], self.points[i + 1]);
        let mut f = x - i as f64;
        if i == steps - 1 {
            f = f.powf(self.top_skew);
        }
        (lo + (hi - lo) * f).round().max(1.0) as u32
    }

    #[cfg(test)]
    pub fn median(&self) -> f64 {
        self.points[self.points.len() / 2]
    }
}

/// The words of one language and kind of text.
#[derive(Debug)]
pub struct Vocab {
    pub words: Weighted<&'static str>,
}

/// Every table, read once.
#[derive(Debug)]
pub struct Tables {
    pub en_patent: Vocab,
    pub en_claims: Vocab,
    pub en_article: Vocab,
    pub fr: Vocab,
    pub de: Vocab,
    pub es: Vocab,
    /// IPC symbols (`A61K31/47`) by measured frequency.
    pub ipc: Weighted<&'static str>,
    pub last_names: Weighted<&'static str>,
    pub first_names: Weighted<&'static str>,
    pub journals: Weighted<&'static str>,
    lengths: BTreeMap<(&'static str, &'static str), Quantiles>,
}

impl Tables {
    pub fn load() -> Result<Tables, TableError> {
        let vocab = |name, text| word_table(name, text).map(|words| Vocab { words });
        let mut last = (Vec::new(), Vec::new());
        let mut first = (Vec::new(), Vec::new());
        for (line, cols) in rows(NAMES) {
            let [kind, name, n] = cols[..] else {
                return Err(TableError {
                    table: "names.tsv",
                    line,
                    reason: "expected `kind<TAB>name<TAB>count`".into(),
                });
            };
            let n = count("names.tsv", line, n)?;
            let slot = if kind == "last" {
                &mut last
            } else {
                &mut first
            };
            slot.0.push(name);
            slot.1.push(n);
        }
        let mut lengths = BTreeMap::new();
        for (line, cols) in rows(LENGTHS) {
            let bad = |reason: String| TableError {
                table: "lengths.tsv",
                line,
                reason,
            };
            if cols.len() < 6 {
                return Err(bad("expected profile, field, n, mean and quantiles".into()));
            }
            let num = |s: &str| {
                s.parse::<f64>()
                    .map_err(|_| bad(format!("`{s}` is not a number")))
            };
            // Columns: profile, field, n, mean, then the quantiles.
            let mean = num(cols[3])?;
            let points = cols[4..].iter().map(|s| num(s)).collect::<Result<_, _>>()?;
            lengths.insert((cols[0], cols[1]), Quantiles::new(mean, points));
        }
        Ok(Tables {
            en_patent: vocab("en_patent.tsv", EN_PATENT)?,
            en_claims: vocab("en_claims.tsv", EN_CLAIMS)?,
            en_article: vocab("en_article.tsv", EN_ARTICLE)?,
            fr: vocab("fr.tsv", FR)?,
            de: vocab("de.tsv", DE)?,
            es: vocab("es.tsv", ES)?,
            ipc: word_table("ipc.tsv", IPC)?,
            last_names: Weighted::new(last.0, &last.1),
            first_names: Weighted::new(first.0, &first.1),
            journals: word_table("journals.tsv", JOURNALS)?,
            lengths,
        })
    }

    /// The measured length of `field` in `profile` (`patent` or `article`).
    pub fn length(&self, profile: &str, field: &str) -> Result<&Quantiles, TableError> {
        self.lengths
            .iter()
            .find(|((p, f), _)| *p == profile && *f == field)
            .map(|(_, q)| q)
            .ok_or_else(|| TableError {
                table: "lengths.tsv",
                line: 0,
                reason: format!("no row for {profile} {field}"),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_loads_and_keeps_the_claim_words() {
        let t = Tables::load().unwrap();
        for must in ["first", "second", "said", "wherein", "comprising"] {
            assert!(
                t.en_claims.words.items.contains(&must),
                "claim word {must} missing from en_claims.tsv"
            );
            assert!(
                t.en_patent.words.items.contains(&must),
                "{must} in en_patent.tsv"
            );
        }
        for class in ["A61K", "H04L", "G06F"] {
            assert!(
                t.ipc.items.iter().any(|s| s.starts_with(class)),
                "no {class} symbol in ipc.tsv"
            );
        }
        for l in ["de", "la", "et"] {
            assert!(t.fr.words.items.contains(&l), "{l} in fr.tsv");
        }
        for l in ["der", "und", "die"] {
            assert!(t.de.words.items.contains(&l), "{l} in de.tsv");
        }
        assert!(t.es.words.items.contains(&"de"));
        assert!(t.length("patent", "claims_count").unwrap().median() >= 5.0);
        assert!(t.length("article", "nothing").is_err());
    }

    #[test]
    fn alias_draws_follow_the_weights() {
        let w = Weighted::new(vec!["a", "b", "c"], &[6, 3, 1]);
        let mut rng = Rng::new(1, 1);
        let mut n = [0u32; 3];
        for _ in 0..100_000 {
            n[w.index(&mut rng)] += 1;
        }
        assert!((58_000..62_000).contains(&n[0]), "{n:?}");
        assert!((28_000..32_000).contains(&n[1]), "{n:?}");
        assert!((8_500..11_500).contains(&n[2]), "{n:?}");
    }

    #[test]
    fn drawn_lengths_have_the_measured_mean() {
        let t = Tables::load().unwrap();
        let mut rng = Rng::new(9, 9);
        for (profile, field, mean) in [
            ("article", "abstract_words", 201.8),
            ("patent", "other_claim_words", 49.4),
            ("patent", "abstract_words", 115.9),
            ("patent", "claims_count", 15.6),
        ] {
            let q = t.length(profile, field).unwrap();
            let n = 200_000;
            let got = (0..n).map(|_| f64::from(q.draw(&mut rng))).sum::<f64>() / f64::from(n);
            assert!(
                (got - mean).abs() < mean * 0.03,
                "{profile} {field}: {got} for {mean}"
            );
        }
    }

    #[test]
    fn quantile_draws_stay_within_the_measured_range() {
        let q = Quantiles::new(5.0, vec![2.0, 4.0, 10.0]);
        let mut rng = Rng::new(3, 3);
        for _ in 0..1000 {
            let x = q.draw(&mut rng);
            assert!((2..=10).contains(&x), "{x}");
        }
    }
}
