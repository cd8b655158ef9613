//! Tests of the worker's jobs that need no terminal.

use super::*;

fn write_meta(ws: &Workspace, name: &str, schema_version: u32) {
    let dir = ws.index_dir(name);
    std::fs::create_dir_all(&dir).unwrap();
    let meta = index::IndexMeta {
        schema_version,
        corpus: name.into(),
        built_at: "2026-01-02T03:04:05Z".parse().unwrap(),
        documents: 7,
        ..index::IndexMeta::default()
    };
    std::fs::write(
        dir.join(index::META_FILE),
        serde_json::to_string(&meta).unwrap(),
    )
    .unwrap();
}

#[test]
fn corpora_rows_count_only_a_current_index() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let row = |ws: &Workspace| corpora(ws).into_iter().find(|r| r.name == "demo").unwrap();
    let r = row(&ws);
    assert!(!r.indexed && r.documents == 0 && r.index_bytes == 0);

    write_meta(&ws, "demo", index::SCHEMA_VERSION + 1);
    let r = row(&ws);
    assert!(!r.indexed, "an index of another schema is not indexed here");
    assert_eq!((r.documents, r.index_bytes, r.built_at), (0, 0, None));
    assert!(!indexed_corpora(&ws).contains(&"demo".to_string()));

    write_meta(&ws, "demo", index::SCHEMA_VERSION);
    let r = row(&ws);
    assert!(r.indexed);
    assert_eq!(r.documents, 7);
    assert!(r.index_bytes > 0);
    assert_eq!(r.built_at.as_deref(), Some("2026-01-02T03:04:05Z"));
    assert!(indexed_corpora(&ws).contains(&"demo".to_string()));
}

#[test]
fn failures_are_typed_and_shown_with_their_messages() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let cache = IndexCache::default();
    let refused = |corpora: Vec<String>| match open_corpora(&ws, &cache, corpora) {
        Err(e) => e,
        Ok(_) => panic!("opened"),
    };
    let e = refused(Vec::new());
    assert!(matches!(e, WorkerError::NothingIndexed), "{e:?}");
    assert_eq!(
        shown::<(), _>(Err(e)),
        Err(JobFailure::from(
            "no corpus is indexed yet — press O for the corpora, then i to index one"
        ))
    );

    let e = refused(vec!["nowhere".into()]);
    match &e {
        WorkerError::NoCorpusOpens(lines) => {
            assert_eq!(lines.len(), 1);
            assert!(lines[0].starts_with("nowhere: "), "{lines:?}");
        }
        other => panic!("{other:?}"),
    }

    let store = CaseStore::new(ws.cases_dir());
    let cancel = Generation::new().start();
    let req = SearchRequest {
        query: "(solar AND",
        cutoff: None,
        case: None,
        history: &[],
        limit: 10,
        corrects: None,
        meaning: false,
        example: None,
    };
    let e = search(&ws, &cache, &store, &cancel, Vec::new(), req).unwrap_err();
    let parse_error = crate::query::parse("(solar AND").unwrap_err();
    assert!(matches!(&e, WorkerError::Query { .. }), "{e:?}");
    assert_eq!(e.to_string(), parse_error.render("(solar AND"));

    let e = by_example(&ws, &cache, "  ", Vec::new(), false, UiLang::En).unwrap_err();
    assert!(matches!(e, WorkerError::NoDisclosure), "{e:?}");
    assert_eq!(
        e.to_string(),
        "the case has no disclosure to take key terms from"
    );
}

#[test]
fn claims_edited_in_the_workbench_replace_the_set_only_when_changed() {
    let home = tempfile::tempdir().unwrap();
    let store = CaseStore::new(home.path().join("cases"));
    let claim = |number: u32, text: &str| crate::case::InventionClaim {
        number,
        text: text.into(),
    };
    store
        .create(
            "p",
            NewCase {
                title: "Pump".into(),
                ..NewCase::default()
            },
        )
        .unwrap();
    let made = edit_case(
        &store,
        "p",
        &CaseEdit::default(),
        Some(vec![claim(1, "A pump.")]),
    )
    .unwrap();
    assert_eq!(made.claims, [claim(1, "A pump.")]);
    // Unchanged claims are not journaled again; new ones replace the set.
    let same = edit_case(&store, "p", &CaseEdit::default(), Some(made.claims.clone())).unwrap();
    assert!(same.previous_claims.is_empty());
    let two = vec![claim(1, "A pump."), claim(2, "A float.")];
    let edited = edit_case(&store, "p", &CaseEdit::default(), Some(two.clone())).unwrap();
    assert_eq!(edited.claims, two);
    assert_eq!(edited.previous_claims.len(), 1);
    // An empty field (None) leaves them.
    let kept = edit_case(&store, "p", &CaseEdit::default(), None).unwrap();
    assert_eq!(kept.claims, two);
}

#[test]
fn a_strategy_run_in_a_case_keeps_the_coverage_of_each_corpus() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let demo = corpus::find(&ws, "demo").unwrap();
    corpus::build(&ws, &demo, &|_| {}).unwrap();
    let store = CaseStore::new(ws.cases_dir());
    store
        .create(
            "w",
            NewCase {
                title: "Pump".into(),
                ..NewCase::default()
            },
        )
        .unwrap();
    let cache = IndexCache::default();
    let cancel = Generation::new().start();
    let req = SearchRequest {
        query: "pump",
        cutoff: None,
        case: Some("w".into()),
        history: &[],
        limit: 10,
        corrects: None,
        meaning: false,
        example: None,
    };
    let out = search(&ws, &cache, &store, &cancel, vec!["demo".into()], req).unwrap();
    assert_eq!(out.recorded, Some(1));
    assert_eq!(out.meaning, None, "not asked for");
    // Asked for without a model: the same hits by BM25, and the outcome says meaning was
    // not used.
    let again = SearchRequest {
        query: "pump",
        cutoff: None,
        case: None,
        history: &[],
        limit: 10,
        corrects: None,
        meaning: true,
        example: None,
    };
    let bm25 = search(&ws, &cache, &store, &cancel, vec!["demo".into()], again).unwrap();
    assert_eq!(bm25.meaning, Some(false));
    assert_eq!(bm25.hits.len(), out.hits.len());
    assert!(bm25.hits.iter().all(|h| h.dense.is_none()));
    let case = store.open("w").unwrap();
    let hits = &case.history[0].hits[0];
    assert_eq!(hits.corpus, "demo");
    let cov = hits.coverage.as_ref().expect("coverage recorded");
    let idx = CorpusIndex::open(&ws.index_dir("demo"), "demo").unwrap();
    assert_eq!(cov.documents, idx.num_docs());
    assert!(cov.documents > 0);
    assert!(cov.first_date.is_some() && cov.first_date <= cov.last_date);
    assert_eq!(cov.indexed_at, Some(idx.meta.built_at.to_string()));
    assert_eq!(cov.description, demo.def.description);
}

#[test]
fn a_report_from_the_workbench_is_signed_as_config_toml_says() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let store = CaseStore::new(ws.cases_dir());
    store
        .create(
            "p",
            NewCase {
                title: "Pump".into(),
                ..NewCase::default()
            },
        )
        .unwrap();
    let unsigned = report(&ws, &store, "p", ReportLang::En, ExportFormat::Md).unwrap();
    assert!(!unsigned.contains("Ada Lovelace"));
    std::fs::write(
        ws.config_file(),
        "[report]\nsearcher = \"Ada Lovelace\"\norganisation = \"TISC Lagos\"\n",
    )
    .unwrap();
    let signed = report(&ws, &store, "p", ReportLang::En, ExportFormat::Md).unwrap();
    assert!(signed.contains("Ada Lovelace"), "{signed}");
    assert!(signed.contains("TISC Lagos"), "{signed}");
}

/// A patent as a line of tisc's own JSON: `id` (US or EP number), language, title, one claim.
fn patent_line(id: &str, lang: &str, title: &str, claim: &str) -> String {
    let (country, number) = id.split_at(2);
    serde_json::json!({
        "id": format!("{id}B1"),
        "kind": "patent",
        "number": {"country": country, "number": number, "kind": "B1"},
        "lang": lang,
        "titles": [{"lang": lang, "text": title}],
        "claims": [{"lang": lang, "claims": [{"num": 1, "text": claim}]}],
    })
    .to_string()
}

/// Define corpus `name` in `ws` from patent lines and index it.
fn indexed_corpus(ws: &Workspace, dir: &std::path::Path, name: &str, lines: &[String]) {
    let file = dir.join(format!("{name}.jsonl"));
    std::fs::write(&file, lines.join("\n")).unwrap();
    let def = corpus::CorpusDef::new(
        name,
        corpus::CorpusKind::Patent,
        crate::ingest::Format::Jsonl,
        vec![file.to_string_lossy().into_owned()],
    );
    corpus::save_user_def(ws, &def).unwrap();
    corpus::build(ws, &corpus::find(ws, name).unwrap(), &|_| {}).unwrap();
}

/// `us` holds English patents only, `ep` French ones.
fn english_and_french_corpora(ws: &Workspace, dir: &std::path::Path) {
    indexed_corpus(
        ws,
        dir,
        "us",
        &[
            patent_line(
                "US1000001",
                "en",
                "Engine valve with a cam follower",
                "A valve actuated by a cam of the engine.",
            ),
            patent_line(
                "US1000002",
                "en",
                "Vehicle sliding door",
                "A sliding door guided by a rail of the vehicle body.",
            ),
        ],
    );
    indexed_corpus(
        ws,
        dir,
        "ep",
        &[
            patent_line(
                "EP2000001",
                "fr",
                "Pompe solaire pour puits d'irrigation",
                "Pompe immergée alimentée par un panneau photovoltaïque, puisant l'eau d'un puits.",
            ),
            patent_line(
                "EP2000002",
                "fr",
                "Soupape de moteur",
                "Soupape commandée par une came du moteur, refroidie par l'eau.",
            ),
        ],
    );
}

#[test]
fn query_by_example_weighs_every_corpus_and_finds_french_words_in_the_second() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    english_and_french_corpora(&ws, home.path());
    let cache = IndexCache::default();
    let disclosure = "Une pompe solaire, alimentée par des panneaux photovoltaïques, puise l'eau \
                      des puits pour l'irrigation des champs.";
    let corpora = vec!["us".to_string(), "ep".to_string()];
    for feedback in [false, true] {
        let ex = by_example(
            &ws,
            &cache,
            disclosure,
            corpora.clone(),
            feedback,
            UiLang::En,
        )
        .unwrap();
        assert_eq!(ex.corpus, "us, ep");
        assert!(ex.strategy.contains("pompe"), "{}", ex.strategy);
        assert!(ex.strategy.contains("solaire"), "{}", ex.strategy);
        // The engine valve shares one common word: too weak a match to lend feedback words.
        for off_topic in ["soupape", "came", "moteur"] {
            assert!(!ex.strategy.contains(off_topic), "{}", ex.strategy);
        }
        // The strategy finds the French solar pump first, over both corpora.
        let cancel = Generation::new().start();
        let store = CaseStore::new(ws.cases_dir());
        let req = SearchRequest {
            query: &ex.strategy,
            cutoff: None,
            case: None,
            history: &[],
            limit: 10,
            corrects: None,
            meaning: false,
            example: None,
        };
        let out = search(&ws, &cache, &store, &cancel, corpora.clone(), req).unwrap();
        assert_eq!(out.hits[0].id, "EP2000001B1", "{:?}", out.hits);
    }
    // Over the English corpus alone no word of it occurs.
    let e = by_example(
        &ws,
        &cache,
        disclosure,
        vec!["us".into()],
        false,
        UiLang::En,
    )
    .unwrap_err();
    assert!(
        matches!(&e, WorkerError::NoKeyTerms { corpus } if corpus == "us"),
        "{e:?}"
    );
}

#[test]
fn query_by_example_fails_in_the_interface_language() {
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    english_and_french_corpora(&ws, home.path());
    let cache = IndexCache::default();
    let (tx, _rx) = crossbeam_channel::unbounded();
    let cancel = Generation::new().start();
    let run = |disclosure: &str, lang: UiLang| {
        let effect = Effect::Example {
            gen: 1,
            disclosure: disclosure.into(),
            corpora: vec!["us".into(), "ep".into()],
            feedback: false,
            lang,
        };
        match perform(&ws, &cache, &cancel, effect, &tx) {
            JobDone::ExampleReady(Err(e)) => e.message().to_string(),
            other => panic!("{other:?}"),
        }
    };
    let nowhere = "Le quetzal zygodactyle gazouille.";
    assert_eq!(
        run(nowhere, UiLang::Fr),
        "aucun mot de la description de l'invention ne figure dans us, ep\u{a0}: rien à rechercher"
    );
    assert_eq!(
        run(nowhere, UiLang::En),
        "no word of the disclosure occurs in us, ep: nothing to search for"
    );
    assert_eq!(
        run(nowhere, UiLang::Es),
        "ninguna palabra de la divulgación figura en us, ep: nada que buscar"
    );
    assert_eq!(run("   ", UiLang::Fr), UiLang::Fr.strings().need_disclosure);
}

#[test]
fn query_by_example_reads_a_short_disclosure_in_the_corpus_language_else_the_interface_one() {
    use crate::lang::guess::{LangGuess, LangSource};
    use crate::model::Lang;
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    english_and_french_corpora(&ws, home.path());
    let mut def = corpus::find(&ws, "ep").unwrap().def;
    def.lang = Some("fr".into());
    corpus::save_user_def(&ws, &def).unwrap();
    let cache = IndexCache::default();
    let lang_of = |disclosure: &str, corpora: &[&str], ui: UiLang| {
        let corpora = corpora.iter().map(|c| c.to_string()).collect();
        by_example(&ws, &cache, disclosure, corpora, false, ui).map(|ex| ex.lang)
    };
    let short = "pompe solaire";
    assert_eq!(
        lang_of(short, &["ep"], UiLang::Es).unwrap(),
        LangGuess::fallback(Lang::fr(), LangSource::Corpus)
    );
    // `us` declares no language: the interface's. Read as Spanish, the French words are in
    // no corpus's Spanish text; read as French, they are found.
    assert!(matches!(
        lang_of(short, &["us", "ep"], UiLang::Es),
        Err(WorkerError::NoKeyTerms { .. })
    ));
    assert_eq!(
        lang_of(short, &["us", "ep"], UiLang::Fr).unwrap(),
        LangGuess::fallback(Lang::fr(), LangSource::Interface)
    );
    let long = "Une pompe solaire, alimentée par des panneaux photovoltaïques, puise l'eau \
                des puits pour l'irrigation des champs.";
    assert_eq!(
        lang_of(long, &["us", "ep"], UiLang::Es).unwrap(),
        LangGuess::fallback(Lang::fr(), LangSource::Guessed)
    );
}
