//! The query-language oracle: strategies evaluated by brute force on parsed documents
//! (scanning every claim, title and abstract word by word), and a generator of strategies
//! over the words of those documents. Shared by the oracle test and the conformance suite.

use super::Rng;
use std::collections::BTreeSet;
use std::path::Path;
use tisc::index::analysis::{analyze, fold, IndexLang};
use tisc::index::{CorpusIndex, IndexBuilder};
use tisc::ingest::{read_all, Format};
use tisc::model::Document;
use tisc::query::{Ast, Prox};

/// One searchable value (a title, an abstract, one claim) in a language.
pub struct Value {
    code: &'static str,
    lang: IndexLang,
    stemmed: Vec<String>,
    raw: Vec<String>,
}

pub fn values(d: &Document) -> Vec<Value> {
    let mut out = Vec::new();
    let mut push = |code, lang: &tisc::model::Lang, text: &str| {
        let l = IndexLang::of(lang);
        out.push(Value {
            code,
            lang: l,
            stemmed: analyze(text, Some(l)),
            raw: analyze(text, None),
        });
    };
    for t in &d.biblio.titles {
        push("ti", &t.lang, &t.text);
    }
    for t in &d.biblio.abstracts {
        push("ab", &t.lang, &t.text);
    }
    for set in &d.claims {
        for c in &set.claims {
            push("cl", &set.lang, &c.text);
        }
    }
    out
}

/// Positions (as spans) where a proximity operand matches inside one value.
pub fn spans(a: &Ast, v: &Value) -> Vec<(usize, usize)> {
    match a {
        Ast::Word { text, .. } => {
            if let Some(prefix) = text.strip_suffix('*') {
                let p = fold(prefix);
                v.raw
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| w.starts_with(&p))
                    .map(|(i, _)| (i, i))
                    .collect()
            } else {
                let t = analyze(text, Some(v.lang));
                v.stemmed
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| Some(*w) == t.first())
                    .map(|(i, _)| (i, i))
                    .collect()
            }
        }
        Ast::Phrase { text, .. } => {
            let words: Vec<Vec<String>> = text
                .split_whitespace()
                .map(|w| analyze(w, Some(v.lang)))
                .collect();
            let words: Vec<String> = words.into_iter().flatten().collect();
            if words.is_empty() || words.len() > v.stemmed.len() {
                return Vec::new();
            }
            (0..=v.stemmed.len() - words.len())
                .filter(|i| {
                    words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| &v.stemmed[i + k] == w)
                })
                .map(|i| (i, i + words.len() - 1))
                .collect()
        }
        Ast::Or(items) => {
            let mut s: Vec<_> = items.iter().flat_map(|i| spans(i, v)).collect();
            s.sort_unstable();
            s.dedup();
            s
        }
        Ast::Prox {
            op, left, right, ..
        } => {
            let (dist, ordered) = match op {
                Prox::Near(n) => (*n as usize, false),
                Prox::Adj(n) => (*n as usize, true),
                Prox::Same => (usize::MAX, false),
            };
            let mut out = Vec::new();
            for &(ls, le) in &spans(left, v) {
                for &(rs, re) in &spans(right, v) {
                    let ok = if le < rs {
                        rs - le <= dist
                    } else {
                        !ordered && re < ls && ls - re <= dist
                    };
                    if ok {
                        out.push((ls.min(rs), le.max(re)));
                    }
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        }
        _ => Vec::new(),
    }
}

pub fn matches(a: &Ast, d: &[Value], scope: Option<&str>) -> bool {
    let in_scope = |v: &&Value| scope.is_none_or(|s| s == v.code);
    match a {
        Ast::Field { code, expr, .. } => matches(expr, d, Some(code.as_str())),
        Ast::And(items) => items.iter().all(|i| matches(i, d, scope)),
        Ast::Or(items) => items.iter().any(|i| matches(i, d, scope)),
        Ast::Not { left, right } => {
            left.as_ref().is_none_or(|l| matches(l, d, scope)) && !matches(right, d, scope)
        }
        Ast::Word { .. } | Ast::Phrase { .. } | Ast::Prox { .. } => {
            d.iter().filter(in_scope).any(|v| !spans(a, v).is_empty())
        }
        _ => false,
    }
}

fn gen_operand(r: &mut Rng, vocab: &[String], pairs: &[(String, String)]) -> String {
    match r.below(5) {
        0 => {
            let w = r.pick(vocab);
            format!("{}*", &w[..4.min(w.len())])
        }
        1 => {
            let (a, b) = r.pick(pairs);
            format!("\"{a} {b}\"")
        }
        2 => format!("({} OR {})", r.pick(vocab), r.pick(vocab)),
        _ => r.pick(vocab).clone(),
    }
}

pub fn gen(r: &mut Rng, vocab: &[String], pairs: &[(String, String)], depth: u32) -> String {
    let leaf = |r: &mut Rng| match r.below(4) {
        0 => {
            let ops = [
                "NEAR/1", "NEAR/2", "NEAR/5", "ADJ/1", "ADJ/3", "NEAR/20", "SAME",
            ];
            format!(
                "({} {} {})",
                gen_operand(r, vocab, pairs),
                r.pick(&ops),
                gen_operand(r, vocab, pairs)
            )
        }
        _ => gen_operand(r, vocab, pairs),
    };
    if depth == 0 || r.below(3) == 0 {
        let l = leaf(r);
        return match r.below(5) {
            0 => format!("ti:{l}"),
            1 => format!("cl:{l}"),
            2 => format!("ab:{l}"),
            _ => l,
        };
    }
    let a = gen(r, vocab, pairs, depth - 1);
    let b = gen(r, vocab, pairs, depth - 1);
    match r.below(3) {
        0 => format!("({a} AND {b})"),
        1 => format!("({a} OR {b})"),
        _ => format!("({a} NOT {b})"),
    }
}

/// Whether the oracle decides `a` exactly: words (with at most a trailing `*`), phrases,
/// OR, AND, NOT, proximity, and the `ti`, `ab`, `cl` field codes.
pub fn covers(a: &Ast) -> bool {
    match a {
        Ast::Word { text, .. } => {
            let stem = text.strip_suffix('*').unwrap_or(text);
            !stem.contains(['*', '?'])
                && if text.ends_with('*') {
                    fold(stem) == stem.to_lowercase() && stem.chars().all(char::is_alphanumeric)
                } else {
                    analyze(text, None).len() == 1
                }
        }
        Ast::Phrase { text, .. } => !text.contains(['*', '?']),
        Ast::Field { code, expr, .. } => {
            matches!(code.as_str(), "ti" | "ab" | "cl") && covers(expr)
        }
        Ast::And(items) | Ast::Or(items) => items.iter().all(covers),
        Ast::Not { left, right } => left.as_deref().is_none_or(covers) && covers(right),
        Ast::Prox { left, right, .. } => covers(left) && covers(right),
        _ => false,
    }
}

/// Real documents, their searchable values, and the words strategies are generated from.
pub struct Oracle {
    pub docs: Vec<Document>,
    vals: Vec<Vec<Value>>,
    vocab: Vec<String>,
    pairs: Vec<(String, String)>,
}

impl Oracle {
    /// The USPTO grant excerpts in `dir` (../shared/data/uspto-patent-xml/grants-weekly-excerpts).
    pub fn uspto(dir: &Path) -> Oracle {
        let mut docs = Vec::new();
        for f in ["ipg090106.small.xml", "ipg110104.small.xml"] {
            let (d, _) = read_all(&dir.join(f), Format::Uspto).expect("read");
            docs.extend(d);
        }
        Oracle::new(docs)
    }

    /// The oracle over the shared USPTO excerpts and those documents indexed as corpus
    /// `name` in a temporary folder (kept alive by the returned guard); `None` (the test
    /// skips) when the shared data is absent.
    pub fn shared_uspto(name: &str) -> Option<(Oracle, tempfile::TempDir, CorpusIndex)> {
        let dir = super::shared("uspto-patent-xml/grants-weekly-excerpts")?;
        let oracle = Oracle::uspto(&dir);
        let home = tempfile::tempdir().expect("a temporary folder");
        let index = oracle.index(home.path(), name);
        Some((oracle, home, index))
    }

    pub fn new(docs: Vec<Document>) -> Oracle {
        let vals: Vec<Vec<Value>> = docs.iter().map(values).collect();
        // Vocabulary: words that occur in a few documents (so hit sets are neither empty nor
        // all).
        let mut vocab = BTreeSet::new();
        let mut pairs = BTreeSet::new();
        for v in vals.iter().flatten() {
            for w in v
                .raw
                .iter()
                .filter(|w| w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()))
            {
                vocab.insert(w.clone());
            }
            for w in v.raw.windows(2).filter(|w| {
                w[0].len() >= 4
                    && w[1].len() >= 4
                    && w.iter().all(|x| x.chars().all(|c| c.is_ascii_lowercase()))
            }) {
                pairs.insert((w[0].clone(), w[1].clone()));
            }
        }
        Oracle {
            docs,
            vals,
            vocab: vocab.into_iter().step_by(7).collect(),
            pairs: pairs.into_iter().step_by(11).collect(),
        }
    }

    /// `n` generated strategies (always the same ones for the same documents).
    pub fn queries(&self, n: usize) -> Vec<String> {
        let mut r = Rng(0x5eed_1234_abcd);
        (0..n)
            .map(|_| gen(&mut r, &self.vocab, &self.pairs, 2))
            .collect()
    }

    /// The ids of the documents `ast` matches, by brute force.
    pub fn expected(&self, ast: &Ast) -> BTreeSet<String> {
        self.docs
            .iter()
            .zip(&self.vals)
            .filter(|(_, v)| matches(ast, v, None))
            .map(|(d, _)| d.biblio.id.clone())
            .collect()
    }

    /// `n` wide disjunctions of `width` words of the vocabulary, as query by example
    /// writes them (always the same ones for the same documents).
    pub fn wide_disjunctions(&self, n: usize, width: usize) -> Vec<String> {
        let mut r = Rng(0x0dd_ba11_5eed);
        (0..n)
            .map(|_| {
                let words: Vec<&str> = (0..width)
                    .map(|_| self.vocab[r.below(self.vocab.len())].as_str())
                    .collect();
                words.join(" OR ")
            })
            .collect()
    }

    /// The documents indexed as corpus `name` under `dir` in `shards` shards — in reverse
    /// order when `reverse`, for another segment layout — with every shard opened.
    pub fn index_sharded(
        &self,
        dir: &Path,
        name: &str,
        shards: usize,
        reverse: bool,
    ) -> Vec<CorpusIndex> {
        let b = IndexBuilder::create_sharded(
            name,
            &dir.join(name),
            50_000_000,
            shards,
            tisc::index::Layout::default(),
        )
        .unwrap();
        let docs: Vec<&Document> = if reverse {
            self.docs.iter().rev().collect()
        } else {
            self.docs.iter().collect()
        };
        for d in docs {
            b.add(d).unwrap();
        }
        b.finish(0).unwrap();
        tisc::index::shards::open(&dir.join(name), name).unwrap()
    }

    /// The documents indexed as corpus `name` under `dir`, opened.
    pub fn index(&self, dir: &Path, name: &str) -> CorpusIndex {
        let b = IndexBuilder::create(name, &dir.join(name), 50_000_000).unwrap();
        for d in &self.docs {
            b.add(d).unwrap();
        }
        b.finish(0).unwrap();
        CorpusIndex::open(&dir.join(name), name).unwrap()
    }
}
