//! No input makes a parser panic: real documents from ../shared/data, mutated at random
//! (bytes flipped, ranges cut or duplicated, markup characters sprinkled in, truncated),
//! go through every parser. A record either parses or yields an error; never a panic.

mod common;

use proptest::prelude::*;
use tisc::ingest::split::{records, Piece, Splitter};
use tisc::ingest::{parse_record, Format};
use tisc::model::SourceRef;

/// A few real records per format (the first records of one file each).
fn samples() -> Vec<(Format, Vec<u8>)> {
    let mut out = Vec::new();
    let sets: [(&str, Format, Splitter); 5] = [
        (
            "uspto-patent-xml/grants-weekly-excerpts/ipg090106.small.xml",
            Format::Uspto,
            Splitter::XmlDecl,
        ),
        (
            "epo-ep-patent-xml/grant/v1-5-B1.xml",
            Format::Ep,
            Splitter::Tags(&["ep-patent-document"]),
        ),
        (
            "epo-docdb-xml/WO-2022259205-A1_544370561.xml",
            Format::Docdb,
            Splitter::Tags(&["exch:exchange-document"]),
        ),
        (
            "pubmed-pmc-xml/pubmed/test_current_medline.xml.gz",
            Format::Pubmed,
            Splitter::Tags(&["PubmedArticle"]),
        ),
        (
            "pubmed-pmc-xml/pmc-jats/cc11003.nxml",
            Format::Jats,
            Splitter::Tags(&["article"]),
        ),
    ];
    for (rel, format, how) in sets {
        let Some(path) = common::shared(rel) else {
            continue;
        };
        let Ok(reader) = tisc::ingest::open(&path) else {
            continue;
        };
        for piece in records(reader, how).take(3).flatten() {
            if let Piece::Record(c) = piece {
                // Keep samples small so that many mutations run quickly.
                let mut b = c.bytes;
                b.truncate(60_000);
                out.push((format, b));
            }
        }
    }
    out.push((
        Format::Beir,
        br#"{"_id": "1", "title": "t", "text": "x"}"#.to_vec(),
    ));
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize, usize),
    Dup(usize, usize),
    Insert(usize, &'static str),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 1usize..400).prop_map(|(i, n)| Mutation::Cut(i, n)),
        (any::<usize>(), 1usize..400).prop_map(|(i, n)| Mutation::Dup(i, n)),
        (any::<usize>(), prop::sample::select(common::HOSTILE_MARKUP))
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match *m {
        Mutation::Flip(i, b) => bytes[i % len] ^= b | 1,
        Mutation::Cut(i, n) => {
            let s = i % len;
            let e = (s + n).min(len);
            bytes.drain(s..e);
        }
        Mutation::Dup(i, n) => {
            let s = i % len;
            let e = (s + n).min(len);
            let piece = bytes[s..e].to_vec();
            bytes.splice(e..e, piece);
        }
        Mutation::Insert(i, s) => {
            let at = i % len;
            bytes.splice(at..at, s.bytes());
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_documents_never_panic(pick in any::<usize>(), muts in prop::collection::vec(mutation(), 1..6)) {
        let samples = samples();
        if samples.is_empty() {
            return Ok(());
        }
        let (format, original) = &samples[pick % samples.len()];
        let mut bytes = original.clone();
        for m in &muts {
            apply(&mut bytes, m);
        }
        let _ = parse_record(*format, &bytes, &SourceRef::default());
        // The splitters too: a mutated stream splits without panicking.
        for how in [Splitter::XmlDecl, Splitter::Tags(&["claim", "PubmedArticle"]), Splitter::Lines] {
            for piece in records(&bytes[..], how) {
                let _ = piece;
            }
        }
    }
}
