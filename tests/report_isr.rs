//! `tisc report` on a case with claims, coverage, combinations and family members: the
//! searcher and organisation from config.toml or the command line, the JSON contract
//! (format_version 2), and the draft/completed state, in the three report languages.

mod common;

use common::TestEnv;
use tisc::case::{
    Case, Categories, Citation, ClaimSetEdit, ClaimsKind, CorpusHits, Coverage, FamilyMember,
    InventionClaim, Op, Strategy,
};
use tisc::model::{Biblio, Date, DocKind, Document, Lang, LangText, PatentNumber};

fn date(s: &str) -> Date {
    s.parse().expect("date")
}

fn patent(id: &str, published: &str) -> Document {
    Document {
        biblio: Biblio {
            id: id.into(),
            kind: DocKind::Patent,
            number: PatentNumber::parse(id).ok(),
            lang: Lang::en(),
            titles: vec![LangText {
                lang: Lang::en(),
                text: format!("Pump {id}"),
            }],
            applicants: vec!["Acme".into()],
            publication_date: Some(date(published)),
            ..Biblio::default()
        },
        ..Document::default()
    }
}

/// Make case `c1` with the CLI, then give it claims, strategies and citations as the case
/// commands record them.
fn env_with_case(config: Option<&str>) -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "case",
        "new",
        "c1",
        "--title",
        "Solar pump",
        "--cutoff",
        "2020-01-01",
    ]);
    let file = env.path().join("cases/c1/case.json");
    let mut case: Case =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("case.json")).expect("case");
    let at = "2026-02-01T00:00:00Z";
    case.apply(
        &Op::Claims(ClaimSetEdit {
            kind: ClaimsKind::Claims,
            claims: (1..=3)
                .map(|number| InventionClaim {
                    number,
                    text: format!("Claim text {number}."),
                })
                .collect(),
        }),
        at,
    );
    let cov = Coverage {
        description: Some("US grants".into()),
        documents: 500,
        ..Coverage::default()
    };
    for (number, hits) in [(1, 34), (2, 12)] {
        case.history.push(Strategy {
            number,
            query: format!("solar{number}"),
            hits: vec![CorpusHits {
                corpus: "us".into(),
                hits,
                coverage: Some(cov.clone()),
            }],
            at: at.into(),
        });
    }
    for (id, cat, published, claims) in [
        ("US1B2", "X", "2019-01-01", vec![1]),
        ("US2B2", "Y", "2018-01-01", vec![2]),
        ("US3B2", "Y", "2017-01-01", vec![2, 7]),
        ("US4A1", "X", "2021-06-01", vec![1]),
    ] {
        let mut c = Citation::new(
            &patent(id, published),
            "us",
            Categories::parse(cat).expect("category"),
            claims,
            &[],
            None,
            at,
        );
        if id == "US2B2" {
            c.combined_with = vec!["US3B2".into()];
        }
        if id == "US1B2" {
            c.family = vec![FamilyMember {
                id: "EP3000005A1".into(),
                number: Some("EP 3000005 A1".into()),
                publication_date: Some(date("2019-02-01")),
                corpus: "ep".into(),
            }];
        }
        case.apply(&Op::Cite(Box::new(c)), at);
    }
    std::fs::write(&file, serde_json::to_vec_pretty(&case).expect("json")).expect("write");
    if let Some(text) = config {
        std::fs::write(env.path().join("config.toml"), text).expect("config");
    }
    env
}

fn json(env: &TestEnv, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "c1", "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&env.ok(&args)).expect("JSON report")
}

#[test]
fn searcher_and_organisation_come_from_config_and_the_flags_override_them() {
    let env = env_with_case(Some(
        "[report]\nsearcher = \"A. Martin\"\norganisation = \"Tech Transfer Office\"\n",
    ));
    let v = json(&env, &[]);
    assert_eq!(v["searcher"], "A. Martin");
    assert_eq!(v["organisation"], "Tech Transfer Office");
    let v = json(&env, &["--searcher", "B. Roy"]);
    assert_eq!(
        (v["searcher"].as_str(), v["organisation"].as_str()),
        (Some("B. Roy"), Some("Tech Transfer Office"))
    );

    for (lang, word) in [
        ("en", "Searcher"),
        ("fr", "Documentaliste"),
        ("es", "Documentalista"),
    ] {
        let md = env.ok(&[
            "report",
            "c1",
            "--format",
            "md",
            "--lang",
            lang,
            "--organisation",
            "Lab",
        ]);
        assert!(
            md.contains(&format!("| **{word}** | A. Martin |")),
            "{lang}: {md}"
        );
        assert!(md.contains("| Lab |"), "{lang}");
        let html = env.ok(&[
            "report",
            "c1",
            "--format",
            "html",
            "--lang",
            lang,
            "--searcher",
            "C. D",
        ]);
        assert!(
            html.contains(&format!("<dt>{word}</dt><dd><bdi>C. D</bdi></dd>")),
            "{lang}"
        );
    }

    // Without config or flags: none, and the report does not invent one.
    let bare = env_with_case(None);
    let v = json(&bare, &[]);
    assert!(v["searcher"].is_null() && v["organisation"].is_null());
}

#[test]
fn bad_searcher_settings_are_usage_errors() {
    let env = env_with_case(Some("[report]\nsearcher = 42\n"));
    let err = env.fails_saying(&["report", "c1"], 2, "report.searcher");
    assert!(err.contains("config.toml"), "{err}");
    let env = env_with_case(None);
    env.fails_saying(&["report", "c1", "--searcher", " "], 2, "--searcher");
}

#[test]
fn the_json_report_is_version_2_with_claims_and_per_strategy_hits() {
    let env = env_with_case(None);
    let v = json(&env, &[]);
    assert_eq!(v["format_version"], 2);
    assert!(v["completed_on"].is_null());
    assert_eq!(
        v["claims"],
        serde_json::json!([
            {"number": 1, "text": "Claim text 1.", "documents": ["US1B2", "US4A1"], "covered": true},
            {"number": 2, "text": "Claim text 2.", "documents": ["US2B2", "US3B2"], "covered": true},
            {"number": 3, "text": "Claim text 3.", "documents": [], "covered": false},
        ])
    );
    assert_eq!(
        v["collections"][0]["hits"],
        serde_json::json!([{"strategy": 1, "hits": 34}, {"strategy": 2, "hits": 12}])
    );
    assert_eq!(v["collections"][0]["description"], "US grants");
    assert_eq!(v["collections"][0]["coverage"]["documents"], 500);
    let cites = v["citations"].as_array().expect("citations");
    let get = |id: &str| cites.iter().find(|c| c["doc"]["id"] == id).expect(id);
    assert_eq!(get("US4A1")["after_cutoff"], true);
    assert_eq!(get("US3B2")["stale_claims"], serde_json::json!([7]));
    assert_eq!(get("US2B2")["combined_with"], serde_json::json!(["US3B2"]));
    assert_eq!(get("US1B2")["family"][0]["number"], "EP 3000005 A1");
}

#[test]
fn md_and_html_show_claims_flags_combinations_and_the_family_in_three_languages() {
    let env = env_with_case(None);
    for (lang, appears_new, combined, annex, stale) in [
        (
            "en",
            "no X or Y citation: appears new",
            "in combination with document US 3 B2",
            "Information on patent family members",
            "no longer in the case: 7",
        ),
        (
            "fr",
            "aucune citation X ou Y\u{a0}: paraît nouvelle",
            "en combinaison avec le document US 3 B2",
            "membres de familles de brevets",
            "n'existent plus dans le dossier\u{a0}: 7",
        ),
        (
            "es",
            "ninguna cita X o Y: parece nueva",
            "en combinación con el documento US 3 B2",
            "miembros de familias de patentes",
            "ya no existen en el expediente: 7",
        ),
    ] {
        let md = env.ok(&["report", "c1", "--format", "md", "--lang", lang]);
        let html = env.ok(&["report", "c1", "--format", "html", "--lang", lang]);
        for (format, out) in [
            ("md", md.replace('\\', "")),
            ("html", html.replace("&#39;", "'")),
        ] {
            assert!(out.contains(appears_new), "{lang} {format}");
            assert!(out.contains(combined), "{lang} {format}");
            assert!(
                out.contains(annex) && out.contains("EP 3000005 A1"),
                "{lang} {format}"
            );
            assert!(out.contains(stale), "{lang} {format}");
            assert!(out.contains('†'), "{lang} {format}: after-cutoff marker");
        }
        assert!(
            md.lines()
                .any(|l| l.starts_with("| **X**† |") && l.contains("US 4 A1")),
            "{lang}"
        );
        assert!(html.contains("<body class=\"draft\">"), "{lang}");
    }
}
