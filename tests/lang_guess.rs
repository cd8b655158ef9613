//! Language guessing end to end: EP documents whose XML states no language get theirs guessed
//! from their text at `tisc index` (the corpus's `lang` when they are too short), are stemmed
//! in it, and query by example reads a disclosure too short to guess in the language the
//! searched corpora declare, else in English, saying which.

mod common;

use common::TestEnv;
use std::path::Path;

/// An EP publication without any `lang` attribute: number, title, abstract.
fn ep_xml(number: &str, title: &str, abstract_: Option<&str>) -> String {
    let abstract_ = abstract_
        .map(|a| format!("<abstract><p>{a}</p></abstract>"))
        .unwrap_or_default();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <ep-patent-document country=\"EP\" doc-number=\"{number}\" kind=\"A1\">\
         <SDOBI><B100><B110>{number}</B110><B130>A1</B130><B140><date>20200101</date></B140></B100>\
         <B500><B540><B542>{title}</B542></B540></B500></SDOBI>{abstract_}</ep-patent-document>\n"
    )
}

/// Five untagged documents: Portuguese, Arabic, Spanish, English, and one too short to guess.
fn write_untagged(dir: &Path) {
    let docs = [
        (
            "1000001",
            "Bomba de água solar para lavouras",
            Some(
                "A invenção refere-se a uma bomba acionada por painéis fotovoltaicos, sem \
                 baterias, para as irrigações das comunidades rurais.",
            ),
        ),
        (
            "1000002",
            "مضخة مياه شمسية للآبار",
            Some(
                "يتعلق الاختراع بمضخة مياه تعمل بالطاقة الشمسية لري الحقول في المناطق الريفية \
                 دون الحاجة إلى بطاريات",
            ),
        ),
        (
            "1000003",
            "Bomba de agua solar para pozos",
            Some(
                "La invención se refiere a una bomba accionada por paneles fotovoltaicos, sin \
                 baterías, para el riego de los campos.",
            ),
        ),
        (
            "1000004",
            "Solar water pump for wells",
            Some(
                "The pump is driven by photovoltaic panels without batteries and irrigates \
                 the fields of rural villages.",
            ),
        ),
        ("1000005", "Irrigações solares", None),
    ];
    for (number, title, abstract_) in docs {
        std::fs::write(
            dir.join(format!("EP{number}.xml")),
            ep_xml(number, title, abstract_),
        )
        .expect("write EP XML");
    }
}

/// Index the untagged documents as corpus `name`, with `lang` as its default language.
fn index_untagged(env: &TestEnv, name: &str, lang: Option<&str>) -> tempfile::TempDir {
    let data = tempfile::tempdir().expect("temp dir");
    write_untagged(data.path());
    let dir = data.path().to_str().expect("utf-8 path");
    let mut args = vec!["index", "--name", name, "--format", "ep"];
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    args.push(dir);
    env.ok(&args);
    data
}

/// The ids a strategy finds in `corpus`, sorted.
fn ids(env: &TestEnv, corpus: &str, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = env
        .search_json(corpus, query, 50)
        .iter()
        .filter_map(|h| h["id"].as_str().map(String::from))
        .collect();
    ids.sort();
    ids
}

#[test]
fn untagged_documents_get_the_language_of_their_text_else_the_corpus_one() {
    let env = TestEnv::new();
    let _data = index_untagged(&env, "untagged", Some("fr"));
    let one = |id: &str| vec![format!("EP{id}A1")];
    assert_eq!(ids(&env, "untagged", "lang:pt"), one("1000001"));
    assert_eq!(ids(&env, "untagged", "lang:ar"), one("1000002"));
    assert_eq!(ids(&env, "untagged", "lang:es"), one("1000003"));
    assert_eq!(ids(&env, "untagged", "lang:en"), one("1000004"));
    // Two content words: too short to guess, so the corpus's language.
    assert_eq!(ids(&env, "untagged", "lang:fr"), one("1000005"));
    // The Portuguese text is stemmed as Portuguese: the singular finds the plural
    // (irrigações), which the French-tagged short document, stemmed as French, does not.
    assert_eq!(ids(&env, "untagged", "irrigação"), one("1000001"));
    assert_eq!(ids(&env, "untagged", "irrigações"), {
        let mut both = one("1000001");
        both.extend(one("1000005"));
        both
    });
    // The Arabic and Spanish texts are in their languages' fields (the Spanish one stemmed:
    // "field" finds "fields").
    assert_eq!(ids(&env, "untagged", "ti_ar:مضخة"), one("1000002"));
    assert_eq!(ids(&env, "untagged", "ti_fr:مضخة"), Vec::<String>::new());
    assert_eq!(ids(&env, "untagged", "ab_es:campo"), one("1000003"));
}

#[test]
fn without_a_corpus_language_a_short_untagged_document_stays_undetermined() {
    let env = TestEnv::new();
    let _data = index_untagged(&env, "nolang", None);
    assert_eq!(ids(&env, "nolang", "lang:und"), vec!["EP1000005A1"]);
    assert_eq!(ids(&env, "nolang", "lang:pt"), vec!["EP1000001A1"]);
}

/// What `tisc search --disclosure` prints on stderr for `text` over `corpora` (JSON on stdout).
fn example_line(env: &TestEnv, corpora: &[&str], text: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("disclosure.txt");
    std::fs::write(&f, text).expect("write disclosure");
    let mut args = vec!["search", "--format", "json"];
    for c in corpora {
        args.extend(["--corpus", c]);
    }
    let out = env
        .tisc()
        .args(&args)
        .arg("--disclosure")
        .arg(&f)
        .output()
        .expect("run tisc");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8(out.stderr).expect("utf-8");
    err.lines()
        .find(|l| l.starts_with("query by example ("))
        .unwrap_or_else(|| panic!("no query by example line: {err}"))
        .to_string()
}

#[test]
fn query_by_example_says_whether_it_guessed_or_fell_back_to_the_corpus_or_interface_language() {
    let env = TestEnv::new();
    let _fr = index_untagged(&env, "declared-fr", Some("fr"));
    let _es = index_untagged(&env, "declared-es", Some("es"));
    let _none = index_untagged(&env, "declared-none", None);
    let short = "bomba solar";
    assert!(
        example_line(&env, &["declared-fr"], short).starts_with(
            "query by example (fr: fewer than 5 content words to guess from; the corpus language): "
        ),
        "{}",
        example_line(&env, &["declared-fr"], short)
    );
    // Two corpora that agree on nothing, or one that declares nothing: the command line's
    // own language.
    let interface =
        "query by example (en: fewer than 5 content words to guess from; the interface language): ";
    for corpora in [&["declared-fr", "declared-es"][..], &["declared-none"][..]] {
        let line = example_line(&env, corpora, short);
        assert!(line.starts_with(interface), "{corpora:?}: {line}");
    }
    let long = "A invenção refere-se a uma bomba de água acionada por energia solar, não \
                necessita de baterias e trabalha nos poços das comunidades rurais";
    let line = example_line(&env, &["declared-fr", "declared-es"], long);
    assert!(
        line.starts_with("query by example (pt, guessed from the disclosure): "),
        "{line}"
    );
}
