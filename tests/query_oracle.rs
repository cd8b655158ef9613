//! An independent brute-force oracle: generated strategies are evaluated directly on parsed
//! real documents (scanning every claim, paragraph, title and abstract word by word) and the
//! hit set must equal the index's. Real data: USPTO grants from ../shared/data.

mod common;

use common::Rng;

use std::collections::BTreeSet;
use tisc::index::analysis::{analyze, fold, IndexLang};
use tisc::index::{CorpusIndex, IndexBuilder};
use tisc::ingest::{read_all, Format};
use tisc::model::Document;
use tisc::query::{parse, Ast, Prox};
use tisc::search::{no_history, Session};

/// One searchable value (a title, an abstract, one claim) in a language.
struct Value {
    code: &'static str,
    lang: IndexLang,
    stemmed: Vec<String>,
    raw: Vec<String>,
}

fn values(d: &Document) -> Vec<Value> {
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
fn spans(a: &Ast, v: &Value) -> Vec<(usize, usize)> {
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

fn matches(a: &Ast, d: &[Value], scope: Option<&str>) -> bool {
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

fn gen(r: &mut Rng, vocab: &[String], pairs: &[(String, String)], depth: u32) -> String {
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

#[test]
fn index_hit_sets_equal_a_brute_force_scan() {
    let Some(dir) = common::shared("uspto-patent-xml/grants-weekly-excerpts") else {
        return;
    };
    let mut docs = Vec::new();
    for f in ["ipg090106.small.xml", "ipg110104.small.xml"] {
        let (d, _) = read_all(&dir.join(f), Format::Uspto).expect("read");
        docs.extend(d);
    }
    let home = tempfile::tempdir().unwrap();
    let idx_dir = home.path().join("oracle");
    let b = IndexBuilder::create("oracle", &idx_dir, 50_000_000).unwrap();
    for d in &docs {
        b.add(d).unwrap();
    }
    b.finish(0).unwrap();
    let index = CorpusIndex::open(&idx_dir, "oracle").unwrap();
    let session = Session::new(&index).unwrap();
    let n = index.num_docs() as usize;

    let vals: Vec<Vec<Value>> = docs.iter().map(values).collect();
    // Vocabulary: words that occur in a few documents (so hit sets are neither empty nor all).
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
    let vocab: Vec<String> = vocab.into_iter().step_by(7).collect();
    let pairs: Vec<(String, String)> = pairs.into_iter().step_by(11).collect();
    let mut r = Rng(0x5eed_1234_abcd);
    let mut nonempty = 0;
    for i in 0..300 {
        let q = gen(&mut r, &vocab, &pairs, 2);
        let ast = parse(&q).unwrap_or_else(|e| panic!("generated query does not parse: {q}: {e}"));
        let expected: BTreeSet<String> = docs
            .iter()
            .zip(&vals)
            .filter(|(_, v)| matches(&ast, v, None))
            .map(|(d, _)| d.biblio.id.clone())
            .collect();
        let (ranked, info) = session.query(&q, n, &no_history).unwrap();
        let got: BTreeSet<String> = ranked
            .iter()
            .map(|(a, _)| session.id_of(*a).unwrap())
            .collect();
        assert_eq!(got, expected, "query #{i}: {q}");
        assert_eq!(info.count, expected.len());
        nonempty += usize::from(!expected.is_empty());
    }
    eprintln!("300 generated queries agree with the oracle ({nonempty} with hits)");
    assert!(
        nonempty >= 60,
        "the generator should produce queries with hits: {nonempty}"
    );
}
