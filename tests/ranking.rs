//! Free-text ranking options that change the order of results: the term-proximity bonus,
//! query-word saturation, identifiers and topicality.

use std::path::Path;
use tisc::index::{CorpusIndex, IndexBuilder};
use tisc::ingest::{read_all, Format};
use tisc::search::freetext::Bm25Params;
use tisc::search::Session;

fn doc(id: &str, title: &str, abstract_text: &str) -> String {
    serde_json::json!({
        "id": id, "kind": "article", "lang": "en",
        "titles": [{"lang": "en", "text": title}],
        "abstracts": [{"lang": "en", "text": abstract_text}],
    })
    .to_string()
}

/// An index of `lines` (tisc JSON lines) in `dir`.
fn index_of(dir: &Path, lines: &[String]) -> CorpusIndex {
    let file = dir.join("docs.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let (docs, _) = read_all(&file, Format::Jsonl).unwrap();
    let b = IndexBuilder::create("t", &dir.join("idx"), 50_000_000).unwrap();
    for d in &docs {
        b.add(d).unwrap();
    }
    b.finish(0).unwrap();
    CorpusIndex::open(&dir.join("idx"), "t").unwrap()
}

fn index(dir: &Path) -> CorpusIndex {
    // Both documents contain "drip" and "irrigation" once and have the same length;
    // only B has them side by side.
    index_of(
        dir,
        &[
            doc(
                "A",
                "Water study",
                "The drip of rain fell on fields where irrigation was absent.",
            ),
            doc(
                "B",
                "Water study",
                "The fields had drip irrigation while the rain fell on others.",
            ),
        ],
    )
}

fn ids(s: &Session, params: &Bm25Params) -> Vec<(String, f32)> {
    let hits = s.free_text(params, "drip irrigation", 10).unwrap();
    hits.into_iter()
        .map(|(a, score)| (s.id_of(a).unwrap(), score))
        .collect()
}

#[test]
fn proximity_bonus_lifts_the_document_with_adjacent_words() {
    let dir = tempfile::tempdir().unwrap();
    let idx = index(dir.path());
    let s = Session::new(&idx).unwrap();
    let plain = ids(&s, &Bm25Params::batch());
    assert_eq!(plain.len(), 2);
    // Without proximity the two score the same (ties go by document order).
    assert!((plain[0].1 - plain[1].1).abs() < 1e-4, "{plain:?}");
    let prox = Bm25Params::batch().with_spec("prox=1").unwrap();
    let ranked = ids(&s, &prox);
    assert_eq!(ranked[0].0, "B", "{ranked:?}");
    assert!(ranked[0].1 > ranked[1].1 + 1e-3, "{ranked:?}");
    // prox=0 switches it off again.
    let off = prox.with_spec("prox=0").unwrap();
    assert_eq!(off.prox, None);
    assert!(Bm25Params::batch().with_spec("prox=x").is_err());
}

#[test]
fn proximity_reads_a_word_missing_from_the_first_candidates() {
    // `irrigation` is only in the last document: reading its positions for the first
    // candidate moves past the second one, which must then be passed over, not sought back.
    let dir = tempfile::tempdir().unwrap();
    let idx = index_of(
        dir.path(),
        &[
            doc("A", "Rain", "Drip marks on the floor."),
            doc("B", "Rain", "A drip from the roof."),
            doc("C", "Fields", "Drip irrigation for fields."),
        ],
    );
    let s = Session::new(&idx).unwrap();
    let prox = Bm25Params::batch().with_spec("prox=1").unwrap();
    let ranked = ids(&s, &prox);
    assert_eq!(ranked.len(), 3, "{ranked:?}");
    assert_eq!(ranked[0].0, "C", "{ranked:?}");
}

#[test]
fn a_repeated_query_word_counts_once_and_identifiers_count_double() {
    let dir = tempfile::tempdir().unwrap();
    let idx = index(dir.path());
    let s = Session::new(&idx).unwrap();
    let score = |params: &Bm25Params, q: &str| s.free_text(params, q, 1).unwrap()[0].1;
    let default = Bm25Params::batch();
    // k3 = 0 by default: "drip drip" scores as "drip".
    assert!((score(&default, "drip drip") - score(&default, "drip")).abs() < 1e-6);
    let linear = Bm25Params::batch().with_spec("k3=inf").unwrap();
    assert!((score(&linear, "drip drip") - 2.0 * score(&linear, "drip")).abs() < 1e-4);
    // A word of letters and digits weighs double (ident=2), and the weight is adjustable.
    let dir2 = tempfile::tempdir().unwrap();
    let idx2 = index_of(
        dir2.path(),
        &[doc(
            "P",
            "The p53 pathway",
            "Tumour suppressor p53 in cells.",
        )],
    );
    let s2 = Session::new(&idx2).unwrap();
    let one = Bm25Params::batch().with_spec("ident=1").unwrap();
    let p53 = |p: &Bm25Params| s2.free_text(p, "p53", 1).unwrap()[0].1;
    assert!((p53(&default) - 2.0 * p53(&one)).abs() < 1e-4);
    let pathway = |p: &Bm25Params| s2.free_text(p, "pathway", 1).unwrap()[0].1;
    assert!((pathway(&default) - pathway(&one)).abs() < 1e-6);
}

#[test]
fn words_that_name_topics_in_titles_weigh_more() {
    // "valve" and "gasket" are each in three documents; "valve" is in the title of two of
    // them, "gasket" in no title. X and Y differ only in which of the two they mention.
    let dir = tempfile::tempdir().unwrap();
    let idx = index_of(
        dir.path(),
        &[
            doc("X", "Notes", "A report on the valve used."),
            doc("Y", "Notes", "A report on the gasket used."),
            doc("V1", "Valve design", "The valve is shown."),
            doc("V2", "Check valve", "The valve is shown."),
            doc("G1", "Seals", "The gasket is shown."),
            doc("G2", "Joints", "The gasket is shown."),
        ],
    );
    let s = Session::new(&idx).unwrap();
    let top = |p: &Bm25Params| -> Vec<(String, f32)> {
        s.free_text(p, "valve gasket", 10)
            .unwrap()
            .into_iter()
            .map(|(a, score)| (s.id_of(a).unwrap(), score))
            .filter(|(id, _)| id == "X" || id == "Y")
            .collect()
    };
    let off = top(&Bm25Params::batch().with_spec("topic=0").unwrap());
    assert!((off[0].1 - off[1].1).abs() < 1e-5, "{off:?}");
    // By default a word weighs exp(share of its documents that have it in the title):
    // e^(2/3) for "valve", e^0 for "gasket".
    let on = top(&Bm25Params::batch());
    assert_eq!(on[0].0, "X", "{on:?}");
    let ratio = on[0].1 / on[1].1;
    assert!((ratio - (2.0f32 / 3.0).exp()).abs() < 1e-3, "{on:?}");
    assert!(Bm25Params::batch().with_spec("topic=x").is_err());
    assert!(Bm25Params::batch().with_spec("topic=inf").is_err());
}

#[test]
fn replaced_copies_count_for_nothing_in_free_text() {
    // Words in titles, abstracts or both, so that a word's documents are a union over
    // fields and its share of titles sets its topicality weight. Every title has two words
    // and every abstract four, so the average field lengths (which count deleted documents)
    // are the same however many deleted copies the index holds.
    let words = [
        "drip",
        "irrigation",
        "solar",
        "pump",
        "valve",
        "soil",
        "sensor",
        "water",
    ];
    let docs: Vec<String> = (0..48)
        .map(|i| {
            let title = format!("{} {}", words[i % 8], words[(i * 3 + 1) % 8]);
            let abs: Vec<&str> = (0..4)
                .map(|j| words[(i * 5 + j * (1 + i % 3)) % 8])
                .collect();
            doc(&format!("D{i:02}"), &title, &abs.join(" "))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("once")).unwrap();
    let once = index_of(&dir.path().join("once"), &docs);
    let file = dir.path().join("docs.jsonl");
    std::fs::write(&file, docs.join("\n")).unwrap();
    let (parsed, _) = read_all(&file, Format::Jsonl).unwrap();
    // Every document twice, the later file replacing the earlier. A merge may purge some
    // deleted copies; build again (at most three times) until some are left.
    let mut twice = None;
    for attempt in 0..3 {
        let path = dir.path().join(format!("twice{attempt}"));
        let b = IndexBuilder::create("t", &path, 50_000_000).unwrap();
        for order in [0, 1] {
            for d in &parsed {
                b.add_ordered(d, order).unwrap();
            }
        }
        b.finish(0).unwrap();
        let index = CorpusIndex::open(&path, "t").unwrap();
        let deleted: u32 = Session::new(&index)
            .unwrap()
            .searcher
            .segment_readers()
            .iter()
            .map(|r| r.num_deleted_docs())
            .sum();
        if deleted > 0 {
            twice = Some(index);
            break;
        }
    }
    let twice = twice.expect("the index should hold deleted copies");
    let (a, b) = (Session::new(&once).unwrap(), Session::new(&twice).unwrap());
    let ranked = |s: &Session, q: &str| -> Vec<(String, u32)> {
        let hits = s.free_text(&Bm25Params::batch(), q, 100).unwrap();
        hits.into_iter()
            .map(|(addr, score)| (s.id_of(addr).unwrap(), score.to_bits()))
            .collect()
    };
    for q in [
        "drip irrigation",
        "solar pump valve",
        "water sensor soil drip",
    ] {
        let (x, y) = (ranked(&a, q), ranked(&b, q));
        assert!(x.len() > 10, "`{q}` finds too little: {x:?}");
        assert_eq!(x, y, "`{q}`: deleted copies changed the ranking");
    }
}
