//! Exports read back by real parsers: `tisc case export` as RIS (a strict reader of the
//! specification's tags, written here), BibTeX (the `biblatex` crate) and CSV (the `csv`
//! crate), and `tisc search --format csv`, on a case citing a patent and an article of the
//! demo corpus and a document whose title is built to break each format.

mod common;

use biblatex::{Bibliography, ChunksExt};
use common::{assert_contains, Run, TestEnv};

/// A title with a formula sign first, quotes, commas, braces and TeX specials.
const HOSTILE_TITLE: &str =
    r#"=HYPERLINK("http://x","a, b") {x} \end{document} % & _ # $ ~ ^ @misc{y,"#;
/// A note holding a line break (CR LF), quotes and commas.
const HOSTILE_NOTE: &str = "first line, \"quoted\"\r\n=second line";

/// The demo corpus and a corpus with one hostile document, and case `c` citing a patent (X),
/// an article (A) and the hostile document (Y).
fn env_with_case() -> (TestEnv, tempfile::TempDir) {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let hostile = env.beir_corpus(
        "hostile",
        &[("H1", HOSTILE_TITLE, "A solar pump with a float switch.")],
    );
    env.ok(&["case", "new", "c", "--title", "Solar pump"]);
    env.ok(&[
        "case",
        "cite",
        "c",
        "US8523407B2",
        "--corpus",
        "demo",
        "--category",
        "X",
        "--claims",
        "1,3",
        "--passage",
        "maximum power point",
        "--note",
        "same tracker as claim 1",
    ]);
    env.ok(&[
        "case",
        "cite",
        "c",
        "PMID:39900172",
        "--corpus",
        "demo",
        "--category",
        "A",
    ]);
    env.ok(&[
        "case",
        "cite",
        "c",
        "H1",
        "--corpus",
        "hostile",
        "--category",
        "Y",
        "--note",
        HOSTILE_NOTE,
    ]);
    (env, hostile)
}

/// The tags of the RIS specification (reference types aside).
const RIS_TAGS: &[&str] = &[
    "TY", "A1", "A2", "A3", "A4", "AB", "AD", "AN", "AU", "AV", "BT", "C1", "C2", "C3", "C4", "C5",
    "C6", "C7", "C8", "CA", "CN", "CP", "CT", "CY", "DA", "DB", "DO", "DP", "ED", "EP", "ET", "ID",
    "IS", "J1", "J2", "JA", "JF", "JO", "KW", "L1", "L2", "L3", "L4", "LA", "LB", "LK", "M1", "M2",
    "M3", "N1", "N2", "NV", "OP", "PB", "PP", "PY", "RI", "RN", "RP", "SE", "SN", "SP", "ST", "T1",
    "T2", "T3", "TA", "TI", "TT", "U1", "U2", "U3", "U4", "U5", "UR", "VL", "VO", "Y1", "Y2", "ER",
];

type RisRecord = Vec<(String, String)>;

/// A strict RIS reader: every line `XX  - value` ended by CR LF, a known tag, `TY` opening
/// each record and `ER` (empty) closing it, nothing outside records.
fn read_ris(text: &str) -> Vec<RisRecord> {
    assert!(text.ends_with("\r\n"), "the file ends with CR LF");
    let body = text.strip_suffix("\r\n").unwrap_or(text);
    let mut records = Vec::new();
    let mut current: Option<RisRecord> = None;
    for (i, line) in body.split("\r\n").enumerate() {
        let n = i + 1;
        assert!(
            !line.contains(['\r', '\n']),
            "line {n}: a lone CR or LF: {line:?}"
        );
        let (tag, value) = line
            .split_once("  - ")
            .unwrap_or_else(|| panic!("line {n}: not `XX  - value`: {line:?}"));
        assert!(
            tag.len() == 2 && RIS_TAGS.contains(&tag),
            "line {n}: unknown tag {tag:?}"
        );
        match tag {
            "TY" => {
                assert!(current.is_none(), "line {n}: TY inside a record");
                current = Some(vec![(tag.to_string(), value.to_string())]);
            }
            "ER" => {
                assert_eq!(value, "", "line {n}: ER has no value");
                records.push(
                    current
                        .take()
                        .unwrap_or_else(|| panic!("line {n}: ER outside")),
                );
            }
            _ => current
                .as_mut()
                .unwrap_or_else(|| panic!("line {n}: {tag} before TY"))
                .push((tag.to_string(), value.to_string())),
        }
    }
    assert!(current.is_none(), "the last record has no ER");
    records
}

fn ris_values<'a>(r: &'a RisRecord, tag: &str) -> Vec<&'a str> {
    r.iter()
        .filter(|(t, _)| t == tag)
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn ris_export_reads_back_with_patents_as_pat_and_articles_as_jour() {
    let (env, _data) = env_with_case();
    let text = env.ok(&["case", "export", "c", "--format", "ris"]);
    let records = read_ris(&text);
    assert_eq!(records.len(), 3, "{text}");
    let patent = &records[0];
    assert_eq!(ris_values(patent, "TY"), ["PAT"]);
    assert_eq!(
        ris_values(patent, "TI"),
        ["Solar surface pump for smallholder irrigation with maximum power point tracking"]
    );
    assert_eq!(
        ris_values(patent, "AU"),
        ["Kiprotich, Achieng", "Kamau, Wambui"]
    );
    assert_eq!(ris_values(patent, "PB"), ["Jua Maji Technologies Ltd."]);
    assert_eq!(ris_values(patent, "SN"), ["US8523407B2"]);
    assert_eq!(ris_values(patent, "PY"), ["2013"]);
    assert_eq!(ris_values(patent, "DA"), ["2013/08/27/"]);
    assert_eq!(
        ris_values(patent, "UR"),
        ["https://worldwide.espacenet.com/patent/search?q=pn%3DUS8523407B2"]
    );
    let note = ris_values(patent, "N1").concat();
    assert_contains(&note, "Category X");
    assert_contains(&note, "claims 1, 3");
    assert_contains(&note, "same tracker as claim 1");

    let article = &records[1];
    assert_eq!(ris_values(article, "TY"), ["JOUR"]);
    assert_eq!(ris_values(article, "DO"), ["10.5555/ajre.2023.0410"]);
    assert_eq!(ris_values(article, "AN"), ["39900172"]);
    assert_eq!(
        ris_values(article, "T2"),
        ["African Journal of Rural Engineering"]
    );
    assert_eq!(
        ris_values(article, "UR"),
        ["https://pubmed.ncbi.nlm.nih.gov/39900172/"]
    );

    // The hostile note stays in its record, on one line.
    let hostile = &records[2];
    assert_eq!(ris_values(hostile, "TI"), [HOSTILE_TITLE]);
    assert_contains(
        &ris_values(hostile, "N1").concat(),
        "first line, \"quoted\" =second line",
    );
}

#[test]
fn bibtex_export_reads_back_with_biblatex() {
    let (env, _data) = env_with_case();
    let text = env.ok(&["case", "export", "c", "--format", "bibtex"]);
    let bib = Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let keys: Vec<&str> = bib.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["US8523407B2", "pmid39900172", "H1"], "{text}");

    let patent = bib.get("US8523407B2").expect("patent entry");
    assert_eq!(patent.entry_type.to_string(), "patent");
    assert_eq!(
        patent.number().expect("number").format_verbatim(),
        "US8523407B2"
    );
    let holder = patent.holder().expect("holder");
    assert_eq!(holder.len(), 1);
    assert_eq!(holder[0].name, "Jua Maji Technologies Ltd.");
    let inventors = patent.author().expect("author");
    assert_eq!(inventors[0].name, "Kiprotich");
    assert_eq!(inventors[0].given_name, "Achieng");
    assert!(patent.date().is_ok(), "the date parses");
    assert_eq!(
        patent.get("date").expect("date").format_verbatim(),
        "2013-08-27"
    );
    assert_eq!(
        patent.get("type").expect("type").format_verbatim(),
        "patentus"
    );
    assert_eq!(
        patent.url().expect("url"),
        "https://worldwide.espacenet.com/patent/search?q=pn%3DUS8523407B2"
    );

    let article = bib.get("pmid39900172").expect("article entry");
    assert_eq!(article.entry_type.to_string(), "article");
    assert_eq!(article.doi().expect("doi"), "10.5555/ajre.2023.0410");
    assert_eq!(article.eprint().expect("eprint"), "39900172");
    assert_eq!(
        article
            .get("eprinttype")
            .expect("eprinttype")
            .format_verbatim(),
        "pubmed"
    );
    assert_eq!(
        article
            .get("journaltitle")
            .expect("journal")
            .format_verbatim(),
        "African Journal of Rural Engineering"
    );

    // The hostile title did not end its field or its entry: the fields after it are there.
    let hostile = bib.get("H1").expect("hostile entry");
    let title = hostile.get("title").expect("title").format_verbatim();
    assert_contains(&title, "HYPERLINK");
    assert_contains(&title, "@misc");
    assert_contains(
        &hostile
            .get("annotation")
            .expect("annotation")
            .format_verbatim(),
        "Category Y",
    );
}

#[test]
fn csv_exports_read_back_with_hostile_text_kept_and_formulas_neutralised() {
    let (env, _data) = env_with_case();
    let text = env.ok(&["case", "export", "c", "--format", "csv"]);
    assert!(text.starts_with("category,id,title,date,corpus,"), "{text}");
    assert!(
        text.split("\r\n").count() >= 4,
        "records end with CR LF: {text:?}"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert_eq!(&rows[0][col("category")], "X");
    assert_eq!(&rows[0][col("claims")], "1, 3");
    assert_eq!(&rows[0][col("applicants")], "Jua Maji Technologies Ltd.");
    assert_eq!(&rows[1][col("pmid")], "39900172");
    assert_eq!(&rows[1][col("doi")], "10.5555/ajre.2023.0410");
    // The title comes back whole, with an apostrophe so no spreadsheet runs it; the note
    // keeps its line break (as LF) inside its one field.
    assert_eq!(&rows[2][col("title")], format!("'{HOSTILE_TITLE}"));
    assert_eq!(
        &rows[2][col("note")],
        "first line, \"quoted\"\n=second line"
    );

    // The same for a search.
    let text = env.ok(&["search", "--corpus", "hostile", "--format", "csv", "float"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    assert_eq!(
        header.iter().take(5).collect::<Vec<_>>(),
        ["rank", "id", "title", "date", "corpus"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert_eq!(&rows[0][0], "1");
    assert_eq!(&rows[0][1], "H1");
    assert_eq!(&rows[0][2], format!("'{HOSTILE_TITLE}"));
}

#[test]
fn search_csv_links_public_pages() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let text = env.ok(&[
        "search",
        "--corpus",
        "demo",
        "--format",
        "csv",
        "--limit",
        "50",
        "ti:(smallholder AND tracking) OR drawdown",
    ]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let url = header.iter().position(|h| h == "url").expect("url column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let patent = rows
        .iter()
        .find(|r| r[2].contains("maximum power point"))
        .expect("patent row");
    assert_eq!(
        patent[url],
        format!(
            "https://worldwide.espacenet.com/patent/search?q=pn%3D{}",
            &patent[1]
        )
    );
    let article = rows
        .iter()
        .find(|r| r[1].starts_with("PMID:"))
        .expect("an article row");
    assert!(article[url].starts_with("https://pubmed.ncbi.nlm.nih.gov/"));
    // --batch writes runs, not tables: csv is refused there.
    env.tisc()
        .args([
            "search", "--corpus", "demo", "--format", "csv", "--batch", "x.jsonl",
        ])
        .ends_saying(2, "--format csv");
}

#[test]
fn export_to_a_file_needs_its_folder_or_mkdir() {
    let (env, _data) = env_with_case();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a/b/c.ris");
    let file = file.to_str().expect("utf-8 path");
    let stderr = env
        .tisc()
        .args(["case", "export", "c", "--format", "ris", "-o", file])
        .ends(2);
    assert_contains(&stderr, "no such folder");
    assert_contains(&stderr, "a/b");
    env.ok(&[
        "case", "export", "c", "--format", "ris", "-o", file, "--mkdir",
    ]);
    let text = std::fs::read_to_string(file).expect("written");
    assert_eq!(read_ris(&text).len(), 3);
    env.tisc()
        .args(["case", "export", "nosuch", "--format", "ris"])
        .ends_saying(2, "no case named `nosuch`");
}
