//! Checking a pack before a course: the pack and its gold parse, they agree, and every gold
//! document exists in the corpora the exercise names.
//!
//! A file that does not parse is an error returned at once (with its file and line). The rest
//! is gathered as [`Finding`]s: errors (an exercise id of the gold missing from the pack, a
//! gold claim the exercise does not have, a gold document not found, one published on or
//! after the cutoff that is not cited as P or E) and warnings (an exercise without gold, a
//! corpus that is not indexed here, so its documents could not be looked up).
//!
//! Unless the trainer asks ([`CheckOptions::trainer`]), a gold entry is named by its position
//! only (`exercise solar-1, gold citation 2`), so the check can be run where trainees see it;
//! the trainer's check also lists every gold citation found ([`Severity::Found`]).

use super::error::WorkshopError;
use super::gold::{self, Gold};
use super::pack::{self, PACK_FILE};
use super::{GoldCitation, Pack};
use crate::case::Category;
use crate::corpus::Workspace;
use crate::index::{self, CorpusIndex};
use crate::model::{Document, PatentNumber};
use crate::search::lookup::{self, Reference};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// A gold citation found as written, listed for the trainer (`--trainer` only).
    Found,
}

/// One problem found in a pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub file: PathBuf,
    /// Line in `file`, when there is one to point at.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Found => "found",
        };
        match self.line {
            Some(l) => write!(f, "{level}: {}:{l}: {}", self.file.display(), self.message),
            None => write!(f, "{level}: {}: {}", self.file.display(), self.message),
        }
    }
}

/// What to check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Name gold documents in the findings (the trainer's view).
    pub trainer: bool,
}

/// The result of checking a pack.
#[derive(Debug)]
pub struct CheckReport {
    pub pack: Pack,
    /// `None`: the pack has no `gold.toml` (a trainee's copy); the pack alone was checked.
    pub gold: Option<Gold>,
    pub findings: Vec<Finding>,
    /// Gold citations looked up and found in an indexed corpus.
    pub found: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}

/// A corpus as the check sees it: its index, or why it cannot be searched here.
enum Corpus {
    Indexed(Box<CorpusIndex>),
    Unavailable,
}

/// Check the pack in folder `dir`.
pub fn check(ws: &Workspace, dir: &Path, opts: CheckOptions) -> Result<CheckReport, WorkshopError> {
    let pack = pack::load(dir)?;
    let gold = gold::load(dir)?;
    let mut findings = Vec::new();
    let mut found = 0;
    let pack_file = dir.join(PACK_FILE);
    let mut corpora: BTreeMap<String, Corpus> = BTreeMap::new();
    for exercise in &pack.exercises {
        for name in pack.corpora_of(exercise) {
            if corpora.contains_key(name) {
                continue;
            }
            let corpus = open_corpus(ws, name, &pack_file, &mut findings)?;
            corpora.insert(name.clone(), corpus);
        }
    }
    let Some(g) = &gold else {
        return Ok(CheckReport {
            pack,
            gold,
            findings,
            found,
        });
    };
    for ge in &g.exercises {
        if pack.exercises.iter().all(|e| e.id != ge.id) {
            findings.push(Finding {
                severity: Severity::Error,
                file: g.path.clone(),
                line: Some(ge.line),
                message: format!(
                    "exercise `{}` is not in the pack (its exercises: {})",
                    ge.id,
                    pack.exercises
                        .iter()
                        .map(|e| e.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    for exercise in &pack.exercises {
        let Some(ge) = g.exercise(&exercise.id) else {
            findings.push(Finding {
                severity: Severity::Warning,
                file: pack_file.clone(),
                line: None,
                message: format!(
                    "exercise `{}` has no gold answer in {}: it cannot be scored",
                    exercise.id,
                    gold::GOLD_FILE
                ),
            });
            continue;
        };
        let names = pack.corpora_of(exercise);
        for (i, (citation, line)) in ge.citations.iter().zip(&ge.lines).enumerate() {
            let who = if opts.trainer {
                format!(
                    "exercise {}, gold citation {} ({})",
                    exercise.id,
                    i + 1,
                    citation.doc
                )
            } else {
                format!("exercise {}, gold citation {}", exercise.id, i + 1)
            };
            let mut listed: Option<Finding> = None;
            let mut error = |message: String| {
                findings.push(Finding {
                    severity: Severity::Error,
                    file: g.path.clone(),
                    line: Some(*line),
                    message,
                })
            };
            let unknown: Vec<String> = citation
                .claims
                .iter()
                .filter(|n| exercise.claims.iter().all(|c| c.number != **n))
                .map(u32::to_string)
                .collect();
            if !unknown.is_empty() {
                error(format!(
                    "{who}: claim {} is not among the exercise's claims (1 to {})",
                    unknown.join(", "),
                    exercise.claims.len()
                ));
            }
            if ge.citations[..i]
                .iter()
                .any(|c| same_doc(&c.doc, &citation.doc))
            {
                error(format!("{who}: the same document is cited earlier"));
            }
            match look_up(&corpora, names, citation)? {
                Lookup::NotSearched => {}
                Lookup::Missing(searched) => error(format!(
                    "{who}: not found in corpus {}",
                    searched.join(", ")
                )),
                Lookup::Several(ids) => error(if opts.trainer {
                    format!(
                        "{who}: matches several documents ({}): give the id as `tisc search` prints it",
                        ids.join(", ")
                    )
                } else {
                    format!(
                        "{who}: matches {} documents: give the id as `tisc search` prints it",
                        ids.len()
                    )
                }),
                Lookup::Found(doc) => {
                    found += 1;
                    if opts.trainer {
                        let claims: Vec<String> =
                            citation.claims.iter().map(u32::to_string).collect();
                        let date = doc
                            .biblio
                            .publication_date
                            .map_or_else(|| "no date".to_string(), |d| d.to_string());
                        listed = Some(Finding {
                            severity: Severity::Found,
                            file: g.path.clone(),
                            line: Some(*line),
                            message: format!(
                                "{who}: {}, claims {}, published {date}",
                                citation.category,
                                if claims.is_empty() {
                                    "-".to_string()
                                } else {
                                    claims.join(", ")
                                }
                            ),
                        });
                    }
                    if !spelled_as_printed(&citation.doc, &doc.biblio.id) {
                        error(if opts.trainer {
                            format!(
                                "{who}: write the id as `tisc search` prints it: {}",
                                doc.biblio.id
                            )
                        } else {
                            format!("{who}: write the id as `tisc search` prints it")
                        });
                    }
                    let late = doc
                        .biblio
                        .publication_date
                        .is_some_and(|d| d >= exercise.cutoff);
                    let p_or_e = citation.category.contains(Category::P)
                        || citation.category.contains(Category::E);
                    if late && !p_or_e {
                        error(format!(
                            "{who}: published on or after the cutoff ({}), so its category must include P or E, not `{}`",
                            exercise.cutoff, citation.category
                        ));
                    }
                }
            }
            findings.extend(listed);
        }
    }
    Ok(CheckReport {
        pack,
        gold,
        findings,
        found,
    })
}

fn open_corpus(
    ws: &Workspace,
    name: &str,
    pack_file: &Path,
    findings: &mut Vec<Finding>,
) -> Result<Corpus, WorkshopError> {
    let mut warn = |message: String| {
        findings.push(Finding {
            severity: Severity::Warning,
            file: pack_file.to_path_buf(),
            line: None,
            message,
        })
    };
    if crate::corpus::find(ws, name).is_err() {
        warn(format!(
            "corpus `{name}` is not defined here (see `tisc corpora`): its gold documents were not looked up"
        ));
        return Ok(Corpus::Unavailable);
    }
    let dir = ws.index_dir(name);
    if index::read_meta(&dir).is_none() {
        warn(format!(
            "corpus `{name}` is not indexed (run `tisc index {name}`): its gold documents were not looked up"
        ));
        return Ok(Corpus::Unavailable);
    }
    let idx = CorpusIndex::open(&dir, name).map_err(|e| WorkshopError::Index {
        corpus: name.to_string(),
        message: e.to_string(),
    })?;
    Ok(Corpus::Indexed(Box::new(idx)))
}

enum Lookup {
    /// None of the corpora could be searched.
    NotSearched,
    /// Not in the corpora searched (named).
    Missing(Vec<String>),
    /// Several documents (their ids).
    Several(Vec<String>),
    Found(Box<Document>),
}

fn look_up(
    corpora: &BTreeMap<String, Corpus>,
    names: &[String],
    citation: &GoldCitation,
) -> Result<Lookup, WorkshopError> {
    let Some(r) = Reference::parse(&citation.doc) else {
        return Ok(Lookup::Missing(names.to_vec()));
    };
    let mut searched = Vec::new();
    let mut docs: Vec<Document> = Vec::new();
    for name in names {
        let Some(Corpus::Indexed(idx)) = corpora.get(name) else {
            continue;
        };
        searched.push(name.clone());
        let hits = lookup::find(idx, &r).map_err(|e| WorkshopError::Index {
            corpus: name.clone(),
            message: e.to_string(),
        })?;
        for d in hits {
            if !docs.iter().any(|x| x.biblio.id == d.biblio.id) {
                docs.push(d);
            }
        }
    }
    if searched.is_empty() {
        return Ok(Lookup::NotSearched);
    }
    // A number without kind code may match an application and its grant: the exact id wins.
    if docs.len() > 1 {
        if let Some(i) = docs
            .iter()
            .position(|d| spelled_as_printed(&citation.doc, &d.biblio.id))
        {
            return Ok(Lookup::Found(Box::new(docs.swap_remove(i))));
        }
    }
    Ok(match docs.len() {
        0 => Lookup::Missing(searched),
        1 => Lookup::Found(Box::new(docs.remove(0))),
        _ => Lookup::Several(docs.into_iter().map(|d| d.biblio.id).collect()),
    })
}

/// Whether `written` is the id `printed` exactly as `tisc search` prints it, or for a European
/// number its other spelling (`EP546210B2` for `EP0546210B2`). Case counts: scores compare
/// ids as printed.
fn spelled_as_printed(written: &str, printed: &str) -> bool {
    let written = written.trim();
    written == printed
        || PatentNumber::parse(printed)
            .is_ok_and(|n| n.spellings(true).iter().any(|s| s == written))
}

/// Whether two gold ids name the same document (ignoring case and the European spellings).
fn same_doc(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_ascii_uppercase(), b.trim().to_ascii_uppercase());
    spelled_as_printed(&a, &b) || spelled_as_printed(&b, &a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_european_spellings_are_accepted_and_others_are_not() {
        assert!(spelled_as_printed("EP0546210B2", "EP0546210B2"));
        assert!(spelled_as_printed("EP546210B2", "EP0546210B2"));
        assert!(spelled_as_printed("PMID:39900023", "PMID:39900023"));
        assert!(!spelled_as_printed("pmid:39900023", "PMID:39900023"));
        assert!(!spelled_as_printed("us6920979b2", "US6920979B2"));
        assert!(!spelled_as_printed("US 6,920,979 B2", "US6920979B2"));
        assert!(!spelled_as_printed("US6920979", "US6920979B2"));
        assert!(same_doc("EP0546210B2", "EP546210B2"));
        assert!(same_doc("ep546210b2", "EP0546210B2"));
    }
}
