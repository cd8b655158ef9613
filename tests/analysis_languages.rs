//! Arabic, Portuguese and Spanish analysis over a small indexed corpus: every spelling
//! variant of an Arabic word (hamza on alef or not, teh marbuta or heh, tatweel, vowel marks,
//! alef maksura or yeh, Arabic-Indic digits) finds the documents written with any other, and
//! a Portuguese or Spanish word without its accents finds the accented one through the
//! unstemmed copy. The words are real (FreeDict ara-eng, por-eng, spa-eng).

use std::collections::BTreeSet;
use std::path::Path;
use tisc::index::{CorpusIndex, IndexBuilder};
use tisc::search::{no_history, Session};

/// One document a line: id, language, title, abstract.
const DOCS: &[(&str, &str, &str, &str)] = &[
    ("EP1000001A1", "ar", "أدوية للأطفال", "تركيبة أدوية في أقراص"),
    ("EP1000002A1", "ar", "ادويه بيطرية", "مستشفي ميداني"),
    (
        "EP1000003A1",
        "ar",
        "أَسْمِدَة عضوية",
        "آلة لنثر الأسمدة عام ٢٠١٩",
    ),
    ("EP1000004A1", "ar", "اسمده سائلة", "الة تـعمل في مستشفى"),
    (
        "EP1000005A1",
        "pt",
        "Relatório de ensaio",
        "Máquina de colheita com informação",
    ),
    (
        "EP1000006A1",
        "es",
        "Máquina de riego",
        "Relación de información y energía",
    ),
    ("EP1000008A1", "ar", "مضخة شمسية", "تعمل بالطاقة"),
    ("EP1000009A1", "ar", "نظام ري", "تشغيل المضخة من بئر"),
    (
        "EP1000007A1",
        "en",
        "Solar pump",
        "A pump for wells, model 2019",
    ),
];

fn corpus(dir: &Path) -> CorpusIndex {
    let lines: Vec<String> = DOCS
        .iter()
        .map(|(id, lang, ti, ab)| {
            serde_json::json!({
                "id": id, "kind": "patent", "lang": lang,
                "titles": [{"lang": lang, "text": ti}],
                "abstracts": [{"lang": lang, "text": ab}],
            })
            .to_string()
        })
        .collect();
    let file = dir.join("docs.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let (docs, _) = tisc::ingest::read_all(&file, tisc::ingest::Format::Jsonl).unwrap();
    assert_eq!(docs.len(), DOCS.len());
    let b = IndexBuilder::create("lang", &dir.join("lang"), 50_000_000).unwrap();
    for d in &docs {
        b.add(d).unwrap();
    }
    b.finish(0).unwrap();
    CorpusIndex::open(&dir.join("lang"), "lang").unwrap()
}

fn ids(s: &Session, q: &str) -> BTreeSet<String> {
    let (hits, _) = s.query(q, 100, &no_history).unwrap();
    s.ids_of(hits)
        .unwrap()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn arabic_spelling_variants_find_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let idx = corpus(dir.path());
    let s = Session::new(&idx).unwrap();
    // adwiya "medicines": written أدوية in 1, ادويه in 2.
    for q in [
        "أدوية",
        "ادوية",
        "أدويه",
        "ادويه",
        "أدويـــة",
        "أَدْوِيَة",
        "ti:ادويه",
    ] {
        assert_eq!(ids(&s, q), set(&["EP1000001A1", "EP1000002A1"]), "{q}");
    }
    // asmida "fertilisers": أَسْمِدَة in 3 (marks), اسمده in 4; الأسمدة (with the article)
    // in 3 too, which the light stemmer reduces to the same stem.
    for q in ["أسمدة", "اسمدة", "إسمده", "أسـمدة"] {
        assert_eq!(ids(&s, q), set(&["EP1000003A1", "EP1000004A1"]), "{q}");
    }
    // ala "machine" (آلة in 3, الة in 4) and mustashfa "hospital" (ى in 4, ي in 2).
    assert_eq!(ids(&s, "آلة"), set(&["EP1000003A1", "EP1000004A1"]));
    assert_eq!(ids(&s, "اله"), set(&["EP1000003A1", "EP1000004A1"]));
    assert_eq!(ids(&s, "مستشفى"), set(&["EP1000002A1", "EP1000004A1"]));
    assert_eq!(ids(&s, "مستشفي"), set(&["EP1000002A1", "EP1000004A1"]));
    // madakha "pump": bare in 8, with the article in 9; either finds both, with a
    // preposition too.
    for q in ["مضخة", "مضخه", "المضخة", "المضخه", "بالمضخة"] {
        assert_eq!(ids(&s, q), set(&["EP1000008A1", "EP1000009A1"]), "{q}");
    }
    // Truncation runs on the unstemmed copy, normalised the same way.
    assert_eq!(ids(&s, "أدوي*"), set(&["EP1000001A1", "EP1000002A1"]));
    assert_eq!(ids(&s, "مستشف?"), set(&["EP1000002A1", "EP1000004A1"]));
    // Arabic-Indic digits are the ASCII number.
    assert_eq!(ids(&s, "2019"), set(&["EP1000003A1", "EP1000007A1"]));
    assert_eq!(ids(&s, "٢٠١٩"), set(&["EP1000003A1", "EP1000007A1"]));
}

#[test]
fn portuguese_and_spanish_words_without_accents_find_the_accented_ones() {
    let dir = tempfile::tempdir().unwrap();
    let idx = corpus(dir.path());
    let s = Session::new(&idx).unwrap();
    // On the unstemmed copy (truncation, one-letter wildcard): every folded form.
    assert_eq!(ids(&s, "relatorio*"), set(&["EP1000005A1"]));
    assert_eq!(ids(&s, "informacao*"), set(&["EP1000005A1"]));
    assert_eq!(ids(&s, "informacion*"), set(&["EP1000006A1"]));
    assert_eq!(ids(&s, "relaci?n"), set(&["EP1000006A1"]));
    assert_eq!(ids(&s, "energia*"), set(&["EP1000006A1"]));
    assert_eq!(ids(&s, "maquina*"), set(&["EP1000005A1", "EP1000006A1"]));
    // A plain word goes to the stemmed copy: found when the stemmer strips no accented
    // suffix (relatório, máquina, relación)...
    assert_eq!(ids(&s, "relatorio"), set(&["EP1000005A1"]));
    assert_eq!(ids(&s, "maquina"), set(&["EP1000005A1", "EP1000006A1"]));
    assert_eq!(ids(&s, "relacion"), set(&["EP1000006A1"]));
    // ...and the accented word itself always.
    assert_eq!(ids(&s, "informação"), set(&["EP1000005A1"]));
    assert_eq!(ids(&s, "información"), set(&["EP1000006A1"]));
}
