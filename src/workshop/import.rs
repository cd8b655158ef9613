//! Turning a judged IR test collection (BEIR layout) into an exercise pack.
//!
//! The collection gives the queries (`queries.jsonl`: one `{"_id", "text"}` object a line) and
//! the judgments (a TSV file with the header `query-id  corpus-id  score`). The first `count`
//! queries that have a positive judgment, in the order of the judgments file, become the
//! exercises: the query text is the disclosure and the one claim to search. Their positive
//! judgments become the gold: category X for the collection's highest grade, A for lower
//! positive grades; a grade of 0 or less is not gold. The pack searches one corpus (the
//! collection's documents, indexed under a name the trainer gives), and its `attribution`
//! names where the data comes from: the collection's `SOURCE.md` when there is one beside the
//! files, else the files themselves.
//!
//! Both files are written atomically; an existing pack folder is refused unless asked.

use super::error::WorkshopError;
use super::gold::GOLD_FILE;
use super::pack::{check_name, format_time_limit, PACK_FILE};
use crate::model::Date;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What to import, and how to shape the pack.
#[derive(Debug, Clone)]
pub struct ImportRequest<'a> {
    /// The corpus the exercises are searched in (the collection's documents, as indexed).
    pub corpus: &'a str,
    pub queries: &'a Path,
    pub qrels: &'a Path,
    /// The pack folder to write.
    pub out: &'a Path,
    /// How many judged queries become exercises.
    pub count: usize,
    /// Write into a folder that already holds files.
    pub force: bool,
    /// The pack's title (a default names the collection).
    pub title: Option<&'a str>,
    /// The exercises' cutoff date (a test collection has no dates: any date after its
    /// documents).
    pub cutoff: Date,
    pub time_limit_secs: u64,
    /// The language of the queries (`en`).
    pub language: &'a str,
}

/// What was imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    pub dir: PathBuf,
    pub exercises: usize,
    /// Gold citations written (positive judgments of the exercises).
    pub citations: usize,
    /// Judged queries in the collection (with at least one positive judgment).
    pub judged_queries: usize,
    /// The `SOURCE.md` the attribution was taken from, if one was found.
    pub source: Option<PathBuf>,
}

/// One positive judgment.
struct Judgment {
    doc: String,
    grade: i64,
}

/// A query id with its positive judgments.
type Judged = (String, Vec<Judgment>);

/// Read the judgments: for each query with a positive judgment (in the order of first
/// appearance), its positive judgments. Also returns the highest grade seen.
fn read_qrels(path: &Path) -> Result<(Vec<Judged>, i64), WorkshopError> {
    let text = read_text(path)?;
    let bad = |line: usize, message: String| WorkshopError::Bad {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut lines = text.lines().enumerate();
    let header_ok = lines.next().is_some_and(|(_, h)| {
        let cols: Vec<&str> = h.split('\t').map(str::trim).collect();
        cols == ["query-id", "corpus-id", "score"]
    });
    if !header_ok {
        return Err(bad(
            1,
            "the first line must be the header `query-id<TAB>corpus-id<TAB>score`".into(),
        ));
    }
    let mut order: Vec<Judged> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut top = i64::MIN;
    for (i, line) in lines {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [query, doc, score] = cols[..] else {
            return Err(bad(
                n,
                format!(
                    "{} column(s): a judgment is `query-id<TAB>corpus-id<TAB>score`",
                    cols.len()
                ),
            ));
        };
        if query.is_empty() || doc.is_empty() {
            return Err(bad(n, "an empty query id or document id".into()));
        }
        let grade: i64 = score
            .parse()
            .map_err(|_| bad(n, format!("score `{score}` is not a whole number")))?;
        if grade <= 0 {
            continue;
        }
        top = top.max(grade);
        let slot = *index.entry(query.to_string()).or_insert_with(|| {
            order.push((query.to_string(), Vec::new()));
            order.len() - 1
        });
        let judged = &mut order[slot].1;
        if judged.iter().all(|j| j.doc != doc) {
            judged.push(Judgment {
                doc: doc.to_string(),
                grade,
            });
        }
    }
    if order.is_empty() {
        return Err(WorkshopError::BadFile {
            path: path.to_path_buf(),
            message: "no positive judgment (score above 0): nothing to make exercises of".into(),
        });
    }
    Ok((order, top))
}

/// Read the texts of the queries named in `wanted` from a JSON-lines file.
fn read_queries(
    path: &Path,
    wanted: &BTreeSet<&str>,
) -> Result<BTreeMap<String, String>, WorkshopError> {
    let text = read_text(path)?;
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| WorkshopError::Bad {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| bad(format!("not a JSON object: {e}")))?;
        let id = match v.get("_id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return Err(bad("no `_id` (a string)".into())),
        };
        if !wanted.contains(id.as_str()) {
            continue;
        }
        let Some(t) = v.get("text").and_then(|t| t.as_str()) else {
            return Err(bad(format!("query `{id}` has no `text`")));
        };
        if t.trim().is_empty() {
            return Err(bad(format!("query `{id}` has an empty text")));
        }
        out.insert(id, t.trim().to_string());
    }
    Ok(out)
}

fn read_text(path: &Path) -> Result<String, WorkshopError> {
    let bytes = std::fs::read(path).map_err(WorkshopError::io(path))?;
    String::from_utf8(bytes).map_err(|e| WorkshopError::BadFile {
        path: path.to_path_buf(),
        message: format!(
            "not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// An exercise id made of a query id: kept when it is a valid id, else its letters and digits
/// with `-` for the rest, after `q`.
fn exercise_id(query: &str, taken: &BTreeSet<String>) -> String {
    let base = if check_name(query) {
        query.to_string()
    } else {
        let mut s = String::from("q-");
        for c in query.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                s.push(c);
            } else if !s.ends_with('-') {
                s.push('-');
            }
        }
        let s: String = s.trim_end_matches('-').chars().take(40).collect();
        s.trim_end_matches('-').to_string()
    };
    if !taken.contains(&base) {
        return base;
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

/// The first words of a query as an exercise title (at most 80 characters).
fn title_of(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 80 {
        return one_line;
    }
    let cut: String = one_line.chars().take(79).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end())
}

/// The `SOURCE.md` describing the collection: beside the queries, beside the judgments, or
/// one folder above the judgments (BEIR keeps them in `qrels/`).
fn find_source(queries: &Path, qrels: &Path) -> Option<PathBuf> {
    let dirs = [
        queries.parent(),
        qrels.parent(),
        qrels.parent().and_then(Path::parent),
    ];
    dirs.into_iter()
        .flatten()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".").join("SOURCE.md")
            } else {
                d.join("SOURCE.md")
            }
        })
        .find(|p| p.is_file())
}

/// The attribution written into the pack: the files, and the title and first paragraph of the
/// collection's `SOURCE.md` when there is one.
fn attribution(req: &ImportRequest, source: Option<&Path>) -> String {
    let name = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    };
    let mut out = format!(
        "Exercises and gold made by `tisc workshop import-qrels` from a judged test collection: queries {}, judgments {}.",
        name(req.queries),
        name(req.qrels)
    );
    let text = source.and_then(|p| std::fs::read_to_string(p).ok());
    match (source, text) {
        (Some(p), Some(text)) => {
            let mut title = None;
            let mut para: Vec<&str> = Vec::new();
            for line in text.lines().map(str::trim) {
                if title.is_none() {
                    if let Some(t) = line.strip_prefix('#') {
                        title = Some(t.trim_start_matches('#').trim());
                        continue;
                    }
                    if line.is_empty() {
                        continue;
                    }
                }
                if line.starts_with('#') || (line.is_empty() && !para.is_empty()) {
                    if para.is_empty() {
                        continue;
                    }
                    break;
                }
                if !line.is_empty() {
                    para.push(line);
                }
            }
            out.push_str(&format!(" The collection, as described in {}:", name(p)));
            if let Some(t) = title.filter(|t| !t.is_empty()) {
                out.push_str(&format!(" {t}."));
            }
            if !para.is_empty() {
                out.push(' ');
                out.push_str(&para.join(" "));
            }
        }
        _ => out.push_str(
            " No SOURCE.md was found beside these files: the collection's own terms of use and citation apply.",
        ),
    }
    out
}

/// A TOML basic string holding `s`.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Make the pack. Refuses an output folder that holds files unless `force`.
pub fn import_qrels(req: &ImportRequest) -> Result<ImportSummary, WorkshopError> {
    if req.count == 0 {
        return Err(WorkshopError::BadValue(
            "--count 0: give the number of exercises to make (1 or more)".into(),
        ));
    }
    if crate::corpus::check_name(req.corpus).is_err() {
        return Err(WorkshopError::BadValue(format!(
            "`{}` is not a corpus name (see `tisc corpora`)",
            req.corpus
        )));
    }
    if req.out.is_file() {
        return Err(WorkshopError::BadFile {
            path: req.out.to_path_buf(),
            message: "is a file: give a folder for the pack".into(),
        });
    }
    let holds_files = std::fs::read_dir(req.out).is_ok_and(|mut rd| rd.next().is_some());
    if holds_files && !req.force {
        return Err(WorkshopError::NotEmpty(req.out.to_path_buf()));
    }
    let (judged, top) = read_qrels(req.qrels)?;
    let chosen: Vec<&Judged> = judged.iter().take(req.count).collect();
    let wanted: BTreeSet<&str> = chosen.iter().map(|(q, _)| q.as_str()).collect();
    let texts = read_queries(req.queries, &wanted)?;
    if let Some((q, _)) = chosen.iter().find(|(q, _)| !texts.contains_key(q)) {
        return Err(WorkshopError::BadFile {
            path: req.queries.to_path_buf(),
            message: format!(
                "query `{q}`, judged in {}, is not in this file",
                req.qrels.display()
            ),
        });
    }
    let source = find_source(req.queries, req.qrels);
    let collection = req
        .queries
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "a judged collection".into());
    let title = req
        .title
        .map(str::to_string)
        .unwrap_or_else(|| format!("Exercises from {collection}"));
    let mut pack = String::new();
    pack.push_str("# Made by `tisc workshop import-qrels`: the exercises are the first judged queries\n# of the collection, the gold (gold.toml) its judgments.\n");
    pack.push_str(&format!("title = {}\n", toml_str(&title)));
    pack.push_str(&format!("language = {}\n", toml_str(req.language)));
    pack.push_str(&format!("corpora = [{}]\n", toml_str(req.corpus)));
    pack.push_str(&format!(
        "attribution = {}\n",
        toml_str(&attribution(req, source.as_deref()))
    ));
    pack.push_str(&format!(
        "instructions = {}\n",
        toml_str(&format!(
            "Each exercise is a query of a judged test collection. Search the corpus `{}` for the documents that answer it, and cite each one you would give the person who asked (X: answers it on its own; A: related background).",
            req.corpus
        ))
    ));
    let mut gold = String::from(
        "# The collection's judgments. Leave this file out of the copies handed to trainees.\n",
    );
    let mut taken = BTreeSet::new();
    let mut citations = 0;
    for (query, judgments) in &chosen {
        let text = &texts[query.as_str()];
        let id = exercise_id(query, &taken);
        taken.insert(id.clone());
        pack.push_str("\n[[exercise]]\n");
        pack.push_str(&format!("id = {}\n", toml_str(&id)));
        pack.push_str(&format!(
            "# query-id {} of {}\n",
            query.replace(['\n', '\r'], " "),
            req.qrels.display()
        ));
        pack.push_str(&format!("title = {}\n", toml_str(&title_of(text))));
        pack.push_str(&format!("cutoff = {}\n", req.cutoff));
        pack.push_str(&format!(
            "time_limit = {}\n",
            toml_str(&format_time_limit(req.time_limit_secs))
        ));
        pack.push_str(&format!("disclosure = {}\n", toml_str(text)));
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        pack.push_str(&format!(
            "claims = {}\n",
            toml_str(&format!("1. {one_line}"))
        ));
        gold.push_str(&format!("\n[{}]\ncitations = [\n", toml_str(&id)));
        for j in judgments {
            let category = if j.grade == top { "X" } else { "A" };
            gold.push_str(&format!(
                "    {{ doc = {}, category = \"{category}\", claims = [1] }},\n",
                toml_str(&j.doc)
            ));
            citations += 1;
        }
        gold.push_str("]\n");
    }
    let pack_path = req.out.join(PACK_FILE);
    let gold_path = req.out.join(GOLD_FILE);
    std::fs::create_dir_all(req.out).map_err(WorkshopError::io(req.out))?;
    crate::fsutil::write_atomic(&pack_path, pack.as_bytes())
        .map_err(WorkshopError::io(&pack_path))?;
    crate::fsutil::write_atomic(&gold_path, gold.as_bytes())
        .map_err(WorkshopError::io(&gold_path))?;
    // What was written must read back as a pack: a failure here is a bug, said as such.
    super::pack::load(req.out)?;
    super::gold::load(req.out)?;
    Ok(ImportSummary {
        dir: req.out.to_path_buf(),
        exercises: chosen.len(),
        citations,
        judged_queries: judged.len(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn request<'a>(q: &'a Path, r: &'a Path, out: &'a Path, count: usize) -> ImportRequest<'a> {
        ImportRequest {
            corpus: "tiny",
            queries: q,
            qrels: r,
            out,
            count,
            force: false,
            title: None,
            cutoff: Date::parse("2030-01-01").unwrap(),
            time_limit_secs: 1800,
            language: "en",
        }
    }

    #[test]
    fn graded_judgments_become_x_and_a_and_zero_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let q = write(
            dir.path(),
            "queries.jsonl",
            "{\"_id\": \"a b\", \"text\": \"Why \\\"quotes\\\"?\"}\n{\"_id\": \"7\", \"text\": \"seven\"}\n{\"_id\": \"8\", \"text\": \"eight\"}\n",
        );
        let r = write(
            dir.path(),
            "qrels.tsv",
            "query-id\tcorpus-id\tscore\n9\td0\t0\na b\td1\t2\na b\td2\t1\n7\td3\t1\n8\td4\t2\n",
        );
        let out = dir.path().join("pack");
        let s = import_qrels(&request(&q, &r, &out, 2)).unwrap();
        assert_eq!((s.exercises, s.citations, s.judged_queries), (2, 3, 3));
        let pack = super::super::pack::load(&out).unwrap();
        let ids: Vec<&str> = pack.exercises.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["q-a-b", "7"]);
        assert_eq!(pack.exercises[0].disclosure, "Why \"quotes\"?");
        assert_eq!(pack.exercises[0].claims[0].text, "Why \"quotes\"?");
        assert_eq!(pack.corpora, ["tiny"]);
        assert!(pack
            .attribution
            .as_deref()
            .unwrap()
            .contains("No SOURCE.md"));
        let gold = super::super::gold::load(&out).unwrap().unwrap();
        let cats: Vec<String> = gold
            .citations("q-a-b")
            .unwrap()
            .iter()
            .map(|c| format!("{}:{}", c.doc, c.category))
            .collect();
        assert_eq!(cats, ["d1:X", "d2:A"]);
        // Grade 1 is below the collection's top grade (2): A.
        assert_eq!(gold.citations("7").unwrap()[0].category.to_string(), "A");
        // Again into the same folder: refused unless forced.
        let again = import_qrels(&request(&q, &r, &out, 1)).unwrap_err();
        assert!(matches!(again, WorkshopError::NotEmpty(_)));
        let mut forced = request(&q, &r, &out, 1);
        forced.force = true;
        assert_eq!(import_qrels(&forced).unwrap().exercises, 1);
    }

    #[test]
    fn a_bad_judgment_or_query_line_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let q = write(
            dir.path(),
            "queries.jsonl",
            "{\"_id\": \"1\", \"text\": \"one\"}\nnot json\n",
        );
        let r = write(
            dir.path(),
            "qrels.tsv",
            "query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\tmany\n",
        );
        let out = dir.path().join("pack");
        let e = import_qrels(&request(&q, &r, &out, 1))
            .unwrap_err()
            .to_string();
        assert!(e.contains("qrels.tsv:3: ") && e.contains("`many`"), "{e}");
        let r = write(
            dir.path(),
            "qrels.tsv",
            "query-id\tcorpus-id\tscore\n1\td1\t1\n",
        );
        let e = import_qrels(&request(&q, &r, &out, 1))
            .unwrap_err()
            .to_string();
        assert!(e.contains("queries.jsonl:2: "), "{e}");
        let r = write(dir.path(), "qrels.tsv", "q\tdoc\tscore\n1\td1\t1\n");
        let e = import_qrels(&request(&q, &r, &out, 1))
            .unwrap_err()
            .to_string();
        assert!(e.contains("qrels.tsv:1: "), "{e}");
        assert!(!out.exists());
    }

    #[test]
    fn a_long_query_makes_a_short_title() {
        let long = "word ".repeat(40);
        let t = title_of(&long);
        assert!(t.chars().count() <= 80 && t.ends_with('…'), "{t}");
        assert_eq!(title_of("  short \n query "), "short query");
    }
}
