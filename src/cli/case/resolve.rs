//! Finding the document a user cites: which corpora to look in, and the one document a
//! reference names there (or a clear error when it names none or several).

use crate::case::Case;
use crate::cli::usage;
use crate::corpus::{self, Workspace};
use crate::index::{self, CorpusIndex};
use crate::model::Document;
use crate::search::lookup::{self, Reference};

/// The corpora a document is looked up in: the one given, else the case's, else every
/// indexed corpus.
pub(super) fn corpora(
    ws: &Workspace,
    case: &Case,
    given: Option<&str>,
) -> anyhow::Result<Vec<String>> {
    if let Some(c) = given {
        corpus::find(ws, c)?;
        return Ok(vec![c.to_string()]);
    }
    if !case.corpora.is_empty() {
        return Ok(case.corpora.clone());
    }
    let all: Vec<String> = corpus::list(ws)
        .into_iter()
        .flatten()
        .map(|c| c.def.name)
        .filter(|n| index::read_meta(&ws.index_dir(n)).is_some())
        .collect();
    if all.is_empty() {
        anyhow::bail!(
            "no corpus is indexed yet — run `tisc index demo` (or index your own collection) first"
        );
    }
    Ok(all)
}

/// Find the one document `reference` names.
pub(super) fn document(
    ws: &Workspace,
    corpora: &[String],
    reference: &str,
) -> anyhow::Result<(String, Document)> {
    let r = Reference::parse(reference).ok_or_else(|| usage("the document reference is empty"))?;
    let mut found: Vec<(String, Document)> = Vec::new();
    for name in corpora {
        let idx = CorpusIndex::open(&ws.index_dir(name), name)?;
        for d in lookup::find(&idx, &r)? {
            found.push((name.clone(), d));
        }
    }
    match found.len() {
        0 => Err(usage(format!(
            "no document `{reference}` in {} — check the number (e.g. US7000001B2, EP 3404678, PMID:123, 10.1000/xyz) or find it with `tisc search`",
            corpora.join(", ")
        ))),
        1 => Ok(found.remove(0)),
        _ => {
            let list: Vec<String> = found.iter().map(|(c, d)| format!("{} (in {c})", d.biblio.id)).collect();
            Err(usage(format!(
                "`{reference}` matches several documents: {} — give the full number with its kind code, or add --corpus NAME",
                list.join(", ")
            )))
        }
    }
}
