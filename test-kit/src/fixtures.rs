//! Made-up data for the workbench's tests, snapshots and benchmark: hits, a document, a
//! case, and states with each screen filled in. Deterministic (no clock, no files).

use tisc::case::{Case, Categories, Citation, NewCase, Op, ReportLang, Strategy};
use tisc::model::{
    Biblio, Claim, ClaimSet, Date, Description, DocKind, Document, Lang, LangText, Paragraph,
};
use tisc::search::snippet::Snippet;
use tisc::search::Hit;
use tisc::tui::action::{Action, CorpusRow, JobDone, LoadedDocument, SearchOutcome};
use tisc::tui::keymap::Keymap;
use tisc::tui::state::State;
use tisc::tui::strings::UiLang;

/// `n` hits in two corpora, scores decreasing, dates spread over 1995–2024, each with a
/// snippet; every fifth patent row is a family of two.
pub fn hits(n: usize) -> Vec<Hit> {
    (0..n)
        .map(|i| {
            let id = if i % 3 == 2 {
                format!("PMID:{}", 31_000_000 + i)
            } else {
                format!("US{}B2", 7_000_000 + i)
            };
            Hit {
                rank: i + 1,
                // Every fifth patent row stands for a family of two.
                family: if i % 5 == 1 && i % 3 != 2 {
                    vec![id.clone(), format!("EP{}B1", 1_000_000 + i)]
                } else {
                    vec![id.clone()]
                },
                strategies: std::collections::BTreeMap::from([("1".to_string(), i + 1)]),
                snippet: Some(Snippet {
                    field: if i % 3 == 2 { "abstract" } else { "claim 1" }.into(),
                    text: format!(
                        "A solar pump comprising a photovoltaic panel and a float switch that stops the motor when the tank is full, variant {}.",
                        i + 1
                    ),
                    highlights: vec![[2, 7], [8, 12]],
                }),
                id,
                bm25: None,
                dense: None,
                title: format!("Solar water pump with float switch, variant {}", i + 1),
                score: 20.0 - (i as f32) / (n.max(1) as f32),
                corpus: if i % 3 == 2 {
                    "pubmed".into()
                } else {
                    "demo".into()
                },
                kind: if i % 3 == 2 {
                    "article".into()
                } else {
                    "patent".into()
                },
                kind_code: (i % 3 != 2).then(|| "B2".to_string()),
                date: Date::new(
                    1995 + (i * 7 % 30) as i32,
                    1 + (i % 12) as u8,
                    1 + (i % 28) as u8,
                ),
                after_cutoff: Some(1995 + (i * 7 % 30) >= 2020),
            }
        })
        .collect()
}

/// A patent with titles, abstract, two claim sets and a description.
pub fn document() -> Document {
    Document {
        biblio: Biblio {
            id: "US7000001B2".into(),
            kind: DocKind::Patent,
            lang: Lang::en(),
            titles: vec![
                LangText { lang: Lang::en(), text: "Solar water pump with float switch".into() },
                LangText { lang: Lang::new("fr"), text: "Pompe à eau solaire avec interrupteur à flotteur".into() },
            ],
            abstracts: vec![LangText {
                lang: Lang::en(),
                text: "A photovoltaic panel drives a submersible pump; a float switch stops the motor when the tank is full."
                    .into(),
            }],
            applicants: vec!["Sunwater Ltd".into()],
            inventors: vec!["DIALLO, Aminata".into()],
            publication_date: Date::new(2006, 4, 11),
            filing_date: Date::new(2004, 2, 3),
            family_id: Some("F-123".into()),
            ..Biblio::default()
        },
        claims: vec![ClaimSet {
            lang: Lang::en(),
            claims: vec![
                Claim { num: 1, text: "A solar pump comprising a photovoltaic panel and a float switch.".into(), depends_on: vec![] },
                Claim { num: 2, text: "The pump of claim 1, wherein the float is ballasted with sand.".into(), depends_on: vec![1] },
            ],
        }],
        description: vec![Description {
            lang: Lang::en(),
            paragraphs: vec![Paragraph {
                num: Some("0001".into()),
                heading: false,
                text: "Pumping water with solar energy is common in remote villages.".into(),
            }],
        }],
        ..Document::default()
    }
}

/// The record of strategy `#number` run as `query` on the demo corpus (3 hits).
pub fn strategy(number: u32, query: &str) -> Op {
    Op::Search(Strategy {
        number,
        query: query.into(),
        hits: vec![tisc::case::CorpusHits {
            corpus: "demo".into(),
            hits: 3,
            coverage: None,
        }],
        at: "2026-01-05T10:06:00Z".into(),
    })
}

/// The fixture [`case`] with #2 `float*` and #3 `#1 AND #2` added: a set another one uses.
pub fn case_with_sets() -> Case {
    let mut c = case();
    c.apply(&strategy(2, "float*"), "2026-01-05T10:06:00Z");
    c.apply(&strategy(3, "#1 AND #2"), "2026-01-05T10:07:00Z");
    c
}

/// A case with a disclosure, one strategy and one citation, stamped at a fixed time.
pub fn case() -> Case {
    let mut c = Case::new(
        "solar-pump",
        NewCase {
            title: "Solar water pump with float switch".into(),
            client: Some("A. Inventor".into()),
            disclosure: Some(
                "A pump driven by a solar panel.\nA float switch stops it when the tank is full."
                    .into(),
            ),
            language: ReportLang::En,
            cutoff: Date::new(2020, 3, 1),
            priority_date: None,
            filing_date: None,
            ipc: Vec::new(),
            corpora: vec!["demo".into()],
        },
        "2026-01-05T10:00:00Z",
    );
    let at = "2026-01-05T10:05:00Z";
    c.apply(
        &Op::Search(Strategy {
            number: 1,
            query: "solar NEAR/3 pump*".into(),
            hits: vec![tisc::case::CorpusHits {
                corpus: "demo".into(),
                hits: 36,
                coverage: None,
            }],
            at: at.into(),
        }),
        at,
    );
    if let Ok(cat) = Categories::parse("X") {
        let cite = Citation::new(
            &document(),
            "demo",
            cat,
            vec![1, 2],
            &["figure 2".into()],
            Some("same float switch".into()),
            at,
        );
        c.apply(&Op::Cite(Box::new(cite)), at);
    }
    c
}

/// Corpora rows: one indexed, one not, one unavailable.
pub fn corpora() -> Vec<CorpusRow> {
    vec![
        CorpusRow {
            name: "demo".into(),
            indexed: true,
            unavailable: None,
            documents: 211,
            index_bytes: 3 * 1024 * 1024,
            built_at: Some("2026-01-05T09:00:00Z".into()),
            last_mirror: Some("2026-01-04T22:10:00Z".into()),
            mirror_failures: 1,
            meaning: Some(tisc::semantic::store::Share {
                embedded: 180,
                embeddable: 211,
                stale: true,
            }),
        },
        CorpusRow {
            name: "scifact".into(),
            indexed: false,
            unavailable: None,
            documents: 0,
            index_bytes: 0,
            built_at: None,
            last_mirror: None,
            mirror_failures: 0,
            meaning: None,
        },
        CorpusRow {
            name: "uspto-weekly".into(),
            indexed: false,
            unavailable: Some("run `tisc mirror sync uspto-weekly` to fetch it".into()),
            documents: 0,
            index_bytes: 0,
            built_at: None,
            last_mirror: None,
            mirror_failures: 0,
            meaning: None,
        },
    ]
}

/// Apply an action, dropping the effects (the fixtures build states, not jobs).
fn apply(s: &mut State, a: Action) {
    let _ = tisc::tui::update(s, a);
}

/// Deliver a job result as if it were the latest of its kind.
pub fn deliver(s: &mut State, done: JobDone) {
    let gen = s.issue(done.kind());
    apply(s, Action::Job { gen, done });
}

/// A fresh state at `w` × `h`.
pub fn state(lang: UiLang, w: u16, h: u16) -> State {
    let mut s = State::new(lang, Keymap::default());
    apply(&mut s, Action::Resize(w, h));
    s
}

/// A state with the case open and `n` results of a strategy loaded.
pub fn with_results(lang: UiLang, w: u16, h: u16, n: usize) -> State {
    let mut s = state(lang, w, h);
    s.case = Some(case());
    s.history = vec![tisc::tui::state::HistoryEntry {
        number: 1,
        query: "solar NEAR/3 pump*".into(),
        hits: vec![("demo".into(), 36)],
    }];
    s.editor.set_text("solar NEAR/3 pump*");
    s.screen = tisc::tui::state::Screen::Results;
    s.results.query = "solar NEAR/3 pump*".into();
    let all = hits(n);
    let demo = all.iter().filter(|h| h.corpus == "demo").count() as u64;
    deliver(
        &mut s,
        JobDone::Searched(Ok(SearchOutcome {
            query: "solar NEAR/3 pump*".into(),
            per_corpus: vec![("demo".into(), demo), ("pubmed".into(), n as u64 - demo)],
            hits: all,
            warnings: Vec::new(),
            failures: Vec::new(),
            recorded: None,
            meaning: None,
        })),
    );
    s
}

/// A state with the fixture document open in the viewer.
pub fn with_document(lang: UiLang, w: u16, h: u16) -> State {
    let mut s = with_results(lang, w, h, 40);
    apply(&mut s, Action::Down);
    apply(&mut s, Action::Open);
    deliver_document(&mut s, "solar NEAR/3 pump*", lang);
    s
}

/// Deliver the fixture document (of the demo corpus) to `s`, laid out for `query` in `lang`,
/// as the document job would.
pub fn deliver_document(s: &mut State, query: &str, lang: UiLang) {
    let doc = document();
    let lines = tisc::tui::highlight::layout(&doc, query, lang.strings());
    deliver(
        s,
        JobDone::DocumentLoaded(Ok(LoadedDocument {
            corpus: "demo".into(),
            doc: Box::new(doc),
            lines,
        })),
    );
}
