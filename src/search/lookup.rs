//! Finding one document by the reference a user types: a publication number in any spelling
//! (`US 7,000,001 B2`, `US7000001`), `PMID:<n>`, a DOI (bare, `doi:` or `https://doi.org/`),
//! `PMC<n>`, or a collection's own id. Exact term lookups on the `id`, `pn`, `doi` and
//! `pmid` fields; no ranking.

use super::SearchError;
use crate::index::CorpusIndex;
use crate::model::{Document, PatentNumber};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Which exact field a reference term is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefField {
    /// Canonical or collection id.
    Id,
    /// Publication number, with or without kind code.
    Pn,
    /// DOI, lower-cased.
    Doi,
    /// PubMed id, digits.
    Pmid,
}

/// A parsed reference: every term it could match.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub input: String,
    pub terms: Vec<(RefField, String)>,
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..).unwrap_or_default())
}

impl Reference {
    /// Read a reference; `None` when it is empty.
    pub fn parse(input: &str) -> Option<Reference> {
        let s = input.trim();
        if s.is_empty() {
            return None;
        }
        let mut terms = vec![(RefField::Id, s.to_string())];
        let pmid = strip_prefix_ci(s, "pmid:").or_else(|| strip_prefix_ci(s, "pmid "));
        if let Some(digits) = pmid.map(str::trim) {
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                terms.push((RefField::Pmid, digits.to_string()));
                terms.push((RefField::Id, format!("PMID:{digits}")));
            }
        }
        let mut doi = s;
        for prefix in [
            "https://doi.org/",
            "http://doi.org/",
            "https://dx.doi.org/",
            "http://dx.doi.org/",
            "doi:",
            "doi ",
        ] {
            if let Some(rest) = strip_prefix_ci(doi, prefix) {
                doi = rest.trim();
            }
        }
        if doi.starts_with("10.") && doi.contains('/') {
            let lower = doi.to_ascii_lowercase();
            terms.push((RefField::Id, format!("doi:{lower}")));
            terms.push((RefField::Doi, lower));
        }
        if let Some(digits) = strip_prefix_ci(s, "pmc") {
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                terms.push((RefField::Id, format!("PMC{digits}")));
            }
        }
        if let Ok(n) = PatentNumber::parse(s) {
            // Either spelling of a European number, so that an index built before numbers
            // were padded (`EP546210B2`) is still found by `EP0546210B2` and the reverse.
            for spelling in n.spellings(true) {
                terms.push((RefField::Id, spelling.clone()));
                terms.push((RefField::Pn, spelling));
            }
        }
        let mut seen = Vec::new();
        terms.retain(|t| {
            let fresh = !seen.contains(t);
            seen.push(t.clone());
            fresh
        });
        Some(Reference {
            input: s.to_string(),
            terms,
        })
    }

    /// Whether a document with these identifiers is the one referred to.
    pub fn matches(
        &self,
        id: &str,
        pn_forms: &[String],
        doi: Option<&str>,
        pmid: Option<&str>,
    ) -> bool {
        self.terms.iter().any(|(field, t)| match field {
            RefField::Id => id.eq_ignore_ascii_case(t),
            RefField::Pn => pn_forms.iter().any(|p| p == t),
            RefField::Doi => doi.is_some_and(|d| d.eq_ignore_ascii_case(t)),
            RefField::Pmid => pmid == Some(t.as_str()),
        })
    }
}

/// The documents of one corpus a reference matches (usually one; several when a number
/// without kind code matches an application and its grant).
pub fn find(index: &CorpusIndex, r: &Reference) -> Result<Vec<Document>, SearchError> {
    let f = &index.fields;
    let clauses: Vec<(Occur, Box<dyn Query>)> = r
        .terms
        .iter()
        .map(|(field, text)| {
            let field = match field {
                RefField::Id => f.id,
                RefField::Pn => f.pn,
                RefField::Doi => f.doi,
                RefField::Pmid => f.pmid,
            };
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    let searcher = index.reader.searcher();
    let top = searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(20))?;
    let mut out: Vec<Document> = Vec::new();
    for (_, addr) in top {
        let doc = index.load(&searcher, addr)?;
        if !out.iter().any(|d| d.biblio.id == doc.biblio.id) {
            out.push(doc);
        }
    }
    out.sort_by(|a, b| a.biblio.id.cmp(&b.biblio.id));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(r: &Reference, field: RefField, text: &str) -> bool {
        r.terms.contains(&(field, text.to_string()))
    }

    #[test]
    fn references_in_many_spellings_become_exact_terms() {
        let r = Reference::parse(" US 7,000,001 B2 ").unwrap();
        assert!(has(&r, RefField::Pn, "US7000001B2"));
        let r = Reference::parse("us07000001").unwrap();
        assert!(has(&r, RefField::Pn, "US7000001"));
        let r = Reference::parse("PMID: 123").unwrap();
        assert!(has(&r, RefField::Pmid, "123") && has(&r, RefField::Id, "PMID:123"));
        let r = Reference::parse("https://doi.org/10.1000/ABC.1").unwrap();
        assert!(has(&r, RefField::Doi, "10.1000/abc.1"));
        assert!(!r.terms.iter().any(|(f, _)| *f == RefField::Pn));
        let r = Reference::parse("pmc42").unwrap();
        assert!(has(&r, RefField::Id, "PMC42"));
        let r = Reference::parse("4983").unwrap();
        assert_eq!(r.terms, [(RefField::Id, "4983".to_string())]);
        assert!(Reference::parse("  ").is_none());
    }

    #[test]
    fn matching_a_citation_uses_every_form() {
        let r = Reference::parse("US 7000001").unwrap();
        let forms = ["US7000001B2".to_string(), "US7000001".to_string()];
        assert!(r.matches("US7000001B2", &forms, None, None));
        let r = Reference::parse("doi:10.1/X").unwrap();
        assert!(r.matches("PMID:9", &[], Some("10.1/x"), Some("9")));
        assert!(!Reference::parse("PMID:8")
            .unwrap()
            .matches("PMID:9", &[], None, Some("9")));
    }
}
